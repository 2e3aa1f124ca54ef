/* test_engine.c - unit tests for the engine and the rule kinds: finding
 * order, message templates, the score, each kind through a tiny rule, and
 * the pcre2 wrapper (compile errors, bounded search). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rules/lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A rule as one JSON object; extra starts with ", " or is "". */
static const char *rule_json(const char *id, const char *kind, const char *severity, const char *scope_name,
			     const char *message, const char *extra)
{
	static char buf[4096];
	int n = snprintf(buf, sizeof buf,
			 "{\"id\": \"%s\", \"kind\": \"%s\", \"severity\": \"%s\", \"scope\": \"%s\", "
			 "\"summary\": \"S.\", \"message\": \"%s\", \"suggestion\": \"Do better with {match}.\", "
			 "\"explain\": \"E.\", \"sources\": [\"https://example.com\"], "
			 "\"examples\": {\"bad\": [\"b\"], \"good\": [\"g\"]}%s}",
			 id, kind, severity, scope_name, message, extra);
	assert_true(n > 0 && (size_t)n < sizeof buf);
	return buf;
}

/* A linter with a fresh rule set: only the built-in data files (letter
 * vocabulary and metrics) and no rules. */
static void fresh_linter(al_linter *L)
{
	al_error err;
	memset(&err, 0, sizeof err);
	assert_int_equal(al_linter_init_worker(L, &err), 0);
	for (size_t i = 0; i < al_builtin_nrules; i++) {
		const al_builtin *b = &al_builtin_rules[i];
		if (!has_suffix(b->name, "letter.json") && !has_suffix(b->name, "metrics.json"))
			continue;
		if (al_ruleset_load_json(&L->rs, b->name, b->json, b->len, &err))
			fail_msg("%s: %s", b->name, err.msg);
	}
	assert_int_equal(L->rs.n, 0);
	assert_true(al_re_has(&L->rs.vocab.salutation));
	assert_true(L->rs.metrics.n > 0);
	/* pcre2's JIT scans a few bytes past the subject's end (inside the
	 * buffer) with SIMD loads; valgrind reports those bytes as
	 * uninitialised. Filling the text buffer once keeps its reports to
	 * real problems. */
	static char fill[4096];
	memset(fill, ' ', sizeof fill);
	al_text_set(&L->text, fill, sizeof fill);
}

static void add_rule(al_linter *L, const char *json)
{
	al_error err;
	memset(&err, 0, sizeof err);
	if (al_ruleset_load_json(&L->rs, "test.json", json, strlen(json), &err))
		fail_msg("%d:%d: %s", err.line, err.col, err.msg);
}

/* Fixture: a fresh linter per test, freed even when an assertion fails. */
static int setup(void **state)
{
	al_linter *L = malloc(sizeof *L);
	if (!L)
		return -1;
	fresh_linter(L);
	*state = L;
	return 0;
}

static int teardown(void **state)
{
	al_linter *L = *state;
	al_linter_free(L);
	free(L);
	return 0;
}

static void run(al_linter *L, const char *s)
{
	al_linter_run_string(L, s, strlen(s), NULL);
}

static const char *message_of(const al_linter *L, size_t i)
{
	assert_true(i < L->fs.n);
	return al_finding_str(&L->fs, L->fs.list[i].message);
}

static const char *suggestion_of(const al_linter *L, size_t i)
{
	assert_true(i < L->fs.n);
	return al_finding_str(&L->fs, L->fs.list[i].suggestion);
}

static void assert_span(const al_linter *L, size_t i, size_t start, size_t end)
{
	assert_true(i < L->fs.n);
	if (L->fs.list[i].span.start != start || L->fs.list[i].span.end != end)
		fail_msg("finding %zu (%s) at [%zu, %zu), want [%zu, %zu)", i, L->fs.list[i].rule->id,
			 L->fs.list[i].span.start, L->fs.list[i].span.end, start, end);
}

/* ---- order ---- */

static void findings_are_ordered_by_offset_then_rule_id(void **state)
{
	al_linter *L = *state;
	add_rule(L,
		 rule_json("b-rule", "forbid", "error", "letter", "B {match}", ", \"patterns\": [\"\\\\bxx\\\\b\"]"));
	add_rule(L,
		 rule_json("a-rule", "forbid", "warning", "letter", "A {match}", ", \"patterns\": [\"\\\\bxx\\\\b\"]"));
	add_rule(L, rule_json("c-rule", "forbid", "info", "letter", "C {match}", ", \"patterns\": [\"\\\\byy\\\\b\"]"));
	run(L, "We found xx and yy and xx.");
	assert_int_equal(L->fs.n, 5);
	static const struct {
		const char *id;
		size_t start;
	} want[] = { { "a-rule", 9 }, { "b-rule", 9 }, { "c-rule", 16 }, { "a-rule", 23 }, { "b-rule", 23 } };
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(L->fs.list[i].rule->id, want[i].id);
		assert_int_equal(L->fs.list[i].span.start, want[i].start);
		assert_int_equal(L->fs.list[i].span.end, want[i].start + 2);
	}
	assert_int_equal(L->fs.list[0].severity, AL_SEV_WARNING);
	assert_int_equal(L->fs.list[1].severity, AL_SEV_ERROR);
	assert_int_equal(L->fs.list[2].severity, AL_SEV_INFO);
}

static void run_with_one_rule_reports_only_that_rule(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("b-rule", "forbid", "error", "letter", "B", ", \"patterns\": [\"xx\"]"));
	add_rule(L, rule_json("a-rule", "forbid", "error", "letter", "A", ", \"patterns\": [\"xx\"]"));
	const al_rule *only = al_ruleset_find(&L->rs, "b-rule");
	assert_non_null(only);
	const char *s = "xx xx";
	al_linter_run_string(L, s, strlen(s), only);
	assert_int_equal(L->fs.n, 2);
	assert_ptr_equal(L->fs.list[0].rule, only);
	assert_ptr_equal(L->fs.list[1].rule, only);
}

static void findings_are_reset_between_letters(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("tbd", "forbid", "error", "letter", "Field {match}.",
			      ", \"patterns\": [\"\\\\bTBD\\\\b\"]"));
	run(L, "TBD TBD TBD");
	assert_int_equal(L->fs.n, 3);
	run(L, "All done. TBD");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 10, 13);
	assert_string_equal(message_of(L, 0), "Field TBD.");
	run(L, "All done.");
	assert_int_equal(L->fs.n, 0);
}

/* ---- message templates ---- */

static void report_fills_match_and_leaves_unknown_names(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("tpl", "forbid", "error", "letter", "Found \\\"{match}\\\" in {place}; {match}!",
			      ", \"patterns\": [\"\\\\bTBD\\\\b\"]"));
	run(L, "Ship date: TBD.");
	assert_int_equal(L->fs.n, 1);
	assert_string_equal(message_of(L, 0), "Found \"TBD\" in {place}; TBD!");
	assert_string_equal(suggestion_of(L, 0), "Do better with TBD.");
}

/* A match quoted in a message: a wrapped line is one space, and a long
 * one is cut between characters, never inside one. */
static void report_quotes_a_match_in_one_line_and_whole_characters(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("wrap", "forbid", "error", "letter", "{match}", ", \"patterns\": [\"we will\\\\s+do\"]"));
	run(L, "Then we will\n  do it.");
	assert_int_equal(L->fs.n, 1);
	assert_string_equal(message_of(L, 0), "we will do");
	add_rule(L, rule_json("cjk", "forbid", "error", "letter", "{match}", ", \"patterns\": [\"\\\\p{Han}+\"]"));
	char text[1300] = "";
	for (int i = 0; i < 300; i++)
		strcat(text, "\xf0\xa0\x80\x80"); /* U+20000, four bytes each */
	run(L, text);
	assert_int_equal(L->fs.n, 1);
	const char *m = message_of(L, 0);
	assert_true(strlen(m) > 0 && strlen(m) % 4 == 0);
}

static void report_expands_caller_variables(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"tpl2", "require", "warning", "letter", "{a}{b} {a} {c {} }{",
			", \"patterns\": [\"zzz\"], \"variants\": {\"forbidden\": {\"message\": \"V {a}\", \"suggestion\": \"W {b}\"}}"));
	run(L, "Nothing here.");
	assert_int_equal(L->fs.n, 1); /* the require rule itself */
	const al_rule *r = al_ruleset_find(&L->rs, "tpl2");
	const char *vars[] = { "a", "1", "b", "two", NULL };
	al_report(&L->ctx, r, (al_span){ 0, 7 }, NULL, vars);
	al_report(&L->ctx, r, (al_span){ 8, 12 }, "forbidden", vars);
	al_report(&L->ctx, r, (al_span){ 1, 2 }, "no-such-variant", NULL);
	assert_int_equal(L->fs.n, 4);
	assert_string_equal(message_of(L, 1), "1two 1 {c {} }{");
	assert_string_equal(message_of(L, 2), "V 1");
	assert_string_equal(suggestion_of(L, 2), "W two");
	/* an unknown variant falls back to the rule's own texts; no vars: as is */
	assert_string_equal(message_of(L, 3), "{a}{b} {a} {c {} }{");
	assert_span(L, 2, 8, 12);
	assert_ptr_equal(L->fs.list[3].rule, r);
	assert_int_equal(L->fs.list[3].severity, AL_SEV_WARNING);
	/* earlier texts stay valid as the pool grows */
	assert_string_equal(message_of(L, 0), "{a}{b} {a} {c {} }{");
}

/* ---- score ---- */

/* Rule ids for hand-made rules (al_rule.id is not const). */
static char id_a[] = "a", id_b[] = "b", id_c[] = "c", id_heavy[] = "heavy", id_free[] = "free", id_two[] = "two",
	    id_alpha[] = "alpha", id_beta[] = "beta", id_gamma[] = "gamma";

static int score_of(const al_severity *sev, const al_rule *const *rules, size_t n)
{
	al_findings fs;
	memset(&fs, 0, sizeof fs);
	al_finding list[32];
	assert_true(n <= 32);
	for (size_t i = 0; i < n; i++) {
		memset(&list[i], 0, sizeof list[i]);
		list[i].rule = rules[i];
		list[i].severity = sev[i];
	}
	fs.list = list;
	fs.n = n;
	return al_score(&fs);
}

static void score_is_100_without_findings(void **state)
{
	(void)state;
	assert_int_equal(score_of(NULL, NULL, 0), 100);
}

static void score_weighs_each_severity(void **state)
{
	(void)state;
	/* rules without a weight: their severity decides */
	static al_rule r1 = { .id = id_a }, r2 = { .id = id_b }, r3 = { .id = id_c };
	const al_rule *rules[] = { &r1, &r2, &r3 };
	assert_int_equal(score_of((al_severity[]){ AL_SEV_ERROR }, rules, 1), 85);
	assert_int_equal(score_of((al_severity[]){ AL_SEV_WARNING }, rules, 1), 95);
	assert_int_equal(score_of((al_severity[]){ AL_SEV_INFO }, rules, 1), 99);
	assert_int_equal(score_of((al_severity[]){ AL_SEV_ERROR, AL_SEV_WARNING, AL_SEV_INFO }, rules, 3), 79);
}

static void score_halves_each_repeat_of_a_rule(void **state)
{
	(void)state;
	static al_rule r1 = { .id = id_a }, r2 = { .id = id_b };
	const al_rule *same[] = { &r1, &r1, &r1, &r1, &r1 };
	al_severity err5[] = { AL_SEV_ERROR, AL_SEV_ERROR, AL_SEV_ERROR, AL_SEV_ERROR, AL_SEV_ERROR };
	assert_int_equal(score_of(err5, same, 1), 85);
	assert_int_equal(score_of(err5, same, 3), 100 - 15 - 7 - 3);
	assert_int_equal(score_of(err5, same, 5), 100 - 15 - 7 - 3 - 1 - 0);
	/* interleaved with another rule, each counts its own */
	const al_rule *mixed[] = { &r1, &r2, &r1, &r2, &r1, &r1, &r2 };
	al_severity w7[] = { AL_SEV_WARNING, AL_SEV_WARNING, AL_SEV_WARNING, AL_SEV_WARNING,
			     AL_SEV_WARNING, AL_SEV_WARNING, AL_SEV_WARNING };
	assert_int_equal(score_of(w7, mixed, 7), 100 - (5 + 2 + 1 + 0) - (5 + 2 + 1));
	/* however many, a rule never costs twice its weight */
	static const al_rule *many[32];
	static al_severity sev[32];
	for (size_t i = 0; i < 32; i++)
		many[i] = &r1, sev[i] = AL_SEV_ERROR;
	assert_int_equal(score_of(sev, many, 32), 100 - 26);
}

static void score_takes_the_rule_weight(void **state)
{
	(void)state;
	static al_rule heavy = { .id = id_heavy, .has_weight = 1, .weight = 30 };
	static al_rule free_ = { .id = id_free, .has_weight = 1, .weight = 0 };
	/* a part of a rule is another al_rule with the same id: one rule */
	static al_rule main_ = { .id = id_two, .has_weight = 1, .weight = 20 };
	static al_rule part = { .id = id_two, .has_weight = 1, .weight = 20, .part = 1 };
	al_severity info[] = { AL_SEV_INFO, AL_SEV_INFO, AL_SEV_INFO };
	assert_int_equal(score_of(info, (const al_rule *[]){ &heavy }, 1), 70);
	assert_int_equal(score_of(info, (const al_rule *[]){ &heavy, &heavy }, 2), 55);
	assert_int_equal(score_of(info, (const al_rule *[]){ &free_, &free_ }, 2), 100);
	assert_int_equal(score_of(info, (const al_rule *[]){ &main_, &part }, 2), 70);
}

static void score_floors_at_zero(void **state)
{
	(void)state;
	static al_rule r[8];
	static char ids[8][2] = { "a", "b", "c", "d", "e", "f", "g", "h" };
	const al_rule *rules[8];
	al_severity sev[8];
	for (size_t i = 0; i < 8; i++) {
		r[i].id = ids[i];
		rules[i] = &r[i];
		sev[i] = AL_SEV_ERROR;
	}
	assert_int_equal(score_of(sev, rules, 6), 10);
	assert_int_equal(score_of(sev, rules, 7), 0);
	assert_int_equal(score_of(sev, rules, 8), 0);
}

static void score_explains_each_rule(void **state)
{
	(void)state;
	static al_rule a = { .id = id_alpha, .has_weight = 1, .weight = 10 };
	static al_rule b = { .id = id_beta, .has_weight = 1, .weight = 20 };
	static al_rule c = { .id = id_gamma };
	const al_rule *rules[] = { &a, &b, &a, &c, &a };
	al_severity sev[] = { AL_SEV_WARNING, AL_SEV_WARNING, AL_SEV_WARNING, AL_SEV_INFO, AL_SEV_WARNING };
	al_finding list[5];
	memset(list, 0, sizeof list);
	for (size_t i = 0; i < 5; i++)
		list[i].rule = rules[i], list[i].severity = sev[i];
	al_findings fs;
	memset(&fs, 0, sizeof fs);
	fs.list = list;
	fs.n = 5;
	al_score_detail d = { 0 };
	assert_int_equal(al_score_explain(&fs, &d), 100 - 20 - 17 - 1);
	assert_int_equal(d.score, 62);
	/* costliest first */
	assert_int_equal(d.n, 3);
	assert_string_equal(d.items[0].rule->id, "beta");
	assert_int_equal(d.items[0].cost, 20);
	assert_string_equal(d.items[1].rule->id, "alpha");
	assert_int_equal(d.items[1].count, 3);
	assert_int_equal(d.items[1].weight, 10);
	assert_int_equal(d.items[1].cost, 10 + 5 + 2);
	assert_string_equal(d.items[2].rule->id, "gamma");
	assert_int_equal(d.items[2].cost, 1);
	/* reused: emptied first */
	fs.n = 0;
	assert_int_equal(al_score_explain(&fs, &d), 100);
	assert_int_equal(d.n, 0);
	al_score_detail_free(&d);
}

static void score_of_a_real_run(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("tbd", "forbid", "error", "letter", "Field {match}.",
			      ", \"patterns\": [\"\\\\bTBD\\\\b\"]"));
	add_rule(L, rule_json("bang", "forbid", "info", "letter", "Bang.", ", \"patterns\": [\"!\"]"));
	run(L, "TBD! TBD! TBD! TBD!");
	assert_int_equal(L->fs.n, 8);
	assert_int_equal(al_score(&L->fs), 100 - (15 + 7 + 3 + 1) - (1 + 0 + 0 + 0));
	/* a weight in the rule data replaces the severity's */
	add_rule(L, rule_json("tbd", "forbid", "error", "letter", "Field {match}.",
			      ", \"weight\": 40, \"patterns\": [\"\\\\bTBD\\\\b\"]"));
	run(L, "TBD!");
	assert_int_equal(al_score(&L->fs), 100 - 40 - 1);
}

/* ---- each kind ---- */

static void forbid_reports_each_match_not_covered_by_an_exception(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("no-tbd", "forbid", "error", "letter", "Field {match}.",
			      ", \"patterns\": [\"\\\\bTBD\\\\b\"], \"exceptions\": [\"\\\\bTBD\\\\s+list\\\\b\"]"));
	run(L, "Date TBD. The TBD list is fine. Also TBD");
	assert_int_equal(L->fs.n, 2);
	assert_span(L, 0, 5, 8);
	assert_span(L, 1, 37, 40);
	assert_string_equal(message_of(L, 0), "Field TBD.");
	assert_int_equal(L->fs.list[0].severity, AL_SEV_ERROR);
}

static void forbid_is_caseless_unless_case_sensitive(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("any-case", "forbid", "error", "letter", "M", ", \"patterns\": [\"\\\\btodo\\\\b\"]"));
	add_rule(L, rule_json("caps", "forbid", "error", "letter", "M",
			      ", \"patterns\": [\"\\\\bTODO\\\\b\"], \"case_sensitive\": true"));
	run(L, "todo: TODO");
	assert_int_equal(L->fs.n, 3);
	assert_string_equal(L->fs.list[0].rule->id, "any-case");
	assert_span(L, 0, 0, 4);
	assert_string_equal(L->fs.list[1].rule->id, "any-case");
	assert_string_equal(L->fs.list[2].rule->id, "caps");
	assert_span(L, 2, 6, 10);
}

static void forbid_looks_only_in_its_scope(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("in-body", "forbid", "warning", "body", "M", ", \"patterns\": [\"\\\\bteam\\\\b\"]"));
	run(L, "Dear Team,\n\nOur team is sorry.\n\nBest regards,\nThe Team\n");
	/* the salutation and the sign-off are not the body */
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 16, 20);
}

static void require_reports_a_missing_pattern_at_the_first_line_of_its_scope(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"apologize", "require", "error", "opening", "No apology.",
			", \"patterns\": [\"\\\\bsorry\\\\b\"], \"forbid\": [\"\\\\bimmediately\\\\b\"], "
			"\"variants\": {\"forbidden\": {\"message\": \"Demand: {match}.\", \"suggestion\": \"Ask.\"}}"));
	const char *s = "Dear Team,\n\nOur account was closed.\nWe want it back.\n\nThanks";
	run(L, s);
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 12, 35); /* "Our account was closed." */
	assert_string_equal(message_of(L, 0), "No apology.");
	run(L, "Dear Team,\n\nWe are sorry.\n\nThanks");
	assert_int_equal(L->fs.n, 0);
}

static void require_reports_each_forbidden_match_with_its_variant(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"apologize", "require", "error", "body", "No apology.",
			", \"patterns\": [\"\\\\bsorry\\\\b\"], \"forbid\": [\"\\\\bimmediately\\\\b\"], "
			"\"variants\": {\"forbidden\": {\"message\": \"Demand: {match}.\", \"suggestion\": \"Ask.\"}}"));
	run(L, "We are sorry. Reinstate us immediately.");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 27, 38);
	assert_string_equal(message_of(L, 0), "Demand: immediately.");
	assert_string_equal(suggestion_of(L, 0), "Ask.");
	run(L, "Reinstate us immediately.");
	assert_int_equal(L->fs.n, 2);
	assert_span(L, 0, 0, 25); /* missing: the first line */
	assert_string_equal(message_of(L, 0), "No apology.");
	assert_span(L, 1, 13, 24);
}

static void require_points_at_the_anchor_when_one_matches(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("apologize", "require", "error", "body", "No apology near {match}.",
			      ", \"patterns\": [\"\\\\bsorry\\\\b\"], \"anchor\": [\"\\\\bmistake\\\\b\"]"));
	run(L, "It happened.\n\nIt was a mistake.");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 23, 30);
}

static void count_reports_every_match_over_the_maximum(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("bangs", "count", "warning", "letter", "Too many: {match}",
			      ", \"patterns\": [\"!+\"], \"max\": 1"));
	run(L, "Wow!! We shipped it.");
	assert_int_equal(L->fs.n, 0);
	run(L, "Wow! Great!! Yes.");
	assert_int_equal(L->fs.n, 2);
	assert_span(L, 0, 3, 4);
	assert_span(L, 1, 10, 12);
	assert_string_equal(message_of(L, 1), "Too many: !!");
}

static void count_with_max_zero_is_a_forbid(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("none", "count", "warning", "letter", "M", ", \"patterns\": [\"x\"], \"max\": 0"));
	run(L, "a x b");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 2, 3);
}

static void list_accepts_a_list_of_its_role(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"causes-list", "list", "warning", "body", "No list of causes.",
			", \"role\": \"causes\", \"variants\": {\"prose\": {\"message\": \"Prose.\", \"suggestion\": \"List.\"}}"));
	run(L, "We apologize.\n\nROOT CAUSES\n\n- Our staff did not check the queue.\n");
	assert_int_equal(L->fs.n, 0);
}

static void list_reports_a_prose_section_at_its_heading(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"causes-list", "list", "warning", "body", "No list of causes.",
			", \"role\": \"causes\", \"variants\": {\"prose\": {\"message\": \"Prose.\", \"suggestion\": \"List.\"}}"));
	run(L, "We apologize.\n\nROOT CAUSE\n\nOur staff did not check the queue.\n");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 15, 25);
	assert_string_equal(message_of(L, 0), "Prose.");
}

static void list_without_any_causes_reports_the_first_line(void **state)
{
	al_linter *L = *state;
	add_rule(L,
		 rule_json("causes-list", "list", "warning", "body", "No list of causes.", ", \"role\": \"causes\""));
	run(L, "Dear Team,\n\nWe apologize.\n\nThanks");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 12, 25);
	assert_string_equal(message_of(L, 0), "No list of causes.");
}

static void numbered_list_rule_reports_a_bulleted_list_at_its_first_item(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("actions-list", "list", "warning", "body", "No numbered actions.",
			      ", \"role\": \"actions\", \"numbered\": true, \"variants\": {\"unnumbered\": "
			      "{\"message\": \"Bullets.\", \"suggestion\": \"Number them.\"}}"));
	const char *s =
		"We apologize.\n\nWe have taken the following steps:\n\n- We hired a packer.\n- We moved dispatch.\n";
	run(L, s);
	assert_int_equal(L->fs.n, 1);
	size_t at = (size_t)(strstr(s, "We hired") - s);
	assert_span(L, 0, at, at + strlen("We hired a packer."));
	assert_string_equal(message_of(L, 0), "Bullets.");
	run(L, "We apologize.\n\nWe have taken the following steps:\n\n1. We hired a packer.\n2. We moved dispatch.\n");
	assert_int_equal(L->fs.n, 0);
}

static void date_present_accepts_a_real_date(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"has-date", "date", "warning", "body", "No date.",
			", \"patterns\": [\"\\\\b(?<d>\\\\d{1,2})\\\\s+(?:May|June)\\\\b\"], \"mode\": \"present\", "
			"\"anchor\": [\"\\\\brecently\\\\b\"], \"variants\": {\"vague\": {\"message\": \"Vague: {match}.\", \"suggestion\": \"Date it.\"}}"));
	run(L, "We fixed it on 5 May.");
	assert_int_equal(L->fs.n, 0);
	run(L, "We fixed it on 45 May.");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 0, 22);
	assert_string_equal(message_of(L, 0), "No date.");
}

static void date_present_points_at_a_vague_word(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"has-date", "date", "warning", "body", "No date.",
			", \"patterns\": [\"\\\\b(?<d>\\\\d{1,2})\\\\s+(?:May|June)\\\\b\"], \"mode\": \"present\", "
			"\"anchor\": [\"\\\\brecently\\\\b\"], \"variants\": {\"vague\": {\"message\": \"Vague: {match}.\", \"suggestion\": \"Date it.\"}}"));
	run(L, "We fixed it recently.");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 12, 20);
	assert_string_equal(message_of(L, 0), "Vague: recently.");
}

static void date_ambiguous_reports_each_two_way_date(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"amb", "date", "info", "letter", "\\\"{match}\\\" is {dmy} or {mdy}.",
			", \"patterns\": [\"(?<a>\\\\d{1,2})/(?<b>\\\\d{1,2})/(?<y>\\\\d{4})\"], \"mode\": \"ambiguous\""));
	run(L, "On 06/02/2014, 23/01/2014, 05/05/2014 and 11/12/2015.");
	assert_int_equal(L->fs.n, 2);
	assert_span(L, 0, 3, 13);
	assert_string_equal(message_of(L, 0), "\"06/02/2014\" is 6 February 2014 or June 2, 2014.");
	assert_span(L, 1, 42, 52);
	assert_string_equal(message_of(L, 1), "\"11/12/2015\" is 11 December 2015 or November 12, 2015.");
	assert_int_equal(L->fs.list[0].severity, AL_SEV_INFO);
}

/* ---- length, substitute, issues, date old, skip_empty ---- */

static void length_reports_each_span_over_the_limit_without_codes(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("long", "length", "info", "sentence", "{words} > {max}.", ", \"max_words\": 3"));
	run(L, "One two three. One two three four. B0C4HT2WQ9 B0C4HT2WQ8 a b c.");
	assert_int_equal(L->fs.n, 1);
	assert_string_equal(message_of(L, 0), "4 > 3.");
	assert_span(L, 0, 15, 34);
}

static void length_counts_codes_when_asked_and_totals(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("codes", "length", "info", "sentence", "{words}.",
			      ", \"max_words\": 3, \"count_codes\": true"));
	add_rule(L,
		 rule_json("total", "length", "info", "body", "total {words}.", ", \"max_words\": 5, \"total\": true"));
	run(L, "Dear Team,\n\nWe sold B0C4HT2WQ9 on 3 May.\n\nWe are sorry.\n\nRegards,\nLi\n");
	assert_int_equal(L->fs.n, 2);
	assert_string_equal(message_of(L, 0), "6.");
	assert_string_equal(message_of(L, 1), "total 7.");
}

static void substitute_offers_the_replacement_with_groups(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("space", "substitute", "warning", "letter", "No space after {match}.",
			      ", \"patterns\": [\"(?<=[a-z])([,;])(?=[a-z])\"], \"replace\": \"$1 \""));
	run(L, "We shipped,we waited;we wrote.");
	assert_int_equal(L->fs.n, 2);
	assert_span(L, 0, 10, 11);
	assert_true(L->fs.list[0].has_fix);
	assert_string_equal(al_finding_str(&L->fs, L->fs.list[0].replacement), ", ");
	assert_string_equal(al_finding_str(&L->fs, L->fs.list[1].replacement), "; ");
}

static void issues_reports_a_metric_left_without_cause_or_action(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("each", "issues", "info", "body", "{metric} left.",
			      ", \"exceptions\": [\"\\\\bwell\\\\s+under\\\\b\"]"));
	const char *two = "Dear Team,\n\nOur ODR and our late shipment rate rose.\n\n"
			  "Root causes:\n- Our ODR rose because parcels broke.\n\n"
			  "Actions taken:\n1. We changed boxes on 3 May.\n\nThanks,\nLi\n";
	run(L, two);
	assert_int_equal(L->fs.n, 1);
	assert_string_equal(message_of(L, 0), "Late Shipment Rate left.");
	run(L, "Dear Team,\n\nOur ODR rose; our late shipment rate stayed well under 4%.\n\n"
	       "Root causes:\n- Our ODR rose because parcels broke.\n\nThanks,\nLi\n");
	assert_int_equal(L->fs.n, 0);
}

static void date_old_reports_an_anchored_date_a_year_before_the_newest(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("old", "date", "warning", "body", "{match}: {days} days.",
			      ", \"patterns\": [\"(?<y>\\\\d{4})-(?<m>\\\\d{2})-(?<d>\\\\d{2})\"], \"mode\": \"old\", "
			      "\"max\": 365, \"anchor\": [\"\\\\binvoice\\\\b\"]"));
	run(L, "The invoice of 2023-01-10 is attached. We wrote on 2024-03-01.");
	assert_int_equal(L->fs.n, 1);
	assert_string_equal(message_of(L, 0), "2023-01-10: 416 days.");
	run(L, "The invoice of 2023-06-10 is attached. We wrote on 2024-03-01.");
	assert_int_equal(L->fs.n, 0);
	run(L, "We were founded on 2015-01-10. We wrote on 2024-03-01.");
	assert_int_equal(L->fs.n, 0);
}

static void require_with_skip_empty_is_silent_on_an_empty_scope(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("done", "require", "warning", "list:actions", "Not done.",
			      ", \"patterns\": [\"\\\\bhired\\\\b\"], \"skip_empty\": true"));
	run(L, "Dear Team,\n\nWe are sorry.\n\nThanks,\nLi\n");
	assert_int_equal(L->fs.n, 0);
	run(L, "Dear Team,\n\nWe are sorry.\n\nActions taken:\n1. We will hire a packer.\n\nThanks,\nLi\n");
	assert_int_equal(L->fs.n, 1);
	run(L, "Dear Team,\n\nWe are sorry.\n\nActions taken:\nWe will hire a packer.\n\nThanks,\nLi\n");
	assert_int_equal(L->fs.n, 1); /* a prose section counts as the list */
	run(L, "Dear Team,\n\nWe are sorry.\n\nActions taken:\n1. We hired a packer.\n\n"
	       "Preventive measures:\n1. We will check stock every day.\n\nThanks,\nLi\n");
	assert_int_equal(L->fs.n, 0); /* preventive lists may promise */
}

static void metric_reports_a_metric_named_without_its_target(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"target", "metric", "warning", "body", "{metric} needs {target}.",
			", \"variants\": {\"wrong\": {\"message\": \"{metric}: {cited} is not {target}.\", \"suggestion\": \"Fix.\"}}"));
	run(L, "Our ODR rose to 2%.");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 4, 7);
	assert_string_equal(message_of(L, 0), "Order Defect Rate needs under 1%.");
}

static void metric_accepts_the_right_target_and_reports_a_wrong_one(void **state)
{
	al_linter *L = *state;
	add_rule(
		L,
		rule_json(
			"target", "metric", "warning", "body", "{metric} needs {target}.",
			", \"variants\": {\"wrong\": {\"message\": \"{metric}: {cited} is not {target}.\", \"suggestion\": \"Fix.\"}}"));
	run(L, "Our ODR rose to 2%, but Amazon requires an ODR under 1%.");
	assert_int_equal(L->fs.n, 0);
	const char *s = "Our ODR must stay under 2%.";
	run(L, s);
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 18, 26);
	assert_string_equal(message_of(L, 0), "Order Defect Rate: under 2% is not under 1%.");
	run(L, "Our shoes are 100% leather.");
	assert_int_equal(L->fs.n, 0);
}

static void encoding_reports_the_first_bad_byte_and_a_nul(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("enc", "encoding", "error", "letter", "Bad bytes.",
			      ", \"variants\": {\"nul\": {\"message\": \"NUL.\", \"suggestion\": \"Plain text.\"}}"));
	static const char s[] = "We sell caf\xE9\xE9 mugs.\0 Thanks \xFF";
	al_linter_run_string(L, s, sizeof s - 1, NULL);
	assert_int_equal(L->fs.n, 2);
	assert_span(L, 0, 11, 13); /* the run of bad bytes */
	assert_string_equal(message_of(L, 0), "Bad bytes.");
	assert_span(L, 1, 19, 20);
	assert_string_equal(message_of(L, 1), "NUL.");
	run(L, "We sell caf\xC3\xA9 mugs.");
	assert_int_equal(L->fs.n, 0);
}

static void encoding_positions_a_bad_byte_by_line_and_column(void **state)
{
	al_linter *L = *state;
	add_rule(L, rule_json("enc", "encoding", "error", "letter", "Bad bytes.", ""));
	run(L, "Dear Team,\n\nWe sell \xE2\x80\x9C"
	       "caf\xE9\xE2\x80\x9D mugs.");
	assert_int_equal(L->fs.n, 1);
	assert_span(L, 0, 26, 27);
	al_pos p = al_text_pos(&L->text, L->fs.list[0].span.start);
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 13);
}

/* ---- pcre2 wrapper ---- */

static void re_compile_reports_message_and_offset(void **state)
{
	(void)state;
	al_re re = { NULL };
	char msg[256] = "";
	size_t off = 99;
	assert_int_equal(al_re_compile(&re, "ab(c", 0, msg, sizeof msg, &off), -1);
	assert_false(al_re_has(&re));
	assert_non_null(strstr(msg, "missing closing parenthesis"));
	assert_int_equal(off, 4);
	assert_int_equal(al_re_compile(&re, "a{2,1}", 0, msg, sizeof msg, &off), -1);
	assert_non_null(strstr(msg, "out of order"));
	assert_int_equal(off, 5);
	assert_int_equal(al_re_compile(&re, "x[", 0, msg, sizeof msg, &off), -1);
	assert_int_equal(off, 2);
}

static void re_compile_refuses_an_empty_match(void **state)
{
	(void)state;
	al_re re = { NULL };
	char msg[256] = "";
	size_t off = 99;
	assert_int_equal(al_re_compile(&re, "a?", 0, msg, sizeof msg, &off), -1);
	assert_false(al_re_has(&re));
	assert_string_equal(msg, "pattern can match an empty string");
	assert_int_equal(off, 0);
	assert_int_equal(al_re_compile(&re, "a+", 0, msg, sizeof msg, &off), 0);
	assert_true(al_re_has(&re));
	al_re_free(&re);
	assert_false(al_re_has(&re));
}

static void re_find_respects_from_and_end(void **state)
{
	(void)state;
	al_re re = { NULL };
	char msg[256];
	size_t off, ms = 0, me = 0;
	assert_int_equal(al_re_compile(&re, "foo", 0, msg, sizeof msg, &off), 0);
	al_matcher m;
	al_matcher_init(&m);
	const char *s = "foo bar FOO";
	assert_int_equal(al_re_find(&re, &m, s, 0, 11, &ms, &me), 1);
	assert_int_equal(ms, 0);
	assert_int_equal(me, 3);
	assert_int_equal(al_re_find(&re, &m, s, 1, 11, &ms, &me), 1); /* caseless by default */
	assert_int_equal(ms, 8);
	assert_int_equal(me, 11);
	assert_int_equal(al_re_find(&re, &m, s, 1, 10, &ms, &me), 0); /* "FO" only */
	assert_int_equal(al_re_find(&re, &m, s, 5, 4, &ms, &me), 0);  /* from > end */
	al_re none = { NULL };
	assert_int_equal(al_re_find(&none, &m, s, 0, 11, &ms, &me), 0);
	al_matcher_free(&m);
	al_re_free(&re);
}

static void re_find_lookbehind_sees_text_before_from(void **state)
{
	(void)state;
	al_re behind = { NULL }, word = { NULL }, caps = { NULL };
	char msg[256];
	size_t off, ms = 0, me = 0;
	assert_int_equal(al_re_compile(&behind, "(?<=foo)bar", 0, msg, sizeof msg, &off), 0);
	assert_int_equal(al_re_compile(&word, "\\bbar", 0, msg, sizeof msg, &off), 0);
	assert_int_equal(al_re_compile(&caps, "FOO", AL_RE_CASE, msg, sizeof msg, &off), 0);
	al_matcher m;
	al_matcher_init(&m);
	const char *s = "foobar bar foo";
	int a = al_re_find(&behind, &m, s, 3, strlen(s), &ms, &me);
	size_t a_ms = ms, a_me = me;
	int b = al_re_find(&word, &m, s, 3, strlen(s), &ms, &me); /* no boundary inside "foobar" */
	size_t b_ms = ms;
	int c = al_re_find(&caps, &m, s, 0, strlen(s), &ms, &me);
	al_matcher_free(&m);
	al_re_free(&behind);
	al_re_free(&word);
	al_re_free(&caps);
	assert_int_equal(a, 1);
	assert_int_equal(a_ms, 3);
	assert_int_equal(a_me, 6);
	assert_int_equal(b, 1);
	assert_int_equal(b_ms, 7);
	assert_int_equal(c, 0);
}

static void re_groups_and_named_groups_are_read(void **state)
{
	(void)state;
	al_re re = { NULL };
	char msg[256];
	size_t off, ms = 0, me = 0, gs = 0, ge = 0;
	assert_int_equal(al_re_compile(&re, "(?<d>\\d+)/(?<m>\\d+)|(?<m>[a-z]+) (?<d>\\d+)", 0, msg, sizeof msg, &off),
			 0);
	al_matcher m;
	al_matcher_init(&m);
	const char *s = "on may 5";
	assert_int_equal(al_re_find(&re, &m, s, 0, strlen(s), &ms, &me), 1);
	assert_int_equal(ms, 3);
	assert_int_equal(al_re_named(&re, &m, "m", &gs, &ge), 1);
	assert_int_equal(gs, 3);
	assert_int_equal(ge, 6);
	assert_int_equal(al_re_named(&re, &m, "d", &gs, &ge), 1);
	assert_int_equal(gs, 7);
	assert_int_equal(ge, 8);
	assert_int_equal(al_re_group(&m, 1, &gs, &ge), 0); /* the first alternative did not take part */
	assert_int_equal(al_re_named(&re, &m, "y", &gs, &ge), 0);
	al_matcher_free(&m);
	al_re_free(&re);
}

static void re_find_stops_at_the_match_limit(void **state)
{
	(void)state;
	al_re re = { NULL };
	char msg[256];
	size_t off, ms = 0, me = 0;
	assert_int_equal(al_re_compile(&re, "(?:a+)+[bc]", 0, msg, sizeof msg, &off), 0);
	al_matcher m;
	al_matcher_init(&m);
	char s[64];
	memset(s, 'a', 40);
	s[40] = '\0';
	int rc = al_re_find(&re, &m, s, 0, 40, &ms, &me);
	unsigned long hits = m.limit_hits;
	al_matcher_free(&m);
	al_re_free(&re);
	assert_int_equal(rc, -1);
	assert_int_equal(hits, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(findings_are_ordered_by_offset_then_rule_id, setup, teardown),
		cmocka_unit_test_setup_teardown(run_with_one_rule_reports_only_that_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(findings_are_reset_between_letters, setup, teardown),
		cmocka_unit_test_setup_teardown(report_fills_match_and_leaves_unknown_names, setup, teardown),
		cmocka_unit_test_setup_teardown(report_quotes_a_match_in_one_line_and_whole_characters, setup,
						teardown),
		cmocka_unit_test_setup_teardown(report_expands_caller_variables, setup, teardown),
		cmocka_unit_test(score_is_100_without_findings),
		cmocka_unit_test(score_weighs_each_severity),
		cmocka_unit_test(score_halves_each_repeat_of_a_rule),
		cmocka_unit_test(score_takes_the_rule_weight),
		cmocka_unit_test(score_floors_at_zero),
		cmocka_unit_test(score_explains_each_rule),
		cmocka_unit_test_setup_teardown(score_of_a_real_run, setup, teardown),
		cmocka_unit_test_setup_teardown(forbid_reports_each_match_not_covered_by_an_exception, setup, teardown),
		cmocka_unit_test_setup_teardown(forbid_is_caseless_unless_case_sensitive, setup, teardown),
		cmocka_unit_test_setup_teardown(forbid_looks_only_in_its_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(require_reports_a_missing_pattern_at_the_first_line_of_its_scope, setup,
						teardown),
		cmocka_unit_test_setup_teardown(require_reports_each_forbidden_match_with_its_variant, setup, teardown),
		cmocka_unit_test_setup_teardown(require_points_at_the_anchor_when_one_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(count_reports_every_match_over_the_maximum, setup, teardown),
		cmocka_unit_test_setup_teardown(count_with_max_zero_is_a_forbid, setup, teardown),
		cmocka_unit_test_setup_teardown(list_accepts_a_list_of_its_role, setup, teardown),
		cmocka_unit_test_setup_teardown(list_reports_a_prose_section_at_its_heading, setup, teardown),
		cmocka_unit_test_setup_teardown(list_without_any_causes_reports_the_first_line, setup, teardown),
		cmocka_unit_test_setup_teardown(numbered_list_rule_reports_a_bulleted_list_at_its_first_item, setup,
						teardown),
		cmocka_unit_test_setup_teardown(date_present_accepts_a_real_date, setup, teardown),
		cmocka_unit_test_setup_teardown(date_present_points_at_a_vague_word, setup, teardown),
		cmocka_unit_test_setup_teardown(date_ambiguous_reports_each_two_way_date, setup, teardown),
		cmocka_unit_test_setup_teardown(length_reports_each_span_over_the_limit_without_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(length_counts_codes_when_asked_and_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(substitute_offers_the_replacement_with_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(issues_reports_a_metric_left_without_cause_or_action, setup, teardown),
		cmocka_unit_test_setup_teardown(date_old_reports_an_anchored_date_a_year_before_the_newest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(require_with_skip_empty_is_silent_on_an_empty_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(metric_reports_a_metric_named_without_its_target, setup, teardown),
		cmocka_unit_test_setup_teardown(metric_accepts_the_right_target_and_reports_a_wrong_one, setup,
						teardown),
		cmocka_unit_test_setup_teardown(encoding_reports_the_first_bad_byte_and_a_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(encoding_positions_a_bad_byte_by_line_and_column, setup, teardown),
		cmocka_unit_test(re_compile_reports_message_and_offset),
		cmocka_unit_test(re_compile_refuses_an_empty_match),
		cmocka_unit_test(re_find_respects_from_and_end),
		cmocka_unit_test(re_find_lookbehind_sees_text_before_from),
		cmocka_unit_test(re_groups_and_named_groups_are_read),
		cmocka_unit_test(re_find_stops_at_the_match_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
