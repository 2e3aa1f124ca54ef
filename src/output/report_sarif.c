/* report_sarif.c - SARIF 2.1.0, one run: the rules in tool.driver.rules,
 * one result per finding, fixes where a rule has one, fingerprints that
 * survive edits elsewhere in the letter. Ready for GitHub code scanning. */
#include "output/report.h"
#include "base/lang.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct sarif {
	cJSON *root, *rules, *results, *notes;
	char cwd[PATH_MAX];
} sarif;

static const char *level(al_severity s)
{
	return s == AL_SEV_ERROR ? "error" : s == AL_SEV_WARNING ? "warning" : "note";
}

/* A path as a URI reference: relative to the working folder when under it,
 * with everything but unreserved characters and '/' percent-encoded. */
static char *uri_of(const sarif *S, const char *path)
{
	size_t n = strlen(S->cwd);
	if (path[0] == '/' && strncmp(path, S->cwd, n) == 0 && path[n] == '/')
		path += n + 1;
	else if (strncmp(path, "./", 2) == 0)
		path += 2;
	al_buf b = { 0 };
	al_buf_adds(&b, path[0] == '/' ? "file://" : "");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			al_buf_addc(&b, (char)*p);
		else
			al_buf_printf(&b, "%%%02X", *p);
	}
	return b.data;
}

static cJSON *text_obj(const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "text", text);
	return o;
}

static cJSON *rule_json(const al_out *o, const al_rule *r)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "id", r->id);
	cJSON_AddItemToObject(j, "shortDescription", text_obj(al_tx(&r->summary)));
	cJSON_AddItemToObject(j, "fullDescription", text_obj(al_tx(&r->explain)));
	al_buf help = { 0 };
	al_buf_printf(&help, "%s\n\n%s\n\nSources:", al_tx(&r->summary), al_tx(&r->explain));
	for (size_t i = 0; i < r->nsources; i++)
		al_buf_printf(&help, "\n- %s", r->sources[i]);
	cJSON *h = text_obj(help.data);
	al_buf_reset(&help);
	al_buf_printf(&help, "**%s**\n\n%s\n\n**Sources**\n", al_tx(&r->summary), al_tx(&r->explain));
	for (size_t i = 0; i < r->nsources; i++)
		al_buf_printf(&help, "\n- %s", r->sources[i]);
	cJSON_AddStringToObject(h, "markdown", help.data);
	cJSON_AddItemToObject(j, "help", h);
	al_buf_reset(&help);
	al_buf_printf(&help, "%s#%s", o->docs_url, r->id);
	cJSON_AddStringToObject(j, "helpUri", help.data);
	al_buf_free(&help);
	cJSON *conf = cJSON_AddObjectToObject(j, "defaultConfiguration");
	cJSON_AddStringToObject(conf, "level", level(r->severity));
	return j;
}

/* Index of rule id in the driver's rules, adding it when first met. */
static int rule_index(const al_out *o, sarif *S, const al_rule *r)
{
	int i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, S->rules)
	{
		if (strcmp(cJSON_GetObjectItemCaseSensitive(e, "id")->valuestring, r->id) == 0)
			return i;
		i++;
	}
	cJSON_AddItemToArray(S->rules, rule_json(o, r));
	return i;
}

static void sarif_begin(al_out *o)
{
	sarif *S = al_xmalloc(sizeof *S);
	if (!getcwd(S->cwd, sizeof S->cwd))
		strcpy(S->cwd, ".");
	S->root = cJSON_CreateObject();
	cJSON_AddStringToObject(S->root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(S->root, "version", "2.1.0");
	cJSON *run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(S->root, "runs"), run);
	cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "appeal-lint");
	cJSON_AddStringToObject(driver, "version", AL_VERSION);
	cJSON_AddStringToObject(driver, "semanticVersion", AL_VERSION);
	/* where to learn about the tool: the rules documentation, installed
	 * with it (or docs_url), which the rules' helpUri links point into;
	 * code scanning warns (SARIF2005) without it */
	cJSON_AddStringToObject(driver, "informationUri", o->docs_url);
	S->rules = cJSON_AddArrayToObject(driver, "rules");
	for (size_t i = 0; o->rules && i < o->rules->n; i++)
		if (!o->rules->rules[i].part)
			rule_index(o, S, &o->rules->rules[i]);
	cJSON *inv = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(run, "invocations"), inv);
	cJSON_AddBoolToObject(inv, "executionSuccessful", 1);
	S->notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
	/* the language of the messages, an RFC 5646 tag as SARIF asks */
	cJSON_AddStringToObject(run, "language", al_lang_get() == AL_LANG_ZH_CN ? "zh-CN" : "en-US");
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	S->results = cJSON_AddArrayToObject(run, "results");
	o->state = S;
}

static cJSON *artifact(const sarif *S, const char *path)
{
	cJSON *a = cJSON_CreateObject();
	char *uri = uri_of(S, path);
	cJSON_AddStringToObject(a, "uri", uri);
	free(uri);
	return a;
}

static cJSON *region(size_t l, size_t c, size_t el, size_t ec)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddNumberToObject(r, "startLine", (double)l);
	cJSON_AddNumberToObject(r, "startColumn", (double)c);
	cJSON_AddNumberToObject(r, "endLine", (double)el);
	cJSON_AddNumberToObject(r, "endColumn", (double)ec);
	return r;
}

/* FNV-1a over the rule, the text and how often the same text came before:
 * stable when lines move, distinct for repeats. */
static void fingerprint(const char *rule, const char *text, int nth, char out[17])
{
	uint64_t h = 1469598103934665603ULL;
	const char *parts[] = { rule, "\x1f", text, "\x1f" };
	for (int k = 0; k < 4; k++)
		for (const unsigned char *p = (const unsigned char *)parts[k]; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
	h = (h ^ (uint64_t)nth) * 1099511628211ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static cJSON *fix_json(const sarif *S, const al_filereport *r, const al_rfinding *f)
{
	cJSON *fix = cJSON_CreateObject();
	al_buf d = { 0 };
	al_buf_printf(&d, _("Replace with \"%s\""), al_report_str(r, f->replacement));
	cJSON_AddItemToObject(fix, "description", text_obj(d.data));
	al_buf_free(&d);
	cJSON *change = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(fix, "artifactChanges"), change);
	cJSON_AddItemToObject(change, "artifactLocation", artifact(S, r->path));
	cJSON *rep = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(change, "replacements"), rep);
	cJSON_AddItemToObject(rep, "deletedRegion", region(f->fix_line, f->fix_col, f->fix_end_line, f->fix_end_col));
	cJSON_AddItemToObject(rep, "insertedContent", text_obj(al_report_str(r, f->replacement)));
	return fix;
}

static cJSON *result_json(al_out *o, sarif *S, const al_filereport *r, size_t i)
{
	const al_rfinding *f = &r->list[i];
	cJSON *res = cJSON_CreateObject();
	cJSON_AddStringToObject(res, "ruleId", f->rule->id);
	cJSON_AddNumberToObject(res, "ruleIndex", rule_index(o, S, f->rule));
	cJSON_AddStringToObject(res, "level", level(f->severity));
	al_buf m = { 0 };
	al_buf_printf(&m, "%s\nSuggestion: %s", al_report_str(r, f->message), al_report_str(r, f->suggestion));
	cJSON_AddItemToObject(res, "message", text_obj(m.data));
	al_buf_free(&m);
	cJSON *phys = cJSON_CreateObject();
	cJSON_AddItemToObject(phys, "artifactLocation", artifact(S, r->path));
	cJSON *reg = region(f->line, f->col, f->end_line, f->end_col);
	if (!r->docx) { /* a .docx's bytes are compressed: offsets count its extracted text */
		cJSON_AddNumberToObject(reg, "byteOffset", (double)f->offset);
		cJSON_AddNumberToObject(reg, "byteLength", (double)f->length);
	}
	cJSON_AddItemToObject(phys, "region", reg);
	cJSON *loc = cJSON_CreateObject();
	cJSON_AddItemToObject(loc, "physicalLocation", phys);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "locations"), loc);
	int nth = 0;
	for (size_t k = 0; k < i; k++)
		nth += r->list[k].rule == f->rule &&
		       strcmp(al_report_str(r, r->list[k].match), al_report_str(r, f->match)) == 0;
	char fp[17];
	fingerprint(f->rule->id, al_report_str(r, f->match), nth, fp);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(res, "partialFingerprints"), "appealLint/v1", fp);
	if (f->has_fix && !r->docx)
		cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "fixes"), fix_json(S, r, f));
	if (f->para)
		cJSON_AddNumberToObject(cJSON_AddObjectToObject(res, "properties"), "wordParagraph", (double)f->para);
	if (f->ignored != (size_t)-1) {
		cJSON *sup = cJSON_CreateObject();
		cJSON_AddStringToObject(sup, "kind", "external");
		cJSON_AddStringToObject(sup, "justification", al_report_str(r, f->ignored));
		cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "suppressions"), sup);
	}
	return res;
}

static void sarif_file(al_out *o, const al_filereport *r)
{
	sarif *S = o->state;
	if (r->error) {
		cJSON *n = cJSON_CreateObject();
		cJSON_AddStringToObject(n, "level", "error");
		cJSON_AddItemToObject(n, "message", text_obj(r->error));
		cJSON *phys = cJSON_CreateObject(), *loc = cJSON_CreateObject();
		cJSON_AddItemToObject(phys, "artifactLocation", artifact(S, r->path));
		cJSON_AddItemToObject(loc, "physicalLocation", phys);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(n, "locations"), loc);
		cJSON_AddItemToArray(S->notes, n);
		cJSON *inv =
			cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
						   cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(S->root, "runs"),
								      0),
						   "invocations"),
					   0);
		cJSON_ReplaceItemInObjectCaseSensitive(inv, "executionSuccessful", cJSON_CreateBool(0));
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		if (r->list[i].ignored == (size_t)-1 || o->show_ignored)
			cJSON_AddItemToArray(S->results, result_json(o, S, r, i));
}

static void sarif_end(al_out *o)
{
	sarif *S = o->state;
	char *s = cJSON_Print(S->root);
	fputs(s, o->fp);
	fputc('\n', o->fp);
	free(s);
	cJSON_Delete(S->root);
	free(S);
	o->state = NULL;
}

const al_emitter al_emit_sarif = { "sarif", N_("SARIF 2.1.0 for GitHub code scanning and other viewers"), sarif_begin,
				   sarif_file, sarif_end };
