/* engine.c - runs rules, formats finding texts, orders findings, scores. */
#include "rules/engine.h"

#include "rules/kinds.h"
#include "base/lang.h"
#include "rules/types.h"

#include <stdlib.h>
#include <string.h>

al_cdoc *al_ctx_words(al_ctx *c)
{
	al_cdoc_read(&c->doc, c->letter, &c->rs->lex);
	return &c->doc;
}

size_t al_scope_spans(al_ctx *c, al_scope s)
{
	return al_letter_scope(c->letter, s, &c->spans, &c->spans_cap);
}

/* Appends tmpl to the pool with {name} replaced from vars; returns its offset. */
static size_t expand(al_findings *fs, const char *tmpl, const char *const *vars)
{
	size_t off = fs->pool.len;
	for (const char *p = tmpl; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (close && vars) {
			size_t n = (size_t)(close - p - 1);
			const char *const *v = vars;
			while (*v && !(strlen(v[0]) == n && memcmp(v[0], p + 1, n) == 0))
				v += 2;
			if (*v) {
				al_buf_adds(&fs->pool, v[1]);
				p = close + 1;
				continue;
			}
		}
		al_buf_addc(&fs->pool, *p++);
	}
	al_buf_addc(&fs->pool, '\0');
	return off;
}

al_finding *al_report(al_ctx *c, const al_rule *r, al_span sp, const char *variant, const char *const *vars)
{
	if (r->skip_quotes && sp.end > sp.start && al_letter_not_own(c->letter, sp))
		return NULL; /* someone else's words */
	if (c->rule_found >= AL_CTX_CAP(c)) {
		c->rule_over++;
		return NULL;
	}
	c->rule_found++;
	const al_variant *va = al_rule_variant(r, variant);
	al_findings *fs = c->out;
	al_grow(&fs->list, &fs->cap, fs->n + 1, sizeof *fs->list);
	al_finding *f = &fs->list[fs->n++];
	memset(f, 0, sizeof *f);
	f->rule = r;
	f->severity = r->severity;
	f->span = sp;
	f->message = expand(fs, al_tx(va ? &va->message : &r->message), vars);
	f->suggestion = expand(fs, al_tx(va ? &va->suggestion : &r->suggestion), vars);
	return f;
}

int al_rule_full(const al_ctx *c)
{
	return c->rule_found >= AL_CTX_CAP(c);
}

/* Position, then rule id, then the order found (the message's place in
 * the pool), so equal findings keep one order on every platform. */
void al_report_fix(al_ctx *c, const al_rule *r, al_span sp, const char *variant, const char *const *vars, al_span fix,
		   const char *replacement)
{
	al_finding *f = al_report(c, r, sp, variant, vars);
	if (!f)
		return;
	f->has_fix = 1;
	f->fix = fix;
	f->replacement = c->out->pool.len;
	al_buf_add(&c->out->pool, replacement, strlen(replacement) + 1);
}

static int cmp_finding(const void *a, const void *b)
{
	const al_finding *x = a, *y = b;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	int c = strcmp(x->rule->id, y->rule->id);
	if (c)
		return c;
	return (x->message > y->message) - (x->message < y->message);
}

/* Appends a finding of rule r that is about the check itself: its message
 * is msg (already formatted), its suggestion sugg. */
static void note(al_ctx *c, const al_rule *r, al_severity sev, al_span sp, const char *msg, const char *sugg)
{
	al_findings *fs = c->out;
	al_grow(&fs->list, &fs->cap, fs->n + 1, sizeof *fs->list);
	al_finding *f = &fs->list[fs->n++];
	memset(f, 0, sizeof *f);
	f->rule = r;
	f->severity = sev;
	f->span = sp;
	f->message = fs->pool.len;
	al_buf_add(&fs->pool, msg, strlen(msg) + 1);
	f->suggestion = fs->pool.len;
	al_buf_add(&fs->pool, sugg, strlen(sugg) + 1);
}

/* Rule r abandoned a search at a pcre2 limit: what it reported is
 * incomplete (a "missing" finding may be false), so its findings since
 * `first` give way to one warning that says where and why. */
static void gave_up(al_ctx *c, const al_rule *r, size_t first)
{
	const al_text *t = c->letter->text;
	size_t at = c->m->limit_at < t->len ? c->m->limit_at : t->len;
	uint32_t cp;
	size_t end = at < t->len ? al_utf8_next(t->data, t->len, at, &cp) : at;
	c->out->n = first;
	al_buf_reset(&c->scratch);
	al_buf_printf(&c->scratch, _("rule %s gave up at line %zu: %s"), r->id, al_text_line_of(t, at) + 1,
		      _(al_re_limit_name(c->m->limit_rc)));
	note(c, r, AL_SEV_WARNING, (al_span){ at, end }, c->scratch.data,
	     _("The text from here on was too much for this rule's patterns, so it was not "
	       "checked for this rule: read this part again yourself."));
}

/* Rule r found more than AL_MAX_FINDINGS: say so after the last one kept. */
static void too_many(al_ctx *c, const al_rule *r)
{
	al_span at = c->out->list[c->out->n - 1].span;
	al_buf_reset(&c->scratch);
	al_buf_printf(&c->scratch, _("rule %s: %zu more findings in this letter are not shown"), r->id, c->rule_over);
	note(c, r, AL_SEV_INFO, (al_span){ at.end, at.end }, c->scratch.data,
	     _("Mend the findings shown, then check the letter again."));
}

void al_engine_run(al_ctx *c, const al_rule *only)
{
	/* a letter with no text gets one finding, not one per missing part */
	int blank = al_letter_blank(c->letter), plan = -1;
	c->m->limit_hits = 0;
	c->suggested = 0;
	al_cdoc_reset(&c->doc); /* the letter may sit where the last one did */
	uint64_t t0 = c->stats ? al_now_ns() : 0;
	if (c->pinned)
		c->types = c->pinned;
	else
		c->types = al_detect_types(c->letter, c->rs, c->m, &c->doc, c->type_at);
	if (c->stats)
		al_stats_rule(c->stats, "(letter types)", al_now_ns() - t0, 0);
	for (size_t i = 0; i < c->rs->n; i++) {
		const al_rule *r = &c->rs->rules[i];
		const al_kind *k = al_kind_get(r->kind);
		if ((only && strcmp(r->id, only->id) != 0) || (blank && !k->on_blank))
			continue;
		if ((r->types && !(c->types & r->types)) || (c->types & r->not_types))
			continue;
		if (r->with_plan && (plan < 0 ? (plan = al_letter_has_plan(c->letter, c->rs, c->m)) : plan) == 0)
			continue;
		size_t first = c->out->n;
		c->m->limit_hits = 0;
		c->rule_found = c->rule_over = 0;
		t0 = c->stats ? al_now_ns() : 0;
		k->check(c, r);
		if (c->m->limit_hits)
			gave_up(c, r, first);
		else if (c->rule_over)
			too_many(c, r);
		if (c->stats)
			al_stats_rule(c->stats, r->id, al_now_ns() - t0, c->out->n - first);
	}
	if (c->out->n > 1) /* qsort may not take the NULL list of no findings */
		qsort(c->out->list, c->out->n, sizeof *c->out->list, cmp_finding);
}

void al_ctx_free(al_ctx *c)
{
	free(c->spans);
	c->spans = NULL;
	c->spans_cap = 0;
	al_memo_free(c->memo);
	c->memo = NULL;
	al_cdoc_free(&c->doc);
	al_buf_free(&c->scratch);
}

const char *al_finding_str(const al_findings *fs, size_t off)
{
	return fs->pool.data + off;
}

void al_findings_reset(al_findings *fs)
{
	fs->n = 0;
	al_buf_reset(&fs->pool);
}

void al_findings_free(al_findings *fs)
{
	free(fs->list);
	al_buf_free(&fs->pool);
	memset(fs, 0, sizeof *fs);
}

/* The score starts at 100. Each rule's first finding costs the rule's
 * weight (what it means for getting an account back, from the rule data;
 * without one, its severity's) and each further finding of the same rule
 * half the one before, so one slip repeated cannot sink a letter alone
 * while many different problems still do. The score stops at 0. */
int al_score_weight(const al_rule *r, al_severity sev)
{
	static const int by_severity[] = { 1, 5, 15 };
	if (r->has_weight)
		return r->weight;
	return sev <= AL_SEV_ERROR ? by_severity[sev] : 0;
}

int al_score_cost(int weight, int n)
{
	/* past 30 halvings any weight is 0, and the shift stays defined */
	return n < 30 ? weight >> n : 0;
}

/* By rule id, then in the letter's order (the findings are one array). */
static int cmp_by_rule(const void *a, const void *b)
{
	const al_finding *x = *(const al_finding *const *)a, *y = *(const al_finding *const *)b;
	int c = strcmp(x->rule->id, y->rule->id);
	if (c)
		return c;
	return (x > y) - (x < y);
}

static int cmp_item(const void *a, const void *b)
{
	const al_score_item *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost > y->cost ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

/* Findings are grouped by sorting, not by searching the rules seen, so a
 * pack of thousands of rules that all fire costs n log n, not n squared. */
int al_score_explain(const al_findings *fs, al_score_detail *d)
{
	int lost = 0;
	d->n = 0;
	al_grow(&d->order, &d->order_cap, fs->n, sizeof *d->order);
	const al_finding **order = d->order;
	for (size_t i = 0; i < fs->n; i++)
		order[i] = &fs->list[i];
	if (fs->n > 1)
		qsort(order, fs->n, sizeof *order, cmp_by_rule);
	for (size_t i = 0; i < fs->n; i++) {
		const al_finding *f = order[i];
		if (!d->n || strcmp(d->items[d->n - 1].rule->id, f->rule->id) != 0) {
			al_grow(&d->items, &d->cap, d->n + 1, sizeof *d->items);
			d->items[d->n++] = (al_score_item){ f->rule, 0, al_score_weight(f->rule, f->severity), 0 };
		}
		al_score_item *it = &d->items[d->n - 1];
		int c = al_score_cost(it->weight, it->count++);
		it->cost += c;
		lost += c;
	}
	if (d->n > 1)
		qsort(d->items, d->n, sizeof *d->items, cmp_item);
	d->score = lost >= 100 ? 0 : 100 - lost;
	return d->score;
}

void al_score_detail_free(al_score_detail *d)
{
	free(d->items);
	free(d->order);
	memset(d, 0, sizeof *d);
}

int al_score(const al_findings *fs)
{
	al_score_detail d = { 0 };
	int score = al_score_explain(fs, &d);
	al_score_detail_free(&d);
	return score;
}
