/* words.h - one word's key: normalised (case, apostrophes, British
 * spelling) and stemmed with Snowball's English stemmer, so "apologised",
 * "apologizing" and "apologies" share one key. */
#ifndef AL_WORDS_H
#define AL_WORDS_H

#include <stddef.h>

/* A stemmer: not shareable between threads, so each context owns one. */
typedef struct al_stemmer al_stemmer;

/* A new stemmer, or NULL when libstemmer has no English (never, in
 * practice). Free with al_stemmer_free(). */
al_stemmer *al_stemmer_new(void);
void al_stemmer_free(al_stemmer *st);

/* Longest word that gets a key; longer ones are not words of any lexicon. */
#define AL_WORD_MAX 48

/* Writes the key of the word w[0..n) (NUL-terminated) into out, which holds
 * AL_WORD_MAX + 1 bytes; returns its length, or 0 when w is too long or
 * empty. w must already be lower case with straight apostrophes. */
size_t al_word_key(al_stemmer *st, const char *w, size_t n, char *out);

/* Lower-cases ASCII letters and turns a curly apostrophe into a straight
 * one, writing at most cap - 1 bytes and a NUL into out; returns the
 * length, or 0 when the word does not fit. */
size_t al_word_fold(const char *w, size_t n, char *out, size_t cap);

#endif
