/* lsp.c - the language server: framing, lifecycle, documents kept in
 * memory and linted after a pause in typing, diagnostics, code actions,
 * hover and one command. Single-threaded: poll(2) gives the pause. */
#include "front/lsp.h"
#include "base/lang.h"

#include "docdir.h"
#include "base/jsonpos.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_MESSAGE (64u << 20) /* a larger Content-Length is refused */
#define MAX_HEADER 8192
#define DEBOUNCE_MS 150

enum {
	PARSE_ERROR = -32700,
	INVALID_REQUEST = -32600,
	METHOD_NOT_FOUND = -32601,
	INVALID_PARAMS = -32602,
	SERVER_NOT_INITIALIZED = -32002,
	REQUEST_FAILED = -32803
};

typedef struct doc {
	char *uri, *path; /* path: the file behind a file:// URI, or NULL */
	al_buf text;
	int version, markdown;
	long long due;	      /* when to lint (ms), or -1 */
	al_filereport report; /* the last lint */
	int linted;
} doc;

typedef struct setting {
	char *rule;
	int severity; /* AL_SEV_NONE: off */
} setting;

typedef struct lsp {
	int in, out;
	al_buf inbuf;
	int resync; /* a frame was broken: drop input up to the next header */
	int initialized, shutdown, utf8, debounce;
	int gone; /* writing to the client failed */
	char **languages;
	size_t nlanguages;
	doc *docs;
	size_t ndocs, docs_cap;
	setting *settings;
	size_t nsettings;
	al_profiles profiles;
	al_linter L;
	char docs_url[PATH_MAX + 64];
} lsp;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- output: only protocol messages ever reach the client's stream ---- */

static void send_json(lsp *S, cJSON *msg)
{
	cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
	char *body = cJSON_PrintUnformatted(msg);
	char head[64];
	int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
	al_buf b = { 0 };
	al_buf_add(&b, head, (size_t)hn);
	al_buf_adds(&b, body);
	for (size_t off = 0; off < b.len;) {
		ssize_t w = write(S->out, b.data + off, b.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			S->gone = 1; /* the client closed its end: nothing more to do */
			break;
		}
		off += (size_t)w;
	}
	al_buf_free(&b);
	free(body);
	cJSON_Delete(msg);
}

static void respond(lsp *S, const cJSON *id, cJSON *result)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
	cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
	send_json(S, m);
}

static void respond_error(lsp *S, const cJSON *id, int code, const char *message)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
	cJSON *e = cJSON_AddObjectToObject(m, "error");
	cJSON_AddNumberToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", message);
	send_json(S, m);
}

static void notify(lsp *S, const char *method, cJSON *params)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "method", method);
	cJSON_AddItemToObject(m, "params", params);
	send_json(S, m);
}

/* window/logMessage: 1 error, 2 warning, 3 info. */
static void log_msg(lsp *S, int type, const char *text)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddNumberToObject(p, "type", type);
	cJSON_AddStringToObject(p, "message", text);
	notify(S, "window/logMessage", p);
}

/* ---- documents ---- */

/* The file behind a file:// URI, percent-decoded; NULL for other schemes. */
static char *path_of(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *p = uri + 7;
	if (*p != '/')
		p = strchr(p, '/'); /* file://host/path */
	if (!p)
		return NULL;
	char *out = al_xmalloc(strlen(p) + 1), *o = out;
	for (; *p; p++) {
		unsigned v;
		if (*p == '%' && p[1] && p[2] && sscanf(p + 1, "%2x", &v) == 1) {
			*o++ = (char)v;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static doc *find_doc(lsp *S, const char *uri)
{
	for (size_t i = 0; uri && i < S->ndocs; i++)
		if (strcmp(S->docs[i].uri, uri) == 0)
			return &S->docs[i];
	return NULL;
}

static void doc_free(doc *d)
{
	free(d->uri);
	free(d->path);
	al_buf_free(&d->text);
	al_report_free(&d->report);
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
	if (b)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int language_served(const lsp *S, const char *lang)
{
	for (size_t i = 0; lang && i < S->nlanguages; i++)
		if (strcmp(S->languages[i], lang) == 0)
			return 1;
	return 0;
}

/* A position's number, or dflt when v is none; clamped, as a double past
 * the range of long (1e300) has no conversion. */
static long num_of(const cJSON *v, long dflt)
{
	if (!cJSON_IsNumber(v))
		return dflt;
	const double big = (double)(1L << 40);
	return v->valuedouble > big ? (long)big : v->valuedouble < -big ? -(long)big : (long)v->valuedouble;
}

/* Byte offset in text of an LSP position (0-based line, character in the
 * negotiated units), clamped to the line's end. */
static size_t offset_of(const lsp *S, const al_buf *text, const cJSON *pos)
{
	const cJSON *jl = cJSON_GetObjectItemCaseSensitive(pos, "line");
	const cJSON *jc = cJSON_GetObjectItemCaseSensitive(pos, "character");
	long line = num_of(jl, 0), ch = num_of(jc, 0);
	const char *s = text->data ? text->data : "";
	size_t n = text->len, i = 0;
	for (long l = 0; l < line && i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
			l++;
	for (long c = 0; c < ch && i < n && s[i] != '\n' && s[i] != '\r';) {
		uint32_t cp;
		size_t next = al_utf8_next(s, n, i, &cp);
		c += S->utf8 ? (long)(next - i) : cp >= 0x10000 ? 2 : 1;
		i = next;
	}
	return i;
}

static void apply_change(lsp *S, doc *d, const cJSON *change)
{
	const cJSON *range = cJSON_GetObjectItemCaseSensitive(change, "range");
	const char *text = str_at(change, "text", NULL);
	if (!text)
		return;
	if (!range) {
		al_buf_reset(&d->text);
		al_buf_adds(&d->text, text);
		return;
	}
	size_t a = offset_of(S, &d->text, cJSON_GetObjectItemCaseSensitive(range, "start"));
	size_t b = offset_of(S, &d->text, cJSON_GetObjectItemCaseSensitive(range, "end"));
	if (b < a)
		b = a;
	al_buf out = { 0 };
	al_buf_add(&out, d->text.data ? d->text.data : "", a);
	al_buf_adds(&out, text);
	al_buf_add(&out, d->text.data + b, d->text.len - b);
	al_buf_free(&d->text);
	d->text = out;
}

/* ---- lint and publish ---- */

static const setting *setting_for(const lsp *S, const char *rule)
{
	for (size_t i = 0; i < S->nsettings; i++)
		if (strcmp(S->settings[i].rule, rule) == 0)
			return &S->settings[i];
	return NULL;
}

static int severity_of(const lsp *S, const al_rfinding *f)
{
	const setting *st = setting_for(S, f->rule->id);
	return st ? st->severity : (int)f->severity;
}

static cJSON *position(const lsp *S, size_t line, size_t col16, size_t col8)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddNumberToObject(p, "line", (double)(line - 1));
	cJSON_AddNumberToObject(p, "character", (double)((S->utf8 ? col8 : col16) - 1));
	return p;
}

static cJSON *range_of(const lsp *S, const al_rfinding *f)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddItemToObject(r, "start", position(S, f->line, f->col16, f->col8));
	cJSON_AddItemToObject(r, "end", position(S, f->end_line, f->end_col16, f->end_col8));
	return r;
}

static cJSON *fix_range(const lsp *S, const al_rfinding *f)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddItemToObject(r, "start", position(S, f->fix_line, f->fix_col16, f->fix_col8));
	cJSON_AddItemToObject(r, "end", position(S, f->fix_end_line, f->fix_end_col16, f->fix_end_col8));
	return r;
}

static const int lsp_severity[] = { 3, 2, 1 }; /* info, warning, error */

static cJSON *diagnostic(const lsp *S, const doc *d, size_t i)
{
	const al_filereport *r = &d->report;
	const al_rfinding *f = &r->list[i];
	cJSON *g = cJSON_CreateObject();
	cJSON_AddItemToObject(g, "range", range_of(S, f));
	cJSON_AddNumberToObject(g, "severity", lsp_severity[severity_of(S, f)]);
	cJSON_AddStringToObject(g, "code", f->rule->id);
	char href[PATH_MAX + 160];
	snprintf(href, sizeof href, "%s#%s", S->docs_url, f->rule->id);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(g, "codeDescription"), "href", href);
	cJSON_AddStringToObject(g, "source", "appeal-lint");
	al_buf m = { 0 };
	al_buf_printf(&m, "%s\n%s", al_report_str(r, f->message), al_report_str(r, f->suggestion));
	cJSON_AddStringToObject(g, "message", m.data);
	al_buf_free(&m);
	cJSON_AddNumberToObject(cJSON_AddObjectToObject(g, "data"), "index", (double)i);
	return g;
}

static int shown(const lsp *S, const al_rfinding *f)
{
	return f->ignored == (size_t)-1 && severity_of(S, f) != AL_SEV_NONE;
}

static void publish(lsp *S, doc *d, int clear)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "uri", d->uri);
	cJSON_AddNumberToObject(p, "version", d->version);
	cJSON *arr = cJSON_AddArrayToObject(p, "diagnostics");
	for (size_t i = 0; !clear && i < d->report.n; i++)
		if (shown(S, &d->report.list[i]))
			cJSON_AddItemToArray(arr, diagnostic(S, d, i));
	notify(S, "textDocument/publishDiagnostics", p);
}

static void lint(lsp *S, doc *d)
{
	d->due = -1;
	char *dir = d->path ? al_dir_of(d->path) : al_xstrdup(".");
	al_error err;
	al_profile *p = al_profiles_get(&S->profiles, al_profiles_config(&S->profiles, dir), &err);
	free(dir);
	al_report_free(&d->report);
	d->linted = 0;
	if (!p) {
		char msg[sizeof err.msg + sizeof err.file + 32];
		snprintf(msg, sizeof msg, "appeal-lint: %s:%d:%d: %s", err.file, err.line, err.col, err.msg);
		log_msg(S, 1, msg);
		publish(S, d, 1);
		return;
	}
	if (d->text.len > AL_MAX_LETTER) {
		char msg[64 + PATH_MAX];
		snprintf(msg, sizeof msg, _("appeal-lint: %s is larger than %u MiB and is not checked"),
			 d->path ? d->path : d->uri, AL_MAX_LETTER >> 20);
		log_msg(S, 1, msg);
		publish(S, d, 1);
		return;
	}
	al_job job = { NULL, d->path ? d->path : d->uri, p, d->markdown };
	al_lint_text(&S->L, &job, d->text.data ? d->text.data : "", d->text.len, &d->report);
	d->linted = 1;
	publish(S, d, 0);
}

static void lint_all(lsp *S)
{
	for (size_t i = 0; i < S->ndocs; i++)
		lint(S, &S->docs[i]);
}

/* ---- requests ---- */

static void initialize(lsp *S, const cJSON *id, const cJSON *params)
{
	const cJSON *encs = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(params, "capabilities"), "general"),
		"positionEncodings");
	const cJSON *e;
	cJSON_ArrayForEach(e, encs) if (cJSON_IsString(e) && strcmp(e->valuestring, "utf-8") == 0) S->utf8 = 1;
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(params, "initializationOptions");
	const cJSON *deb = cJSON_GetObjectItemCaseSensitive(opts, "debounceMs");
	if (cJSON_IsNumber(deb) && deb->valuedouble >= 0 && deb->valuedouble <= 10000)
		S->debounce = (int)deb->valuedouble;
	/* the message language: the option, else the editor's own locale */
	al_lang l;
	if (!al_lang_parse(str_at(opts, "lang", NULL), &l) || !al_lang_parse(str_at(params, "locale", NULL), &l))
		al_lang_set(l);
	cJSON *res = cJSON_CreateObject();
	cJSON *caps = cJSON_AddObjectToObject(res, "capabilities");
	cJSON_AddStringToObject(caps, "positionEncoding", S->utf8 ? "utf-8" : "utf-16");
	cJSON *sync = cJSON_AddObjectToObject(caps, "textDocumentSync");
	cJSON_AddBoolToObject(sync, "openClose", 1);
	cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
	cJSON_AddBoolToObject(cJSON_AddObjectToObject(sync, "save"), "includeText", 0);
	cJSON *ca = cJSON_AddObjectToObject(caps, "codeActionProvider");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(ca, "codeActionKinds"), cJSON_CreateString("quickfix"));
	cJSON_AddBoolToObject(caps, "hoverProvider", 1);
	cJSON *ex = cJSON_AddObjectToObject(caps, "executeCommandProvider");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(ex, "commands"), cJSON_CreateString("appeal-lint.ignoreRule"));
	cJSON *info = cJSON_AddObjectToObject(res, "serverInfo");
	cJSON_AddStringToObject(info, "name", "appeal-lint");
	cJSON_AddStringToObject(info, "version", AL_VERSION);
	S->initialized = 1;
	respond(S, id, res);
}

static int overlaps(const al_rfinding *f, long l0, long c0, long l1, long c1, int utf8)
{
	long fs = (long)f->line - 1, fe = (long)f->end_line - 1;
	long cs = (long)(utf8 ? f->col8 : f->col16) - 1, ce = (long)(utf8 ? f->end_col8 : f->end_col16) - 1;
	if (fe < l0 || (fe == l0 && ce < c0))
		return 0;
	if (fs > l1 || (fs == l1 && cs > c1))
		return 0;
	return 1;
}

static void get_range(const cJSON *range, long *l0, long *c0, long *l1, long *c1)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(range, "start");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(range, "end");
	*l0 = num_of(cJSON_GetObjectItemCaseSensitive(s, "line"), 0);
	*c0 = num_of(cJSON_GetObjectItemCaseSensitive(s, "character"), 0);
	*l1 = num_of(cJSON_GetObjectItemCaseSensitive(e, "line"), *l0);
	*c1 = num_of(cJSON_GetObjectItemCaseSensitive(e, "character"), *c0);
}

static void code_action(lsp *S, const cJSON *id, const cJSON *params)
{
	doc *d = find_doc(S, str_at(params, "textDocument", "uri"));
	cJSON *arr = cJSON_CreateArray();
	long l0, c0, l1, c1;
	get_range(cJSON_GetObjectItemCaseSensitive(params, "range"), &l0, &c0, &l1, &c1);
	char seen[64][64];
	size_t nseen = 0;
	for (size_t i = 0; d && d->linted && i < d->report.n; i++) {
		const al_rfinding *f = &d->report.list[i];
		if (!shown(S, f) || !overlaps(f, l0, c0, l1, c1, S->utf8))
			continue;
		if (f->has_fix) {
			cJSON *a = cJSON_CreateObject();
			al_buf t = { 0 };
			al_buf_printf(&t, _("Replace with \"%s\""), al_report_str(&d->report, f->replacement));
			cJSON_AddStringToObject(a, "title", t.data);
			al_buf_free(&t);
			cJSON_AddStringToObject(a, "kind", "quickfix");
			cJSON_AddBoolToObject(a, "isPreferred", 1);
			cJSON_AddItemToArray(cJSON_AddArrayToObject(a, "diagnostics"), diagnostic(S, d, i));
			cJSON *edit = cJSON_CreateObject();
			cJSON_AddItemToObject(edit, "range", fix_range(S, f));
			cJSON_AddStringToObject(edit, "newText", al_report_str(&d->report, f->replacement));
			cJSON *changes = cJSON_AddObjectToObject(cJSON_AddObjectToObject(a, "edit"), "changes");
			cJSON_AddItemToArray(cJSON_AddArrayToObject(changes, d->uri), edit);
			cJSON_AddItemToArray(arr, a);
		}
		size_t k = 0;
		while (k < nseen && strcmp(seen[k], f->rule->id) != 0)
			k++;
		if (k < nseen || nseen == 64 || !d->path)
			continue;
		snprintf(seen[nseen++], sizeof seen[0], "%s", f->rule->id);
		cJSON *a = cJSON_CreateObject();
		al_buf t = { 0 };
		al_buf_printf(&t, _("Ignore %s in this file (.appeal-lint.json)"), f->rule->id);
		cJSON_AddStringToObject(a, "title", t.data);
		al_buf_free(&t);
		cJSON_AddStringToObject(a, "kind", "quickfix");
		cJSON *cmd = cJSON_AddObjectToObject(a, "command");
		cJSON_AddStringToObject(cmd, "title", _("Ignore rule in this file"));
		cJSON_AddStringToObject(cmd, "command", "appeal-lint.ignoreRule");
		cJSON *args = cJSON_AddArrayToObject(cmd, "arguments");
		cJSON_AddItemToArray(args, cJSON_CreateString(d->uri));
		cJSON_AddItemToArray(args, cJSON_CreateString(f->rule->id));
		cJSON_AddItemToArray(arr, a);
	}
	respond(S, id, arr);
}

static void hover(lsp *S, const cJSON *id, const cJSON *params)
{
	doc *d = find_doc(S, str_at(params, "textDocument", "uri"));
	const cJSON *pos = cJSON_GetObjectItemCaseSensitive(params, "position");
	cJSON *range = cJSON_CreateObject();
	cJSON_AddItemToObject(range, "start", cJSON_Duplicate(pos, 1));
	cJSON_AddItemToObject(range, "end", cJSON_Duplicate(pos, 1));
	long l0, c0, l1, c1;
	get_range(range, &l0, &c0, &l1, &c1);
	cJSON_Delete(range);
	for (size_t i = 0; d && d->linted && i < d->report.n; i++) {
		const al_rfinding *f = &d->report.list[i];
		if (!shown(S, f) || !overlaps(f, l0, c0, l1, c1, S->utf8))
			continue;
		const al_rule *r = f->rule;
		al_buf md = { 0 };
		al_buf_printf(&md, _("**%s** (%s): %s\n\n%s\n\n**Suggestion:** %s\n\n%s\n\n**Sources**\n"), r->id,
			      al_severity_name((al_severity)severity_of(S, f)), al_report_str(&d->report, f->message),
			      al_tx(&r->summary), al_report_str(&d->report, f->suggestion), al_tx(&r->explain));
		for (size_t k = 0; k < r->nsources; k++)
			al_buf_printf(&md, "\n- %s", r->sources[k]);
		cJSON *res = cJSON_CreateObject();
		cJSON *contents = cJSON_AddObjectToObject(res, "contents");
		cJSON_AddStringToObject(contents, "kind", "markdown");
		cJSON_AddStringToObject(contents, "value", md.data);
		cJSON_AddItemToObject(res, "range", range_of(S, f));
		al_buf_free(&md);
		respond(S, id, res);
		return;
	}
	respond(S, id, NULL);
}

/* appeal-lint.ignoreRule URI RULE: adds an ignore entry for the rule and
 * this file to the nearest configuration (or a new one beside the file). */
static void ignore_rule(lsp *S, const cJSON *id, const cJSON *args)
{
	const cJSON *u = cJSON_GetArrayItem(args, 0), *ru = cJSON_GetArrayItem(args, 1);
	doc *d = cJSON_IsString(u) ? find_doc(S, u->valuestring) : NULL;
	if (!d || !d->path || !cJSON_IsString(ru)) {
		respond_error(S, id, INVALID_PARAMS,
			      "appeal-lint.ignoreRule takes the URI of an open file and a rule id");
		return;
	}
	char *dir = al_dir_of(d->path);
	char path[PATH_MAX];
	const char *found = al_profiles_config(&S->profiles, dir);
	snprintf(path, sizeof path, "%s/%s", dir, AL_CONFIG_NAME);
	if (found)
		snprintf(path, sizeof path, "%s", found);
	free(dir);
	char *text = NULL;
	size_t len = 0;
	al_error err;
	cJSON *root = NULL;
	if (found && al_read_file(path, N_("configuration"), &text, &len, &err) == 0) {
		char *copy = al_xstrndup(text, len);
		al_json_strip_comments(copy, len);
		int comments = memcmp(copy, text, len) != 0;
		free(copy);
		if (comments) {
			free(text);
			respond_error(S, id, REQUEST_FAILED,
				      _("the configuration holds comments; add the ignore entry by hand"));
			return;
		}
		root = cJSON_Parse(text);
	} else if (!found) {
		root = cJSON_CreateObject();
	}
	free(text);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		respond_error(S, id, REQUEST_FAILED, _("the configuration file cannot be read"));
		return;
	}
	cJSON *ign = cJSON_GetObjectItemCaseSensitive(root, "ignore");
	if (!cJSON_IsArray(ign)) {
		cJSON_DeleteItemFromObjectCaseSensitive(root, "ignore");
		ign = cJSON_AddArrayToObject(root, "ignore");
	}
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "rule", ru->valuestring);
	const char *base = strrchr(d->path, '/');
	cJSON_AddStringToObject(e, "file", base ? base + 1 : d->path);
	cJSON_AddStringToObject(e, "reason", "ignored from the editor");
	cJSON_AddItemToArray(ign, e);
	char *out = cJSON_Print(root);
	cJSON_Delete(root);
	char tmp[PATH_MAX + 16];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	int ok = fd >= 0 && fchmod(fd, 0644) == 0 && write(fd, out, strlen(out)) == (ssize_t)strlen(out) &&
		 write(fd, "\n", 1) == 1;
	if (fd >= 0)
		ok &= close(fd) == 0;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(out);
	if (!ok) {
		respond_error(S, id, REQUEST_FAILED, _("cannot write the configuration file"));
		return;
	}
	al_profiles_forget(&S->profiles);
	respond(S, id, NULL);
	lint_all(S);
}

/* workspace/didChangeConfiguration: {"appeal-lint": {"disabledRules": [..],
 * "severity": {rule: level}, "languages": [..], "lang": ".."}}. A key of
 * another type than that is ignored: settings come from any editor. */
static void configure(lsp *S, const cJSON *params)
{
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(params, "settings");
	const cJSON *mine = cJSON_GetObjectItemCaseSensitive(set, "appeal-lint");
	if (cJSON_IsObject(mine))
		set = mine;
	if (!cJSON_IsObject(set))
		set = NULL;
	for (size_t i = 0; i < S->nsettings; i++)
		free(S->settings[i].rule);
	free(S->settings);
	S->settings = NULL;
	S->nsettings = 0;
	const cJSON *e, *dis = cJSON_GetObjectItemCaseSensitive(set, "disabledRules");
	const cJSON *sev = cJSON_GetObjectItemCaseSensitive(set, "severity");
	if (!cJSON_IsArray(dis))
		dis = NULL;
	if (!cJSON_IsObject(sev))
		sev = NULL; /* an array's items have no name to take as a rule */
	size_t cap = (size_t)cJSON_GetArraySize(dis) + (size_t)cJSON_GetArraySize(sev) + 1;
	S->settings = al_xmalloc(cap * sizeof *S->settings);
	cJSON_ArrayForEach(e, dis) if (cJSON_IsString(e)) S->settings[S->nsettings++] =
		(setting){ al_xstrdup(e->valuestring), AL_SEV_NONE };
	cJSON_ArrayForEach(e, sev)
	{
		int v = cJSON_IsString(e) ? al_severity_parse(e->valuestring, 0) : -1;
		if (cJSON_IsString(e) && strcmp(e->valuestring, "off") == 0)
			v = AL_SEV_NONE;
		if (v >= 0 && e->string)
			S->settings[S->nsettings++] = (setting){ al_xstrdup(e->string), v };
	}
	const cJSON *langs = cJSON_GetObjectItemCaseSensitive(set, "languages");
	if (cJSON_IsArray(langs)) {
		for (size_t i = 0; i < S->nlanguages; i++)
			free(S->languages[i]);
		S->nlanguages = 0;
		S->languages =
			al_xrealloc(S->languages, ((size_t)cJSON_GetArraySize(langs) + 1) * sizeof *S->languages);
		cJSON_ArrayForEach(e, langs) if (cJSON_IsString(e)) S->languages[S->nlanguages++] =
			al_xstrdup(e->valuestring);
	}
	al_lang l;
	int relint = !al_lang_parse(str_at(set, "lang", NULL), &l) && l != al_lang_get();
	if (relint)
		al_lang_set(l);
	for (size_t i = 0; i < S->ndocs; i++)
		if (relint && S->docs[i].linted)
			lint(S, &S->docs[i]); /* messages are written when a letter is linted */
		else if (S->docs[i].linted)
			publish(S, &S->docs[i], 0);
}

static void open_doc(lsp *S, const cJSON *params)
{
	const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
	const char *uri = str_at(td, "uri", NULL), *text = str_at(td, "text", NULL);
	const char *lang = str_at(td, "languageId", NULL);
	if (!uri || !text || !language_served(S, lang))
		return;
	doc *d = find_doc(S, uri);
	if (!d) {
		al_grow(&S->docs, &S->docs_cap, S->ndocs + 1, sizeof *S->docs);
		d = &S->docs[S->ndocs++];
		memset(d, 0, sizeof *d);
		d->uri = al_xstrdup(uri);
		d->path = path_of(uri);
	}
	al_buf_reset(&d->text);
	al_buf_adds(&d->text, text);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(td, "version");
	d->version = cJSON_IsNumber(v) ? v->valueint : 0;
	d->markdown = lang && strcmp(lang, "markdown") == 0;
	lint(S, d);
}

static void change_doc(lsp *S, const cJSON *params)
{
	const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
	doc *d = find_doc(S, str_at(td, "uri", NULL));
	if (!d)
		return; /* not opened, or a language not served */
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(td, "version"), *c;
	if (cJSON_IsNumber(v))
		d->version = v->valueint;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(params, "contentChanges")) apply_change(S, d, c);
	d->due = now_ms() + S->debounce;
}

static void close_doc(lsp *S, const cJSON *params)
{
	doc *d = find_doc(S, str_at(params, "textDocument", "uri"));
	if (!d)
		return;
	publish(S, d, 1);
	doc_free(d);
	*d = S->docs[--S->ndocs];
}

static void request(lsp *S, const char *method, const cJSON *id, const cJSON *params)
{
	if (strcmp(method, "initialize") == 0) {
		if (S->initialized)
			respond_error(S, id, INVALID_REQUEST, _("initialize was already received"));
		else
			initialize(S, id, params);
	} else if (!S->initialized) {
		respond_error(S, id, SERVER_NOT_INITIALIZED, _("the server is not initialized"));
	} else if (S->shutdown) {
		respond_error(S, id, INVALID_REQUEST, _("the server is shutting down"));
	} else if (strcmp(method, "shutdown") == 0) {
		S->shutdown = 1;
		respond(S, id, NULL);
	} else if (strcmp(method, "textDocument/codeAction") == 0) {
		code_action(S, id, params);
	} else if (strcmp(method, "textDocument/hover") == 0) {
		hover(S, id, params);
	} else if (strcmp(method, "workspace/executeCommand") == 0 && str_at(params, "command", NULL) &&
		   strcmp(str_at(params, "command", NULL), "appeal-lint.ignoreRule") == 0) {
		ignore_rule(S, id, cJSON_GetObjectItemCaseSensitive(params, "arguments"));
	} else {
		respond_error(S, id, METHOD_NOT_FOUND, _("method not found"));
	}
}

/* Returns 1 when the client said exit. */
static int notification(lsp *S, const char *method, const cJSON *params)
{
	if (strcmp(method, "exit") == 0)
		return 1;
	if (!S->initialized || S->shutdown)
		return 0; /* dropped, as the protocol says */
	if (strcmp(method, "textDocument/didOpen") == 0)
		open_doc(S, params);
	else if (strcmp(method, "textDocument/didChange") == 0)
		change_doc(S, params);
	else if (strcmp(method, "textDocument/didClose") == 0)
		close_doc(S, params);
	else if (strcmp(method, "textDocument/didSave") == 0) {
		doc *d = find_doc(S, str_at(params, "textDocument", "uri"));
		if (d)
			d->due = now_ms();
	} else if (strcmp(method, "workspace/didChangeConfiguration") == 0)
		configure(S, params);
	/* initialized, $/cancelRequest (every request is answered at once),
	 * $/setTrace and the rest need nothing */
	return 0;
}

/* ---- framing ---- */

static int handle(lsp *S, const char *body, size_t len)
{
	cJSON *msg = cJSON_ParseWithLength(body, len);
	if (!cJSON_IsObject(msg)) {
		cJSON_Delete(msg);
		respond_error(S, NULL, PARSE_ERROR, _("the message is not JSON"));
		S->resync = 1; /* a wrong Content-Length leaves the rest of the body in front */
		return 0;
	}
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
	const char *method = str_at(msg, "method", NULL);
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
	int exit_now = 0;
	if (!method) {
		/* with an id and no method: a response, to no request of ours */
		if (!id || cJSON_GetObjectItemCaseSensitive(msg, "method"))
			respond_error(S, id, INVALID_REQUEST, _("a message needs a method"));
	} else if (id) {
		request(S, method, id, params);
	} else {
		exit_now = notification(S, method, params);
	}
	cJSON_Delete(msg);
	return exit_now;
}

static char *find(char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* Drops the first n bytes of the input. */
static void drop(lsp *S, size_t n)
{
	memmove(S->inbuf.data, S->inbuf.data + n, S->inbuf.len - n);
	S->inbuf.len -= n;
}

#define CL "Content-Length:"
#define CL_LEN (sizeof CL - 1)

/* Drops input before the next "Content-Length:" at or after from: 1 when
 * there is one, else 0, keeping a tail that may be the start of one. */
static int resync(lsp *S, size_t from)
{
	for (size_t k = from; k + CL_LEN <= S->inbuf.len; k++)
		if (strncasecmp(S->inbuf.data + k, CL, CL_LEN) == 0) {
			drop(S, k);
			return 1;
		}
	size_t keep = CL_LEN - 1;
	if (S->inbuf.len > keep && S->inbuf.len - keep > from)
		drop(S, S->inbuf.len - keep);
	return 0;
}

/* The Content-Length of the header [d, end): digits only, at most
 * MAX_MESSAGE; -1 when there is none, -2 when it is not a number of bytes
 * we take ("abc", "-5", "999999999999"). */
static long long content_length(const char *d, const char *end)
{
	long long clen = -1;
	for (const char *line = d; line < end;) {
		const char *eol = find((char *)(uintptr_t)line, (size_t)(end - line) + 2, "\r\n", 2);
		if ((size_t)(eol - line) >= CL_LEN && strncasecmp(line, CL, CL_LEN) == 0) {
			const char *p = line + CL_LEN;
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			unsigned long long v = 0;
			int digits = 0;
			for (; p < eol && *p >= '0' && *p <= '9' && v <= MAX_MESSAGE; p++, digits++)
				v = v * 10 + (unsigned)(*p - '0');
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			clen = digits && p == eol && v <= MAX_MESSAGE ? (long long)v : -2;
		}
		line = eol + 2;
	}
	return clen;
}

/* Takes one whole message off the input buffer, if there is one: returns
 * 1 and the body's place, 0 when more input is needed. A broken frame (no
 * Content-Length, one that is not a number of bytes, one past MAX_MESSAGE,
 * or one that cut the body short: handle) is reported once, and the input
 * is dropped up to the next "Content-Length:" header, so that the messages
 * after it are read as they were sent. */
static int next_message(lsp *S, size_t *body, size_t *len)
{
	for (;;) {
		if (S->resync) {
			/* after a body that was not JSON: a header may follow at once */
			size_t n = S->inbuf.len < 8 ? S->inbuf.len : 8;
			int header = n && strncasecmp(S->inbuf.data, "Content-", n) == 0;
			if (header && n < 8)
				return 0;
			if (!header && !resync(S, 0))
				return 0;
			S->resync = 0;
		}
		char *d = S->inbuf.data;
		char *end = d ? find(d, S->inbuf.len, "\r\n\r\n", 4) : NULL;
		if (!end) {
			if (S->inbuf.len > MAX_HEADER) {
				log_msg(S, 1, "appeal-lint: a message header is too long; skipped to the next header");
				S->resync = 1;
				drop(S, 1);
			}
			return 0;
		}
		size_t hlen = (size_t)(end - d) + 4;
		long long clen = content_length(d, end);
		if (clen < 0) {
			log_msg(S, 1,
				clen == -1 ? "appeal-lint: a message has no Content-Length; skipped to the next header"
					   : "appeal-lint: a message's Content-Length is not a number of bytes up to "
					     "64 MiB; skipped to the next header");
			S->resync = 1;
			drop(S, 1); /* past this header's own "Content-Length:" */
			continue;
		}
		if (S->inbuf.len < hlen + (size_t)clen)
			return 0;
		*body = hlen;
		*len = (size_t)clen;
		return 1;
	}
}

static long long next_due(const lsp *S)
{
	long long due = -1;
	for (size_t i = 0; i < S->ndocs; i++)
		if (S->docs[i].due >= 0 && (due < 0 || S->docs[i].due < due))
			due = S->docs[i].due;
	return due;
}

int al_lsp_run(const al_cli *cli, const char *config, int no_config, int in, int out)
{
	lsp S;
	memset(&S, 0, sizeof S);
	S.in = in;
	S.out = out;
	S.debounce = DEBOUNCE_MS;
	const char *langs[] = { "plaintext", "markdown", "text" };
	S.languages = al_xmalloc(sizeof langs);
	for (size_t i = 0; i < 3; i++)
		S.languages[S.nlanguages++] = al_xstrdup(langs[i]);
	al_profiles_init(&S.profiles, cli, config, no_config);
	snprintf(S.docs_url, sizeof S.docs_url, "file://%s/rules.md", AL_DOCDIR);
	al_error err;
	al_linter_init_worker(&S.L, &err);
	int status = 1;
	while (!S.gone) {
		size_t body, len;
		if (next_message(&S, &body, &len)) {
			int done = handle(&S, S.inbuf.data + body, len);
			memmove(S.inbuf.data, S.inbuf.data + body + len, S.inbuf.len - body - len);
			S.inbuf.len -= body + len;
			if (done) {
				status = S.shutdown ? 0 : 1;
				break;
			}
			continue;
		}
		long long due = next_due(&S), now = now_ms();
		int timeout = due < 0 ? -1 : due <= now ? 0 : (int)(due - now);
		struct pollfd p = { in, POLLIN, 0 };
		int rc = timeout == 0 ? 0 : poll(&p, 1, timeout);
		if (rc > 0) {
			al_grow(&S.inbuf.data, &S.inbuf.cap, S.inbuf.len + 65536 + 1, 1);
			ssize_t r = read(in, S.inbuf.data + S.inbuf.len, 65536);
			if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN))
				break; /* the client went away without exit */
			if (r > 0)
				S.inbuf.len += (size_t)r;
		} else if (rc == 0) {
			now = now_ms();
			for (size_t i = 0; i < S.ndocs; i++)
				if (S.docs[i].due >= 0 && S.docs[i].due <= now)
					lint(&S, &S.docs[i]);
		}
	}
	for (size_t i = 0; i < S.ndocs; i++)
		doc_free(&S.docs[i]);
	free(S.docs);
	for (size_t i = 0; i < S.nsettings; i++)
		free(S.settings[i].rule);
	free(S.settings);
	for (size_t i = 0; i < S.nlanguages; i++)
		free(S.languages[i]);
	free(S.languages);
	al_buf_free(&S.inbuf);
	al_profiles_free(&S.profiles);
	al_linter_free(&S.L);
	return status;
}
