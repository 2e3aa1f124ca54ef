/* suggest.c - words one edit away, ranked the way typing goes wrong. */
#include "model/suggest.h"

#include <string.h>

#define MAX_CAND 24

typedef struct cand {
	char w[AL_SUGGEST_WORD];
	int cost;
} cand;

/* Neighbours on a QWERTY keyboard: a slip of the finger. */
static const char *const near_keys[26] = {
	"qwsz",	  "vghn",  "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko",
	"huikmn", "jiolm", "kop",  "njk",    "bhjm", "iklp",   "ol",	 "wa",	   "edft",
	"awedxz", "rfgy",  "yhji", "cfgb",   "qase", "zsdc",   "tghu",	 "asx",
};

static int vowel(char c)
{
	return c && strchr("aeiouy", c) != NULL;
}

/* The cost of writing `typed` where `meant` was wanted, at position i. */
static int swap_cost(char typed, char meant)
{
	if (typed >= 'a' && typed <= 'z' && strchr(near_keys[typed - 'a'], meant))
		return 1;
	return vowel(typed) && vowel(meant) ? 1 : 3;
}

typedef struct search {
	const al_dict *d;
	unsigned mask;
	cand c[MAX_CAND];
	size_t n;
} search;

static void try_word(search *s, const char *w, size_t len, int cost, size_t at)
{
	if (len == 0 || len >= AL_SUGGEST_WORD || s->n == MAX_CAND)
		return;
	unsigned tag = al_dict_lookup(s->d, w, len);
	if (!tag || (s->mask && !(tag & s->mask)))
		return;
	cost += at == 0 ? 2 : at == 1 ? 1 : 0; /* the first letters are seldom the wrong ones */
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->c[i].w, w) == 0) {
			if (cost < s->c[i].cost)
				s->c[i].cost = cost;
			return;
		}
	memcpy(s->c[s->n].w, w, len + 1);
	s->c[s->n++].cost = cost;
}

size_t al_suggest_near(const al_dict *d, unsigned mask, const char *word, char (*out)[AL_SUGGEST_WORD], size_t max)
{
	size_t n = strlen(word);
	if (n < 2 || n + 2 >= AL_SUGGEST_WORD)
		return 0;
	search s = { d, mask, { { { 0 }, 0 } }, 0 };
	char w[AL_SUGGEST_WORD];
	for (size_t i = 0; i + 1 < n; i++) { /* swapped: "teh" */
		memcpy(w, word, n + 1);
		w[i] = word[i + 1];
		w[i + 1] = word[i];
		try_word(&s, w, n, 0, i);
	}
	for (size_t i = 0; i < n; i++) { /* extra: "occurrred"; a letter left out is likelier */
		memcpy(w, word, i);
		memcpy(w + i, word + i + 1, n - i);
		int doubled = (i > 0 && word[i - 1] == word[i]) || word[i + 1] == word[i];
		try_word(&s, w, n - 1, doubled ? 1 : 3, i);
	}
	for (size_t i = 0; i <= n; i++) /* missing: "ocured" */
		for (char c = 'a'; c <= 'z'; c++) {
			memcpy(w, word, i);
			w[i] = c;
			memcpy(w + i + 1, word + i, n - i + 1);
			int doubled = (i > 0 && word[i - 1] == c) || word[i] == c;
			try_word(&s, w, n + 1, doubled ? 1 : 2, i);
		}
	for (size_t i = 0; i < n; i++) /* wrong: "seperate" */
		for (char c = 'a'; c <= 'z'; c++) {
			if (c == word[i])
				continue;
			memcpy(w, word, n + 1);
			w[i] = c;
			try_word(&s, w, n, swap_cost(word[i], c), i);
		}
	/* cheapest first; among equals, the order found (stable) */
	size_t k = 0;
	for (int cost = 0; cost <= 6 && k < max; cost++)
		for (size_t i = 0; i < s.n && k < max; i++)
			if (s.c[i].cost == cost)
				memcpy(out[k++], s.c[i].w, AL_SUGGEST_WORD);
	return k;
}
