# appeal-lint - see README.md and CONTRIBUTING.md. `make`, `make test`, `make bench`,
# `make format`, `make clean`.
CC       ?= cc
PKG      ?= pkg-config
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wcast-qual -Wundef \
            -Wvla -Wnull-dereference
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man/man1
DOCDIR    = $(PREFIX)/share/doc/appeal-lint
BASHDIR   = $(PREFIX)/share/bash-completion/completions
ZSHDIR    = $(PREFIX)/share/zsh/site-functions
CPPFLAGS += -D_DEFAULT_SOURCE -Isrc -Ibuild
DEPS      = libpcre2-8 libcjson hunspell libzip expat libmicrohttpd
DEP_CFLAGS := $(shell $(PKG) --cflags $(DEPS))
DEP_LIBS   := $(shell $(PKG) --libs $(DEPS)) -l:libstemmer.a -pthread
# `make test SANITIZE=1`: the program, library and tests with ASan and UBSan
ifeq ($(SANITIZE),1)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ALL_CFLAGS = $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) $(SAN_FLAGS) $(DEP_CFLAGS) -pthread
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)
# `make V=1` shows the commands
Q = $(if $(V),,@)
say = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)

# The sources by pipeline stage, earliest first: a module includes headers
# of its own stage and earlier ones only (tests/structure.py checks it).
BASE_SRC   = src/base/al.c src/base/buf.c src/base/lang.c src/base/jsonpos.c src/base/memo.c \
             src/base/stats.c
INPUT_SRC  = src/input/text.c src/input/docx.c
MODEL_SRC  = src/model/lead.c src/model/re.c src/model/letter.c src/model/words.c \
             src/model/concept.c src/model/dict.c src/model/speller.c src/model/suggest.c
RULES_SRC  = src/rules/rules.c src/rules/config.c src/rules/profile.c src/rules/kinds.c \
             src/rules/types.c src/rules/engine.c src/rules/checks.c src/rules/spelling.c \
             src/rules/cite.c src/rules/repeat.c src/rules/lint.c
OUTPUT_SRC = src/output/report.c src/output/resolve.c src/output/structure.c \
             src/output/report_text.c src/output/report_json.c src/output/report_sarif.c \
             src/output/report_github.c src/output/report_xml.c src/output/fix.c
# the front ends the tests and fuzzing harnesses link (batch, lsp), and the
# ones only in the program (the command line, the server)
FRONT_SRC  = src/front/batch.c src/front/lsp.c
PROG_SRC   = src/front/main.c src/front/serve.c
LIB_SRC    = $(BASE_SRC) $(INPUT_SRC) $(MODEL_SRC) $(RULES_SRC) $(OUTPUT_SRC) $(FRONT_SRC)
LIB_OBJ = $(LIB_SRC:src/%.c=build/%.o) build/rules_builtin.o build/dict_blob.o build/catalog_zh.o
# hunspell's dictionaries, expanded at build time into the compiled-in word list
DICT_DIR ?= /usr/share/hunspell
RULES   = $(sort $(filter-out rules/schema.json,$(wildcard rules/*.json)))
UNIT    = text letter rules engine fix spelling lead re concept docx
UNIT_BIN = $(UNIT:%=build/test_%)

all: appeal-lint

# the server and its page are only in the program (not in the library the
# tests and fuzzing harnesses link)
WEB     = web/index.html web/app.css web/app.js
WEB_OBJ = build/web_index.o build/web_css.o build/web_js.o

appeal-lint: $(PROG_SRC:src/%.c=build/%.o) $(WEB_OBJ) build/libappeal.a
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

# The page (web/), compiled in as the rules are: no file beside the binary.
build/web_index.c: build/embed web/index.html
	$(call say,EMBED,$@)build/embed --blob al_web_index $@ web/index.html
build/web_css.c: build/embed web/app.css
	$(call say,EMBED,$@)build/embed --blob al_web_css $@ web/app.css
build/web_js.c: build/embed web/app.js
	$(call say,EMBED,$@)build/embed --blob al_web_js $@ web/app.js

build/web_%.o: build/web_%.c
	$(call say,CC,$<)$(CC) $(CFLAGS) -c -o $@ $<

build/libappeal.a: $(LIB_OBJ)
	$(call say,AR,$@)$(AR) rcs $@ $^

build/%.o: src/%.c build/flags | build
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# every object is rebuilt when the compiler or its flags change (SANITIZE=1)
build/flags: FORCE | build
	@echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)' >$@.tmp; cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

# the installed rules documentation is where SARIF's help links point;
# the header changes (and main.o is rebuilt) only when PREFIX does
build/docdir.h: FORCE | build
	@printf '#define AL_DOCDIR "%s"\n' '$(DOCDIR)' >$@.tmp; cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

build/front/main.o build/front/lsp.o: build/docdir.h

# The default rule pack, compiled in; regenerated when a rule file changes.
build/rules_builtin.c: build/embed $(RULES) | build
	$(call say,EMBED,rules)build/embed $@ $(RULES)

build/rules_builtin.o: build/rules_builtin.c build/flags
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build/%.words: $(DICT_DIR)/%.dic $(DICT_DIR)/%.aff | build
	$(call say,UNMUNCH,$*)unmunch $(DICT_DIR)/$*.dic $(DICT_DIR)/$*.aff >$@.tmp 2>/dev/null && mv $@.tmp $@

build/dict.bin: build/mkdict build/en_US.words build/en_GB.words
	$(call say,MKDICT,$@)build/mkdict $@ 1=build/en_US.words 2=build/en_GB.words 2>/dev/null

build/dict_blob.c: build/embed build/dict.bin
	$(call say,EMBED,$@)build/embed --blob al_dict_blob $@ build/dict.bin

build/dict_blob.o: build/dict_blob.c
	$(call say,CC,$<)$(CC) $(CFLAGS) -c -o $@ $<

build/mkdict: tools/mkdict.c | build
	$(call say,CC,$<)$(CC) $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) -o $@ $<

# The program's own strings in Chinese, from the gettext catalogue.
build/catalog_zh.c: build/po2c po/zh_CN.po | build
	$(call say,PO2C,$@)build/po2c po/zh_CN.po al_catalog_zh >$@.tmp && mv $@.tmp $@

build/catalog_zh.o: build/catalog_zh.c build/flags
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -c -o $@ $<

build/po2c: tools/po2c.c | build
	$(call say,CC,$<)$(CC) $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) -o $@ $<

build/embed: tools/embed.c | build
	$(call say,CC,$<)$(CC) $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) -o $@ $<

build/test_%: tests/unit/test_%.c build/libappeal.a
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< build/libappeal.a $(DEP_LIBS) $$($(PKG) --libs cmocka)

build/run_cases: tests/run_cases.c build/libappeal.a
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< build/libappeal.a $(DEP_LIBS)

# an LD_PRELOAD library that makes --fix fail on purpose (tests/robust.sh)
build/failshim.so: tests/failshim.c | build
	$(call say,CC,$<)$(CC) $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) -shared -fPIC -o $@ $< -ldl

build:
	$(Q)mkdir -p build

test: appeal-lint $(UNIT_BIN) build/run_cases build/failshim.so
	@tests/run.sh

# The README's pictures of the page (docs/serve-*.png), from the browser
# tests; a plain `make test` never writes them.
screenshots: appeal-lint
	@SCREENSHOTS=docs /usr/bin/python3 tests/browser_test.py

# Regenerates the expected outputs from the current build: review the diff.
golden: appeal-lint
	@tests/golden.sh --update
	@tests/formats.sh --update
	@tests/i18n.sh --update

# Every rule's explanation, for the installed documentation.
build/rules.md: appeal-lint tools/rules-md.sh
	$(call say,GEN,$@)tools/rules-md.sh ./appeal-lint >$@

install: appeal-lint build/rules.md
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHDIR) $(DESTDIR)$(ZSHDIR)
	install -m 755 appeal-lint $(DESTDIR)$(BINDIR)/appeal-lint
	install -m 644 man/appeal-lint.1 $(DESTDIR)$(MANDIR)/appeal-lint.1
	install -m 644 completions/appeal-lint.bash $(DESTDIR)$(BASHDIR)/appeal-lint
	install -m 644 completions/_appeal-lint $(DESTDIR)$(ZSHDIR)/_appeal-lint
	install -m 644 build/rules.md README.md SECURITY.md docs/output.schema.json rules/schema.json $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/appeal-lint $(DESTDIR)$(MANDIR)/appeal-lint.1 \
		$(DESTDIR)$(BASHDIR)/appeal-lint $(DESTDIR)$(ZSHDIR)/_appeal-lint
	rm -rf $(DESTDIR)$(DOCDIR)

bench: appeal-lint
	@tests/bench.sh

# precision and recall on letters written without sight of the rules
heldout: appeal-lint
	@python3 tests/heldout.py

# lexicon entries whose stem other words share ("identical" and "identity")
stemcheck: build/stemkey build/en_US.words build/en_GB.words
	@python3 tools/stemcheck.py

build/stemkey: tools/stemkey.c build/libappeal.a
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< build/libappeal.a $(DEP_LIBS)

# per-check precision and recall on the frozen blind sets (tests/blind/)
blind: appeal-lint
	@python3 tests/blind.py

# valgrind memcheck: zero errors and zero leaks over the corpus and every format
leakcheck: appeal-lint
	@tests/leakcheck.sh

# CPU time and memory on hostile inputs (figures, not a test)
pathological: appeal-lint
	@tests/pathological.sh

# Coverage-guided fuzzing (clang's libFuzzer) with ASan and UBSan: each
# harness runs FUZZ_SECONDS from the seeds; a crash, leak or hang fails, and
# so does a finding that the word-heads prefilter changes (fuzz_diff).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS    = -g -O2 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=undefined -DAL_MAX_SUGGEST=2
FUZZ          = lint rules config lsp diff docx
FUZZ_OBJ      = $(LIB_SRC:src/%.c=build/fuzz/%.o) build/fuzz/rules_builtin.o \
                build/fuzz/catalog_zh.o build/dict_blob.o

build/fuzz/flags: FORCE | build/fuzz
	@echo '$(FUZZ_CC) $(FUZZ_FLAGS) $(CFLAGS_EXTRA)' >$@.tmp; cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

build/fuzz/%.o: src/%.c build/fuzz/flags | build/fuzz
	@mkdir -p $(@D)
	$(call say,FUZZCC,$<)$(FUZZ_CC) $(CPPFLAGS) $(WARN) $(FUZZ_FLAGS) $(CFLAGS_EXTRA) $(DEP_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/%.o: build/%.c build/fuzz/flags | build/fuzz
	$(call say,FUZZCC,$<)$(FUZZ_CC) $(CPPFLAGS) $(WARN) $(FUZZ_FLAGS) $(CFLAGS_EXTRA) $(DEP_CFLAGS) -c -o $@ $<

build/fuzz/front/lsp.o: build/docdir.h

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(call say,FUZZLD,$@)$(FUZZ_CC) $(CPPFLAGS) $(WARN) $(FUZZ_FLAGS) $(CFLAGS_EXTRA) $(DEP_CFLAGS) \
		-fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(DEP_LIBS)

build/fuzz:
	$(Q)mkdir -p build/fuzz

.SECONDARY: $(FUZZ_OBJ)

fuzz: $(FUZZ:%=build/fuzz/fuzz_%)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ)

# The same for an hour a harness (FUZZ_SECONDS given still decides), to run
# before a release or after a change to matching, framing or loading.
fuzz-long: $(FUZZ:%=build/fuzz/fuzz_%)
	@tests/fuzz/run.sh $(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),3600) $(FUZZ)

# The C style is .clang-format's: `make format` rewrites the files in
# place, `make format-check` (CI) fails on any line it would change.
CLANG_FORMAT ?= clang-format
FORMAT_SRC    = $(wildcard src/*/*.c src/*/*.h tests/*.c tests/unit/*.c tests/fuzz/*.c)

format:
	$(CLANG_FORMAT) -i $(FORMAT_SRC)

format-check:
	$(CLANG_FORMAT) --dry-run -Werror $(FORMAT_SRC)

clean:
	rm -rf build appeal-lint

FORCE:
.PHONY: all test screenshots golden bench heldout blind stemcheck pathological fuzz fuzz-long leakcheck format format-check \
	clean install uninstall FORCE
-include $(wildcard build/*.d build/*/*.d build/fuzz/*.d build/fuzz/*/*.d)
