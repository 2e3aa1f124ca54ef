/* lead.c - what a pattern's matches must start with, and which starts a
 * letter has. */
#include "lead.h"

#include "al.h"

#include <stdlib.h>
#include <string.h>

#define SET_SLOTS 16384          /* a letter has a few thousand heads */
#define MAX_TEXT (256u << 10)    /* larger texts are rare: run every pattern */

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint32_t pack(const char *s, size_t n)
{
	uint32_t k = 0;
	for (size_t i = 0; i < n && i < AL_LEAD_LEN; i++)
		k |= (uint32_t)(unsigned char)(s[i] | 0x20) << (8 * i); /* letters only: | 0x20 lowers */
	return k;
}

/* ---- the pattern side ---- */

typedef struct head_list {
	uint32_t *k;
	size_t n, cap;
	int bad; /* some match could start otherwise */
} head_list;

/* The end of the group or class opening at p[i] ('(' or '['), or 0. */
static size_t close_of(const char *p, size_t i)
{
	int depth = 0, in_class = 0;
	for (; p[i]; i++) {
		if (p[i] == '\\') {
			if (!p[++i])
				return 0;
			continue;
		}
		if (in_class) {
			in_class = p[i] != ']';
			continue;
		}
		if (p[i] == '[') {
			in_class = 1;
			if (p[i + 1] == '^')
				i++;
			if (p[i + 1] == ']')
				i++;
		} else if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')' && --depth == 0) {
			return i;
		}
	}
	return 0;
}

/* Passes over assertions that consume nothing: (?<! (?<= (?! (?=. */
static size_t skip_assertions(const char *p, size_t i, size_t end)
{
	while (i + 3 < end && p[i] == '(' && p[i + 1] == '?' &&
	       (p[i + 2] == '!' || p[i + 2] == '=' || (p[i + 2] == '<' && (p[i + 3] == '!' || p[i + 3] == '=')))) {
		size_t c = close_of(p, i);
		if (!c || c >= end)
			return end;
		i = c + 1;
	}
	return i;
}

/* The end of the class opening at p[i] ('['), or 0. */
static size_t class_end(const char *p, size_t i)
{
	i++;
	if (p[i] == '^')
		i++;
	if (p[i] == ']')
		i++;
	for (; p[i]; i++) {
		if (p[i] == '\\' && !p[++i])
			return 0;
		else if (p[i] == ']')
			return i;
	}
	return 0;
}

static void alternatives(const char *p, size_t i, size_t end, int need_b, head_list *h);

/* The group opening at p[i]: every alternative must have heads. */
static void group(const char *p, size_t i, size_t end, int need_b, head_list *h)
{
	size_t c = close_of(p, i);
	if (!c || c >= end || (c + 1 < end && strchr("?*{", p[c + 1]))) {
		h->bad = 1; /* an optional group may match nothing */
		return;
	}
	size_t body = i + 1;
	if (p[body] == '?') { /* (?: and named groups; options and the rest are not followed */
		const char *gt = strchr(p + body, '>');
		if (p[body + 1] == ':')
			body += 2;
		else if ((p[body + 1] == '<' || (p[body + 1] == 'P' && p[body + 2] == '<')) && gt && gt < p + c)
			body = (size_t)(gt - p) + 1;
		else {
			h->bad = 1;
			return;
		}
	}
	alternatives(p, body, c, need_b, h);
}

/* The heads of the sequence p[i, end): \b then letters (or a group of
 * such); need_b 0 when the \b was seen before the group it is in. */
static void sequence(const char *p, size_t i, size_t end, int need_b, head_list *h)
{
	i = skip_assertions(p, i, end);
	if (need_b) {
		if (i + 1 < end && p[i] == '\\' && p[i + 1] == 'b') {
			i = skip_assertions(p, i + 2, end);
		} else if (i < end && p[i] == '(') {
			group(p, i, end, 1, h); /* each alternative brings its own \b */
			return;
		} else {
			h->bad = 1;
			return;
		}
	}
	if (i < end && p[i] == '(') {
		group(p, i, end, 0, h);
		return;
	}
	size_t n = 0;
	while (i + n < end && is_letter(p[i + n]))
		n++;
	if (n && i + n < end && strchr("?*{", p[i + n]))
		n--; /* "buyers?": the s may be missing */
	if (n == 0) {
		h->bad = 1;
		return;
	}
	al_grow(&h->k, &h->cap, h->n + 1, sizeof *h->k);
	h->k[h->n++] = pack(p + i, n);
}

/* Each top-level alternative of p[i, end). */
static void alternatives(const char *p, size_t i, size_t end, int need_b, head_list *h)
{
	size_t start = i;
	for (; i <= end && !h->bad; i++) {
		if (i < end && p[i] == '\\') {
			i++;
			continue;
		}
		if (i < end && (p[i] == '(' || p[i] == '[')) {
			size_t c = p[i] == '(' ? close_of(p, i) : class_end(p, i);
			if (!c || c >= end) {
				h->bad = 1;
				return;
			}
			i = c;
			continue;
		}
		if (i == end || p[i] == '|') {
			sequence(p, start, i, need_b, h);
			start = i + 1;
		}
	}
}

size_t al_lead_heads(const char *pattern, uint32_t **out)
{
	head_list h = { NULL, 0, 0, 0 };
	if (strstr(pattern, "(?x") || strstr(pattern, "(*") || strstr(pattern, "(?i") || strstr(pattern, "(?-"))
		h.bad = 1; /* layout or options that change what a literal means */
	else
		alternatives(pattern, 0, strlen(pattern), 1, &h);
	if (h.bad || h.n == 0) {
		free(h.k);
		*out = NULL;
		return 0;
	}
	*out = h.k;
	return h.n;
}

/* ---- the letter side ---- */

static int insert(al_lead_set *set, uint32_t k, size_t *used)
{
	size_t i = (k * 2654435761u) & (set->cap - 1);
	while (set->slot[i] && set->slot[i] != k)
		i = (i + 1) & (set->cap - 1);
	if (!set->slot[i]) {
		set->slot[i] = k;
		if (++*used * 2 > set->cap)
			return -1;
	}
	return 0;
}

static int has(const char *text, size_t n, const char *bytes)
{
	size_t k = strlen(bytes);
	for (const char *p = text; (p = memchr(p, bytes[0], n - (size_t)(p - text))) != NULL; p++)
		if ((size_t)(p - text) + k <= n && memcmp(p, bytes, k) == 0)
			return 1;
	return 0;
}

void al_lead_build(al_lead_set *set, const char *text, size_t n)
{
	set->text = NULL;
	/* caseless, U+212A KELVIN SIGN matches k and U+017F LONG S matches s */
	if (n > MAX_TEXT || has(text, n, "\xE2\x84\xAA") || has(text, n, "\xC5\xBF"))
		return;
	if (!set->slot) {
		set->cap = SET_SLOTS;
		set->slot = al_xmalloc(set->cap * sizeof *set->slot);
	}
	memset(set->slot, 0, set->cap * sizeof *set->slot);
	size_t used = 0;
	const unsigned char *s = (const unsigned char *)text;
	/* every start of an ASCII word-character run: a superset of where a \b
	 * then a letter can match (a non-ASCII character ends a run here) */
	for (size_t i = 0; i < n; i++) {
		if (!is_letter((char)s[i]) || (i > 0 && is_word_byte(s[i - 1])))
			continue;
		size_t len = 0;
		while (len < AL_LEAD_LEN && i + len < n && is_letter((char)s[i + len]))
			len++;
		for (size_t k = 1; k <= len; k++)
			if (insert(set, pack(text + i, k), &used))
				return; /* too many: no prefilter for this text */
	}
	set->text = text;
}

int al_lead_may_match(const al_lead_set *set, const char *s, const uint32_t *heads, size_t n)
{
	if (!n || set->text != s)
		return 1;
	for (size_t h = 0; h < n; h++) {
		size_t i = (heads[h] * 2654435761u) & (set->cap - 1);
		while (set->slot[i]) {
			if (set->slot[i] == heads[h])
				return 1;
			i = (i + 1) & (set->cap - 1);
		}
	}
	return 0;
}

void al_lead_free(al_lead_set *set)
{
	free(set->slot);
	memset(set, 0, sizeof *set);
}
