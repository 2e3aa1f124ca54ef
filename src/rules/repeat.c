/* repeat.c - the "repeat" rule kind: a sentence written twice, as letters
 * put together from templates and earlier drafts often have it. */
#include "rules/engine.h"
#include "rules/kinds.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Shorter sentences repeat by nature ("Thank you for your time."). */
#define REPEAT_MIN_WORDS 6

/* A sentence of the scope, by the hash of its words. */
typedef struct said {
	uint64_t hash;
	size_t index; /* in the scope's spans */
} said;

/* Is byte ch compared: an ASCII letter or digit, or a byte of another
 * script? Runs of the others count as one space. */
static int compared(unsigned ch)
{
	return ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || (ch >= '0' && ch <= '9');
}

static unsigned lower(unsigned ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch;
}

/* The next character of span [*i, end) as sentences are compared: letters
 * and digits in lower case, any run of other characters one space, none
 * at the ends; -1 at the end. Bytes of other scripts compare as they are. */
static int next_char(const char *s, size_t *i, size_t end, int *started)
{
	int gap = 0;
	const unsigned char *u = (const unsigned char *)s;
	while (*i < end && !compared(u[*i])) {
		(*i)++;
		gap = *started;
	}
	if (*i >= end)
		return -1;
	*started = 1;
	if (gap)
		return ' '; /* the character itself comes next time */
	return (int)lower(u[(*i)++]);
}

/* FNV-1a over the compared characters (next_char's, in one pass), and
 * the number of words. */
static uint64_t hash_of(const char *s, al_span sp, size_t *words)
{
	uint64_t h = 14695981039346656037ull;
	const unsigned char *u = (const unsigned char *)s;
	int gap = 0;
	*words = 0;
	for (size_t i = sp.start; i < sp.end; i++) {
		if (!compared(u[i])) {
			gap = *words > 0;
			continue;
		}
		if (gap || *words == 0) {
			++*words;
			if (gap)
				h = (h ^ (uint64_t)' ') * 1099511628211ull;
			gap = 0;
		}
		h = (h ^ (uint64_t)lower(u[i])) * 1099511628211ull;
	}
	return h;
}

static int same(const char *s, al_span a, al_span b)
{
	size_t i = a.start, j = b.start;
	int sa = 0, sb = 0, x, y;
	do {
		x = next_char(s, &i, a.end, &sa);
		y = next_char(s, &j, b.end, &sb);
	} while (x == y && x >= 0);
	return x == y;
}

static int by_hash(const void *pa, const void *pb)
{
	const said *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Reports each sentence of a run of equal hashes that repeats an earlier
 * one of the run, naming the line of the first. */
static void report_run(al_ctx *c, const al_rule *r, const said *run, size_t n)
{
	const al_text *t = c->letter->text;
	for (size_t k = 1; k < n; k++)
		for (size_t j = 0; j < k; j++) {
			al_span first = c->spans[run[j].index], again = c->spans[run[k].index];
			if (!same(t->data, first, again))
				continue;
			char line[32];
			snprintf(line, sizeof line, "%zu", al_text_line_of(t, first.start) + 1);
			const char *vars[] = { "line", line, NULL };
			al_report(c, r, again, NULL, vars);
			break;
		}
}

void al_check_repeat(al_ctx *c, const al_rule *r)
{
	size_t n = al_scope_spans(c, r->scope), words;
	al_buf_reset(&c->scratch);
	for (size_t i = 0; i < n; i++) {
		said e = { hash_of(c->letter->text->data, c->spans[i], &words), i };
		if (words >= REPEAT_MIN_WORDS)
			al_buf_add(&c->scratch, (const char *)&e, sizeof e);
	}
	/* sorted, equal sentences stand together: n log n, not n squared */
	said *all = (said *)(void *)c->scratch.data;
	size_t m = c->scratch.len / sizeof *all;
	if (m > 1)
		qsort(all, m, sizeof *all, by_hash);
	for (size_t a = 0, b; a < m; a = b) {
		for (b = a + 1; b < m && all[b].hash == all[a].hash;)
			b++;
		if (b - a > 1)
			report_run(c, r, all + a, b - a);
	}
}
