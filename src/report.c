/* report.c - the emitter table and the run totals. */
#include "report.h"

#include <string.h>

static const al_emitter *const emitters[] = { &al_emit_text, &al_emit_json };
#define NEMITTERS (sizeof emitters / sizeof *emitters)

const al_emitter *al_emitter_find(const char *name)
{
	for (size_t i = 0; i < NEMITTERS; i++)
		if (strcmp(emitters[i]->name, name) == 0)
			return emitters[i];
	return NULL;
}

const char *al_emitter_names(void)
{
	return "text, json";
}

void al_out_file(al_out *o, const al_emitter *e, const char *path, const al_letter *l,
		 const al_findings *fs)
{
	o->files++;
	for (size_t i = 0; i < fs->n; i++) {
		switch (fs->list[i].severity) {
		case AL_SEV_ERROR:
			o->errors++;
			break;
		case AL_SEV_WARNING:
			o->warnings++;
			break;
		default:
			o->infos++;
			break;
		}
	}
	o->cur = (al_cursor){ 0, 0, 0, 0 };
	e->file(o, path, l, fs, al_score(fs));
}

void al_out_free(al_out *o)
{
	al_buf_free(&o->scores);
}
