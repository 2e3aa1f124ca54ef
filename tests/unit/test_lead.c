/* test_lead.c - the heads a pattern's matches start with, and a letter's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "front/batch.h"
#include "model/lead.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole-word key as "=word", when word is one of the tests' words. */
static const char *word_of(uint32_t key)
{
	static const char *const words[] = { "we",	 "i",	   "the",    "this", "end",	"late",	    "early",
					     "buyer",	 "buyers", "buy",    "buys", "carrier", "carriers", "courier",
					     "couriers", "bsa",	   "within", "pick", "removed", "very",	    "sorry",
					     "a",	 "b",	   "x",	     NULL };
	static char out[32];
	for (size_t i = 0; words[i]; i++)
		if (al_lead_word_key(words[i], strlen(words[i])) == key) {
			snprintf(out, sizeof out, "=%s", words[i]);
			return out;
		}
	return "=?";
}

/* The heads of pattern as "a b c" ("" when it has none): the letters
 * words open with, or "=word" for a whole word. */
static const char *heads_of(const char *pattern)
{
	static char out[256];
	uint32_t *h;
	size_t n = al_lead_heads(pattern, &h);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char w[AL_LEAD_LEN + 1] = { 0 };
		memcpy(w, &h[i], AL_LEAD_LEN);
		strcat(out, i ? " " : "");
		strcat(out, h[i] == AL_LEAD_DIGIT	 ? "<digit>"
			    : h[i] == AL_LEAD_DIGIT_WORD ? "<digit-word>"
			    : h[i] & 0x80000000u	 ? word_of(h[i])
							 : w);
	}
	free(h);
	return out;
}

static void heads_are_the_first_letters_after_a_word_boundary(void **state)
{
	(void)state;
	/* letters that end a word in the pattern head that word only */
	assert_string_equal(heads_of("\\b(?:we|I)\\s+will\\b"), "=we =i");
	assert_string_equal(heads_of("\\bbuyers?\\b"), "=buyer =buyers");  /* the s may be missing */
	assert_string_equal(heads_of("\\bbuyers?"), "buye");		   /* a letter may follow: cut to four */
	assert_string_equal(heads_of("\\bbuy\\w*"), "buy");		   /* ... or more letters */
	assert_string_equal(heads_of("(?<![\\w-])\\bThe\\s+end"), "=the"); /* lookbehinds pass */
	assert_string_equal(heads_of("(?:(?:\\bfoo)|(?:\\bbar(?:s|z)))x"), "foo bar");
	assert_string_equal(heads_of("\\b(?<d>late|early)\\b"), "=late =early");
	assert_string_equal(heads_of("\\bpick-?ups?\\b"), "pick");    /* "pickup": the - may be missing */
	assert_string_equal(heads_of("\\bwe(?:\\s+|['’]ll)"), "=we"); /* a group that opens with no letter */
	assert_string_equal(heads_of("\\bwe(?:re|\\s)"), "we");	      /* ... or with one */
	/* a group that may be skipped: its heads and those after it */
	assert_string_equal(heads_of("\\b(?:a|b)?x"), "a b x");
	assert_string_equal(heads_of("\\b(?:the\\s+|this\\s+)?(?:carriers?|couriers?)\\b"),
			    "=the =this =carrier =carriers =courier =couriers");
	assert_string_equal(heads_of("\\b(?:very\\s+)*sorry"), "=very sorr");
	assert_string_equal(heads_of("(?-i:\\bBSA\\b)"), "=bsa"); /* case does not matter */
	/* a digit: one that starts a word after \\b, else any */
	assert_string_equal(heads_of("\\b\\d+ days|\\bwithin\\b"), "<digit-word> =within");
	assert_string_equal(heads_of("(?<![/.])(?<d>\\d{1,2})/\\d"), "<digit>");
	/* a lookbehind that refuses a word character before does what \\b does */
	assert_string_equal(heads_of("(?<![\\w/])(?<d>\\d{1,2})/\\d"), "<digit-word>");
	assert_string_equal(heads_of("(?<!\\w)(?<!will\\s)\\bremoved\\b"), "=removed");
}

static void a_match_that_could_start_otherwise_has_no_heads(void **state)
{
	(void)state;
	assert_string_equal(heads_of("\\b(?:a|b)?[0-9]"), ""); /* what follows a skipped group */
	assert_string_equal(heads_of("\\b(?=x)\\w+"), "");     /* a lookahead, then a class */
	assert_string_equal(heads_of("\\b(?|(a)|(b))"), "");   /* a branch reset */
	assert_string_equal(heads_of("\\b(?x: a )"), "");      /* layout in a group */
	assert_string_equal(heads_of("[a-z]+ing"), "");	       /* a class */
	assert_string_equal(heads_of("\\bfoo|bar"), "");       /* an alternative without \b */
	assert_string_equal(heads_of("\\b\\d* days"), "");     /* the digits may be missing */
	assert_string_equal(heads_of("\\b[0-9]+ days"), "");   /* a class */
	assert_string_equal(heads_of("(?x) \\b foo"), "");     /* layout changes literals */
	assert_string_equal(heads_of("\\b(?:foo|)"), "");      /* an empty alternative */
}

static int may(const char *text, const char *pattern)
{
	al_lead_set set = { 0 };
	uint32_t *h;
	size_t n = al_lead_heads(pattern, &h);
	al_lead_build(&set, text, strlen(text));
	int r = al_lead_may_match(&set, text, h, n);
	free(h);
	al_lead_free(&set);
	return r;
}

static void a_letter_without_the_heads_is_passed_over(void **state)
{
	(void)state;
	assert_true(may("We shipped late.", "\\b(?:ship|sent)\\w*"));
	assert_false(may("We shipped late.", "\\b(?:lied|cheated)\\b"));
	assert_true(may("as \xE2\x80\x99we said", "\\bwe\\b"));	 /* after a curly quote */
	assert_true(may("the buyer_id", "\\bid\\b") == 0);	 /* "_id" is inside a word */
	assert_true(may("\xE2\x84\xAAind words", "\\bkind\\b")); /* KELVIN SIGN: no prefilter */
	assert_true(may("nothing here", "[a-z]+ing"));		 /* no heads: always run */
}

/* The words of text that open with one of pattern's heads, as "at at"
 * (ascending, each once). */
static const char *words_of(const char *text, const char *pattern)
{
	static char out[256];
	al_lead_set set = { 0 };
	uint32_t *h;
	size_t nh = al_lead_heads(pattern, &h), n = strlen(text);
	al_lead_build(&set, text, n);
	char *hit = calloc(n + 1, 1);
	for (size_t k = 0; k < nh; k++) {
		const uint32_t *w;
		size_t cnt = al_lead_occ(&set, h[k], &w);
		for (size_t i = 0; i < cnt; i++)
			hit[set.word[w[i]]] = 1;
	}
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (hit[i])
			snprintf(out + strlen(out), sizeof out - strlen(out), "%s%zu", *out ? " " : "", i);
	free(hit);
	free(h);
	al_lead_free(&set);
	return out;
}

static void a_pattern_is_tried_where_its_heads_open_words(void **state)
{
	(void)state;
	assert_string_equal(words_of("We were weary, we said.", "\\bwe\\b"), "0 15");  /* the word, in any case */
	assert_string_equal(words_of("We were weary, we said.", "\\bwe"), "0 3 8 15"); /* the words it opens */
	assert_string_equal(words_of("the carrier lost it", "\\b(?:the\\s+)?carriers?"), "0 4");
	assert_string_equal(words_of("re-ship, reship; x_re", "\\bre"), "0 9"); /* not inside x_re */
	assert_string_equal(words_of("r\xC3\xA9ship now", "\\bship"), "3");	/* after a non-ASCII letter: tried */
	assert_string_equal(words_of("nothing", "\\bzebra"), "");
	assert_string_equal(words_of("on 12/5, ab3", "\\b\\d"), "3 6");		       /* starts a word */
	assert_string_equal(words_of("on 12/5, ab3", "(?<!x)\\d"), "3 4 6 11");	       /* every digit */
	assert_string_equal(words_of("on \xEF\xBC\x91\xEF\xBC\x92", "\\b\\d"), "3 6"); /* fullwidth digits may be */
	/* Chinese characters are not digits: only the fullwidth 3 is a place */
	assert_string_equal(words_of("\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x93", "(?<!x)\\d"), "6");
	assert_string_equal(words_of("\xD9\xA3 x", "(?<!x)\\d"), "0"); /* ARABIC-INDIC THREE */
}

static void a_pattern_may_need_a_digit(void **state)
{
	(void)state;
	assert_true(al_lead_needs_digit("(?<dir>(?:under|<=?)\\s*)?(?<num>\\d{1,3})\\s*%"));
	assert_true(al_lead_needs_digit("(?:No\\.\\s*|#)\\d+|\\bday\\s(?:\\d|\\d\\d)"));
	assert_false(al_lead_needs_digit("(?:no|\\d+)\\s+times")); /* "no times" */
	assert_false(al_lead_needs_digit("\\d*%"));		   /* the digits may be missing */
	assert_false(al_lead_needs_digit("\\d+ days|a week"));	   /* one alternative has none */
	assert_false(al_lead_needs_digit("(?=\\d)\\w+"));	   /* a lookahead consumes nothing */
	assert_false(al_lead_needs_digit("\\Q\\d\\E"));		   /* a literal backslash and d */
	al_lead_set set = { 0 };
	const char *text = "We wrote on 3 May. Nothing here.";
	al_lead_build(&set, text, strlen(text));
	assert_true(al_lead_digit_in(&set, text, 0, 18));
	assert_false(al_lead_digit_in(&set, text, 18, strlen(text)));
	al_lead_free(&set);
}

static void a_large_text_gets_no_prefilter(void **state)
{
	(void)state;
	size_t n = AL_LEAD_MAX_TEXT + 1;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	assert_true(may(big, "\\bzebra\\b"));
	free(big);
}

/* al_lead_enable(0) builds no index, so every pattern may match anywhere
 * (fuzz_diff turns the prefilter off with it). */
static void the_prefilter_can_be_turned_off(void **state)
{
	(void)state;
	assert_false(may("We shipped late.", "\\b(?:lied|cheated)\\b"));
	al_lead_enable(0);
	assert_true(may("We shipped late.", "\\b(?:lied|cheated)\\b"));
	al_lead_enable(1);
	assert_false(may("We shipped late.", "\\b(?:lied|cheated)\\b"));
}

/* What a user sees of L's findings, one a line. */
static void describe(const al_linter *L, al_buf *b)
{
	al_buf_reset(b);
	al_buf_adds(b, "");
	for (size_t i = 0; i < L->fs.n; i++) {
		const al_finding *f = &L->fs.list[i];
		al_buf_printf(b, "%s %zu-%zu %s\n", f->rule->id, f->span.start, f->span.end,
			      al_finding_str(&L->fs, f->message));
	}
}

/* Lints text with the prefilter on and off: the findings must be equal. */
static void same_either_way(al_linter *L, const al_job *job, const char *text, size_t n)
{
	al_buf with = { 0 }, without = { 0 };
	al_filereport r;
	al_lint_text(L, job, text, n, &r);
	al_report_free(&r);
	describe(L, &with);
	al_lead_enable(0);
	al_lint_text(L, job, text, n, &r);
	al_lead_enable(1);
	al_report_free(&r);
	describe(L, &without);
	assert_string_equal(with.data, without.data);
	al_buf_free(&with);
	al_buf_free(&without);
}

/* The prefilter only passes over places where no match can start: with it
 * off, every corpus letter and some word salad of the rules' own words get
 * the same findings (tests/fuzz/fuzz_diff.c does this on random text). */
static void the_prefilter_changes_no_finding(void **state)
{
	(void)state;
	static const char *const words[] = { "we",	     "will",	  "try",	  "our",	  "best",
					     "sorry",	     "TBD",	  "[Name]",	  "guarantee",	  "never",
					     "again",	     "Amazon",	  "unfair",	  "refund",	  "ODR",
					     "3 March 2024", "Thanks,we", "moreinformed", "\xEF\xBC\x8C", "ASAP" };
	al_cli cli = { .fail_on = -1, .min_score = -1 };
	al_profile prof;
	al_linter L;
	al_error err;
	assert_int_equal(al_profile_init(&prof, NULL, &cli, &err), 0);
	assert_int_equal(al_linter_init_worker(&L, &err), 0);
	al_job job = { NULL, "letter.txt", &prof, 0 };
	DIR *d = opendir("corpus");
	assert_non_null(d);
	size_t letters = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		char path[512], *text;
		size_t n;
		const char *dot = strrchr(e->d_name, '.');
		if (!dot || (strcmp(dot, ".txt") != 0 && strcmp(dot, ".md") != 0))
			continue;
		snprintf(path, sizeof path, "corpus/%s", e->d_name);
		assert_int_equal(al_read_file(path, "letter", &text, &n, &err), 0);
		job.markdown = strcmp(dot, ".md") == 0;
		same_either_way(&L, &job, text, n);
		free(text);
		letters++;
	}
	closedir(d);
	assert_true(letters >= 90);
	unsigned seed = 20;
	for (int k = 0; k < 40; k++) {
		al_buf salad = { 0 };
		for (int i = 0; i < 60 + 10 * k; i++) {
			seed = seed * 1103515245u + 12345u;
			al_buf_adds(&salad, words[(seed >> 16) % (sizeof words / sizeof *words)]);
			al_buf_adds(&salad, (seed >> 8) % 7 ? " " : ".\n\n");
		}
		job.markdown = k & 1;
		same_either_way(&L, &job, salad.data, salad.len);
		al_buf_free(&salad);
	}
	al_linter_free(&L);
	al_profile_free(&prof);
}

/* A key no pattern's heads asked for is not indexed; once a pattern asks
 * for it, a text indexed afterwards holds it. */
static void only_asked_keys_are_indexed(void **state)
{
	(void)state;
	const char *text = "zyxwvut qponm";
	uint32_t key = al_lead_word_key("zyxwvut", 7);
	const uint32_t *w;
	al_lead_set set = { 0 };
	al_lead_build(&set, text, strlen(text));
	assert_int_equal(al_lead_occ(&set, key, &w), 0);
	uint32_t *h;
	size_t n = al_lead_heads("\\bzyxwvut\\b", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0], key);
	al_lead_build(&set, text, strlen(text));
	assert_int_equal(al_lead_occ(&set, key, &w), 1);
	assert_int_equal(set.word[w[0]], 0);
	free(h);
	al_lead_free(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(heads_are_the_first_letters_after_a_word_boundary),
		cmocka_unit_test(a_match_that_could_start_otherwise_has_no_heads),
		cmocka_unit_test(a_letter_without_the_heads_is_passed_over),
		cmocka_unit_test(a_pattern_is_tried_where_its_heads_open_words),
		cmocka_unit_test(a_pattern_may_need_a_digit),
		cmocka_unit_test(a_large_text_gets_no_prefilter),
		cmocka_unit_test(the_prefilter_can_be_turned_off),
		cmocka_unit_test(the_prefilter_changes_no_finding),
		cmocka_unit_test(only_asked_keys_are_indexed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
