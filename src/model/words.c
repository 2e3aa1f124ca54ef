/* words.c - one word's key: folded, British spelling made American,
 * stemmed by Snowball (libstemmer). */
#include "model/words.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct al_stemmer {
	struct sb_stemmer *sb;
};

al_stemmer *al_stemmer_new(void)
{
	struct sb_stemmer *sb = sb_stemmer_new("english", NULL);
	if (!sb)
		return NULL;
	al_stemmer *st = malloc(sizeof *st);
	if (!st) {
		sb_stemmer_delete(sb);
		return NULL;
	}
	st->sb = sb;
	return st;
}

void al_stemmer_free(al_stemmer *st)
{
	if (!st)
		return;
	sb_stemmer_delete(st->sb);
	free(st);
}

size_t al_word_fold(const char *w, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)w[i];
		if (ch == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
		    ((unsigned char)w[i + 2] == 0x99 || (unsigned char)w[i + 2] == 0x98)) {
			ch = '\'';
			i += 2;
		} else if (ch >= 'A' && ch <= 'Z') {
			ch = (unsigned char)(ch - 'A' + 'a');
		}
		if (k + 1 >= cap)
			return 0;
		out[k++] = (char)ch;
	}
	out[k] = '\0';
	return k;
}

/* British spellings whose American form differs at the front of the word:
 * "behaviours" -> "behaviors". Snowball stems the two forms differently,
 * so the lexicon and the letter must meet on one spelling. */
static const char *const uk_us[][2] = {
	{ "behaviour", "behavior" }, { "colour", "color" },
	{ "favour", "favor" },	     { "honour", "honor" },
	{ "labour", "labor" },	     { "endeavour", "endeavor" },
	{ "neighbour", "neighbor" }, { "humour", "humor" },
	{ "rumour", "rumor" },	     { "harbour", "harbor" },
	{ "vigour", "vigor" },	     { "flavour", "flavor" },
	{ "odour", "odor" },	     { "armour", "armor" },
	{ "centre", "center" },	     { "metre", "meter" },
	{ "fibre", "fiber" },	     { "licence", "license" },
	{ "defence", "defense" },    { "offence", "offense" },
	{ "judgement", "judgment" }, { "acknowledgement", "acknowledgment" },
	{ "fulfil", "fulfill" },     { "catalogue", "catalog" },
	{ "dialogue", "dialog" },    { "cheque", "check" },
	{ "grey", "gray" },	     { "tyre", "tire" },
	{ "programme", "program" },  { "analys", "analyz" },
	{ "paralys", "paralyz" },    { "ageing", "aging" },
	{ "enrol", "enroll" },	     { "instal", "install" },
	{ "mould", "mold" },	     { "aluminium", "aluminum" },
	{ "sceptic", "skeptic" },    { "manoeuvre", "maneuver" },
	{ "practis", "practic" },    { "jewellery", "jewelry" },
	{ "plough", "plow" },
};

/* Words in -ise that have no -ize form. */
static const char *const ise_words[] = {
	"advertise",  "advise",	   "apprise",	"arise",     "chastise",  "circumcise", "comprise",
	"compromise", "concise",   "demise",	"despise",   "devise",	  "disguise",	"enterprise",
	"excise",     "exercise",  "expertise", "franchise", "improvise", "incise",	"merchandise",
	"otherwise",  "paradise",  "precise",	"premise",   "promise",	  "praise",	"raise",
	"revise",     "supervise", "surmise",	"surprise",  "televise",  "treatise",	"noise",
	"poise",      "cruise",	   "bruise",	"likewise",  "clockwise", "reprise",	"guise",
};

static int starts(const char *w, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && memcmp(w, p, k) == 0;
}

static int ends(const char *w, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && memcmp(w + n - k, p, k) == 0;
}

/* buf[0..*n) with from[0..k) at `at` replaced by to; buf holds cap bytes. */
static void splice(char *buf, size_t *n, size_t cap, size_t at, size_t k, const char *to)
{
	size_t t = strlen(to);
	if (*n - k + t >= cap)
		return;
	memmove(buf + at + t, buf + at + k, *n - at - k);
	memcpy(buf + at, to, t);
	*n = *n - k + t;
}

/* Is there an "is" in the last 8 bytes of buf[0..n) (n >= 7), where every
 * -ise tail has it? */
static int is_in_tail(const char *buf, size_t n)
{
	for (size_t i = n > 8 ? n - 8 : 0; i + 1 < n; i++)
		if (buf[i] == 'i' && buf[i + 1] == 's')
			return 1;
	return 0;
}

/* "organised" -> "organized", unless the word is an -ise word of its own. */
static void ise_to_ize(char *buf, size_t *n, size_t cap)
{
	static const char *const tails[] = { "isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise" };
	if (*n < 7 || !is_in_tail(buf, *n))
		return; /* too short for a stem of 4 and a tail, or no "is" */
	for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
		if (!ends(buf, *n, tails[t]))
			continue;
		size_t at = *n - strlen(tails[t]); /* where "is" starts */
		if (at < 4 || ends(buf, at + 3, "wise"))
			return;
		char base[64];
		if (at + 3 >= sizeof base)
			return;
		memcpy(base, buf, at + 2);
		memcpy(base + at + 2, "e", 2);
		for (size_t i = 0; i < sizeof ise_words / sizeof *ise_words; i++)
			if (ends(base, at + 3, ise_words[i]))
				return;
		splice(buf, n, cap, at, 2, "iz");
		return;
	}
}

static void americanise(char *buf, size_t *n, size_t cap)
{
	for (size_t i = 0; i < sizeof uk_us / sizeof *uk_us; i++)
		/* "fulfill" already starts with "fulfil"; "catalogue" starts
		 * with "catalog" yet is British; the first byte spares most
		 * words the strlen */
		if (*n && buf[0] == uk_us[i][0][0] && starts(buf, *n, uk_us[i][0]) &&
		    (!starts(buf, *n, uk_us[i][1]) || strlen(uk_us[i][0]) > strlen(uk_us[i][1]))) {
			splice(buf, n, cap, 0, strlen(uk_us[i][0]), uk_us[i][1]);
			return;
		}
	ise_to_ize(buf, n, cap);
	/* "cancelled", "labelling": American doubles no l */
	if (ends(buf, *n, "elled") || ends(buf, *n, "elling"))
		splice(buf, n, cap, *n - (ends(buf, *n, "elled") ? 4 : 5), 1, "");
	if (ends(buf, *n, "yse") || ends(buf, *n, "ysed") || ends(buf, *n, "ysing"))
		buf[*n - (ends(buf, *n, "yse") ? 2 : ends(buf, *n, "ysed") ? 3 : 4)] = 'z';
}

size_t al_word_key(al_stemmer *st, const char *w, size_t n, char *out)
{
	char buf[AL_WORD_MAX + 8];
	if (n == 0 || n > AL_WORD_MAX)
		return 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	americanise(buf, &n, sizeof buf);
	const sb_symbol *s = st ? sb_stemmer_stem(st->sb, (const sb_symbol *)buf, (int)n) : NULL;
	size_t len = s ? (size_t)sb_stemmer_length(st->sb) : n;
	if (len == 0 || len > AL_WORD_MAX)
		return 0;
	memcpy(out, s ? (const char *)s : buf, len);
	out[len] = '\0';
	return len;
}
