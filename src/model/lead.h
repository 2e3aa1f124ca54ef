/* lead.h - where a pattern can match: its heads, and an index of a letter's words. */
#ifndef AL_LEAD_H
#define AL_LEAD_H

/* The heads of a pattern are the words (or first letters of words, or
 * digits) every match of it must begin with; the index of a letter holds
 * where each word starts, by its first letters and whole, so a pattern is
 * tried only where a word opens with one of its heads instead of at every
 * character. */

#include <stddef.h>
#include <stdint.h>

/* Up to the first AL_LEAD_LEN letters of a word, lower case, packed; or
 * for a pattern that opens with \d, one of these two. */
#define AL_LEAD_LEN 4
#define AL_LEAD_DIGIT 1u      /* any digit */
#define AL_LEAD_DIGIT_WORD 2u /* a digit that starts a word */

/* The key of a whole word (its ASCII letters, in any case): a head for
 * letters that end a word in the pattern ("we" in "\bwe\s+will"). */
uint32_t al_lead_word_key(const char *s, size_t n);

/* The heads of a caseless pattern (its source): each alternative must open
 * with \b and then letters (lookbehinds before either are passed over).
 * Returns how many heads it put in *heads (malloc'd; free it), or 0 when
 * some match could start otherwise, and then the pattern is always run. */
size_t al_lead_heads(const char *pattern, uint32_t **heads);

/* Texts larger than this get no index: every pattern then runs everywhere. */
#define AL_LEAD_MAX_TEXT (256u << 10)

struct lead_slot;

/* The words of one text and, for each prefix of 1 to AL_LEAD_LEN letters,
 * the words that open with it: where a pattern with heads can match. */
typedef struct al_lead_set {
	const char *text; /* the text it was built for, or NULL: no index */
	size_t len;
	uint32_t *word; /* where each word starts, ascending */
	size_t nwords, word_cap;
	struct lead_slot *slot; /* prefix -> its words (open addressing) */
	size_t cap, used;
	uint32_t *occ; /* the words of each prefix, ascending */
	size_t occ_cap;
	uint32_t *slot_of; /* scratch: the slots of each word's prefixes */
	size_t slot_of_cap;
	uint64_t bytes[4]; /* a bit for each byte value the text holds */
} al_lead_set;

/* Indexes text[0..n); a text too large, or holding a character that a
 * caseless match equates with an ASCII letter, gets none (set->text NULL). */
void al_lead_build(al_lead_set *set, const char *text, size_t n);

/* With on 0, every set built afterwards gets no index, so every pattern
 * runs at every place, as for a text too large: the answers must be the
 * same, and tests/fuzz/fuzz_diff.c checks that they are. The default is
 * on. Process-wide: call it only while nothing is being linted. */
void al_lead_enable(int on);

/* 0 when set is for s and holds none of heads: no match can start in s. */
int al_lead_may_match(const al_lead_set *set, const char *s, const uint32_t *heads, size_t n);

/* The words that have the key head (numbers into set->word, ascending),
 * in *words; returns how many. set must be built. */
size_t al_lead_occ(const al_lead_set *set, uint32_t head, const uint32_t **words);

/* 1 when every match of pattern holds a digit (\d, which with Unicode
 * properties may also be a digit beyond ASCII). */
int al_lead_needs_digit(const char *pattern);

/* 0 when set is for s and s[from, end) holds no digit (nor a character
 * beyond ASCII, which \d may match). */
int al_lead_digit_in(const al_lead_set *set, const char *s, size_t from, size_t end);

void al_lead_free(al_lead_set *set);

#endif
