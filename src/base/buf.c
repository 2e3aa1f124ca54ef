/* buf.c - growable byte buffer. */
#include "base/buf.h"

#include "base/al.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(al_buf *b, size_t extra)
{
	al_grow(&b->data, &b->cap, b->len + extra + 1, 1);
}

void al_buf_reset(al_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void al_buf_free(al_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void al_buf_add(al_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void al_buf_adds(al_buf *b, const char *s)
{
	al_buf_add(b, s, strlen(s));
}

void al_buf_addc(al_buf *b, char c)
{
	al_buf_add(b, &c, 1);
}

void al_buf_printf(al_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
