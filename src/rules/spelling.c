/* spelling.c - the word kinds: spelling (unknown words, words run together)
 * and shouting (an ordinary word in capitals for emphasis). Words are looked
 * up in the compiled-in word list and the domain dictionary. */
#include "rules/engine.h"
#include "rules/kinds.h"
#include "model/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_WORD 64
#define MAX_SKIP 32 /* exception matches (URLs, e-mail) remembered per span */

/* A word copied out of the text: ’ becomes ', so "Amazon’s" is looked up
 * as "Amazon's". Returns its length, or 0 when it is too long. */
static size_t copy_word(const char *s, al_span w, char *out)
{
	size_t n = 0;
	for (size_t i = w.start; i < w.end; i++) {
		if (n + 1 >= MAX_WORD)
			return 0;
		if (w.end - i >= 3 && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
			out[n++] = '\'';
			i += 2;
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	return n;
}

typedef struct shape {
	int digits, upper, lower, first_upper, nonascii;
} shape;

static shape shape_of(const char *w, size_t n)
{
	shape sh = { 0, 0, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) { /* ASCII classes: bytes, not locale characters */
		unsigned char ch = (unsigned char)w[i];
		sh.digits += ch >= '0' && ch <= '9';
		sh.upper += ch >= 'A' && ch <= 'Z';
		sh.lower += ch >= 'a' && ch <= 'z';
		sh.nonascii += ch >= 0x80;
	}
	sh.first_upper = w[0] >= 'A' && w[0] <= 'Z';
	return sh;
}

/* The dictionaries spelling accepts: both unless one English is chosen. */
static unsigned mask_of(const al_ctx *c)
{
	return c->spell_mask ? c->spell_mask : AL_DICT_US | AL_DICT_GB;
}

static int in_dict(const al_ctx *c, const char *w, size_t n)
{
	return (al_dict_lookup(c->dict, w, n) & mask_of(c)) || al_ruleset_has_word(c->rs, w, n);
}

/* In either English's word list with its first letter in lower case. */
static int lower_known(const al_ctx *c, const char *w, size_t n)
{
	char low[MAX_WORD];
	memcpy(low, w, n);
	low[0] = (char)tolower((unsigned char)w[0]);
	return al_dict_lookup(c->dict, low, n) != 0;
}

/* Known as written, with its first letter in lower case, as a possessive,
 * or (hyphenated) part by part. */
static int known(const al_ctx *c, const char *w, size_t n)
{
	if (n == 0 || in_dict(c, w, n))
		return 1;
	if (isupper((unsigned char)w[0])) {
		char low[MAX_WORD];
		memcpy(low, w, n);
		low[0] = (char)tolower((unsigned char)w[0]);
		if (in_dict(c, low, n))
			return 1;
	}
	if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S'))
		return known(c, w, n - 2);
	if (w[n - 1] == '\'')
		return known(c, w, n - 1);
	const char *dash = memchr(w, '-', n);
	if (dash) {
		size_t k = (size_t)(dash - w);
		return k > 0 && known(c, w, k) && known(c, dash + 1, n - k - 1);
	}
	return 0;
}

/* Most words of a letter ("the", "our", "order") come again and again,
 * letter after letter: each verdict of known() is kept in the context's
 * memo, valid for one rule set and one choice of English. */
static int known_memo(al_ctx *c, const char *w, size_t n)
{
	int hit;
	al_memo_slot *s = al_memo_find(&c->memo, (uintptr_t)c->rs, mask_of(c), w, n, &hit);
	if (!s)
		return known(c, w, n);
	if (!hit)
		al_memo_keep(s, w, n, (uint32_t)known(c, w, n), 0);
	return (int)s->a;
}

/* The dictionary holds many short oddities ("ed", "inf"), so a word run
 * together splits into a part under four letters only when that part is
 * one of the short words writers actually run into the next. */
static const char *const short_words[] = { "a",	  "i",	 "am",	"an",  "as",  "at",  "be",  "by",  "do",  "go",	 "he",
					   "if",  "in",	 "is",	"it",  "me",  "my",  "no",  "of",  "on",  "or",	 "so",
					   "to",  "up",	 "us",	"we",  "all", "and", "any", "are", "but", "can", "did",
					   "due", "few", "for", "get", "got", "had", "has", "her", "his", "how", "its",
					   "let", "lot", "may", "new", "not", "now", "off", "old", "one", "our", "out",
					   "own", "per", "put", "see", "set", "she", "the", "too", "two", "use", "was",
					   "way", "who", "why", "yet", "you", NULL };

static int split_part(const al_ctx *c, const char *w, size_t n)
{
	if (!(al_dict_lookup(c->dict, w, n) & mask_of(c)))
		return 0;
	if (n >= 4)
		return 1;
	for (int i = 0; short_words[i]; i++)
		if (strlen(short_words[i]) == n && memcmp(short_words[i], w, n) == 0)
			return 1;
	return 0;
}

/* Is a dictionary word one edit (a letter added, dropped, changed or two
 * swapped) away from w? Then w is more likely a slip than two words.
 * Dropping letter `keep` (the one-letter word of the split) does not count. */
static int near_word(const al_ctx *c, const char *w, size_t n, size_t keep)
{
	char t[MAX_WORD + 1];
	if (n + 1 >= MAX_WORD)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		for (char ch = 'a'; ch <= 'z'; ch++) {
			memcpy(t, w, i); /* insert ch at i */
			t[i] = ch;
			memcpy(t + i + 1, w + i, n - i);
			if (al_dict_lookup(c->dict, t, n + 1) & mask_of(c))
				return 1;
			if (i < n) { /* change letter i to ch */
				memcpy(t, w, n);
				t[i] = ch;
				if (ch != w[i] && (al_dict_lookup(c->dict, t, n) & mask_of(c)))
					return 1;
			}
		}
		if (i < n && i != keep) { /* drop letter i */
			memcpy(t, w, i);
			memcpy(t + i, w + i + 1, n - i - 1);
			if (al_dict_lookup(c->dict, t, n - 1) & mask_of(c))
				return 1;
		}
		if (i + 1 < n) { /* swap letters i and i + 1 */
			memcpy(t, w, n);
			t[i] = w[i + 1];
			t[i + 1] = w[i];
			if (al_dict_lookup(c->dict, t, n) & mask_of(c))
				return 1;
		}
	}
	return 0;
}

/* "moreinformed" -> "more informed": the split into two words whose shorter
 * half is longest. Returns the split point, or 0. */
static size_t split_point(const al_ctx *c, const char *w, size_t n)
{
	size_t best = 0, best_min = 0;
	for (size_t i = 1; i < n; i++) {
		if (!split_part(c, w, i) || !split_part(c, w + i, n - i))
			continue;
		size_t m = i < n - i ? i : n - i;
		if (m > best_min) {
			best = i;
			best_min = m;
		}
	}
	return best;
}

/* Exception matches (URLs, e-mail addresses) in sp, so words inside them
 * are passed over. Returns how many. */
static size_t skip_spans(al_ctx *c, const al_rule *r, al_span sp, al_span *out)
{
	size_t n = 0, from = sp.start, ms, me;
	while (n < MAX_SKIP && al_re_find(&r->exceptions, c->m, c->letter->text->data, from, sp.end, &ms, &me) == 1) {
		out[n++] = (al_span){ ms, me };
		from = me;
	}
	return n;
}

static int skipped(const al_span *skip, size_t n, al_span w)
{
	for (size_t i = 0; i < n; i++)
		if (w.start >= skip[i].start && w.end <= skip[i].end)
			return 1;
	return 0;
}

static void add_name(al_speller *sp, size_t at)
{
	al_grow(&sp->names, &sp->names_cap, sp->nnames + 1, sizeof *sp->names);
	sp->names[sp->nnames++] = at;
}

/* Capitalised words are names where a sentence does not start with them,
 * in the header or the signature ("Greenleaf Naturals LLC"), and when the
 * next word is capitalised too; the same word at the start of a sentence is
 * then a name as well. */
static void collect_names(al_ctx *c, size_t nspans)
{
	al_speller *sp = c->speller;
	const al_letter *l = c->letter;
	const char *s = l->text->data;
	sp->nnames = 0;
	for (size_t i = 0; i < nspans; i++) {
		al_span w, prev = { 0, 0 };
		al_words it;
		int first = 1, prev_cap = 0;
		al_words_start(&it, l, c->spans[i]);
		while (al_words_next(&it, &w)) {
			int cap = isupper((unsigned char)s[w.start]) != 0;
			if (cap && (!first || prev_cap))
				add_name(sp, w.start);
			if (cap && prev_cap)
				add_name(sp, prev.start);
			prev_cap = cap && first;
			prev = w;
			first = 0;
		}
	}
	al_span parts[] = { l->header, l->salutation, l->signoff };
	for (size_t k = 0; k < 3; k++) {
		al_span w;
		al_words it;
		al_words_start(&it, l, parts[k]);
		while (al_words_next(&it, &w))
			if (isupper((unsigned char)s[w.start]))
				add_name(sp, w.start);
	}
}

static int is_name(const al_ctx *c, const char *w, size_t n)
{
	const char *s = c->letter->text->data;
	for (size_t i = 0; i < c->speller->nnames; i++) {
		size_t at = c->speller->names[i];
		if (strncmp(s + at, w, n) == 0 && !isalnum((unsigned char)s[at + n]))
			return 1;
	}
	return 0;
}

/* The same word in the chosen English: the usual British/American pairs,
 * tried in both directions at each place they occur. */
static const char *const dialect_pairs[][2] = {
	{ "our", "or" },  { "ise", "ize" },  { "isa", "iza" },	  { "yse", "yze" },   { "tre", "ter" },
	{ "ogue", "og" }, { "lled", "led" }, { "lling", "ling" }, { "ence", "ense" }, { "ae", "e" },
	{ "oe", "e" },	  { "mme", "m" },    { "eable", "able" }, { "ll", "l" },
};

static int counterpart(const al_ctx *c, const char *w, size_t n, char *out)
{
	for (size_t p = 0; p < sizeof dialect_pairs / sizeof *dialect_pairs; p++) {
		for (int dir = 0; dir < 2; dir++) {
			const char *from = dialect_pairs[p][dir], *to = dialect_pairs[p][!dir];
			size_t fl = strlen(from), tl = strlen(to);
			for (const char *at = strstr(w, from); at && at < w + n; at = strstr(at + 1, from)) {
				size_t i = (size_t)(at - w), m = n - fl + tl;
				if (m + 1 >= MAX_WORD)
					continue;
				memcpy(out, w, i);
				memcpy(out + i, to, tl);
				memcpy(out + i + tl, w + i + fl, n - i - fl + 1);
				if (al_dict_lookup(c->dict, out, m) & mask_of(c))
					return 1;
			}
		}
	}
	return 0;
}

/* A word cut short by a byte that is not UTF-8 ("caf" of a Latin-1 "café")
 * is the encoding rule's business. */
static int next_to_bad_byte(const al_text *t, al_span w)
{
	const unsigned char *u = (const unsigned char *)t->data;
	if (t->bad == AL_NONE)
		return 0;
	if (w.end < t->len && u[w.end] >= 0x80 && !al_utf8_valid_len(u, t->len, w.end))
		return 1;
	return w.start > 0 && u[w.start - 1] >= 0x80 && (u[w.start - 1] & 0xC0) != 0x80 &&
	       !al_utf8_valid_len(u, t->len, w.start - 1);
}

/* Suggestions for word: the words one edit away when there are any (the
 * usual typo, found in microseconds), else hunspell's while the letter's
 * budget lasts. The text is valid until the next call. */
static const char *suggest(al_ctx *c, const char *word)
{
	char low[AL_SUGGEST_WORD], near[3][AL_SUGGEST_WORD];
	size_t n = strlen(word);
	int cap = n && isupper((unsigned char)word[0]);
	if (n >= sizeof low)
		return "";
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)word[i]);
	size_t k = al_suggest_near(c->dict, c->spell_mask, low, near, 3);
	if (!k)
		return c->suggested++ < AL_MAX_SUGGEST ? al_speller_suggest(c->speller, word, 3) : "";
	char *list[3];
	for (size_t i = 0; i < k; i++) {
		if (cap) /* "Recieve" at a sentence's start: "Receive" */
			near[i][0] = (char)toupper((unsigned char)near[i][0]);
		list[i] = near[i];
	}
	al_buf_reset(&c->scratch);
	al_buf_adds(&c->scratch, "");
	al_speller_quote(&c->scratch, list, (int)k);
	return c->scratch.data;
}

/* Whether the word at w (copied to word, n bytes) is not known: not a
 * code, acronym, name or brand, nor in the dictionaries. */
static int suspect(al_ctx *c, al_span w, int first, char *word, size_t *n, shape *sh)
{
	if (next_to_bad_byte(c->letter->text, w))
		return 0;
	*n = copy_word(c->letter->text->data, w, word);
	if (*n < 2)
		return 0;
	*sh = shape_of(word, *n);
	/* codes, acronyms, names and brands are not misspellings */
	if (sh->digits || (sh->upper >= 2 && !sh->lower) || sh->nonascii ||
	    (sh->first_upper && (!first || sh->upper > 1)) || known_memo(c, word, *n))
		return 0;
	return !(sh->first_upper && is_name(c, word, *n));
}

/* Reports the unknown word at w: the other English, a split or a
 * misspelling with suggestions. */
static void report_word(al_ctx *c, const al_rule *r, al_span w, char *word, size_t n, shape sh)
{
	const char *vars[] = { "match", word, "split", NULL, "suggestions", "", NULL };
	if (al_rule_full(c)) { /* counted, not kept: spare the lookups */
		al_report(c, r, w, "unknown", vars);
		return;
	}
	if (al_dict_lookup(c->dict, word, n) || (sh.first_upper && lower_known(c, word, n))) {
		/* right in the other English: "colour" in a letter for Amazon.com */
		char other[MAX_WORD + 8], quoted[MAX_WORD + 16];
		if (counterpart(c, word, n, other)) {
			snprintf(quoted, sizeof quoted, "\"%s\"", other);
			vars[5] = quoted;
			al_report_fix(c, r, w, "dialect", vars, w, other);
		} else {
			vars[5] = suggest(c, word);
			al_report(c, r, w, "dialect", vars);
		}
		return;
	}
	size_t at = sh.upper ? 0 : split_point(c, word, n);
	/* "adress" is "address" mistyped, not "a dress" */
	if ((at == 1 || at == n - 1) && near_word(c, word, n, at == 1 ? 0 : n - 1))
		at = 0;
	char split[MAX_WORD + 1];
	if (at) {
		memcpy(split, word, at);
		split[at] = ' ';
		memcpy(split + at + 1, word + at, n - at + 1);
	}
	const char *sugg = NULL;
	if (at) {
		vars[3] = split;
		vars[5] = split;
		al_report_fix(c, r, w, "joined", vars, w, split);
		return;
	}
	if (!sugg)
		sugg = suggest(c, word);
	vars[5] = sugg;
	al_report(c, r, w, *sugg ? NULL : "unknown", vars);
}

void al_check_spelling(al_ctx *c, const al_rule *r)
{
	if (!al_speller_available(c->speller)) {
		c->notices |= AL_NOTICE_NO_DICTIONARY;
		return;
	}
	size_t nspans = al_scope_spans(c, r->scope);
	collect_names(c, nspans);
	for (size_t i = 0; i < nspans; i++) {
		al_span skip[MAX_SKIP], w;
		size_t nskip = SIZE_MAX, n;
		int first = 1;
		char word[MAX_WORD];
		shape sh;
		al_words it;
		al_words_start(&it, c->letter, c->spans[i]);
		while (al_words_next(&it, &w)) {
			if (suspect(c, w, first, word, &n, &sh)) {
				/* URLs and the like: looked for only where a word is unknown */
				if (nskip == SIZE_MAX)
					nskip = al_re_has(&r->exceptions) ? skip_spans(c, r, c->spans[i], skip) : 0;
				if (!skipped(skip, nskip, w))
					report_word(c, r, w, word, n, sh);
			}
			first = 0;
		}
	}
}

/* Can the word at w be four capitals or more? Most words fail on their
 * first two bytes, before they are copied and shaped. */
static int may_shout(const char *s, al_span w)
{
	if (w.end - w.start < 4)
		return 0;
	unsigned char c0 = (unsigned char)s[w.start], c1 = (unsigned char)s[w.start + 1];
	return c0 >= 'A' && c0 <= 'Z' && !(c1 >= 'a' && c1 <= 'z') && !(c1 >= '0' && c1 <= '9') && c1 < 0x80;
}

/* An ordinary word in capitals ("NEVER", "PLEASE"): four letters or more,
 * a dictionary word in lower case, and not a domain word or acronym. */
void al_check_shouting(al_ctx *c, const al_rule *r)
{
	const char *s = c->letter->text->data;
	size_t nspans = al_scope_spans(c, r->scope);
	for (size_t i = 0; i < nspans; i++) {
		al_span skip[MAX_SKIP], w;
		size_t nskip = SIZE_MAX;
		al_words it;
		al_words_start(&it, c->letter, c->spans[i]);
		while (al_words_next(&it, &w)) {
			if (!may_shout(s, w))
				continue;
			char word[MAX_WORD];
			size_t n = copy_word(s, w, word);
			shape sh = shape_of(word, n);
			if (n < 4 || sh.lower || sh.digits || sh.nonascii || sh.upper < 4 ||
			    al_letter_in_label(c->letter, w.start))
				continue;
			if (nskip == SIZE_MAX) /* only where a word is in capitals */
				nskip = al_re_has(&r->exceptions) ? skip_spans(c, r, c->spans[i], skip) : 0;
			if (skipped(skip, nskip, w) || al_ruleset_has_word(c->rs, word, n))
				continue;
			char low[MAX_WORD];
			for (size_t k = 0; k <= n; k++)
				low[k] = (char)tolower((unsigned char)word[k]);
			unsigned lower = al_dict_lookup(c->dict, low, n);
			/* an acronym the dictionary writes in capitals ("HTML"), unless
			 * both spellings know it as a word too ("CARE") */
			if (lower && (lower == (AL_DICT_US | AL_DICT_GB) || !al_dict_lookup(c->dict, word, n))) {
				const char *vars[] = { "match", word, NULL };
				al_report(c, r, w, NULL, vars);
			}
		}
	}
}
