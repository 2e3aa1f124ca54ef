/* mkdict.c - builds the compact spelling word list from hunspell word lists
 * (unmunch output): sorted, front-coded in blocks, each word tagged with the
 * dictionaries that hold it. Usage: mkdict OUT TAG=FILE... (TAG 1 = en_US,
 * 2 = en_GB). The format is read by src/model/dict.c. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 16

typedef struct entry {
	char *word;
	unsigned tag;
} entry;

static entry *words;
static size_t nwords, cap;

static void add(const char *w, unsigned tag)
{
	if (nwords == cap) {
		cap = cap ? cap * 2 : 65536;
		words = realloc(words, cap * sizeof *words);
		if (!words) {
			perror("mkdict");
			exit(1);
		}
	}
	words[nwords].word = strdup(w);
	words[nwords++].tag = tag;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->word, ((const entry *)b)->word);
}

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	fwrite(b, 1, 4, f);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mkdict OUT TAG=FILE...\n");
		return 2;
	}
	char line[512];
	for (int i = 2; i < argc; i++) {
		unsigned tag = (unsigned)atoi(argv[i]);
		const char *path = strchr(argv[i], '=');
		FILE *in = path ? fopen(path + 1, "r") : NULL;
		if (!in) {
			fprintf(stderr, "mkdict: cannot read %s\n", argv[i]);
			return 1;
		}
		while (fgets(line, sizeof line, in)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (*line && !strchr(line, '/') && strlen(line) < 250)
				add(line, tag);
		}
		fclose(in);
	}
	qsort(words, nwords, sizeof *words, cmp);
	size_t n = 0; /* merge duplicates, joining their tags */
	for (size_t i = 0; i < nwords; i++) {
		if (n && strcmp(words[n - 1].word, words[i].word) == 0) {
			words[n - 1].tag |= words[i].tag;
			free(words[i].word);
		} else {
			words[n++] = words[i];
		}
	}
	nwords = n;
	/* data: per block, the first word whole, the rest as (shared prefix, rest) */
	size_t nblocks = (nwords + BLOCK - 1) / BLOCK, dlen = 0, dcap = 1 << 20;
	uint32_t *heads = malloc((nblocks + 1) * sizeof *heads);
	unsigned char *data = malloc(dcap);
	for (size_t i = 0; i < nwords; i++) {
		const char *w = words[i].word;
		size_t pre = 0;
		if (i % BLOCK == 0) {
			heads[i / BLOCK] = (uint32_t)dlen;
		} else {
			const char *p = words[i - 1].word;
			while (p[pre] && p[pre] == w[pre] && pre < 255)
				pre++;
		}
		size_t need = strlen(w + pre) + 3;
		if (dlen + need > dcap)
			data = realloc(data, dcap *= 2);
		data[dlen++] = (unsigned char)words[i].tag;
		if (i % BLOCK)
			data[dlen++] = (unsigned char)pre;
		memcpy(data + dlen, w + pre, strlen(w + pre) + 1);
		dlen += strlen(w + pre) + 1;
	}
	FILE *out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	fwrite("ALDICT1\n", 1, 8, out);
	put32(out, (uint32_t)nwords);
	put32(out, (uint32_t)nblocks);
	put32(out, BLOCK);
	for (size_t b = 0; b < nblocks; b++)
		put32(out, heads[b]);
	fwrite(data, 1, dlen, out);
	if (fclose(out)) {
		perror(argv[1]);
		return 1;
	}
	fprintf(stderr, "mkdict: %zu words, %zu bytes\n", nwords, 20 + nblocks * 4 + dlen);
	return 0;
}
