/* lead.h - a prefilter for patterns that start a match with a word: the
 * first letters every match must begin with, and the set of first letters
 * of a letter's words, so a pattern none of whose heads is in the letter is
 * known not to match without running it. */
#ifndef AL_LEAD_H
#define AL_LEAD_H

#include <stddef.h>
#include <stdint.h>

/* Up to the first AL_LEAD_LEN letters of a word, lower case, packed. */
#define AL_LEAD_LEN 4

/* The heads of a caseless pattern (its source): each alternative must open
 * with \b and then letters (lookbehinds before either are passed over).
 * Returns how many heads it put in *heads (malloc'd; free it), or 0 when
 * some match could start otherwise, and then the pattern is always run. */
size_t al_lead_heads(const char *pattern, uint32_t **heads);

/* The heads present in one text: the first 1 to AL_LEAD_LEN letters of
 * every word. */
typedef struct al_lead_set {
	const char *text; /* the text it was built for, or NULL: no prefilter */
	uint32_t *slot;   /* open addressing; 0 is empty; owned */
	size_t cap;
} al_lead_set;

/* Builds the set for text[0..n); a text too large or too varied gets none
 * (set->text NULL). */
void al_lead_build(al_lead_set *set, const char *text, size_t n);

/* 0 when set is for s and holds none of heads: no match can start in s. */
int al_lead_may_match(const al_lead_set *set, const char *s, const uint32_t *heads, size_t n);

void al_lead_free(al_lead_set *set);

#endif
