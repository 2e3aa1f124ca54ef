/* batch.h - lint many letters, each with the rule set of its configuration,
 * on several threads, and hand their reports over in input order. */
#ifndef AL_BATCH_H
#define AL_BATCH_H

#include "rules/lint.h"
#include "rules/profile.h"
#include "output/report.h"

typedef struct al_job {
	const char *path; /* the file, or NULL for standard input */
	const char *name; /* as shown */
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
	size_t width;	 /* columns of a letter line in excerpts; 0: 100; AL_NO_EXCERPT: none */
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
