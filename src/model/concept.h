/* concept.h - wording judged by meaning: lexicons of concepts (words and
 * phrases, rules/concepts.json), a letter's words looked up once, and
 * sentence patterns over concepts with negation, hypotheticals and
 * exceptions (the NegEx method). */
#ifndef AL_CONCEPT_H
#define AL_CONCEPT_H

#include "base/al.h"
#include "model/letter.h"
#include "base/memo.h"
#include "model/words.h"

#include <stdint.h>

#define AL_MAX_CONCEPTS 128

/* A set of concepts. */
typedef struct al_cmask {
	uint64_t w[2];
} al_cmask;

static inline void al_cm_set(al_cmask *m, unsigned c)
{
	m->w[c >> 6] |= 1ull << (c & 63);
}
static inline int al_cm_has(const al_cmask *m, unsigned c)
{
	return (m->w[c >> 6] >> (c & 63)) & 1;
}
static inline int al_cm_meet(const al_cmask *a, const al_cmask *b)
{
	return ((a->w[0] & b->w[0]) | (a->w[1] & b->w[1])) != 0;
}
static inline void al_cm_or(al_cmask *m, const al_cmask *add)
{
	m->w[0] |= add->w[0], m->w[1] |= add->w[1];
}
static inline int al_cm_empty(const al_cmask *m)
{
	return (m->w[0] | m->w[1]) == 0;
}
#define AL_MAX_ELEMS 10 /* elements of one sentence pattern */
#define AL_MAX_PHRASE 6 /* words of one lexicon entry */

/* A concept's entry: one word or a phrase. (Its example sentence stays in
 * the rule file: `make test` checks that it shows the concept.) */
typedef struct al_entry {
	uint32_t keys[AL_MAX_PHRASE]; /* word ids; AL_WORD_ANY: up to 4 words of any kind */
	uint8_t n, concept;
	uint32_t next; /* next phrase that starts with the same word, + 1 */
	char *text;
} al_entry;

#define AL_WORD_ANY 0xFFFFFFFFu

typedef struct al_lexword {
	char *key;	  /* the normalised, stemmed word */
	al_cmask mask;	  /* concepts of the one-word entries that are this word */
	uint32_t phrases; /* first phrase entry that starts with it, + 1; 0: none */
} al_lexword;

typedef struct al_concept {
	char *name; /* its description stays in the rule file, for readers */
} al_concept;

/* All concepts and their entries, with a hash of the words they use. */
typedef struct al_lexicon {
	al_concept concepts[AL_MAX_CONCEPTS];
	size_t nconcepts;
	al_lexword *words; /* ids are indexes + 1 */
	size_t nwords, words_cap;
	uint32_t *slots; /* open addressing: word id, 0 empty */
	size_t nslots;	 /* a power of two */
	al_entry *entries;
	size_t nentries, entries_cap;
	al_stemmer *stemmer; /* for loading; a letter is read with its context's own */
	al_memo *keys;	     /* for loading: the id of each word as written (rule data repeat theirs) */
	unsigned long gen;   /* changes whenever a word is added: memos of word ids check it */
	int exact;	     /* some entry or pattern names a word as written */
	int neg, negnp, deny, pseudo, stop, hypo, be, list_or; /* the concepts negation uses, or -1 */
	int agent, principal, self, buyer;		       /* the concepts an agency's letter uses, or -1 */
	int they;					       /* another party ("they", "QuickShip's"), or -1 */
	int engage;		   /* how the writer picked or reached a party ("we hired", "through"), or -1 */
	int admit, own, company;   /* what marks one without an AGENT phrase, or -1 */
	int passing;		   /* a mention in passing (letter types), or -1 */
	int prep, det, rel, cause; /* what makes a noun an object ("in the carrier's"), or -1 */
	al_cmask others;	   /* BUYER, CARRIER, SUPPLIER, RIVAL: "our supplier" is one */
} al_lexicon;

void al_lexicon_free(al_lexicon *lx);
/* 1 when p[0..n) is a concept's name: A-Z, 0-9 and '_', a letter first. */
int al_concept_name_ok(const char *p, size_t n);
/* The index of concept name, or -1. */
int al_lexicon_concept(const al_lexicon *lx, const char *name);
/* The id of a normalised, stemmed key, or 0. With add, a new id. */
uint32_t al_lexicon_word(al_lexicon *lx, const char *key, int add);
/* Adds entry text (words, '*' for a gap) to concept c. Returns 0, 1 when
 * the concept has it already, -1 when text has no words or too many. */
int al_lexicon_add(al_lexicon *lx, int c, const char *text);
/* Adds concept name (or finds it); returns its index or -1 when full. */
int al_lexicon_define(al_lexicon *lx, const char *name);

/* The texts of concept c's entries, up to max of them into out (in the
 * order they were loaded); returns how many the concept has in all. */
size_t al_lexicon_entries(const al_lexicon *lx, int c, const char **out, size_t max);

/* One element of a pattern: a word with one of the concepts in mask, or
 * one of the literal words; `gap` words of any kind may stand before it
 * (none of them with a concept in `barrier`). */
typedef struct al_elem {
	al_cmask mask, barrier;
	uint32_t words[8];
	uint8_t nwords, gap, optional;
	uint8_t subject;   /* "^": not a word of a preposition's phrase */
	al_cmask wordbits; /* its words, hashed: a sentence without any cannot hold it */
} al_elem;

/* A sentence pattern: "SELF ~3 APOLOGY", "OTHERS ~4!SELF ACCUSE". */
typedef struct al_cpat {
	al_elem elems[AL_MAX_ELEMS];
	uint8_t n;
	/* what a sentence must hold for a match (possible()): every concept
	 * of `all` (the required elements of one concept and no word), and
	 * one of each element in `any` */
	al_cmask all;
	uint8_t any[AL_MAX_ELEMS], nany;
} al_cpat;

/* A rule's patterns: the texts as written (with where), compiled once
 * every lexicon is loaded. */
typedef struct al_cset {
	char **src;
	int *line, *col;
	size_t n;
	al_cpat *pats;	       /* n patterns, or NULL before compiling */
	al_cmask first;	       /* the concepts and ... */
	uint32_t *first_words; /* ... the words a match can start with */
	size_t nfirst_words;
	/* which patterns can start with each concept, and with each of
	 * first_words: bit sets of `stride` words, so that a word tries only
	 * the patterns it can start (none when n > AL_CSET_INDEXED) */
	uint64_t *by_concept, *by_word;
	size_t stride;
	uint64_t *word_bits; /* first_words (sorted, unique) as a bit per word id */
	uint32_t max_word;   /* the largest of them */
	/* a sentence no pattern can fit meets neither: one element each
	 * pattern needs, the narrowest, OR'd together (gate_all: some
	 * pattern needs nothing) */
	al_cmask gate, gate_words;
	int gate_all;
	/* a condition cancels no match: a promise made on a condition ("if a
	 * parcel is lost, we will reply as soon as possible") is still one */
	int conditions_count;
} al_cset;

#define AL_CSET_INDEXED 1024 /* patterns a set may hold and still be indexed */

void al_cset_free(al_cset *cs);
/* Compiles every pattern of cs against lx (which may gain literal words).
 * file names the rule file in errors. */
int al_cset_compile(al_cset *cs, al_lexicon *lx, const char *file, const char *rule, al_error *err);
/* The pattern text with every element that names concept among its
 * alternatives narrowed to that concept alone ("BUYER|AMAZON ~3 LOSE" ->
 * "AMAZON ~3 LOSE"), newly allocated; NULL when no element names it. */
char *al_cpat_narrow(const char *text, const char *concept);
/* Adds the concepts cs's patterns name (not their barriers) to *m. */
void al_cset_concepts(const al_cset *cs, al_cmask *m);
/* 1 when cs holds patterns. */
static inline int al_cset_has(const al_cset *cs)
{
	return cs->n > 0;
}

/* A word of the letter as the patterns see it. */
typedef struct al_tok {
	al_span span;
	uint32_t key;	/* word id of its stem, 0: in no lexicon */
	uint32_t exact; /* word id of the word as written ("=tried"), or 0 */
	uint32_t hit0;	/* its entries' hits: [hit0, hit0 + nhit) */
	uint8_t nhit;
	uint8_t flags;	   /* AL_TOK_* */
	al_cmask mask;	   /* concepts of the entries that start here */
	int32_t neg, hypo; /* the token whose negation / condition covers it, or -1 */
	uint32_t sent;	   /* its sentence */
} al_tok;

enum {
	AL_TOK_COMMA = 1,     /* a comma before it */
	AL_TOK_BREAK = 2,     /* ; : ( ) a dash or a quotation mark before it */
	AL_TOK_PSEUDO = 4,    /* a word of a pseudo-trigger ("not only"): it negates nothing */
	AL_TOK_POSS = 8,      /* a possessive ("QuickShip's"), read as its noun */
	AL_TOK_OBJECT = 16,   /* in a preposition's phrase ("in the carrier's month"): no clause's subject */
	AL_TOK_RELATIVE = 32, /* "who", "which": the noun before it is its clause's subject */
	AL_TOK_CONTACT = 64   /* a clause on another party ("the courier [we hired] lost"): no barrier, no start */
};

typedef struct al_hit {
	uint8_t concept, len; /* len: words the entry covers */
} al_hit;

/* The words of one letter, looked up once (per context, reused). */
typedef struct al_cdoc {
	al_tok *toks;
	size_t ntoks, toks_cap;
	al_hit *hits;
	size_t nhits, hits_cap;
	uint32_t *sent0;	/* first token of each sentence; sent0[nsents] = ntoks */
	al_cmask *smask;	/* concepts each sentence holds */
	al_cmask *swords;	/* and its words, hashed (al_word_bit) */
	al_cmask lmask, lwords; /* the same for the whole letter */
	size_t nsents, sents_cap;
	al_stemmer *stemmer;
	const al_letter *letter;      /* the letter read, NULL: none yet */
	al_memo *memo;		      /* words already looked up, for the lexicon of that gen */
	const struct al_cset *uc_set; /* the 'unless' set whose matches in sentence ... */
	uint32_t uc_sent;	      /* ... uc_sent are in uc: [start, end) word pairs */
	uint32_t *uc;
	size_t uc_n, uc_cap;
	/* an agency writing for a seller ("on behalf of our client, Brightnest
	 * Ltd"): the seller's name, and whether the letter is one */
	char party[32];
	size_t nparty;
	int agency;
	/* names the letter gives another party ("our carrier, Speedline
	 * Express"): later mentions of the name are that party */
	struct al_named {
		char name[24];
		uint8_t len, concept;
	} named[8];
	size_t nnamed;
	/* where the writer signs its own name (header, sign-off and what
	 * follows): a name found there is not another party's */
	al_span own[2];
} al_cdoc;

/* Reads the letter's sentences into d, unless d holds it already. */
void al_cdoc_read(al_cdoc *d, const al_letter *l, const al_lexicon *lx);
/* Forgets the letter (the next read reads again). */
void al_cdoc_reset(al_cdoc *d);
void al_cdoc_free(al_cdoc *d);

/* The first match at or after byte `from` that ends by `to`, of any
 * pattern of cs, that no negation, condition or pattern of `unless`
 * (which may be NULL) cancels; returns 1 with its bytes, else 0. */
int al_cset_find(const al_cset *cs, const al_cset *unless, al_cdoc *d, size_t from, size_t to, size_t *ms, size_t *me);

/* As al_cset_find (with no `unless`), but a match that a negation or a
 * condition cancels counts too, with *aside set: letter types weigh a
 * mention that is denied or supposed ("we never sold used items as new"). */
int al_cset_find_aside(const al_cset *cs, al_cdoc *d, size_t from, size_t to, size_t *ms, size_t *me, int *aside);

/* The bytes [*from, *to) of the sentence whose word holds or follows byte
 * `at`; 0 when no word does. */
int al_cdoc_sentence(const al_cdoc *d, size_t at, size_t *from, size_t *to);

/* 1 when a word that starts in bytes [from, to) starts an entry of one
 * of the concepts of m. */
int al_cdoc_holds(const al_cdoc *d, const al_cmask *m, size_t from, size_t to);

/* 1 when the word at byte `at` is said aside: in a negation's or a
 * condition's scope ("we have never had a trademark complaint"), or in a
 * sentence that mentions it in passing (PASSING: "our ODR is healthy"). */
int al_cdoc_aside(const al_cdoc *d, const al_lexicon *lx, size_t at);

#endif
