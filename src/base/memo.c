/* memo.c - remembered answers for short words. */
#include "base/memo.h"

#include "base/al.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 8192

struct al_memo {
	uintptr_t tag1, tag2;
	al_memo_slot slot[SLOTS];
};

al_memo_slot *al_memo_find(al_memo **mp, uintptr_t tag1, uintptr_t tag2, const char *w, size_t n, int *hit)
{
	*hit = 0;
	if (n == 0 || n > AL_MEMO_WORD)
		return NULL;
	al_memo *m = *mp;
	if (!m) { /* calloc: the pages a run never uses are never touched */
		m = *mp = al_xcalloc(1, sizeof *m);
		m->tag1 = tag1, m->tag2 = tag2;
	} else if (m->tag1 != tag1 || m->tag2 != tag2) {
		memset(m->slot, 0, sizeof m->slot);
		m->tag1 = tag1, m->tag2 = tag2;
	}
	uint32_t h = al_hash(w, n);
	al_memo_slot *s = &m->slot[h & (SLOTS - 1)];
	*hit = s->len == n && s->hash == h && memcmp(s->word, w, n) == 0;
	s->hash = h; /* the slot is w's from here: al_memo_keep fills it */
	return s;
}

void al_memo_keep(al_memo_slot *s, const char *w, size_t n, uint32_t a, uint32_t b)
{
	s->a = a, s->b = b, s->len = (uint8_t)n;
	memcpy(s->word, w, n);
}

void al_memo_free(al_memo *m)
{
	free(m);
}
