/* test_re.c - a rule's patterns searched one by one where their heads
 * open words find exactly what the one alternation of them finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rules/lint.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static al_matcher M;

static int setup(void **state)
{
	(void)state;
	al_matcher_init(&M);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	al_matcher_free(&M);
	return 0;
}

/* Every match of re in s[from, end), compared with pcre2 run as one
 * alternation over the same span: the same places and the same groups.
 * Returns how many matches there were. */
static size_t same_as_alternation(const al_re *re, const char *s, size_t from, size_t end, const char *what)
{
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	size_t found = 0;
	for (;;) {
		size_t ms = 0, me = 0;
		int rc = al_re_find(re, &M, s, from, end, &ms, &me);
		int want =
			from <= end ? pcre2_match(atomic_load(&re->code), (PCRE2_SPTR)s, end, from, 0, md, NULL) : -1;
		if (rc < 0 || want == PCRE2_ERROR_MATCHLIMIT)
			break; /* a limit: nothing to compare */
		if ((rc == 1) != (want > 0))
			fail_msg("%s: at %zu: %s but the alternation %s (%.300s)", what, from,
				 rc == 1 ? "found" : "found none", want > 0 ? "found one" : "found none",
				 re->src ? re->src : "");
		if (rc != 1)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		for (int g = 0; g < want; g++) {
			size_t gs = PCRE2_UNSET, ge = PCRE2_UNSET;
			if (!al_re_group(&M, (unsigned)g, &gs, &ge))
				gs = ge = PCRE2_UNSET;
			if (ov[2 * g] != gs || ov[2 * g + 1] != ge)
				fail_msg("%s: group %d at %zu: [%zu, %zu) but the alternation [%zu, %zu)", what, g,
					 from, gs, ge, (size_t)ov[2 * g], (size_t)ov[2 * g + 1]);
		}
		found++;
		from = me > ms ? me : ms + 1;
	}
	pcre2_match_data_free(md);
	return found;
}

static void compile(al_re *re, const char *const *pats, size_t n)
{
	char all[2048] = "(?:", msg[256];
	for (size_t i = 0; i < n; i++)
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s(?:%s)", i ? "|" : "", pats[i]);
	strcat(all, ")");
	size_t off;
	if (al_re_compile(re, all, 0, msg, sizeof msg, &off))
		fail_msg("%s: %s", all, msg);
	al_re_split(re, (char *const *)(uintptr_t)pats, n, 0);
}

/* The first match of pats (one alternation) in text, as "start-end". */
static const char *first(const char *const *pats, size_t n, const char *text)
{
	static char out[64];
	al_re re;
	compile(&re, pats, n);
	al_matcher_text(&M, text, strlen(text));
	size_t ms, me;
	if (al_re_find(&re, &M, text, 0, strlen(text), &ms, &me) == 1)
		snprintf(out, sizeof out, "%zu-%zu", ms, me);
	else
		snprintf(out, sizeof out, "none");
	same_as_alternation(&re, text, 0, strlen(text), text);
	al_re_free(&re);
	return out;
}

/* A pattern is skipped where the letters and digits every match holds are
 * missing; that test must never skip a match, whatever the pattern's
 * quantifiers, escapes, classes and case. */
static void a_needed_literal_never_hides_a_match(void **state)
{
	(void)state;
	const char *colour[] = { "colou?r" }, *hex[] = { "\\x41BC" }, *quant[] = { "wx{2}yz" },
		   *cls[] = { "[\\]a]bcd" }, *cased[] = { "(?-i)ABCd" }, *opt[] = { "abc?d" };
	assert_string_equal(first(colour, 1, "the COLOR"), "4-9");
	assert_string_equal(first(colour, 1, "the colour"), "4-10");
	assert_string_equal(first(hex, 1, "say abc"), "4-7");
	assert_string_equal(first(quant, 1, "a wxxyz"), "2-7");
	const char *many[] = { "ab{100}" };
	char abs[120] = "a";
	memset(abs + 1, 'b', 100);
	assert_string_equal(first(many, 1, abs), "0-101");
	assert_string_equal(first(cls, 1, "a ]bcd"), "2-6");
	assert_string_equal(first(cased, 1, "abcd ABCd"), "5-9");
	assert_string_equal(first(opt, 1, "abd"), "0-3");
	assert_string_equal(first(colour, 1, "no such word"), "none");
}

static void the_leftmost_match_wins_then_the_first_pattern(void **state)
{
	(void)state;
	const char *we[] = { "\\bwe", "\\bwe will" }, *we2[] = { "\\bwe will", "\\bwe" };
	assert_string_equal(first(we, 2, "so we will"), "3-5"); /* same start: the first pattern */
	assert_string_equal(first(we2, 2, "so we will"), "3-10");
	const char *mixed[] = { "\\d+ days", "\\bwithin \\d+" }; /* one without a head */
	assert_string_equal(first(mixed, 2, "within 3 days"), "0-8");
	assert_string_equal(first(mixed, 2, "in 3 days"), "3-9");
	const char *k[] = { "\\bwe\\s+will\\s+\\Kmaybe", "\\bmaybe" }; /* \\K: tried from "we" */
	assert_string_equal(first(k, 2, "we will maybe"), "8-13");
	const char *digits[] = { "\\b\\d+\\s+days", "(?<!\\d)\\d{4}-\\d\\d" };
	assert_string_equal(first(digits, 2, "order ab2024-05 in 3 days"), "8-15");
	assert_string_equal(first(digits, 2, "in \xEF\xBC\x93 days"), "3-11"); /* a fullwidth digit */
	const char *none[] = { "\\bzebra", "\\bquagga\\b" }, *cased[] = { "\\bB0[0-9A-Z]{8}\\b" };
	assert_string_equal(first(cased, 1, "ASIN B0CK7TQ2XM."), "5-15");
	assert_string_equal(first(none, 2, "no such words here"), "none");
	const char *opt[] = { "\\b(?:the\\s+)?carriers?\\b", "\\bUPS\\b" };
	assert_string_equal(first(opt, 2, "blame the carrier"), "6-17");
	assert_string_equal(first(opt, 2, "blame carriers and ups"), "6-14");
}

static void groups_are_numbered_across_all_the_patterns(void **state)
{
	(void)state;
	const char *pats[] = { "\\b(a)x", "\\b(b)y", "\\b(?<n>c)z" };
	al_re re;
	compile(&re, pats, 3);
	assert_int_equal(re.nparts, 3);
	const char *text = "ax by cz";
	al_matcher_text(&M, text, strlen(text));
	size_t ms, me, gs, ge;
	assert_int_equal(al_re_find(&re, &M, text, 1, strlen(text), &ms, &me), 1);
	assert_int_equal(ms, 3);
	assert_false(al_re_group(&M, 1, &gs, &ge));
	assert_true(al_re_group(&M, 2, &gs, &ge));
	assert_int_equal(gs, 3);
	assert_int_equal(al_re_find(&re, &M, text, me, strlen(text), &ms, &me), 1);
	assert_true(al_re_named(&re, &M, "n", &gs, &ge));
	assert_int_equal(gs, 6);
	al_re_free(&re);
}

static void a_deferred_pattern_compiles_when_first_used(void **state)
{
	(void)state;
	al_re re, bad;
	char msg[128];
	al_re_defer(&re, "\\bcarriers?\\b", 0);
	assert_true(al_re_has(&re));
	assert_null(atomic_load(&re.code));
	const char *text = "blame the carrier";
	al_matcher_text(&M, text, strlen(text));
	size_t ms, me;
	assert_int_equal(al_re_find(&re, &M, text, 0, strlen(text), &ms, &me), 1);
	assert_int_equal(ms, 10);
	/* tried where its head opens a word: through its anchored twin */
	assert_true(atomic_load(&re.code) || atomic_load(&re.twin[0]));
	assert_int_equal(al_re_check(&re, msg, sizeof msg), 0);
	al_re_defer(&bad, "\\bcarrier(s", 0); /* never expected of the default rules */
	assert_int_equal(al_re_find(&bad, &M, text, 0, strlen(text), &ms, &me), 0);
	assert_int_equal(al_re_check(&bad, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "missing closing parenthesis"));
	al_re_free(&re);
	al_re_free(&bad);
}

static void an_anchored_search_tries_every_alternative(void **state)
{
	(void)state;
	const char *pats[] = { "\\ba", "\\bab" };
	al_re re;
	compile(&re, pats, 2);
	const char *text = "ab";
	al_matcher_text(&M, text, 2);
	size_t me = 0;
	assert_int_equal(al_re_anchored(&re, &M, text, 0, 2, AL_RE_START, &me), 1);
	assert_int_equal(me, 1); /* the first alternative that matches */
	assert_int_equal(al_re_anchored(&re, &M, text, 0, 2, AL_RE_WHOLE, &me), 1);
	assert_int_equal(me, 2); /* the one that reaches the end */
	assert_int_equal(al_re_anchored(&re, &M, "xab", 0, 3, AL_RE_START, &me), 0);
	al_re_free(&re);
}

static void past_the_places_a_letter_may_keep_a_set_is_searched_whole(void **state)
{
	(void)state;
	size_t n = 60000 * 3;
	char *text = malloc(n + 1);
	for (size_t i = 0; i < n; i += 3)
		memcpy(text + i, "we ", 3);
	text[n] = '\0';
	al_matcher_text(&M, text, n);
	/* 60,000 places a set: the fifth set passes the 262,144 kept */
	for (int k = 0; k < 6; k++) {
		const char *pats[] = { "\\bwe\\s+zz", "\\bwe\\b" };
		al_re re;
		compile(&re, pats, 2);
		for (size_t from = 0; from < n; from += n / 16 + 1) { /* a few places along it */
			size_t ms, me;
			assert_int_equal(al_re_find(&re, &M, text, from, n, &ms, &me), 1);
			assert_int_equal(ms, (from + 2) / 3 * 3);
			assert_int_equal(me, ms + 2);
		}
		al_re_free(&re);
	}
	free(text);
}

static void a_group_after_an_escaped_backslash_is_read(void **state)
{
	(void)state;
	/* "\\\\(a)" is a backslash, then a group: the second pattern's group
	 * is group 2 of the alternation, read from the alternation itself */
	const char *pats[] = { "\\bq\\\\(y)", "\\bx\\\\(a)" };
	al_re re;
	compile(&re, pats, 2);
	const char *text = "x\\a";
	al_matcher_text(&M, text, strlen(text));
	size_t ms, me, gs, ge;
	assert_int_equal(al_re_find(&re, &M, text, 0, strlen(text), &ms, &me), 1);
	assert_false(al_re_group(&M, 1, &gs, &ge));
	assert_true(al_re_group(&M, 2, &gs, &ge));
	assert_int_equal(gs, 2);
	assert_int_equal(ge, 3);
	al_re_free(&re);
}

static void patterns_that_refer_to_each_other_stay_joined(void **state)
{
	(void)state;
	const char *backref[] = { "\\b(\\w)\\1", "\\bx" }, *g[] = { "\\G\\w", "\\bx" }, *one[] = { "[a-z]+ing" };
	al_re re;
	compile(&re, backref, 2);
	assert_int_equal(re.nparts, 0);
	al_re_free(&re);
	compile(&re, g, 2);
	assert_int_equal(re.nparts, 0);
	al_re_free(&re);
	compile(&re, one, 1);
	assert_int_equal(re.nparts, 0); /* one pattern without heads: searched as it is */
	al_re_free(&re);
	assert_string_equal(first(backref, 2, "a ee x"), "2-4");
}

/* text of n bytes, unit repeated (the caller frees it) */
static char *repeat(const char *unit, size_t n)
{
	char *text = malloc(n + 1);
	size_t u = strlen(unit);
	for (size_t i = 0; i < n; i++)
		text[i] = unit[i % u];
	text[n] = '\0';
	return text;
}

/* The work of finding every match of pats in unit repeated to n bytes, as
 * a rule does: on from each match's end. */
static uint64_t work_of(const char *const *pats, size_t npats, const char *unit, size_t n)
{
	char *text = repeat(unit, n);
	al_re re;
	compile(&re, pats, npats);
	al_matcher_text(&M, text, n);
	size_t from = 0, ms, me;
	while (al_re_find(&re, &M, text, from, n, &ms, &me) == 1)
		from = me;
	uint64_t work = M.work;
	al_re_free(&re);
	free(text);
	return work;
}

/* The parts without heads ("_{3,}", which is not in the text) were
 * searched again to the end of the letter after each match of a part
 * with heads: "TBD " repeated cost the square of its length. */
static void a_part_without_heads_crosses_the_letter_once(void **state)
{
	(void)state;
	const char *pats[] = { "(?-i:\\b(?:TBD|TODO)\\b)", "_{3,}", "(?<![\\w/])[Xx]{2}/[Xx]{2}(?![\\w/])" };
	size_t n = 100000;
	uint64_t w = work_of(pats, 3, "TBD ", n);
	assert_true(w < 4 * n);
	assert_true(work_of(pats, 3, "XX/", n) < 4 * n);
	assert_true(work_of(pats, 3, "___ ", n) < 4 * n);
}

/* A pattern tried at each of its heads that runs to the end of the letter
 * from each one gives up once its budget is spent: it did not, and 240 KB
 * of "we z " took 25 s. A pattern that needs little at each place is not
 * stopped. */
static void a_pattern_tried_at_many_places_has_a_budget(void **state)
{
	(void)state;
	const char *slow[] = { "\\bwe\\b[\\s\\S]*zzz" }, *fast[] = { "\\bwe\\b[^.]{0,40}zzz" };
	size_t n = 240000, ms, me;
	char *text = repeat("we z ", n);
	memcpy(text, "Dear team. ", 11); /* the search starts here; the hostile text after */
	al_re re;
	compile(&re, slow, 1);
	al_matcher_text(&M, text, n);
	assert_int_equal(al_re_find(&re, &M, text, 0, n, &ms, &me), -1);
	assert_true(M.limit_at > 11); /* the place it gave up, where a "we" opens */
	M.limit_hits = 0;
	al_re_free(&re);
	compile(&re, fast, 1);
	al_matcher_text(&M, text, n);
	assert_int_equal(al_re_find(&re, &M, text, 0, n, &ms, &me), 0);
	al_re_free(&re);
	free(text);
}

/* A pattern without heads is searched from every start at once, where
 * pcre2's limit held for each start: "\s[\s\S]*zzz" over 60 KB of "we z "
 * ran to the end from every space, 11 s. It now gives up within the
 * budget; and one that needs more than the first try at one start finds
 * what pcre2 finds. */
static void a_pattern_without_heads_has_a_budget(void **state)
{
	(void)state;
	const char *slow[] = { "\\s[\\s\\S]*zzz" }, *deep[] = { "\\s[^!]*Q" };
	size_t n = 60000, ms, me;
	char *text = repeat("we z ", n);
	al_re re;
	compile(&re, slow, 1);
	al_matcher_text(&M, text, n);
	assert_int_equal(al_re_find(&re, &M, text, 0, n, &ms, &me), -1);
	M.limit_hits = 0;
	al_re_free(&re);
	memset(text, 'b', n);
	text[100] = ' ';
	memcpy(text + n - 2, "QR", 2);
	compile(&re, deep, 1);
	al_matcher_text(&M, text, n);
	assert_int_equal(al_re_find(&re, &M, text, 0, n, &ms, &me), 1);
	assert_int_equal(ms, 100);
	assert_int_equal(me, n - 1);
	al_re_free(&re);
	free(text);
}

/* ---- every pattern of the default rules on every corpus letter ---- */

typedef struct re_list {
	const al_re *re[4096];
	size_t n;
} re_list;

static void add(re_list *l, const al_re *re)
{
	if (al_re_has(re) && l->n < sizeof l->re / sizeof l->re[0])
		l->re[l->n++] = re;
}

static void collect(const al_ruleset *rs, re_list *l)
{
	for (size_t i = 0; i < rs->n; i++) {
		add(l, &rs->rules[i].patterns);
		add(l, &rs->rules[i].exceptions);
		add(l, &rs->rules[i].anchor);
		add(l, &rs->rules[i].forbid);
	}
	const al_vocab *v = &rs->vocab;
	const al_re *one[] = { &v->header, &v->salutation, &v->signoff, &v->titles, &v->title_line, &v->done };
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
		add(l, one[i]);
	for (size_t r = 0; r < AL_ROLE_COUNT; r++) {
		add(l, &v->heading[r]);
		add(l, &v->intro[r]);
		add(l, &v->item[r]);
	}
	const al_metrics *ms = &rs->metrics;
	const al_re *mt[] = { &ms->percent,	 &ms->low,	  &ms->high,   &ms->target_before,
			      &ms->target_after, &ms->own_figure, &ms->events, &ms->negation };
	for (size_t i = 0; i < sizeof mt / sizeof mt[0]; i++)
		add(l, mt[i]);
	for (size_t i = 0; i < ms->n; i++) {
		add(l, &ms->list[i].names);
		add(l, &ms->list[i].components);
		add(l, &ms->list[i].topics);
	}
	for (size_t i = 0; i < rs->ntypes; i++)
		add(l, &rs->types[i].patterns);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1u << 20);
	*n = fread(buf, 1, (1u << 20) - 1, f);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

/* re anchored at from, and at both ends, as pcre2 runs it with those
 * options: the same answer and the same end. */
static void anchored_as_pcre2(const al_re *re, const char *s, size_t from, size_t end, const char *what)
{
	static const unsigned how[] = { AL_RE_START, AL_RE_WHOLE };
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	for (size_t k = 0; k < 2; k++) {
		size_t me = 0;
		int rc = al_re_anchored(re, &M, s, from, end, how[k], &me);
		uint32_t opts = PCRE2_ANCHORED | (how[k] == AL_RE_WHOLE ? PCRE2_ENDANCHORED : 0);
		int want = pcre2_match(atomic_load(&re->code), (PCRE2_SPTR)s, end, from, opts, md, NULL);
		if (rc < 0 || want == PCRE2_ERROR_MATCHLIMIT)
			continue;
		if ((rc == 1) != (want > 0) || (rc == 1 && me != pcre2_get_ovector_pointer(md)[1]))
			fail_msg("%s: anchored (%u) at %zu: %d, pcre2 %d", what, how[k], from, rc, want);
	}
	pcre2_match_data_free(md);
}

/* Each pattern over the whole letter and over each line of it. */
static void check_letter(const re_list *l, const char *name, const char *text, size_t n, size_t *matches)
{
	al_matcher_text(&M, text, n);
	for (size_t i = 0; i < l->n; i++) {
		char what[300];
		snprintf(what, sizeof what, "%s, pattern set %zu", name, i);
		*matches += same_as_alternation(l->re[i], text, 0, n, what);
		for (size_t a = 0, b; a < n; a = b + 1) {
			const char *nl = memchr(text + a, '\n', n - a);
			b = nl ? (size_t)(nl - text) : n;
			*matches += same_as_alternation(l->re[i], text, a, b, what);
			if (a < b)
				anchored_as_pcre2(l->re[i], text, a, b, what);
		}
	}
}

static void every_rule_pattern_finds_what_its_alternation_finds(void **state)
{
	(void)state;
	al_linter L;
	al_error err;
	memset(&err, 0, sizeof err);
	if (al_linter_init(&L, NULL, 0, &err))
		fail_msg("%s", err.msg);
	static re_list l;
	l.n = 0;
	collect(&L.rs, &l);
	size_t split = 0, letters = 0, matches = 0;
	for (size_t i = 0; i < l.n; i++) {
		char msg[300];
		split += l.re[i]->nparts > 1;
		/* the default rules are compiled on first use: each must compile */
		if (al_re_check(l.re[i], msg, sizeof msg))
			fail_msg("pattern set %zu: %s", i, msg);
		for (size_t k = 0; k < l.re[i]->nparts; k++)
			if (al_re_check(&l.re[i]->parts[k], msg, sizeof msg))
				fail_msg("pattern set %zu, part %zu: %s", i, k, msg);
	}
	const char *file = __FILE__, *cut = strstr(file, "tests/unit/");
	const char *dirs[] = { "corpus", "tests/heldout" };
	for (size_t k = 0; k < 2; k++) {
		char dir[512];
		snprintf(dir, sizeof dir, "%.*s%s", cut ? (int)(cut - file) : 0, file, dirs[k]);
		DIR *d = opendir(dir);
		if (!d)
			fail_msg("cannot open %s", dir);
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (!has_suffix(e->d_name, ".txt") && !has_suffix(e->d_name, ".md"))
				continue;
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			size_t n;
			char *text = slurp(path, &n);
			if (text)
				check_letter(&l, e->d_name, text, n, &matches);
			free(text);
			letters++;
		}
		closedir(d);
	}
	al_linter_free(&L);
	assert_true(split >= 50);     /* the rules' patterns are split ... */
	assert_true(letters >= 90);   /* ... and tried on many letters ... */
	assert_true(matches >= 1000); /* ... where they find much */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_needed_literal_never_hides_a_match),
		cmocka_unit_test(the_leftmost_match_wins_then_the_first_pattern),
		cmocka_unit_test(groups_are_numbered_across_all_the_patterns),
		cmocka_unit_test(patterns_that_refer_to_each_other_stay_joined),
		cmocka_unit_test(a_group_after_an_escaped_backslash_is_read),
		cmocka_unit_test(an_anchored_search_tries_every_alternative),
		cmocka_unit_test(past_the_places_a_letter_may_keep_a_set_is_searched_whole),
		cmocka_unit_test(a_deferred_pattern_compiles_when_first_used),
		cmocka_unit_test(a_part_without_heads_crosses_the_letter_once),
		cmocka_unit_test(a_pattern_tried_at_many_places_has_a_budget),
		cmocka_unit_test(a_pattern_without_heads_has_a_budget),
		cmocka_unit_test(every_rule_pattern_finds_what_its_alternation_finds),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
