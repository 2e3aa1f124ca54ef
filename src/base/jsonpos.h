/* jsonpos.h - places in a JSON text, for error messages with line and column. */
#ifndef AL_JSONPOS_H
#define AL_JSONPOS_H

#include <stddef.h>

/* 1-based line and column (code points) of byte offset off. */
void al_json_line_col(const char *json, size_t len, size_t off, int *line, int *col);

/* Offset of the key "key" (a quoted string followed by ':') at or after
 * from, or from when there is none. */
size_t al_json_find_key(const char *json, size_t len, size_t from, const char *key);

/* Blanks out // and block comments (outside strings) with spaces, keeping
 * every newline, so positions in the text stay what the user sees. */
void al_json_strip_comments(char *json, size_t len);

/* 1 when d is a whole number from lo to hi; checked before any cast to int,
 * which is undefined for values out of range (1e73, NaN). */
int al_json_whole(double d, int lo, int hi);

#endif
