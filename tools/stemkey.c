/* stemkey.c - prints the lexicon key of each word read from stdin, one
 * "word<TAB>key" line each, the way appeal-lint keys a letter's words
 * (folded, British and American spellings as one, Snowball-stemmed).
 * `make stemcheck` feeds it the dictionaries to find lexicon entries whose
 * stem other words share. */
#include "model/words.h"

#include <stdio.h>
#include <string.h>

int main(void)
{
	al_stemmer *st = al_stemmer_new();
	char line[256], fold[AL_WORD_MAX + 2], key[AL_WORD_MAX + 2];
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strcspn(line, "/\t\r\n");
		line[n] = '\0';
		size_t k = al_word_fold(line, n, fold, sizeof fold);
		if (k && al_word_key(st, fold, k, key))
			printf("%s\t%s\n", fold, key);
	}
	al_stemmer_free(st);
	return 0;
}
