/* speller.h - spelling suggestions from hunspell, loaded only when a letter
 * has a word to suggest for, and remembered for the rest of the run. */
#ifndef AL_SPELLER_H
#define AL_SPELLER_H

#include <stddef.h>

typedef struct al_speller_entry {
	char *word, *suggestions;
} al_speller_entry;

typedef struct al_speller {
	int state;     /* 0: not looked for yet, 1: dictionary found, -1: missing */
	char lang[16]; /* "en_US" */
	char aff[512], dic[512];
	void *handle; /* Hunhandle, created on the first suggestion */
	al_speller_entry *cache;
	size_t n, cap;
	size_t *names; /* scratch: offsets of capitalised words seen mid-sentence */
	size_t nnames, names_cap;
} al_speller;

/* Chooses the dictionary language (default "en_US"); resets the state. */
void al_speller_set_lang(al_speller *sp, const char *lang);

/* 1 when hunspell's dictionary for the language is installed: looked up
 * once, in $APPEAL_LINT_DICT_DIR or the usual folders. */
int al_speller_available(al_speller *sp);

/* The dictionary folder that was searched last, for the notice. */
const char *al_speller_where(const al_speller *sp);

/* Up to max suggestions for word, best first, as "\"a\", \"b\" or \"c\"";
 * "" when there are none. The string is valid until the next call. */
const char *al_speller_suggest(al_speller *sp, const char *word, int max);

/* Appends words[0..n) to b as "\"a\", \"b\" or \"c\"" (in the language set). */
struct al_buf;
void al_speller_quote(struct al_buf *b, char *const *words, int n);

void al_speller_free(al_speller *sp);

#endif
