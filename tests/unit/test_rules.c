/* test_rules.c - unit tests for rules.c: loading rule files from JSON, the
 * errors (code, file, line, column, message) for each kind of mistake, data
 * files, replacing rules by id, and loading a folder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rules/kinds.h"
#include "rules/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---- */

#define RULE_MAX 4096

/* A rule file with one key per line: "id" on line 2, "kind" 3, "severity" 4,
 * "scope" 5, "summary" 6, "message" 7, "suggestion" 8, "explain" 9,
 * "sources" 10, "examples" 11; extra (starting ",\n") adds lines from 12. */
static const char *rule_text(const char *id, const char *kind, const char *severity, const char *scope_name,
			     const char *extra)
{
	static char buf[RULE_MAX];
	int n = snprintf(buf, sizeof buf,
			 "{\n"
			 "  \"id\": \"%s\",\n"
			 "  \"kind\": \"%s\",\n"
			 "  \"severity\": \"%s\",\n"
			 "  \"scope\": \"%s\",\n"
			 "  \"summary\": \"Sum.\",\n"
			 "  \"message\": \"Found {match}.\",\n"
			 "  \"suggestion\": \"Fix it.\",\n"
			 "  \"explain\": \"Why.\",\n"
			 "  \"sources\": [\"https://example.com/a\"],\n"
			 "  \"examples\": {\"bad\": [\"bad\"], \"good\": [\"good\"]}%s\n"
			 "}\n",
			 id, kind, severity, scope_name, extra);
	assert_true(n > 0 && (size_t)n < sizeof buf);
	return buf;
}

/* Replaces the first old in buf (of size cap) with rep. */
static void subst(char *buf, size_t cap, const char *old, const char *rep)
{
	char *at = strstr(buf, old);
	if (!at)
		fail_msg("\"%s\" not found", old);
	size_t lo = strlen(old), lr = strlen(rep), tail = strlen(at + lo);
	assert_true((size_t)(at - buf) + lr + tail < cap);
	memmove(at + lr, at + lo, tail + 1);
	memcpy(at, rep, lr);
}

static int load(al_ruleset *rs, const char *file, const char *json, al_error *err)
{
	memset(err, 0, sizeof *err);
	return al_ruleset_load_json(rs, file, json, strlen(json), err);
}

/* Loads json into a fresh rule set, expecting an error; returns it. */
static al_error load_error(const char *json)
{
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	int rc = load(&rs, "t.json", json, &err);
	size_t n = rs.n;
	al_ruleset_free(&rs);
	if (rc != -1)
		fail_msg("loaded without error: %s", json);
	assert_int_equal(n, 0);
	assert_string_equal(err.file, "t.json");
	assert_true(err.msg[0] != '\0');
	return err;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

/* ---- valid rules ---- */

static void minimal_rule_of_each_kind_loads(void **state)
{
	(void)state;
	static const struct {
		const char *kind, *extra;
	} cases[] = {
		{ "forbid",
		  ",\n  \"patterns\": [\"\\\\bbad\\\\b\"],\n  \"exceptions\": [\"not bad\"],\n  \"case_sensitive\": true" },
		{ "require",
		  ",\n  \"patterns\": [\"\\\\bsorry\\\\b\"],\n  \"anchor\": [\"we\"],\n  \"forbid\": [\"\\\\bnow\\\\b\"],\n"
		  "  \"variants\": {\"forbidden\": {\"message\": \"M\", \"suggestion\": \"S\"}}" },
		{ "count", ",\n  \"patterns\": [\"!\"],\n  \"max\": 1" },
		{ "list",
		  ",\n  \"role\": \"actions\",\n  \"numbered\": true,\n  \"anchor\": [\"we will\"],\n"
		  "  \"variants\": {\"prose\": {\"message\": \"M\", \"suggestion\": \"S\"}, \"unnumbered\": {\"message\": \"M2\", \"suggestion\": \"S2\"}}" },
		{ "metric", ",\n  \"variants\": {\"wrong\": {\"message\": \"M\", \"suggestion\": \"S\"}}" },
		{ "date", ",\n  \"patterns\": [\"(?<d>\\\\d{1,2}) May\"],\n  \"mode\": \"present\"" },
		{ "encoding", ",\n  \"variants\": {\"nul\": {\"message\": \"M\", \"suggestion\": \"S\"}}" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		al_ruleset rs;
		memset(&rs, 0, sizeof rs);
		al_error err;
		char id[32];
		snprintf(id, sizeof id, "my-%s-1", cases[i].kind);
		int rc = load(&rs, "kinds.json", rule_text(id, cases[i].kind, "error", "body", cases[i].extra), &err);
		if (rc) {
			al_ruleset_free(&rs);
			fail_msg("%s: %d:%d: %s", cases[i].kind, err.line, err.col, err.msg);
		}
		int n = (int)rs.n;
		const al_rule *r = al_ruleset_find(&rs, id);
		int kind = r ? r->kind : -1, sev = r ? (int)r->severity : -1, sc = r ? (int)r->scope : -1;
		int ok_text = r && strcmp(al_tx(&r->message), "Found {match}.") == 0 &&
			      strcmp(r->file, "kinds.json") == 0 && r->nsources == 1 && r->nbad == 1 && r->ngood == 1 &&
			      strcmp(r->bad[0], "bad") == 0;
		al_ruleset_free(&rs);
		assert_int_equal(n, 1);
		assert_int_equal(kind, al_kind_index(cases[i].kind));
		assert_int_equal(sev, AL_SEV_ERROR);
		assert_int_equal(sc, AL_SCOPE_BODY);
		assert_true(ok_text);
	}
}

/* A count rule at most 3 times "!", with extra keys, loaded into a fresh
 * *rs. */
static int load_count(al_ruleset *rs, const char *file, const char *extra, al_error *err)
{
	char opts[256];
	snprintf(opts, sizeof opts, ",\n  \"patterns\": [\"!\"],\n  \"max\": 3%s", extra);
	memset(rs, 0, sizeof *rs);
	return load(rs, file, rule_text("cnt", "count", "warning", "sentence", opts), err);
}

static void rule_options_are_read(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	assert_int_equal(
		load(&rs, "a.json",
		     rule_text(
			     "opts", "list", "info", "section:causes",
			     ",\n  \"role\": \"causes\",\n  \"numbered\": true,\n"
			     "  \"variants\": {\"prose\": {\"message\": {\"en\": \"Prose.\", \"fr\": \"Prose !\"}, \"suggestion\": \"List.\"}}"),
		     &err),
		0);
	const al_rule *r = al_ruleset_find(&rs, "opts");
	assert_non_null(r);
	assert_int_equal(r->severity, AL_SEV_INFO);
	assert_int_equal(r->scope, AL_SCOPE_CAUSES);
	assert_int_equal(r->role, AL_ROLE_CAUSES);
	assert_int_equal(r->numbered, 1);
	assert_int_equal(r->nvariants, 1);
	const al_variant *v = al_rule_variant(r, "prose");
	assert_non_null(v);
	assert_string_equal(al_tx(&v->message), "Prose.");
	assert_string_equal(al_tx(&v->suggestion), "List.");
	assert_null(al_rule_variant(r, "unnumbered"));
	assert_null(al_rule_variant(r, NULL));
	assert_null(al_ruleset_find(&rs, "nope"));
	al_ruleset_free(&rs);

	assert_int_equal(load_count(&rs, "b.json", "", &err), 0);
	assert_int_equal(rs.rules[0].max, 3);
	assert_int_equal(rs.rules[0].case_sensitive, 0);
	assert_int_equal(rs.rules[0].with_plan, 0);
	al_ruleset_free(&rs);
	assert_int_equal(load_count(&rs, "p.json", ",\n  \"with_plan\": true", &err), 0);
	assert_int_equal(rs.rules[0].with_plan, 1);
	al_ruleset_free(&rs);
	assert_int_equal(load_count(&rs, "q.json", ",\n  \"with_plan\": \"yes\"", &err), -1);
	assert_contains(err.msg, "'with_plan' must be true or false");
	al_ruleset_free(&rs);

	memset(&rs, 0, sizeof rs);
	assert_int_equal(
		load(&rs, "c.json",
		     rule_text(
			     "amb", "date", "info", "letter",
			     ",\n  \"patterns\": [\"(?<a>\\\\d\\\\d)/(?<b>\\\\d\\\\d)/(?<y>\\\\d{4})\"],\n  \"mode\": \"ambiguous\""),
		     &err),
		0);
	assert_int_equal(rs.rules[0].mode, AL_DATE_AMBIGUOUS);
	assert_true(al_re_has(&rs.rules[0].patterns));
	assert_false(al_re_has(&rs.rules[0].anchor));
	al_ruleset_free(&rs);
}

static void patterns_are_caseless_unless_case_sensitive(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	assert_int_equal(load(&rs, "a.json",
			      rule_text("nocase", "forbid", "error", "letter", ",\n  \"patterns\": [\"tbd\"]"), &err),
			 0);
	assert_int_equal(load(&rs, "b.json",
			      rule_text("case", "forbid", "error", "letter",
					",\n  \"patterns\": [\"TBD\"],\n  \"case_sensitive\": true"),
			      &err),
			 0);
	al_matcher m;
	al_matcher_init(&m);
	size_t ms = 0, me = 0;
	const char *s = "date tbd, TBD";
	int a = al_re_find(&al_ruleset_find(&rs, "nocase")->patterns, &m, s, 0, strlen(s), &ms, &me);
	size_t a_ms = ms;
	int b = al_re_find(&al_ruleset_find(&rs, "case")->patterns, &m, s, 0, strlen(s), &ms, &me);
	size_t b_ms = ms;
	al_matcher_free(&m);
	al_ruleset_free(&rs);
	assert_int_equal(a, 1);
	assert_int_equal(a_ms, 5);
	assert_int_equal(b, 1);
	assert_int_equal(b_ms, 10);
}

static void several_patterns_combine_into_one_alternation(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	assert_int_equal(load(&rs, "a.json",
			      rule_text("alt", "forbid", "error", "letter",
					",\n  \"patterns\": [\"alpha\", \"(beta)\", \"gam|ma\"]"),
			      &err),
			 0);
	al_matcher m;
	al_matcher_init(&m);
	const char *s = "x ma beta alpha";
	size_t ms = 0, me = 0;
	int rc = al_re_find(&rs.rules[0].patterns, &m, s, 0, strlen(s), &ms, &me);
	al_matcher_free(&m);
	al_ruleset_free(&rs);
	/* "gam|ma" stays one alternative of its own group: "ma" matches at 2 */
	assert_int_equal(rc, 1);
	assert_int_equal(ms, 2);
	assert_int_equal(me, 4);
}

static void an_array_of_two_rules_loads_both(void **state)
{
	(void)state;
	char json[2 * RULE_MAX + 8];
	char first[RULE_MAX];
	snprintf(first, sizeof first, "%s",
		 rule_text("one", "forbid", "error", "letter", ",\n  \"patterns\": [\"x1\"]"));
	snprintf(json, sizeof json, "[%s,%s]", first,
		 rule_text("two", "require", "warning", "opening", ",\n  \"patterns\": [\"x2\"]"));
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	int rc = load(&rs, "pair.json", json, &err);
	size_t n = rs.n;
	int one = al_ruleset_find(&rs, "one") != NULL, two = al_ruleset_find(&rs, "two") != NULL;
	al_ruleset_free(&rs);
	assert_int_equal(rc, 0);
	assert_int_equal(n, 2);
	assert_true(one);
	assert_true(two);
}

static void json_schema_document_is_skipped(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	int rc = load(
		&rs, "schema.json",
		"{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"title\": \"rule\", \"type\": \"object\"}",
		&err);
	size_t n = rs.n;
	al_ruleset_free(&rs);
	assert_int_equal(rc, 0);
	assert_int_equal(n, 0);
}

static void same_id_in_a_later_file_replaces_the_rule(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	assert_int_equal(load(&rs, "first.json",
			      rule_text("dup", "forbid", "error", "letter", ",\n  \"patterns\": [\"one\"]"), &err),
			 0);
	assert_int_equal(load(&rs, "other.json",
			      rule_text("other", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"]"), &err),
			 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(load(&rs, "second.json",
			      rule_text("dup", "count", "info", "body", ",\n  \"patterns\": [\"two\"],\n  \"max\": 4"),
			      &err),
			 0);
	size_t n = rs.n;
	const al_rule *r = al_ruleset_find(&rs, "dup");
	int kind = r->kind, max = r->max, sev = (int)r->severity;
	int file_ok = strcmp(r->file, "second.json") == 0;
	int first = &rs.rules[0] == r; /* it keeps its place */
	al_ruleset_free(&rs);
	assert_int_equal(n, 2);
	assert_int_equal(kind, al_kind_index("count"));
	assert_int_equal(max, 4);
	assert_int_equal(sev, AL_SEV_INFO);
	assert_true(file_ok);
	assert_true(first);
}

static void builtin_rules_load(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_ruleset_load_builtin(&rs, &err);
	size_t n = rs.n, nmetrics = rs.metrics.n;
	int vocab = al_re_has(&rs.vocab.salutation) && rs.vocab.nabbrevs > 10;
	int apology = al_ruleset_find(&rs, "apology") != NULL;
	al_ruleset_free(&rs);
	if (rc)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
	assert_true(n >= 8);
	assert_int_equal(nmetrics, 5);
	assert_true(vocab);
	assert_true(apology);
}

/* ---- errors ---- */

static void invalid_json_reports_where_parsing_stopped(void **state)
{
	(void)state;
	al_error err = load_error("{\n  \"id\": \"x\",\n  \"kind\" \"forbid\"\n}\n");
	assert_int_equal(err.code, AL_ERR_JSON);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 10); /* the '"' where ':' should be */
	assert_contains(err.msg, "invalid JSON");
	err = load_error("[1, 2,");
	assert_int_equal(err.code, AL_ERR_JSON);
	assert_int_equal(err.line, 1);
}

static void unknown_key_is_named_at_its_line(void **state)
{
	(void)state;
	al_error err = load_error(
		rule_text("r1", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"colour\": \"red\""));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 13);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "rule 'r1'");
	assert_contains(err.msg, "unknown key 'colour'");
}

static void missing_required_key_points_at_the_rule(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r2", "forbid", "error", "letter", ""));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "rule 'r2'");
	assert_contains(err.msg, "missing key 'patterns'");
	err = load_error("{\"id\": \"r3\", \"kind\": \"metric\", \"severity\": \"error\", \"scope\": \"body\"}");
	assert_contains(err.msg, "rule 'r3'");
	assert_contains(err.msg, "missing key 'summary'");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 2);
}

static void missing_id_is_an_error(void **state)
{
	(void)state;
	al_error err = load_error("{\"kind\": \"metric\"}");
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "'id'");
	err = load_error("{\"id\": \"Bad_Id\", \"kind\": \"metric\"}");
	assert_contains(err.msg, "Bad_Id");
	assert_contains(err.msg, "a-z, 0-9 and '-'");
}

static void key_not_allowed_for_the_kind_is_an_error(void **state)
{
	(void)state;
	al_error err = load_error(
		rule_text("r4", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"role\": \"causes\""));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 13);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "rule 'r4'");
	assert_contains(err.msg, "key 'role' does not apply to kind 'forbid'");
	err = load_error(rule_text("r5", "metric", "error", "letter", ",\n  \"max\": 2"));
	assert_contains(err.msg, "key 'max' does not apply to kind 'metric'");
	assert_int_equal(err.line, 12);
}

/* Regression: error positions come from find_quoted(), which looks for the first
 * quoted string equal to the key after the rule's "id", key or value alike.
 * A "forbid" key on a rule of kind "forbid" is reported at the kind's value
 * (line 3) instead of at the key (line 13). */
static void error_about_a_key_points_at_the_key_not_an_equal_value(void **state)
{
	(void)state;
	al_error err = load_error(
		rule_text("r6", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"forbid\": [\"y\"]"));
	assert_contains(err.msg, "key 'forbid' does not apply to kind 'forbid'");
	assert_int_equal(err.line, 13);
	assert_int_equal(err.col, 3);
}

static void unknown_kind_lists_the_kinds(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r7", "replace", "error", "letter", ""));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "rule 'r7'");
	assert_contains(err.msg, "'kind'");
	assert_contains(
		err.msg,
		"forbid, require, count, first, list, metric, date, length, substitute, issues, spelling, shouting, repeat, encoding");
}

static void unowned_concepts_and_owned_by_go_together(void **state)
{
	(void)state;
	al_error err =
		load_error(rule_text("story", "forbid", "warning", "body",
				     ",\n  \"patterns\": [\"x\"],\n  \"unowned_concepts\": [\"^CARRIER ~4 never\"]"));
	assert_contains(err.msg, "'unowned_concepts' and 'owned_by' go together");
	err = load_error(rule_text("story", "forbid", "warning", "body",
				   ",\n  \"patterns\": [\"x\"],\n  \"owned_by\": \"apology\""));
	assert_contains(err.msg, "'unowned_concepts' and 'owned_by' go together");
	assert_true(err.line > 0);
}

static void owned_unless_and_unowned_also_need_their_partners(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("story", "forbid", "warning", "body",
					    ",\n  \"patterns\": [\"x\"],\n  \"owned_unless\": [\"ACCUSE\"]"));
	assert_contains(err.msg, "'owned_unless' needs 'owned_sentence'");
	assert_true(err.line > 0);
	err = load_error(rule_text("story", "forbid", "warning", "body",
				   ",\n  \"patterns\": [\"x\"],\n  \"unowned_also\": \"amazon-criticism\""));
	assert_contains(err.msg, "'unowned_also' needs 'owned_by'");
	assert_true(err.line > 0);
}

static void bad_severity_is_an_error(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r8", "metric", "fatal", "letter", ""));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "rule 'r8'");
	assert_contains(err.msg, "'severity' must be one of: info, warning, error");
	/* "none" is a --fail-on level, not a severity */
	err = load_error(rule_text("r8", "metric", "none", "letter", ""));
	assert_contains(err.msg, "'severity'");
}

static void bad_scope_is_an_error(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r9", "metric", "error", "section:reasons", ""));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 5);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "rule 'r9'");
	assert_contains(err.msg, "'scope' is not a known scope");
	assert_contains(err.msg, "section:causes");
}

static void bad_regex_names_the_pattern_and_offset(void **state)
{
	(void)state;
	al_error err =
		load_error(rule_text("r10", "forbid", "error", "letter", ",\n  \"patterns\": [\"ok\", \"(unclosed\"]"));
	assert_int_equal(err.code, AL_ERR_REGEX);
	assert_int_equal(err.line, 12);
	assert_int_equal(err.col, 22); /* the second pattern's opening quote */
	assert_contains(err.msg, "rule 'r10'");
	assert_contains(err.msg, "patterns[1]");
	assert_contains(err.msg, "at offset 9");
	assert_contains(err.msg, "parenthesis");
}

static void bad_regex_in_another_key_names_that_key(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r11", "require", "error", "letter",
					    ",\n  \"patterns\": [\"ok\"],\n  \"forbid\": [\"a\", \"b\", \"c[\"]"));
	assert_int_equal(err.code, AL_ERR_REGEX);
	assert_int_equal(err.line, 13);
	assert_contains(err.msg, "forbid[2]");
	assert_contains(err.msg, "at offset 2");
}

static void pattern_matching_the_empty_string_is_refused(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r12", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\", \"y*\"]"));
	assert_int_equal(err.code, AL_ERR_REGEX);
	assert_contains(err.msg, "patterns[1]");
	assert_contains(err.msg, "empty string");
	err = load_error(rule_text("r12", "forbid", "error", "letter", ",\n  \"patterns\": [\"(?:x|)\"]"));
	assert_contains(err.msg, "patterns[0]");
	assert_contains(err.msg, "empty string");
}

/* Regression: al_re_compile() refused a pattern with minimum length 0 only
 * when it matched the empty subject "", so "\b" loaded and could match the
 * empty string inside any text. (A lookahead alone such as "(?=a)" needs a
 * subject of length 1, so it loads; the engine ignores its empty matches.) */
static void zero_width_pattern_is_refused(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r12", "forbid", "error", "letter", ",\n  \"patterns\": [\"\\\\b\"]"));
	assert_int_equal(err.code, AL_ERR_REGEX);
	assert_contains(err.msg, "empty string");
	err = load_error(rule_text("r12", "forbid", "error", "letter", ",\n  \"patterns\": [\"x*\"]"));
	assert_contains(err.msg, "empty string");
}

static void empty_pattern_list_is_refused(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r13", "forbid", "error", "letter", ",\n  \"patterns\": []"));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "'patterns' must hold at least one pattern");
	err = load_error(rule_text("r13", "forbid", "error", "letter", ",\n  \"patterns\": \"x\""));
	assert_contains(err.msg, "'patterns' must be an array of strings");
}

/* Regression: get_strings() frees the strings read so far (counting i down to 0)
 * before it computes the error position with key_offset(s, key, i), so a
 * non-string element is always reported at the first element. */
static void non_string_pattern_is_reported_at_its_element(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r13", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\", 5]"));
	assert_contains(err.msg, "'patterns' must be an array of strings");
	assert_int_equal(err.line, 12);
	assert_int_equal(err.col, 21); /* the 5 */
}

static void examples_need_a_bad_and_a_good_example(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		"{\"good\": [\"g\"]}",
		"{\"bad\": [\"b\"]}",
		"{\"bad\": [], \"good\": [\"g\"]}",
		"[\"b\", \"g\"]",
	};
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		char json[1024];
		snprintf(json, sizeof json,
			 "{\n"
			 "  \"id\": \"ex\",\n"
			 "  \"kind\": \"metric\",\n"
			 "  \"severity\": \"error\",\n"
			 "  \"scope\": \"letter\",\n"
			 "  \"summary\": \"S\",\n"
			 "  \"message\": \"M\",\n"
			 "  \"suggestion\": \"G\",\n"
			 "  \"explain\": \"E\",\n"
			 "  \"sources\": [\"s\"],\n"
			 "  \"examples\": %s\n"
			 "}\n",
			 bodies[i]);
		al_error err = load_error(json);
		assert_int_equal(err.code, AL_ERR_RULE);
		assert_contains(err.msg, "rule 'ex'");
		assert_contains(err.msg, "'examples'");
		assert_int_equal(err.line, 11);
		assert_int_equal(err.col, 3);
	}
}

static void unknown_example_key_is_an_error(void **state)
{
	(void)state;
	char json[RULE_MAX];
	snprintf(json, sizeof json, "%s", rule_text("ex2", "metric", "error", "letter", ""));
	subst(json, sizeof json, "\"good\": [\"good\"]}", "\"good\": [\"good\"], \"ugly\": []}");
	al_error err = load_error(json);
	assert_contains(err.msg, "unknown key 'ugly' in examples");
}

/* examples.fixed gives each bad example's text after --fix: kept by
 * position, so one per bad example and no fewer. */
static void fixed_examples_pair_with_bad_ones(void **state)
{
	(void)state;
	char json[RULE_MAX];
	snprintf(json, sizeof json, "%s",
		 rule_text("ex3", "substitute", "error", "letter",
			   ",\n  \"patterns\": [\"bad\"],\n  \"replace\": \"good\""));
	subst(json, sizeof json, "\"good\": [\"good\"]}", "\"good\": [\"good\"], \"fixed\": [\"good\"]}");
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	assert_int_equal(load(&rs, "t.json", json, &err), 0);
	assert_int_equal(rs.rules[0].nfixed, 1);
	assert_string_equal(rs.rules[0].fixed[0], "good");
	al_ruleset_free(&rs);
	subst(json, sizeof json, "\"fixed\": [\"good\"]", "\"fixed\": [\"good\", \"more\"]");
	err = load_error(json);
	assert_contains(err.msg, "'fixed' must give one text for each bad example");
}

/* Regression: get_variants() passes its format arguments in the wrong order: the
 * message reads "kind 'oops' has no variant 'require'" instead of "kind
 * 'require' has no variant 'oops'". */
static void unknown_variant_name_is_an_error(void **state)
{
	(void)state;
	al_error err = load_error(rule_text(
		"r14", "require", "error", "letter",
		",\n  \"patterns\": [\"x\"],\n  \"variants\": {\"oops\": {\"message\": \"M\", \"suggestion\": \"S\"}}"));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 13);
	assert_contains(err.msg, "rule 'r14'");
	assert_contains(err.msg, "kind 'require' has no variant 'oops'");
}

static void kind_without_variants_refuses_any_variant(void **state)
{
	(void)state;
	al_error err = load_error(rule_text(
		"r15", "forbid", "error", "letter",
		",\n  \"patterns\": [\"x\"],\n  \"variants\": {\"prose\": {\"message\": \"M\", \"suggestion\": \"S\"}}"));
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "'prose'");
}

static void variant_needs_a_message_and_a_suggestion(void **state)
{
	(void)state;
	al_error err = load_error(
		rule_text("r16", "require", "error", "letter",
			  ",\n  \"patterns\": [\"x\"],\n  \"variants\": {\"forbidden\": {\"message\": \"M\"}}"));
	assert_contains(err.msg, "variant 'forbidden' needs a message and a suggestion");
	err = load_error(
		rule_text("r16", "require", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"variants\": [1]"));
	assert_contains(err.msg, "'variants' must be an object");
}

static void texts_must_be_non_empty_strings(void **state)
{
	(void)state;
	char json[RULE_MAX];
	snprintf(json, sizeof json, "%s", rule_text("r17", "metric", "error", "letter", ""));
	subst(json, sizeof json, "\"Sum.\"", "\"\"");
	al_error err = load_error(json);
	assert_int_equal(err.line, 6);
	assert_int_equal(err.col, 3);
	assert_contains(err.msg, "'summary' must be a non-empty string");
	snprintf(json, sizeof json, "%s", rule_text("r17", "metric", "error", "letter", ""));
	subst(json, sizeof json, "\"Fix it.\"", "{\"fr\": \"Corrigez.\"}"); /* no "en" */
	err = load_error(json);
	assert_contains(err.msg, "'suggestion' must be a non-empty string");
}

static void sources_must_name_at_least_one_source(void **state)
{
	(void)state;
	char json[RULE_MAX];
	snprintf(json, sizeof json, "%s", rule_text("r18", "metric", "error", "letter", ""));
	subst(json, sizeof json, "[\"https://example.com/a\"]", "[]");
	al_error err = load_error(json);
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_int_equal(err.line, 10);
	assert_contains(err.msg, "'sources' must name at least one source");
}

static void max_must_be_a_whole_number(void **state)
{
	(void)state;
	al_error err =
		load_error(rule_text("r19", "count", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"max\": -1"));
	assert_contains(err.msg, "'max' must be a whole number");
	assert_int_equal(err.line, 13);
	err = load_error(rule_text("r19", "count", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"max\": 1.5"));
	assert_contains(err.msg, "'max' must be a whole number");
	err = load_error(rule_text("r19", "count", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"max\": \"2\""));
	assert_contains(err.msg, "'max' must be a whole number");
	/* out of int's range: refused before any cast (found by the fuzzer) */
	err = load_error(rule_text("r19", "count", "error", "letter", ",\n  \"patterns\": [\"x\"],\n  \"max\": 1e73"));
	assert_contains(err.msg, "'max' must be a whole number");
}

static void weight_is_read_and_checked(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	assert_int_equal(load(&rs, "w.json", rule_text("w1", "metric", "error", "letter", ",\n  \"weight\": 40"), &err),
			 0);
	const al_rule *r = al_ruleset_find(&rs, "w1");
	assert_int_equal(r->has_weight, 1);
	assert_int_equal(r->weight, 40);
	al_ruleset_free(&rs);
	/* without one, the severity decides */
	memset(&rs, 0, sizeof rs);
	assert_int_equal(load(&rs, "w.json", rule_text("w2", "metric", "error", "letter", ""), &err), 0);
	assert_int_equal(al_ruleset_find(&rs, "w2")->has_weight, 0);
	al_ruleset_free(&rs);
	const char *bad[] = { "-1", "101", "2.5", "\"10\"", "1e73", "true" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char extra[64];
		snprintf(extra, sizeof extra, ",\n  \"weight\": %s", bad[i]);
		err = load_error(rule_text("w3", "metric", "error", "letter", extra));
		assert_contains(err.msg, "'weight' must be a whole number from 0 to 100");
		assert_int_equal(err.line, 12);
	}
}

static void bad_choice_values_are_errors(void **state)
{
	(void)state;
	al_error err = load_error(rule_text("r20", "list", "error", "letter", ",\n  \"role\": \"reasons\""));
	assert_contains(err.msg, "'role' must be one of: other, causes, actions, prevention");
	assert_int_equal(err.line, 12);
	err = load_error(
		rule_text("r20", "date", "error", "letter", ",\n  \"patterns\": [\"\\\\d+\"],\n  \"mode\": \"sane\""));
	assert_contains(err.msg, "'mode' must be one of: present, ambiguous");
	err = load_error(
		rule_text("r20", "list", "error", "letter", ",\n  \"role\": \"causes\",\n  \"numbered\": \"yes\""));
	assert_contains(err.msg, "'numbered' must be true or false");
	assert_int_equal(err.line, 13);
}

static void second_rule_of_an_array_is_located_in_its_own_text(void **state)
{
	(void)state;
	char json[2 * RULE_MAX + 8], first[RULE_MAX];
	snprintf(first, sizeof first, "%s", rule_text("aa", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"]"));
	/* first rule: lines 1-13; "[" joins line 1, so the second rule's
	 * "severity" is on line 13 + 4 = 17 */
	snprintf(json, sizeof json, "[%s,%s]", first,
		 rule_text("bb", "forbid", "loud", "letter", ",\n  \"patterns\": [\"x\"]"));
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	int rc = load(&rs, "two.json", json, &err);
	size_t n = rs.n;
	al_ruleset_free(&rs);
	assert_int_equal(rc, -1);
	assert_int_equal(n, 1); /* the first one was loaded */
	assert_contains(err.msg, "rule 'bb'");
	assert_int_equal(err.line, 17);
	assert_int_equal(err.col, 3);
}

static void rule_file_must_hold_objects(void **state)
{
	(void)state;
	al_error err = load_error("\"just a string\"");
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "a rule file holds a rule object or an array of them");
	err = load_error("[1]");
	assert_contains(err.msg, "rule object");
}

/* ---- data files ---- */

static void data_file_with_an_unknown_key_fails(void **state)
{
	(void)state;
	al_error err = load_error("{\n  \"data\": \"metrics\",\n  \"bogus\": 1\n}\n");
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "unknown key 'bogus'");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 3);
	err = load_error("{\n  \"data\": \"letter\",\n  \"description\": \"d\",\n  \"bogus\": 1\n}\n");
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "unknown key 'bogus'");
	assert_int_equal(err.line, 4);
}

static void data_file_of_an_unknown_sort_fails(void **state)
{
	(void)state;
	al_error err = load_error("{\"data\": \"glossary\"}");
	assert_int_equal(err.code, AL_ERR_RULE);
	assert_contains(err.msg, "'data' must be \"letter\", \"metrics\", \"dictionary\", \"types\" or \"concepts\"");
}

static void data_file_missing_a_key_fails(void **state)
{
	(void)state;
	al_error err = load_error("{\"data\": \"letter\", \"header\": [\"subject:\"]}");
	assert_contains(err.msg, "missing key 'salutation'");
	err = load_error("{\"data\": \"metrics\", \"percent\": [\"\\\\d+%\"]}");
	assert_contains(err.msg, "missing key 'low'");
}

static const char letter_vocab[] =
	"{\"data\": \"letter\", \"description\": \"test\",\n"
	" \"header\": [\"subject:\"], \"salutation\": [\"dear\\\\b\"], \"signoff\": [\"bye\"],\n"
	" \"titles\": [\"causes\"],\n"
	" \"headings\": {\"causes\": [\"cause\"], \"actions\": [\"action\"], \"prevention\": [\"prevent\"]},\n"
	" \"intros\": {\"causes\": [\"because\"], \"actions\": [\"steps\"], \"prevention\": [\"future\"]},\n"
	" \"items\": {\"causes\": [\"failed\"], \"actions\": [\"we\"], \"prevention\": [\"always\"]},\n"
	" \"done\": [\"have done\"],\n"
	" \"abbreviations\": [\"e.g\", \"inc\"]}\n";

static void letter_vocabulary_loads_and_replaces_the_old_one(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	assert_int_equal(al_ruleset_load_builtin(&rs, &err), 0);
	size_t before = rs.vocab.nabbrevs;
	int rc = load(&rs, "letter.json", letter_vocab, &err);
	size_t after = rs.vocab.nabbrevs;
	int abbrev = after == 2 && strcmp(rs.vocab.abbrevs[1], "inc") == 0;
	al_ruleset_free(&rs);
	assert_int_equal(rc, 0);
	assert_true(before > 2);
	assert_int_equal(after, 2);
	assert_true(abbrev);
}

static void broken_letter_vocabulary_keeps_the_old_one(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	assert_int_equal(al_ruleset_load_builtin(&rs, &err), 0);
	size_t before = rs.vocab.nabbrevs;
	char json[sizeof letter_vocab + 16];
	snprintf(json, sizeof json, "%s", letter_vocab);
	subst(json, sizeof json, "[\"bye\"]", "[\"(b\"]");
	int rc = load(&rs, "letter.json", json, &err);
	size_t after = rs.vocab.nabbrevs;
	int sal = al_re_has(&rs.vocab.salutation);
	al_ruleset_free(&rs);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, AL_ERR_REGEX);
	assert_contains(err.msg, "signoff[0]");
	assert_int_equal(err.line, 2);
	assert_int_equal(after, before);
	assert_true(sal);
}

/* ---- folders ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void remove_files(const char *dir, const char *const *names)
{
	char path[512];
	for (size_t i = 0; names[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void load_dir_reads_json_files_in_sorted_order(void **state)
{
	(void)state;
	char dir[] = "/tmp/al_test_rules_XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const names[] = { "b.json", "a.json", "c.txt", ".hidden.json", NULL };
	char b[RULE_MAX];
	snprintf(b, sizeof b, "%s",
		 rule_text("second", "forbid", "error", "letter", ",\n  \"patterns\": [\"from-b\"]"));
	write_file(dir, "b.json", b);
	write_file(dir, "a.json", rule_text("first", "forbid", "info", "letter", ",\n  \"patterns\": [\"from-a\"]"));
	write_file(dir, "c.txt", "not json");
	write_file(dir, ".hidden.json", "not json either");
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_ruleset_load_dir(&rs, dir, &err);
	size_t n = rs.n;
	char ids[64] = "";
	if (rs.n == 2)
		snprintf(ids, sizeof ids, "%s %s", rs.rules[0].id, rs.rules[1].id);
	al_ruleset_free(&rs);
	remove_files(dir, names);
	if (rc)
		fail_msg("%s", err.msg);
	assert_int_equal(n, 2);
	assert_string_equal(ids, "first second"); /* a.json was read first */
}

/* A later folder replaces a rule (an override); one folder defining an id
 * twice is a mistake, named with both files. */
static void load_dir_refuses_an_id_defined_twice(void **state)
{
	(void)state;
	char dir[] = "/tmp/al_test_rules_XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const names[] = { "a.json", "b.json", NULL };
	write_file(dir, "a.json", rule_text("same", "forbid", "info", "letter", ",\n  \"patterns\": [\"x\"]"));
	write_file(dir, "b.json", rule_text("same", "forbid", "error", "letter", ",\n  \"patterns\": [\"y\"]"));
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	int twice = al_ruleset_load_dir(&rs, dir, &err);
	char msg[sizeof err.msg], file[sizeof err.file], want[600];
	snprintf(msg, sizeof msg, "%s", err.msg);
	snprintf(file, sizeof file, "%s", err.file);
	snprintf(want, sizeof want, "rule 'same' is defined twice (also in %s/a.json)", dir);
	remove_files(dir, names);
	al_ruleset_free(&rs);
	assert_int_equal(twice, -1);
	assert_string_equal(msg, want);
	assert_true(strstr(file, "/b.json") != NULL);
}

static void load_dir_reports_the_broken_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/al_test_rules_XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const names[] = { "a.json", "b.json", NULL };
	write_file(dir, "a.json", rule_text("fine", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"]"));
	write_file(dir, "b.json", "{\n  \"id\": \"broken\",\n");
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_ruleset_load_dir(&rs, dir, &err);
	size_t n = rs.n;
	al_ruleset_free(&rs);
	char want[512];
	snprintf(want, sizeof want, "%s/b.json", dir);
	remove_files(dir, names);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, AL_ERR_JSON);
	assert_string_equal(err.file, want);
	assert_int_equal(n, 1);
}

static void load_dir_of_a_missing_folder_is_an_io_error(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_ruleset_load_dir(&rs, "/tmp/al_test_no_such_rules_dir", &err);
	size_t n = rs.n;
	al_ruleset_free(&rs);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, AL_ERR_IO);
	assert_string_equal(err.file, "/tmp/al_test_no_such_rules_dir");
	assert_contains(err.msg, "cannot open rule folder /tmp/al_test_no_such_rules_dir");
	assert_int_equal(n, 0);
}

static void load_dir_of_an_empty_folder_loads_nothing(void **state)
{
	(void)state;
	char dir[] = "/tmp/al_test_rules_XXXXXX";
	assert_non_null(mkdtemp(dir));
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_ruleset_load_dir(&rs, dir, &err);
	size_t n = rs.n;
	al_ruleset_free(&rs);
	rmdir(dir);
	assert_int_equal(rc, 0);
	assert_int_equal(n, 0);
}

/* ---- texts in several languages ---- */

static void texts_in_each_language_are_read_and_fall_back_to_english(void **state)
{
	(void)state;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	al_error err;
	const char *json =
		"{\"id\": \"zh\", \"kind\": \"forbid\", \"severity\": \"info\", \"scope\": \"letter\", "
		"\"summary\": {\"en\": \"Sum.\", \"zh-CN\": \"\xE6\x91\x98\xE8\xA6\x81\"}, "
		"\"message\": {\"en\": \"Found {match}.\"}, \"suggestion\": \"Fix.\", \"explain\": \"E.\", "
		"\"sources\": [\"s\"], \"patterns\": [\"x\"], \"examples\": {\"bad\": [\"x\"], \"good\": [\"y\"]}}";
	assert_int_equal(load(&rs, "t.json", json, &err), 0);
	const al_rule *r = al_ruleset_find(&rs, "zh");
	assert_non_null(r);
	assert_string_equal(al_tx_in(&r->summary, AL_LANG_EN), "Sum.");
	assert_string_equal(al_tx_in(&r->summary, AL_LANG_ZH_CN), "\xE6\x91\x98\xE8\xA6\x81");
	assert_string_equal(al_tx_in(&r->message, AL_LANG_ZH_CN), "Found {match}."); /* falls back */
	al_lang_set(AL_LANG_ZH_CN);
	assert_string_equal(al_tx(&r->summary), "\xE6\x91\x98\xE8\xA6\x81");
	al_lang_set(AL_LANG_EN);
	assert_string_equal(al_tx(&r->summary), "Sum.");
	al_ruleset_free(&rs);
}

static void a_text_needs_english_and_known_languages(void **state)
{
	(void)state;
	char json[RULE_MAX];
	snprintf(json, sizeof json, "%s", rule_text("r9", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"]"));
	subst(json, sizeof json, "\"Why.\"", "{\"zh-CN\": \"\xE5\x8E\x9F\"}");
	al_error err = load_error(json);
	assert_contains(err.msg, "'explain' must be a non-empty string");
	snprintf(json, sizeof json, "%s", rule_text("r9", "forbid", "error", "letter", ",\n  \"patterns\": [\"x\"]"));
	subst(json, sizeof json, "\"Why.\"", "{\"en\": \"Why.\", \"zh_CN\": \"F.\"}");
	err = load_error(json);
	assert_contains(err.msg, "'explain': write the language 'zh_CN' as 'zh-CN'");
}

static void language_tags_and_locales_are_read(void **state)
{
	(void)state;
	al_lang l = AL_NLANG;
	const char *zh[] = { "zh-CN", "zh_CN", "zh", "zh_CN.UTF-8", "zh_SG", "zh-Hans", "zh_TW.UTF-8", "ZH-cn" };
	for (size_t i = 0; i < sizeof zh / sizeof *zh; i++) {
		l = AL_NLANG;
		assert_int_equal(al_lang_parse(zh[i], &l), 0);
		assert_int_equal(l, AL_LANG_ZH_CN);
	}
	assert_int_equal(al_lang_parse("en", &l), 0);
	assert_int_equal(l, AL_LANG_EN);
	assert_int_equal(al_lang_parse("en_GB.UTF-8", &l), 0);
	assert_int_equal(al_lang_parse("fr", &l), -1);
	assert_int_equal(al_lang_parse("zhx", &l), -1);
	assert_int_equal(al_lang_parse(NULL, &l), -1);
	assert_string_equal(al_lang_tag(AL_LANG_ZH_CN), "zh-CN");
	setenv("LANG", "zh_CN.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	assert_int_equal(al_lang_from_env(), AL_LANG_ZH_CN);
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	assert_int_equal(al_lang_from_env(), AL_LANG_EN);
	setenv("LC_ALL", "zh_SG", 1);
	assert_int_equal(al_lang_from_env(), AL_LANG_ZH_CN);
	setenv("LC_ALL", "C", 1);
	assert_int_equal(al_lang_from_env(), AL_LANG_EN);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_int_equal(al_lang_from_env(), AL_LANG_EN);
}

static void program_strings_are_translated_only_in_chinese(void **state)
{
	(void)state;
	al_lang_set(AL_LANG_EN);
	assert_string_equal(al_tr("%zu file"), "%zu file");
	al_lang_set(AL_LANG_ZH_CN);
	assert_string_equal(al_tr("%zu file"), "%zu \xE4\xB8\xAA\xE6\x96\x87\xE4\xBB\xB6");
	assert_string_equal(al_tr("no such string in the catalogue"), "no such string in the catalogue");
	al_lang_set(AL_LANG_EN);
	/* the catalogue is sorted, as the binary search needs */
	for (size_t i = 1; i < al_catalog_zh_n; i++)
		assert_true(strcmp(al_catalog_zh[i - 1].id, al_catalog_zh[i].id) < 0);
}

/* ---- kinds ---- */

static void kind_table_names_every_kind(void **state)
{
	(void)state;
	static const char *const names[] = { "forbid", "require", "count",	"first",  "list",    "metric",
					     "date",   "length",  "substitute", "issues", "encoding" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		int k = al_kind_index(names[i]);
		assert_true(k >= 0);
		assert_string_equal(al_kind_get(k)->name, names[i]);
		assert_non_null(al_kind_get(k)->check);
		assert_contains(al_kind_names(), names[i]);
	}
	assert_int_equal(al_kind_index("replace"), -1);
	assert_int_equal(al_kind_index(""), -1);
	const al_kind *c = al_kind_get(al_kind_index("count"));
	assert_true(c->required & AL_KEY_MAX);
	/* patterns or concepts: either will do, so neither is required as such */
	assert_false(c->required & AL_KEY_PATTERNS);
	assert_true(c->allowed & AL_KEY_CONCEPTS);
	assert_true(al_kind_get(al_kind_index("first"))->required & AL_KEY_WITHIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(minimal_rule_of_each_kind_loads),
		cmocka_unit_test(rule_options_are_read),
		cmocka_unit_test(weight_is_read_and_checked),
		cmocka_unit_test(patterns_are_caseless_unless_case_sensitive),
		cmocka_unit_test(several_patterns_combine_into_one_alternation),
		cmocka_unit_test(an_array_of_two_rules_loads_both),
		cmocka_unit_test(json_schema_document_is_skipped),
		cmocka_unit_test(same_id_in_a_later_file_replaces_the_rule),
		cmocka_unit_test(builtin_rules_load),
		cmocka_unit_test(invalid_json_reports_where_parsing_stopped),
		cmocka_unit_test(unknown_key_is_named_at_its_line),
		cmocka_unit_test(missing_required_key_points_at_the_rule),
		cmocka_unit_test(missing_id_is_an_error),
		cmocka_unit_test(key_not_allowed_for_the_kind_is_an_error),
		cmocka_unit_test(error_about_a_key_points_at_the_key_not_an_equal_value),
		cmocka_unit_test(unknown_kind_lists_the_kinds),
		cmocka_unit_test(unowned_concepts_and_owned_by_go_together),
		cmocka_unit_test(owned_unless_and_unowned_also_need_their_partners),
		cmocka_unit_test(bad_severity_is_an_error),
		cmocka_unit_test(bad_scope_is_an_error),
		cmocka_unit_test(bad_regex_names_the_pattern_and_offset),
		cmocka_unit_test(bad_regex_in_another_key_names_that_key),
		cmocka_unit_test(pattern_matching_the_empty_string_is_refused),
		cmocka_unit_test(zero_width_pattern_is_refused),
		cmocka_unit_test(empty_pattern_list_is_refused),
		cmocka_unit_test(non_string_pattern_is_reported_at_its_element),
		cmocka_unit_test(examples_need_a_bad_and_a_good_example),
		cmocka_unit_test(unknown_example_key_is_an_error),
		cmocka_unit_test(fixed_examples_pair_with_bad_ones),
		cmocka_unit_test(unknown_variant_name_is_an_error),
		cmocka_unit_test(kind_without_variants_refuses_any_variant),
		cmocka_unit_test(variant_needs_a_message_and_a_suggestion),
		cmocka_unit_test(texts_must_be_non_empty_strings),
		cmocka_unit_test(sources_must_name_at_least_one_source),
		cmocka_unit_test(max_must_be_a_whole_number),
		cmocka_unit_test(bad_choice_values_are_errors),
		cmocka_unit_test(second_rule_of_an_array_is_located_in_its_own_text),
		cmocka_unit_test(rule_file_must_hold_objects),
		cmocka_unit_test(data_file_with_an_unknown_key_fails),
		cmocka_unit_test(data_file_of_an_unknown_sort_fails),
		cmocka_unit_test(data_file_missing_a_key_fails),
		cmocka_unit_test(letter_vocabulary_loads_and_replaces_the_old_one),
		cmocka_unit_test(broken_letter_vocabulary_keeps_the_old_one),
		cmocka_unit_test(load_dir_reads_json_files_in_sorted_order),
		cmocka_unit_test(load_dir_refuses_an_id_defined_twice),
		cmocka_unit_test(load_dir_reports_the_broken_file),
		cmocka_unit_test(load_dir_of_a_missing_folder_is_an_io_error),
		cmocka_unit_test(load_dir_of_an_empty_folder_loads_nothing),
		cmocka_unit_test(texts_in_each_language_are_read_and_fall_back_to_english),
		cmocka_unit_test(a_text_needs_english_and_known_languages),
		cmocka_unit_test(language_tags_and_locales_are_read),
		cmocka_unit_test(program_strings_are_translated_only_in_chinese),
		cmocka_unit_test(kind_table_names_every_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
