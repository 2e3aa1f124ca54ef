/* report_text.c - "file:line:col: severity: message [rule]", the form
 * compilers use, with the suggestion and the line marked under the span. */
#include "output/report.h"
#include "base/lang.h"
#include "input/text.h"

#include <string.h>

static const char *sev_color[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };

/* One line of a translated format with one "%s", the text shown safely. */
static void shown_line(FILE *fp, const char *fmt, const char *text)
{
	const char *at = strstr(fmt, "%s");
	if (!at) {
		fputs(fmt, fp);
		return;
	}
	fwrite(fmt, 1, (size_t)(at - fmt), fp);
	al_fput_shown(fp, text);
	fputs(at + 2, fp);
}

static void text_file(al_out *o, const al_filereport *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const al_rfinding *f = &r->list[i];
		int ignored = f->ignored != (size_t)-1;
		if (ignored && !o->show_ignored)
			continue;
		if (o->color)
			fprintf(o->fp, "\033[1m%s:%zu:%zu:\033[0m %s%s\033[0m: ", r->path, f->line, f->col,
				sev_color[f->severity], _(al_severity_name(f->severity)));
		else
			fprintf(o->fp, "%s:%zu:%zu: %s: ", r->path, f->line, f->col, _(al_severity_name(f->severity)));
		al_fput_shown(o->fp, al_report_str(r, f->message));
		fprintf(o->fp, " [%s]%s\n", f->rule->id, ignored ? _(" (ignored)") : "");
		if (o->quiet)
			continue;
		if (ignored)
			shown_line(o->fp, _("  ignored: %s\n"), al_report_str(r, f->ignored));
		shown_line(o->fp, _("  suggestion: %s\n"), al_report_str(r, f->suggestion));
		if (f->para) /* where to look in Word: line:column count the extracted text */
			fprintf(o->fp, _("  Word paragraph: %zu\n"), f->para);
		fprintf(o->fp, "%s\n       | %*s", al_report_str(r, f->excerpt), (int)f->caret_lead, "");
		fprintf(o->fp, "%s%s%s\n", o->color ? "\033[1;32m" : "", al_report_str(r, f->caret),
			o->color ? "\033[0m" : "");
	}
}

static void text_types(al_out *o, const al_filereport *r)
{
	if (!o->verbose || r->error)
		return;
	/* the words that decided a type are the letter's own */
	const char *why = r->types_why && *r->types_why ? r->types_why : _("none detected");
	al_buf shown = { 0 };
	al_buf_add_shown(&shown, why, strlen(why));
	fprintf(o->fp, _("%s: types: %s\n"), r->path, shown.data);
	al_buf_free(&shown);
	if (r->score_why) /* rule ids only: nothing of the letter's own */
		fprintf(o->fp, _("%s: score %d: %s\n"), r->path, r->score, r->score_why);
}

static void text_file_all(al_out *o, const al_filereport *r)
{
	text_file(o, r);
	text_types(o, r);
}

static void text_end(al_out *o)
{
	if (!o->quiet)
		al_out_summary(o, o->fp);
}

const al_emitter al_emit_text = { "text",
				  N_("one line per finding, the form compilers use, with "
				     "suggestion, excerpt and a summary"),
				  NULL, text_file_all, text_end };
