/* batch.h - lint many letters, each with the rule set of its configuration,
 * on several threads, and hand their reports over in input order. */
#ifndef AL_BATCH_H
#define AL_BATCH_H

#include "config.h"
#include "lint.h"
#include "report.h"

/* What one configuration makes of the rules: built once, shared read-only
 * by every thread. */
typedef struct al_profile {
	al_config cfg;          /* empty when no configuration file applies */
	al_ruleset rs;
	unsigned spell_mask;    /* AL_DICT_*; 0: both Englishes */
	const char *spell_lang; /* hunspell dictionary for suggestions */
	int month_first;        /* dates: suggest "June 2, 2014" first */
	int fail_on, min_score;
	unsigned pinned;        /* types given by --type or "types", or 0 */
} al_profile;

/* Command-line settings that win over any configuration (-1: not given). */
typedef struct al_cli {
	const char *const *rule_dirs;
	size_t nrule_dirs;
	unsigned spell_mask;
	const char *spell_lang; /* NULL: not given */
	int fail_on, min_score;
	const char *types;      /* --type: "odr,late-shipment", or NULL */
} al_cli;

/* Builds a profile from the configuration at config_path (NULL: none).
 * Returns 0, or -1 with err; the profile must be freed either way. */
int al_profile_init(al_profile *p, const char *config_path, const al_cli *cli, al_error *err);
void al_profile_free(al_profile *p);

/* Profiles by configuration file, and each folder's nearest configuration,
 * remembered for the run. */
typedef struct al_profiles {
	const al_cli *cli;
	const char *config; /* --config: used everywhere, or NULL */
	int no_config;      /* --no-config */
	struct al_profile_entry {
		char *config;       /* path, or NULL for none */
		al_profile *p;
	} *list;
	size_t n, cap;
	struct al_dir_entry {
		char *dir, *config;
	} *dirs;
	size_t ndirs, dirs_cap;
} al_profiles;

void al_profiles_init(al_profiles *ps, const al_cli *cli, const char *config, int no_config);
/* The configuration file that applies to letters in dir, or NULL. */
const char *al_profiles_config(al_profiles *ps, const char *dir);
/* The profile of a configuration file (NULL: none), built when first asked
 * for; NULL with err when it cannot be. */
al_profile *al_profiles_get(al_profiles *ps, const char *config, al_error *err);
/* Forgets every profile and folder answer: configuration files changed. */
void al_profiles_forget(al_profiles *ps);
void al_profiles_free(al_profiles *ps);


typedef struct al_job {
	const char *path;       /* the file, or NULL for standard input */
	const char *name;       /* as shown */
	const al_profile *profile;
	int markdown;
} al_job;

/* Inputs larger than this are refused unless --max-size raises the limit
 * (the language server does not check larger documents): a letter is a
 * few KB, and the check of 1 MiB of any text stays within a second. */
#define AL_MAX_LETTER (1u << 20)

typedef struct al_batch_opts {
	size_t max_size;
	int fix, structure;
	size_t width; /* columns of a letter line in excerpts; 0: 100 */
	al_stats *stats; /* --profile (one thread only): times are added here, or NULL */
} al_batch_opts;

/* 1 when a letter's name says it is Markdown: .md or .markdown, in any
 * case. */
int al_markdown_name(const char *name);

/* Lints one job with the thread's linter L into r (r is reset first). */
void al_lint_job(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r);

/* Lints bytes[0..n) as if they were the file of job, as al_lint_job does
 * (encodings, .docx, refusals, the size limit), for a letter sent over
 * HTTP: its path is not read, and nothing is written (o->fix must be 0). */
void al_lint_bytes(al_linter *L, const al_job *job, const al_batch_opts *o, const char *bytes, size_t n,
		   al_filereport *r);

/* Lints text[0..n) as the letter of job (its path is not read), for an
 * editor's unsaved buffer. */
void al_lint_text(al_linter *L, const al_job *job, const char *text, size_t n, al_filereport *r);

/* Lints jobs on nthreads threads (1: this one) and calls emit for each
 * report in job order; at most a bounded number wait in memory. When emit
 * returns nonzero (nobody reads the output any more) the rest is skipped. */
int al_batch_run(const al_job *jobs, size_t n, const al_batch_opts *o, int nthreads,
		 int (*emit)(al_filereport *r, void *arg), void *arg, al_error *err);

#endif
