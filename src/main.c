/* main.c - the command line: options, inputs, exit codes. */
#include "fix.h"
#include "kinds.h"
#include "lint.h"
#include "report.h"
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

#define DEFAULT_MAX_SIZE (16u << 20)

typedef struct opts {
	const al_emitter *emitter;
	int fail_on;     /* al_severity; AL_SEV_NONE never fails */
	int min_score;   /* -1: no minimum */
	int quiet, color, list_rules, check_rules, structure, fix;
	unsigned spell_mask;   /* AL_DICT_* accepted by spelling; 0: both */
	const char *spell_lang; /* hunspell dictionary for suggestions */
	const char *explain, *stdin_name;
	size_t max_size;
	const char **rule_dirs;
	size_t nrule_dirs;
} opts;

static const char usage_text[] =
	"Usage: appeal-lint [options] FILE... | DIR... | -\n"
	"Checks Amazon appeal letters (Plans of Action) before they are sent.\n"
	"\n"
	"  -f, --format FMT        output format: text (default) or json\n"
	"      --fail-on LEVEL     exit 1 on findings at LEVEL or above:\n"
	"                          error (default), warning, info or none\n"
	"      --min-score N       exit 1 when a letter scores under N (0-100)\n"
	"  -r, --rules DIR         load more rule files (*.json) from DIR; a rule\n"
	"                          with a built-in id replaces it (repeatable)\n"
	"      --list-rules        list the rules: id, severity, summary\n"
	"      --explain ID        explain a rule: why, source, examples\n"
	"      --check-rules       run every rule's examples and report failures\n"
	"      --fix               apply every mechanical fix to the files, in place\n"
	"                          (with -, write the fixed letter to stdout)\n"
	"      --spelling ENGLISH  accept en_US or en_GB spelling only (default: any)\n"
	"      --structure         show how each letter was read (parts, blocks,\n"
	"                          list roles) instead of checking it\n"
	"  -q, --quiet             findings only: no suggestion, excerpt or summary\n"
	"      --color WHEN        auto (default), always or never; NO_COLOR is honoured\n"
	"      --stdin-filename N  name to show for the letter read from '-'\n"
	"      --max-size BYTES    refuse larger inputs (default 16M; K and M suffixes)\n"
	"  -V, --version           print the version\n"
	"  -h, --help              print this help\n"
	"\n"
	"A DIR is searched for *.txt and *.md files. Exit status: 0 clean, 1 findings\n"
	"at the --fail-on level or a score under --min-score, 2 usage or input error.\n";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("appeal-lint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(" (see --help)\n", stderr);
	va_end(ap);
	return -1;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		return -1;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	if (*end || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int want_color(const char *when)
{
	if (strcmp(when, "always") == 0)
		return 1;
	if (strcmp(when, "never") == 0)
		return 0;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
}

/* Returns 0 to go on, 1 to exit 0 (help, version), -1 on a usage error. */
static int parse_args(int argc, char **argv, opts *o)
{
	enum { O_FAIL = 256, O_MIN, O_LIST, O_EXPLAIN, O_CHECK, O_COLOR, O_STDIN, O_MAX, O_STRUCT,
	       O_FIX, O_SPELLING };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' }, { "fail-on", required_argument, NULL, O_FAIL },
		{ "min-score", required_argument, NULL, O_MIN }, { "rules", required_argument, NULL, 'r' },
		{ "list-rules", no_argument, NULL, O_LIST }, { "explain", required_argument, NULL, O_EXPLAIN },
		{ "check-rules", no_argument, NULL, O_CHECK }, { "quiet", no_argument, NULL, 'q' },
		{ "color", required_argument, NULL, O_COLOR }, { "stdin-filename", required_argument, NULL, O_STDIN },
		{ "max-size", required_argument, NULL, O_MAX }, { "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' }, { "structure", no_argument, NULL, O_STRUCT },
		{ "fix", no_argument, NULL, O_FIX }, { "spelling", required_argument, NULL, O_SPELLING },
		{ NULL, 0, NULL, 0 },
	};
	const char *color = "auto";
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":f:r:qVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!(o->emitter = al_emitter_find(optarg)))
				return usage_error("unknown format '%s' (formats: text, json)", optarg);
			break;
		case O_FAIL:
			if ((o->fail_on = al_severity_parse(optarg, 1)) < 0)
				return usage_error("--fail-on takes error, warning, info or none, not '%s'", optarg);
			break;
		case O_MIN: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 0 || v > 100)
				return usage_error("--min-score takes a whole number from 0 to 100, not '%s'", optarg);
			o->min_score = (int)v;
			break;
		}
		case 'r':
			o->rule_dirs = al_xrealloc(o->rule_dirs, (o->nrule_dirs + 1) * sizeof *o->rule_dirs);
			o->rule_dirs[o->nrule_dirs++] = optarg;
			break;
		case O_LIST:
			o->list_rules = 1;
			break;
		case O_EXPLAIN:
			o->explain = optarg;
			break;
		case O_CHECK:
			o->check_rules = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case O_STRUCT:
			o->structure = 1;
			break;
		case O_FIX:
			o->fix = 1;
			break;
		case O_SPELLING:
			if (strcmp(optarg, "en_US") == 0)
				o->spell_mask = AL_DICT_US, o->spell_lang = "en_US";
			else if (strcmp(optarg, "en_GB") == 0)
				o->spell_mask = AL_DICT_GB, o->spell_lang = "en_GB";
			else if (strcmp(optarg, "any") == 0)
				o->spell_mask = 0, o->spell_lang = "en_US";
			else
				return usage_error("--spelling takes en_US, en_GB or any, not '%s'", optarg);
			break;
		case O_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
				return usage_error("--color takes auto, always or never, not '%s'", optarg);
			color = optarg;
			break;
		case O_STDIN:
			o->stdin_name = optarg;
			break;
		case O_MAX:
			if (parse_size(optarg, &o->max_size))
				return usage_error("--max-size takes a size in bytes such as 16M, not '%s'", optarg);
			break;
		case 'V':
			printf("appeal-lint %s\n", AL_VERSION);
			return 1;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	o->color = want_color(color);
	return 0;
}

/* ---- inputs ---- */

typedef struct inputs {
	char **paths;
	size_t n, cap;
} inputs;

static void add_input(inputs *in, const char *path)
{
	al_grow(&in->paths, &in->cap, in->n + 1, sizeof *in->paths);
	in->paths[in->n++] = al_xstrdup(path);
}

static int is_letter_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 4 && strcmp(name + n - 4, ".txt") == 0) || (n > 3 && strcmp(name + n - 3, ".md") == 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds dir's letters, sorted, descending into folders (not hidden ones,
 * nor links to folders, which could loop). */
static void add_dir(inputs *in, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		add_input(in, dir); /* reported when read */
		return;
	}
	inputs here = { 0 };
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = al_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		add_input(&here, p);
		free(p);
	}
	closedir(d);
	qsort(here.paths, here.n, sizeof *here.paths, cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		struct stat st;
		if (lstat(here.paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(in, here.paths[i]);
		else if (stat(here.paths[i], &st) == 0 && S_ISREG(st.st_mode) &&
			 is_letter_name(strrchr(here.paths[i], '/') + 1))
			add_input(in, here.paths[i]);
		free(here.paths[i]);
	}
	free(here.paths);
}

static void collect(inputs *in, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(in, argv[i]);
		else
			add_input(in, argv[i]);
	}
}

static void inputs_free(inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->paths[i]);
	free(in->paths);
}

/* ---- rule listing and examples ---- */

static void list_rules(const al_ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		if (!rs->rules[i].part)
			printf("%-18s %-8s %s\n", rs->rules[i].id, al_severity_name(rs->rules[i].severity),
			       rs->rules[i].summary);
}

static void print_indented(const char *s)
{
	fputs("    ", stdout);
	for (; *s; s++) {
		putchar(*s);
		if (*s == '\n' && s[1])
			fputs("    ", stdout);
	}
	putchar('\n');
}

static int explain(const al_ruleset *rs, const char *id)
{
	const al_rule *r = al_ruleset_find(rs, id);
	if (!r) {
		fprintf(stderr, "appeal-lint: no rule '%s' (see --list-rules)\n", id);
		return EXIT_USAGE;
	}
	printf("%s (%s; kind %s, scope %s)\n\n%s\n\nWhy:\n", r->id, al_severity_name(r->severity),
	       al_kind_get(r->kind)->name, al_scope_name(r->scope), r->summary);
	print_indented(r->explain);
	printf("\nSources:\n");
	for (size_t i = 0; i < r->nsources; i++)
		printf("    %s\n", r->sources[i]);
	printf("\nFires on, for example:\n");
	print_indented(r->bad[0]);
	printf("\nPasses, for example:\n");
	print_indented(r->good[0]);
	return EXIT_CLEAN;
}

/* Examples may write any byte as \xHH (a bad encoding, a NUL). */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;
	for (; *s; s++) {
		unsigned v;
		if (s[0] == '\\' && s[1] == 'x' && sscanf(s + 2, "%2x", &v) == 1 && s[2] && s[3]) {
			out[n++] = (char)v;
			s += 3;
		} else {
			out[n++] = *s;
		}
	}
	return n;
}

/* Each bad example must fire its rule, each good one must not. */
static int check_rules(al_linter *L)
{
	size_t checked = 0, failed = 0;
	for (size_t i = 0; i < L->rs.n; i++) {
		const al_rule *r = &L->rs.rules[i];
		for (int bad = 1; bad >= 0; bad--) {
			char **ex = bad ? r->bad : r->good;
			size_t n = bad ? r->nbad : r->ngood;
			for (size_t k = 0; k < n; k++) {
				char *raw = al_xmalloc(strlen(ex[k]) + 1);
				al_linter_run_string(L, raw, unescape(ex[k], raw), r);
				free(raw);
				checked++;
				if ((L->fs.n > 0) != bad) {
					failed++;
					printf("%s: %s example %zu %s:\n", r->file, bad ? "bad" : "good", k + 1,
					       bad ? "does not fire" : "fires");
					print_indented(ex[k]);
				}
			}
		}
	}
	printf("examples: %zu passed, %zu failed\n", checked - failed, failed);
	return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* ---- the run ---- */

static const char *const block_names[] = { "paragraph", "heading", "list", "quote" };
static const char *const role_names[] = { "", "causes", "actions", "prevention" };

static void print_span(const char *label, const al_letter *l, al_span sp)
{
	if (sp.end <= sp.start)
		return;
	al_pos a = al_text_pos(l->text, sp.start), b = al_text_pos(l->text, sp.end);
	printf("  %-10s %zu:%zu-%zu:%zu\n", label, a.line, a.col, b.line, b.col);
}

/* The letter model, for rule authors asking why a rule saw what it saw. */
static void print_structure(const char *name, const al_letter *l)
{
	printf("%s\n", name);
	print_span("header", l, l->header);
	print_span("salutation", l, l->salutation);
	for (size_t b = 0; b < l->nblocks; b++) {
		const al_block *bl = &l->blocks[b];
		al_pos a = al_text_pos(l->text, bl->span.start), e = al_text_pos(l->text, bl->span.end);
		printf("  %-10s %zu:%zu-%zu:%zu", block_names[bl->kind], a.line, a.col, e.line, e.col);
		if (bl->kind == AL_BLOCK_LIST)
			printf(" %s, %zu items", bl->numbered ? "numbered" : "bulleted", bl->nitems);
		if (bl->role)
			printf(" [%s]", role_names[bl->role]);
		for (size_t k = 0; k < l->nopening; k++)
			if (l->opening[k] == b)
				printf(" (opening)");
		if (b >= l->closing0 && l->nblocks)
			printf(" (closing)");
		putchar('\n');
	}
	print_span("signoff", l, l->signoff);
}

static int has_md_suffix(const char *name)
{
	size_t n = strlen(name);
	return (n >= 3 && strcmp(name + n - 3, ".md") == 0) ||
	       (n >= 9 && strcmp(name + n - 9, ".markdown") == 0);
}

/* --fix: mends the letter in L->text and lints the mended text again, so the
 * report shows what is left. Returns 0, or -1 when the file was not fixed. */
static int fix_letter(al_linter *L, const char *path, const char *name, int markdown)
{
	size_t n = L->fs.n;
	if (n == 0)
		return 0;
	unsigned char *applied = al_xmalloc(n);
	al_buf out = { 0 };
	size_t count = al_fix_apply(&L->text, &L->fs, &out, applied);
	int rc = 0;
	if (!path) {
		fwrite(out.data, 1, out.len, stdout);
	} else if (count) {
		al_error err;
		char *original = al_xstrndup(L->text.raw, L->text.raw_len);
		rc = al_fix_write(path, original, L->text.raw_len, out.data, out.len, &err);
		free(original);
		if (rc)
			fprintf(stderr, "appeal-lint: %s\n", err.msg);
	}
	for (size_t i = 0; path && rc == 0 && i < n; i++) {
		const al_finding *f = &L->fs.list[i];
		if (!applied[i])
			continue;
		al_pos p = al_text_pos(&L->text, f->fix.start);
		fprintf(stderr, "%s:%zu:%zu: fixed: \"%.*s\" -> \"%s\" [%s]\n", name, p.line, p.col,
			(int)(f->fix.end - f->fix.start), L->text.data + f->fix.start,
			al_finding_str(&L->fs, f->replacement), f->rule->id);
	}
	if (rc == 0 && count) {
		al_text_set(&L->text, out.data, out.len);
		al_linter_run(L, markdown, NULL);
	}
	al_buf_free(&out);
	free(applied);
	return rc;
}

/* Tells once per run what the run could not do. */
static void tell_notices(al_linter *L, unsigned *told)
{
	unsigned fresh = L->ctx.notices & ~*told;
	if (fresh & AL_NOTICE_NO_DICTIONARY)
		fprintf(stderr, "appeal-lint: spelling skipped: no hunspell dictionary at %s "
				"(install hunspell-en-us)\n",
			al_speller_where(&L->speller));
	*told |= fresh;
}

static int run(al_linter *L, const opts *o, const inputs *in)
{
	unsigned told = 0;
	al_out out = { .fp = stdout, .color = o->color, .quiet = o->quiet };
	int unreadable = 0, failing = 0;
	if (o->emitter->begin)
		o->emitter->begin(&out);
	for (size_t i = 0; i < in->n; i++) {
		const char *path = in->paths[i];
		int is_stdin = strcmp(path, "-") == 0;
		const char *name = is_stdin ? (o->stdin_name ? o->stdin_name : "<stdin>") : path;
		al_error err;
		if (al_text_read(&L->text, is_stdin ? NULL : path, name, o->max_size, &err)) {
			fprintf(stderr, "appeal-lint: %s\n", err.msg);
			o->emitter->file_error(&out, name, err.msg);
			unreadable = 1;
			continue;
		}
		al_linter_run(L, has_md_suffix(name), NULL);
		tell_notices(L, &told);
		if (o->fix && fix_letter(L, is_stdin ? NULL : path, name, has_md_suffix(name)))
			unreadable = 1;
		if (o->fix && is_stdin) {
			for (size_t k = 0; k < L->fs.n; k++)
				failing |= (int)L->fs.list[k].severity >= o->fail_on;
			continue; /* stdout holds the fixed letter */
		}
		if (o->structure) {
			print_structure(name, &L->letter);
			continue;
		}
		al_out_file(&out, o->emitter, name, &L->letter, &L->fs);
		for (size_t k = 0; k < L->fs.n; k++)
			failing |= (int)L->fs.list[k].severity >= o->fail_on;
		failing |= o->min_score >= 0 && al_score(&L->fs) < o->min_score;
	}
	if (o->emitter->end)
		o->emitter->end(&out);
	al_out_free(&out);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "appeal-lint: cannot write the output: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	return unreadable ? EXIT_USAGE : failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int report_rule_error(const al_error *err)
{
	if (err->line)
		fprintf(stderr, "appeal-lint: %s:%d:%d: %s\n", err->file, err->line, err->col, err->msg);
	else
		fprintf(stderr, "appeal-lint: %s\n", err->msg);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	opts o = { .emitter = &al_emit_text, .fail_on = AL_SEV_ERROR, .min_score = -1,
		   .max_size = DEFAULT_MAX_SIZE };
	int rc = parse_args(argc, argv, &o);
	if (rc) {
		free(o.rule_dirs);
		return rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
	}
	static al_linter L;
	al_error err;
	int failed = al_linter_init(&L, o.rule_dirs, o.nrule_dirs, &err);
	L.ctx.spell_mask = o.spell_mask;
	if (o.spell_lang)
		al_speller_set_lang(&L.speller, o.spell_lang);
	if (failed) {
		rc = report_rule_error(&err);
	} else if (o.list_rules) {
		list_rules(&L.rs);
	} else if (o.explain) {
		rc = explain(&L.rs, o.explain);
	} else if (o.check_rules) {
		rc = check_rules(&L);
	} else if (optind >= argc) {
		usage_error("no input: give a FILE, a DIR, or - for standard input");
		rc = EXIT_USAGE;
	} else {
		inputs in = { 0 };
		collect(&in, argc - optind, argv + optind);
		rc = run(&L, &o, &in);
		inputs_free(&in);
	}
	al_linter_free(&L);
	free(o.rule_dirs);
	return rc;
}
