# appeal-lint - see README.md. `make`, `make test`, `make bench`, `make clean`.
CC       ?= cc
PKG      ?= pkg-config
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wcast-qual -Wundef \
            -Wvla -Wnull-dereference
CPPFLAGS += -D_DEFAULT_SOURCE -Isrc -Ibuild
DEPS      = libpcre2-8 libcjson hunspell
DEP_CFLAGS := $(shell $(PKG) --cflags $(DEPS))
DEP_LIBS   := $(shell $(PKG) --libs $(DEPS)) -pthread
ALL_CFLAGS = $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) $(DEP_CFLAGS) -pthread
# `make V=1` shows the commands
Q = $(if $(V),,@)
say = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)

LIB_SRC = \
	src/al.c \
	src/buf.c \
	src/text.c \
	src/re.c \
	src/letter.c \
	src/jsonpos.c \
	src/rules.c \
	src/config.c \
	src/engine.c \
	src/checks.c \
	src/report.c \
	src/report_text.c \
	src/report_json.c \
	src/report_sarif.c \
	src/report_github.c \
	src/report_xml.c \
	src/dict.c \
	src/speller.c \
	src/spelling.c \
	src/fix.c \
	src/lint.c \
	src/batch.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/%.o) build/rules_builtin.o build/dict_blob.o
# hunspell's dictionaries, expanded at build time into the compiled-in word list
DICT_DIR ?= /usr/share/hunspell
RULES   = $(sort $(filter-out rules/schema.json,$(wildcard rules/*.json)))
UNIT    = text letter rules engine fix spelling
UNIT_BIN = $(UNIT:%=build/test_%)

all: appeal-lint

appeal-lint: build/main.o build/libappeal.a
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

build/libappeal.a: $(LIB_OBJ)
	$(call say,AR,$@)$(AR) rcs $@ $^

build/%.o: src/%.c | build
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default rule pack, compiled in; regenerated when a rule file changes.
build/rules_builtin.c: build/embed $(RULES) | build
	$(call say,EMBED,rules)build/embed $@ $(RULES)

build/rules_builtin.o: build/rules_builtin.c
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

build/embed: tools/embed.c | build
	$(call say,CC,$<)$(CC) $(WARN) $(CFLAGS) $(CFLAGS_EXTRA) -o $@ $<

build/test_%: tests/unit/test_%.c build/libappeal.a
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< build/libappeal.a $(DEP_LIBS) $$($(PKG) --libs cmocka)

build/run_cases: tests/run_cases.c build/libappeal.a
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< build/libappeal.a $(DEP_LIBS)

build:
	$(Q)mkdir -p build

test: appeal-lint $(UNIT_BIN) build/run_cases
	@tests/run.sh

# Regenerates corpus/expected/*.json from the current build: review the diff.
golden: appeal-lint
	@tests/golden.sh --update

bench: appeal-lint
	@tests/bench.sh

clean:
	rm -rf build appeal-lint

.PHONY: all test golden bench clean
-include $(wildcard build/*.d)
