/* re.h - pcre2 patterns compiled once, run by the JIT where they can start, under limits. */
#ifndef AL_RE_H
#define AL_RE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "model/lead.h"

#include <stddef.h>

#include <stdatomic.h>
#include <stdint.h>

/* A pattern, compiled at once or on first use (al_re_defer); src is NULL
 * when the rule has none. Compiling a
 * pattern for pcre2's JIT costs about 90 ns a byte of its code (up to
 * 0.3 ms), often more than interpreting it over a whole letter; the JIT
 * code makes matching some 3 times faster. So, as when renting skis, the
 * pattern is interpreted until the time spent so equals what compiling
 * would cost, and JIT-compiled then, or at once before a search of more
 * than AL_RE_JIT_SPAN bytes: one letter pays little, a batch or a long
 * letter soon runs fast. The JIT code is a copy, published atomically, so
 * threads sharing the pattern need no lock. */
typedef struct al_re {
	_Atomic(pcre2_code *) code;	/* NULL until compiled */
	char *src;			/* the pattern; NULL when the rule has none */
	unsigned flags;			/* AL_RE_* */
	_Atomic(pcre2_code *) jit;	/* the JIT-compiled copy once made (code itself: no JIT here) */
	atomic_uint_fast64_t interp_ns; /* time spent interpreting it so far */
	uint64_t jit_ns;		/* the estimated cost of compiling it */
	uint32_t *heads;		/* what every match starts with (lead.h), or NULL */
	size_t nheads;
	struct al_re *parts; /* the patterns it joins, each alone (al_re_split) */
	size_t nparts;
	size_t *plain; /* the parts without heads, searched as they are */
	size_t nplain;
	int groups;   /* it has capturing groups */
	int digit;    /* every match holds a digit (no heads) */
	int whole;    /* it has verbs or \G: its matches depend on the whole search */
	char lit[16]; /* letters and digits every match holds, caseless ("" none) */
	size_t nlit;
	_Atomic(struct al_re *) twin[2]; /* compiled anchored at the start, and at both ends */
} al_re;

#define AL_RE_JIT_SPAN (64u << 10)

#define AL_RE_CASE 1u	  /* match case exactly (default: caseless) */
#define AL_RE_AT 2u	  /* match only where the search starts (pcre2's JIT can do that) */
#define AL_RE_NO_HEADS 4u /* leave its heads unknown (al_re_heads may tell them later) */
#define AL_RE_END 8u	  /* with AL_RE_AT: and end where the search ends */

struct al_re_cands;

/* One part that may start at a word, chained to the next (al_matcher). */
typedef struct al_re_link {
	uint32_t part, next;
} al_re_link;

/* Scratch space for matching, one per thread: reused for every match. */
typedef struct al_matcher {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *stack;
	unsigned long limit_hits;  /* matches abandoned at a limit */
	size_t limit_at;	   /* where the first of them was tried */
	size_t ms, me;		   /* the last match found */
	size_t tried;		   /* where the last pcre2 call started */
	al_lead_set lead;	   /* the words of the letter being checked */
	int limit_rc;		   /* and pcre2's reason (PCRE2_ERROR_*) */
	struct al_re_cands *cands; /* for each pattern used on this letter, where it can start */
	size_t cands_cap, cands_used, cands_last;
	uint64_t *pool; /* those places, lists one after another */
	size_t pool_cap, pool_used;
	al_re_link *link; /* scratch: the parts of each word, chained, */
	size_t link_cap, nlinks;
	uint32_t *first, *last; /* each word's first and last link, */
	size_t first_cap, last_cap;
	uint64_t *seen; /* and a bit for each word that has one */
	size_t seen_cap;
	struct al_re_memo *memo; /* each part without heads: its last answer */
	size_t memo_cap, memo_used;
	uint64_t work; /* this letter's searching so far: bytes a search
				   * crossed plus places tried (for tests) */
} al_matcher;

/* Why a match was abandoned, for a message: "match limit", ... */
const char *al_re_limit_name(int rc);

/* Compiles pattern (NUL-terminated). On failure returns -1 and writes
 * pcre2's message to msg and the error offset to *erroff. Patterns that can
 * match the empty string are refused: they would report nothing useful. */
int al_re_compile(al_re *re, const char *pattern, unsigned flags, char *msg, size_t msglen, size_t *erroff);
void al_re_free(al_re *re);

/* Keeps pattern to compile on first use, for patterns known to compile
 * (the default rules: `make test` compiles every one, al_re_check), so
 * that a run compiles only what its letters need. */
void al_re_defer(al_re *re, const char *pattern, unsigned flags);

/* 0 when re compiles (or holds nothing), else -1 and pcre2's message. */
int al_re_check(const al_re *re, char *msg, size_t msglen);

/* 1 when re holds a pattern. */
static inline int al_re_has(const al_re *re)
{
	return re->src != NULL;
}

/* Works out re's heads (lead.h) from its pattern: for one compiled with
 * AL_RE_NO_HEADS that was not split after all. */
void al_re_heads(al_re *re);

/* re joins pats[0..n) (compiled into it as one alternation): compiles each
 * alone too, so a search runs only the patterns whose heads are in the
 * text, each only where one of its heads opens a word, and takes the
 * leftmost match, which is then the alternation's own. Patterns that refer
 * to each other's groups, or to where the search started (\G), are left
 * joined; so is everything when one part fails to compile. */
void al_re_split(al_re *re, char *const *pats, size_t n, unsigned flags);

void al_matcher_init(al_matcher *m);
/* Notes the words of text[0..n), the letter every search is about to be
 * in: a pattern whose heads none of them has is then not run on it. */
void al_matcher_text(al_matcher *m, const char *text, size_t n);
void al_matcher_free(al_matcher *m);

/* Finds the first match of re in s[from, end) (s may extend before from, so
 * lookbehind and \b see the text before). Returns 1 and sets *ms, *me on a
 * match, 0 when there is none, -1 when a limit stopped the search. Once a
 * limit has stopped one, every search returns -1 at once until the caller
 * sets limit_hits back to 0: what it was deciding is unknown anyway, and a
 * hostile text must not cost the limit once per sentence. */
int al_re_find(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, size_t *ms, size_t *me);

/* Like al_re_find, but the match must start at from (AL_RE_START) and,
 * with AL_RE_WHOLE, also end at end: every alternative is tried. */
#define AL_RE_START 1u
#define AL_RE_WHOLE 3u
int al_re_anchored(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, unsigned how, size_t *me);

/* Captured group g of the last successful match, or 0 if it did not take part. */
int al_re_group(const al_matcher *m, unsigned g, size_t *gs, size_t *ge);

/* The named group of the last match (the first set one when names repeat
 * across alternatives): 1 and its span, or 0 when it did not take part. */
int al_re_named(const al_re *re, const al_matcher *m, const char *name, size_t *gs, size_t *ge);

#endif
