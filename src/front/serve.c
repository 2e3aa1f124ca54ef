/* serve.c - `appeal-lint serve`: an HTTP server on libmicrohttpd that
 * answers POST /api/lint with exactly what --format json (or sarif) prints,
 * GET /api/rules, GET /healthz and the page embedded from web/. Letters are
 * kept in memory only for the request and never logged. */
#include "front/serve.h"
#include "input/docx.h"
#include "base/lang.h"

#include <cjson/cJSON.h>
#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The page, compiled in from web/ (tools/embed.c). */
extern const unsigned char al_web_index[], al_web_css[], al_web_js[];
extern const size_t al_web_index_len, al_web_css_len, al_web_js_len;

#define MAX_NAME 255		 /* bytes of a filename= for the report */
#define MAX_HOSTS 64		 /* Host names accepted (interfaces of a wildcard address) */
#define QUIESCE_NS 5000000000ull /* what a request under way gets to finish at shutdown */

static const char DOCX_TYPE[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/* Linters (buffers and matcher of one thread) lent to requests: a request
 * takes a free one or makes one, and gives it back, so there are never
 * more than the requests linting at once. */
typedef struct lpool {
	pthread_mutex_t mu;
	al_linter **free, **all;
	size_t nfree, nall, cap_free, cap_all;
} lpool;

struct al_server {
	al_serve_opts o;
	struct MHD_Daemon *d;
	int fd;
	unsigned port;
	char url[600];
	char cookie[48];	/* the token cookie's name: one per port */
	char *hosts[MAX_HOSTS]; /* accepted Host headers, lower case, with the port */
	size_t nhosts;
	lpool lp;
	atomic_int active; /* requests under way */
};

/* One request's state between the calls libmicrohttpd makes for its body. */
typedef struct req {
	al_buf body;
	int too_large;
	int text; /* POST /api/text: the .docx's text, not a report */
} req;

/* ---- the linter pool ---- */

static al_linter *lp_take(lpool *p, al_error *err)
{
	pthread_mutex_lock(&p->mu);
	al_linter *L = p->nfree ? p->free[--p->nfree] : NULL;
	pthread_mutex_unlock(&p->mu);
	if (L)
		return L;
	L = al_xmalloc(sizeof *L);
	if (al_linter_init_worker(L, err)) {
		al_linter_free(L);
		free(L);
		return NULL;
	}
	pthread_mutex_lock(&p->mu);
	al_grow(&p->all, &p->cap_all, p->nall + 1, sizeof *p->all);
	p->all[p->nall++] = L;
	pthread_mutex_unlock(&p->mu);
	return L;
}

static void lp_give(lpool *p, al_linter *L)
{
	pthread_mutex_lock(&p->mu);
	al_grow(&p->free, &p->cap_free, p->nfree + 1, sizeof *p->free);
	p->free[p->nfree++] = L;
	pthread_mutex_unlock(&p->mu);
}

static void lp_free(lpool *p)
{
	for (size_t i = 0; i < p->nall; i++) {
		al_linter_free(p->all[i]);
		free(p->all[i]);
	}
	free(p->all);
	free(p->free);
	pthread_mutex_destroy(&p->mu);
}

/* ---- answers ---- */

/* Every answer carries these: the page runs only its own script and
 * styles, nothing is cached (a letter is private), nothing sniffed,
 * framed or sent on as a referrer. */
static void secure(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
				"frame-ancestors 'none'");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

/* Queues body (copied) with the headers of every answer, plus hdrs:
 * name, value, ..., NULL (or hdrs NULL). */
static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, const char *type, const void *body, size_t n,
			      const char *const *hdrs)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(n, (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	secure(r);
	MHD_add_response_header(r, "Content-Type", type);
	for (size_t i = 0; hdrs && hdrs[i]; i += 2)
		MHD_add_response_header(r, hdrs[i], hdrs[i + 1]);
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* {"error": msg} with status: every refusal is JSON a script can read. */
static enum MHD_Result fail(struct MHD_Connection *c, unsigned status, const char *msg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "error", msg);
	char *s = cJSON_PrintUnformatted(j);
	enum MHD_Result ok = answer(c, status, "application/json", s, strlen(s), NULL);
	free(s);
	cJSON_Delete(j);
	return ok;
}

static enum MHD_Result send_json(struct MHD_Connection *c, cJSON *j)
{
	char *s = cJSON_Print(j);
	enum MHD_Result ok = answer(c, MHD_HTTP_OK, "application/json", s, strlen(s), NULL);
	free(s);
	cJSON_Delete(j);
	return ok;
}

/* ---- who may ask ---- */

/* Compares without stopping at the first difference, so the time taken
 * tells nothing about how much of a guessed token was right. */
static int same_secret(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned char d = (unsigned char)(na != nb);
	for (size_t i = 0; i < na; i++)
		d |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
	return d == 0;
}

/* The value of cookie name in a Cookie header, copied into out. */
static int cookie_value(const char *header, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	for (const char *p = header; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=' && len - nl - 1 < n) {
			memcpy(out, p + nl + 1, len - nl - 1);
			out[len - nl - 1] = '\0';
			return 1;
		}
		p = end;
	}
	return 0;
}

/* Does the request carry the token: "Authorization: Bearer T" or the
 * cookie the page got in exchange for ?token=? */
static int authorized(const al_server *s, struct MHD_Connection *c)
{
	if (!s->o.token)
		return 1;
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0 && same_secret(auth + 7, s->o.token))
		return 1;
	const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	char v[300];
	return cookie_value(cookies, s->cookie, v, sizeof v) && same_secret(v, s->o.token);
}

/* Is the Host header one of this server's names? A page on another site
 * whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its
 * own name, and is refused. */
static int host_ok(const al_server *s, struct MHD_Connection *c)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (!h)
		return 0;
	for (size_t i = 0; i < s->nhosts; i++) {
		size_t n = strlen(s->hosts[i]);
		if (strncasecmp(h, s->hosts[i], n) == 0 &&
		    (h[n] == '\0' || (s->port == 80 && strcmp(h + n, ":80") == 0)))
			return 1;
	}
	return 0;
}

/* Is the request sent by another site's page (a form or fetch aimed at
 * 127.0.0.1)? Browsers say so in Sec-Fetch-Site and Origin. */
static int cross_site(const al_server *s, struct MHD_Connection *c)
{
	const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return 1;
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (!origin || strcmp(origin, "null") == 0)
		return origin != NULL;
	if (strncmp(origin, "http://", 7) != 0)
		return 1;
	for (size_t i = 0; i < s->nhosts; i++)
		if (strcasecmp(origin + 7, s->hosts[i]) == 0)
			return 0;
	return 1;
}

/* ---- the API ---- */

/* The media type of the body without its parameters ("; charset=..."). */
static int type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* What the request asks of /api/lint, or the reason it cannot be
 * answered (status and message). */
typedef struct lint_ask {
	const al_emitter *emitter;
	int lang;
	const char *name;
	int markdown;
	unsigned status;
	const char *why;
} lint_ask;

static int valid_name(const char *n)
{
	if (!*n || strlen(n) > MAX_NAME)
		return 0;
	for (const unsigned char *p = (const unsigned char *)n; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static lint_ask read_ask(struct MHD_Connection *c)
{
	lint_ask a = { &al_emit_json, -1, NULL, 0, 0, NULL };
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *fmt = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
	const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
	const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "filename");
	al_lang l;
	if (fmt && strcmp(fmt, "json") != 0 && strcmp(fmt, "sarif") != 0)
		a.status = MHD_HTTP_BAD_REQUEST, a.why = N_("format= takes json or sarif");
	else if (lang && al_lang_parse(lang, &l))
		a.status = MHD_HTTP_BAD_REQUEST, a.why = N_("lang= takes en or zh-CN");
	else if (name && !valid_name(name))
		a.status = MHD_HTTP_BAD_REQUEST,
		a.why = N_("filename= takes a name of 1 to 255 characters without control characters");
	else if (!type_is(ct, "text/plain") && !type_is(ct, "text/markdown") && !type_is(ct, DOCX_TYPE) &&
		 !type_is(ct, "application/octet-stream"))
		a.status = MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
		a.why = N_("send the letter as text/plain, text/markdown, a .docx "
			   "(application/vnd.openxmlformats-officedocument.wordprocessingml.document) "
			   "or application/octet-stream");
	if (a.why)
		return a;
	a.emitter = fmt && strcmp(fmt, "sarif") == 0 ? &al_emit_sarif : &al_emit_json;
	a.lang = lang ? (int)l : -1;
	a.name = name				? name
		 : type_is(ct, "text/markdown") ? "letter.md"
		 : type_is(ct, DOCX_TYPE)	? "letter.docx"
						: "letter.txt";
	a.markdown = type_is(ct, "text/markdown") || al_markdown_name(a.name);
	return a;
}

/* The report on one letter, written by the emitter the CLI uses into a
 * buffer: the same bytes `appeal-lint --format json FILE` prints. */
static char *render(const al_server *s, const al_emitter *e, const al_filereport *r, size_t *n)
{
	char *buf = NULL;
	al_out out = { 0 };
	out.fp = open_memstream(&buf, n);
	if (!out.fp)
		return NULL;
	out.rules = &s->o.profile->rs;
	out.docs_url = s->o.docs_url;
	if (e->begin)
		e->begin(&out);
	al_out_file(&out, e, r);
	if (e->end)
		e->end(&out);
	al_out_free(&out);
	if (fclose(out.fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static enum MHD_Result lint(al_server *s, struct MHD_Connection *c, const req *q)
{
	uint64_t t0 = al_now_ns();
	lint_ask a = read_ask(c);
	al_error err;
	al_linter *L = lp_take(&s->lp, &err);
	if (!L)
		return fail(c, MHD_HTTP_INTERNAL_SERVER_ERROR, err.msg);
	al_lang_set_thread(a.lang);
	al_job job = { NULL, a.name, s->o.profile, a.markdown };
	al_batch_opts bo = { s->o.max_size, 0, 0, 0, NULL };
	al_filereport r;
	al_lint_bytes(L, &job, &bo, q->body.data ? q->body.data : "", q->body.len, &r);
	lp_give(&s->lp, L);
	size_t n = 0;
	char *out = render(s, a.emitter, &r, &n);
	al_lang_set_thread(-1);
	/* the exit status the command line would have: 2 not read, 1 failing */
	/* Server-Timing: the check and its report, without HTTP (make bench) */
	char timing[64];
	snprintf(timing, sizeof timing, "lint;dur=%.3f", (double)(al_now_ns() - t0) / 1e6);
	const char *hdrs[] = { "X-Appeal-Lint-Exit",
			       r.error	   ? "2"
			       : r.failing ? "1"
					   : "0",
			       "Server-Timing", timing, NULL };
	enum MHD_Result ok =
		out ? answer(c, r.error ? MHD_HTTP_UNPROCESSABLE_CONTENT : MHD_HTTP_OK,
			     a.emitter == &al_emit_sarif ? "application/sarif+json" : "application/json", out, n, hdrs)
		    : fail(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot write the report");
	free(out);
	al_report_free(&r);
	return ok;
}

/* POST /api/text: the text of a .docx as the check reads it, for the page
 * to show and edit (its findings are those of the .docx itself). */
static enum MHD_Result docx_text(al_server *s, struct MHD_Connection *c, const req *q)
{
	const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "filename");
	al_docx dx = { 0 };
	al_error err;
	enum MHD_Result ok;
	if (al_docx_read(&dx, q->body.data ? q->body.data : "", q->body.len,
			 name && valid_name(name) ? name : "letter.docx", s->o.max_size, &err))
		ok = fail(c, MHD_HTTP_UNPROCESSABLE_CONTENT, err.msg);
	else
		ok = answer(c, MHD_HTTP_OK, "text/plain; charset=utf-8", dx.text.data ? dx.text.data : "", dx.text.len,
			    NULL);
	if (dx.text.data)
		memset(dx.text.data, 0, dx.text.len);
	al_docx_free(&dx);
	return ok;
}

static void add_names(cJSON *o, const char *key, char **names, size_t n)
{
	cJSON *a = cJSON_AddArrayToObject(o, key);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(names[i]));
}

/* GET /api/rules: every rule with what --explain tells of it, and the
 * letter types, in the language asked for. */
static enum MHD_Result rules(const al_server *s, struct MHD_Connection *c)
{
	const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
	al_lang l = al_lang_get();
	if (lang && al_lang_parse(lang, &l))
		return fail(c, MHD_HTTP_BAD_REQUEST, "lang= takes en or zh-CN");
	const al_ruleset *rs = &s->o.profile->rs;
	cJSON *root = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(root, "rules");
	cJSON_AddNumberToObject(root, "version", 1);
	for (size_t i = 0; i < rs->n; i++) {
		const al_rule *r = &rs->rules[i];
		if (r->part)
			continue;
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "id", r->id);
		cJSON_AddStringToObject(j, "severity", al_severity_name(r->severity));
		cJSON_AddStringToObject(j, "group", r->group ? r->group : "house");
		cJSON_AddStringToObject(j, "summary", al_tx_in(&r->summary, l));
		cJSON_AddStringToObject(j, "explain", al_tx_in(&r->explain, l));
		add_names(j, "sources", r->sources, r->nsources);
		add_names(j, "types", r->type_names, r->ntype_names);
		add_names(j, "not_types", r->not_type_names, r->nnot_type_names);
		cJSON_AddStringToObject(j, "fires_on", r->nbad ? r->bad[0] : "");
		cJSON_AddStringToObject(j, "passes", r->ngood ? r->good[0] : "");
		cJSON_AddItemToArray(arr, j);
	}
	cJSON *types = cJSON_AddArrayToObject(root, "types");
	for (size_t i = 0; i < rs->ntypes; i++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "id", rs->types[i].id);
		cJSON_AddStringToObject(t, "name", al_tx_in(&rs->types[i].name, l));
		cJSON_AddItemToArray(types, t);
	}
	return send_json(c, root);
}

/* ---- routes ---- */

/* GET / with ?token=T: the token is traded for an HttpOnly cookie and the
 * browser sent on to /, so the token leaves the address bar and history. */
static enum MHD_Result page(const al_server *s, struct MHD_Connection *c)
{
	const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
	if (s->o.token && t && same_secret(t, s->o.token)) {
		char cookie[400];
		snprintf(cookie, sizeof cookie, "%s=%s; HttpOnly; SameSite=Strict; Path=/", s->cookie, s->o.token);
		struct MHD_Response *r =
			MHD_create_response_from_buffer(0, (void *)(uintptr_t) "", MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		secure(r);
		MHD_add_response_header(r, "Set-Cookie", cookie);
		MHD_add_response_header(r, "Location", "/");
		enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_SEE_OTHER, r);
		MHD_destroy_response(r);
		return ok;
	}
	if (!authorized(s, c))
		return fail(c, MHD_HTTP_UNAUTHORIZED, "this server needs its token: open the address it printed");
	return answer(c, MHD_HTTP_OK, "text/html; charset=utf-8", al_web_index, al_web_index_len, NULL);
}

static enum MHD_Result get(al_server *s, struct MHD_Connection *c, const char *url)
{
	if (strcmp(url, "/healthz") == 0)
		return answer(c, MHD_HTTP_OK, "application/json", "{\"status\":\"ok\"}", 15, NULL);
	if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
		return page(s, c);
	if (!authorized(s, c))
		return fail(c, MHD_HTTP_UNAUTHORIZED, "missing or wrong token (Authorization: Bearer T)");
	if (strcmp(url, "/app.js") == 0)
		return answer(c, MHD_HTTP_OK, "text/javascript; charset=utf-8", al_web_js, al_web_js_len, NULL);
	if (strcmp(url, "/app.css") == 0)
		return answer(c, MHD_HTTP_OK, "text/css; charset=utf-8", al_web_css, al_web_css_len, NULL);
	if (strcmp(url, "/api/rules") == 0)
		return rules(s, c);
	return fail(c, MHD_HTTP_NOT_FOUND, "no such page");
}

/* The first call for a request: everything that can be refused before
 * its body is read. Returns MHD_YES with *q set to go on reading. */
static enum MHD_Result begin(al_server *s, struct MHD_Connection *c, const char *url, const char *method, req **q)
{
	if (!host_ok(s, c))
		return fail(c, MHD_HTTP_MISDIRECTED_REQUEST, "the Host header names another site");
	int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	if (is_get)
		return get(s, c, url);
	int text = strcmp(url, "/api/text") == 0;
	if (strcmp(url, "/api/lint") != 0 && !text)
		return fail(c,
			    strncmp(url, "/api/", 5) == 0 || strcmp(url, "/") == 0 ? MHD_HTTP_METHOD_NOT_ALLOWED
										   : MHD_HTTP_NOT_FOUND,
			    "POST only to /api/lint and /api/text");
	if (strcmp(method, "POST") != 0)
		return fail(c, MHD_HTTP_METHOD_NOT_ALLOWED, "POST only to /api/lint and /api/text");
	if (cross_site(s, c))
		return fail(c, MHD_HTTP_FORBIDDEN, "requests from another site's page are refused");
	if (!authorized(s, c))
		return fail(c, MHD_HTTP_UNAUTHORIZED, "missing or wrong token (Authorization: Bearer T)");
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	lint_ask a = read_ask(c);
	if (!text && a.why)
		return fail(c, a.status, _(a.why));
	if (text && !type_is(ct, DOCX_TYPE) && !type_is(ct, "application/octet-stream"))
		return fail(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "send a .docx to /api/text");
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (len && strtoull(len, NULL, 10) > s->o.max_size)
		return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "the letter is larger than the server's --max-size");
	*q = al_xcalloc(1, sizeof **q);
	(*q)->text = text;
	return MHD_YES;
}

static char get_pending; /* *con_cls of a GET between its first call and its answer */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *data, size_t *size, void **con_cls)
{
	(void)version;
	al_server *s = cls;
	req *q = *con_cls;
	if (!q && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)) {
		/* answered on the second call, once the request is read whole:
		 * an answer queued on the first call closes the connection */
		*con_cls = &get_pending;
		return MHD_YES;
	}
	if (!q || (void *)q == (void *)&get_pending) {
		q = NULL;
		enum MHD_Result ok = begin(s, c, url, method, &q);
		*con_cls = q;
		return ok;
	}
	if (*size) {
		/* a body past the limit is read and dropped, then refused whole */
		if (!q->too_large && q->body.len + *size > s->o.max_size)
			q->too_large = 1;
		if (!q->too_large)
			al_buf_add(&q->body, data, *size);
		*size = 0;
		return MHD_YES;
	}
	if (q->too_large)
		return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "the letter is larger than the server's --max-size");
	atomic_fetch_add(&s->active, 1);
	enum MHD_Result ok = q->text ? docx_text(s, c, q) : lint(s, c, q);
	atomic_fetch_sub(&s->active, 1);
	return ok;
}

/* The body is dropped as soon as the request is done: nothing of a letter
 * outlives its answer. */
static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
	(void)cls, (void)c, (void)why;
	req *q = *con_cls;
	if (q && (void *)q != (void *)&get_pending) {
		if (q->body.data)
			memset(q->body.data, 0, q->body.len);
		al_buf_free(&q->body);
		free(q);
		*con_cls = NULL;
	}
}

/* ---- starting and stopping ---- */

int al_serve_is_loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;
	if (strcmp(addr, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return -1;
}

int al_serve_check_token(const char *token, al_error *err)
{
	size_t n = strlen(token);
	if (n < 16 || n > 256 ||
	    strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-") != n)
		return al_fail(err, AL_ERR_INPUT, "", 0, 0,
			       _("--token takes 16 to 256 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'"));
	return 0;
}

static int wildcard(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr == htonl(INADDR_ANY);
	return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
}

/* Accepts Host: name:port (an IPv6 address in brackets). */
static void add_host(al_server *s, const char *name, int v6)
{
	if (s->nhosts >= MAX_HOSTS)
		return;
	char buf[300];
	snprintf(buf, sizeof buf, v6 ? "[%s]:%u" : "%s:%u", name, s->port);
	for (size_t i = 0; i < s->nhosts; i++)
		if (strcasecmp(s->hosts[i], buf) == 0)
			return;
	s->hosts[s->nhosts++] = al_xstrdup(buf);
}

/* The names a client may reach this server by: the loopback names, the
 * address listened on, and for a wildcard address the machine's name and
 * every address of its interfaces. */
static void allow_hosts(al_server *s, const struct sockaddr *sa)
{
	char name[256];
	add_host(s, "localhost", 0);
	add_host(s, "127.0.0.1", 0);
	add_host(s, "::1", 1);
	if (getnameinfo(sa, sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6), name,
			sizeof name, NULL, 0, NI_NUMERICHOST) == 0 &&
	    !wildcard(sa))
		add_host(s, name, sa->sa_family == AF_INET6);
	if (!wildcard(sa))
		return;
	if (gethostname(name, sizeof name) == 0) {
		name[sizeof name - 1] = '\0';
		add_host(s, name, 0);
	}
	struct ifaddrs *ifs, *i;
	if (getifaddrs(&ifs) != 0)
		return;
	for (i = ifs; i; i = i->ifa_next) {
		int fam = i->ifa_addr ? i->ifa_addr->sa_family : -1;
		if ((fam == AF_INET || fam == AF_INET6) &&
		    getnameinfo(i->ifa_addr, fam == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6),
				name, sizeof name, NULL, 0, NI_NUMERICHOST) == 0 &&
		    !strchr(name, '%'))
			add_host(s, name, fam == AF_INET6);
	}
	freeifaddrs(ifs);
}

/* Binds and listens on the address; the socket, or -1 with err. */
static int bind_socket(al_server *s, al_error *err)
{
	const char *addr = s->o.listen ? s->o.listen : "127.0.0.1";
	char port[16];
	snprintf(port, sizeof port, "%d", s->o.port);
	struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE,
				  .ai_socktype = SOCK_STREAM },
			*ai;
	int rc = getaddrinfo(strcmp(addr, "localhost") == 0 ? "127.0.0.1" : addr, port, &hints, &ai);
	if (rc != 0)
		return al_fail(err, AL_ERR_INPUT, "", 0, 0,
			       _("--listen takes an IP address such as 127.0.0.1, not '%s'"), addr);
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 64) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return al_fail(err, AL_ERR_IO, "", 0, 0, _("cannot listen on %s port %d: %s"), addr, s->o.port,
			       strerror(e));
	}
	struct sockaddr_storage got;
	socklen_t gl = sizeof got;
	getsockname(fd, (struct sockaddr *)&got, &gl);
	s->port = ntohs(got.ss_family == AF_INET ? ((struct sockaddr_in *)&got)->sin_port
						 : ((struct sockaddr_in6 *)&got)->sin6_port);
	allow_hosts(s, ai->ai_addr);
	freeaddrinfo(ai);
	return fd;
}

/* The address printed and opened: the one listened on, or 127.0.0.1 for
 * a wildcard or "localhost" (which may name ::1 first, not listened on). */
static void set_url(al_server *s)
{
	const char *a = s->o.listen;
	char host[300];
	struct in6_addr a6;
	if (!a || strcmp(a, "localhost") == 0 || strcmp(a, "0.0.0.0") == 0 || strcmp(a, "::") == 0)
		a = "127.0.0.1";
	snprintf(host, sizeof host, inet_pton(AF_INET6, a, &a6) == 1 ? "[%s]:%u" : "%s:%u", a, s->port);
	const char *t = s->o.token;
	snprintf(s->url, sizeof s->url, "http://%s/%s%s", host, t ? "?token=" : "", t ? t : "");
}

static unsigned pool_size(unsigned asked)
{
	if (asked)
		return asked;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 2 ? 2 : n > 16 ? 16 : (unsigned)n;
}

al_server *al_serve_start(const al_serve_opts *o, al_error *err)
{
	al_server *s = al_xcalloc(1, sizeof *s);
	s->o = *o;
	pthread_mutex_init(&s->lp.mu, NULL);
	atomic_init(&s->active, 0);
	if ((s->fd = bind_socket(s, err)) < 0) {
		al_serve_free(s);
		return NULL;
	}
	snprintf(s->cookie, sizeof s->cookie, "appeal-lint-token-%u", s->port);
	set_url(s);
	s->d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC, 0, NULL, NULL, handle, s,
				MHD_OPTION_LISTEN_SOCKET, s->fd, MHD_OPTION_THREAD_POOL_SIZE, pool_size(o->threads),
				MHD_OPTION_CONNECTION_TIMEOUT, o->timeout ? o->timeout : 30u,
				MHD_OPTION_CONNECTION_LIMIT, 256u, MHD_OPTION_NOTIFY_COMPLETED, completed, s,
				MHD_OPTION_END);
	if (!s->d) {
		close(s->fd);
		s->fd = -1;
		al_fail(err, AL_ERR_IO, "", 0, 0, _("cannot start the server on port %u"), s->port);
		al_serve_free(s);
		return NULL;
	}
	return s;
}

const char *al_serve_url(const al_server *s)
{
	return s->url;
}

void al_serve_free(al_server *s)
{
	if (!s)
		return;
	if (s->d) {
		/* no new connections; the letters being checked get their answers */
		MHD_socket lfd = MHD_quiesce_daemon(s->d);
		uint64_t until = al_now_ns() + QUIESCE_NS;
		while (atomic_load(&s->active) > 0 && al_now_ns() < until)
			usleep(10000);
		MHD_stop_daemon(s->d);
		if (lfd != MHD_INVALID_SOCKET)
			close(lfd);
	} else if (s->fd > 0) {
		close(s->fd);
	}
	lp_free(&s->lp);
	for (size_t i = 0; i < s->nhosts; i++)
		free(s->hosts[i]);
	free(s);
}
