/* report_github.c - GitHub Actions workflow commands: each finding becomes
 * an annotation on the pull request's changed lines. */
#include "output/report.h"
#include "base/lang.h"
#include "input/text.h"

#include <string.h>

/* Escapes for a workflow command: % CR LF always, and in properties also
 * ':' and ','. */
static void put_escaped(FILE *fp, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (property && *s == ':')
			fputs("%3A", fp);
		else if (property && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
}

/* Text from a letter: its control characters spelled "\x1b" first, since
 * the log that shows the command is a terminal's. */
static void put_text(FILE *fp, const char *s)
{
	al_buf shown = { 0 };
	al_buf_add_shown(&shown, s, strlen(s));
	put_escaped(fp, shown.data ? shown.data : "", 0);
	al_buf_free(&shown);
}

static void github_file(al_out *o, const al_filereport *r)
{
	if (r->error) {
		fputs("::error file=", o->fp);
		put_escaped(o->fp, r->path, 1);
		fputs("::", o->fp);
		put_text(o->fp, r->error);
		fputc('\n', o->fp);
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const al_rfinding *f = &r->list[i];
		if (f->ignored != (size_t)-1)
			continue;
		const char *kind = f->severity == AL_SEV_ERROR	   ? "error"
				   : f->severity == AL_SEV_WARNING ? "warning"
								   : "notice";
		fprintf(o->fp, "::%s file=", kind);
		put_escaped(o->fp, r->path, 1);
		fprintf(o->fp, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=", f->line, f->col, f->end_line,
			f->end_col);
		put_escaped(o->fp, "appeal-lint (", 1);
		put_escaped(o->fp, f->rule->id, 1);
		put_escaped(o->fp, ")", 1);
		fputs("::", o->fp);
		put_text(o->fp, al_report_str(r, f->message));
		put_escaped(o->fp, "\nSuggestion: ", 0);
		put_text(o->fp, al_report_str(r, f->suggestion));
		fputc('\n', o->fp);
	}
}

const al_emitter al_emit_github = { "github", N_("GitHub Actions workflow commands (annotations)"), NULL, github_file,
				    NULL };
