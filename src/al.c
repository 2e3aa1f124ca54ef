/* al.c - errors, allocation and severities shared by every module. */
#include "al.h"
#include "lang.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int al_fail(al_error *err, al_errcode code, const char *file, int line, int col,
	    const char *fmt, ...)
{
	if (!err)
		return -1;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static void *oom(size_t n)
{
	fprintf(stderr, _("appeal-lint: out of memory (%zu bytes)\n"), n);
	abort();
}

void *al_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

void *al_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *al_xstrndup(const char *s, size_t n)
{
	char *p = al_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *al_xstrdup(const char *s)
{
	return al_xstrndup(s, strlen(s));
}

void al_grow(void *arrp, size_t *cap, size_t need, size_t elem)
{
	void **arr = arrp;
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	*arr = al_xrealloc(*arr, n * elem);
	*cap = n;
}

int al_read_file(const char *path, const char *what, char **buf, size_t *len, al_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return al_fail(err, AL_ERR_IO, path, 0, 0, _("cannot open %s%s%s: %s"), *what ? _(what) : "", *what ? " " : "",
			       path, strerror(errno));
	char *b = NULL;
	size_t n = 0, cap = 0, r;
	do {
		al_grow(&b, &cap, n + 65536 + 1, 1);
		r = fread(b + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	int bad = ferror(f);
	fclose(f);
	b[n] = '\0';
	if (bad) {
		free(b);
		return al_fail(err, AL_ERR_IO, path, 0, 0, _("cannot read %s"), path);
	}
	*buf = b;
	*len = n;
	return 0;
}

/* N_(): shown translated in text output; the names themselves stay English */
static const char *const sev_names[] = { N_("info"), N_("warning"), N_("error"), "none" };

const char *al_severity_name(al_severity s)
{
	return (unsigned)s < 4 ? sev_names[s] : "?";
}

int al_severity_parse(const char *s, int allow_none)
{
	for (int i = 0; i < (allow_none ? 4 : 3); i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}
