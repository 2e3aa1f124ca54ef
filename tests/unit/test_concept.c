/* test_concept.c - unit tests for words.c and concept.c: word keys
 * (British spelling, stems, contractions), lexicon files and their errors,
 * sentence patterns and what cancels them (negation, denials, conditions,
 * 'unless'), and the default lexicon on sentences it was not written for. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/concept.h"
#include "rules/rules.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- word keys ---- */

static const char *key_of(al_stemmer *st, const char *w)
{
	static char out[AL_WORD_MAX + 1];
	char fold[AL_WORD_MAX + 1];
	size_t n = al_word_fold(w, strlen(w), fold, sizeof fold);
	assert_true(n > 0);
	assert_true(al_word_key(st, fold, n, out) > 0);
	return out;
}

static void same_key(al_stemmer *st, const char *a, const char *b)
{
	char ka[AL_WORD_MAX + 1];
	snprintf(ka, sizeof ka, "%s", key_of(st, a));
	if (strcmp(ka, key_of(st, b)) != 0)
		fail_msg("'%s' (%s) and '%s' (%s) should share a key", a, ka, b, key_of(st, b));
}

static void british_and_american_spellings_share_a_key(void **state)
{
	(void)state;
	al_stemmer *st = al_stemmer_new();
	assert_non_null(st);
	same_key(st, "apologise", "apologize");
	same_key(st, "Apologised", "apologizing");
	same_key(st, "behaviour", "behaviors");
	same_key(st, "cancelled", "canceled");
	same_key(st, "labelling", "labeling");
	same_key(st, "fulfilment", "fulfillment");
	same_key(st, "centre", "center");
	same_key(st, "catalogue", "catalog"); /* the American form is a prefix */
	same_key(st, "programmes", "programs");
	same_key(st, "fulfilled", "fulfilled");
	same_key(st, "analysed", "analyzed");
	same_key(st, "recognised", "recognize");
	same_key(st, "We\xE2\x80\x99re", "we're"); /* a curly apostrophe */
	/* -ise words with no -ize form keep their own spelling */
	assert_string_equal(key_of(st, "promised"), "promis");
	assert_string_equal(key_of(st, "exercises"), "exercis");
	assert_string_equal(key_of(st, "organises"), "organ");
	al_stemmer_free(st);
}

static void a_word_too_long_has_no_key(void **state)
{
	(void)state;
	char w[AL_WORD_MAX + 8], out[AL_WORD_MAX + 1];
	memset(w, 'a', sizeof w - 1);
	w[sizeof w - 1] = '\0';
	assert_int_equal(al_word_key(NULL, w, strlen(w), out), 0);
	assert_int_equal(al_word_key(NULL, "", 0, out), 0);
}

/* ---- a small lexicon and letters ---- */

static const char *const lexicon =
	"{\n"
	" \"data\": \"concepts\",\n"
	" \"concepts\": {\n"
	"  \"NEGATION\": {\"entries\": [[\"not\", \"we did not\"], [\"never\", \"never\"]]},\n"
	"  \"NEGATION_NP\": {\"entries\": [[\"without\", \"without any warning\"], [\"no\", \"no mistake\"]]},\n"
	"  \"DENY\": {\"entries\": [[\"not believe\", \"we do not believe\"]]},\n"
	"  \"NOT_NEGATION\": {\"entries\": [[\"not only\", \"not only the carrier\"]]},\n"
	"  \"SCOPE_END\": {\"entries\": [[\"but\", \"not late, but lost\"]]},\n"
	"  \"LIST_OR\": {\"entries\": [[\"or\", \"a letter or a call\"]]},\n"
	"  \"CONDITION\": {\"entries\": [[\"if\", \"if we erred\"]]},\n"
	"  \"BE\": {\"entries\": [[\"is\", \"it is\"], [\"was\", \"it was\"], [\"be\", \"to be\"]]},\n"
	"  \"SELF\": {\"entries\": [[\"we\", \"we erred\"], [\"our\", \"our fault\"]]},\n"
	"  \"CARRIER\": {\"entries\": [[\"carrier\", \"the carrier\"], [\"fedex\", \"FedEx\"]]},\n"
	"  \"ENGAGE\": {\"entries\": [[\"=took\", \"the carrier we took\"]]},\n"
	"  \"PREPOSITION\": {\"entries\": [[\"in\", \"in May\"], [\"of\", \"of it\"], [\"to\", \"to us\"]]},\n"
	"  \"DETERMINER\": {\"entries\": [[\"the\", \"the one\"], [\"most\", \"most of it\"]]},\n"
	"  \"REL\": {\"entries\": [[\"which\", \"which one\"]]},\n"
	"  \"CAUSE\": {\"entries\": [[\"because of\", \"because of it\"]]},\n"
	"  \"FAULT\": {\"entries\": [[\"mistake\", \"our mistake\"], [\"drop the ball\", \"we dropped the ball\"],\n"
	"            [\"let * down\", \"we let our buyers down\"], [\"=erred\", \"we erred\"]]},\n"
	"  \"DRAMA\": {\"entries\": [[\"outrageous\", \"this is outrageous\"]]},\n"
	"  \"SANCTION\": {\"entries\": [[\"suspend\", \"our account was suspended\"]]},\n"
	"  \"APOLOGY\": {\"entries\": [[\"regret\", \"we regret the delays\"]]}\n"
	" }\n"
	"}\n";

/* A letter read into words, its parts reused letter after letter. */
typedef struct reader {
	al_text text;
	al_letter letter;
	al_matcher m;
	al_cdoc doc;
} reader;

static al_cdoc *read_words(reader *r, const al_ruleset *rs, const char *s)
{
	al_text_set(&r->text, s, strlen(s));
	al_matcher_text(&r->m, r->text.data, r->text.len);
	al_letter_parse(&r->letter, &r->text, &rs->vocab, &r->m, 0);
	al_cdoc_reset(&r->doc);
	al_cdoc_read(&r->doc, &r->letter, &rs->lex);
	return &r->doc;
}

typedef struct fixture {
	al_ruleset rs; /* the small lexicon above, or the default pack */
	reader rd;
	al_cset set, unless;
} fixture;

static int setup_with(void **state, int builtin)
{
	static fixture f;
	memset(&f, 0, sizeof f);
	al_error err;
	if (builtin ? al_ruleset_load_builtin(&f.rs, &err) || al_ruleset_resolve(&f.rs, &err)
		    : al_ruleset_load_json(&f.rs, "lex.json", lexicon, strlen(lexicon), &err) != 0)
		fail_msg("%s", err.msg);
	al_matcher_init(&f.rd.m);
	*state = &f;
	return 0;
}

static int setup(void **state)
{
	return setup_with(state, 0);
}

static int setup_builtin(void **state)
{
	return setup_with(state, 1);
}

static int teardown(void **state)
{
	fixture *f = *state;
	al_cset_free(&f->set);
	al_cset_free(&f->unless);
	al_cdoc_free(&f->rd.doc);
	al_letter_free(&f->rd.letter);
	al_text_free(&f->rd.text);
	al_matcher_free(&f->rd.m);
	al_ruleset_free(&f->rs);
	return 0;
}

/* Compiles src (one pattern) into cs; returns 0 or -1 with err. */
static int compile(fixture *f, al_cset *cs, const char *src, al_error *err)
{
	al_cset_free(cs);
	cs->n = 1;
	cs->src = malloc(sizeof *cs->src);
	cs->src[0] = strdup(src);
	cs->line = calloc(1, sizeof *cs->line);
	cs->col = calloc(1, sizeof *cs->col);
	cs->line[0] = 7, cs->col[0] = 9;
	return al_cset_compile(cs, &f->rs.lex, "r.json", "r", err);
}

/* The text of the first match of pattern in sentence (with unless, when
 * not NULL), or "" when none. */
static const char *find(fixture *f, const char *pattern, const char *unless, const char *sentence)
{
	static char out[256];
	al_error err;
	if (compile(f, &f->set, pattern, &err) || (unless && compile(f, &f->unless, unless, &err)))
		fail_msg("%s", err.msg);
	al_cdoc *d = read_words(&f->rd, &f->rs, sentence);
	size_t a, b;
	out[0] = '\0';
	if (al_cset_find(&f->set, unless ? &f->unless : NULL, d, 0, f->rd.text.len, &a, &b))
		snprintf(out, sizeof out, "%.*s", (int)(b - a), f->rd.text.data + a);
	return out;
}

static void patterns_match_stems_phrases_and_gaps(void **state)
{
	fixture *f = *state;
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "This was our own mistake."), "our own mistake");
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "Our mistakes were many."), "Our mistakes");
	assert_string_equal(find(f, "SELF ~1 FAULT", NULL, "We really dropped the ball."),
			    "We really dropped the ball");
	assert_string_equal(find(f, "SELF ~1 FAULT", NULL, "We let our buyers down."), "We let our buyers down");
	assert_string_equal(find(f, "SELF FAULT", NULL, "We erred."), "We erred");
	/* '=erred' is that word, not its stem */
	assert_string_equal(find(f, "SELF FAULT", NULL, "We err."), "");
	/* a gap is a most */
	assert_string_equal(find(f, "SELF ~1 FAULT", NULL, "We are sure that a mistake happened."), "");
	/* a literal word, an optional element, alternatives */
	assert_string_equal(find(f, "SELF ~2 regret|mistake", NULL, "We deeply regret it."), "We deeply regret");
	assert_string_equal(find(f, "SELF very? FAULT", NULL, "Our mistake."), "Our mistake");
	/* a barrier concept may not stand in the gap */
	assert_string_equal(find(f, "FAULT ~4!SELF SANCTION", NULL, "A mistake got our store suspended."), "");
	assert_string_equal(find(f, "FAULT ~4!SELF SANCTION", NULL, "A mistake got the store suspended."),
			    "mistake got the store suspended");
	/* a semicolon breaks a match, a comma does not */
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "We know; a mistake."), "");
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "We, sadly, made a mistake."), "We, sadly, made a mistake");
}

static void negation_denial_and_condition_cancel_a_match(void **state)
{
	fixture *f = *state;
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "We made no mistake, we never made a mistake."), "");
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "This was not our mistake."), "");
	/* a pattern's own negation is not a cancellation */
	assert_string_equal(find(f, "SELF ~1 NEGATION ~3 FAULT", NULL, "We did not avoid the mistake."),
			    "We did not avoid the mistake");
	/* pseudo-negation, scope ends */
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "Not only the carrier: our mistake too."), "our mistake");
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "It was not late but our mistake."), "our mistake");
	/* a second 'to be' starts a predicate the negation does not reach;
	 * the first is the negated clause's own */
	assert_string_equal(find(f, "DRAMA", NULL, "What could not be sold was outrageous."), "outrageous");
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "Not that part was our mistake."), "");
	/* a noun phrase's negation is short */
	assert_string_equal(find(f, "DRAMA", NULL, "Closing us without any warning is outrageous."), "outrageous");
	/* an 'unless' context denied from before it is none; one with its
	 * own negation inside still cancels */
	assert_string_equal(find(f, "NEGATION ~3 FAULT", "SELF ~5 FAULT", "It was not our mistake."),
			    "not our mistake");
	assert_string_equal(find(f, "NEGATION ~3 FAULT", "SELF ~5 FAULT", "We did not make a mistake."), "");
	/* a list joined by "or" is negated whole, commas included; "and" ends it */
	assert_string_equal(find(f, "DRAMA", NULL, "We never had a single warning, a letter or anything outrageous."),
			    "");
	assert_string_equal(find(f, "DRAMA", NULL, "There were no warnings, notices or outrageous claims."), "");
	assert_string_equal(find(f, "DRAMA", NULL, "There were no warnings, and then outrageous claims."),
			    "outrageous");
	/* a denial governs the whole clause */
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "We do not believe that, in the end, our mistake was it."),
			    "");
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL,
				 "We do not believe that our small and rare mistake caused it."),
			    "");
	/* a condition */
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "If our mistake caused it, tell us."), "");
	/* one that opens the sentence governs its main clause too */
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "If it is late, our mistake is clear."), "");
	assert_string_equal(find(f, "APOLOGY", NULL, "If we made a mistake, we apologise."), "");
	/* one later in the sentence ends at its clause */
	assert_string_equal(find(f, "SELF ~3 FAULT", NULL, "We refund if it is late, and our mistake is clear."),
			    "our mistake");
}

static void unless_cancels_a_match_it_overlaps(void **state)
{
	fixture *f = *state;
	const char *unless = "APOLOGY ~6 SANCTION";
	assert_string_equal(find(f, "APOLOGY", unless, "We regret that our account was suspended."), "");
	assert_string_equal(find(f, "APOLOGY", unless, "We regret the delays."), "regret");
	assert_string_equal(find(f, "APOLOGY", unless, "Our account was suspended and we regret the delays."),
			    "regret");
}

/* A pattern whose elements all fit every word could try every way of
 * spreading over them (13^9 here); each start gives up after its budget. */
static void a_greedy_pattern_gives_up_instead_of_exploding(void **state)
{
	fixture *f = *state;
	static char text[3 * 600 + 2];
	for (size_t i = 0; i < 600; i++)
		memcpy(text + 3 * i, "we ", 3);
	text[3 * 600] = '.';
	assert_string_equal(find(f,
				 "SELF ~12 SELF ~12 SELF ~12 SELF ~12 SELF ~12 SELF ~12 SELF ~12 SELF ~12 SELF ~12 zzz",
				 NULL, text),
			    "");
	/* a budget big enough for patterns that do match */
	assert_string_equal(find(f, "SELF ~12 SELF ~12 SELF", NULL, text), "we we we");
}

/* ---- errors ---- */

static void bad_patterns_name_file_line_column_and_reason(void **state)
{
	fixture *f = *state;
	static const char *const bad[][2] = {
		{ "SELF ~3 BOGUS", "unknown concept 'BOGUS'" },
		{ "~3 SELF", "a gap stands between two elements" },
		{ "SELF ~3", "cannot end in a gap" },
		{ "SELF ~99 FAULT", "a gap is ~N with N from 0 to 12" },
		{ "SELF ~3!mistake FAULT", "a barrier names concepts, not words" },
		{ "SELF||FAULT", "an empty alternative" },
		{ "FAULT? SELF", "the first element cannot be optional" },
		{ "", "an empty pattern" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		al_error err;
		memset(&err, 0, sizeof err);
		assert_int_equal(compile(f, &f->set, bad[i][0], &err), -1);
		assert_int_equal(err.code, AL_ERR_RULE);
		assert_string_equal(err.file, "r.json");
		assert_int_equal(err.line, 7);
		assert_int_equal(err.col, 9);
		if (!strstr(err.msg, bad[i][1]))
			fail_msg("\"%s\": %s (wanted %s)", bad[i][0], err.msg, bad[i][1]);
	}
}

static al_error lexicon_error(const char *json)
{
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	assert_int_equal(al_ruleset_load_json(&rs, "lex.json", json, strlen(json), &err), -1);
	al_ruleset_free(&rs);
	assert_string_equal(err.file, "lex.json");
	return err;
}

static void bad_lexicons_name_the_place(void **state)
{
	(void)state;
	/* "apologised" and "apologize" are one entry once normalised */
	al_error err = lexicon_error("{\"data\": \"concepts\", \"concepts\": {\n"
				     "  \"APOLOGY\": {\"entries\": [[\"apologize\", \"we apologize\"],\n"
				     "                          [\"apologised\", \"we apologised\"]]}}}\n");
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 28);
	assert_non_null(strstr(err.msg, "duplicate entry 'apologised'"));
	err = lexicon_error("{\"data\": \"concepts\", \"concepts\": {\"lower\": {\"entries\": []}}}");
	assert_non_null(strstr(err.msg, "concept name 'lower'"));
	err = lexicon_error("{\"data\": \"concepts\", \"concepts\": {\"A\": {\"entries\": [[\"x\"]]}}}");
	assert_non_null(strstr(err.msg, "each entry is [\"words\", \"an example sentence\"]"));
	err = lexicon_error("{\"data\": \"concepts\", \"concepts\": {\"A\": {\"entries\": [[\"* x\", \"x\"]]}}}");
	assert_non_null(strstr(err.msg, "the first not '*'"));
	err = lexicon_error("{\"data\": \"concepts\", \"concepts\": {\"A\": {\"words\": []}}}");
	assert_non_null(strstr(err.msg, "must be {\"description\": text, \"entries\": [...]}"));
	err = lexicon_error("{\"data\": \"concepts\", \"concepts\": []}");
	assert_non_null(strstr(err.msg, "must be an object of concepts"));
}

static void a_rule_naming_an_unknown_concept_fails_to_resolve(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	const char *rule = "{\n \"id\": \"x\", \"kind\": \"forbid\", \"severity\": \"warning\", \"scope\": \"text\",\n"
			   " \"summary\": \"s\", \"message\": \"m\", \"suggestion\": \"s\", \"explain\": \"e\",\n"
			   " \"sources\": [\"s\"], \"examples\": {\"bad\": [\"b\"], \"good\": [\"g\"]},\n"
			   " \"concepts\": [\"NOSUCH ~2 x\"]\n}\n";
	assert_int_equal(al_ruleset_load_json(&rs, "x.json", rule, strlen(rule), &err), 0);
	assert_int_equal(al_ruleset_resolve(&rs, &err), -1);
	assert_string_equal(err.file, "x.json");
	assert_int_equal(err.line, 5);
	assert_int_equal(err.col, 15);
	assert_non_null(strstr(err.msg, "unknown concept 'NOSUCH'"));
	al_ruleset_free(&rs);
}

/* "^" asks for a clause's subject: not a noun a preposition governs,
 * unless a relative clause makes it one again, the preposition names a
 * cause or it follows a part of a whole. */
static void a_subject_element_skips_a_prepositions_noun(void **state)
{
	fixture *f = *state;
	const char *p = "^CARRIER ~4 NEGATION";
	assert_string_equal(find(f, p, NULL, "The carrier never scanned them."), "carrier never");
	assert_string_equal(find(f, p, NULL, "We booked it in the carrier's month and never checked."), "");
	assert_string_equal(find(f, "CARRIER ~4 NEGATION", NULL,
				 "We booked it in the carrier's month and never checked."),
			    "carrier's month and never");
	assert_string_equal(find(f, p, NULL, "It went to FedEx Ground, which never scanned it."),
			    "FedEx Ground, which never");
	assert_string_equal(find(f, p, NULL, "It was because of the carrier, it never came."), "carrier, it never");
	assert_string_equal(find(f, p, NULL, "Most of the carrier depots never scanned."), "carrier depots never");
	assert_string_equal(find(f, p, NULL, "Some 3 of the carrier depots never scanned."), "carrier depots never");
	/* a part of a whole takes "of" only: "most in the carrier's" is an object */
	assert_string_equal(find(f, p, NULL, "We sent most in the carrier's van and never checked."), "");
}

/* A name the letter gives another party is that party from then on. */
static void a_party_named_once_is_known_by_its_name(void **state)
{
	fixture *f = *state;
	const char *p = "CARRIER ~3 NEGATION";
	assert_string_equal(find(f, p, NULL, "We use one carrier, Speedline Express. Speedline never scanned them."),
			    "Speedline never");
	assert_string_equal(find(f, p, NULL, "We use Eastbridge Freight, a carrier in Leeds. Eastbridge never came."),
			    "Eastbridge never");
	assert_string_equal(find(f, p, NULL, "Speedline's driver never came."), "");
	assert_string_equal(find(f, p, NULL, "We use the carrier Speedline. Speedline's driver never came."),
			    "Speedline's driver never");
}

/* A service's name is another party when it is written as one
 * ("SwiftLine") or brought in as one ("we use PriceHawk"), but not when
 * the writer signs with it. */
static void a_name_written_or_brought_in_as_a_service_is_another_party(void **state)
{
	fixture *f = *state;
	const char *p = "THEY ~3 NEGATION";
	assert_string_equal(find(f, p, NULL, "SwiftLine never scanned them."), "SwiftLine never");
	assert_string_equal(find(f, p, NULL, "We set prices through Hawkly. Hawkly never warned us."), "Hawkly never");
	assert_string_equal(find(f, p, NULL, "Hawkly never warned us."), "");
	assert_string_equal(find(f, p, NULL, "Our ASINs never sold."), "");
	assert_string_equal(find(f, p, NULL,
				 "Dear team,\n\nBrightNest never sold fakes.\n\nKind regards,\nBrightNest\n"),
			    "");
}

/* A contact clause on another party ("the carrier [we hired]") neither
 * stops a pattern about what the party did nor makes the seller its doer;
 * a verb's own object after it ("the carrier we sent the parcels") makes
 * it no such clause. */
static void a_contact_clause_is_the_partys_not_the_sellers(void **state)
{
	fixture *f = *state;
	const char *p = "^CARRIER ~2!SELF NEGATION";
	assert_string_equal(find(f, p, NULL, "The carrier we hired never scanned them."), "carrier we hired never");
	assert_string_equal(find(f, p, NULL, "The carrier which we had booked never came."),
			    "carrier which we had booked never");
	assert_string_equal(find(f, p, NULL, "The carrier we sent the parcels never came."), "");
	/* an irregular past form counts as ENGAGE holds it */
	assert_string_equal(find(f, p, NULL, "The carrier we took never came."), "carrier we took never");
	assert_string_equal(find(f, p, NULL, "The carrier we saw never came."), "");
	assert_string_equal(find(f, p, NULL, "The carrier, we hear, never came."), "");
	assert_string_equal(find(f, "SELF ~5 NEGATION", NULL, "The carrier we hired never came."), "");
	assert_string_equal(find(f, "SELF ~5 NEGATION", NULL, "We hired a carrier and never checked."),
			    "We hired a carrier and never");
}

/* The sentence around a byte, and whether a span holds a concept's word:
 * what tells an owned sentence ("our mistake; the carrier lost them"). */
static void a_span_knows_its_sentence_and_concepts(void **state)
{
	fixture *f = *state;
	const char *s = "We booked one van. It was our mistake; the carrier lost them.";
	al_cdoc *d = read_words(&f->rd, &f->rs, s);
	size_t at = (size_t)(strstr(s, "carrier") - s), a, b;
	assert_true(al_cdoc_sentence(d, at, &a, &b));
	assert_string_equal(f->rd.text.data + a, "It was our mistake; the carrier lost them.");
	assert_int_equal(b, strlen(s) - 1); /* the last word's end, before the stop */
	al_cmask fault = { { 0, 0 } };
	al_cm_set(&fault, (unsigned)al_lexicon_concept(&f->rs.lex, "FAULT"));
	assert_true(al_cdoc_holds(d, &fault, a, b));
	assert_false(al_cdoc_holds(d, &fault, at, b));
	assert_false(al_cdoc_sentence(d, strlen(s) + 5, &a, &b));
}

/* A set whose conditions count reads a promise made on a condition. */
static void conditions_count_where_a_set_says_so(void **state)
{
	fixture *f = *state;
	const char *s = "If the carrier fails, we erred.";
	assert_string_equal(find(f, "SELF ~1 FAULT", NULL, s), "");
	f->set.conditions_count = 1;
	al_cdoc *d = read_words(&f->rd, &f->rs, s);
	size_t a, b;
	assert_true(al_cset_find(&f->set, NULL, d, 0, f->rd.text.len, &a, &b));
	assert_int_equal(b - a, strlen("we erred"));
	f->set.conditions_count = 0;
}

/* Scare quotes and a cited word do not end a clause; a quotation does. */
static void a_short_quotation_does_not_end_the_clause(void **state)
{
	fixture *f = *state;
	const char *p = "CARRIER ~6 lost";
	assert_string_equal(find(f, p, NULL, "The carrier called it \"lost\" on day two."), "carrier called it \"lost");
	assert_string_equal(find(f, p, NULL, "The carrier called it \xe2\x80\x9clost\xe2\x80\x9d on day two."),
			    "carrier called it \xe2\x80\x9clost");
	assert_string_equal(find(f, p, NULL, "The carrier \"says the parcel was lost on the way here\"."), "");
}

static void narrowing_keeps_one_concept_of_an_element(void **state)
{
	(void)state;
	char *p = al_cpat_narrow("BUYER|AMAZON ~3!SELF|AMAZON LOSE ~2 REL|AMAZON?", "AMAZON");
	assert_string_equal(p, "AMAZON ~3!SELF|AMAZON LOSE ~2 AMAZON?"); /* barriers stay */
	free(p);
	p = al_cpat_narrow("^BUYER|AMAZON ~3 LOSE", "AMAZON");
	assert_string_equal(p, "^AMAZON ~3 LOSE"); /* a subject stays one */
	free(p);
	p = al_cpat_narrow("AMAZON ~1 FAULT", "AMAZON");
	assert_string_equal(p, "AMAZON ~1 FAULT");
	free(p);
	assert_null(al_cpat_narrow("BUYER ~3!AMAZON LOSE", "AMAZON"));
	assert_null(al_cpat_narrow("AMAZONS|BUYER ~3 LOSE", "AMAZON"));
}

/* Loads two rules, y with concept patterns and x borrowing from b_rule. */
static int borrow_fails(const char *b_rule, const char *b_concept, al_error *err)
{
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	char json[2048];
	const char *common = "\"kind\": \"forbid\", \"severity\": \"warning\", \"scope\": \"text\",\n"
			     " \"summary\": \"s\", \"message\": \"m\", \"suggestion\": \"s\", \"explain\": \"e\",\n"
			     " \"sources\": [\"s\"], \"examples\": {\"bad\": [\"b\"], \"good\": [\"g\"]},\n";
	snprintf(json, sizeof json,
		 "[{\"id\": \"y\", %s \"concepts\": [\"lost ~2 parcel\"]},\n"
		 "{\"id\": \"x\", %s \"borrow\": {\"rule\": \"%s\", \"concept\": \"%s\"}}]\n",
		 common, common, b_rule, b_concept);
	int rc = al_ruleset_load_json(&rs, "x.json", json, strlen(json), err);
	if (rc == 0)
		rc = al_ruleset_resolve(&rs, err);
	al_ruleset_free(&rs);
	return rc;
}

static void a_bad_borrow_names_the_place(void **state)
{
	(void)state;
	al_error err;
	assert_int_equal(borrow_fails("nosuch", "AMAZON", &err), -1);
	assert_string_equal(err.file, "x.json");
	assert_int_equal(err.line, 8);
	assert_non_null(strstr(err.msg, "'borrow' names no rule of its own concept patterns: 'nosuch'"));
	assert_int_equal(borrow_fails("y", "AMAZON", &err), -1);
	assert_int_equal(err.line, 8);
	assert_non_null(strstr(err.msg, "no concept pattern of rule 'y' names 'AMAZON'"));
	assert_int_equal(borrow_fails("y", "amazon", &err), -1);
	assert_non_null(strstr(err.msg, "'borrow' must be"));
}

/* ---- the default lexicon ---- */

/* Does rule id of the default pack match sentence? */
static int default_matches(fixture *f, const char *id, const char *sentence)
{
	const al_rule *r = al_ruleset_find(&f->rs, id);
	assert_non_null(r);
	size_t a, b;
	return al_cset_find(&r->concepts, &r->unless, read_words(&f->rd, &f->rs, sentence), 0, strlen(sentence), &a,
			    &b);
}

static void default_lexicon_reads_meaning(void **state)
{
	fixture *f = *state;
	/* owned in words no phrase list had */
	assert_true(default_matches(f, "apology", "We ask your pardon for the late parcels."));
	assert_true(default_matches(f, "apology", "We are extremely apologetic for this occurrence."));
	assert_true(default_matches(f, "apology", "The mistake here was ours."));
	assert_true(default_matches(f, "apology", "We were careless with the stock counts."));
	/* regret for the consequence, politeness, denial, a condition */
	assert_false(default_matches(f, "apology", "We regret that our account was suspended."));
	/* blame at Amazon is criticism of Amazon too (borrowed), blame at a buyer is not */
	assert_true(default_matches(f, "amazon-criticism", "The damage happened inside Amazon's warehouse."));
	assert_false(default_matches(f, "amazon-criticism", "The damage happened inside the buyer's garage."));
	assert_false(default_matches(f, "apology", "Sorry for the long letter."));
	assert_false(default_matches(f, "apology", "We do not believe we did anything wrong."));
	assert_false(default_matches(f, "apology", "If we made a mistake, please tell us."));
	assert_true(default_matches(f, "blame", "The carrier dropped the ball on twelve parcels."));
	assert_true(default_matches(f, "blame", "A rival seller's fake claims got our listing removed."));
	assert_false(default_matches(f, "blame", "The buyer reported that the lid was cracked."));
	assert_false(default_matches(f, "blame", "We did not inspect the supplier's batch."));
	assert_true(default_matches(f, "emotional", "This is killing our business and we are in despair."));
	assert_false(default_matches(f, "emotional", "We wrote a disaster recovery plan."));
}

/* Every entry's example in rules/concepts.json holds a word of its concept
 * once read as a letter is: an example that does not is a wrong example or
 * an entry that normalises to something else. */
static void every_entry_example_shows_its_concept(void **state)
{
	fixture *fx = *state;
	FILE *f = fopen("rules/concepts.json", "rb");
	assert_non_null(f);
	static char json[1 << 20];
	size_t len = fread(json, 1, sizeof json - 1, f);
	fclose(f);
	json[len] = '\0';
	cJSON *root = cJSON_Parse(json), *c, *e;
	assert_non_null(root);
	size_t checked = 0, wrong = 0;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "concepts"))
	{
		int ci = al_lexicon_concept(&fx->rs.lex, c->string);
		assert_true(ci >= 0);
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(c, "entries"))
		{
			const char *ex = cJSON_GetArrayItem(e, 1)->valuestring;
			const al_cdoc *d = read_words(&fx->rd, &fx->rs, ex);
			int found = 0;
			for (size_t i = 0; i < d->ntoks && !found; i++)
				found = al_cm_has(&d->toks[i].mask, (unsigned)ci);
			if (!found) {
				print_message("%s: example \"%s\" does not show entry \"%s\"\n", c->string, ex,
					      cJSON_GetArrayItem(e, 0)->valuestring);
				wrong++;
			}
			checked++;
		}
	}
	cJSON_Delete(root);
	assert_true(checked > 500);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(british_and_american_spellings_share_a_key),
		cmocka_unit_test(a_word_too_long_has_no_key),
		cmocka_unit_test_setup_teardown(patterns_match_stems_phrases_and_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(negation_denial_and_condition_cancel_a_match, setup, teardown),
		cmocka_unit_test_setup_teardown(unless_cancels_a_match_it_overlaps, setup, teardown),
		cmocka_unit_test_setup_teardown(a_greedy_pattern_gives_up_instead_of_exploding, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_patterns_name_file_line_column_and_reason, setup, teardown),
		cmocka_unit_test(bad_lexicons_name_the_place),
		cmocka_unit_test(a_rule_naming_an_unknown_concept_fails_to_resolve),
		cmocka_unit_test_setup_teardown(a_subject_element_skips_a_prepositions_noun, setup, teardown),
		cmocka_unit_test_setup_teardown(a_party_named_once_is_known_by_its_name, setup, teardown),
		cmocka_unit_test_setup_teardown(a_name_written_or_brought_in_as_a_service_is_another_party,
						setup_builtin, teardown),
		cmocka_unit_test_setup_teardown(a_contact_clause_is_the_partys_not_the_sellers, setup, teardown),
		cmocka_unit_test_setup_teardown(a_short_quotation_does_not_end_the_clause, setup, teardown),
		cmocka_unit_test_setup_teardown(a_span_knows_its_sentence_and_concepts, setup, teardown),
		cmocka_unit_test_setup_teardown(conditions_count_where_a_set_says_so, setup, teardown),
		cmocka_unit_test(narrowing_keeps_one_concept_of_an_element),
		cmocka_unit_test(a_bad_borrow_names_the_place),
		cmocka_unit_test_setup_teardown(default_lexicon_reads_meaning, setup_builtin, teardown),
		cmocka_unit_test_setup_teardown(every_entry_example_shows_its_concept, setup_builtin, teardown),
	};
	return cmocka_run_group_tests_name("concept", tests, NULL, NULL);
}
