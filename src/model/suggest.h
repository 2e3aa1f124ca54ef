/* suggest.h - spelling suggestions from the compiled word list: the words
 * one edit away (two letters swapped, one wrong, missing or extra),
 * ranked. A few hundred lookups, against ~20 ms a word for hunspell, which
 * is asked only when no word is one edit away. */
#ifndef AL_SUGGEST_H
#define AL_SUGGEST_H

#include "model/dict.h"

#include <stddef.h>

#define AL_SUGGEST_WORD 64 /* longest word suggested for, with its NUL */

/* Up to max words one edit from word (lower case ASCII letters and "'-")
 * that the dictionaries of mask hold (0: either), best first, into out.
 * Returns how many. */
size_t al_suggest_near(const al_dict *d, unsigned mask, const char *word, char (*out)[AL_SUGGEST_WORD], size_t max);

#endif
