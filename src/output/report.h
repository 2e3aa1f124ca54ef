/* report.h - a linted letter's report (made by resolve.c) and the output
 * formats that write reports: one emitter each, in one table. */
#ifndef AL_REPORT_H
#define AL_REPORT_H

#include "base/buf.h"
#include "rules/rules.h"

#include <stdio.h>

/* A finding ready to print: positions resolved, texts in the report's pool. */
typedef struct al_rfinding {
	const al_rule *rule;
	al_severity severity;
	size_t line, col, end_line, end_col; /* 1-based, code points; end one past */
	size_t col16, end_col16;	     /* the same columns in UTF-16 units */
	size_t col8, end_col8;		     /* and in UTF-8 bytes (1-based) */
	size_t offset, length;		     /* bytes in the file as read */
	size_t message, suggestion, match;   /* pool offsets */
	size_t excerpt, caret;		     /* pool offsets: the line cut to fit, the marker under it */
	size_t caret_lead;		     /* spaces before the marker */
	int has_fix;
	size_t fix_offset, fix_length, replacement;
	size_t fix_line, fix_col, fix_end_line, fix_end_col;
	size_t fix_col16, fix_end_col16, fix_col8, fix_end_col8;
	size_t ignored; /* pool offset of the reason, or AL_NONE */
	size_t para;	/* a .docx letter's Word paragraph (1-based), or 0 */
} al_rfinding;

/* The report on one input: its findings or the reason it was not read. */
typedef struct al_filereport {
	char *path;  /* as shown */
	char *error; /* why the input could not be read or fixed, or NULL */
	int docx;    /* read from a Word .docx: positions are in its extracted text */
	int score;
	size_t errors, warnings, infos, ignored;
	int failing;		 /* a finding at the fail level, or a score under the minimum */
	int fail_on;		 /* the fail level that applied (al_severity) */
	char *types;		 /* the letter's types, space-separated ("odr late-shipment") */
	char *types_why;	 /* each type with the words that decided it, for --verbose */
	char *score_why;	 /* what each rule cost the score, for --verbose */
	const al_ruleset *rules; /* the rules the letter was checked with */
	unsigned notices;	 /* AL_NOTICE_* */
	al_rfinding *list;
	size_t n, cap;
	al_buf pool;
	al_buf log; /* lines for standard error (fixes made) */
	al_buf out; /* bytes for standard output instead of a report (--fix -, --structure) */
} al_filereport;

const char *al_report_str(const al_filereport *r, size_t off);
/* Writes s, text that may come from a letter, with its control characters
 * spelled "\x1b" (al_buf_add_shown), so it cannot drive the terminal. */
void al_fput_shown(FILE *fp, const char *s);
void al_report_free(al_filereport *r);

/* State of one run's output. */
typedef struct al_out {
	FILE *fp;
	int color, quiet, show_ignored, verbose;
	const al_ruleset *rules; /* the rules to describe (SARIF, JUnit) */
	const char *docs_url;	 /* base of rule documentation links */
	size_t files, errors, warnings, infos, unread;
	struct al_row { /* the summary table: one row per input */
		char *path;
		int score; /* -1: not read */
		size_t errors, warnings, infos;
		char *types;
	} * rows;
	size_t nrows, rows_cap;
	void *state; /* an emitter's own, made in begin, freed in end */
} al_out;

/* An output format. begin and end may be NULL; file is called once per
 * input, in input order (its report may carry an error instead). */
typedef struct al_emitter {
	const char *name;
	const char *description;
	void (*begin)(al_out *o);
	void (*file)(al_out *o, const al_filereport *r);
	void (*end)(al_out *o);
} al_emitter;

extern const al_emitter al_emit_text, al_emit_json, al_emit_sarif, al_emit_github, al_emit_checkstyle, al_emit_junit;

/* The emitter called name, or NULL. */
const al_emitter *al_emitter_find(const char *name);
/* The i-th emitter, or NULL past the end (for --list-formats). */
const al_emitter *al_emitter_at(size_t i);

/* Counts a report into the run's totals, then emits it. */
void al_out_file(al_out *o, const al_emitter *e, const al_filereport *r);
/* The one-line summary (and, for several files, the table) of a run. */
void al_out_summary(al_out *o, FILE *fp);
void al_out_free(al_out *o);

/* Escapes s for XML text and attributes (characters XML cannot hold are
 * dropped). */
void al_xml_escape(al_buf *b, const char *s);

#endif
