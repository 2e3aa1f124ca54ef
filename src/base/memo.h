/* memo.h - remembered answers for short words: a direct-mapped table (a
 * slot keeps the latest word that hashed to it), emptied when what the
 * answers depend on changes. Spelling keeps its verdicts here, the concept
 * reader a word's ids. */
#ifndef AL_MEMO_H
#define AL_MEMO_H

#include <stddef.h>
#include <stdint.h>

#define AL_MEMO_WORD 31 /* longer words are never kept */

typedef struct al_memo_slot {
	uint32_t hash, a, b; /* a, b: the answers */
	uint8_t len;	     /* 0: empty */
	char word[AL_MEMO_WORD];
} al_memo_slot;

typedef struct al_memo al_memo;

/* The slot of w[0..n) in *mp (created on first use), for answers that hold
 * while tag1 and tag2 stay as they are (the memo empties when they change).
 * *hit tells whether the slot holds w's answers; when it does not, the
 * caller computes them and keeps them with al_memo_keep. NULL when w is too
 * long to keep. */
al_memo_slot *al_memo_find(al_memo **mp, uintptr_t tag1, uintptr_t tag2, const char *w, size_t n, int *hit);
void al_memo_keep(al_memo_slot *s, const char *w, size_t n, uint32_t a, uint32_t b);
void al_memo_free(al_memo *m);

#endif
