/* text.h - load a letter's bytes once: decode to UTF-8, find bad bytes, index lines. */
#ifndef AL_TEXT_H
#define AL_TEXT_H

#include "base/al.h"
#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>

typedef enum al_encoding { AL_ENC_UTF8, AL_ENC_UTF8_BOM, AL_ENC_UTF16LE, AL_ENC_UTF16BE } al_encoding;

#define AL_NONE SIZE_MAX

/* A letter's text. data is UTF-8 (transcoded from UTF-16 when the file had a
 * UTF-16 BOM) and is never modified after loading: every later stage refers
 * to it by byte offsets. Reuse one al_text for many letters: buffers grow
 * and are kept. */
typedef struct al_text {
	char *data; /* NUL-terminated; owned */
	size_t len, cap;
	size_t start; /* first content byte: 3 after a UTF-8 BOM, else 0 */
	al_encoding enc;
	size_t *lines; /* byte offset where each line starts */
	size_t nlines, lines_cap;
	size_t *units; /* UTF-16 input: 16-bit units before each line start */
	size_t units_cap;
	size_t bad; /* offset of the first invalid byte, or AL_NONE */
	size_t nul; /* offset of the first NUL byte, or AL_NONE */
	char *raw;  /* the bytes as read by al_text_read; owned */
	size_t raw_len, raw_cap;
} al_text;

/* A position for output. line and col are 1-based; col counts code points,
 * col16 UTF-16 code units; offset is the byte offset in the file as read. */
typedef struct al_pos {
	size_t line, col, col16, offset;
} al_pos;

/* Loads n bytes (copied) and indexes them. Never fails on content. */
void al_text_set(al_text *t, const char *bytes, size_t n);

/* Reads a file (path) or stdin (path NULL) of at most max bytes and loads it.
 * name is used in error messages. Returns 0, or -1 with err filled. */
int al_text_read(al_text *t, const char *path, const char *name, size_t max, al_error *err);

/* al_text_read in two steps, for a caller that may read the bytes another
 * way (a .docx): the bytes into t->raw only, then (al_text_load_raw) the
 * check that they are plain text and the load. */
int al_text_read_raw(al_text *t, const char *path, const char *name, size_t max, al_error *err);
int al_text_load_raw(al_text *t, const char *name, al_error *err);
/* The first step from memory: copies bytes[0, n) into t->raw, or refuses
 * them (-1, err) as al_text_read_raw does a file over max. */
int al_text_set_raw(al_text *t, const char *bytes, size_t n, const char *name, size_t max, al_error *err);

al_pos al_text_pos(const al_text *t, size_t off);

/* The last position asked for: asking in increasing order through a cursor
 * costs the distance walked, not the distance from the line's start. */
typedef struct al_cursor {
	size_t off, line, col, col16; /* line 0: not set */
} al_cursor;

/* al_text_pos, continuing from *cur when off is on its line and after it. */
al_pos al_text_pos_at(const al_text *t, al_cursor *cur, size_t off);
size_t al_text_line_of(const al_text *t, size_t off);	/* 0-based line index */
size_t al_text_line_end(const al_text *t, size_t line); /* without terminator */
void al_text_free(al_text *t);

/* Decodes the code point at s[i] (i < n) into *cp and returns the index of
 * the next one. An invalid byte yields U+FFFD and advances one byte. */
size_t al_utf8_next(const char *s, size_t n, size_t i, uint32_t *cp);

/* The columns a code point takes on a terminal: 2 for East Asian wide and
 * full-width characters and most emoji, 0 for combining marks, joiners and
 * variation selectors, else 1. The same on every machine, whatever the
 * locale (so goldens and editors agree). */
int al_cp_width(uint32_t cp);
/* The terminal columns of the UTF-8 string s. */
int al_str_columns(const char *s);
/* Length of the valid UTF-8 sequence at s[i], or 0 if the byte is invalid. */
size_t al_utf8_valid_len(const unsigned char *s, size_t n, size_t i);

/* Is cp a control character (C0, DEL or C1)? A terminal acts on these (ESC
 * starts an escape sequence, U+009B is CSI), so text from a letter shows
 * them spelled out. */
int al_cp_control(uint32_t cp);
/* Adds s[0, n) to b with each control character (tab too) spelled "\xHH",
 * HH its code point in hex (ESC "\x1b", DEL "\x7f", U+009B "\x9b"): what a
 * terminal is shown of text from a letter. */
void al_buf_add_shown(al_buf *b, const char *s, size_t n);

#endif
