/* rules.c - load rule files with cJSON, check every key, compile patterns. */
#include "rules/rules.h"
#include "base/lang.h"

#include "base/jsonpos.h"
#include "rules/kinds.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <limits.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Where we are in a file, for error messages. */
typedef struct src {
	const char *file, *json;
	size_t len;
	const char *rule; /* id of the rule being read, or NULL */
	al_error *err;
	int builtin; /* the default rules: patterns compiled on first use */
} src;

/* ---- positions in the JSON text ---- */

static void line_col(const src *s, size_t off, int *line, int *col)
{
	al_json_line_col(s->json, s->len, off, line, col);
}

static size_t find_quoted(const src *s, size_t from, const char *q)
{
	return al_json_find_key(s->json, s->len, from, q);
}

/* Where the current rule starts (its "id" value), or 0. */
static size_t rule_offset(const src *s)
{
	if (!s->rule)
		return 0;
	size_t at = 0;
	for (;;) {
		size_t k = find_quoted(s, at, "id");
		if (k == at && (k + 4 > s->len || memcmp(s->json + k, "\"id\"", 4) != 0))
			return 0;
		size_t v = k + 4;
		while (v < s->len && (s->json[v] == ' ' || s->json[v] == ':' || s->json[v] == '\t'))
			v++;
		size_t n = strlen(s->rule);
		if (v + n + 2 <= s->len && s->json[v] == '"' && memcmp(s->json + v + 1, s->rule, n) == 0 &&
		    s->json[v + 1 + n] == '"')
			return k;
		at = k + 1;
	}
}

/* Offset of element idx of the array that follows key (or of the key). */
static size_t key_offset(const src *s, const char *key, int idx)
{
	size_t base = rule_offset(s);
	size_t k = key ? find_quoted(s, base, key) : base;
	if (idx < 0)
		return k;
	size_t i = k + strlen(key) + 2;
	while (i < s->len && s->json[i] != '[')
		i++;
	int depth = 0, n = 0;
	for (i++; i < s->len; i++) {
		char c = s->json[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',')
			continue;
		if (depth == 0 && n == idx)
			return i;
		if (c == '"') {
			for (i++; i < s->len && s->json[i] != '"'; i++)
				if (s->json[i] == '\\')
					i++;
			if (depth == 0)
				n++;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			if (depth-- == 0)
				break;
			if (depth == 0)
				n++;
		}
	}
	return k;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int
fail_at(const src *s, al_errcode code, size_t off, const char *fmt, ...)
{
	int line, col;
	line_col(s, off, &line, &col);
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (s->rule)
		return al_fail(s->err, code, s->file, line, col, _("rule '%s': %s"), s->rule, what);
	return al_fail(s->err, code, s->file, line, col, "%s", what);
}

/* An error about key: the message is placed where the key stands. */
#define fail_key(s, key, ...) fail_at((s), AL_ERR_RULE, key_offset((s), (key), -1), __VA_ARGS__)

/* ---- typed readers ---- */

/* A text: a string, or an object of language tags ("en" required,
 * "zh-CN" optional) each with a non-empty string; other languages are
 * left for versions that have them. */
static int get_text(const src *s, const cJSON *o, const char *key, al_i18n *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *e;
	if (!v)
		return 0;
	al_i18n t = { { NULL } };
	if (cJSON_IsString(v) && *v->valuestring) {
		t.s[AL_LANG_EN] = al_xstrdup(v->valuestring);
	} else if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(e, v)
		{
			al_lang l;
			if (!e->string || al_lang_parse(e->string, &l))
				continue; /* a language this version has no messages in */
			if (strcmp(e->string, al_lang_tag(l)) != 0) {
				al_i18n_free(&t);
				return fail_key(s, key, _("'%s': write the language '%s' as '%s'"), key, e->string,
						al_lang_tag(l));
			}
			if (!cJSON_IsString(e) || !*e->valuestring) {
				al_i18n_free(&t);
				return fail_key(s, key, _("'%s': the %s text must be a non-empty string"), key,
						e->string);
			}
			free(t.s[l]);
			t.s[l] = al_xstrdup(e->valuestring);
		}
	}
	if (!t.s[AL_LANG_EN]) {
		al_i18n_free(&t);
		return fail_key(s, key, _("'%s' must be a non-empty string (or {\"en\": ..., \"zh-CN\": ...})"), key);
	}
	al_i18n_free(out);
	*out = t;
	return 0;
}

static int get_strings(const src *s, const cJSON *o, const char *key, char ***out, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return 0;
	if (!cJSON_IsArray(v))
		return fail_key(s, key, _("'%s' must be an array of strings"), key);
	size_t cnt = (size_t)cJSON_GetArraySize(v), i = 0;
	char **arr = al_xmalloc((cnt ? cnt : 1) * sizeof *arr);
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsString(e)) {
			size_t at = key_offset(s, key, (int)i);
			while (i)
				free(arr[--i]);
			free(arr);
			return fail_at(s, AL_ERR_RULE, at, _("'%s' must be an array of strings"), key);
		}
		arr[i++] = al_xstrdup(e->valuestring);
	}
	*out = arr;
	*n = cnt;
	return 0;
}

static void free_strings(char **arr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(arr[i]);
	free(arr);
}

/* Compiles the array of patterns under key into one alternation, wrapped
 * as "(?:alternation)suffix". Each pattern is compiled alone first so an
 * error names its index and offset. */
static int get_regex_with(const src *s, const cJSON *o, const char *key, unsigned flags, const char *suffix, al_re *re)
{
	char **pats = NULL;
	size_t n = 0;
	if (get_strings(s, o, key, &pats, &n))
		return -1;
	if (!pats)
		return 0;
	if (n == 0 || n > AL_MAX_PATTERNS) {
		free_strings(pats, n);
		return fail_key(s, key,
				n ? _("'%s' holds more than %d patterns") : _("'%s' must hold at least one pattern"),
				key, AL_MAX_PATTERNS);
	}
	for (size_t i = 0; i < n; i++)
		if (strlen(pats[i]) > AL_MAX_PATTERN) {
			free_strings(pats, n);
			return fail_at(s, AL_ERR_RULE, key_offset(s, key, (int)i),
				       _("%s[%zu]: a pattern is longer than %d bytes"), key, i, AL_MAX_PATTERN);
		}
	size_t total = strlen(suffix) + 8;
	for (size_t i = 0; i < n; i++)
		total += strlen(pats[i]) + 8;
	char *all = al_xmalloc(total), *p = all;
	p += sprintf(p, "(?:");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s(?:%s)", i ? "|" : "", pats[i]);
	sprintf(p, ")%s", suffix);
	al_re_free(re);
	char msg[256];
	size_t erroff;
	int rc = 0;
	/* heads: the parts' own once split, else the whole's (below) */
	if (s->builtin) /* `make test` compiles each (al_re_check) */
		al_re_defer(re, all, flags | AL_RE_NO_HEADS);
	else
		rc = al_re_compile(re, all, flags | AL_RE_NO_HEADS, msg, sizeof msg, &erroff);
	/* only when the whole fails, compile each pattern to say which one */
	for (size_t i = 0; rc && i < n; i++) {
		al_re one;
		if (al_re_compile(&one, pats[i], flags, msg, sizeof msg, &erroff) == 0) {
			al_re_free(&one);
			continue;
		}
		char idx[32], why[400];
		snprintf(idx, sizeof idx, "%s[%zu]", key, i);
		snprintf(why, sizeof why, "%.250s at offset %zu", msg, erroff);
		free_strings(pats, n);
		free(all);
		return fail_at(s, AL_ERR_REGEX, key_offset(s, key, (int)i), "%s: pattern error: %s", idx, why);
	}
	if (rc == 0 && !*suffix)
		al_re_split(re, pats, n, flags);
	if (rc == 0 && !re->nparts)
		al_re_heads(re);
	free(all);
	free_strings(pats, n);
	if (rc)
		return fail_key(s, key, _("'%s': the patterns do not combine: %s"), key, msg);
	return 0;
}

static int get_regex(const src *s, const cJSON *o, const char *key, unsigned flags, al_re *re)
{
	return get_regex_with(s, o, key, flags, "", re);
}

/* Concept patterns as written, with where each stands, for compiling
 * once every lexicon is loaded (al_ruleset_resolve). */
static int get_cset(const src *s, const cJSON *o, const char *key, al_cset *cs)
{
	char **pats = NULL;
	size_t n = 0;
	if (get_strings(s, o, key, &pats, &n))
		return -1;
	if (!pats)
		return 0;
	if (n == 0 || n > AL_MAX_PATTERNS) {
		free_strings(pats, n);
		return fail_key(s, key,
				n ? _("'%s' holds more than %d patterns") : _("'%s' must hold at least one pattern"),
				key, AL_MAX_PATTERNS);
	}
	al_cset_free(cs);
	cs->src = pats;
	cs->n = n;
	cs->line = al_xmalloc(n * sizeof *cs->line);
	cs->col = al_xmalloc(n * sizeof *cs->col);
	/* where each stands, for errors at compile time; the default pack's
	 * are checked by `make test`, and finding them costs a letter's time */
	for (size_t i = 0; i < n; i++) {
		cs->line[i] = cs->col[i] = 0;
		if (!s->builtin)
			line_col(s, key_offset(s, key, (int)i), &cs->line[i], &cs->col[i]);
	}
	return 0;
}

/* ---- rules ---- */

typedef struct keydef {
	const char *name;
	unsigned bit; /* 0: a key every rule has */
	int required;
} keydef;

static const keydef rule_keys[] = {
	{ "id", 0, 1 },
	{ "kind", 0, 1 },
	{ "severity", 0, 1 },
	{ "scope", 0, 1 },
	{ "summary", 0, 1 },
	{ "message", 0, 1 },
	{ "suggestion", 0, 1 },
	{ "explain", 0, 1 },
	{ "sources", 0, 1 },
	{ "examples", 0, 1 },
	{ "variants", 0, 0 },
	{ "patterns", AL_KEY_PATTERNS, 0 },
	{ "exceptions", AL_KEY_EXCEPTIONS, 0 },
	{ "anchor", AL_KEY_ANCHOR, 0 },
	{ "forbid", AL_KEY_FORBID, 0 },
	{ "role", AL_KEY_ROLE, 0 },
	{ "numbered", AL_KEY_NUMBERED, 0 },
	{ "max", AL_KEY_MAX, 0 },
	{ "mode", AL_KEY_MODE, 0 },
	{ "case_sensitive", AL_KEY_CASE, 0 },
	{ "fix_chars", AL_KEY_FIXCHARS, 0 },
	{ "parts", 0, 0 },
	{ "one_per_span", AL_KEY_ONCE, 0 },
	{ "conditions_count", AL_KEY_CONCEPTS, 0 },
	{ "skip_empty", AL_KEY_EMPTY, 0 },
	{ "replace", AL_KEY_REPLACE, 0 },
	{ "max_words", AL_KEY_WORDS, 0 },
	{ "total", AL_KEY_TOTAL, 0 },
	{ "count_codes", AL_KEY_CODES, 0 },
	{ "weight", 0, 0 },
	{ "types", 0, 0 },
	{ "not_types", 0, 0 },
	{ "with_plan", 0, 0 },
	{ "quotes", 0, 0 },
	{ "group", 0, 0 },
	{ "concepts", AL_KEY_CONCEPTS, 0 },
	{ "unless", AL_KEY_CONCEPTS, 0 },
	{ "borrow", AL_KEY_CONCEPTS, 0 },
	{ "forbid_concepts", AL_KEY_FORBID, 0 },
	{ "unowned_concepts", AL_KEY_CONCEPTS, 0 },
	{ "owned_by", AL_KEY_CONCEPTS, 0 },
	{ "owned_sentence", AL_KEY_CONCEPTS, 0 },
	{ "unowned_also", AL_KEY_CONCEPTS, 0 },
	{ "owned_unless", AL_KEY_CONCEPTS, 0 },
	{ "same_as", AL_KEY_SAME, 0 },
	{ "within", AL_KEY_WITHIN, 0 },
};
#define NKEYS (sizeof rule_keys / sizeof *rule_keys)

static void rule_free(al_rule *r)
{
	free(r->id);
	free(r->file);
	al_i18n_free(&r->summary);
	al_i18n_free(&r->message);
	al_i18n_free(&r->suggestion);
	al_i18n_free(&r->explain);
	free_strings(r->sources, r->nsources);
	free_strings(r->bad, r->nbad);
	free_strings(r->good, r->ngood);
	free_strings(r->fixed, r->nfixed);
	al_re_free(&r->patterns);
	al_re_free(&r->exceptions);
	al_re_free(&r->anchor);
	al_re_free(&r->forbid);
	for (size_t i = 0; i < r->nvariants; i++) {
		free(r->variants[i].name);
		al_i18n_free(&r->variants[i].message);
		al_i18n_free(&r->variants[i].suggestion);
	}
	free(r->variants);
	for (size_t i = 0; i < r->ncharfix; i++) {
		free(r->charfix[i].from);
		free(r->charfix[i].to);
	}
	free(r->charfix);
	free(r->source);
	free_strings(r->type_names, r->ntype_names);
	free_strings(r->not_type_names, r->nnot_type_names);
	free(r->group);
	free(r->replace);
	al_cset_free(&r->concepts);
	al_cset_free(&r->unless);
	al_cset_free(&r->forbid_concepts);
	al_cset_free(&r->unowned_concepts);
	free(r->owned_by);
	al_cset_free(&r->owned_sentence);
	free_strings(r->owned_unless, r->nowned_unless);
	free(r->unowned_also);
	free(r->same_as);
	free(r->borrow_rule);
	free(r->borrow_concept);
	memset(r, 0, sizeof *r);
}

static int check_keys(const src *s, const cJSON *o, const al_kind *k)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, o)
	{
		size_t i = 0;
		while (i < NKEYS && strcmp(rule_keys[i].name, e->string) != 0)
			i++;
		if (i == NKEYS)
			return fail_key(s, e->string, _("unknown key '%s'"), e->string);
		if (rule_keys[i].bit && !(k->allowed & rule_keys[i].bit))
			return fail_key(s, e->string, _("key '%s' does not apply to kind '%s'"), e->string, k->name);
	}
	for (size_t i = 0; i < NKEYS; i++) {
		int need = rule_keys[i].required || (k->required & rule_keys[i].bit);
		if (need && !cJSON_GetObjectItemCaseSensitive(o, rule_keys[i].name))
			return fail_at(s, AL_ERR_RULE, rule_offset(s), _("missing key '%s'"), rule_keys[i].name);
	}
	return 0;
}

static int get_choice(const src *s, const cJSON *o, const char *key, const char *const *names, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return 0;
	for (int i = 0; cJSON_IsString(v) && names[i]; i++)
		if (strcmp(v->valuestring, names[i]) == 0) {
			*out = i;
			return 0;
		}
	char list[200] = "";
	for (int i = 0; names[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", names[i]);
	return fail_key(s, key, _("'%s' must be one of: %s"), key, list);
}

static int get_string(const src *s, const cJSON *o, const char *key, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return 0;
	if (!cJSON_IsString(v) || !*v->valuestring)
		return fail_key(s, key, _("'%s' must be a non-empty string"), key);
	*out = al_xstrdup(v->valuestring);
	return 0;
}

static int get_bool(const src *s, const cJSON *o, const char *key, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return fail_key(s, key, _("'%s' must be true or false"), key);
	*out = cJSON_IsTrue(v);
	return 0;
}

static int get_variants(const src *s, const cJSON *o, const al_kind *k, al_rule *r)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "variants");
	if (!v)
		return 0;
	if (!cJSON_IsObject(v))
		return fail_key(s, "variants", _("'%s' must be an object"), "variants");
	r->variants = al_xmalloc(((size_t)cJSON_GetArraySize(v) + 1) * sizeof *r->variants);
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		int known = 0;
		for (int i = 0; k->variants && k->variants[i]; i++)
			known |= strcmp(k->variants[i], e->string) == 0;
		/* a part of the rule reports with the variant it names */
		const cJSON *p, *parts = cJSON_GetObjectItemCaseSensitive(o, "parts");
		cJSON_ArrayForEach(p, parts)
		{
			const cJSON *pv = cJSON_GetObjectItemCaseSensitive(p, "variant");
			known |= cJSON_IsString(pv) && strcmp(pv->valuestring, e->string) == 0;
		}
		if (!known)
			return fail_key(s, e->string, _("kind '%s' has no variant '%s'"), k->name, e->string);
		al_variant *va = &r->variants[r->nvariants++];
		memset(va, 0, sizeof *va);
		va->name = al_xstrdup(e->string);
		if (!cJSON_IsObject(e) || get_text(s, e, "message", &va->message) ||
		    get_text(s, e, "suggestion", &va->suggestion) || !va->message.s[AL_LANG_EN] ||
		    !va->suggestion.s[AL_LANG_EN])
			return fail_key(s, e->string, _("variant '%s' needs a message and a suggestion"), e->string);
	}
	return 0;
}

static int get_examples(const src *s, const cJSON *o, al_rule *r)
{
	const cJSON *ex = cJSON_GetObjectItemCaseSensitive(o, "examples");
	if (!cJSON_IsObject(ex))
		return fail_key(s, "examples", _("'%s' must be an object with \"bad\" and \"good\" arrays"),
				"examples");
	const cJSON *e;
	cJSON_ArrayForEach(e, ex) if (strcmp(e->string, "bad") != 0 && strcmp(e->string, "good") != 0 &&
				      strcmp(e->string, "fixed") !=
					      0) return fail_key(s, e->string, _("unknown key '%s' in examples"),
								 e->string);
	if (get_strings(s, ex, "bad", &r->bad, &r->nbad) || get_strings(s, ex, "good", &r->good, &r->ngood) ||
	    get_strings(s, ex, "fixed", &r->fixed, &r->nfixed))
		return -1;
	if (!r->nbad || !r->ngood)
		return fail_key(s, "examples", _("'%s' needs at least one bad and one good example"), "examples");
	/* "fixed" pairs with "bad" by position: --check-rules proves each fix */
	if (r->fixed && r->nfixed != r->nbad)
		return fail_key(s, "fixed", _("'%s' must give one text for each bad example"), "fixed");
	return 0;
}

static int get_charfix(const src *s, const cJSON *o, al_rule *r)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "fix_chars"), *e;
	if (!v)
		return 0;
	if (!cJSON_IsObject(v))
		return fail_key(s, "fix_chars", _("'%s' must be an object of character: replacement"), "fix_chars");
	r->charfix = al_xmalloc(((size_t)cJSON_GetArraySize(v) + 1) * sizeof *r->charfix);
	cJSON_ArrayForEach(e, v)
	{
		const unsigned char *k = (const unsigned char *)e->string;
		size_t klen = strlen(e->string);
		if (!cJSON_IsString(e) || klen == 0 || al_utf8_valid_len(k, klen, 0) != klen)
			return fail_key(s, "fix_chars", _("'%s' maps one character to a string"), "fix_chars");
		al_charfix *cf = &r->charfix[r->ncharfix++];
		cf->from = al_xstrdup(e->string);
		cf->to = al_xstrdup(e->valuestring);
	}
	return 0;
}

/* The options of a kind: read from a rule or from one of its parts. */
/* "borrow": {"rule": "blame", "concept": "AMAZON"}. */
static int get_borrow(const src *s, const cJSON *o, al_rule *r)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, "borrow");
	if (!b)
		return 0;
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(b, "rule");
	const cJSON *concept = cJSON_GetObjectItemCaseSensitive(b, "concept");
	if (!cJSON_IsObject(b) || cJSON_GetArraySize(b) != 2 || !cJSON_IsString(rule) || !cJSON_IsString(concept) ||
	    !al_concept_name_ok(concept->valuestring, strlen(concept->valuestring)))
		return fail_key(s, "borrow", _("'%s' must be {\"rule\": ID, \"concept\": NAME}"), "borrow");
	free(r->borrow_rule);
	free(r->borrow_concept);
	r->borrow_rule = al_xstrdup(rule->valuestring);
	r->borrow_concept = al_xstrdup(concept->valuestring);
	r->borrow_line = r->borrow_col = 0;
	if (!s->builtin)
		line_col(s, key_offset(s, "borrow", -1), &r->borrow_line, &r->borrow_col);
	return 0;
}

static int get_options(const src *s, const cJSON *o, al_rule *r)
{
	static const char *const roles[] = { "other", "causes", "actions", "prevention", NULL };
	static const char *const modes[] = { "present", "ambiguous", "old", NULL };
	if (get_bool(s, o, "case_sensitive", &r->case_sensitive) || get_bool(s, o, "numbered", &r->numbered) ||
	    get_bool(s, o, "one_per_span", &r->one_per_span) || get_bool(s, o, "skip_empty", &r->skip_empty) ||
	    get_bool(s, o, "total", &r->total) || get_bool(s, o, "count_codes", &r->count_codes) ||
	    get_choice(s, o, "role", roles, &r->role) || get_choice(s, o, "mode", modes, &r->mode) ||
	    get_charfix(s, o, r))
		return -1;
	const char *nums[] = { "max", "max_words" };
	int *dst[] = { &r->max, &r->max_words };
	for (int i = 0; i < 2; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, nums[i]);
		if (!v)
			continue;
		if (!cJSON_IsNumber(v) || !al_json_whole(v->valuedouble, 0, INT_MAX))
			return fail_key(s, nums[i], _("'%s' must be a whole number, 0 or more"), nums[i]);
		*dst[i] = v->valueint;
	}
	const cJSON *rep = cJSON_GetObjectItemCaseSensitive(o, "replace");
	if (rep) {
		if (!cJSON_IsString(rep))
			return fail_key(s, "replace", _("'%s' must be a string ($1 to $9 insert groups)"), "replace");
		free(r->replace);
		r->replace = al_xstrdup(rep->valuestring);
	}
	const cJSON *same = cJSON_GetObjectItemCaseSensitive(o, "same_as");
	if (same) {
		if (!cJSON_IsString(same))
			return fail_key(s, "same_as", _("'%s' must be a rule id"), "same_as");
		free(r->same_as);
		r->same_as = al_xstrdup(same->valuestring);
	}
	if (get_borrow(s, o, r))
		return -1;
	const cJSON *within = cJSON_GetObjectItemCaseSensitive(o, "within");
	if (within && (!cJSON_IsString(within) || (r->within = al_scope_parse(within->valuestring)) < 0))
		return fail_key(s, "within", _("'%s' is not a known scope"), "within");
	unsigned flags = r->case_sensitive ? AL_RE_CASE : 0;
	if (get_cset(s, o, "concepts", &r->concepts) || get_cset(s, o, "unless", &r->unless) ||
	    get_cset(s, o, "forbid_concepts", &r->forbid_concepts) ||
	    get_cset(s, o, "unowned_concepts", &r->unowned_concepts) || get_string(s, o, "owned_by", &r->owned_by) ||
	    get_cset(s, o, "owned_sentence", &r->owned_sentence) ||
	    get_bool(s, o, "conditions_count", &r->concepts.conditions_count) ||
	    get_strings(s, o, "owned_unless", &r->owned_unless, &r->nowned_unless) ||
	    get_string(s, o, "unowned_also", &r->unowned_also))
		return -1;
	if (r->unowned_also && !r->owned_by)
		return fail_key(s, "unowned_also", _("'%s' needs '%s'"), "unowned_also", "owned_by");
	if (r->unowned_also)
		line_col(s, key_offset(s, "unowned_also", -1), &r->also_line, &r->also_col);
	if (r->owned_unless && !al_cset_has(&r->owned_sentence))
		return fail_key(s, "owned_unless", _("'%s' needs '%s'"), "owned_unless", "owned_sentence");
	if (r->owned_unless)
		line_col(s, key_offset(s, "owned_unless", -1), &r->owned_unless_line, &r->owned_unless_col);
	if (!al_cset_has(&r->unowned_concepts) != !r->owned_by)
		return fail_key(s, r->owned_by ? "owned_by" : "unowned_concepts", _("'%s' and '%s' go together"),
				"unowned_concepts", "owned_by");
	if (r->owned_by)
		line_col(s, key_offset(s, "owned_by", -1), &r->owned_line, &r->owned_col);
	return get_regex(s, o, "patterns", flags, &r->patterns) ||
	       get_regex(s, o, "exceptions", flags, &r->exceptions) || get_regex(s, o, "anchor", flags, &r->anchor) ||
	       get_regex(s, o, "forbid", flags, &r->forbid);
}

static int get_kind(const src *s, const cJSON *o, al_rule *r)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	r->kind = cJSON_IsString(kind) ? al_kind_index(kind->valuestring) : -1;
	if (r->kind < 0)
		return fail_key(s, "kind", _("'%s' must be one of: %s"), "kind", al_kind_names());
	return 0;
}

static int get_scope(const src *s, const cJSON *o, al_rule *r)
{
	int scope;
	const cJSON *sc = cJSON_GetObjectItemCaseSensitive(o, "scope");
	if (!sc)
		return 0;
	if (!cJSON_IsString(sc) || (scope = al_scope_parse(sc->valuestring)) < 0)
		return fail_key(
			s, "scope",
			_("'%s' is not a known scope (letter, body, opening, closing, salutation, signoff, header, heading, paragraph, list, sentence, text, section:causes, section:actions, section:prevention, list:causes, list:actions, item:causes, item:actions)"),
			"scope");
	r->scope = (al_scope)scope;
	return 0;
}

/* "weight": what the rule's first finding costs the score (0-100); without
 * it the finding's severity decides, as for an agency's own rules. */
static int get_weight(const src *s, const cJSON *o, al_rule *r)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "weight");
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || !al_json_whole(v->valuedouble, 0, 100))
		return fail_key(s, "weight", _("'%s' must be a whole number from 0 to 100"), "weight");
	r->has_weight = 1;
	r->weight = v->valueint;
	return 0;
}

static int parse_rule(const src *s0, const cJSON *o, al_rule *r)
{
	src s = *s0;
	static const char *const sevs[] = { "info", "warning", "error", NULL };
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
	if (!cJSON_IsString(id) || !*id->valuestring)
		return fail_at(&s, AL_ERR_RULE, 0, _("a rule needs a string 'id'"));
	for (const char *p = id->valuestring; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return fail_at(&s, AL_ERR_RULE, rule_offset(&s),
				       _("rule id '%s' may hold only a-z, 0-9 and '-'"), id->valuestring);
	s.rule = id->valuestring;
	r->id = al_xstrdup(id->valuestring);
	r->file = al_xstrdup(s.file);
	if (get_kind(&s, o, r))
		return -1;
	const al_kind *k = al_kind_get(r->kind);
	int sev = 0;
	if (check_keys(&s, o, k) || get_scope(&s, o, r) || get_choice(&s, o, "severity", sevs, &sev) ||
	    get_weight(&s, o, r))
		return -1;
	r->severity = (al_severity)sev;
	static const char *const quotes[] = { "check", "skip", NULL };
	static const char *const groups[] = { "core", "structure", "type", "writing", "house", NULL };
	int q = 0, g = 4;
	if (get_choice(&s, o, "quotes", quotes, &q) || get_choice(&s, o, "group", groups, &g) ||
	    get_strings(&s, o, "types", &r->type_names, &r->ntype_names) ||
	    get_strings(&s, o, "not_types", &r->not_type_names, &r->nnot_type_names) ||
	    get_bool(&s, o, "with_plan", &r->with_plan))
		return -1;
	r->skip_quotes = q;
	r->group = al_xstrdup(groups[g]);
	if (get_options(&s, o, r) || get_text(&s, o, "summary", &r->summary) ||
	    get_text(&s, o, "message", &r->message) || get_text(&s, o, "suggestion", &r->suggestion) ||
	    get_text(&s, o, "explain", &r->explain) || get_strings(&s, o, "sources", &r->sources, &r->nsources) ||
	    get_examples(&s, o, r) || get_variants(&s, o, k, r))
		return -1;
	if (!r->nsources)
		return fail_key(&s, "sources", _("'%s' must name at least one source"), "sources");
	if ((k->allowed & AL_KEY_CONCEPTS) && !(k->allowed & AL_KEY_SAME) && !al_re_has(&r->patterns) &&
	    !al_cset_has(&r->concepts) && !r->borrow_rule)
		return fail_at(&s, AL_ERR_RULE, rule_offset(&s), _("missing key '%s' or '%s'"), "patterns", "concepts");
	if ((k->allowed & AL_KEY_SAME) && !r->same_as && !al_re_has(&r->patterns) && !al_cset_has(&r->concepts) &&
	    !r->borrow_rule)
		return fail_at(&s, AL_ERR_RULE, rule_offset(&s), _("missing key '%s', '%s' or '%s'"), "same_as",
			       "patterns", "concepts");
	return 0;
}

static void push_name(char ***arr, size_t *n, const char *s)
{
	*arr = al_xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = al_xstrdup(s);
}

static al_i18n i18n_dup(const al_i18n *t)
{
	al_i18n d;
	for (int i = 0; i < AL_NLANG; i++)
		d.s[i] = t->s[i] ? al_xstrdup(t->s[i]) : NULL;
	return d;
}

/* A part: another check under the rule's id, reported with one of the
 * rule's variants ({"kind": "count", "patterns": ["!"], "max": 1,
 * "variant": "exclamations"}). */
static int parse_part(const src *s, const cJSON *o, const al_rule *main, al_rule *pr)
{
	if (!cJSON_IsObject(o))
		return fail_key(s, "parts", _("'%s' must be an array of objects"), "parts");
	pr->part = 1;
	pr->id = al_xstrdup(main->id);
	pr->file = al_xstrdup(main->file);
	pr->severity = main->severity;
	pr->has_weight = main->has_weight;
	pr->weight = main->weight;
	pr->scope = main->scope;
	pr->skip_quotes = main->skip_quotes;
	pr->group = al_xstrdup(main->group);
	for (size_t i = 0; i < main->ntype_names; i++)
		push_name(&pr->type_names, &pr->ntype_names, main->type_names[i]);
	for (size_t i = 0; i < main->nnot_type_names; i++)
		push_name(&pr->not_type_names, &pr->nnot_type_names, main->not_type_names[i]);
	if (get_kind(s, o, pr))
		return -1;
	const al_kind *k = al_kind_get(pr->kind);
	const cJSON *e;
	cJSON_ArrayForEach(e, o)
	{
		if (strcmp(e->string, "kind") == 0 || strcmp(e->string, "variant") == 0 ||
		    strcmp(e->string, "scope") == 0)
			continue;
		size_t i = 0;
		while (i < NKEYS && strcmp(rule_keys[i].name, e->string) != 0)
			i++;
		if (i == NKEYS || !rule_keys[i].bit || !(k->allowed & rule_keys[i].bit))
			return fail_key(s, e->string, _("key '%s' does not belong in a part of kind '%s'"), e->string,
					k->name);
	}
	const cJSON *vn = cJSON_GetObjectItemCaseSensitive(o, "variant");
	const al_variant *va = cJSON_IsString(vn) ? al_rule_variant(main, vn->valuestring) : NULL;
	if (!va)
		return fail_key(s, "parts", _("each of '%s' needs a \"variant\" naming one of the rule's variants"),
				"parts");
	for (size_t i = 0; k->required && i < NKEYS; i++)
		if ((k->required & rule_keys[i].bit) && !cJSON_GetObjectItemCaseSensitive(o, rule_keys[i].name))
			return fail_key(s, "parts", _("a part of kind '%s' needs '%s'"), k->name, rule_keys[i].name);
	pr->summary = i18n_dup(&main->summary);
	pr->explain = i18n_dup(&main->explain);
	pr->message = i18n_dup(&va->message);
	pr->suggestion = i18n_dup(&va->suggestion);
	return get_scope(s, o, pr) || get_options(s, o, pr);
}

static size_t id_hash(const char *id)
{
	return al_hash(id, strlen(id));
}

/* The slot of id in the set: its own, or the empty one it would take. */
static size_t id_slot(const al_ruleset *rs, const char *id)
{
	size_t i = id_hash(id) & (rs->ids_cap - 1);
	while (rs->ids[i] && strcmp(rs->ids[i], id) != 0)
		i = (i + 1) & (rs->ids_cap - 1);
	return i;
}

/* Rebuilds the set for rs->rules, large enough for `room` more rules. */
static void index_ids(al_ruleset *rs, size_t room)
{
	size_t cap = 64;
	while (cap < 2 * (rs->n + room))
		cap *= 2;
	free(rs->ids);
	rs->ids = al_xcalloc(cap, sizeof *rs->ids);
	rs->ids_cap = cap;
	for (size_t i = 0; i < rs->n; i++)
		rs->ids[id_slot(rs, rs->rules[i].id)] = rs->rules[i].id;
}

/* Puts rules[0..n) (a rule and its parts) into rs in place of any rule
 * with the same id: appended when the id is new (the usual case, kept
 * linear by the id set), else where the old one stood. */
static void add_rules(al_ruleset *rs, al_rule *rules, size_t n)
{
	if (2 * (rs->n + n) > rs->ids_cap)
		index_ids(rs, rs->n + n);
	if (!rs->ids[id_slot(rs, rules[0].id)]) {
		al_grow(&rs->rules, &rs->cap, rs->n + n, sizeof *rs->rules);
		memcpy(rs->rules + rs->n, rules, n * sizeof *rules);
		rs->n += n;
		rs->ids[id_slot(rs, rules[0].id)] = rs->rules[rs->n - n].id;
		return;
	}
	size_t k = 0, at = rs->n;
	for (size_t i = 0; i < rs->n; i++) {
		if (strcmp(rs->rules[i].id, rules[0].id) == 0) {
			if (at == rs->n)
				at = k;
			rule_free(&rs->rules[i]);
		} else {
			rs->rules[k++] = rs->rules[i];
		}
	}
	if (at > k)
		at = k;
	al_grow(&rs->rules, &rs->cap, k + n, sizeof *rs->rules);
	memmove(rs->rules + at + n, rs->rules + at, (k - at) * sizeof *rs->rules);
	memcpy(rs->rules + at, rules, n * sizeof *rules);
	rs->n = k + n;
	index_ids(rs, 0); /* the replaced rules' ids are freed */
}

/* ---- data files: the letter vocabulary and the metrics ---- */

static int only_keys(const src *s, const cJSON *o, const char *const *keys)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, o)
	{
		int ok = 0;
		for (int i = 0; keys[i]; i++)
			ok |= strcmp(keys[i], e->string) == 0;
		if (!ok)
			return fail_key(s, e->string, _("unknown key '%s'"), e->string);
	}
	return 0;
}

static int require_keys(const src *s, const cJSON *o, const char *const *keys)
{
	for (int i = 0; keys[i]; i++)
		if (!cJSON_GetObjectItemCaseSensitive(o, keys[i]))
			return fail_at(s, AL_ERR_RULE, rule_offset(s), _("missing key '%s'"), keys[i]);
	return 0;
}

/* After a title: nothing, or ":" and a sentence ("Plan of Action: We have"). */
#define TITLE_TAIL "[ \\t*]*(?:[:\\x{FF1A}]|[-.\\x{2013}]?[ \\t*]*$)"

static int load_vocab(const src *s, const cJSON *o, al_vocab *v)
{
	static const char *const keys[] = { "data",	"description", "header", "salutation",	  "signoff", "titles",
					    "headings", "intros",      "items",	 "abbreviations", "done",    NULL };
	static const char *const roles[] = { "causes", "actions", "prevention", NULL };
	static const char *const intro_keys[] = { "causes", "actions", "prevention", "evidence", NULL };
	if (only_keys(s, o, keys) || require_keys(s, o, keys + 2))
		return -1;
	al_vocab nv;
	memset(&nv, 0, sizeof nv);
	int rc = get_regex(s, o, "header", 0, &nv.header) || get_regex(s, o, "salutation", 0, &nv.salutation) ||
		 get_regex(s, o, "signoff", 0, &nv.signoff) || get_regex(s, o, "titles", 0, &nv.titles) ||
		 get_regex_with(s, o, "titles", 0, TITLE_TAIL, &nv.title_line) ||
		 get_regex(s, o, "done", 0, &nv.done) || get_strings(s, o, "abbreviations", &nv.abbrevs, &nv.nabbrevs);
	const char *groups[] = { "headings", "intros", "items" };
	for (int g = 0; g < 3 && !rc; g++) {
		al_re *dst = g == 0 ? nv.heading : g == 1 ? nv.intro : nv.item;
		const cJSON *grp = cJSON_GetObjectItemCaseSensitive(o, groups[g]);
		if (!cJSON_IsObject(grp)) {
			rc = fail_key(s, groups[g], _("'%s' must be an object of role: [patterns]"), groups[g]);
			break;
		}
		/* intros may also name what introduces evidence, a list of no role */
		rc = only_keys(s, grp, g == 1 ? intro_keys : roles) || require_keys(s, grp, roles);
		for (int r = 0; r < 3 && !rc; r++)
			rc = get_regex(s, grp, roles[r], 0, &dst[r + 1]);
		if (!rc && g == 1 && cJSON_GetObjectItemCaseSensitive(grp, "evidence"))
			rc = get_regex(s, grp, "evidence", 0, &dst[AL_ROLE_OTHER]);
	}
	if (rc) {
		al_vocab_free(&nv);
		return -1;
	}
	al_vocab_free(v);
	*v = nv;
	return 0;
}

static void metric_free(al_metric *m)
{
	free(m->id);
	free(m->type);
	al_i18n_free(&m->name);
	al_i18n_free(&m->target);
	al_re_free(&m->names);
	al_re_free(&m->components);
	al_re_free(&m->topics);
	free_strings(m->sources, m->nsources);
}

static void metrics_free(al_metrics *ms)
{
	for (size_t i = 0; i < ms->n; i++)
		metric_free(&ms->list[i]);
	free(ms->list);
	al_re_free(&ms->percent);
	al_re_free(&ms->low);
	al_re_free(&ms->high);
	al_re_free(&ms->target_before);
	al_re_free(&ms->target_after);
	al_re_free(&ms->own_figure);
	al_re_free(&ms->events);
	al_re_free(&ms->negation);
	free(ms->file);
	memset(ms, 0, sizeof *ms);
}

static int load_metric(const src *s0, const cJSON *o, al_metric *m)
{
	static const char *const keys[] = { "id",     "name",	"type",	  "names", "components", "topics", "direction",
					    "values", "target", "window", "note",  "sources",	 NULL };
	static const char *const dirs[] = { "below", "at-least", NULL };
	src s = *s0;
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
	if (!cJSON_IsString(id))
		return fail_at(&s, AL_ERR_RULE, 0, _("a metric needs a string 'id'"));
	s.rule = id->valuestring;
	if (only_keys(&s, o, keys) ||
	    require_keys(&s, o,
			 (const char *const[]){ "name", "names", "direction", "values", "target", "sources", NULL }))
		return -1;
	m->id = al_xstrdup(id->valuestring);
	if (get_string(&s, o, "type", &m->type) || get_text(&s, o, "name", &m->name) ||
	    get_text(&s, o, "target", &m->target) || get_regex(&s, o, "names", 0, &m->names) ||
	    get_regex(&s, o, "components", 0, &m->components) || get_regex(&s, o, "topics", 0, &m->topics) ||
	    get_choice(&s, o, "direction", dirs, &m->high) || get_strings(&s, o, "sources", &m->sources, &m->nsources))
		return -1;
	if (m->type)
		line_col(&s, key_offset(&s, "type", -1), &m->type_line, &m->type_col);
	const cJSON *vals = cJSON_GetObjectItemCaseSensitive(o, "values"), *e;
	if (!cJSON_IsArray(vals) || cJSON_GetArraySize(vals) < 1 || cJSON_GetArraySize(vals) > 8)
		return fail_key(&s, "values", _("'%s' must be an array of 1 to 8 numbers"), "values");
	cJSON_ArrayForEach(e, vals)
	{
		if (!cJSON_IsNumber(e))
			return fail_key(&s, "values", _("'%s' must be an array of 1 to 8 numbers"), "values");
		m->values[m->nvalues++] = e->valuedouble;
	}
	return 0;
}

static int load_metrics(const src *s, const cJSON *o, al_metrics *out)
{
	static const char *const keys[] = { "data",   "description",   "percent",      "low",
					    "high",   "target_before", "target_after", "own_figure",
					    "events", "negation",      "metrics",      NULL };
	if (only_keys(s, o, keys) || require_keys(s, o, keys + 2))
		return -1;
	al_metrics ms;
	memset(&ms, 0, sizeof ms);
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "metrics"), *e;
	int rc = get_regex(s, o, "percent", 0, &ms.percent) || get_regex(s, o, "low", 0, &ms.low) ||
		 get_regex(s, o, "high", 0, &ms.high) || get_regex(s, o, "target_before", 0, &ms.target_before) ||
		 get_regex(s, o, "target_after", 0, &ms.target_after) ||
		 get_regex(s, o, "own_figure", 0, &ms.own_figure) || get_regex(s, o, "events", 0, &ms.events) ||
		 get_regex(s, o, "negation", 0, &ms.negation);
	if (!rc && !cJSON_IsArray(list))
		rc = fail_key(s, "metrics", _("'%s' must be an array of metric objects"), "metrics");
	if (!rc) {
		ms.list = al_xmalloc(((size_t)cJSON_GetArraySize(list) + 1) * sizeof *ms.list);
		cJSON_ArrayForEach(e, list)
		{
			memset(&ms.list[ms.n], 0, sizeof *ms.list);
			rc = load_metric(s, e, &ms.list[ms.n++]);
			if (rc)
				break;
		}
	}
	if (rc) {
		metrics_free(&ms);
		return -1;
	}
	ms.file = al_xstrdup(s->file);
	metrics_free(out);
	*out = ms;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void al_ruleset_add_words(al_ruleset *rs, char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *copy = al_xstrdup(words[i]);
		for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			for (char *p = w; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			al_grow(&rs->words, &rs->words_cap, rs->nwords + 1, sizeof *rs->words);
			rs->words[rs->nwords++] = al_xstrdup(w);
		}
		free(copy);
	}
	if (rs->nwords > 1)
		qsort(rs->words, rs->nwords, sizeof *rs->words, cmp_str);
}

/* The domain dictionary: words added to every earlier dictionary file's;
 * "Seller Central" adds both words. */
static int load_words(const src *s, const cJSON *o, al_ruleset *rs)
{
	static const char *const keys[] = { "data", "description", "words", NULL };
	char **words = NULL;
	size_t n = 0;
	if (only_keys(s, o, keys) || require_keys(s, o, keys + 2) || get_strings(s, o, "words", &words, &n))
		return -1;
	al_ruleset_add_words(rs, words, n);
	free_strings(words, n);
	return 0;
}

static void types_free(al_ruleset *rs)
{
	for (size_t i = 0; i < rs->ntypes; i++) {
		free(rs->types[i].id);
		al_i18n_free(&rs->types[i].name);
		al_re_free(&rs->types[i].patterns);
		al_cset_free(&rs->types[i].concepts);
		al_cset_free(&rs->types[i].hints);
		free(rs->types[i].unowned);
		for (size_t k = 0; k < rs->types[i].nbeside; k++)
			free(rs->types[i].beside[k]);
		free(rs->types[i].beside);
		free(rs->types[i].file);
	}
	free(rs->types);
	rs->types = NULL;
	rs->ntypes = 0;
}

/* The letter types (rules/types.json): a later file replaces them all. */
static int load_types(const src *s0, const cJSON *o, al_ruleset *rs)
{
	static const char *const keys[] = { "data", "description", "types", NULL };
	static const char *const tkeys[] = { "id",  "name",	    "patterns", "concepts",	  "hints",
					     "min", "without_plan", "unowned",	"unowned_unless", NULL };
	if (only_keys(s0, o, keys) || require_keys(s0, o, keys + 2))
		return -1;
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "types"), *e;
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) > AL_MAX_TYPES)
		return fail_key(s0, "types", _("'types' must be an array of at most %d types"), AL_MAX_TYPES);
	al_ruleset tmp = { 0 };
	tmp.types = al_xmalloc(((size_t)cJSON_GetArraySize(list) + 1) * sizeof *tmp.types);
	int rc = 0;
	cJSON_ArrayForEach(e, list)
	{
		al_type *t = &tmp.types[tmp.ntypes++];
		memset(t, 0, sizeof *t);
		src s = *s0;
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		if (!cJSON_IsString(id)) {
			rc = fail_at(&s, AL_ERR_RULE, 0, _("a type needs a string 'id'"));
			break;
		}
		s.rule = id->valuestring;
		t->id = al_xstrdup(id->valuestring);
		t->file = al_xstrdup(s.file);
		t->min = 1;
		const cJSON *min = cJSON_GetObjectItemCaseSensitive(e, "min");
		if ((rc = only_keys(&s, e, tkeys) || require_keys(&s, e, (const char *const[]){ "name", NULL }) ||
			  get_text(&s, e, "name", &t->name) || get_regex(&s, e, "patterns", 0, &t->patterns) ||
			  get_cset(&s, e, "concepts", &t->concepts) || get_cset(&s, e, "hints", &t->hints) ||
			  get_bool(&s, e, "without_plan", &t->without_plan) ||
			  get_string(&s, e, "unowned", &t->unowned) ||
			  get_strings(&s, e, "unowned_unless", &t->beside, &t->nbeside)) != 0)
			break;
		if (min && (!cJSON_IsNumber(min) || min->valueint < 1)) {
			rc = fail_key(&s, "min", _("'%s' must be a whole number, 1 or more"), "min");
			break;
		}
		if (min)
			t->min = min->valueint;
		if (t->unowned)
			line_col(&s, key_offset(&s, "unowned", -1), &t->key_line[0], &t->key_col[0]);
		if (t->nbeside)
			line_col(&s, key_offset(&s, "unowned_unless", -1), &t->key_line[1], &t->key_col[1]);
	}
	if (rc) {
		types_free(&tmp);
		return -1;
	}
	types_free(rs);
	rs->types = tmp.types;
	rs->ntypes = tmp.ntypes;
	return 0;
}

/* Where "text" stands in the file at or after from (for error positions). */
static size_t find_text(const src *s, size_t from, const char *text)
{
	size_t n = strlen(text);
	for (size_t i = from; i + n + 2 <= s->len; i++)
		if (s->json[i] == '"' && memcmp(s->json + i + 1, text, n) == 0 && s->json[i + 1 + n] == '"')
			return i;
	return from;
}

/* One concept's entries: each [words, example]. */
static int load_entries(const src *s, al_lexicon *lx, int c, const cJSON *entries, size_t at)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, entries)
	{
		const cJSON *w = cJSON_GetArrayItem(e, 0), *ex = cJSON_GetArrayItem(e, 1);
		if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2 || !cJSON_IsString(w) || !cJSON_IsString(ex) ||
		    !*ex->valuestring)
			return fail_at(s, AL_ERR_RULE, at,
				       _("concept '%s': each entry is [\"words\", \"an example sentence\"]"),
				       lx->concepts[c].name);
		at = find_text(s, at, w->valuestring);
		int rc = al_lexicon_add(lx, c, w->valuestring);
		if (rc > 0)
			return fail_at(s, AL_ERR_RULE, at, _("concept '%s': duplicate entry '%s'"),
				       lx->concepts[c].name, w->valuestring);
		if (rc < 0)
			return fail_at(s, AL_ERR_RULE, at,
				       _("concept '%s': entry '%s' must be 1 to %d words, the first not '*'"),
				       lx->concepts[c].name, w->valuestring, AL_MAX_PHRASE);
	}
	return 0;
}

/* A lexicon file (rules/concepts.json): concepts and their entries; a
 * later file adds entries and concepts. */
static int load_lexicon(const src *s, const cJSON *o, al_lexicon *lx)
{
	static const char *const keys[] = { "data", "description", "sources", "concepts", NULL };
	if (only_keys(s, o, keys) || require_keys(s, o, keys + 3))
		return -1;
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "concepts"), *e;
	if (!cJSON_IsObject(list))
		return fail_key(s, "concepts", _("'%s' must be an object of concepts"), "concepts");
	size_t at = 0;
	cJSON_ArrayForEach(e, list)
	{
		/* concepts stand in the file in order: each is searched from the last */
		at = find_quoted(s, at, e->string);
		const cJSON *desc = cJSON_GetObjectItemCaseSensitive(e, "description");
		const cJSON *entries = cJSON_GetObjectItemCaseSensitive(e, "entries");
		if (!al_concept_name_ok(e->string, strlen(e->string)))
			return fail_at(s, AL_ERR_RULE, at,
				       _("concept name '%s' must be A-Z, 0-9 and '_', starting with a letter"),
				       e->string);
		if (!cJSON_IsObject(e) || !cJSON_IsArray(entries) || (desc && !cJSON_IsString(desc)) ||
		    cJSON_GetArraySize(e) != 1 + (desc != NULL))
			return fail_at(s, AL_ERR_RULE, at,
				       _("concept '%s' must be {\"description\": text, \"entries\": [...]}"),
				       e->string);
		int c = al_lexicon_define(lx, e->string);
		if (c < 0)
			return fail_at(s, AL_ERR_RULE, at, _("too many concepts: at most %d"), AL_MAX_CONCEPTS);
		if (load_entries(s, lx, c, entries, at))
			return -1;
	}
	return 0;
}

unsigned al_ruleset_type_bit(const al_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->ntypes; i++)
		if (strcmp(rs->types[i].id, id) == 0)
			return 1u << i;
	return 0;
}

/* Adds to r's concept patterns those of the rule it borrows from that
 * name the concept, narrowed to it, less any r already has: one wording
 * of blame at Amazon is then criticism of Amazon too, written once. */
static int borrow(al_ruleset *rs, al_rule *r, al_error *err)
{
	const al_rule *from = al_ruleset_find(rs, r->borrow_rule);
	if (!from || from == r || from->borrow_rule)
		return al_fail(err, AL_ERR_RULE, r->file, r->borrow_line, r->borrow_col,
			       _("rule '%s': 'borrow' names no rule of its own concept patterns: '%s'"), r->id,
			       r->borrow_rule);
	al_cset *cs = &r->concepts;
	size_t named = 0;
	for (size_t i = 0; i < from->concepts.n; i++) {
		char *p = al_cpat_narrow(from->concepts.src[i], r->borrow_concept);
		named += p != NULL;
		size_t k = 0;
		while (p && k < cs->n && strcmp(cs->src[k], p) != 0)
			k++;
		if (!p || k < cs->n) {
			free(p);
			continue;
		}
		if (cs->n == AL_MAX_PATTERNS) {
			free(p);
			return al_fail(err, AL_ERR_RULE, r->file, r->borrow_line, r->borrow_col,
				       _("rule '%s': 'concepts' and what 'borrow' adds hold more than %d patterns"),
				       r->id, AL_MAX_PATTERNS);
		}
		cs->src = al_xrealloc(cs->src, (cs->n + 1) * sizeof *cs->src);
		cs->line = al_xrealloc(cs->line, (cs->n + 1) * sizeof *cs->line);
		cs->col = al_xrealloc(cs->col, (cs->n + 1) * sizeof *cs->col);
		cs->src[cs->n] = p;
		cs->line[cs->n] = r->borrow_line;
		cs->col[cs->n++] = r->borrow_col;
	}
	if (!named)
		return al_fail(err, AL_ERR_RULE, r->file, r->borrow_line, r->borrow_col,
			       _("rule '%s': no concept pattern of rule '%s' names '%s'"), r->id, r->borrow_rule,
			       r->borrow_concept);
	return 0;
}

/* Concept patterns are compiled once every lexicon is loaded; same_as
 * names the rule whose matches a rule borrows. */
static int resolve_concepts(al_ruleset *rs, al_rule *r, al_error *err)
{
	if (r->borrow_rule && borrow(rs, r, err))
		return -1;
	al_cset *sets[] = { &r->concepts, &r->unless, &r->forbid_concepts, &r->unowned_concepts, &r->owned_sentence };
	for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
		if (sets[k]->n && al_cset_compile(sets[k], &rs->lex, r->file, r->id, err))
			return -1;
	r->owned_keep = (al_cmask){ { 0, 0 } };
	for (size_t k = 0; k < r->nowned_unless; k++) {
		int cpt = al_lexicon_concept(&rs->lex, r->owned_unless[k]);
		if (cpt < 0)
			return al_fail(err, AL_ERR_RULE, r->file, r->owned_unless_line, r->owned_unless_col,
				       _("rule '%s': unknown concept '%s'"), r->id, r->owned_unless[k]);
		al_cm_set(&r->owned_keep, (unsigned)cpt);
	}
	r->owner = r->owned_by ? al_ruleset_find(rs, r->owned_by) : NULL;
	if (r->owned_by && (!r->owner || r->owner == r))
		return al_fail(err, AL_ERR_RULE, r->file, r->owned_line, r->owned_col,
			       _("rule '%s': 'owned_by' names no other rule: '%s'"), r->id, r->owned_by);
	r->also = r->unowned_also ? al_ruleset_find(rs, r->unowned_also) : NULL;
	if (r->unowned_also && (!r->also || r->also == r || r->also == r->owner))
		return al_fail(err, AL_ERR_RULE, r->file, r->also_line, r->also_col,
			       _("rule '%s': 'unowned_also' names no other rule: '%s'"), r->id, r->unowned_also);
	r->like = NULL;
	if (!r->same_as)
		return 0;
	const al_rule *like = al_ruleset_find(rs, r->same_as);
	if (!like || like == r || like->same_as)
		return al_fail(err, AL_ERR_RULE, r->file, 0, 0,
			       _("rule '%s': 'same_as' names no rule of its own patterns: '%s'"), r->id, r->same_as);
	r->like = like;
	return 0;
}

/* Each metric's letter type, by its 'type' or else its id; a 'type'
 * that names no letter type is an error. */
static int resolve_metric_types(al_ruleset *rs, al_error *err)
{
	for (size_t i = 0; i < rs->metrics.n; i++) {
		al_metric *m = &rs->metrics.list[i];
		m->type_bit = al_ruleset_type_bit(rs, m->type ? m->type : m->id);
		if (m->type && !m->type_bit)
			return al_fail(err, AL_ERR_RULE, rs->metrics.file, m->type_line, m->type_col,
				       _("metric '%s': 'type' names no letter type: '%s'"), m->id, m->type);
	}
	return 0;
}

int al_ruleset_resolve(al_ruleset *rs, al_error *err)
{
	if (resolve_metric_types(rs, err))
		return -1;
	for (size_t i = 0; i < rs->ntypes; i++) {
		al_type *t = &rs->types[i];
		if ((t->concepts.n && al_cset_compile(&t->concepts, &rs->lex, t->file, t->id, err)) ||
		    (t->hints.n && al_cset_compile(&t->hints, &rs->lex, t->file, t->id, err)))
			return -1;
		t->owner = -1;
		for (size_t k = 0; t->unowned && k < rs->n && t->owner < 0; k++)
			if (strcmp(rs->rules[k].id, t->unowned) == 0)
				t->owner = (int)k;
		if (t->unowned && t->owner < 0)
			return al_fail(err, AL_ERR_RULE, t->file, t->key_line[0], t->key_col[0],
				       _("type '%s': 'unowned' names no rule: '%s'"), t->id, t->unowned);
		t->beside_bits = 0;
		for (size_t k = 0; k < t->nbeside; k++) {
			unsigned bit = al_ruleset_type_bit(rs, t->beside[k]);
			if (!bit)
				return al_fail(err, AL_ERR_RULE, t->file, t->key_line[1], t->key_col[1],
					       _("type '%s': unknown letter type '%s' in 'unowned_unless'"), t->id,
					       t->beside[k]);
			t->beside_bits |= bit;
		}
	}
	for (size_t i = 0; i < rs->n; i++) {
		al_rule *r = &rs->rules[i];
		if (resolve_concepts(rs, r, err))
			return -1;
		r->types = r->not_types = 0;
		for (int neg = 0; neg < 2; neg++) {
			char **names = neg ? r->not_type_names : r->type_names;
			size_t n = neg ? r->nnot_type_names : r->ntype_names;
			for (size_t k = 0; k < n; k++) {
				unsigned bit = al_ruleset_type_bit(rs, names[k]);
				if (!bit)
					return al_fail(err, AL_ERR_RULE, r->file, 0, 0,
						       _("rule '%s': unknown letter type '%s' (see rules/types.json)"),
						       r->id, names[k]);
				*(neg ? &r->not_types : &r->types) |= bit;
			}
		}
	}
	return 0;
}

/* ---- files ---- */

static int load_value(al_ruleset *rs, const src *s, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return fail_at(s, AL_ERR_RULE, 0, _("a rule file holds a rule object or an array of them"));
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(v, "data");
	if (data) {
		if (cJSON_IsString(data) && strcmp(data->valuestring, "letter") == 0)
			return load_vocab(s, v, &rs->vocab);
		if (cJSON_IsString(data) && strcmp(data->valuestring, "metrics") == 0)
			return load_metrics(s, v, &rs->metrics);
		if (cJSON_IsString(data) && strcmp(data->valuestring, "dictionary") == 0)
			return load_words(s, v, rs);
		if (cJSON_IsString(data) && strcmp(data->valuestring, "types") == 0)
			return load_types(s, v, rs);
		if (cJSON_IsString(data) && strcmp(data->valuestring, "concepts") == 0)
			return load_lexicon(s, v, &rs->lex);
		return fail_at(s, AL_ERR_RULE, key_offset(s, "data", -1),
			       _("'data' must be \"letter\", \"metrics\", \"dictionary\", \"types\" or \"concepts\""));
	}
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(v, "parts"), *e;
	size_t n = 1 + (size_t)(cJSON_IsArray(parts) ? cJSON_GetArraySize(parts) : 0), got = 1;
	if (rs->n + n > AL_MAX_RULES)
		return fail_at(s, AL_ERR_RULE, 0, _("too many rules: a rule set holds at most %d"), AL_MAX_RULES);
	al_rule *rules = al_xmalloc(n * sizeof *rules);
	memset(rules, 0, n * sizeof *rules);
	int rc = parse_rule(s, v, &rules[0]);
	if (!rc && parts && !cJSON_IsArray(parts)) {
		src in = *s;
		in.rule = rules[0].id;
		rc = fail_key(&in, "parts", _("'%s' must be an array of objects"), "parts");
	}
	if (!rc && parts) {
		src in = *s;
		in.rule = rules[0].id;
		cJSON_ArrayForEach(e, parts) if ((rc = parse_part(&in, e, &rules[0], &rules[got++])) != 0) break;
	}
	/* a later folder may replace a rule; one folder may not define it twice */
	const al_rule *old = !rc && rs->pack && rs->ids_cap && rs->ids[id_slot(rs, rules[0].id)]
				     ? al_ruleset_find(rs, rules[0].id)
				     : NULL;
	if (old && old->pack == rs->pack)
		rc = fail_at(s, AL_ERR_RULE, key_offset(s, "id", -1), _("rule '%s' is defined twice (also in %s)"),
			     rules[0].id, old->file);
	if (rc) {
		for (size_t i = 0; i < n; i++)
			rule_free(&rules[i]);
	} else {
		rules[0].source = cJSON_PrintUnformatted(v);
		for (size_t i = 0; i < n; i++)
			rules[i].pack = rs->pack;
		add_rules(rs, rules, n);
	}
	free(rules);
	return rc;
}

int al_ruleset_load_json(al_ruleset *rs, const char *file, const char *json, size_t len, al_error *err)
{
	src s = { file, json, len, NULL, err, rs->loading_builtin };
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (!root) {
		size_t off = end ? (size_t)(end - json) : 0;
		if (off > len)
			off = len;
		/* cJSON stops past the culprit: name the last character it read */
		while (off > 0 && (off == len || (unsigned char)json[off] <= ' '))
			off--;
		int line, col;
		line_col(&s, off, &line, &col);
		if (off < len && (unsigned char)json[off] > ' ' && (unsigned char)json[off] < 0x7F)
			return al_fail(err, AL_ERR_JSON, file, line, col, _("invalid JSON near '%c'"), json[off]);
		return al_fail(err, AL_ERR_JSON, file, line, col, _("invalid JSON"));
	}
	int rc = 0;
	/* a JSON Schema document describes rule files; it is not one */
	if (cJSON_IsObject(root) && cJSON_GetObjectItemCaseSensitive(root, "$schema")) {
		cJSON_Delete(root);
		return 0;
	}
	if (cJSON_IsArray(root)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, root) if ((rc = load_value(rs, &s, e)) != 0) break;
	} else {
		rc = load_value(rs, &s, root);
	}
	cJSON_Delete(root);
	return rc;
}

int al_ruleset_load_builtin(al_ruleset *rs, al_error *err)
{
	int rc = 0;
	rs->pack = ++rs->packs;
	rs->loading_builtin = 1;
	for (size_t i = 0; i < al_builtin_nrules && !rc; i++)
		rc = al_ruleset_load_json(rs, al_builtin_rules[i].name, al_builtin_rules[i].json,
					  al_builtin_rules[i].len, err);
	rs->loading_builtin = 0;
	rs->pack = 0;
	return rc;
}

static int load_file(al_ruleset *rs, const char *path, al_error *err)
{
	char *buf;
	size_t len;
	if (al_read_file(path, "", &buf, &len, err))
		return -1;
	int rc = al_ruleset_load_json(rs, path, buf, len, err);
	free(buf);
	return rc;
}

int al_ruleset_load_dir(al_ruleset *rs, const char *dir, al_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return al_fail(err, AL_ERR_IO, dir, 0, 0, _("cannot open rule folder %s: %s"), dir, strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
			continue;
		al_grow(&names, &cap, n + 1, sizeof *names);
		names[n] = al_xmalloc(strlen(dir) + l + 2);
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	int rc = 0;
	rs->pack = ++rs->packs;
	for (size_t i = 0; i < n && !rc; i++)
		rc = load_file(rs, names[i], err);
	rs->pack = 0;
	free_strings(names, n);
	return rc;
}

const al_rule *al_ruleset_find(const al_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (!rs->rules[i].part && strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

int al_ruleset_has_word(const al_ruleset *rs, const char *s, size_t n)
{
	char low[64];
	if (n == 0 || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[n] = '\0';
	const char *key = low;
	return bsearch(&key, rs->words, rs->nwords, sizeof *rs->words, cmp_str) != NULL;
}

int al_ruleset_override(al_ruleset *rs, const char *id, int severity, const char *options, const char *where,
			al_error *err)
{
	const al_rule *r = al_ruleset_find(rs, id);
	if (!r)
		return al_fail(err, AL_ERR_RULE, where, 0, 0, _("no rule '%s' (see --list-rules)"), id);
	if (severity == AL_SEV_NONE) {
		size_t k = 0;
		for (size_t i = 0; i < rs->n; i++) {
			if (strcmp(rs->rules[i].id, id) == 0)
				rule_free(&rs->rules[i]);
			else
				rs->rules[k++] = rs->rules[i];
		}
		rs->n = k;
		index_ids(rs, 0);
		return 0;
	}
	if (options) {
		cJSON *rule = cJSON_Parse(r->source), *opts = cJSON_Parse(options), *e;
		cJSON_ArrayForEach(e, opts)
		{
			cJSON_DeleteItemFromObjectCaseSensitive(rule, e->string);
			cJSON_AddItemToObject(rule, e->string, cJSON_Duplicate(e, 1));
		}
		char *text = cJSON_PrintUnformatted(rule);
		char name[600];
		snprintf(name, sizeof name, "%s (rule '%s')", where, id);
		int rc = al_ruleset_load_json(rs, name, text, strlen(text), err);
		free(text);
		cJSON_Delete(rule);
		cJSON_Delete(opts);
		if (rc)
			return -1;
	}
	for (size_t i = 0; severity >= 0 && i < rs->n; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			rs->rules[i].severity = (al_severity)severity;
	return 0;
}

const al_variant *al_rule_variant(const al_rule *r, const char *name)
{
	for (size_t i = 0; name && i < r->nvariants; i++)
		if (strcmp(r->variants[i].name, name) == 0)
			return &r->variants[i];
	return NULL;
}

void al_ruleset_free(al_ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		rule_free(&rs->rules[i]);
	free(rs->rules);
	free(rs->ids);
	al_vocab_free(&rs->vocab);
	metrics_free(&rs->metrics);
	free_strings(rs->words, rs->nwords);
	types_free(rs);
	al_lexicon_free(&rs->lex);
	memset(rs, 0, sizeof *rs);
}
