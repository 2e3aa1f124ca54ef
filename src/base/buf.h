/* buf.h - a growable byte buffer that owns its bytes (always NUL-terminated). */
#ifndef AL_BUF_H
#define AL_BUF_H

#include <stddef.h>

typedef struct al_buf {
	char *data;
	size_t len, cap;
} al_buf;

void al_buf_reset(al_buf *b); /* empties, keeps capacity */
void al_buf_free(al_buf *b);
void al_buf_add(al_buf *b, const char *s, size_t n);
void al_buf_adds(al_buf *b, const char *s);
void al_buf_addc(al_buf *b, char c);
void al_buf_printf(al_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif
