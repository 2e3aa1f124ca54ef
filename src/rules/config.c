/* config.c - configuration files: comments blanked, keys checked with
 * positions, "extends" followed (without cycles), settings applied. */
#include "rules/config.h"
#include "base/lang.h"

#include "base/buf.h"
#include "base/jsonpos.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_EXTENDS 8

/* The text being read, for errors. */
typedef struct cfgsrc {
	const char *file, *json;
	size_t len;
	al_error *err;
} cfgsrc;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
fail_key(const cfgsrc *s, const char *key, const char *fmt, ...)
{
	size_t off = key ? al_json_find_key(s->json, s->len, 0, key) : 0;
	int line, col;
	al_json_line_col(s->json, s->len, off, &line, &col);
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return al_fail(s->err, AL_ERR_RULE, s->file, line, col, "%s", what);
}

int al_config_find(const char *dir, char *out, size_t n)
{
	char path[PATH_MAX];
	if (!realpath(dir, path))
		return 0;
	for (;;) {
		snprintf(out, n, "%s%s%s", path, strcmp(path, "/") ? "/" : "", AL_CONFIG_NAME);
		if (access(out, R_OK) == 0)
			return 1;
		char *slash = strrchr(path, '/');
		if (!slash || slash == path) {
			if (strcmp(path, "/") == 0)
				return 0;
			strcpy(path, "/");
			continue;
		}
		*slash = '\0';
	}
}

/* rel taken relative to base's folder, unless it is absolute. */
static char *resolve(const char *base_file, const char *rel)
{
	if (rel[0] == '/')
		return al_xstrdup(rel);
	char *dir = al_dir_of(base_file);
	char *out = al_xmalloc(strlen(dir) + strlen(rel) + 2);
	sprintf(out, "%s/%s", dir, rel);
	free(dir);
	return out;
}

static void push_str(char ***arr, size_t *n, char *s)
{
	*arr = al_xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = s;
}

static int get_string_list(const cfgsrc *s, const cJSON *v, const char *key, char ***arr, size_t *n, int resolve_paths)
{
	if (!cJSON_IsArray(v))
		return fail_key(s, key, _("'%s' must be an array of strings"), key);
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsString(e))
			return fail_key(s, key, _("'%s' must be an array of strings"), key);
		push_str(arr, n, resolve_paths ? resolve(s->file, e->valuestring) : al_xstrdup(e->valuestring));
	}
	return 0;
}

static const char *const severities[] = { "info", "warning", "error", "off", NULL };

static int parse_severity(const char *v)
{
	for (int i = 0; severities[i]; i++)
		if (strcmp(v, severities[i]) == 0)
			return i;
	return -1;
}

/* "file:line:col" of key in s, for an error found after loading. */
static char *where_of(const cfgsrc *s, const char *key)
{
	size_t off = al_json_find_key(s->json, s->len, 0, key);
	int line, col;
	al_json_line_col(s->json, s->len, off, &line, &col);
	char *where = al_xmalloc(strlen(s->file) + 32);
	sprintf(where, "%s:%d:%d", s->file, line, col);
	return where;
}

static int get_rules(const cfgsrc *s, const cJSON *v, al_config *c)
{
	if (!cJSON_IsObject(v))
		return fail_key(s, "rules", _("'rules' must be an object of rule id: setting"));
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		al_rule_setting rs = { al_xstrdup(e->string), -1, NULL, NULL };
		rs.where = where_of(s, e->string);
		const cJSON *sev = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e, "severity") : e;
		int bad = sev && (!cJSON_IsString(sev) || (rs.severity = parse_severity(sev->valuestring)) < 0);
		if (!bad && cJSON_IsObject(e)) {
			cJSON *opts = cJSON_Duplicate(e, 1);
			cJSON_DeleteItemFromObjectCaseSensitive(opts, "severity");
			if (cJSON_GetArraySize(opts) > 0)
				rs.options = cJSON_PrintUnformatted(opts);
			cJSON_Delete(opts);
		} else if (!cJSON_IsString(e)) {
			bad = 1;
		}
		c->rules = al_xrealloc(c->rules, (c->nrules + 1) * sizeof *c->rules);
		c->rules[c->nrules++] = rs;
		if (bad)
			return fail_key(s, e->string,
					_("rule '%s' must be \"off\", \"info\", \"warning\", \"error\" or an object "
					  "with \"severity\" and rule options"),
					e->string);
	}
	return 0;
}

static int get_ignores(const cfgsrc *s, const cJSON *v, al_config *c)
{
	static const char *const keys[] = { "rule", "text", "file", "reason", NULL };
	if (!cJSON_IsArray(v))
		return fail_key(s, "ignore", _("'ignore' must be an array of {rule, text or file, reason}"));
	const cJSON *e, *k;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsObject(e))
			return fail_key(s, "ignore", _("'ignore' must be an array of {rule, text or file, reason}"));
		cJSON_ArrayForEach(k, e)
		{
			int ok = cJSON_IsString(k);
			for (int i = 0; ok && keys[i]; i++)
				if (strcmp(keys[i], k->string) == 0)
					ok = 2;
			if (ok != 2)
				return fail_key(
					s, k->string,
					_("'ignore' entries take rule, text, file and reason (strings); not '%s'"),
					k->string);
		}
		const cJSON *rule = cJSON_GetObjectItemCaseSensitive(e, "rule");
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(e, "text");
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
		const cJSON *reason = cJSON_GetObjectItemCaseSensitive(e, "reason");
		if (!rule || !reason || !*reason->valuestring || (!text && !file))
			return fail_key(s, "ignore",
					_("each 'ignore' entry needs a rule, a text or a file, and a reason"));
		al_ignore ig = { al_xstrdup(rule->valuestring), text ? al_xstrdup(text->valuestring) : NULL,
				 file ? al_xstrdup(file->valuestring) : NULL, al_xstrdup(reason->valuestring),
				 al_dir_of(s->file) };
		c->ignore = al_xrealloc(c->ignore, (c->nignore + 1) * sizeof *c->ignore);
		c->ignore[c->nignore++] = ig;
	}
	return 0;
}

/* Canada writes both, so its letters are checked against both. */
static int get_types(const cfgsrc *s, const cJSON *v, al_config *c)
{
	const cJSON *e;
	al_buf b = { 0 };
	al_buf_adds(&b, "");
	if (!cJSON_IsArray(v)) {
		al_buf_free(&b);
		return fail_key(s, "types", _("'types' must be an array of letter type ids"));
	}
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsString(e)) {
			al_buf_free(&b);
			return fail_key(s, "types", _("'types' must be an array of letter type ids"));
		}
		al_buf_printf(&b, "%s%s", b.len ? "," : "", e->valuestring);
	}
	free(c->types);
	c->types = b.data;
	/* the ids are checked once the rules (and their types) are loaded */
	free(c->types_where);
	c->types_where = where_of(s, "types");
	return 0;
}

static const char *const us_english[] = { "US", "MX", "JP", NULL };
static const char *const any_english[] = { "CA", NULL };
static const char *const gb_english[] = { "UK", "GB", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "IE",
					  "AU", "IN", "AE", "SA", "SG", "BE", "TR", "EG", NULL };

static int in_list(const char *v, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

static int get_scalar(const cfgsrc *s, const cJSON *e, al_config *c)
{
	const char *k = e->string;
	if (strcmp(k, "marketplace") == 0) {
		if (!cJSON_IsString(e) ||
		    !(in_list(e->valuestring, us_english) || in_list(e->valuestring, gb_english) ||
		      in_list(e->valuestring, any_english)))
			return fail_key(s, k,
					_("'marketplace' must be a marketplace code such as \"US\", \"UK\" or \"DE\""));
		free(c->marketplace);
		c->marketplace = al_xstrdup(e->valuestring);
	} else if (strcmp(k, "fail_on") == 0) {
		int v = cJSON_IsString(e) ? al_severity_parse(e->valuestring, 1) : -1;
		if (v < 0)
			return fail_key(s, k, _("'fail_on' must be \"error\", \"warning\", \"info\" or \"none\""));
		c->fail_on = v;
	} else if (strcmp(k, "min_score") == 0) {
		if (!cJSON_IsNumber(e) || !al_json_whole(e->valuedouble, 0, 100))
			return fail_key(s, k, _("'min_score' must be a whole number from 0 to 100"));
		c->min_score = e->valueint;
	} else if (strcmp(k, "spelling") == 0) {
		if (!cJSON_IsString(e) || (strcmp(e->valuestring, "en_US") && strcmp(e->valuestring, "en_GB") &&
					   strcmp(e->valuestring, "any")))
			return fail_key(s, k, _("'spelling' must be \"en_US\", \"en_GB\" or \"any\""));
		free(c->spelling);
		c->spelling = al_xstrdup(e->valuestring);
	} else if (strcmp(k, "lang") == 0) {
		al_lang l;
		if (!cJSON_IsString(e) || al_lang_parse(e->valuestring, &l))
			return fail_key(s, k, _("'lang' must be \"en\" or \"zh-CN\""));
		free(c->lang);
		c->lang = al_xstrdup(al_lang_tag(l));
	} else if (strcmp(k, "docs_url") == 0) {
		if (!cJSON_IsString(e))
			return fail_key(s, k, _("'docs_url' must be a string"));
		free(c->docs_url);
		c->docs_url = al_xstrdup(e->valuestring);
	} else {
		return 1;
	}
	return 0;
}

static int load_one(al_config *c, const char *path, int depth, al_error *err);

static int apply_object(al_config *c, const cfgsrc *s, const cJSON *root, int depth)
{
	const cJSON *ext = cJSON_GetObjectItemCaseSensitive(root, "extends"), *e;
	if (ext) {
		if (!cJSON_IsString(ext))
			return fail_key(s, "extends", _("'extends' must be the path of another configuration file"));
		if (depth >= MAX_EXTENDS)
			return fail_key(s, "extends", _("'extends' goes more than %d files deep (a cycle?)"),
					MAX_EXTENDS);
		char *base = resolve(s->file, ext->valuestring);
		int rc = load_one(c, base, depth + 1, s->err);
		free(base);
		if (rc)
			return -1;
	}
	cJSON_ArrayForEach(e, root)
	{
		const char *k = e->string;
		int rc = 0;
		if (strcmp(k, "extends") == 0 || strcmp(k, "$schema") == 0)
			continue;
		if (strcmp(k, "rules") == 0)
			rc = get_rules(s, e, c);
		else if (strcmp(k, "rules_dirs") == 0)
			rc = get_string_list(s, e, k, &c->rules_dirs, &c->nrules_dirs, 1);
		else if (strcmp(k, "dictionary") == 0)
			rc = get_string_list(s, e, k, &c->dictionary, &c->ndictionary, 0);
		else if (strcmp(k, "ignore") == 0)
			rc = get_ignores(s, e, c);
		else if (strcmp(k, "types") == 0)
			rc = get_types(s, e, c);
		else if ((rc = get_scalar(s, e, c)) == 1)
			rc = fail_key(
				s, k,
				_("unknown key '%s' (known: rules, rules_dirs, extends, dictionary, marketplace, spelling, lang, types, fail_on, min_score, ignore, docs_url)"),
				k);
		if (rc)
			return -1;
	}
	return 0;
}

/* Only whitespace (comments are blanked already)? */
static int blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] > ' ')
			return 0;
	return 1;
}

/* The offset of a \u0000 escape inside a JSON string, or (size_t)-1.
 * cJSON ends a string at it, so "zh-CN\u0000junk" would read as "zh-CN"
 * and the rest be dropped unseen. */
static size_t nul_escape(const char *text, size_t len)
{
	int in_string = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"') {
			in_string = !in_string;
		} else if (in_string && text[i] == '\\') {
			if (i + 5 < len && memcmp(text + i + 1, "u0000", 5) == 0)
				return i;
			i++; /* the escaped character, which may be a quote */
		}
	}
	return (size_t)-1;
}

static int load_one(al_config *c, const char *given, int depth, al_error *err)
{
	char real[PATH_MAX];
	const char *path = realpath(given, real) ? real : given;
	for (size_t i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], path) == 0)
			return al_fail(err, AL_ERR_RULE, path, 0, 0, _("configuration %s extends itself"), path);
	push_str(&c->files, &c->nfiles, al_xstrdup(path));
	size_t len;
	char *text;
	if (al_read_file(path, N_("configuration"), &text, &len, err))
		return -1;
	al_json_strip_comments(text, len);
	cfgsrc s = { path, text, len, err };
	const char *end = NULL;
	size_t nul = nul_escape(text, len);
	cJSON *root = nul == (size_t)-1 ? cJSON_ParseWithLengthOpts(text, len, &end, 0) : NULL;
	int rc;
	if (blank(text, len)) {
		rc = al_fail(err, AL_ERR_JSON, path, 0, 0,
			     _("%s: the configuration file is empty (write {} for a configuration with no settings)"),
			     path);
	} else if (nul != (size_t)-1) {
		int line, col;
		al_json_line_col(text, len, nul, &line, &col);
		rc = al_fail(err, AL_ERR_JSON, path, line, col, _("a string holds \\u0000 (a NUL character)"));
	} else if (!root) {
		size_t off = end ? (size_t)(end - text) : 0;
		while (off > 0 && (off >= len || (unsigned char)text[off] <= ' '))
			off--;
		int line, col;
		al_json_line_col(text, len, off, &line, &col);
		rc = al_fail(err, AL_ERR_JSON, path, line, col, _("invalid JSON near '%c'"),
			     off < len && text[off] > ' ' ? text[off] : '?');
	} else if (!cJSON_IsObject(root)) {
		rc = fail_key(&s, NULL, _("a configuration file holds one JSON object"));
	} else {
		rc = apply_object(c, &s, root, depth);
	}
	cJSON_Delete(root);
	free(text);
	return rc;
}

int al_config_load(al_config *c, const char *path, al_error *err)
{
	memset(c, 0, sizeof *c);
	c->fail_on = c->min_score = -1;
	c->path = al_xstrdup(path);
	return load_one(c, path, 0, err);
}

int al_config_apply(const al_config *c, al_ruleset *rs, const char *const *cli_dirs, size_t ncli, al_error *err)
{
	for (size_t i = 0; i < c->nrules_dirs; i++)
		if (al_ruleset_load_dir(rs, c->rules_dirs[i], err))
			return -1;
	for (size_t i = 0; i < ncli; i++)
		if (al_ruleset_load_dir(rs, cli_dirs[i], err))
			return -1;
	for (size_t i = 0; i < c->nrules; i++) {
		const al_rule_setting *st = &c->rules[i];
		if (al_ruleset_override(rs, st->id, st->severity, st->options, st->where, err)) {
			/* "file:line:col" of the setting leads the message */
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err->msg);
			al_fail(err, AL_ERR_RULE, st->where, 0, 0, "%s", msg);
			return -1;
		}
	}
	al_ruleset_add_words(rs, c->dictionary, c->ndictionary);
	return 0;
}

const char *al_config_spelling(const al_config *c)
{
	if (c->spelling)
		return c->spelling;
	if (!c->marketplace)
		return NULL;
	return in_list(c->marketplace, us_english) ? "en_US" : in_list(c->marketplace, any_english) ? "any" : "en_GB";
}

int al_config_month_first(const al_config *c)
{
	return c->marketplace && strcmp(c->marketplace, "US") == 0;
}

char *al_config_to_json(const al_config *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *files = cJSON_AddArrayToObject(o, "files");
	for (size_t i = 0; i < c->nfiles; i++)
		cJSON_AddItemToArray(files, cJSON_CreateString(c->files[i]));
	cJSON *rules = cJSON_AddObjectToObject(o, "rules");
	for (size_t i = 0; i < c->nrules; i++) {
		const al_rule_setting *st = &c->rules[i];
		cJSON *v = st->options ? cJSON_Parse(st->options) : NULL;
		const char *sev = st->severity >= 0 ? severities[st->severity] : NULL;
		cJSON_DeleteItemFromObjectCaseSensitive(rules, st->id);
		if (v) {
			if (sev)
				cJSON_AddStringToObject(v, "severity", sev);
			cJSON_AddItemToObject(rules, st->id, v);
		} else {
			cJSON_AddStringToObject(rules, st->id, sev ? sev : "default");
		}
	}
	cJSON *dirs = cJSON_AddArrayToObject(o, "rules_dirs");
	for (size_t i = 0; i < c->nrules_dirs; i++)
		cJSON_AddItemToArray(dirs, cJSON_CreateString(c->rules_dirs[i]));
	cJSON *words = cJSON_AddArrayToObject(o, "dictionary");
	for (size_t i = 0; i < c->ndictionary; i++)
		cJSON_AddItemToArray(words, cJSON_CreateString(c->dictionary[i]));
	if (c->marketplace)
		cJSON_AddStringToObject(o, "marketplace", c->marketplace);
	else
		cJSON_AddNullToObject(o, "marketplace");
	if (c->spelling)
		cJSON_AddStringToObject(o, "spelling", c->spelling);
	if (c->lang)
		cJSON_AddStringToObject(o, "lang", c->lang);
	cJSON_AddStringToObject(o, "fail_on",
				al_severity_name(c->fail_on >= 0 ? (al_severity)c->fail_on : AL_SEV_ERROR));
	cJSON_AddNumberToObject(o, "min_score", c->min_score >= 0 ? c->min_score : 0);
	cJSON *ig = cJSON_AddArrayToObject(o, "ignore");
	for (size_t i = 0; i < c->nignore; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "rule", c->ignore[i].rule);
		if (c->ignore[i].text)
			cJSON_AddStringToObject(e, "text", c->ignore[i].text);
		if (c->ignore[i].file)
			cJSON_AddStringToObject(e, "file", c->ignore[i].file);
		cJSON_AddStringToObject(e, "reason", c->ignore[i].reason);
		cJSON_AddItemToArray(ig, e);
	}
	if (c->docs_url)
		cJSON_AddStringToObject(o, "docs_url", c->docs_url);
	if (c->types)
		cJSON_AddStringToObject(o, "types", c->types);
	char *s = cJSON_Print(o);
	cJSON_Delete(o);
	return s;
}

void al_config_free(al_config *c)
{
	free(c->path);
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	for (size_t i = 0; i < c->nrules; i++) {
		free(c->rules[i].id);
		free(c->rules[i].options);
		free(c->rules[i].where);
	}
	free(c->rules);
	for (size_t i = 0; i < c->nrules_dirs; i++)
		free(c->rules_dirs[i]);
	free(c->rules_dirs);
	for (size_t i = 0; i < c->ndictionary; i++)
		free(c->dictionary[i]);
	free(c->dictionary);
	free(c->marketplace);
	free(c->spelling);
	free(c->lang);
	free(c->types_where);
	for (size_t i = 0; i < c->nignore; i++) {
		free(c->ignore[i].rule);
		free(c->ignore[i].text);
		free(c->ignore[i].file);
		free(c->ignore[i].reason);
		free(c->ignore[i].base);
	}
	free(c->ignore);
	free(c->docs_url);
	free(c->types);
	memset(c, 0, sizeof *c);
	c->fail_on = c->min_score = -1;
}
