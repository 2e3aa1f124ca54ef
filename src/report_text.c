/* report_text.c - "file:line:col: severity: message [rule]", the form
 * compilers use, with the suggestion and the line marked under the span. */
#include "report.h"

#include <string.h>

#define EXCERPT 100 /* code points of a letter line shown at most */
#define BEFORE 30   /* of them, before the span when the line is cut */

static const char *sev_color[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };

static void paint(al_out *o, const char *code, const char *s)
{
	if (o->color)
		fprintf(o->fp, "%s%s\033[0m", code, s);
	else
		fputs(s, o->fp);
}

/* Writes line [a, b) of the text as one display cell per code point:
 * tabs and control characters become spaces, bad bytes '?'. */
static void put_cells(FILE *fp, const al_text *t, size_t a, size_t b)
{
	while (a < b) {
		unsigned char ch = (unsigned char)t->data[a];
		size_t n = ch < 0x80 ? 1 : al_utf8_valid_len((const unsigned char *)t->data, t->len, a);
		if (n == 0) {
			fputc('?', fp);
			a++;
		} else if (n == 1) {
			fputc(ch < 0x20 || ch == 0x7F ? ' ' : ch, fp);
			a++;
		} else {
			fwrite(t->data + a, 1, n, fp);
			a += n;
		}
	}
}

/* Byte offset of the code point `cells` after a, not past b. */
static size_t skip_cells(const al_text *t, size_t a, size_t b, size_t cells)
{
	uint32_t cp;
	while (a < b && cells--)
		a = al_utf8_next(t->data, b, a, &cp);
	return a;
}

/* Byte offset of the code point `cells` before a, not before b. */
static size_t back_cells(const al_text *t, size_t a, size_t b, size_t cells)
{
	while (a > b && cells--) {
		a--;
		while (a > b && ((unsigned char)t->data[a] & 0xC0) == 0x80)
			a--;
	}
	return a;
}

static size_t count_cells(const al_text *t, size_t a, size_t b, size_t max)
{
	size_t n = 0;
	uint32_t cp;
	while (a < b && n < max) {
		a = al_utf8_next(t->data, b, a, &cp);
		n++;
	}
	return n;
}

/* The letter's line under the finding, cut to EXCERPT cells around the
 * span's start, and a caret marker under the span. Work is bounded by
 * EXCERPT, whatever the line's length. */
static void excerpt(al_out *o, const al_letter *l, al_span sp, al_pos p)
{
	const al_text *t = l->text;
	size_t li = p.line - 1;
	size_t ls = t->lines[li], le = al_text_line_end(t, li);
	size_t from = ls;
	int cut_left = 0;
	if (p.col - 1 > BEFORE && skip_cells(t, ls, le, EXCERPT + 1) < le) {
		from = back_cells(t, sp.start, ls, BEFORE);
		cut_left = 1;
	}
	size_t to = skip_cells(t, from, le, EXCERPT);
	size_t lead = count_cells(t, from, sp.start, EXCERPT);
	size_t end = sp.end < to ? sp.end : to;
	size_t width = end > sp.start ? count_cells(t, sp.start, end, EXCERPT) : 1;
	char num[32];
	snprintf(num, sizeof num, "%zu", p.line);
	fprintf(o->fp, " %5s | %s", num, cut_left ? "..." : "");
	put_cells(o->fp, t, from, to);
	fprintf(o->fp, "%s\n       | %s", to < le ? "..." : "", cut_left ? "   " : "");
	for (size_t i = 0; i < lead; i++)
		fputc(' ', o->fp);
	if (o->color)
		fputs("\033[1;32m", o->fp);
	for (size_t i = 0; i < (width ? width : 1); i++)
		fputc(i ? '~' : '^', o->fp);
	fputs(o->color ? "\033[0m\n" : "\n", o->fp);
}

static void text_file(al_out *o, const char *path, const al_letter *l, const al_findings *fs,
		      int score)
{
	for (size_t i = 0; i < fs->n; i++) {
		const al_finding *f = &fs->list[i];
		al_pos p = al_text_pos_at(l->text, &o->cur, f->span.start);
		char where[64];
		snprintf(where, sizeof where, ":%zu:%zu:", p.line, p.col);
		if (o->color)
			fprintf(o->fp, "\033[1m%s%s\033[0m ", path, where);
		else
			fprintf(o->fp, "%s%s ", path, where);
		paint(o, sev_color[f->severity], al_severity_name(f->severity));
		fprintf(o->fp, ": %s [%s]\n", al_finding_str(fs, f->message), f->rule->id);
		if (o->quiet)
			continue;
		fprintf(o->fp, "  suggestion: %s\n", al_finding_str(fs, f->suggestion));
		excerpt(o, l, f->span, p);
	}
	al_buf_printf(&o->scores, "%s%s %d", o->scores.len ? ", " : "", path, score);
}

static void text_error(al_out *o, const char *path, const char *msg)
{
	(void)msg; /* printed on stderr by the caller */
	al_buf_printf(&o->scores, "%s%s (not read)", o->scores.len ? ", " : "", path);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void text_end(al_out *o)
{
	if (o->quiet)
		return;
	fprintf(o->fp, "%zu %s: %zu %s, %zu %s, %zu %s; score: %s\n", o->files,
		plural(o->files, "file", "files"), o->errors, plural(o->errors, "error", "errors"),
		o->warnings, plural(o->warnings, "warning", "warnings"), o->infos,
		plural(o->infos, "info", "infos"), o->scores.len ? o->scores.data : "none");
}

const al_emitter al_emit_text = { "text", "one line per finding, with suggestion and excerpt",
				  NULL, text_file, text_error, text_end };
