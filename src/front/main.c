/* main.c - the command line: options, inputs, configurations, exit codes. */
#include "front/batch.h"
#include "output/fix.h"
#include "output/resolve.h"
#include "rules/kinds.h"
#include "front/lsp.h"
#include "front/serve.h"
#include "input/text.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

#define MAX_JOBS 256

#include "docdir.h" /* AL_DOCDIR, written by make from PREFIX */

typedef struct opts {
	const al_emitter *emitter;
	al_cli cli;
	int quiet, color, list_rules, check_rules, structure, fix, list_formats, no_config;
	int show_ignored, jobs, lsp, verbose, list_types, lang_given, profile;
	const char *explain, *stdin_name, *output, *config, *print_config;
	const char *color_when; /* --color: auto, always or never */
	size_t max_size;
	const char **rule_dirs;
	int port, open, serve_opt; /* serve: --port, --open; serve_opt names one given */
	unsigned timeout;
	const char *listen, *token;
} opts;

static const char usage_text[] =
	N_("Usage: appeal-lint [options] FILE... | DIR... | -\n"
	   "Checks Amazon appeal letters (Plans of Action) before they are sent.\n"
	   "\n"
	   "Output:\n"
	   "  -f, --format FMT        text (default), json, sarif, github, checkstyle, junit\n"
	   "      --list-formats      list the output formats\n"
	   "  -o, --output FILE       write the report to FILE; a summary goes to stdout\n"
	   "  -q, --quiet             findings only: no suggestion, excerpt or summary\n"
	   "  -v, --verbose           also tell each letter's types and the words that decided them\n"
	   "      --color WHEN        auto (default), always or never; NO_COLOR is honoured\n"
	   "      --show-ignored      also show findings the configuration ignores\n"
	   "Gate:\n"
	   "      --fail-on LEVEL     exit 1 on findings at LEVEL or above:\n"
	   "                          error (default), warning, info or none\n"
	   "      --min-score N       exit 1 when a letter scores under N (0-100)\n"
	   "Rules and configuration:\n"
	   "  -c, --config FILE       use FILE, not the nearest .appeal-lint.json\n"
	   "      --no-config         use no configuration file\n"
	   "      --print-config FILE show the configuration that applies to FILE\n"
	   "  -r, --rules DIR         load more rule files (*.json) from DIR; a rule\n"
	   "                          with a built-in id replaces it (repeatable)\n"
	   "      --spelling ENGLISH  accept en_US or en_GB spelling only (default: any)\n"
	   "      --lang LANG         messages in en or zh-CN (default: from LC_ALL,\n"
	   "                          LC_MESSAGES or LANG)\n"
	   "      --type IDS          the letter's types, comma-separated, instead of\n"
	   "                          detecting them (see --list-types)\n"
	   "      --list-types        list the letter types and the words that tell them\n"
	   "      --list-rules        list the rules by group: id, severity, summary, types\n"
	   "      --explain ID        explain a rule: why, source, examples; 'score': the score\n"
	   "      --check-rules       run every rule's examples and report failures\n"
	   "Letters:\n"
	   "      --fix               apply every mechanical fix to the files, in place\n"
	   "                          (with -, write the fixed letter to stdout)\n"
	   "  -j, --jobs N            lint in N threads (default: one per core)\n"
	   "      --lsp               serve the Language Server Protocol on stdin/stdout\n"
	   "                          (also: appeal-lint lsp)\n"
	   "      --structure         show how each letter was read (parts, blocks,\n"
	   "                          list roles) instead of checking it\n"
	   "      --stdin-filename N  name to show for the letter read from '-'\n"
	   "      --max-size BYTES    refuse larger inputs (default 1M; K and M suffixes)\n"
	   "      --profile           after the run, the time of each stage and rule (one thread)\n"
	   "Server (appeal-lint serve [options]: the check in a browser):\n"
	   "      --port N            listen on port N (default 8080; 0: any free port)\n"
	   "      --listen ADDR       listen on ADDR (default 127.0.0.1); an address\n"
	   "                          beyond this machine needs --token\n"
	   "      --token T           require T of every client (Bearer header, or\n"
	   "                          ?token=T once in the page's address)\n"
	   "      --open              open the page in the browser (xdg-open)\n"
	   "      --timeout SECONDS   close a connection idle this long (default 30)\n"
	   "  -V, --version           print the version\n"
	   "  -h, --help              print this help\n"
	   "\n"
	   "A DIR is searched for *.txt, *.md and *.docx files. Exit status: 0 clean, 1 findings\n"
	   "at the --fail-on level or a score under --min-score, 2 usage, input,\n"
	   "rule or configuration error.\n");

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("appeal-lint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(_(" (see --help)\n"), stderr);
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

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_spelling(const char *v, al_cli *cli)
{
	if (strcmp(v, "en_US") == 0)
		cli->spell_mask = AL_DICT_US, cli->spell_lang = "en_US";
	else if (strcmp(v, "en_GB") == 0)
		cli->spell_mask = AL_DICT_GB, cli->spell_lang = "en_GB";
	else if (strcmp(v, "any") == 0)
		cli->spell_mask = 0, cli->spell_lang = "en_US";
	else
		return -1;
	return 0;
}

/* The option handlers: each returns 0, 1 to exit 0 (help, version) or -1
 * after a usage error. */
static int set_format(opts *o, const char *v)
{
	if (!(o->emitter = al_emitter_find(v)))
		return usage_error(_("unknown format '%s' (see --list-formats)"), v);
	return 0;
}

static int set_fail_on(opts *o, const char *v)
{
	if ((o->cli.fail_on = al_severity_parse(v, 1)) < 0)
		return usage_error(_("--fail-on takes error, warning, info or none, not '%s'"), v);
	return 0;
}

static int set_min_score(opts *o, const char *v)
{
	if (parse_int(v, 0, 100, &o->cli.min_score))
		return usage_error(_("--min-score takes a whole number from 0 to 100, not '%s'"), v);
	return 0;
}

static int add_rules(opts *o, const char *v)
{
	o->rule_dirs = al_xrealloc(o->rule_dirs, (o->cli.nrule_dirs + 1) * sizeof *o->rule_dirs);
	o->rule_dirs[o->cli.nrule_dirs++] = v;
	o->cli.rule_dirs = o->rule_dirs;
	return 0;
}

static int set_jobs(opts *o, const char *v)
{
	if (parse_int(v, 1, MAX_JOBS, &o->jobs))
		return usage_error(_("--jobs takes a whole number from 1 to %d, not '%s'"), MAX_JOBS, v);
	return 0;
}

/* The language is set at once, so that the errors of later options use it. */
static int set_lang(opts *o, const char *v)
{
	al_lang l;
	if (al_lang_parse(v, &l))
		return usage_error(_("--lang takes en or zh-CN, not '%s'"), v);
	al_lang_set(l);
	o->lang_given = 1;
	return 0;
}

static int set_spelling(opts *o, const char *v)
{
	if (parse_spelling(v, &o->cli))
		return usage_error(_("--spelling takes en_US, en_GB or any, not '%s'"), v);
	return 0;
}

static int set_color(opts *o, const char *v)
{
	if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
		return usage_error(_("--color takes auto, always or never, not '%s'"), v);
	o->color_when = v;
	return 0;
}

static int set_max_size(opts *o, const char *v)
{
	if (parse_size(v, &o->max_size))
		return usage_error(_("--max-size takes a size in bytes such as 16M, not '%s'"), v);
	return 0;
}

static int set_port(opts *o, const char *v)
{
	if (parse_int(v, 0, 65535, &o->port))
		return usage_error(_("--port takes a port number from 0 to 65535, not '%s'"), v);
	return 0;
}

static int set_listen(opts *o, const char *v)
{
	if (al_serve_is_loopback(v) < 0)
		return usage_error(_("--listen takes an IP address such as 127.0.0.1, not '%s'"), v);
	o->listen = v;
	return 0;
}

static int set_timeout(opts *o, const char *v)
{
	int t;
	if (parse_int(v, 1, 3600, &t))
		return usage_error(_("--timeout takes a number of seconds from 1 to 3600, not '%s'"), v);
	o->timeout = (unsigned)t;
	return 0;
}

static int show_version(opts *o, const char *v)
{
	(void)o, (void)v;
	printf("appeal-lint %s\n", AL_VERSION);
	return 1;
}

static int show_help(opts *o, const char *v)
{
	(void)o, (void)v;
	fputs(_(usage_text), stdout);
	return 1;
}

/* One command-line option. Without set, an option without a value sets the
 * int at field to 1, and one with a value stores it in the const char * at
 * field. */
typedef struct opt_row {
	const char *name;
	char letter;  /* the short form, or 0 */
	int has_arg;  /* no_argument or required_argument */
	size_t field; /* offsetof(opts, ...) */
	int (*set)(opts *o, const char *value);
	int serve; /* an option of appeal-lint serve only */
} opt_row;

#define FLAG(name, letter, f)                                         \
	{                                                             \
		name, letter, no_argument, offsetof(opts, f), NULL, 0 \
	}
#define TEXT(name, letter, f)                                               \
	{                                                                   \
		name, letter, required_argument, offsetof(opts, f), NULL, 0 \
	}
#define CALL(name, letter, fn)                            \
	{                                                 \
		name, letter, required_argument, 0, fn, 0 \
	}

static const opt_row options[] = {
	CALL("format", 'f', set_format),
	FLAG("list-formats", 0, list_formats),
	TEXT("output", 'o', output),
	CALL("fail-on", 0, set_fail_on),
	CALL("min-score", 0, set_min_score),
	CALL("rules", 'r', add_rules),
	TEXT("config", 'c', config),
	FLAG("no-config", 0, no_config),
	TEXT("print-config", 0, print_config),
	FLAG("show-ignored", 0, show_ignored),
	CALL("jobs", 'j', set_jobs),
	FLAG("list-rules", 0, list_rules),
	TEXT("explain", 0, explain),
	FLAG("check-rules", 0, check_rules),
	FLAG("quiet", 'q', quiet),
	CALL("color", 0, set_color),
	TEXT("stdin-filename", 0, stdin_name),
	CALL("max-size", 0, set_max_size),
	FLAG("structure", 0, structure),
	FLAG("fix", 0, fix),
	CALL("spelling", 0, set_spelling),
	FLAG("lsp", 0, lsp),
	TEXT("type", 0, cli.types),
	FLAG("list-types", 0, list_types),
	FLAG("verbose", 'v', verbose),
	CALL("lang", 0, set_lang),
	FLAG("profile", 0, profile),
	{ "port", 0, required_argument, 0, set_port, 1 },
	{ "listen", 0, required_argument, 0, set_listen, 1 },
	{ "token", 0, required_argument, offsetof(opts, token), NULL, 1 },
	{ "open", 0, no_argument, offsetof(opts, open), NULL, 1 },
	{ "timeout", 0, required_argument, 0, set_timeout, 1 },
	{ "version", 'V', no_argument, 0, show_version, 0 },
	{ "help", 'h', no_argument, 0, show_help, 0 },
};
#define NOPTIONS (sizeof options / sizeof *options)

/* getopt's view of the table: a long option without a letter returns 0 and
 * its index, which is its row's. */
static void getopt_table(struct option *longopts, char *shortopts)
{
	*shortopts++ = ':'; /* a missing value returns ':' */
	for (size_t i = 0; i < NOPTIONS; i++) {
		const opt_row *r = &options[i];
		longopts[i] = (struct option){ r->name, r->has_arg, NULL, r->letter };
		if (r->letter) {
			*shortopts++ = r->letter;
			if (r->has_arg)
				*shortopts++ = ':';
		}
	}
	longopts[NOPTIONS] = (struct option){ NULL, 0, NULL, 0 };
	*shortopts = '\0';
}

/* Applies one option's row: returns what its handler does. */
static int apply_option(opts *o, const opt_row *r, const char *value)
{
	if (r->serve)
		o->serve_opt = 1;
	if (r->set)
		return r->set(o, value);
	char *field = (char *)o + r->field;
	if (r->has_arg)
		*(const char **)(void *)field = value;
	else
		*(int *)(void *)field = 1;
	return 0;
}

static const opt_row *option_by_letter(int c)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].letter && options[i].letter == c)
			return &options[i];
	return NULL;
}

/* Returns 0 to go on, 1 to exit 0 (help, version), -1 on a usage error. */
static int parse_args(int argc, char **argv, opts *o)
{
	static struct option longopts[NOPTIONS + 1];
	static char shortopts[2 * NOPTIONS + 2];
	getopt_table(longopts, shortopts);
	opterr = 0;
	int c, at = -1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, &at)) != -1) {
		if (c == ':')
			return usage_error(_("option '%s' needs a value"), argv[optind - 1]);
		const opt_row *r = c ? option_by_letter(c) : &options[at];
		if (!r)
			return usage_error(_("unknown option '%s'"), argv[optind - 1]);
		int rc = apply_option(o, r, optarg);
		if (rc)
			return rc;
	}
	if (o->config && o->no_config)
		return usage_error(_("--config and --no-config exclude each other"));
	o->color = want_color(o->color_when ? o->color_when : "auto") && !o->output;
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
	return (n > 4 && strcmp(name + n - 4, ".txt") == 0) || (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
	       (n > 5 && strcasecmp(name + n - 5, ".docx") == 0 && name[0] != '~'); /* ~$x.docx: Word's lock */
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
	if (here.n > 1)
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
		size_t had = in->n;
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(in, argv[i]);
		if (in->n == had) /* a file, or a folder without letters: reported when read */
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

/* "[odr, condition]" or "[not error-claim]": the types a rule is limited to. */
static void print_types(const al_rule *r)
{
	char **names[] = { r->type_names, r->not_type_names };
	size_t n[] = { r->ntype_names, r->nnot_type_names };
	for (int k = 0; k < 2; k++) {
		if (!n[k])
			continue;
		printf("  [%s", k ? _("not ") : "");
		for (size_t i = 0; i < n[k]; i++)
			printf("%s%s", i ? ", " : "", names[k][i]);
		putchar(']');
	}
}

/* The rules by group, each with its severity, summary and types. */
static void list_rules(const al_ruleset *rs)
{
	static const char *const groups[] = { "core", "structure", "type", "writing", "house", NULL };
	static const char *const titles[] = { N_("Core rules:"), N_("Structure:"), N_("Type-specific rules:"),
					      N_("Writing:"), N_("House rules:") };
	for (int g = 0; groups[g]; g++) {
		int shown = 0;
		for (size_t i = 0; i < rs->n; i++) {
			const al_rule *r = &rs->rules[i];
			int k = 0;
			while (groups[k] && !(r->group && strcmp(r->group, groups[k]) == 0))
				k++;
			if (r->part || k != g)
				continue;
			if (!shown++)
				printf("%s%s\n", g ? "\n" : "", _(titles[g]));
			const char *sev = _(al_severity_name(r->severity));
			printf("  %-26s %s%*s %s", r->id, sev, 8 - al_str_columns(sev), "", al_tx(&r->summary));
			print_types(r);
			putchar('\n');
		}
	}
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

/* The concepts a rule reads by meaning, each with a few of its entries,
 * so a user sees why it fired. */
static void print_concepts(const al_ruleset *rs, const al_rule *r)
{
	const al_rule *src = r->like ? r->like : r;
	const al_cset *sets[] = { &src->concepts, &src->forbid_concepts, &src->unowned_concepts, &src->unless };
	static const char *const label[] = { "", "", N_("in a letter that owns nothing: "), N_("unless ") };
	al_cmask used = { { 0, 0 } };
	for (size_t k = 0; k < 4; k++)
		al_cset_concepts(sets[k], &used);
	if (al_cm_empty(&used))
		return;
	printf(_("\nReads by meaning (rules/concepts.json):\n"));
	for (size_t k = 0; k < 4; k++)
		for (size_t i = 0; i < sets[k]->n; i++)
			printf("    %s%s\n", *label[k] ? _(label[k]) : "", sets[k]->src[i]);
	for (size_t c = 0; c < rs->lex.nconcepts; c++) {
		const char *ent[5];
		if (!al_cm_has(&used, (unsigned)c))
			continue;
		size_t n = al_lexicon_entries(&rs->lex, (int)c, ent, 5);
		printf("  %s:", rs->lex.concepts[c].name);
		for (size_t i = 0; i < n && i < 5; i++)
			printf("%s %s", i ? "," : "", ent[i]);
		if (n > 5)
			printf(_(" ... (%zu entries)"), n);
		putchar('\n');
	}
}

static int cmp_weight(const void *a, const void *b)
{
	const al_rule *x = *(const al_rule *const *)a, *y = *(const al_rule *const *)b;
	int wx = al_score_weight(x, x->severity), wy = al_score_weight(y, y->severity);
	if (wx != wy)
		return wx > wy ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* --explain score: how a letter's score is computed, and each rule's
 * weight as loaded (the pack's, a rule file's or the configuration's). */
static int explain_score(const al_ruleset *rs)
{
	printf(_("score (0-100)\n\nHow it is computed:\n"));
	print_indented(_("A letter starts at 100. Each rule's first finding costs the rule's weight, and each "
			 "further finding of the same rule costs half the one before (rounded down), so one slip "
			 "repeated cannot sink a letter on its own while many different problems still do. The "
			 "score stops at 0. Findings the configuration ignores cost nothing."));
	putchar('\n');
	print_indented(_("The weight says how much a problem matters for getting the account back: 40 for "
			 "the signs of a failing letter (a template field left in, blame, criticism of Amazon), "
			 "20 for the signs of a weak defence (no apology, pleading, an error claim), 10 for each "
			 "missing part of a good letter (the fault "
			 "owned first, the causes as a list, the metric's target, exact dates, numbered actions, "
			 "a courteous close), 2 for a structure or type check and 1 for writing style and "
			 "infos. A rule without a weight costs what its severity does: error 15, warning 5, "
			 "info 1."));
	putchar('\n');
	print_indented(_("For example, seven template fields cost 40+20+10+5+2+1+0 = 78 points, and the "
			 "letter scores 22 if nothing else is wrong. appeal-lint -v LETTER shows what each "
			 "rule cost a letter."));
	const al_rule **by = al_xmalloc((rs->n ? rs->n : 1) * sizeof *by);
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++)
		if (!rs->rules[i].part)
			by[n++] = &rs->rules[i];
	qsort(by, n, sizeof *by, cmp_weight);
	printf(_("\nWeights (\"weight\" in the rule files, or the configuration's):\n"));
	for (size_t i = 0; i < n; i++) {
		printf("    %-26s %3d", by[i]->id, al_score_weight(by[i], by[i]->severity));
		if (!by[i]->has_weight)
			printf(_("  (by its severity, %s)"), _(al_severity_name(by[i]->severity)));
		putchar('\n');
	}
	free(by);
	return EXIT_CLEAN;
}

static int explain(const al_ruleset *rs, const char *id)
{
	const al_rule *r = al_ruleset_find(rs, id);
	if (!r && strcmp(id, "score") == 0)
		return explain_score(rs);
	if (!r) {
		fprintf(stderr, _("appeal-lint: no rule '%s' (see --list-rules)\n"), id);
		return EXIT_USAGE;
	}
	printf(_("%s (%s; kind %s, scope %s)\n\n%s\n\nWhy:\n"), r->id, _(al_severity_name(r->severity)),
	       al_kind_get(r->kind)->name, al_scope_name(r->scope), al_tx(&r->summary));
	print_indented(al_tx(&r->explain));
	print_concepts(rs, r);
	printf(_("\nSources:\n"));
	for (size_t i = 0; i < r->nsources; i++)
		printf("    %s\n", r->sources[i]);
	printf(_("\nFires on, for example:\n"));
	print_indented(r->bad[0]);
	printf(_("\nPasses, for example:\n"));
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

/* Does the last run hold a finding with a fix? */
static int any_fix(const al_linter *L)
{
	for (size_t i = 0; i < L->fs.n; i++)
		if (L->fs.list[i].has_fix)
			return 1;
	return 0;
}

/* After bad example k ran: its fixes, applied as --fix does, must give
 * exactly its "fixed" text, in which the rule then finds nothing to fix, so
 * a fix that drops or adds a character it should not is caught. A bad
 * example whose fix has no expected text fails too. Returns -1 when there
 * is nothing to check, else 0 or 1 (failed, and said why). */
static int check_fix(al_linter *L, const al_rule *r, size_t k)
{
	if (!r->fixed) {
		if (!any_fix(L))
			return -1;
		printf(_("%s: bad example %zu has a fix but no text after it in examples.fixed:\n"), r->file, k + 1);
		print_indented(r->bad[k]);
		return 1;
	}
	al_buf got = { 0 };
	al_fix_apply(&L->text, &L->fs, &got, NULL);
	al_buf_adds(&got, "");
	char *want = al_xmalloc(strlen(r->fixed[k]) + 1);
	size_t wn = unescape(r->fixed[k], want);
	int failed = got.len != wn || memcmp(got.data, want, wn) != 0;
	if (failed) {
		printf(_("%s: bad example %zu, fixed, gives:\n"), r->file, k + 1);
		print_indented(got.data);
		printf(_("  and not, as examples.fixed says:\n"));
		print_indented(r->fixed[k]);
	} else {
		al_linter_run_string(L, got.data, got.len, r);
		if ((failed = any_fix(L)) != 0) {
			printf(_("%s: bad example %zu still has a fix once fixed:\n"), r->file, k + 1);
			print_indented(r->fixed[k]);
		}
	}
	free(want);
	al_buf_free(&got);
	return failed;
}

/* Each bad example must fire its rule, each good one must not; each bad
 * one's fixes must give its expected text (check_fix). */
static int check_rules(al_linter *L, const al_ruleset *rs)
{
	al_linter_use(L, rs);
	size_t checked = 0, failed = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const al_rule *r = &rs->rules[i];
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
					printf(bad ? _("%s: bad example %zu does not fire:\n")
						   : _("%s: good example %zu fires:\n"),
					       r->file, k + 1);
					print_indented(ex[k]);
				} else if (bad) {
					int rc = check_fix(L, r, k);
					checked += rc >= 0;
					failed += rc > 0;
				}
			}
		}
	}
	printf(_("examples: %zu passed, %zu failed\n"), checked - failed, failed);
	return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* ---- configurations ---- */

static void print_error(const al_error *err)
{
	if (err->line)
		fprintf(stderr, "appeal-lint: %s:%d:%d: %s\n", err->file, err->line, err->col, err->msg);
	else if (err->file[0] && strchr(err->file, ':') && !strstr(err->msg, err->file))
		fprintf(stderr, "appeal-lint: %s: %s\n", err->file, err->msg);
	else
		fprintf(stderr, "appeal-lint: %s\n", err->msg);
}

/* The profile for letters in dir, or NULL after telling why. */
static al_profile *profile_in(al_profiles *ps, const char *dir)
{
	al_error err;
	al_profile *p = al_profiles_get(ps, al_profiles_config(ps, dir), &err);
	if (!p)
		print_error(&err);
	return p;
}

static int print_config(al_profiles *ps, const opts *o)
{
	char *dir = al_dir_of(o->print_config);
	al_profile *p = profile_in(ps, dir);
	free(dir);
	if (!p)
		return EXIT_USAGE;
	char *json = al_config_to_json(&p->cfg);
	cJSON *root = cJSON_Parse(json);
	free(json);
	/* what applies once the command line has had its say */
	cJSON *eff = cJSON_AddObjectToObject(root, "effective");
	cJSON_AddStringToObject(eff, "fail_on", al_severity_name((al_severity)p->fail_on));
	cJSON_AddNumberToObject(eff, "min_score", p->min_score < 0 ? 0 : p->min_score);
	cJSON_AddStringToObject(eff, "spelling", p->spell_mask == 0 ? "any" : p->spell_lang);
	cJSON *rules = cJSON_AddObjectToObject(eff, "rules");
	for (size_t i = 0; i < p->rs.n; i++)
		if (!p->rs.rules[i].part)
			cJSON_AddStringToObject(rules, p->rs.rules[i].id, al_severity_name(p->rs.rules[i].severity));
	char *out = cJSON_Print(root);
	printf("%s\n", out);
	free(out);
	cJSON_Delete(root);
	return EXIT_CLEAN;
}

/* ---- the run ---- */

typedef struct run_state {
	al_out out;
	al_stats *stats; /* --profile, or NULL */
	const opts *o;
	int silent; /* standard output carries letters, not a report */
	int unreadable, failing;
	unsigned told;
	const char *notice_where;
} run_state;

/* Where the text and SARIF reports link each rule: the configuration's
 * docs_url, else the rule reference installed beside the program. */
static const char *docs_url(const al_profile *base)
{
	return base->cfg.docs_url ? base->cfg.docs_url : "file://" AL_DOCDIR "/rules.md";
}

/* Reports one input; returns 1 to stop when the output can no longer be
 * written (the reader went away: `appeal-lint ... | head`). */
static int emit(al_filereport *r, void *arg)
{
	run_state *st = arg;
	fputs(r->log.data ? r->log.data : "", stderr);
	unsigned fresh = r->notices & ~st->told;
	if (fresh & AL_NOTICE_NO_DICTIONARY)
		fprintf(stderr,
			_("appeal-lint: spelling skipped: no hunspell dictionary at %s "
			  "(install hunspell-en-us)\n"),
			st->notice_where);
	st->told |= fresh;
	if (r->error) {
		fprintf(stderr, "appeal-lint: %s\n", r->error);
		st->unreadable = 1;
	}
	if (r->out.len) {
		fwrite(r->out.data, 1, r->out.len, stdout);
		st->failing |= r->failing;
		return ferror(stdout) != 0;
	}
	if (st->silent)
		return 0;
	uint64_t t0 = st->stats ? al_now_ns() : 0;
	al_out_file(&st->out, st->o->emitter, r);
	if (st->stats)
		st->stats->stage_ns[AL_STAGE_RENDER] += al_now_ns() - t0;
	st->failing |= r->failing;
	return ferror(st->out.fp) != 0;
}

/* Has the reader of fd (a pipe) gone away? */
static int reader_gone(int fd)
{
	struct pollfd p = { fd, POLLOUT, 0 };
	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

/* Why the existing file st (at target) must not take the report: it is
 * not a regular file, it is read-only, or it is one of the letters. */
static const char *output_refused(const char *target, const struct stat *st, const inputs *in)
{
	if (!S_ISREG(st->st_mode))
		return _("it is not a regular file");
	if (!(st->st_mode & 0222) || access(target, W_OK) != 0)
		return _("the file is read-only");
	for (size_t i = 0; i < in->n; i++) {
		struct stat ls;
		if (strcmp(in->paths[i], "-") != 0 && stat(in->paths[i], &ls) == 0 && ls.st_dev == st->st_dev &&
		    ls.st_ino == st->st_ino)
			return _("it is one of the letters being checked");
	}
	return NULL;
}

/* The file the --output path names: the path, or through a symbolic link
 * the file it points to, so that the link stays. NULL with *why when the
 * report must not be written there; *mode is the file's, kept. */
static char *output_target(const char *path, const inputs *in, mode_t *mode, const char **why)
{
	struct stat st;
	*mode = 0644;
	if (lstat(path, &st) != 0) {
		*why = errno == ENOENT ? NULL : strerror(errno);
		return *why ? NULL : al_xstrdup(path);
	}
	char *target = S_ISLNK(st.st_mode) ? realpath(path, NULL) : al_xstrdup(path);
	if (!target || stat(target, &st) != 0) {
		*why = strerror(errno);
		free(target);
		return NULL;
	}
	*why = output_refused(target, &st, in);
	if (*why) {
		free(target);
		return NULL;
	}
	*mode = st.st_mode & 07777;
	return target;
}

/* Opens the --output file as a temporary file beside its target. */
static FILE *open_output(const char *target, mode_t mode, char **tmp)
{
	*tmp = al_xmalloc(strlen(target) + 16);
	sprintf(*tmp, "%s.XXXXXX", target);
	int fd = mkstemp(*tmp);
	if (fd < 0 || fchmod(fd, mode) != 0) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		errno = e;
		return NULL;
	}
	return fdopen(fd, "w");
}

static int finish_output(FILE *fp, const char *path, const char *target, const char *tmp)
{
	int bad = ferror(fp) | (fclose(fp) != 0);
	if (bad || rename(tmp, target) != 0) {
		fprintf(stderr, _("appeal-lint: cannot write %s: %s\n"), path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* How much of a letter line fits beside the "  123 | " margin and the
 * "..." marks: COLUMNS when set, else the terminal's width; at most 100. */
static size_t excerpt_width(void)
{
	long cols = 0;
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	if (env && *env)
		cols = strtol(env, NULL, 10);
	else if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		cols = ws.ws_col;
	if (cols <= 0)
		return 0;
	cols -= 15;
	return cols < 20 ? 20 : cols > 100 ? 100 : (size_t)cols;
}

static int run(al_profiles *ps, const opts *o, const inputs *in, const al_profile *base, al_stats *stats)
{
	const char *why = NULL;
	mode_t mode = 0644;
	char *target = o->output ? output_target(o->output, in, &mode, &why) : NULL;
	if (o->output && !target) {
		fprintf(stderr, _("appeal-lint: cannot write %s: %s\n"), o->output, why);
		return EXIT_USAGE;
	}
	al_job *jobs = al_xmalloc((in->n ? in->n : 1) * sizeof *jobs);
	for (size_t i = 0; i < in->n; i++) {
		int is_stdin = strcmp(in->paths[i], "-") == 0;
		char *dir = is_stdin ? al_xstrdup(".") : al_dir_of(in->paths[i]);
		const al_profile *p = profile_in(ps, dir);
		free(dir);
		if (!p) {
			free(jobs);
			free(target);
			return EXIT_USAGE;
		}
		const char *name = is_stdin ? (o->stdin_name ? o->stdin_name : "<stdin>") : in->paths[i];
		jobs[i] = (al_job){ is_stdin ? NULL : in->paths[i], name, p, al_markdown_name(name) };
	}
	run_state st = { .o = o, .stats = stats };
	for (size_t i = 0; i < in->n; i++)
		st.silent |= o->structure || (o->fix && !jobs[i].path && !o->output);
	st.out.color = o->color;
	st.out.quiet = o->quiet;
	st.out.show_ignored = o->show_ignored;
	st.out.verbose = o->verbose;
	st.out.rules = &base->rs;
	st.out.docs_url = docs_url(base);
	al_speller probe = { 0 };
	al_speller_set_lang(&probe, base->spell_lang);
	al_speller_available(&probe);
	st.notice_where = al_speller_where(&probe);
	char *tmp = NULL;
	st.out.fp = o->output ? open_output(target, mode, &tmp) : stdout;
	int rc = EXIT_CLEAN;
	if (!st.out.fp) {
		fprintf(stderr, _("appeal-lint: cannot write %s: %s\n"), o->output, strerror(errno));
		rc = EXIT_USAGE;
	} else {
		size_t width = o->emitter == &al_emit_text && !o->quiet ? excerpt_width() : AL_NO_EXCERPT;
		al_batch_opts bo = { o->max_size, o->fix, o->structure, width, stats };
		if (o->emitter->begin && !st.silent)
			o->emitter->begin(&st.out);
		al_error err;
		int threads = stats ? 1 : o->jobs ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
		if (al_batch_run(jobs, in->n, &bo, threads, emit, &st, &err)) {
			print_error(&err);
			st.unreadable = 1;
		}
		if (o->emitter->end && !st.silent)
			o->emitter->end(&st.out);
		if (o->output && finish_output(st.out.fp, o->output, target, tmp))
			st.unreadable = 1;
		else if (o->output && !o->quiet)
			al_out_summary(&st.out, stdout);
	}
	free(tmp);
	free(target);
	al_speller_free(&probe);
	al_out_free(&st.out);
	free(jobs);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (reader_gone(STDOUT_FILENO)) /* `| head`: stop quietly, as cat does */
			return st.unreadable ? EXIT_USAGE : st.failing ? EXIT_FINDINGS : EXIT_CLEAN;
		fprintf(stderr, _("appeal-lint: cannot write the output: %s\n"), strerror(errno));
		return EXIT_USAGE;
	}
	if (rc)
		return rc;
	return st.unreadable ? EXIT_USAGE : st.failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

static void list_formats(void)
{
	const al_emitter *e;
	for (size_t i = 0; (e = al_emitter_at(i)) != NULL; i++)
		printf("%-11s %s\n", e->name, _(e->description));
}

/* Standard streams the caller closed get /dev/null, opened the wrong way
 * round, so no file opened later takes their number and using them fails
 * with EBADF: reading "-" says standard input is closed, writing a report
 * says the output cannot be written. A vanished reader is an EPIPE error
 * (handled where the output is written), not a kill by SIGPIPE. */
static void guard_std_streams(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
			open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
	signal(SIGPIPE, SIG_IGN);
}

/* --open: the page in the user's browser; the server runs on whether or
 * not one starts. */
static void open_browser(const char *url)
{
	extern char **environ;
	char *argv[] = { (char *)(uintptr_t) "xdg-open", (char *)(uintptr_t)url, NULL };
	pid_t pid;
	signal(SIGCHLD, SIG_IGN); /* no zombie to reap */
	if (posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ) != 0)
		fprintf(stderr, _("appeal-lint: cannot start xdg-open: open %s in a browser\n"), url);
}

/* Refuses what would expose the server: an address beyond this machine
 * without a token, or a token too weak to stand in a URL. */
static int serve_refused(const opts *o)
{
	al_error err;
	if (o->listen && al_serve_is_loopback(o->listen) == 0 && !o->token)
		return usage_error(_("--listen %s reaches beyond this machine: give --token too"), o->listen);
	if (o->token && al_serve_check_token(o->token, &err))
		return usage_error("%s", err.msg);
	return 0;
}

/* appeal-lint serve: answers until SIGINT or SIGTERM, then lets the
 * requests under way finish and exits 0. The signals are blocked before
 * the server's threads start, so they inherit the mask and only sigwait
 * here takes them. */
static int serve(const opts *o, const al_profile *base)
{
	if (serve_refused(o))
		return EXIT_USAGE;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	al_serve_opts so = { base, docs_url(base), o->listen, o->port, o->token, o->max_size, o->timeout, 0 };
	al_error err;
	al_server *s = al_serve_start(&so, &err);
	if (!s) {
		print_error(&err);
		return EXIT_USAGE;
	}
	fprintf(stderr, _("appeal-lint: serving on %s (Ctrl+C stops)\n"), al_serve_url(s));
	fflush(stderr);
	if (o->open)
		open_browser(al_serve_url(s));
	int sig;
	sigwait(&set, &sig);
	al_serve_free(s);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	opts o = { .emitter = &al_emit_text, .max_size = AL_MAX_LETTER, .port = 8080 };
	o.cli.fail_on = o.cli.min_score = -1;
	guard_std_streams();
	al_lang_set(al_lang_from_env());
	int rc = parse_args(argc, argv, &o);
	if (rc) {
		free(o.rule_dirs);
		return rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
	}
	if (o.lsp || (optind < argc && strcmp(argv[optind], "lsp") == 0 && optind + 1 == argc)) {
		rc = al_lsp_run(&o.cli, o.config, o.no_config, STDIN_FILENO, STDOUT_FILENO);
		free(o.rule_dirs);
		return rc;
	}
	int serving = optind < argc && strcmp(argv[optind], "serve") == 0 && optind + 1 == argc;
	if (o.serve_opt && !serving) {
		usage_error(_("--port, --listen, --token, --open and --timeout are options of appeal-lint serve"));
		free(o.rule_dirs);
		return EXIT_USAGE;
	}
	if (o.list_formats) {
		list_formats();
		free(o.rule_dirs);
		return EXIT_CLEAN;
	}
	uint64_t start = al_now_ns();
	al_profiles ps;
	al_profiles_init(&ps, &o.cli, o.config, o.no_config);
	/* the configuration of the working folder: for rule listings and SARIF */
	const al_profile *base = profile_in(&ps, ".");
	al_lang cfg_lang;
	if (base && !o.lang_given && !al_lang_parse(base->cfg.lang, &cfg_lang))
		al_lang_set(cfg_lang);
	if (!base) {
		rc = EXIT_USAGE;
	} else if (serving) {
		rc = serve(&o, base);
	} else if (o.print_config) {
		rc = print_config(&ps, &o);
	} else if (o.list_rules) {
		list_rules(&base->rs);
	} else if (o.list_types) {
		for (size_t i = 0; i < base->rs.ntypes; i++)
			printf("%-20s %s\n", base->rs.types[i].id, al_tx(&base->rs.types[i].name));
	} else if (o.explain) {
		rc = explain(&base->rs, o.explain);
	} else if (o.check_rules) {
		al_linter L;
		al_error err;
		rc = al_linter_init_worker(&L, &err) ? (print_error(&err), EXIT_USAGE) : check_rules(&L, &base->rs);
		al_linter_free(&L);
	} else if (optind >= argc) {
		usage_error(_("no input: give a FILE, a DIR, or - for standard input"));
		rc = EXIT_USAGE;
	} else {
		inputs in = { 0 };
		collect(&in, argc - optind, argv + optind);
		al_stats stats = { 0 };
		stats.stage_ns[AL_STAGE_LOAD] = al_now_ns() - start;
		rc = run(&ps, &o, &in, base, o.profile ? &stats : NULL);
		if (o.profile)
			al_stats_print(&stats, stderr);
		al_stats_free(&stats);
		inputs_free(&in);
	}
	al_profiles_free(&ps);
	free(o.rule_dirs);
	return rc;
}
