/* dict.c - lookups in the front-coded word list: a binary search over block
 * heads, then a walk through at most one block. */
#include "model/dict.h"

#include <string.h>

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int al_dict_open(al_dict *d, const unsigned char *blob, size_t len)
{
	if (len < 20 || memcmp(blob, "ALDICT1\n", 8) != 0)
		return -1;
	d->nwords = get32(blob + 8);
	d->nblocks = get32(blob + 12);
	d->block = get32(blob + 16);
	if (d->block == 0 || 20 + (size_t)d->nblocks * 4 > len)
		return -1;
	d->heads = blob + 20;
	d->entries = d->heads + (size_t)d->nblocks * 4;
	d->entries_len = len - 20 - (size_t)d->nblocks * 4;
	return 0;
}

/* strcmp of s[0..n) against the NUL-terminated w. */
static int cmp_word(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	int c = memcmp(s, w, n < m ? n : m);
	return c ? c : (n > m) - (n < m);
}

static const char *head_word(const al_dict *d, uint32_t b)
{
	return (const char *)d->entries + get32(d->heads + 4 * (size_t)b) + 1;
}

unsigned al_dict_lookup(const al_dict *d, const char *s, size_t n)
{
	if (!d->nblocks || n == 0 || n > 250)
		return 0;
	uint32_t lo = 0, hi = d->nblocks; /* last block whose head <= s */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (cmp_word(s, n, head_word(d, mid)) >= 0)
			lo = mid;
		else
			hi = mid;
	}
	const unsigned char *p = d->entries + get32(d->heads + 4 * (size_t)lo);
	const unsigned char *end = d->entries + d->entries_len;
	char word[256];
	size_t len = 0;
	for (uint32_t i = 0; i < d->block && p < end; i++) {
		unsigned tag = *p++;
		size_t pre = i ? *p++ : 0;
		size_t rest = strnlen((const char *)p, (size_t)(end - p));
		if (pre > len || pre + rest >= sizeof word)
			return 0;
		memcpy(word + pre, p, rest);
		len = pre + rest;
		p += rest + 1;
		word[len] = '\0';
		int c = cmp_word(s, n, word);
		if (c == 0)
			return tag;
		if (c < 0)
			return 0;
	}
	return 0;
}
