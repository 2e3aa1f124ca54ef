/* report.c - reports, the emitter table and the run's totals. */
#include "output/report.h"
#include "base/lang.h"

#include "input/text.h"

#include <stdlib.h>
#include <string.h>

static const al_emitter *const emitters[] = { &al_emit_text,   &al_emit_json,	    &al_emit_sarif,
					      &al_emit_github, &al_emit_checkstyle, &al_emit_junit };
#define NEMITTERS (sizeof emitters / sizeof *emitters)

const al_emitter *al_emitter_find(const char *name)
{
	for (size_t i = 0; i < NEMITTERS; i++)
		if (strcmp(emitters[i]->name, name) == 0)
			return emitters[i];
	return NULL;
}

const al_emitter *al_emitter_at(size_t i)
{
	return i < NEMITTERS ? emitters[i] : NULL;
}

const char *al_report_str(const al_filereport *r, size_t off)
{
	return r->pool.data + off;
}

void al_report_free(al_filereport *r)
{
	free(r->path);
	free(r->error);
	free(r->types);
	free(r->types_why);
	free(r->score_why);
	free(r->list);
	al_buf_free(&r->pool);
	al_buf_free(&r->log);
	al_buf_free(&r->out);
	memset(r, 0, sizeof *r);
}

void al_out_file(al_out *o, const al_emitter *e, const al_filereport *r)
{
	if (r->error) {
		o->unread++;
	} else {
		o->files++;
		o->errors += r->errors;
		o->warnings += r->warnings;
		o->infos += r->infos;
	}
	al_grow(&o->rows, &o->rows_cap, o->nrows + 1, sizeof *o->rows);
	o->rows[o->nrows++] = (struct al_row){ al_xstrdup(r->path),
					       r->error ? -1 : r->score,
					       r->errors,
					       r->warnings,
					       r->infos,
					       al_xstrdup(r->types ? r->types : "") };
	e->file(o, r);
}

/* Several files: a table of each file's score and counts, then the totals;
 * one file: the totals and its score on one line. */
void al_out_summary(al_out *o, FILE *fp)
{
	int w = 4;
	for (size_t i = 0; i < o->nrows; i++)
		if ((int)strlen(o->rows[i].path) > w)
			w = (int)strlen(o->rows[i].path);
	if (o->nrows > 1) {
		/* the headings may be Chinese: pad by terminal columns */
		const char *file = _("file");
		fprintf(fp, "\n%s%*s%s\n", file, w - al_str_columns(file), "",
			_("  score  errors  warnings  infos  types"));
		for (size_t i = 0; i < o->nrows; i++) {
			const struct al_row *row = &o->rows[i];
			if (row->score < 0)
				fprintf(fp, "%-*s  %s\n", w, row->path, _("not read"));
			else
				fprintf(fp, "%-*s  %5d  %6zu  %8zu  %5zu%s%s\n", w, row->path, row->score, row->errors,
					row->warnings, row->infos, *row->types ? "  " : "", row->types);
		}
	}
	char n[4][64];
	snprintf(n[0], sizeof n[0], o->files == 1 ? _("%zu file") : _("%zu files"), o->files);
	snprintf(n[1], sizeof n[1], o->errors == 1 ? _("%zu error") : _("%zu errors"), o->errors);
	snprintf(n[2], sizeof n[2], o->warnings == 1 ? _("%zu warning") : _("%zu warnings"), o->warnings);
	snprintf(n[3], sizeof n[3], o->infos == 1 ? _("%zu info") : _("%zu infos"), o->infos);
	fprintf(fp, _("%s: %s, %s, %s"), n[0], n[1], n[2], n[3]);
	if (o->unread)
		fprintf(fp, _("; %zu not read"), o->unread);
	if (o->nrows == 1 && o->rows[0].score >= 0) {
		fprintf(fp, _("; score: %s %d"), o->rows[0].path, o->rows[0].score);
		if (*o->rows[0].types)
			fprintf(fp, _("; types: %s"), o->rows[0].types);
	}
	fputc('\n', fp);
}

void al_fput_shown(FILE *fp, const char *s)
{
	al_buf b = { 0 };
	al_buf_add_shown(&b, s, strlen(s));
	if (b.data)
		fputs(b.data, fp);
	al_buf_free(&b);
}

void al_out_free(al_out *o)
{
	for (size_t i = 0; i < o->nrows; i++) {
		free(o->rows[i].path);
		free(o->rows[i].types);
	}
	free(o->rows);
}

void al_xml_escape(al_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&':
			al_buf_adds(b, "&amp;");
			break;
		case '<':
			al_buf_adds(b, "&lt;");
			break;
		case '>':
			al_buf_adds(b, "&gt;");
			break;
		case '"':
			al_buf_adds(b, "&quot;");
			break;
		case '\'':
			al_buf_adds(b, "&apos;");
			break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
				al_buf_addc(b, (char)*p);
			break;
		}
	}
}
