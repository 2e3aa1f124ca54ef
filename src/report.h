/* report.h - output formats: one emitter each, chosen from one table. */
#ifndef AL_REPORT_H
#define AL_REPORT_H

#include "buf.h"
#include "engine.h"

#include <stdio.h>

/* State of one run's output. Totals are kept by al_out_file(). */
typedef struct al_out {
	FILE *fp;
	int color, quiet;
	size_t files, errors, warnings, infos;
	al_buf scores;  /* text summary: "a.txt 72, b.txt 88" */
	int nfiles_out; /* json: files written so far */
	al_cursor cur;  /* positions of the current file, asked in order */
} al_out;

/* An output format. begin and end may be NULL. file is called once per
 * linted letter, file_error once per input that could not be read. */
typedef struct al_emitter {
	const char *name;
	const char *description;
	void (*begin)(al_out *o);
	void (*file)(al_out *o, const char *path, const al_letter *l, const al_findings *fs, int score);
	void (*file_error)(al_out *o, const char *path, const char *msg);
	void (*end)(al_out *o);
} al_emitter;

extern const al_emitter al_emit_text, al_emit_json;

/* The emitter called name, or NULL. */
const al_emitter *al_emitter_find(const char *name);
/* "text, json": the names, for help and errors. */
const char *al_emitter_names(void);

/* Counts one file's findings into the totals, then emits it. */
void al_out_file(al_out *o, const al_emitter *e, const char *path, const al_letter *l,
		 const al_findings *fs);
void al_out_free(al_out *o);

#endif
