/* concept.c - lexicons, a letter's words looked up once, and sentence
 * patterns over concepts. */
#include "model/concept.h"
#include "base/buf.h"
#include "base/lang.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Word id w's bit in a 128-bit set of hashed words. */
static unsigned word_bit(uint32_t w)
{
	return (w * 0x9E3779B1u) >> 25;
}

/* Each change of any lexicon takes a new number, so a memo of word ids
 * knows whether it still holds. */
static atomic_ulong lexicon_gens;

/* ---- the lexicon ---- */

static size_t hash_key(const char *k)
{
	return al_hash(k, strlen(k));
}

static void rehash(al_lexicon *lx)
{
	size_t cap = lx->nslots ? lx->nslots * 2 : 256;
	uint32_t *slots = al_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < lx->nwords; i++) {
		size_t h = hash_key(lx->words[i].key) & (cap - 1);
		while (slots[h])
			h = (h + 1) & (cap - 1);
		slots[h] = (uint32_t)(i + 1);
	}
	free(lx->slots);
	lx->slots = slots;
	lx->nslots = cap;
}

static uint32_t find_word(const al_lexicon *lx, const char *key)
{
	if (!lx->nslots)
		return 0;
	size_t h = hash_key(key) & (lx->nslots - 1);
	for (uint32_t id; (id = lx->slots[h]) != 0; h = (h + 1) & (lx->nslots - 1))
		if (strcmp(lx->words[id - 1].key, key) == 0)
			return id;
	return 0;
}

uint32_t al_lexicon_word(al_lexicon *lx, const char *key, int add)
{
	uint32_t found = find_word(lx, key);
	if (found || !add)
		return found;
	if (2 * (lx->nwords + 1) > lx->nslots)
		rehash(lx);
	al_grow(&lx->words, &lx->words_cap, lx->nwords + 1, sizeof *lx->words);
	lx->words[lx->nwords] = (al_lexword){ al_xstrdup(key), { { 0, 0 } }, 0 };
	lx->gen = atomic_fetch_add(&lexicon_gens, 1) + 1;
	uint32_t id = (uint32_t)++lx->nwords;
	size_t h = hash_key(key) & (lx->nslots - 1);
	while (lx->slots[h])
		h = (h + 1) & (lx->nslots - 1);
	lx->slots[h] = id;
	return id;
}

int al_lexicon_concept(const al_lexicon *lx, const char *name)
{
	for (size_t i = 0; i < lx->nconcepts; i++)
		if (strcmp(lx->concepts[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void find_engine_concepts(al_lexicon *lx)
{
	lx->neg = al_lexicon_concept(lx, "NEGATION");
	lx->pseudo = al_lexicon_concept(lx, "NOT_NEGATION");
	lx->stop = al_lexicon_concept(lx, "SCOPE_END");
	lx->hypo = al_lexicon_concept(lx, "CONDITION");
	lx->negnp = al_lexicon_concept(lx, "NEGATION_NP");
	lx->deny = al_lexicon_concept(lx, "DENY");
	lx->be = al_lexicon_concept(lx, "BE");
	lx->list_or = al_lexicon_concept(lx, "LIST_OR");
	lx->agent = al_lexicon_concept(lx, "AGENT");
	lx->principal = al_lexicon_concept(lx, "PRINCIPAL");
	lx->self = al_lexicon_concept(lx, "SELF");
	lx->buyer = al_lexicon_concept(lx, "BUYER");
	lx->they = al_lexicon_concept(lx, "THEY");
	lx->engage = al_lexicon_concept(lx, "ENGAGE");
	lx->admit = al_lexicon_concept(lx, "ADMIT");
	lx->own = al_lexicon_concept(lx, "OWN");
	lx->company = al_lexicon_concept(lx, "COMPANY");
	lx->passing = al_lexicon_concept(lx, "PASSING");
	lx->prep = al_lexicon_concept(lx, "PREPOSITION");
	lx->det = al_lexicon_concept(lx, "DETERMINER");
	lx->rel = al_lexicon_concept(lx, "REL");
	lx->cause = al_lexicon_concept(lx, "CAUSE");
	lx->others = (al_cmask){ { 0, 0 } };
	static const char *const others[] = { "BUYER", "CARRIER", "SUPPLIER", "RIVAL" };
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		int c = al_lexicon_concept(lx, others[i]);
		if (c >= 0)
			al_cm_set(&lx->others, (unsigned)c);
	}
}

int al_lexicon_define(al_lexicon *lx, const char *name)
{
	int c = al_lexicon_concept(lx, name);
	if (c >= 0)
		return c;
	if (lx->nconcepts == AL_MAX_CONCEPTS)
		return -1;
	lx->concepts[lx->nconcepts] = (al_concept){ al_xstrdup(name) };
	c = (int)lx->nconcepts++;
	find_engine_concepts(lx);
	return c;
}

/* The key of one word as written in rule data; 0 when it has none.
 * "=tried" is the word exactly as written (folded), not its stem. */
static uint32_t word_id(al_lexicon *lx, const char *w, size_t n, int add)
{
	char fold[AL_WORD_MAX + 2], key[AL_WORD_MAX + 2];
	if (!lx->stemmer)
		lx->stemmer = al_stemmer_new();
	if (n > 1 && *w == '=') {
		key[0] = '=';
		if (!al_word_fold(w + 1, n - 1, key + 1, sizeof key - 1))
			return 0;
		lx->exact = 1;
		return al_lexicon_word(lx, key, add);
	}
	int hit;
	al_memo_slot *m = al_memo_find(&lx->keys, 0, 0, w, n, &hit);
	if (hit) /* ids stay once made: a kept one holds for either add */
		return m->a;
	size_t k = al_word_fold(w, n, fold, sizeof fold);
	if (!k || !al_word_key(lx->stemmer, fold, k, key))
		return 0;
	uint32_t id = al_lexicon_word(lx, key, add);
	if (m && id)
		al_memo_keep(m, w, n, id, 0);
	return id;
}

/* The next field of a space-separated text at *p: its start, its length in
 * *n (0 at the end), and *p moved past it. */
static const char *next_field(const char **p, size_t *n)
{
	const char *f = *p;
	while (*f == ' ')
		f++;
	const char *q = f;
	while (*q && *q != ' ')
		q++;
	*n = (size_t)(q - f);
	*p = q;
	return f;
}

int al_lexicon_add(al_lexicon *lx, int c, const char *text)
{
	al_entry e = { { 0 }, 0, (uint8_t)c, 0, NULL };
	size_t n;
	for (const char *p = text, *w; (w = next_field(&p, &n)), n;) {
		if (e.n == AL_MAX_PHRASE)
			return -1;
		e.keys[e.n] = n == 1 && *w == '*' ? AL_WORD_ANY : word_id(lx, w, n, 1);
		if (!e.keys[e.n++])
			return -1;
	}
	if (e.n == 0 || e.keys[0] == AL_WORD_ANY)
		return -1;
	al_lexword *w = &lx->words[e.keys[0] - 1];
	if (e.n == 1) {
		if (al_cm_has(&w->mask, (unsigned)c))
			return 1;
		al_cm_set(&w->mask, (unsigned)c);
	}
	for (uint32_t k = w->phrases; k; k = lx->entries[k - 1].next) {
		const al_entry *o = &lx->entries[k - 1];
		if (o->concept == c && o->n == e.n && memcmp(o->keys, e.keys, e.n * sizeof *e.keys) == 0)
			return 1;
	}
	e.text = al_xstrdup(text);
	if (e.n > 1) {
		e.next = w->phrases;
		w->phrases = (uint32_t)(lx->nentries + 1);
	}
	al_grow(&lx->entries, &lx->entries_cap, lx->nentries + 1, sizeof *lx->entries);
	lx->entries[lx->nentries++] = e;
	return 0;
}

size_t al_lexicon_entries(const al_lexicon *lx, int c, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < lx->nentries; i++)
		if (lx->entries[i].concept == c) {
			if (n < max)
				out[n] = lx->entries[i].text;
			n++;
		}
	return n;
}

void al_lexicon_free(al_lexicon *lx)
{
	for (size_t i = 0; i < lx->nconcepts; i++)
		free(lx->concepts[i].name);
	for (size_t i = 0; i < lx->nwords; i++)
		free(lx->words[i].key);
	for (size_t i = 0; i < lx->nentries; i++)
		free(lx->entries[i].text);
	free(lx->words);
	free(lx->slots);
	free(lx->entries);
	al_stemmer_free(lx->stemmer);
	al_memo_free(lx->keys);
	memset(lx, 0, sizeof *lx);
	lx->neg = lx->pseudo = lx->stop = lx->hypo = lx->negnp = lx->deny = lx->be = lx->list_or = -1;
}

/* ---- patterns ---- */

void al_cset_free(al_cset *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		free(cs->src[i]);
	free(cs->src);
	free(cs->line);
	free(cs->col);
	free(cs->pats);
	free(cs->first_words);
	free(cs->by_concept);
	free(cs->by_word);
	free(cs->word_bits);
	memset(cs, 0, sizeof *cs);
}

int al_concept_name_ok(const char *p, size_t n)
{
	if (n == 0 || !(p[0] >= 'A' && p[0] <= 'Z'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_'))
			return 0;
	return 1;
}

/* One alternative of an element ("SELF", "sorry"): its concept bit into
 * *mask, or its word into e. Returns NULL or what is wrong. */
static const char *alternative(al_lexicon *lx, const char *p, size_t n, al_cmask *mask, al_elem *e, char *why,
			       size_t cap)
{
	if (al_concept_name_ok(p, n)) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), p);
		int c = al_lexicon_concept(lx, name);
		if (c < 0) {
			snprintf(why, cap, _("unknown concept '%s' (see rules/concepts.json)"), name);
			return why;
		}
		al_cm_set(mask, (unsigned)c);
		return NULL;
	}
	if (!mask || e->nwords == sizeof e->words / sizeof *e->words) {
		snprintf(why, cap, _("at most %d words in one element, and none after '!'"),
			 (int)(sizeof e->words / sizeof *e->words));
		return why;
	}
	uint32_t id = word_id(lx, p, n, 1);
	if (!id) {
		snprintf(why, cap, _("'%.*s' is not a word"), (int)n, p);
		return why;
	}
	e->words[e->nwords++] = id;
	al_cm_set(&e->wordbits, word_bit(id));
	return NULL;
}

/* "A|b|C" into e (mask and words) or, for a barrier, into *mask only. */
static const char *alternatives(al_lexicon *lx, const char *p, size_t n, al_cmask *mask, al_elem *e, char *why,
				size_t cap)
{
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && p[j] != '|')
			j++;
		if (j == i) {
			snprintf(why, cap, _("an empty alternative"));
			return why;
		}
		const char *bad = alternative(lx, p + i, j - i, mask, e, why, cap);
		if (bad)
			return bad;
		i = j + 1;
	}
	return NULL;
}

/* "~N" or "~N!A|B": the gap before the next element. */
static const char *gap(al_lexicon *lx, const char *p, size_t n, al_elem *next, char *why, size_t cap)
{
	size_t i = 1;
	unsigned g = 0;
	while (i < n && p[i] >= '0' && p[i] <= '9' && g < 100)
		g = g * 10 + (unsigned)(p[i++] - '0');
	if (i == 1 || g > 12) {
		snprintf(why, cap, _("a gap is ~N with N from 0 to 12"));
		return why;
	}
	next->gap = (uint8_t)g;
	if (i == n)
		return NULL;
	if (p[i] != '!') {
		snprintf(why, cap, _("after ~N only '!' and concepts may follow"));
		return why;
	}
	al_elem scratch = { 0 };
	return alternatives(lx, p + i + 1, n - i - 1, &next->barrier, &scratch, why, cap) ? why
	       : scratch.nwords ? (snprintf(why, cap, _("a barrier names concepts, not words")), why)
				: NULL;
}

static const char *compile_one(al_lexicon *lx, const char *text, al_cpat *pat, char *why, size_t cap)
{
	memset(pat, 0, sizeof *pat);
	al_elem pending = { 0 };
	int have_gap = 0;
	size_t n;
	for (const char *next = text, *p; (p = next_field(&next, &n)), n;) {
		if (*p == '~') {
			if (have_gap || pat->n == 0) {
				snprintf(why, cap, _("a gap stands between two elements"));
				return why;
			}
			if (gap(lx, p, n, &pending, why, cap))
				return why;
			have_gap = 1;
		} else {
			if (pat->n == AL_MAX_ELEMS) {
				snprintf(why, cap, _("at most %d elements in a pattern"), AL_MAX_ELEMS);
				return why;
			}
			al_elem *e = &pat->elems[pat->n];
			*e = pending;
			if (*p == '^' && n > 1) {
				e->subject = 1;
				p++, n--;
			}
			if (p[n - 1] == '?') {
				e->optional = 1;
				n--;
			}
			if (alternatives(lx, p, n, &e->mask, e, why, cap))
				return why;
			if (e->optional && pat->n == 0) {
				snprintf(why, cap, _("the first element cannot be optional"));
				return why;
			}
			pat->n++;
			memset(&pending, 0, sizeof pending);
			have_gap = 0;
		}
	}
	if (pat->n == 0 || have_gap) {
		snprintf(why, cap, pat->n ? _("a pattern cannot end in a gap") : _("an empty pattern"));
		return why;
	}
	return NULL;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Can a match of cs start with word id? */
static int first_word_bit(const al_cset *cs, uint32_t id)
{
	return id && id <= cs->max_word && ((cs->word_bits[id / 64] >> (id % 64)) & 1);
}

/* The index of word id in cs->first_words (sorted), or -1. */
static ptrdiff_t first_word_at(const al_cset *cs, uint32_t id)
{
	if (!first_word_bit(cs, id))
		return -1;
	const uint32_t *w = bsearch(&id, cs->first_words, cs->nfirst_words, sizeof id, cmp_u32);
	return w ? w - cs->first_words : -1;
}

/* The words a match of cs can start with: sorted, unique, and as bits. */
static void first_words_of(al_cset *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		const al_elem *e = &cs->pats[i].elems[0];
		cs->first_words =
			al_xrealloc(cs->first_words, (cs->nfirst_words + e->nwords + 1) * sizeof *cs->first_words);
		for (uint8_t w = 0; w < e->nwords; w++)
			cs->first_words[cs->nfirst_words++] = e->words[w];
	}
	qsort(cs->first_words, cs->nfirst_words, sizeof *cs->first_words, cmp_u32);
	size_t u = 0;
	for (size_t i = 0; i < cs->nfirst_words; i++)
		if (!u || cs->first_words[u - 1] != cs->first_words[i])
			cs->first_words[u++] = cs->first_words[i];
	cs->nfirst_words = u;
	cs->max_word = u ? cs->first_words[u - 1] : 0;
	cs->word_bits = al_xcalloc(cs->max_word / 64 + 1, sizeof *cs->word_bits);
	for (size_t i = 0; i < u; i++)
		cs->word_bits[cs->first_words[i] / 64] |= 1ull << (cs->first_words[i] % 64);
}

/* What a match of cs can start with, so that most words are passed over
 * with one test, and which patterns each of those starts. */
static void first_of(al_cset *cs)
{
	free(cs->first_words);
	free(cs->by_concept);
	free(cs->by_word);
	free(cs->word_bits);
	cs->first_words = NULL;
	cs->by_concept = cs->by_word = NULL;
	cs->nfirst_words = 0;
	memset(&cs->first, 0, sizeof cs->first);
	first_words_of(cs);
	size_t st = cs->n <= AL_CSET_INDEXED ? (cs->n + 63) / 64 : 0;
	cs->stride = st;
	if (st) {
		cs->by_concept = al_xcalloc(AL_MAX_CONCEPTS * st, sizeof *cs->by_concept);
		cs->by_word = al_xcalloc((cs->nfirst_words ? cs->nfirst_words : 1) * st, sizeof *cs->by_word);
	}
	for (size_t i = 0; i < cs->n; i++) {
		const al_elem *e = &cs->pats[i].elems[0];
		al_cm_or(&cs->first, &e->mask);
		for (unsigned c = 0; st && c < AL_MAX_CONCEPTS; c++)
			if (al_cm_has(&e->mask, c))
				cs->by_concept[c * st + i / 64] |= 1ull << (i % 64);
		for (uint8_t w = 0; st && w < e->nwords; w++)
			cs->by_word[(size_t)first_word_at(cs, e->words[w]) * st + i / 64] |= 1ull << (i % 64);
	}
}

static unsigned bits_of(const al_cmask *m)
{
	return (unsigned)(__builtin_popcountll(m->w[0]) + __builtin_popcountll(m->w[1]));
}

/* What a sentence must hold for p to match there (al_cpat's all, any). */
static void needs_of(al_cpat *p)
{
	p->all = (al_cmask){ { 0, 0 } };
	p->nany = 0;
	for (uint8_t k = 0; k < p->n; k++) {
		const al_elem *e = &p->elems[k];
		if (e->optional)
			continue;
		if (!e->nwords && bits_of(&e->mask) == 1)
			al_cm_or(&p->all, &e->mask);
		else
			p->any[p->nany++] = k;
	}
}

/* The gate of cs: for each pattern, the required element with the fewest
 * concepts and words, so that the union stays narrow. */
static void gate_of(al_cset *cs)
{
	memset(&cs->gate, 0, sizeof cs->gate);
	memset(&cs->gate_words, 0, sizeof cs->gate_words);
	cs->gate_all = 0;
	for (size_t i = 0; i < cs->n; i++) {
		const al_elem *best = NULL;
		unsigned nbest = UINT_MAX;
		for (uint8_t k = 0; k < cs->pats[i].n; k++) {
			const al_elem *e = &cs->pats[i].elems[k];
			unsigned nb = bits_of(&e->mask) + (e->nwords ? bits_of(&e->wordbits) : 0);
			if (!e->optional && nb <= nbest)
				best = e, nbest = nb;
		}
		if (!best) {
			cs->gate_all = 1;
			continue;
		}
		al_cm_or(&cs->gate, &best->mask);
		if (best->nwords)
			al_cm_or(&cs->gate_words, &best->wordbits);
	}
}

/* Can sentence sent hold any pattern of cs, by its gate? */
static int gate_meets(const al_cset *cs, const al_cmask *concepts, const al_cmask *words)
{
	return cs->gate_all || al_cm_meet(&cs->gate, concepts) || al_cm_meet(&cs->gate_words, words);
}

static int gate_open(const al_cset *cs, const al_cdoc *d, uint32_t sent)
{
	return gate_meets(cs, &d->smask[sent], &d->swords[sent]);
}

int al_cset_compile(al_cset *cs, al_lexicon *lx, const char *file, const char *rule, al_error *err)
{
	free(cs->pats);
	cs->pats = al_xmalloc((cs->n ? cs->n : 1) * sizeof *cs->pats);
	for (size_t i = 0; i < cs->n; i++) {
		char why[300];
		if (compile_one(lx, cs->src[i], &cs->pats[i], why, sizeof why)) {
			free(cs->pats);
			cs->pats = NULL;
			return al_fail(err, AL_ERR_RULE, file, cs->line[i], cs->col[i],
				       _("rule '%s': pattern \"%s\": %s"), rule, cs->src[i], why);
		}
	}
	for (size_t i = 0; i < cs->n; i++)
		needs_of(&cs->pats[i]);
	first_of(cs);
	gate_of(cs);
	return 0;
}

/* 1 when the alternatives p[0..n) ("A|B|C", without a trailing '?')
 * name the concept. */
static int names_concept(const char *p, size_t n, const char *concept)
{
	size_t cl = strlen(concept);
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && p[j] != '|')
			j++;
		if (j - i == cl && memcmp(p + i, concept, cl) == 0)
			return 1;
		i = j + 1;
	}
	return 0;
}

char *al_cpat_narrow(const char *text, const char *concept)
{
	al_buf out = { 0 };
	int named = 0;
	size_t n;
	for (const char *next = text, *p; (p = next_field(&next, &n)), n;) {
		int opt = p[n - 1] == '?', subj = *p == '^';
		if (out.len)
			al_buf_addc(&out, ' ');
		if (*p != '~' && names_concept(p + subj, n - (size_t)opt - (size_t)subj, concept)) {
			named = 1;
			if (subj)
				al_buf_addc(&out, '^');
			al_buf_adds(&out, concept);
			if (opt)
				al_buf_addc(&out, '?');
		} else {
			al_buf_add(&out, p, n);
		}
	}
	if (named)
		return out.data; /* the caller owns it now */
	al_buf_free(&out);
	return NULL;
}

void al_cset_concepts(const al_cset *cs, al_cmask *m)
{
	for (size_t i = 0; cs->pats && i < cs->n; i++)
		for (uint8_t k = 0; k < cs->pats[i].n; k++)
			al_cm_or(m, &cs->pats[i].elems[k].mask);
}

/* ---- a letter's words ---- */

void al_cdoc_reset(al_cdoc *d)
{
	d->letter = NULL;
	d->uc_set = NULL;
}

void al_cdoc_free(al_cdoc *d)
{
	free(d->toks);
	free(d->hits);
	free(d->sent0);
	free(d->smask);
	free(d->swords);
	al_memo_free(d->memo);
	free(d->uc);
	al_stemmer_free(d->stemmer);
	memset(d, 0, sizeof *d);
}

/* Contractions read as their words: "didn't" -> did + not. */
static const char *const contractions[][2] = {
	{ "n't", "not" }, { "'re", "are" }, { "'ve", "have" }, { "'ll", "will" }, { "'m", "am" }, { "'d", "would" },
};

static const char *const is_words[] = { "it", "that", "this", "there", "here", "what", "who", "he", "she", "where" };

/* A compound no lexicon holds reads as its last part, the head of most
 * ("two-star", "re-sold"), or else its first ("brother-in-law"); a
 * negating prefix ("non-genuine") keeps it unknown, as its parts would say
 * the opposite. */
static uint32_t compound_id(al_cdoc *d, const al_lexicon *lx, const char *w, size_t n, char *key)
{
	const char *dash = memchr(w, '-', n), *last = w + n;
	if (!dash || dash == w)
		return 0;
	while (last[-1] != '-')
		last--; /* just after the last dash */
	static const char *const negating[] = { "non", "not", "un", "anti", "in", "dis", "mis", "ex" };
	size_t head = (size_t)(dash - w);
	for (size_t k = 0; k < sizeof negating / sizeof *negating; k++)
		if (strlen(negating[k]) == head && memcmp(w, negating[k], head) == 0)
			return 0;
	uint32_t id = 0;
	if (last < w + n && al_word_key(d->stemmer, last, (size_t)(w + n - last), key))
		id = find_word(lx, key);
	if (!id && al_word_key(d->stemmer, w, head, key))
		id = find_word(lx, key);
	return id;
}

/* The ids of the folded word w[0..n): its stem's and its own ("=tried").
 * Letters repeat their words, and stemming costs far more than the memo's
 * one probe. */
static void word_ids(al_cdoc *d, const al_lexicon *lx, const char *w, size_t n, uint32_t *id, uint32_t *exact)
{
	int hit;
	al_memo_slot *m = al_memo_find(&d->memo, lx->gen, 0, w, n, &hit);
	if (hit) {
		*id = m->a, *exact = m->b;
		return;
	}
	char key[AL_WORD_MAX + 2];
	*id = al_word_key(d->stemmer, w, n, key) ? find_word(lx, key) : 0;
	if (!*id)
		*id = compound_id(d, lx, w, n, key);
	*exact = 0;
	if (lx->exact && n <= AL_WORD_MAX) { /* the word as written, for "=tried" */
		key[0] = '=';
		memcpy(key + 1, w, n);
		key[n + 1] = '\0';
		*exact = find_word(lx, key);
	}
	if (m)
		al_memo_keep(m, w, n, *id, *exact);
}

static void push_tok(al_cdoc *d, const al_lexicon *lx, al_span sp, const char *w, size_t n, uint8_t flags,
		     uint32_t sent)
{
	uint32_t id, exact;
	word_ids(d, lx, w, n, &id, &exact);
	if (d->ntoks == d->toks_cap)
		al_grow(&d->toks, &d->toks_cap, d->ntoks + 1, sizeof *d->toks);
	d->toks[d->ntoks++] = (al_tok){ sp, id, exact, 0, 0, flags, { { 0, 0 } }, -1, -1, sent };
}

/* The length of the quotation mark at s + i (", \u201c or \u201d), or 0. */
static size_t quote_len(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == '"')
		return 1;
	return u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D) ? 3 : 0;
}

/* Is the quotation mark at s + i one end of a short quotation in running
 * text: at most four words and 48 bytes, within a sentence ("the "unused"
 * hairdryers", very "efficient")? Such marks are scare quotes or a cited
 * word, and do not end the clause; a longer quotation does. An opening
 * mark is followed by its text, a closing one follows it. */
static int short_quote(const char *s, size_t i, al_span sp)
{
	size_t q = quote_len(s, i);
	const unsigned char *u = (const unsigned char *)s;
	int opening =
		q == 3 ? u[i + 2] == 0x9C : (i + 1 < sp.end && u[i + 1] != ' ' && (i == sp.start || u[i - 1] == ' '));
	size_t spaces = 0;
	for (size_t k = 1; k <= 48; k++) {
		if (opening ? i + q + k > sp.end : i < sp.start + k)
			return 0;
		size_t at = opening ? i + q + k - 1 : i - k;
		if (u[at] == '\n' || u[at] == '.' || u[at] == '!' || u[at] == '?' || u[at] == ';' ||
		    (u[at] == ' ' && ++spaces > 3))
			return 0;
		if (quote_len(s, at))
			return k > 1;
	}
	return 0;
}

/* The punctuation between two words of sentence sp, as token flags. */
static uint8_t breaks(const char *s, size_t a, size_t b, al_span sp)
{
	uint8_t f = 0;
	for (size_t i = a; i < b; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ',')
			f |= AL_TOK_COMMA;
		else if (ch == ';' || ch == ':' || ch == '(' || ch == ')' || (ch == '-' && i > a && s[i - 1] == ' '))
			f |= AL_TOK_BREAK;
		else if (quote_len(s, i) && !short_quote(s, i, sp))
			f |= AL_TOK_BREAK;
		else if (ch == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93))
			f |= AL_TOK_BREAK;
	}
	return f;
}

/* One written word: its token, or two for a contraction. */
static void read_word(al_cdoc *d, const al_lexicon *lx, const char *s, al_span w, uint8_t flags, uint32_t sent)
{
	char buf[AL_WORD_MAX + 1];
	size_t n = al_word_fold(s + w.start, w.end - w.start, buf, sizeof buf);
	if (!n) {
		push_tok(d, lx, w, "", 0, flags, sent);
		return;
	}
	/* the folded word may be shorter than the written one (curly quotes) */
	size_t written = w.end - w.start;
	int apostrophe = memchr(buf, '\'', n) != NULL; /* every contraction has one */
	for (size_t c = 0; apostrophe && c < sizeof contractions / sizeof *contractions; c++) {
		size_t k = strlen(contractions[c][0]);
		if (n <= k || memcmp(buf + n - k, contractions[c][0], k) != 0)
			continue;
		size_t base = n - k, cut = w.end - (k + (written - n));
		if (c == 0 && base == 2 && (memcmp(buf, "ca", 2) == 0 || memcmp(buf, "wo", 2) == 0))
			push_tok(d, lx, (al_span){ w.start, cut }, buf[0] == 'c' ? "can" : "will",
				 buf[0] == 'c' ? 3 : 4, flags, sent);
		else
			push_tok(d, lx, (al_span){ w.start, cut }, buf, base, flags, sent);
		push_tok(d, lx, (al_span){ cut, w.end }, contractions[c][1], strlen(contractions[c][1]), 0, sent);
		return;
	}
	int s_after = apostrophe && n > 2 && buf[n - 2] == '\'' && buf[n - 1] == 's';
	for (size_t i = 0; s_after && i < sizeof is_words / sizeof *is_words; i++)
		if (strlen(is_words[i]) == n - 2 && memcmp(buf, is_words[i], n - 2) == 0) { /* "it's" */
			size_t cut = w.end - (2 + (written - n));
			push_tok(d, lx, (al_span){ w.start, cut }, buf, n - 2, flags, sent);
			push_tok(d, lx, (al_span){ cut, w.end }, "is", 2, 0, sent);
			return;
		}
	/* a possessive is read as its noun: "buyer's", "buyers'" */
	size_t cut = s_after ? 2 : n > 2 && buf[n - 1] == '\'' && buf[n - 2] == 's' ? 1 : 0;
	push_tok(d, lx, w, buf, n - cut, (uint8_t)(flags | (cut ? AL_TOK_POSS : 0)), sent);
}

/* Does phrase e match the tokens from i (within [i, end))? Returns the
 * words it covers, or 0. */
static size_t phrase_at(const al_cdoc *d, const al_entry *e, size_t k, size_t i, size_t end)
{
	if (k == e->n)
		return 0;
	if (e->keys[k] == AL_WORD_ANY) {
		for (size_t skip = 0; skip <= 4 && i + skip < end; skip++) {
			size_t got = k + 1 == e->n ? skip : phrase_at(d, e, k + 1, i + skip, end);
			if (k + 1 == e->n || got)
				return skip + got;
			if (i + skip < end && (d->toks[i + skip].flags & AL_TOK_BREAK))
				break;
		}
		return 0;
	}
	if (i >= end || (d->toks[i].key != e->keys[k] && d->toks[i].exact != e->keys[k]) ||
	    (k > 0 && (d->toks[i].flags & AL_TOK_BREAK)))
		return 0;
	if (k + 1 == e->n)
		return 1;
	size_t got = phrase_at(d, e, k + 1, i + 1, end);
	return got ? 1 + got : 0;
}

static void add_hit(al_cdoc *d, al_tok *t, unsigned concept, size_t len)
{
	if (d->nhits == d->hits_cap)
		al_grow(&d->hits, &d->hits_cap, d->nhits + 1, sizeof *d->hits);
	if (t->nhit == 0)
		t->hit0 = (uint32_t)d->nhits;
	if (t->nhit == 255 || len > 255)
		return;
	d->hits[d->nhits++] = (al_hit){ (uint8_t) concept, (uint8_t)len };
	t->nhit++;
	al_cm_set(&t->mask, concept);
}

/* The entries of word id (a stem or an exact word) that start at token i. */
static void entries_at(al_cdoc *d, const al_lexicon *lx, uint32_t id, size_t i, size_t b)
{
	const al_lexword *w = &lx->words[id - 1];
	for (unsigned k = 0; k < 2; k++)
		for (uint64_t bits = w->mask.w[k]; bits; bits &= bits - 1)
			add_hit(d, &d->toks[i], 64 * k + (unsigned)__builtin_ctzll(bits), 1);
	for (uint32_t k = w->phrases; k; k = lx->entries[k - 1].next) {
		const al_entry *e = &lx->entries[k - 1];
		uint32_t second = e->keys[1]; /* most phrases end at their second word */
		if (second != AL_WORD_ANY &&
		    (i + 1 >= b || (d->toks[i + 1].key != second && d->toks[i + 1].exact != second)))
			continue;
		size_t len = phrase_at(d, e, 0, i, b);
		if (len)
			add_hit(d, &d->toks[i], e->concept, len);
	}
}

static size_t hit_len(const al_cdoc *d, const al_tok *t, int concept)
{
	size_t best = 0;
	for (uint32_t h = t->hit0; h < t->hit0 + t->nhit; h++)
		if (d->hits[h].concept == concept && d->hits[h].len > best)
			best = d->hits[h].len;
	return best;
}

/* ---- whose a word is ---- */

static int capital_at(const al_cdoc *d, const char *s, size_t i);

/* Drops token t's hits of concept c: the one-word ones, or with any_len
 * all of them ("our" in "our supplier" keeps its "our team" phrase). */
static void drop_hits(al_cdoc *d, al_tok *t, int c, int any_len)
{
	uint32_t h0 = t->hit0, n = t->nhit, k = 0;
	t->mask = (al_cmask){ { 0, 0 } };
	for (uint32_t h = h0; h < h0 + n; h++)
		if (d->hits[h].concept != c || (d->hits[h].len != 1 && !any_len)) {
			d->hits[h0 + k++] = d->hits[h];
			al_cm_set(&t->mask, d->hits[h].concept);
		}
	t->nhit = (uint8_t)k;
}

/* Is token i one of words (caseless)? */
static int word_among(const al_cdoc *d, const char *s, size_t i, const char *const *words, size_t n)
{
	size_t len = d->toks[i].span.end - d->toks[i].span.start;
	for (size_t k = 0; k < n; k++)
		if (strlen(words[k]) == len && strncasecmp(s + d->toks[i].span.start, words[k], len) == 0)
			return 1;
	return 0;
}

#define AMONG(d, s, i, words) word_among(d, s, i, words, sizeof words / sizeof *words)

/* "our supplier", "my regular courier", "our buyers": a possessive of the
 * writer before another party names that party, not the writer, so "the
 * mistake came from our supplier" owns nothing. One word may stand
 * between ("our previous carrier"). */
static void possessed_others(al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t b)
{
	static const char *const possessives[] = { "our", "my" };
	for (size_t i = a; i + 1 < b; i++) {
		const al_tok *t = &d->toks[i];
		if (!al_cm_has(&t->mask, (unsigned)lx->self) || hit_len(d, t, lx->self) != 1 ||
		    !AMONG(d, s, i, possessives))
			continue;
		for (size_t k = i + 1; k < b && k <= i + 2 && !(d->toks[k].flags & AL_TOK_BREAK); k++) {
			if (al_cm_has(&d->toks[k].mask, (unsigned)lx->self) ||
			    (lx->principal >= 0 && al_cm_has(&d->toks[k].mask, (unsigned)lx->principal)))
				break; /* "our own", "our team"; an agency's "our client" */
			if (al_cm_meet(&d->toks[k].mask, &lx->others)) {
				drop_hits(d, &d->toks[i], lx->self, 0);
				break;
			}
		}
	}
}

/* "QuickShip's fault": a name no lexicon holds, written as a possessive,
 * is another party (THEY), unless it is the seller an agency writes for. */
static void named_others(al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		al_tok *t = &d->toks[i];
		if (!(t->flags & AL_TOK_POSS) || !al_cm_empty(&t->mask) || !capital_at(d, s, i) ||
		    (d->nparty && t->span.end - t->span.start > d->nparty &&
		     memcmp(s + t->span.start, d->party, d->nparty) == 0))
			continue;
		add_hit(d, t, (unsigned)lx->they, 1);
	}
}

/* ---- names of other parties ---- */

/* Does token i name the party that the common noun before it introduces
 * ("our regional carrier, Speedline", "the supplier Brightway"; not
 * "FedEx Ground")? Returns the party's concept, or -1. */
static int introduced_by(const al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t i)
{
	for (size_t k = i; k-- > a && k + 4 > i && !capital_at(d, s, k);)
		for (uint32_t h = d->toks[k].hit0; h < d->toks[k].hit0 + d->toks[k].nhit; h++)
			if (k + d->hits[h].len == i && al_cm_has(&lx->others, d->hits[h].concept) &&
			    !(lx->principal >= 0 && al_cm_has(&d->toks[k].mask, (unsigned)lx->principal)))
	return d->hits[h].concept;
	return -1;
}

/* Does the name at token i (with its other capitalised words) stand
 * before an apposition that says what it is ("Eastbridge Fulfillment, a
 * third-party warehouse")? Returns the party's concept, or -1. */
static int apposed(const al_cdoc *d, const al_lexicon *lx, const char *s, size_t i, size_t b)
{
	size_t j = i + 1;
	while (j < b && j < i + 3 && capital_at(d, s, j) && al_cm_empty(&d->toks[j].mask) &&
	       !(d->toks[j].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
		j++;
	if (j >= b || !(d->toks[j].flags & AL_TOK_COMMA))
		return -1;
	for (size_t k = j; k < b && k < j + 4; k++) {
		if (k > j && (d->toks[k].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
			return -1;
		for (unsigned w = 0; w < 2; w++) {
			uint64_t both = lx->others.w[w] & d->toks[k].mask.w[w];
			if (both)
				return (int)(64 * w + (unsigned)__builtin_ctzll(both));
		}
	}
	return -1;
}

/* The bytes of token i's word without a possessive ending. */
static size_t bare_len(const al_cdoc *d, const char *s, size_t i)
{
	const al_tok *t = &d->toks[i];
	size_t n = t->span.end - t->span.start;
	const char *w = s + t->span.start;
	if (!(t->flags & AL_TOK_POSS))
		return n;
	if (n > 4 && memcmp(w + n - 4, "\xE2\x80\x99s", 4) == 0)
		return n - 4;
	return n > 2 && w[n - 1] == 's' ? n - 2 : n > 1 ? n - 1 : n;
}

/* Does the writer sign with w[0..n) (d->own)? */
static int own_name(const al_cdoc *d, const char *s, const char *w, size_t n)
{
	for (size_t k = 0; k < 2; k++)
		for (size_t i = d->own[k].start; i + n <= d->own[k].end; i++)
			if (s[i] == w[0] && memcmp(s + i, w, n) == 0)
				return 1;
	return 0;
}

/* "SwiftLine", "PriceHawk": a capital after a small letter inside the
 * word, as service and company names are written ("IDs" and "ASINs" are
 * plurals, not names). */
static int camel_case(const char *w, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z' && w[i - 1] >= 'a' && w[i - 1] <= 'z')
			return 1;
	return 0;
}

/* Does token i hold a word of concept c (-1: none)? */
static int has_concept(const al_cdoc *d, size_t i, int c)
{
	return c >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)c);
}

/* Is the unknown name at token i another party by how it is written or
 * brought in (ENGAGE: "we use PriceHawk", "through ShipDeck", "a company
 * called Ambergate")? The writer's own name, as it signs, is not. */
static int other_by_name(const al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t i, size_t n)
{
	const char *w = s + d->toks[i].span.start;
	int other = camel_case(w, n) || (i > a && has_concept(d, i - 1, lx->engage));
	return other && !own_name(d, s, w, n);
}

/* Learns the names sentence [a, b) gives other parties, then marks every
 * mention of a name learned so far with its party. */
static void named_parties(al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b && d->nnamed < sizeof d->named / sizeof *d->named; i++) {
		size_t n = bare_len(d, s, i);
		if (!capital_at(d, s, i) || !al_cm_empty(&d->toks[i].mask) || n >= sizeof d->named[0].name ||
		    (n == d->nparty && strncasecmp(s + d->toks[i].span.start, d->party, n) == 0))
			continue;
		int c = introduced_by(d, lx, s, a, i);
		if (c < 0)
			c = apposed(d, lx, s, i, b);
		if (c < 0 && lx->they >= 0 && other_by_name(d, lx, s, a, i, n))
			c = lx->they;
		if (c < 0)
			continue;
		struct al_named *nm = &d->named[d->nnamed++];
		memcpy(nm->name, s + d->toks[i].span.start, n);
		nm->len = (uint8_t)n, nm->concept = (uint8_t)c;
	}
	for (size_t i = a; i < b && d->nnamed; i++) {
		size_t n = bare_len(d, s, i);
		for (size_t k = 0; k < d->nnamed; k++)
			if (d->named[k].len == n && capital_at(d, s, i) && al_cm_empty(&d->toks[i].mask) &&
			    strncasecmp(s + d->toks[i].span.start, d->named[k].name, n) == 0 &&
			    !al_cm_has(&d->toks[i].mask, d->named[k].concept))
				add_hit(d, &d->toks[i], d->named[k].concept, 1);
	}
}

/* ---- an agency's letter ---- */

/* Token i stands for the seller an agency writes for ("the client", or
 * its name): it is SELF, not a BUYER. Its hits move to the end, so that
 * one may be added. */
static void as_seller(al_cdoc *d, const al_lexicon *lx, size_t i, size_t len)
{
	al_tok *t = &d->toks[i];
	drop_hits(d, t, lx->buyer, 1);
	drop_hits(d, t, lx->self, 1);
	uint32_t h0 = t->hit0, n = t->nhit;
	al_grow(&d->hits, &d->hits_cap, d->nhits + n + 1, sizeof *d->hits);
	memmove(d->hits + d->nhits, d->hits + h0, n * sizeof *d->hits);
	t->hit0 = (uint32_t)d->nhits;
	d->nhits += n;
	add_hit(d, t, (unsigned)lx->self, len);
}

static int capital_at(const al_cdoc *d, const char *s, size_t i)
{
	return s[d->toks[i].span.start] >= 'A' && s[d->toks[i].span.start] <= 'Z';
}

/* Token i names the seller when it is a capitalised word no lexicon holds
 * ("Brightnest"): it becomes the letter's party, and the letter an
 * agency's. Returns 1 when it does. */
static int name_party(al_cdoc *d, const char *s, size_t i)
{
	const al_tok *t = &d->toks[i];
	size_t n = t->span.end - t->span.start;
	if (!capital_at(d, s, i) || !al_cm_empty(&t->mask) || n >= sizeof d->party)
		return 0;
	memcpy(d->party, s + t->span.start, n);
	d->nparty = n;
	d->agency = 1;
	return 1;
}

/* After an AGENT phrase at token i ("on behalf of", "we act for"): the
 * seller is a PRINCIPAL ("our client") or a capitalised name no lexicon
 * holds ("Brightnest"); either makes the letter an agency's. After a comma
 * only an apposition names it: "on behalf of our client, Brightnest". */
static void find_party(al_cdoc *d, const al_lexicon *lx, const char *s, size_t i, size_t b)
{
	int principal = 0;
	for (size_t j = i + hit_len(d, &d->toks[i], lx->agent); j < b && j < i + 8; j++) {
		const al_tok *t = &d->toks[j];
		if (lx->principal >= 0 && al_cm_has(&t->mask, (unsigned)lx->principal)) {
			d->agency = principal = 1;
			continue;
		}
		if ((t->flags & AL_TOK_BREAK) || ((t->flags & AL_TOK_COMMA) && !principal))
			return;
		if (name_party(d, s, j))
			return;
		if (!al_cm_empty(&t->mask) && !al_cm_has(&t->mask, (unsigned)lx->self))
			return; /* "on behalf of every buyer" */
	}
}

/* Does token i, or one of the two after it, admit or own something? */
static int admits_at(const al_cdoc *d, const al_lexicon *lx, size_t i, size_t b)
{
	for (size_t k = i; k < b && k < i + 3; k++) {
		const al_tok *t = &d->toks[k];
		if ((lx->admit >= 0 && al_cm_has(&t->mask, (unsigned)lx->admit)) ||
		    (lx->own >= 0 && al_cm_has(&t->mask, (unsigned)lx->own)))
			return 1;
	}
	return 0;
}

/* An agency's letter without an AGENT phrase: a PRINCIPAL that admits or
 * owns something ("The client accepts that ...", "Our client, Fairhaven
 * Pet LLC, accepts responsibility"), or a company ("Meadowbank Wellness
 * Ltd acknowledges that it listed ..."). Buyers complain; the seller an
 * agency writes for is the one who accepts. Token i is a PRINCIPAL or a
 * COMPANY word. */
static void admitting_party(al_cdoc *d, const al_lexicon *lx, const char *s, size_t i, size_t a, size_t b)
{
	size_t name = AL_NONE, name_end = AL_NONE, j;
	if (lx->principal >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->principal)) {
		j = i + hit_len(d, &d->toks[i], lx->principal);
		if (j < b && (d->toks[j].flags & AL_TOK_COMMA)) { /* ", Fairhaven Pet LLC," */
			name = capital_at(d, s, j) ? j : AL_NONE;
			size_t k = j + 1;
			while (k < b && k < j + 8 && !(d->toks[k].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
				k++;
			if (k >= b || !(d->toks[k].flags & AL_TOK_COMMA))
				return;
			j = name_end = k;
		}
	} else {
		size_t k = i; /* back over the company's capitalised name */
		while (k > a && capital_at(d, s, k - 1) && !(d->toks[k].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
			k--;
		if (k == i || k != a)
			return; /* only a company that opens its sentence speaks */
		name = k;
		j = i + 1;
	}
	if (!admits_at(d, lx, j, b))
		return;
	d->agency = 1;
	if (name == AL_NONE)
		return;
	name_party(d, s, name);
	if (name < i) /* the whole name speaks here: "Hollins Garden Supplies Ltd" */
		as_seller(d, lx, name, i + 1 - name);
	else if (name_end != AL_NONE) /* and here: "the seller, Harbor & Pine Goods LLC," */
		as_seller(d, lx, name, name_end - name);
}

/* "Quayside Stationery acknowledges that its listings ...": a sentence
 * that opens with a name (one to four capitalised words, the first one no
 * lexicon holds, no later one a party: "Harbor & Vine") straight before an
 * admission is the seller speaking of itself in the third person, as an
 * agency's letter does. Token i admits. */
static void named_admitter(al_cdoc *d, const al_lexicon *lx, const char *s, size_t i, size_t a)
{
	if (i == a || i - a > 4 || d->toks[a].sent != d->toks[i].sent)
		return;
	for (size_t k = a; k < i; k++) {
		const al_cmask *m = &d->toks[k].mask;
		if (!capital_at(d, s, k) || (k == a ? !al_cm_empty(m) : al_cm_meet(m, &lx->others)) ||
		    (lx->self >= 0 && al_cm_has(m, (unsigned)lx->self)) ||
		    (k > a && (d->toks[k].flags & (AL_TOK_COMMA | AL_TOK_BREAK))))
			return;
	}
	d->agency = 1;
	name_party(d, s, a);
	as_seller(d, lx, a, i - a);
}

/* Does token i open a phrase that names no clause's subject: a
 * preposition, but not one that names a cause ("because of the carrier")
 * or an "of" after a part of a whole ("most of the buyers", "a number of
 * buyers", "two of them")? */
static int governs(const al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t i)
{
	static const char *const of[] = { "of" };
	if (!al_cm_has(&d->toks[i].mask, (unsigned)lx->prep))
		return 0;
	if (i == a)
		return 1;
	const al_tok *p = &d->toks[i - 1];
	int part = has_concept(d, i - 1, lx->det) || (s[p->span.start] >= '0' && s[p->span.start] <= '9');
	return !has_concept(d, i - 1, lx->cause) && !(part && AMONG(d, s, i, of));
}

/* Marks the words a preposition governs, over the determiners between:
 * "in the carrier's busiest month" makes the carrier no clause's subject,
 * so it did not do what the clause says. */
static void objects(al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (lx->rel >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->rel))
			d->toks[i].flags |= AL_TOK_RELATIVE;
		if (!governs(d, lx, s, a, i))
			continue;
		for (size_t k = i + 1; k < b && k <= i + 3; k++) {
			al_tok *t = &d->toks[k];
			if (t->flags & (AL_TOK_COMMA | AL_TOK_BREAK))
				break;
			t->flags |= AL_TOK_OBJECT;
			if (lx->det < 0 || !al_cm_has(&t->mask, (unsigned)lx->det))
				break;
		}
	}
}

/* Marks a contact clause on another party: "the accountants [we hired]
 * caused", "the courier [that we have used] lost". The seller there only
 * picks the party, so the clause neither stops a pattern about what the
 * party did nor makes the seller its doer. A verb's object after the
 * clause ("the buyer we sent the wrong size") makes it no such clause. */
static void contact_clauses(al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t b)
{
	static const char *const pron[] = { "we", "i" };
	static const char *const aux[] = { "had", "have", "'d", "'ve" };
	static const char *const particles[] = { "with", "on", "from", "to", "for" };
	for (size_t i = a + 1; i + 1 < b; i++) {
		size_t p = i - 1, v = i + 1;
		if (!has_concept(d, i, lx->self) || !AMONG(d, s, i, pron) ||
		    (d->toks[i].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
			continue;
		if (p > a && has_concept(d, p, lx->rel) && !(d->toks[p].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
			p--;
		if (!al_cm_meet(&d->toks[p].mask, &lx->others))
			continue;
		if (v + 1 < b && AMONG(d, s, v, aux))
			v++;
		size_t vn = d->toks[v].span.end - d->toks[v].span.start;
		const char *vw = s + d->toks[v].span.start;
		if (!(vn > 3 && strncasecmp(vw + vn - 2, "ed", 2) == 0) && !has_concept(d, v, lx->engage))
			continue;
		size_t n = v + 1;
		if (n < b && AMONG(d, s, n, particles))
			n++;
		if (n >= b || (d->toks[n].flags & AL_TOK_BREAK) || has_concept(d, n, lx->det) ||
		    has_concept(d, n, lx->self))
			continue;
		for (size_t k = p + 1; k < n; k++)
			d->toks[k].flags |= AL_TOK_CONTACT;
	}
}

/* The lexicon's entries that start at each token of one sentence, then
 * in an agency's letter the seller it writes for. */
static void look_up(al_cdoc *d, const al_lexicon *lx, const char *s, size_t a, size_t b)
{
	int agent = 0;
	for (size_t i = a; i < b; i++) {
		if (d->toks[i].key)
			entries_at(d, lx, d->toks[i].key, i, b);
		if (d->toks[i].exact)
			entries_at(d, lx, d->toks[i].exact, i, b);
		agent |= lx->agent >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->agent);
	}
	if (lx->self >= 0)
		possessed_others(d, lx, s, a, b);
	for (size_t i = a; i < b && !d->agency && lx->self >= 0; i++)
		if ((lx->principal >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->principal)) ||
		    (lx->company >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->company)))
			admitting_party(d, lx, s, i, a, b);
		else if (i > a && lx->admit >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->admit))
			named_admitter(d, lx, s, i, a);
	for (size_t i = a; i < b && lx->self >= 0 && (agent || d->agency); i++) {
		const al_tok *t = &d->toks[i];
		size_t n = t->span.end - t->span.start, len = 0;
		if (d->agency && lx->principal >= 0 && al_cm_has(&t->mask, (unsigned)lx->principal))
			len = hit_len(d, t, lx->principal);
		else if (d->nparty == n && n && memcmp(s + t->span.start, d->party, n) == 0)
			len = 1;
		if (len && !al_cm_has(&t->mask, (unsigned)lx->self))
			as_seller(d, lx, i, len);
		if (lx->agent >= 0 && al_cm_has(&t->mask, (unsigned)lx->agent))
			find_party(d, lx, s, i, b);
	}
	named_parties(d, lx, s, a, b); /* after the agency's own name */
	if (lx->they >= 0)
		named_others(d, lx, s, a, b);
	if (lx->prep >= 0)
		objects(d, lx, s, a, b);
	if (lx->self >= 0)
		contact_clauses(d, lx, s, a, b);
}

/* How a trigger's scope ends (scopes()). */
enum {
	SCOPE_CLAUSE = 1, /* a second "to be" does not end it */
	SCOPE_COMMAS = 2  /* nor does a comma: "we do not believe that, in the end, ..." */
};

/* Does token i close a list ("or", "nor": LIST_OR)? */
static int is_or(const al_cdoc *d, const al_lexicon *lx, size_t i)
{
	return lx->list_or >= 0 && al_cm_has(&d->toks[i].mask, (unsigned)lx->list_or);
}

/* Does the comma before token j part the items of a list that an "or"
 * closes ("no balances, claims or warnings")? */
static int list_comma(const al_cdoc *d, const al_lexicon *lx, size_t j, size_t b)
{
	for (size_t k = j; k < b && k < j + 5; k++) {
		if (is_or(d, lx, k))
			return 1;
		if (k > j && (d->toks[k].flags & (AL_TOK_COMMA | AL_TOK_BREAK)))
			return 0;
	}
	return 0;
}

/* Does token j open a clause of its own after a comma: one word and a
 * verb "to be" ("we reject the claim, this is Amazon's problem")? A
 * denial's scope crosses the commas of a list, not into such a clause. */
static int new_clause(const al_cdoc *d, const al_lexicon *lx, size_t j)
{
	return (d->toks[j].flags & AL_TOK_COMMA) && lx->be >= 0 && j + 1 < d->ntoks &&
	       d->toks[j + 1].sent == d->toks[j].sent && !al_cm_has(&d->toks[j].mask, (unsigned)lx->be) &&
	       al_cm_has(&d->toks[j + 1].mask, (unsigned)lx->be);
}

/* NegEx: a trigger covers up to `width` words after it, up to a comma, a
 * break or a word that ends a scope ("but", "because"); a pseudo-trigger
 * ("not only") triggers nothing. A list joined by "or" is covered whole:
 * "we never had a complaint or an A-to-z claim". */
static void scopes(al_cdoc *d, const al_lexicon *lx, uint32_t sent, int trigger, size_t width, int hypo, unsigned how)
{
	if (trigger < 0 || !al_cm_has(&d->smask[sent], (unsigned)trigger))
		return;
	size_t a = d->sent0[sent], b = d->ntoks;
	uint8_t ends = (how & SCOPE_COMMAS) ? AL_TOK_BREAK : (AL_TOK_COMMA | AL_TOK_BREAK);
	for (size_t i = a; i < b; i++) {
		size_t len = (d->toks[i].flags & AL_TOK_PSEUDO) ? 0 : hit_len(d, &d->toks[i], trigger);
		/* a denial that is itself negated denies nothing: "we do not
		 * dispute the findings", "we cannot deny that we erred" */
		if (!len || (trigger == lx->deny && d->toks[i].neg >= 0))
			continue;
		/* a condition that opens the sentence governs its main clause too:
		 * "If we made a mistake, we apologise" apologises for nothing */
		int opens = hypo && (i == a || (d->toks[i].flags & AL_TOK_BREAK));
		uint8_t stop = opens ? AL_TOK_BREAK : ends;
		size_t lim = i + len + (opens ? 3 * width : width);
		int be = 0; /* a verb "to be" met in the scope */
		for (size_t j = i + len; j < b && j < lim; j++) {
			const al_tok *u = &d->toks[j];
			int list = (u->flags & stop) == AL_TOK_COMMA && list_comma(d, lx, j, b);
			if (((u->flags & stop) && !list) ||
			    (lx->stop >= 0 && al_cm_has(&u->mask, (unsigned)lx->stop)) ||
			    ((how & SCOPE_COMMAS) && new_clause(d, lx, j)))
				break;
			if (list || is_or(d, lx, j))
				lim = j + 1 + width > lim ? j + 1 + width : lim;
			/* "could not be sold was a nightmare": a second verb "to be"
			 * starts a predicate of its own, unless the trigger governs a
			 * whole clause ("we do not believe this is our fault"); the
			 * first is the negated clause's own ("none of this is the
			 * buyer's fault") */
			if (!(how & SCOPE_CLAUSE) && lx->be >= 0 && al_cm_has(&u->mask, (unsigned)lx->be) && be++)
				break;
			*(hypo ? &d->toks[j].hypo : &d->toks[j].neg) = (int32_t)i;
			if (!hypo && trigger != lx->deny && lx->deny >= 0 && al_cm_has(&u->mask, (unsigned)lx->deny))
				break; /* the negation ends at the denial it negates */
		}
	}
}

static void read_sentence(al_cdoc *d, const al_lexicon *lx, const al_letter *l, al_span sp, uint32_t sent)
{
	const char *s = l->text->data;
	size_t prev = sp.start, a = d->ntoks;
	al_span w;
	al_words it;
	al_words_start(&it, l, sp);
	while (al_words_next(&it, &w)) {
		read_word(d, lx, s, w, breaks(s, prev, w.start, sp), sent);
		prev = w.end;
	}
	look_up(d, lx, s, a, d->ntoks);
	al_cmask m = { { 0, 0 } };
	for (size_t i = a; i < d->ntoks; i++)
		al_cm_or(&m, &d->toks[i].mask);
	d->smask[sent] = m;
	al_cmask ws = { { 0, 0 } };
	for (size_t i = a; i < d->ntoks; i++) {
		if (d->toks[i].key)
			al_cm_set(&ws, word_bit(d->toks[i].key));
		if (d->toks[i].exact)
			al_cm_set(&ws, word_bit(d->toks[i].exact));
	}
	d->swords[sent] = ws;
	/* the words of a pseudo-trigger ("not only") trigger nothing */
	for (size_t i = a; lx->pseudo >= 0 && al_cm_has(&m, (unsigned)lx->pseudo) && i < d->ntoks; i++)
		for (size_t k = hit_len(d, &d->toks[i], lx->pseudo); k-- > 0;)
			d->toks[i + k].flags |= AL_TOK_PSEUDO;
	/* NegEx's window is five words; a noun phrase's negation ("without
	 * any warning") is shorter, a denial's ("we do not believe ...") runs
	 * to the end of the clause */
	scopes(d, lx, sent, lx->neg, 5, 0, 0);
	scopes(d, lx, sent, lx->negnp, 3, 0, 0);
	scopes(d, lx, sent, lx->deny, 15, 0, SCOPE_CLAUSE | SCOPE_COMMAS);
	scopes(d, lx, sent, lx->hypo, 12, 1, SCOPE_CLAUSE);
}

void al_cdoc_read(al_cdoc *d, const al_letter *l, const al_lexicon *lx)
{
	if (d->letter == l)
		return;
	if (!d->stemmer)
		d->stemmer = al_stemmer_new();
	d->ntoks = d->nhits = 0;
	d->nsents = l->nsents;
	d->nparty = 0;
	d->agency = 0;
	d->nnamed = 0;
	d->own[0] = l->header;
	d->own[1] = (al_span){ l->signoff.end > l->signoff.start ? l->signoff.start : l->body.end, l->text->len };
	if (d->sents_cap < l->nsents + 1) {
		d->sents_cap = l->nsents + 1;
		d->sent0 = al_xrealloc(d->sent0, d->sents_cap * sizeof *d->sent0);
		d->smask = al_xrealloc(d->smask, d->sents_cap * sizeof *d->smask);
		d->swords = al_xrealloc(d->swords, d->sents_cap * sizeof *d->swords);
	}
	d->lmask = d->lwords = (al_cmask){ { 0, 0 } };
	for (size_t k = 0; k < l->nsents; k++) {
		d->sent0[k] = (uint32_t)d->ntoks;
		read_sentence(d, lx, l, l->sents[k].span, (uint32_t)k);
		al_cm_or(&d->lmask, &d->smask[k]);
		al_cm_or(&d->lwords, &d->swords[k]);
	}
	d->sent0[l->nsents] = (uint32_t)d->ntoks;
	d->letter = l;
	d->uc_set = NULL;
}

/* ---- matching ---- */

/* Where the elements of a match stand: [at[k], to[k]) for element k. */
typedef struct placed {
	size_t at[AL_MAX_ELEMS], to[AL_MAX_ELEMS];
	int used[AL_MAX_ELEMS];
	unsigned steps; /* placements tried from this start (PLACE_BUDGET) */
} placed;

/* Placements one start may try: elements with gaps could otherwise try
 * every way of spreading over a run of words that all fit ("SELF ~12
 * SELF ~12 ..." over "we we we ..."); past it the start has no match. */
#define PLACE_BUDGET 4096

/* The lengths (in words) with which element e can match at token i, into
 * lens (longest first); returns how many. */
static size_t elem_lens(const al_cdoc *d, const al_elem *e, size_t i, uint8_t lens[8])
{
	const al_tok *t = &d->toks[i];
	size_t n = 0;
	for (uint8_t w = 0; w < e->nwords; w++)
		if (t->key == e->words[w] || t->exact == e->words[w]) {
			lens[n++] = 1;
			break;
		}
	if (al_cm_meet(&t->mask, &e->mask))
		for (uint32_t h = t->hit0; h < t->hit0 + t->nhit && n < 8; h++) {
			uint8_t len = d->hits[h].len;
			size_t k = 0;
			if (!al_cm_has(&e->mask, d->hits[h].concept))
				continue;
			while (k < n && lens[k] != len)
				k++;
			if (k < n)
				continue;
			for (k = n++; k > 0 && lens[k - 1] < len; k--)
				lens[k] = lens[k - 1];
			lens[k] = len;
		}
	return n;
}

/* Does a relative pronoun follow element e at token j, past a name's
 * other words ("to FedEx Ground, which dropped the ball")? Then the
 * object is its clause's subject after all. */
static int relative_after(const al_cdoc *d, const al_elem *e, size_t j)
{
	uint8_t lens[8];
	size_t n = elem_lens(d, e, j, lens);
	for (size_t k = n ? j + lens[0] : j + 1; k < d->ntoks && k < j + 4; k++) {
		const al_tok *t = &d->toks[k];
		if (t->sent != d->toks[j].sent || (t->flags & AL_TOK_RELATIVE))
			return t->sent == d->toks[j].sent;
		if (!al_cm_empty(&t->mask) || (t->flags & AL_TOK_BREAK))
			return 0;
	}
	return 0;
}

/* Places elements k.. of p from token i on (the previous one ended at i),
 * within [.., end). Returns the end of the match, or 0. */
static size_t place(const al_cdoc *d, const al_cpat *p, size_t k, size_t i, size_t end, placed *pl)
{
	if (k == p->n)
		return i;
	if (++pl->steps > PLACE_BUDGET)
		return 0;
	const al_elem *e = &p->elems[k];
	for (size_t j = i, last = i + e->gap; j < end && j <= last; j++) {
		const al_tok *t = &d->toks[j];
		if (k > 0 && (t->flags & AL_TOK_BREAK))
			break;
		if (j > i && (d->toks[j - 1].flags & AL_TOK_CONTACT)) {
			last++; /* the clause is not the gap's */
		} else if (j > i && al_cm_meet(&d->toks[j - 1].mask, &e->barrier))
			break;
		if (e->subject && (t->flags & AL_TOK_OBJECT) && !relative_after(d, e, j))
			continue;
		uint8_t lens[8];
		size_t n = elem_lens(d, e, j, lens);
		for (size_t l = 0; l < n; l++) {
			pl->at[k] = j, pl->to[k] = j + lens[l], pl->used[k] = 1;
			size_t got = place(d, p, k + 1, j + lens[l], end, pl);
			if (got)
				return got;
		}
	}
	if (e->optional) {
		pl->used[k] = 0;
		return place(d, p, k + 1, i, end, pl);
	}
	return 0;
}

/* The elements placed hold token j (a trigger there is the pattern's own:
 * "not" in "we did not meet"). */
static int in_elems(const al_cpat *p, const placed *pl, size_t j)
{
	for (uint8_t k = 0; k < p->n; k++)
		if (pl->used[k] && j >= pl->at[k] && j < pl->to[k])
			return 1;
	return 0;
}

/* A negation or condition (unless conditions count) over a word of the
 * match that the match does not itself hold. */
static int cancelled(const al_cdoc *d, const al_cpat *p, const placed *pl, int conditions_count)
{
	for (uint8_t k = 0; k < p->n; k++) {
		if (!pl->used[k])
			continue;
		for (size_t j = pl->at[k]; j < pl->to[k]; j++) {
			int32_t n = d->toks[j].neg, h = conditions_count ? -1 : d->toks[j].hypo;
			if ((n >= 0 && !in_elems(p, pl, (size_t)n)) || (h >= 0 && !in_elems(p, pl, (size_t)h)))
				return 1;
		}
	}
	return 0;
}

/* A negation from before the match, at start, over one of its words: the
 * whole context is denied ("not the buyer's fault" is not the buyer's
 * fault), while one inside it is part of it ("the notice does not say we
 * broke a rule" still reports a notice). */
static int negated_from_before(const al_cdoc *d, const al_cpat *p, const placed *pl, size_t start)
{
	for (uint8_t k = 0; k < p->n; k++)
		for (size_t j = pl->at[k]; pl->used[k] && j < pl->to[k]; j++)
			if (d->toks[j].neg >= 0 && (size_t)d->toks[j].neg < start)
				return 1;
	return 0;
}

/* Can sentence sent hold a match of p: does it have a word for every
 * element that needs one, by concept or (hashed) by word? */
static int possible(const al_cpat *p, const al_cdoc *d, uint32_t sent)
{
	const al_cmask *sm = &d->smask[sent];
	if ((p->all.w[0] & ~sm->w[0]) | (p->all.w[1] & ~sm->w[1]))
		return 0;
	for (uint8_t k = 0; k < p->nany; k++) {
		const al_elem *e = &p->elems[p->any[k]];
		if (!al_cm_meet(&e->mask, sm) && !(e->nwords && al_cm_meet(&e->wordbits, &d->swords[sent])))
			return 0;
	}
	return 1;
}

/* A match of p at token i that nothing cancels: its end token, or 0.
 * With aside, a cancelled match counts too, and sets *aside. */
static size_t match_at(const al_cdoc *d, const al_cset *cs, const al_cpat *p, size_t i, size_t end, int *aside)
{
	placed pl;
	pl.steps = 0; /* place() sets every element's fields on the way to a match */
	size_t got = place(d, p, 0, i, end, &pl);
	if (got && cancelled(d, p, &pl, cs->conditions_count)) {
		if (!aside)
			return 0;
		*aside = 1;
	}
	return got;
}

/* Can a match of cs start at token t? Not inside a contact clause: its
 * "we" only picked the party. */
static int may_start(const al_cset *cs, const al_tok *t)
{
	return !(t->flags & AL_TOK_CONTACT) &&
	       (al_cm_meet(&t->mask, &cs->first) || first_word_bit(cs, t->key) || first_word_bit(cs, t->exact));
}

static void or_row(uint64_t *bits, const uint64_t *row, size_t st)
{
	for (size_t j = 0; j < st; j++)
		bits[j] |= row[j];
}

/* The patterns of an indexed cs that can start at token t, into bits
 * (cs->stride words). */
static void starting(const al_cset *cs, const al_tok *t, uint64_t *bits)
{
	size_t st = cs->stride;
	for (size_t j = 0; j < st; j++)
		bits[j] = 0;
	for (unsigned w = 0; w < 2; w++)
		for (uint64_t m = t->mask.w[w] & cs->first.w[w]; m; m &= m - 1)
			or_row(bits, cs->by_concept + (64 * w + (unsigned)__builtin_ctzll(m)) * st, st);
	ptrdiff_t k = first_word_at(cs, t->key);
	if (k >= 0)
		or_row(bits, cs->by_word + (size_t)k * st, st);
	if ((k = first_word_at(cs, t->exact)) >= 0)
		or_row(bits, cs->by_word + (size_t)k * st, st);
}

/* Can sentence mask smask hold a match of some pattern of a small cs?
 * (A large one is tested word by word instead.) */
static int any_possible(const al_cset *cs, const al_cdoc *d, uint32_t sent)
{
	if (!gate_open(cs, d, sent))
		return 0;
	if (cs->n > 32)
		return 1;
	for (size_t k = 0; k < cs->n; k++)
		if (possible(&cs->pats[k], d, sent))
			return 1;
	return 0;
}

/* The patterns of cs to try at a word, in order: the bits of its row
 * (starting()), or every pattern of a set too large to index. */
typedef struct cand_iter {
	const uint64_t *bits;
	size_t j;
	uint64_t b;
} cand_iter;

static void cands_start(cand_iter *it, const al_cset *cs, const uint64_t *bits)
{
	*it = (cand_iter){ bits, 0, cs->stride ? bits[0] : 0 };
}

/* The next candidate, or SIZE_MAX when there is none. */
static inline size_t cands_next(cand_iter *it, const al_cset *cs)
{
	if (!cs->stride)
		return it->j < cs->n ? it->j++ : SIZE_MAX;
	while (!it->b) {
		if (++it->j >= cs->stride)
			return SIZE_MAX;
		it->b = it->bits[it->j];
	}
	size_t k = 64 * it->j + (size_t)__builtin_ctzll(it->b);
	it->b &= it->b - 1;
	return k;
}

/* The longest match in words: elements times (gap + the longest entry). */
#define MATCH_SPAN (AL_MAX_ELEMS * (12 + 5 * AL_MAX_PHRASE))

/* Every match of `unless` in sentence sent, as word ranges ordered by their
 * start, kept in d until another set or sentence is asked for: a sentence
 * with many matches is searched once, not once a match. */
static void unless_matches(const al_cset *unless, al_cdoc *d, uint32_t sent)
{
	if (d->uc_set == unless && d->uc_sent == sent)
		return;
	d->uc_set = unless, d->uc_sent = sent, d->uc_n = 0;
	size_t s0 = d->sent0[sent], s1 = d->sent0[sent + 1];
	uint64_t bits[AL_CSET_INDEXED / 64];
	for (size_t i = s0; i < s1; i++) {
		if (!may_start(unless, &d->toks[i]))
			continue;
		if (unless->stride)
			starting(unless, &d->toks[i], bits);
		cand_iter it;
		cands_start(&it, unless, bits);
		for (size_t k; (k = cands_next(&it, unless)) != SIZE_MAX;) {
			placed pl;
			pl.steps = 0;
			size_t e = possible(&unless->pats[k], d, sent) ? place(d, &unless->pats[k], 0, i, s1, &pl) : 0;
			if (!e || negated_from_before(d, &unless->pats[k], &pl, i))
				continue;
			al_grow(&d->uc, &d->uc_cap, d->uc_n + 2, sizeof *d->uc);
			d->uc[d->uc_n++] = (uint32_t)i;
			d->uc[d->uc_n++] = (uint32_t)e;
		}
	}
}

/* Does a match of `unless` share words with [a, b) of sentence sent? */
static int excepted(const al_cset *unless, al_cdoc *d, uint32_t sent, size_t a, size_t b)
{
	if (!unless || !unless->pats)
		return 0;
	unless_matches(unless, d, sent);
	/* the ranges starting before b, latest first, back to the longest
	 * match's reach */
	size_t lo = 0, hi = d->uc_n / 2;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->uc[2 * mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k-- > 0 && d->uc[2 * k] + MATCH_SPAN > a;)
		if (d->uc[2 * k + 1] > a)
			return 1;
	return 0;
}

static size_t first_tok(const al_cdoc *d, size_t from)
{
	size_t lo = 0, hi = d->ntoks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->toks[mid].span.start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Pattern k of cs matched at token i, if it does, with nothing to
 * cancel it: its end token, else 0. */
static size_t try_pattern(const al_cset *cs, const al_cset *unless, al_cdoc *d, size_t k, size_t i, size_t to,
			  int *side)
{
	const al_cpat *p = &cs->pats[k];
	const al_tok *t = &d->toks[i];
	if (!possible(p, d, t->sent))
		return 0;
	size_t end = match_at(d, cs, p, i, d->sent0[t->sent + 1], side);
	if (!end || d->toks[end - 1].span.end > to || excepted(unless, d, t->sent, i, end))
		return 0;
	return end;
}

static int find(const al_cset *cs, const al_cset *unless, al_cdoc *d, size_t from, size_t to, size_t *ms, size_t *me,
		int *aside)
{
	/* the gate, first for the whole letter: most sets never open in one */
	if (!cs->pats || !gate_meets(cs, &d->lmask, &d->lwords))
		return 0;
	uint64_t bits[AL_CSET_INDEXED / 64];
	uint32_t sent = UINT32_MAX;
	for (size_t i = first_tok(d, from); i < d->ntoks && d->toks[i].span.start < to; i++) {
		const al_tok *t = &d->toks[i];
		if (t->sent != sent && !(sent = t->sent, any_possible(cs, d, sent))) {
			i = d->sent0[sent + 1] - 1; /* a sentence none of the patterns can fit */
			continue;
		}
		if (!may_start(cs, t))
			continue;
		if (cs->stride)
			starting(cs, t, bits);
		cand_iter it;
		cands_start(&it, cs, bits);
		for (size_t k; (k = cands_next(&it, cs)) != SIZE_MAX;) {
			int side = 0;
			size_t end = try_pattern(cs, unless, d, k, i, to, aside ? &side : NULL);
			if (!end)
				continue;
			if (aside)
				*aside = side;
			*ms = t->span.start;
			*me = d->toks[end - 1].span.end;
			return 1;
		}
	}
	return 0;
}

int al_cset_find(const al_cset *cs, const al_cset *unless, al_cdoc *d, size_t from, size_t to, size_t *ms, size_t *me)
{
	return find(cs, unless, d, from, to, ms, me, NULL);
}

int al_cset_find_aside(const al_cset *cs, al_cdoc *d, size_t from, size_t to, size_t *ms, size_t *me, int *aside)
{
	*aside = 0;
	return find(cs, NULL, d, from, to, ms, me, aside);
}

/* The token whose word holds byte at, or else the first after it;
 * d->ntoks when none is. */
static size_t tok_at(const al_cdoc *d, size_t at)
{
	size_t i = first_tok(d, at);
	if (i > 0 && (i == d->ntoks || d->toks[i].span.start > at) && d->toks[i - 1].span.end > at)
		i--; /* at falls inside a word */
	return i;
}

int al_cdoc_aside(const al_cdoc *d, const al_lexicon *lx, size_t at)
{
	size_t i = tok_at(d, at);
	if (i >= d->ntoks)
		return 0;
	const al_tok *t = &d->toks[i];
	return t->neg >= 0 || t->hypo >= 0 ||
	       (lx->passing >= 0 && al_cm_has(&d->smask[t->sent], (unsigned)lx->passing));
}

int al_cdoc_sentence(const al_cdoc *d, size_t at, size_t *from, size_t *to)
{
	size_t i = tok_at(d, at);
	if (i >= d->ntoks)
		return 0;
	uint32_t sent = d->toks[i].sent;
	*from = d->toks[d->sent0[sent]].span.start;
	*to = d->toks[d->sent0[sent + 1] - 1].span.end;
	return 1;
}

int al_cdoc_holds(const al_cdoc *d, const al_cmask *m, size_t from, size_t to)
{
	for (size_t i = first_tok(d, from); i < d->ntoks && d->toks[i].span.start < to; i++)
		if (al_cm_meet(&d->toks[i].mask, m))
			return 1;
	return 0;
}
