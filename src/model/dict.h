/* dict.h - the spelling word list: hunspell's en_US and en_GB words, expanded
 * at build time (tools/mkdict.c) and compiled in, so a lookup costs no load. */
#ifndef AL_DICT_H
#define AL_DICT_H

#include <stddef.h>
#include <stdint.h>

enum { AL_DICT_US = 1, AL_DICT_GB = 2 };

typedef struct al_dict {
	const unsigned char *heads; /* nblocks little-endian offsets into entries */
	const unsigned char *entries;
	size_t entries_len;
	uint32_t nwords, nblocks, block;
} al_dict;

/* Reads the word list in blob; returns 0, or -1 when it is not one. */
int al_dict_open(al_dict *d, const unsigned char *blob, size_t len);

/* The dictionaries (AL_DICT_US | AL_DICT_GB bits) that hold the word
 * s[0..n) exactly as written, or 0. */
unsigned al_dict_lookup(const al_dict *d, const char *s, size_t n);

/* The word list compiled into the binary. */
extern const unsigned char al_dict_blob[];
extern const size_t al_dict_blob_len;

#endif
