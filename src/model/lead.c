/* lead.c - what a pattern's matches must start with, and which starts a
 * letter has. */
#include "model/lead.h"

#include "base/al.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

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

uint32_t al_lead_word_key(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a of the lower-case letters */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)(s[i] | 0x20)) * 16777619u;
	return h | 0x80000000u; /* a packed prefix's top byte is below 0x80 */
}

/* ---- the pattern side ---- */

typedef struct head_list {
	uint32_t *k;
	size_t n, cap;
	int bad; /* some match could start otherwise */
} head_list;

/* Where each group of the pattern being read closes (see pattern_open), so
 * that finding it costs nothing; per thread, as rule sets may load in
 * several. */
static _Thread_local const char *closes_for;
static _Thread_local size_t *closes;

/* The end of the group opening at p[i], or 0 when it does not close (or
 * p is not the pattern being read). */
static size_t close_of(const char *p, size_t i)
{
	return p == closes_for ? closes[i] : 0;
}

/* Notes where each group of p closes, in one pass; pattern_close forgets. */
static void pattern_open(const char *p)
{
	size_t n = strlen(p), depth = 0, *stack = al_xmalloc((n + 1) * sizeof *stack);
	closes = al_xmalloc((n + 1) * sizeof *closes);
	int in_class = 0;
	for (size_t i = 0; i < n; i++) {
		closes[i] = 0;
		if (p[i] == '\\') {
			if (++i < n)
				closes[i] = 0;
			continue;
		}
		if (in_class) {
			in_class = p[i] != ']';
			continue;
		}
		if (p[i] == '[') {
			in_class = 1;
			if (p[i + 1] == '^')
				closes[++i] = 0;
			if (i + 1 < n && p[i + 1] == ']')
				closes[++i] = 0;
		} else if (p[i] == '(') {
			stack[depth++] = i;
		} else if (p[i] == ')' && depth) {
			closes[stack[--depth]] = i;
		}
	}
	closes[n] = 0;
	free(stack);
	closes_for = p;
}

static void pattern_close(void)
{
	free(closes);
	closes = NULL;
	closes_for = NULL;
}

/* Whether the negative lookbehind p[i, c) is "\\w" or a class holding it. */
static int lookbehind_word(const char *p, size_t i, size_t c)
{
	if (c == i + 2)
		return p[i] == '\\' && p[i + 1] == 'w';
	if (p[i] != '[' || p[i + 1] == '^' || p[c - 1] != ']')
		return 0;
	for (size_t k = i + 1; k + 1 < c - 1; k++) {
		if (p[k] == '[')
			return 0; /* a nested class: not followed */
		if (p[k] == '\\' && p[++k] == 'w')
			return 1;
	}
	return 0;
}

/* Passes over assertions that consume nothing: (?<! (?<= (?! (?=; sets
 * *word_start when one refuses a word character before. */
static size_t skip_assertions(const char *p, size_t i, size_t end, int *word_start)
{
	while (i + 3 < end && p[i] == '(' && p[i + 1] == '?' &&
	       (p[i + 2] == '!' || p[i + 2] == '=' || (p[i + 2] == '<' && (p[i + 3] == '!' || p[i + 3] == '=')))) {
		size_t c = close_of(p, i);
		if (!c || c >= end)
			return end;
		/* "(?<!\\w)", "(?<![\\w/.-])": no word character before, as after \\b */
		if (word_start && p[i + 2] == '<' && p[i + 3] == '!' && lookbehind_word(p, i + 4, c))
			*word_start = 1;
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

static void alternatives(const char *p, size_t i, size_t end, int need_b, int follow, head_list *h);

/* Where the alternative of p[i, end) that starts at i ends: at the next
 * "|" outside groups and classes, or at end; SIZE_MAX when a group or
 * class there does not close. */
static size_t alternative_end(const char *p, size_t i, size_t end)
{
	for (; i < end && p[i] != '|'; i++) {
		if (p[i] == '\\') {
			i++;
		} else if (p[i] == '(' || p[i] == '[') {
			size_t c = p[i] == '(' ? close_of(p, i) : class_end(p, i);
			if (!c || c >= end)
				return SIZE_MAX;
			i = c;
		}
	}
	return i < end ? i : end;
}

/* The quantifier at p[i] (before end): 0 for none, 1 when it allows no
 * repeat at all ("?", "*", "{0,"), 2 otherwise; *after is past it. */
static int quantifier(const char *p, size_t i, size_t end, size_t *after)
{
	*after = i;
	if (i >= end || !strchr("?*+{", p[i]))
		return 0;
	int optional = p[i] == '?' || p[i] == '*' || (p[i] == '{' && p[i + 1] == '0');
	if (p[i] == '{') {
		const char *c = memchr(p + i, '}', end - i);
		if (!c)
			return 0; /* a literal "{" */
		i = (size_t)(c - p);
	}
	i++;
	if (i < end && (p[i] == '?' || p[i] == '+'))
		i++; /* lazy or possessive */
	*after = i;
	return optional ? 1 : 2;
}

/* Where the body of the group opening at p[i] starts: after "(", "(?:",
 * "(?>", a name or options other than x; 0 for other groups. */
static size_t body_of(const char *p, size_t i, size_t c)
{
	size_t b = i + 1;
	if (p[b] != '?')
		return b;
	b++;
	if (p[b] == ':' || p[b] == '>')
		return b + 1;
	if (p[b] == 'P' && p[b + 1] == '<')
		b++;
	if ((p[b] == '<' && p[b + 1] != '=' && p[b + 1] != '!') || p[b] == '\'') {
		const char *e = memchr(p + b + 1, p[b] == '<' ? '>' : '\'', c - b - 1);
		return e ? (size_t)(e - p) + 1 : 0; /* a named group */
	}
	while (b < c && (is_letter(p[b]) || p[b] == '-')) {
		if (p[b] == 'x')
			return 0; /* layout: a space no longer matches itself */
		b++;
	}
	return b < c && p[b] == ':' ? b + 1 : 0;
}

static void sequence(const char *p, size_t i, size_t end, int need_b, int follow, head_list *h);

static int no_letter_at(const char *p, size_t e, size_t end, int follow, int depth);

/* Whether every alternative of p[i, end) opens with no letter (follow:
 * whether what comes after end does). */
static int alternatives_open_no_letter(const char *p, size_t i, size_t end, int follow, int depth)
{
	for (size_t b;; i = b + 1) {
		b = alternative_end(p, i, end);
		if (b == SIZE_MAX || !no_letter_at(p, i, b, follow, depth))
			return 0;
		if (b == end)
			return 1;
	}
}

/* Whether the class opening at p[i] holds no ASCII letter (nor a class
 * that may). */
static int class_without_letters(const char *p, size_t i)
{
	size_t c = class_end(p, i);
	if (!c || p[i + 1] == '^')
		return 0;
	for (size_t k = i + 1; k < c; k++) {
		if (p[k] == '\\') {
			if (!strchr("sdnrtv.,'-/:;!?\"()[]", p[++k]))
				return 0;
		} else if (is_letter(p[k]) || p[k] == '[') {
			return 0;
		}
	}
	return 1;
}

/* Whether what the pattern has at p[e] (before end; follow tells about
 * end itself) cannot start with an ASCII letter, so that letters before it
 * end a word: "we" in "\bwe\s+will" heads only the word "we". */
static int no_letter_at(const char *p, size_t e, size_t end, int follow, int depth)
{
	if (e >= end)
		return follow;
	unsigned char c = (unsigned char)p[e];
	size_t len = 1, after;
	int ok;
	if (c == '(') {
		size_t close = close_of(p, e), body;
		if (depth > 3 || !close || close >= end || !(body = body_of(p, e, close)))
			return 0;
		int q = quantifier(p, close + 1, end, &after);
		int next = no_letter_at(p, after, end, follow, depth + 1);
		if (q == 1 && !next)
			return 0; /* skipped, the group leaves what follows it */
		return alternatives_open_no_letter(p, body, close, q == 0 ? next : 0, depth + 1);
	}
	if (c == '\\') {
		ok = e + 1 < end && strchr("sbWdnrtfv.,-'/:;!?\"#&%@()[]{}|*+^$ ", p[e + 1]) != NULL;
		len = 2;
	} else if (c == '[') {
		ok = class_without_letters(p, e);
		len = class_end(p, e) + 1 - e;
	} else if (c >= 0x80) { /* but KELVIN SIGN and LONG S match k and s */
		ok = strncmp(p + e, "\xE2\x84\xAA", 3) != 0 && strncmp(p + e, "\xC5\xBF", 2) != 0;
		while (e + len < end && ((unsigned char)p[e + len] & 0xC0) == 0x80)
			len++;
	} else {
		ok = !is_letter((char)c) && !strchr(".^|)?*+{", c);
	}
	if (ok && quantifier(p, e + len, end, &after) == 1) /* "-?": it may be missing */
		return depth <= 3 && no_letter_at(p, after, end, follow, depth + 1);
	return ok;
}

/* The group opening at p[i]: every alternative must have heads, and when
 * the group may be skipped, so must what follows it. */
static void group(const char *p, size_t i, size_t end, int need_b, int follow, head_list *h)
{
	size_t c = close_of(p, i), after;
	size_t body = c && c < end ? body_of(p, i, c) : 0;
	if (!body) {
		h->bad = 1;
		return;
	}
	int q = quantifier(p, c + 1, end, &after);
	int next = q < 2 && no_letter_at(p, after, end, follow, 0);
	alternatives(p, body, c, need_b, next, h);
	if (q == 1)
		sequence(p, after, end, need_b, follow, h); /* the match may start after it */
}

static void add(head_list *h, uint32_t k)
{
	al_grow(&h->k, &h->cap, h->n + 1, sizeof *h->k);
	h->k[h->n++] = k;
}

/* A digit at p[i] ("\d"): its head is any digit, or one that starts a
 * word when a \b comes first. */
static int digit(const char *p, size_t i, size_t end, int need_b, head_list *h)
{
	size_t after;
	if (i + 1 >= end || p[i] != '\\' || p[i + 1] != 'd')
		return 0;
	if (quantifier(p, i + 2, end, &after) == 1) {
		h->bad = 1; /* "\d*x" may start with the x */
		return 1;
	}
	add(h, need_b ? AL_LEAD_DIGIT : AL_LEAD_DIGIT_WORD);
	return 1;
}

/* The heads of the sequence p[i, end): \b then letters (or a group of
 * such); need_b 0 when the \b was seen before the group it is in; follow
 * whether what comes after end opens with no letter. Letters that end a
 * word head that whole word (AL_LEAD_WORD), others the words they open. */
static void sequence(const char *p, size_t i, size_t end, int need_b, int follow, head_list *h)
{
	int word_start = 0;
	i = skip_assertions(p, i, end, &word_start);
	if (word_start)
		need_b = 0; /* the lookbehind did what \\b does */
	if (digit(p, i, end, need_b, h))
		return;
	if (need_b) {
		if (i + 1 < end && p[i] == '\\' && p[i + 1] == 'b') {
			i = skip_assertions(p, i + 2, end, NULL);
			if (digit(p, i, end, 0, h))
				return;
		} else if (i < end && p[i] == '(') {
			group(p, i, end, 1, follow, h); /* each alternative brings its own \b */
			return;
		} else {
			h->bad = 1;
			return;
		}
	} else if (i + 1 < end && p[i] == '\\' && p[i + 1] == 'b') {
		i = skip_assertions(p, i + 2, end, NULL); /* not needed, and no harm */
		if (digit(p, i, end, 0, h))
			return;
	}
	if (i < end && p[i] == '(') {
		group(p, i, end, 0, follow, h);
		return;
	}
	size_t n = 0, e;
	while (i + n < end && is_letter(p[i + n]))
		n++;
	e = i + n;
	if (n && e < end && strchr("?*{", p[e])) {
		/* "buyers?": buyer or buyers, else the words "buye" opens */
		if (n > 1 && p[e] == '?' && no_letter_at(p, e + 1, end, follow, 0)) {
			add(h, al_lead_word_key(p + i, n - 1));
			add(h, al_lead_word_key(p + i, n));
			return;
		}
		n--;
	} else if (n && no_letter_at(p, e, end, follow, 0)) {
		add(h, al_lead_word_key(p + i, n));
		return;
	}
	if (n == 0) {
		h->bad = 1;
		return;
	}
	add(h, pack(p + i, n));
}

/* Each top-level alternative of p[i, end). */
static void alternatives(const char *p, size_t i, size_t end, int need_b, int follow, head_list *h)
{
	for (size_t b; !h->bad; i = b + 1) {
		b = alternative_end(p, i, end);
		if (b == SIZE_MAX) {
			h->bad = 1;
			return;
		}
		sequence(p, i, b, need_b, follow, h);
		if (b == end)
			return;
	}
}

/* Layout (x) or verbs change what a literal means; other options (case)
 * do not matter to heads, which are caseless anyway. */
static int changes_literals(const char *p)
{
	if (strstr(p, "(*"))
		return 1;
	for (const char *q = p; (q = strstr(q, "(?")) != NULL; q += 2) {
		const char *o = q + 2;
		while (is_letter(*o) || *o == '-' || *o == '^')
			if (*o == 'x' || *o++ == '^')
				return 1;
	}
	return 0;
}

static int alternatives_need_digit(const char *p, size_t i, size_t end, int depth);

/* Whether every match of the sequence p[i, end) holds a digit: one of its
 * elements that must be there is \d or a group whose every alternative
 * holds one. */
static int sequence_needs_digit(const char *p, size_t i, size_t end, int depth)
{
	while (i < end) {
		size_t next = i + 1, after, body, c;
		int need = 0;
		if (p[i] == '\\') {
			need = p[i + 1] == 'd';
			next = i + 2;
		} else if (p[i] == '[') {
			if (!(c = class_end(p, i)))
				return 0;
			next = c + 1;
		} else if (p[i] == '(') {
			c = close_of(p, i);
			if (!c || c >= end)
				return 0;
			body = body_of(p, i, c);
			/* lookarounds and the like consume nothing: passed over */
			need = body && depth < 4 && alternatives_need_digit(p, body, c, depth + 1);
			next = c + 1;
		} else if (p[i] == '|' || p[i] == ')') {
			return 0;
		}
		if (quantifier(p, next, end, &after) == 1)
			need = 0;
		if (need)
			return 1;
		i = after;
	}
	return 0;
}

static int alternatives_need_digit(const char *p, size_t i, size_t end, int depth)
{
	for (size_t b;; i = b + 1) {
		b = alternative_end(p, i, end);
		if (b == SIZE_MAX || !sequence_needs_digit(p, i, b, depth))
			return 0;
		if (b == end)
			return 1;
	}
}

int al_lead_needs_digit(const char *pattern)
{
	if (changes_literals(pattern) || strstr(pattern, "\\Q"))
		return 0;
	pattern_open(pattern);
	int need = alternatives_need_digit(pattern, 0, strlen(pattern), 0);
	pattern_close();
	return need;
}

/* The keys some pattern's heads ask for, as bits of their hash: a letter's
 * index holds only those (and digits). Every head comes from
 * al_lead_heads, which sets its bit before any text is indexed for it;
 * bits are never cleared, and a bit two keys share only indexes one in
 * vain. Atomic: rule sets may be loaded while other threads lint. */
#define WANT_BITS (1u << 16)
static _Atomic uint64_t wanted[WANT_BITS / 64];

static uint32_t want_bit(uint32_t key)
{
	return (key * 2654435761u) >> 16;
}

static void mark_wanted(uint32_t key)
{
	uint32_t b = want_bit(key);
	atomic_fetch_or_explicit(&wanted[b / 64], 1ull << (b % 64), memory_order_relaxed);
}

static int is_wanted(uint32_t key)
{
	uint32_t b = want_bit(key);
	return key <= AL_LEAD_DIGIT_WORD ||
	       ((atomic_load_explicit(&wanted[b / 64], memory_order_relaxed) >> (b % 64)) & 1);
}

size_t al_lead_heads(const char *pattern, uint32_t **out)
{
	head_list h = { NULL, 0, 0, 0 };
	if (changes_literals(pattern)) {
		h.bad = 1;
	} else {
		pattern_open(pattern);
		alternatives(pattern, 0, strlen(pattern), 1, 0, &h); /* a letter may follow a match */
		pattern_close();
	}
	if (h.bad || h.n == 0) {
		free(h.k);
		*out = NULL;
		return 0;
	}
	for (size_t i = 0; i < h.n; i++)
		mark_wanted(h.k[i]);
	*out = h.k;
	return h.n;
}

/* ---- the letter side ---- */

/* A prefix of 1 to AL_LEAD_LEN letters and the words that start with it:
 * occ[first, first + count) of the set. */
typedef struct lead_slot {
	uint32_t key, first, count;
} lead_slot;

#define FIRST_SLOTS 1024       /* a letter of a few KB has some hundreds of wanted keys */
#define KEYS (AL_LEAD_LEN + 1) /* keys a word has at most */

static void reserve(void **p, size_t *cap, size_t need, size_t size)
{
	if (need > *cap)
		al_grow(p, cap, need, size);
}

/* The slot of key, added when new; NULL when the table is full. */
static lead_slot *slot_for(al_lead_set *set, uint32_t key)
{
	size_t i = (key * 2654435761u) & (set->cap - 1);
	while (set->slot[i].key && set->slot[i].key != key)
		i = (i + 1) & (set->cap - 1);
	if (!set->slot[i].key) {
		if ((set->used + 1) * 2 > set->cap)
			return NULL;
		set->used++;
		set->slot[i].key = key;
	}
	return &set->slot[i];
}

static const lead_slot *slot_find(const al_lead_set *set, uint32_t key)
{
	size_t i = (key * 2654435761u) & (set->cap - 1);
	while (set->slot[i].key) {
		if (set->slot[i].key == key)
			return &set->slot[i];
		i = (i + 1) & (set->cap - 1);
	}
	return NULL;
}

static int has(const char *text, size_t n, const char *bytes)
{
	size_t k = strlen(bytes);
	for (const char *p = text; (p = memchr(p, bytes[0], n - (size_t)(p - text))) != NULL; p++)
		if ((size_t)(p - text) + k <= n && memcmp(p, bytes, k) == 0)
			return 1;
	return 0;
}

/* A digit, or a character beyond ASCII that \d may match (with Unicode
 * properties, any decimal digit): all but the blocks of CJK ideographs,
 * kana and Hangul (U+3000 to U+A5FF, U+AC00 to U+D7FF), which hold none,
 * so that Chinese text does not make each of its characters a place. */
static int is_digit(const unsigned char *s, size_t i, size_t n)
{
	if (s[i] < 0x80)
		return s[i] >= '0' && s[i] <= '9';
	if (s[i] < 0xC0)
		return 0; /* inside a character */
	if (s[i] < 0xE3 || s[i] > 0xED || i + 2 >= n)
		return 1;
	uint32_t cp = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
	return !(cp >= 0x3000 && cp <= 0xA5FF) && !(cp >= 0xAC00 && cp <= 0xD7FF);
}

/* Every start of an ASCII word-character run that opens with a letter (a
 * superset of where \b then a letter can match; a non-ASCII character ends
 * a run here), and every digit, for patterns that open with one. */
static void find_words(al_lead_set *set, const unsigned char *s, size_t n)
{
	set->nwords = 0;
	memset(set->bytes, 0, sizeof set->bytes);
	int after_word = 0; /* s[i - 1] is a word byte */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		set->bytes[c >> 6] |= (uint64_t)1 << (c & 63);
		int starts = is_letter((char)c) ? !after_word : is_digit(s, i, n);
		after_word = is_word_byte(c);
		if (!starts)
			continue;
		reserve((void **)&set->word, &set->word_cap, set->nwords + 1, sizeof *set->word);
		set->word[set->nwords++] = (uint32_t)i;
	}
}

/* The keys of the word at w: its first 1 to AL_LEAD_LEN letters and all
 * its letters (al_lead_word_key), or for a digit AL_LEAD_DIGIT and, at the
 * start of a word, AL_LEAD_DIGIT_WORD. */
static size_t keys_at(const al_lead_set *set, size_t w, uint32_t *keys)
{
	const char *p = set->text + set->word[w];
	size_t end = set->len - set->word[w], len = 0;
	if (!is_letter(p[0])) { /* a digit */
		keys[len++] = AL_LEAD_DIGIT;
		if (set->word[w] == 0 || !is_word_byte((unsigned char)p[-1]))
			keys[len++] = AL_LEAD_DIGIT_WORD;
		return len;
	}
	uint32_t k = 0; /* pack(p, len), a letter at a time */
	while (len < AL_LEAD_LEN && len < end && is_letter(p[len])) {
		k |= (uint32_t)(unsigned char)(p[len] | 0x20) << (8 * len);
		keys[len++] = k;
	}
	size_t all = len;
	while (all < end && is_letter(p[all]))
		all++;
	keys[len] = al_lead_word_key(p, all);
	return len + 1;
}

/* Counts each prefix's words, then lays their lists out one after another;
 * -1 when the table fills (a text with too many distinct words). */
static int index_prefixes(al_lead_set *set)
{
	size_t n = set->nwords * KEYS;
	reserve((void **)&set->slot_of, &set->slot_of_cap, n ? n : 1, sizeof *set->slot_of);
	for (size_t w = 0; w < set->nwords; w++) {
		uint32_t keys[KEYS];
		size_t len = keys_at(set, w, keys);
		for (size_t k = 1; k <= KEYS; k++) {
			int indexed = k <= len && is_wanted(keys[k - 1]);
			lead_slot *sl = indexed ? slot_for(set, keys[k - 1]) : NULL;
			if (indexed && !sl)
				return -1;
			set->slot_of[w * KEYS + k - 1] = sl ? (uint32_t)(sl - set->slot) : UINT32_MAX;
			if (sl)
				sl->count++;
		}
	}
	uint32_t at = 0;
	for (size_t i = 0; i < set->cap; i++) {
		set->slot[i].first = at;
		at += set->slot[i].count;
		set->slot[i].count = 0;
	}
	reserve((void **)&set->occ, &set->occ_cap, at ? at : 1, sizeof *set->occ);
	for (size_t i = 0; i < n; i++)
		if (set->slot_of[i] != UINT32_MAX) {
			lead_slot *sl = &set->slot[set->slot_of[i]];
			set->occ[sl->first + sl->count++] = (uint32_t)(i / KEYS);
		}
	return 0;
}

static int lead_on = 1; /* al_lead_enable */

void al_lead_enable(int on)
{
	lead_on = on;
}

void al_lead_build(al_lead_set *set, const char *text, size_t n)
{
	set->text = NULL;
	/* caseless, U+212A KELVIN SIGN matches k and U+017F LONG S matches s */
	if (!lead_on || n > AL_LEAD_MAX_TEXT || has(text, n, "\xE2\x84\xAA") || has(text, n, "\xC5\xBF"))
		return;
	set->text = text;
	set->len = n;
	find_words(set, (const unsigned char *)text, n);
	size_t want = FIRST_SLOTS;
	while (want < set->nwords)
		want *= 2;
	for (;; want *= 2) {
		if (want > set->cap) {
			free(set->slot);
			set->cap = want;
			set->slot = al_xmalloc(want * sizeof *set->slot);
		}
		memset(set->slot, 0, set->cap * sizeof *set->slot);
		set->used = 0;
		if (index_prefixes(set) == 0)
			return;
	}
}

int al_lead_digit_in(const al_lead_set *set, const char *s, size_t from, size_t end)
{
	if (set->text != s)
		return 1;
	const lead_slot *sl = slot_find(set, AL_LEAD_DIGIT);
	if (!sl)
		return 0;
	const uint32_t *w = set->occ + sl->first;
	size_t lo = 0, hi = sl->count;
	while (lo < hi) { /* the first digit at or after from */
		size_t mid = lo + (hi - lo) / 2;
		if (set->word[w[mid]] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sl->count && set->word[w[lo]] < end;
}

int al_lead_may_match(const al_lead_set *set, const char *s, const uint32_t *heads, size_t n)
{
	if (!n || set->text != s)
		return 1;
	for (size_t h = 0; h < n; h++)
		if (slot_find(set, heads[h]))
			return 1;
	return 0;
}

size_t al_lead_occ(const al_lead_set *set, uint32_t head, const uint32_t **words)
{
	const lead_slot *sl = slot_find(set, head);
	*words = sl ? set->occ + sl->first : set->occ;
	return sl ? sl->count : 0;
}

void al_lead_free(al_lead_set *set)
{
	free(set->slot);
	free(set->word);
	free(set->occ);
	free(set->slot_of);
	memset(set, 0, sizeof *set);
}
