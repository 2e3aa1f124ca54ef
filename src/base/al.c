/* al.c - errors, allocation and severities shared by every module. */
#include "base/al.h"
#include "base/lang.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int al_fail(al_error *err, al_errcode code, const char *file, int line, int col, const char *fmt, ...)
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

void *al_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	return p ? p : oom(count * size);
}

size_t al_last_at_most(const size_t *a, size_t n, size_t x)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

uint32_t al_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a: the tables it feeds need no better */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
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

void al_grow_to(void *arrp, size_t *cap, size_t need, size_t elem)
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
	const char *w = *what ? _(what) : "", *sp = *what ? " " : "";
	/* no waiting on a FIFO, no reading a device: rule and configuration
	 * files are regular files of bounded size */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return al_fail(err, AL_ERR_IO, path, 0, 0, _("cannot open %s%s%s: %s"), w, sp, path, strerror(errno));
	struct stat st;
	int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (!regular || st.st_size > AL_MAX_DATA_FILE) {
		int big = regular; /* else st may not even be filled in */
		close(fd);
		if (big)
			return al_fail(err, AL_ERR_INPUT, path, 0, 0,
				       _("%s%s%s is larger than the limit of %d MiB for rule and configuration files"),
				       w, sp, path, AL_MAX_DATA_FILE >> 20);
		return al_fail(err, AL_ERR_INPUT, path, 0, 0, _("cannot read %s%s%s: it is not a regular file"), w, sp,
			       path);
	}
	char *b = al_xmalloc((size_t)st.st_size + 1);
	size_t n = 0;
	ssize_t r = 0;
	while (n < (size_t)st.st_size &&
	       ((r = read(fd, b + n, (size_t)st.st_size - n)) > 0 || (r < 0 && errno == EINTR)))
		n += r > 0 ? (size_t)r : 0;
	close(fd);
	if (r < 0) {
		free(b);
		return al_fail(err, AL_ERR_IO, path, 0, 0, _("cannot read %s"), path);
	}
	b[n] = '\0'; /* a file that shrank while read is taken as it was read */
	*buf = b;
	*len = n;
	return 0;
}

char *al_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? al_xstrndup(path, (size_t)(slash - path) + (slash == path)) : al_xstrdup(".");
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
