/* al.h - types shared by every appeal-lint module: spans, severities, errors.
 *
 * Ownership: functions borrow their arguments. A function that returns
 * memory says which _free() releases it. Structures named al_X are
 * released with al_X_free(); they may be reused after al_X_reset(). */
#ifndef AL_H
#define AL_H

#include <stddef.h>
#include <stdint.h>

#define AL_VERSION "0.1.0"

/* A half-open byte range [start, end) inside a letter's text. */
typedef struct al_span {
	size_t start, end;
} al_span;

typedef enum al_severity {
	AL_SEV_INFO = 0,
	AL_SEV_WARNING = 1,
	AL_SEV_ERROR = 2,
	AL_SEV_NONE = 3 /* only as a --fail-on level: never fail */
} al_severity;

/* Error categories; main.c maps them to exit codes. */
typedef enum al_errcode {
	AL_OK = 0,
	AL_ERR_IO,    /* a file could not be read */
	AL_ERR_INPUT, /* an input is not acceptable (too large, a directory) */
	AL_ERR_JSON,  /* a rule file is not valid JSON */
	AL_ERR_RULE,  /* a rule file is valid JSON but not a valid rule */
	AL_ERR_REGEX  /* a pattern does not compile */
} al_errcode;

/* An error as a value: where it happened and why, for the caller to print. */
typedef struct al_error {
	al_errcode code;
	char file[512];
	int line, col; /* 1-based; 0 when unknown */
	char msg[512];
} al_error;

/* Fills err (when not NULL) and returns -1, so callers can `return al_fail(...)`. */
int al_fail(al_error *err, al_errcode code, const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* Aborts with a message on allocation failure: the one error not returned. */
void *al_xmalloc(size_t n);
void *al_xrealloc(void *p, size_t n);
/* Zeroed memory; the pages are touched only when used. */
void *al_xcalloc(size_t count, size_t size);
char *al_xstrdup(const char *s);
char *al_xstrndup(const char *s, size_t n);

/* FNV-1a of s[0..n), for the hash tables. */
uint32_t al_hash(const char *s, size_t n);

/* The index of the last of a[0, n) (sorted, a[0] <= x) that is at most x:
 * the line or paragraph that holds offset x. */
size_t al_last_at_most(const size_t *a, size_t n, size_t x);

/* Grows *arr (element size elem) so that it holds at least need elements. */
void al_grow_to(void *arrp, size_t *cap, size_t need, size_t elem);
/* al_grow_to, with the common case (room enough) inline. */
static inline void al_grow(void *arrp, size_t *cap, size_t need, size_t elem)
{
	if (need > *cap)
		al_grow_to(arrp, cap, need, elem);
}

/* The folder part of path ("." when it has none); free it. */
char *al_dir_of(const char *path);

/* Rule and configuration files: regular files of at most this size. */
#define AL_MAX_DATA_FILE (8 << 20)

/* Reads the whole file at path into *buf (NUL-terminated; free it) and its
 * length into *len. what names the file in the error ("configuration"). */
int al_read_file(const char *path, const char *what, char **buf, size_t *len, al_error *err);

const char *al_severity_name(al_severity s);
/* Parses "error", "warning", "info" (and "none" when allow_none); -1 if unknown. */
int al_severity_parse(const char *s, int allow_none);

#endif
