/* checks.c - the rule kinds that read patterns, lists, metrics, dates and
 * lengths: one function each, named in the kind table (kinds.c). */
#include "rules/cite.h"
#include "rules/engine.h"
#include "rules/kinds.h"
#include "rules/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* The text of sp for a message, cut short to fit n bytes between
 * characters: a run of spaces and line breaks (a match across a wrapped
 * line) is one space. */
static const char *span_text(const al_ctx *c, al_span sp, char *out, size_t n)
{
	const char *s = c->letter->text->data;
	size_t k = 0, len;
	for (size_t i = sp.start; i < sp.end; i += len) {
		for (len = 1; i + len < sp.end && ((unsigned char)s[i + len] & 0xC0) == 0x80;)
			len++;
		int white = s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t';
		if (white && (k == 0 || out[k - 1] == ' '))
			continue;
		if (k + (white ? 1 : len) >= n)
			break;
		if (white) {
			out[k++] = ' ';
		} else {
			memcpy(out + k, s + i, len);
			k += len;
		}
	}
	out[k] = '\0';
	return out;
}

static al_span line_at(const al_letter *l, size_t off)
{
	size_t i = al_text_line_of(l->text, off);
	return i < l->nlines ? l->lines[i].content : (al_span){ off, off };
}

static int role_fits(const al_rule *r, int role);

/* Is offset at in a block that has a role other than rule r's ("because"
 * in an action item is not where the causes are)? */
static int in_other_role(const al_letter *l, const al_rule *r, size_t at)
{
	if (!r || r->role == AL_ROLE_OTHER)
		return 0;
	for (size_t b = 0; b < l->nblocks; b++)
		if (at >= l->blocks[b].span.start && at < l->blocks[b].span.end)
			return l->blocks[b].role != AL_ROLE_OTHER && !role_fits(r, l->blocks[b].role);
	return 0;
}

/* The first match of re in scope, outside blocks of another role than
 * rule r's (r may be NULL). */
static int in_spans_for(al_ctx *c, const al_rule *r, const al_re *re, al_scope scope, al_span *hit)
{
	size_t n = al_scope_spans(c, scope), ms, me;
	for (size_t i = 0; i < n; i++)
		for (size_t from = c->spans[i].start;
		     al_re_find(re, c->m, c->letter->text->data, from, c->spans[i].end, &ms, &me) == 1;
		     from = me > ms ? me : ms + 1) {
			if (in_other_role(c->letter, r, ms))
				continue;
			if (hit)
				*hit = (al_span){ ms, me };
			return 1;
		}
	return 0;
}

static int in_spans(al_ctx *c, const al_re *re, al_scope scope, al_span *hit)
{
	return in_spans_for(c, NULL, re, scope, hit);
}

/* Where a finding about something missing points: the rule's first anchor
 * match in scope or body, else the first line of the scope (the last line
 * for the closing), else the first line of the letter. */
static al_span anchor_span(al_ctx *c, const al_rule *r, int *anchored)
{
	const al_letter *l = c->letter;
	al_span hit;
	*anchored = 0;
	if (al_re_has(&r->anchor) &&
	    (in_spans_for(c, r, &r->anchor, r->scope, &hit) || in_spans_for(c, r, &r->anchor, AL_SCOPE_BODY, &hit))) {
		*anchored = 1;
		return hit;
	}
	size_t n = al_scope_spans(c, r->scope);
	if (n && r->scope == AL_SCOPE_CLOSING) {
		size_t e = c->spans[n - 1].end;
		while (e > c->spans[n - 1].start && strchr(" \t\r\n", l->text->data[e - 1]))
			e--;
		return line_at(l, e > 0 ? e - 1 : e);
	}
	if (n)
		return line_at(l, c->spans[0].start);
	for (size_t i = 0; i < l->nlines; i++)
		if (l->lines[i].content.end > l->lines[i].content.start)
			return l->lines[i].content;
	return (al_span){ l->text->start, l->text->start };
}

/* An exception match that covers [ms, me) cancels the finding. */
static int excepted(al_ctx *c, const al_rule *r, al_span scope, size_t ms, size_t me)
{
	if (!al_re_has(&r->exceptions))
		return 0;
	size_t from = ms > scope.start + 80 ? ms - 80 : scope.start;
	size_t to = me + 80 < scope.end ? me + 80 : scope.end, es, ee;
	while (al_re_find(&r->exceptions, c->m, c->letter->text->data, from, to, &es, &ee) == 1) {
		if (es <= ms && ee >= me)
			return 1;
		if (es > ms)
			break;
		from = es + 1;
	}
	return 0;
}

/* The fix for a match made only of characters the rule maps ("，" -> ", "):
 * the mapped text, without a leading space after white space or a line's
 * start, nor a trailing one before white space, a line's end or
 * punctuation. Returns 0 when some character is not mapped. */
static int charfix(al_ctx *c, const al_rule *r, al_span m, al_buf *out)
{
	const char *s = c->letter->text->data;
	al_buf_reset(out);
	for (size_t i = m.start; i < m.end;) {
		uint32_t cp;
		size_t next = al_utf8_next(s, m.end, i, &cp), k = 0;
		while (k < r->ncharfix &&
		       (strlen(r->charfix[k].from) != next - i || memcmp(r->charfix[k].from, s + i, next - i) != 0))
			k++;
		if (k == r->ncharfix)
			return 0;
		al_buf_adds(out, r->charfix[k].to);
		i = next;
	}
	const char *t = out->data;
	size_t len = out->len, a = 0;
	char before = m.start > c->letter->text->start ? s[m.start - 1] : '\n';
	char after = s[m.end];
	if (strchr(" \t\r\n(", before))
		while (a < len && t[a] == ' ')
			a++;
	if (after == '\0' || strchr(" \t\r\n.,;:!?)\"'", after))
		while (len > a && t[len - 1] == ' ')
			len--;
	memmove(out->data, t + a, len - a);
	out->len = len - a;
	out->data[out->len] = '\0';
	return 1;
}

/* Where one search stands, of a rule's regexes (re) or of its concept
 * patterns (cs, less what 'unless' cancels): the next match it found, kept
 * until it is taken. Each searches the text once however the other's
 * matches interleave. */
typedef struct cursor {
	const al_re *re;
	const al_cset *cs, *unless;
	size_t from;   /* search from here when nothing is kept */
	size_t ms, me; /* the match kept */
	int state;     /* 0: search again, 1: a match kept, 2: no more */
} cursor;

static void look(al_ctx *c, cursor *k, size_t end)
{
	if (k->state != 0)
		return;
	int got = k->from > end ? 0
		  : k->re	? al_re_has(k->re) &&
				    al_re_find(k->re, c->m, c->letter->text->data, k->from, end, &k->ms, &k->me) == 1
			  : al_cset_has(k->cs) &&
				    al_cset_find(k->cs, k->unless, al_ctx_words(c), k->from, end, &k->ms, &k->me);
	k->state = got ? 1 : 2;
}

/* The next match in [.., end) of either search, whichever starts first
 * (the regex on a tie); its cursor moves past it. */
static int next_match(al_ctx *c, cursor *r, cursor *k, size_t end, size_t *ms, size_t *me)
{
	look(c, r, end);
	look(c, k, end);
	cursor *take = r->state == 1 && (k->state != 1 || r->ms <= k->ms) ? r : k->state == 1 ? k : NULL;
	if (!take)
		return 0;
	*ms = take->ms, *me = take->me;
	take->from = take->me > take->ms ? take->me : take->ms + 1;
	take->state = 0;
	return 1;
}

/* Is the match [ms, me) part of a cause the writer owns in its own
 * sentence ("that decision was ours; the depot held them for six days"),
 * and so no finding? Not when it holds a word of an owned_unless concept
 * ("we erred, but the buyer lied"; "the cause is your tool, and we
 * oversold"). */
static int owned_here(al_ctx *c, const al_rule *src, size_t ms, size_t me)
{
	if (!al_cset_has(&src->owned_sentence))
		return 0;
	al_cdoc *d = al_ctx_words(c);
	size_t a, b, xs, xe;
	return al_cdoc_sentence(d, ms, &a, &b) && !al_cdoc_holds(d, &src->owned_keep, ms, me) &&
	       al_cset_find(&src->owned_sentence, NULL, d, a, b, &xs, &xe);
}

/* Counts the matches in scope (of src's patterns and concepts, or with
 * forbid of its 'forbid' ones) that no exception covers, reporting each
 * one when report is set; with first, stops at the first and says where
 * it is. */
enum { MATCH_OWN, MATCH_FORBID, MATCH_UNOWNED }; /* which of a rule's patterns each_match reads */

static size_t each_match_in(al_ctx *c, const al_rule *r, const al_rule *src, int which, al_scope scope,
			    const char *variant, int report, al_span *first)
{
	size_t n = al_scope_spans(c, scope), count = 0;
	const al_span *spans = c->spans; /* nothing below asks for another scope */
	const al_re *re = which == MATCH_FORBID ? &src->forbid : &src->patterns;
	const al_cset *cs = which == MATCH_FORBID    ? &src->forbid_concepts
			    : which == MATCH_UNOWNED ? &src->unowned_concepts
						     : &src->concepts;
	char buf[256];
	for (size_t i = 0; i < n; i++) {
		/* the unowned patterns have no regexes beside them */
		cursor rc = { re, NULL, NULL, spans[i].start, 0, 0, which == MATCH_UNOWNED ? 2 : 0 };
		cursor kc = { NULL, cs, &src->unless, spans[i].start, 0, 0, 0 };
		size_t ms, me, last = spans[i].start;
		while (next_match(c, &rc, &kc, spans[i].end, &ms, &me)) {
			/* a lookahead alone matches nothing a reader could see; a
			 * regex and a concept pattern may find the same words */
			if (me == ms || ms < last || excepted(c, src, spans[i], ms, me))
				continue;
			last = me;
			if ((r->skip_quotes || src->skip_quotes) && al_letter_not_own(c->letter, (al_span){ ms, me }))
				continue;
			if (which != MATCH_FORBID && owned_here(c, src, ms, me))
				continue;
			count++;
			if (first) {
				*first = (al_span){ ms, me };
				return count;
			}
			if (!report)
				continue;
			const char *vars[] = { "match", span_text(c, (al_span){ ms, me }, buf, sizeof buf), NULL };
			if (r->ncharfix && charfix(c, r, (al_span){ ms, me }, &c->scratch))
				al_report_fix(c, r, (al_span){ ms, me }, variant, vars, (al_span){ ms, me },
					      c->scratch.data);
			else
				al_report(c, r, (al_span){ ms, me }, variant, vars);
			if (r->one_per_span)
				break;
		}
	}
	return count;
}

/* each_match_in the rule's own scope. */
static size_t each_match(al_ctx *c, const al_rule *r, const al_rule *src, int which, const char *variant, int report,
			 al_span *first)
{
	return each_match_in(c, r, src, which, r->scope, variant, report, first);
}

/* ---- forbid, require, count ---- */

/* A rule's unowned patterns tell a story ("the van never turned up") that
 * blames only in a letter that owns nothing: they are read when its own
 * patterns found nothing and its owner rule's wordings are absent. Then
 * too, the wordings of the rule unowned_also names count as its own: a
 * letter that owns nothing and faults Amazon's handling blames Amazon. */
void al_check_forbid(al_ctx *c, const al_rule *r)
{
	if (each_match(c, r, r, MATCH_OWN, NULL, 1, NULL) == 0 && r->owner &&
	    al_letter_unowned(c->letter, c->rs, c->m, al_ctx_words(c), r->owner) &&
	    each_match(c, r, r, MATCH_UNOWNED, NULL, 1, NULL) == 0 && r->also)
		each_match(c, r, r->also, MATCH_OWN, NULL, 1, NULL);
}

void al_check_require(al_ctx *c, const al_rule *r)
{
	if (r->skip_empty && al_scope_spans(c, r->scope) == 0)
		return; /* nothing there to hold what is required */
	if (al_re_has(&r->forbid) || al_cset_has(&r->forbid_concepts))
		each_match(c, r, r, MATCH_FORBID, "forbidden", 1, NULL);
	if (each_match(c, r, r, MATCH_OWN, NULL, 0, NULL))
		return;
	int anchored;
	al_report(c, r, anchor_span(c, r, &anchored), NULL, NULL);
}

void al_check_count(al_ctx *c, const al_rule *r)
{
	if (each_match(c, r, r, MATCH_OWN, NULL, 0, NULL) > (size_t)r->max)
		each_match(c, r, r, MATCH_OWN, NULL, 1, NULL);
}

/* A match in the scope (of the rule's own patterns, or those of the rule
 * named by same_as) must also lie in the scope 'within': when none does, a
 * finding at the first. None when there is no match at all, or no 'within'
 * (a letter of lists only). The opening skips a list before it, so an
 * apology only there is not in the opening. */
void al_check_first(al_ctx *c, const al_rule *r)
{
	const al_rule *src = r->like ? r->like : r;
	al_span first;
	/* the small scope first: a letter that opens with a match is done */
	if (al_scope_spans(c, (al_scope)r->within) == 0 ||
	    each_match_in(c, r, src, MATCH_OWN, (al_scope)r->within, NULL, 0, &first) ||
	    !each_match(c, r, src, MATCH_OWN, NULL, 0, &first))
		return;
	al_report(c, r, first, NULL, NULL);
}

/* ---- list ---- */

static int role_fits(const al_rule *r, int role)
{
	if (r->role == AL_ROLE_ACTIONS)
		return role == AL_ROLE_ACTIONS || role == AL_ROLE_PREVENTION;
	return role == r->role;
}

/* A section of the rule's role whose blocks hold no list at all. */
static size_t prose_section(const al_letter *l, const al_rule *r)
{
	for (size_t k = 1; k < l->nsections; k++) {
		const al_section *s = &l->sections[k];
		if (!role_fits(r, s->role))
			continue;
		int lists = 0, paras = 0;
		for (size_t b = s->block0; b < s->block1; b++) {
			lists += l->blocks[b].kind == AL_BLOCK_LIST;
			paras += l->blocks[b].kind == AL_BLOCK_PARAGRAPH;
		}
		if (!lists && paras)
			return s->heading;
	}
	return AL_NONE;
}

void al_check_list(al_ctx *c, const al_rule *r)
{
	const al_letter *l = c->letter;
	size_t unnumbered = AL_NONE;
	int good = 0;
	for (size_t b = 0; b < l->nblocks; b++) {
		const al_block *bl = &l->blocks[b];
		if (bl->kind != AL_BLOCK_LIST || (!role_fits(r, bl->role) && !(bl->item_roles & (1u << r->role))))
			continue;
		if (!r->numbered || bl->numbered)
			good = 1;
		else if (unnumbered == AL_NONE)
			unnumbered = b;
	}
	if (unnumbered != AL_NONE) {
		al_report(c, r, l->lines[l->blocks[unnumbered].line0].content, "unnumbered", NULL);
		return;
	}
	size_t prose = prose_section(l, r);
	if (good && (!r->numbered || prose == AL_NONE))
		return;
	if (prose != AL_NONE) {
		al_report(c, r, l->blocks[prose].span, "prose", NULL);
		return;
	}
	int anchored;
	al_span at = anchor_span(c, r, &anchored);
	al_report(c, r, at, anchored ? "prose" : NULL, NULL);
}

/* ---- metric ---- */

#define MAX_METRICS 32

typedef struct metric_state {
	al_span mention; /* first mention, or start == end == AL_NONE */
	int ok;		 /* a correct target is cited */
	al_span wrong;	 /* first wrongly cited target */
	int has_wrong;
	size_t at; /* where it is mentioned in the current sentence, or AL_NONE */
	int parts; /* its components may make the letter about it */
} metric_state;

/* Where sentence se names metric mt: by name, or (with parts) by a
 * component that happened ("three A-to-z claims were filed"). */
static size_t mention_in(al_ctx *c, const al_metric *mt, int parts, al_span se)
{
	const al_metrics *ms = &c->rs->metrics;
	const char *s = c->letter->text->data;
	size_t a, b;
	if (al_re_find(&mt->names, c->m, s, se.start, se.end, &a, &b) == 1)
		return a;
	size_t at;
	if (parts && al_re_has(&mt->components) &&
	    al_re_find(&mt->components, c->m, s, se.start, se.end, &at, &b) == 1 &&
	    al_re_find(&ms->events, c->m, s, se.start, se.end, &a, &b) == 1 &&
	    al_re_find(&ms->negation, c->m, s, se.start, se.end, &a, &b) != 1)
		return at;
	return AL_NONE;
}

/* Is the percentage [ps, pe) a target rather than the seller's own figure?
 * Target words must stand in its clause before it, and not in an earlier
 * clause with a figure verb after them ("above the 4% limit, and our VTR
 * fell to 93%"), or right after it. */
static int is_target(al_ctx *c, size_t from, size_t ps, size_t pe, size_t end)
{
	const al_metrics *ms = &c->rs->metrics;
	const char *s = c->letter->text->data;
	size_t a, b, last = AL_NONE;
	if (ps > from + 60)
		from = ps - 60;
	while (from < ps && al_re_find(&ms->target_before, c->m, s, from, ps, &a, &b) == 1) {
		last = b;
		from = b > a ? b : a + 1;
	}
	if (last != AL_NONE && !(memchr(s + last, ',', ps - last) || memchr(s + last, ';', ps - last)))
		return 1;
	/* past a comma, the target words still count unless a figure verb follows */
	if (last != AL_NONE && al_re_find(&ms->own_figure, c->m, s, last, ps, &a, &b) != 1)
		return 1;
	return al_re_find(&ms->target_after, c->m, s, pe, end, &a, &b) == 1 && a == pe;
}

static int value_fits(const al_metric *mt, double v)
{
	for (size_t i = 0; i < mt->nvalues; i++)
		if (v > mt->values[i] - 1e-9 && v < mt->values[i] + 1e-9)
			return 1;
	return 0;
}

/* The metric a cited target belongs to: one named in the sentence whose
 * target has that number, else the one named nearest before it, else the
 * last one named before the sentence. */
static int owner(al_ctx *c, const metric_state *st, size_t n, size_t at, double v, int last)
{
	const al_metrics *ms = &c->rs->metrics;
	int before = -1, after = -1;
	for (size_t i = 0; i < n; i++) {
		if (st[i].at == AL_NONE)
			continue;
		if (value_fits(&ms->list[i], v))
			return (int)i;
		if (st[i].at < at && (before < 0 || st[i].at > st[before].at))
			before = (int)i;
		if (st[i].at > at && (after < 0 || st[i].at < st[after].at))
			after = (int)i;
	}
	return before >= 0 ? before : after >= 0 ? after : last;
}

/* Whether s[from, end) holds a percent sign or the word "percent" or "per
 * cent", without which no percentage can match: most sentences hold none,
 * and the percentage regex, opening on any of its direction words, is
 * slow to search. */
static int holds_percent(const char *s, size_t from, size_t end)
{
	for (size_t i = from; i < end; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '%' ||
		    (ch == 0xEF && i + 2 < end && (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x85))
			return 1;
		if ((ch | 0x20) == 'p' && i + 3 < end && (s[i + 1] | 0x20) == 'e' && (s[i + 2] | 0x20) == 'r') {
			size_t k = i + 3;
			while (k < end && isspace((unsigned char)s[k]))
				k++;
			if (end - k >= 4 && strncasecmp(s + k, "cent", 4) == 0)
				return 1;
		}
	}
	return 0;
}

static void metric_sentence(al_ctx *c, metric_state *st, size_t n, al_span se, int *last)
{
	const al_metrics *ms = &c->rs->metrics;
	const char *s = c->letter->text->data;
	for (size_t i = 0; i < n; i++) {
		st[i].at = mention_in(c, &ms->list[i], st[i].parts, se);
		if (st[i].at != AL_NONE && st[i].mention.start == AL_NONE) {
			size_t a = st[i].at, b = a;
			while (b < se.end && !strchr(" ,.;:)\n", s[b]))
				b++;
			st[i].mention = (al_span){ a, b };
		}
	}
	size_t from = se.start, ps, pe, prev_target = AL_NONE, a, b;
	while (holds_percent(s, from, se.end) && al_re_find(&ms->percent, c->m, s, from, se.end, &ps, &pe) == 1) {
		size_t clause = from;
		from = pe;
		/* "keep the ODR under 1% and the LSR under 4%": the second shares
		 * the first one's target words when nothing in between is a figure */
		int shared = prev_target != AL_NONE && ps - prev_target <= 40 &&
			     al_re_find(&ms->own_figure, c->m, s, prev_target, ps, &a, &b) != 1;
		if (!shared && !is_target(c, clause, ps, pe, se.end)) {
			prev_target = AL_NONE;
			continue;
		}
		prev_target = pe;
		al_cite ct;
		al_cite_find(ms, c->m, s, ps, se.end, &ct);
		int idx = owner(c, st, n, ps, ct.value, *last);
		if (idx < 0)
			continue;
		const al_metric *mt = &ms->list[idx];
		if (value_fits(mt, ct.value) && al_cite_direction(ms, mt, c->m, s, ct.dir) != 0 &&
		    al_cite_direction(ms, mt, c->m, s, ct.after) != 0) {
			st[idx].ok = 1;
		} else if (!st[idx].has_wrong) {
			st[idx].has_wrong = 1;
			st[idx].wrong = ct.all;
		}
	}
	size_t best = 0;
	for (size_t i = 0; i < n; i++)
		if (st[i].at != AL_NONE && st[i].at >= best) {
			best = st[i].at;
			*last = (int)i;
		}
}

void al_check_metric(al_ctx *c, const al_rule *r)
{
	const al_letter *l = c->letter;
	const al_metrics *ms = &c->rs->metrics;
	size_t n = ms->n < MAX_METRICS ? ms->n : MAX_METRICS;
	metric_state st[MAX_METRICS];
	for (size_t i = 0; i < n; i++) {
		/* components make a letter about the metric only as the problem:
		 * not in a letter whose types, read from what it is about, leave
		 * the metric out ("we asked buyers to remove negative feedback") */
		unsigned bit = ms->list[i].type_bit;
		st[i] = (metric_state){
			{ AL_NONE, AL_NONE }, 0, { 0, 0 }, 0, AL_NONE, !(bit && c->types && !(c->types & bit))
		};
	}
	int last = -1;
	for (size_t k = 0; k < l->nsents; k++)
		if (l->blocks[l->sents[k].block].kind != AL_BLOCK_QUOTE)
			metric_sentence(c, st, n, l->sents[k].span, &last);
	char cited[64];
	for (size_t i = 0; i < n; i++) {
		if (st[i].mention.start == AL_NONE || st[i].ok)
			continue;
		const al_metric *mt = &ms->list[i];
		const char *movement = mt->high ? "fell below" : "rose above";
		if (st[i].has_wrong) {
			const char *vars[] = { "metric",    al_tx(&mt->name),
					       "target",    al_tx(&mt->target),
					       "movement",  movement,
					       "metric_en", mt->name.s[AL_LANG_EN],
					       "target_en", mt->target.s[AL_LANG_EN],
					       "cited",	    span_text(c, st[i].wrong, cited, sizeof cited),
					       NULL };
			al_report(c, r, st[i].wrong, "wrong", vars);
		} else {
			const char *vars[] = { "metric",    al_tx(&mt->name),
					       "target",    al_tx(&mt->target),
					       "movement",  movement,
					       "metric_en", mt->name.s[AL_LANG_EN],
					       "target_en", mt->target.s[AL_LANG_EN],
					       NULL };
			al_report(c, r, st[i].mention, NULL, vars);
		}
	}
}

/* ---- date ---- */

static int group_num(al_ctx *c, const al_rule *r, const char *name, long *v)
{
	size_t gs, ge;
	char num[16];
	if (!al_re_named(&r->patterns, c->m, name, &gs, &ge) || ge - gs > 4)
		return 0;
	*v = strtol(span_text(c, (al_span){ gs, ge }, num, sizeof num), NULL, 10);
	return 1;
}

/* After a match: does it name a real day of a month? */
static int real_date(al_ctx *c, const al_rule *r)
{
	long a, b, m, d;
	if (group_num(c, r, "a", &a) && group_num(c, r, "b", &b))
		return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (a >= 1 && a <= 31 && b >= 1 && b <= 12);
	if (group_num(c, r, "m", &m) && !(m >= 1 && m <= 12))
		return 0;
	return !group_num(c, r, "d", &d) || (d >= 1 && d <= 31);
}

static const char *const months[] = { "January", "February", "March",	  "April",   "May",	 "June",
				      "July",	 "August",   "September", "October", "November", "December" };

/* Days since 1 January 2000 of a date, for differences. */
static long day_number(long y, long m, long d)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	if (y < 100)
		y += 2000;
	long days = (y - 2000) * 365 + (y - 1997) / 4 + before[(m - 1) % 12] + d;
	if (m > 2 && y % 4 == 0)
		days++;
	return days;
}

static const char *const month_names[] = { "jan", "feb", "mar", "apr", "may", "jun",
					   "jul", "aug", "sep", "oct", "nov", "dec" };

/* After a match of a dated pattern: the day it names, or -1. Numeric day
 * and month in either order are read day first unless that cannot be. */
static long match_day(al_ctx *c, const al_rule *r)
{
	long y, m = 0, d, a, b;
	size_t gs, ge;
	if (!group_num(c, r, "y", &y))
		return -1;
	if (group_num(c, r, "a", &a) && group_num(c, r, "b", &b)) {
		d = a, m = b;
		if (b > 12 || (c->month_first && a <= 12))
			d = b, m = a;
	} else if (!group_num(c, r, "d", &d)) {
		return -1;
	}
	if (!m && !group_num(c, r, "m", &m) && al_re_named(&r->patterns, c->m, "mon", &gs, &ge)) {
		for (int i = 0; i < 12; i++)
			if (ge - gs >= 3 && strncasecmp(c->letter->text->data + gs, month_names[i], 3) == 0)
				m = i + 1;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	return day_number(y, m, d);
}

/* mode old: a date near one of the rule's anchor words (an invoice date)
 * more than max days before the letter's newest date. */
static void check_old_dates(al_ctx *c, const al_rule *r)
{
	const al_letter *l = c->letter;
	const char *s = l->text->data;
	long newest = -1;
	size_t ms, me, from = l->text->start;
	while (al_re_find(&r->patterns, c->m, s, from, l->text->len, &ms, &me) == 1) {
		long day = match_day(c, r);
		if (day > newest)
			newest = day;
		from = me;
	}
	for (size_t k = 0; newest >= 0 && k < l->nsents; k++) {
		al_span se = l->sents[k].span;
		size_t a, b;
		if (al_re_find(&r->anchor, c->m, s, se.start, se.end, &a, &b) != 1)
			continue;
		for (from = se.start; al_re_find(&r->patterns, c->m, s, from, se.end, &ms, &me) == 1; from = me) {
			long day = match_day(c, r);
			if (day < 0 || newest - day <= r->max)
				continue;
			char text[64], days[32];
			snprintf(days, sizeof days, "%ld", newest - day);
			const char *vars[] = { "match", span_text(c, (al_span){ ms, me }, text, sizeof text), "days",
					       days, NULL };
			al_report(c, r, (al_span){ ms, me }, NULL, vars);
		}
	}
}

void al_check_date(al_ctx *c, const al_rule *r)
{
	if (r->mode == AL_DATE_OLD) {
		check_old_dates(c, r);
		return;
	}
	size_t n = al_scope_spans(c, r->scope);
	const al_span *spans = c->spans; /* nothing below asks for another scope */
	int found = 0;
	for (size_t i = 0; i < n && !found; i++) {
		size_t from = spans[i].start, ms, me;
		while (!found &&
		       al_re_find(&r->patterns, c->m, c->letter->text->data, from, spans[i].end, &ms, &me) == 1) {
			from = me;
			long a, b, y;
			if (r->mode == AL_DATE_PRESENT) {
				found = real_date(c, r);
				continue;
			}
			if (!group_num(c, r, "a", &a) || !group_num(c, r, "b", &b) || !group_num(c, r, "y", &y) ||
			    a < 1 || b < 1 || a > 12 || b > 12 || a == b)
				continue;
			char dmy[48], mdy[48], text[64];
			snprintf(dmy, sizeof dmy, "%ld %s %ld", a, months[b - 1], y);
			snprintf(mdy, sizeof mdy, "%s %ld, %ld", months[a - 1], b, y);
			const char *vars[] = { "match",	 span_text(c, (al_span){ ms, me }, text, sizeof text),
					       "dmy",	 dmy,
					       "mdy",	 mdy,
					       "first",	 c->month_first ? mdy : dmy,
					       "second", c->month_first ? dmy : mdy,
					       NULL };
			al_report(c, r, (al_span){ ms, me }, NULL, vars);
		}
	}
	if (r->mode == AL_DATE_PRESENT && !found) {
		int anchored;
		char text[64];
		al_span at = anchor_span(c, r, &anchored);
		const char *vars[] = { "match", span_text(c, at, text, sizeof text), NULL };
		al_report(c, r, at, anchored ? "vague" : NULL, vars);
	}
}

/* ---- encoding ---- */

void al_check_encoding(al_ctx *c, const al_rule *r)
{
	const al_text *t = c->letter->text;
	if (t->bad != AL_NONE) {
		size_t e = t->bad + 1;
		while (e < t->len && e < t->bad + 16 && !al_utf8_valid_len((const unsigned char *)t->data, t->len, e))
			e++;
		al_report(c, r, (al_span){ t->bad, e }, NULL, NULL);
	}
	if (t->nul != AL_NONE)
		al_report(c, r, (al_span){ t->nul, t->nul + 1 }, "nul", NULL);
	if (al_letter_blank(c->letter))
		al_report(c, r, (al_span){ t->start, t->start }, "empty", NULL);
}

/* ---- length ---- */

static size_t count_words(const al_ctx *c, al_span sp, int codes)
{
	size_t n = 0;
	al_span w;
	al_words it;
	const char *d = c->letter->text->data;
	al_words_start(&it, c->letter, sp);
	while (al_words_next(&it, &w)) {
		/* ASINs, order ids and dates are references, not prose */
		size_t k = w.start;
		while (k < w.end && !(d[k] >= '0' && d[k] <= '9'))
			k++;
		n += codes || k == w.end;
	}
	return n;
}

/* More words than max_words in a span of the scope (or, with total, in all
 * of it). */
void al_check_length(al_ctx *c, const al_rule *r)
{
	size_t n = al_scope_spans(c, r->scope), all = 0;
	char num[32], max[32];
	snprintf(max, sizeof max, "%d", r->max_words);
	for (size_t i = 0; i < n; i++) {
		size_t words = count_words(c, c->spans[i], r->count_codes);
		all += words;
		if (r->total || words <= (size_t)r->max_words)
			continue;
		snprintf(num, sizeof num, "%zu", words);
		const char *vars[] = { "words", num, "max", max, NULL };
		al_span at = c->spans[i];
		size_t li = al_text_line_of(c->letter->text, at.start);
		at.end =
			al_text_line_end(c->letter->text, li) < at.end ? al_text_line_end(c->letter->text, li) : at.end;
		al_report(c, r, at, NULL, vars);
	}
	if (r->total && all > (size_t)r->max_words) {
		snprintf(num, sizeof num, "%zu", all);
		const char *vars[] = { "words", num, "max", max, NULL };
		int anchored;
		al_report(c, r, anchor_span(c, r, &anchored), NULL, vars);
	}
}

/* ---- substitute ---- */

/* The replacement for the last match: $0-$9 insert its groups. */
static void expand_replace(al_ctx *c, const char *tmpl, al_buf *out)
{
	al_buf_reset(out);
	for (const char *p = tmpl; *p; p++) {
		size_t gs, ge;
		if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			if (al_re_group(c->m, (unsigned)(p[1] - '0'), &gs, &ge))
				al_buf_add(out, c->letter->text->data + gs, ge - gs);
			p++;
		} else {
			al_buf_addc(out, *p);
		}
	}
}

/* Each match is a finding whose fix puts the expanded "replace" in its
 * place ("orders.We" -> "orders. We"). */
void al_check_substitute(al_ctx *c, const al_rule *r)
{
	size_t n = al_scope_spans(c, r->scope);
	char buf[256];
	for (size_t i = 0; i < n; i++) {
		size_t from = c->spans[i].start, ms, me;
		while (al_re_find(&r->patterns, c->m, c->letter->text->data, from, c->spans[i].end, &ms, &me) == 1) {
			from = me > ms ? me : ms + 1;
			if (me == ms || excepted(c, r, c->spans[i], ms, me))
				continue;
			al_re_find(&r->patterns, c->m, c->letter->text->data, ms, c->spans[i].end, &ms, &me);
			expand_replace(c, r->replace, &c->scratch);
			const char *vars[] = { "match", span_text(c, (al_span){ ms, me }, buf, sizeof buf),
					       "replacement", c->scratch.data, NULL };
			if (r->skip_quotes && al_letter_not_own(c->letter, (al_span){ ms, me }))
				continue;
			al_report_fix(c, r, (al_span){ ms, me }, NULL, vars, (al_span){ ms, me }, c->scratch.data);
		}
	}
}

/* ---- each issue addressed ---- */

/* When the letter names two metrics or more, each must come up again in
 * its causes or its actions: one finding per metric left without. */
void al_check_issues(al_ctx *c, const al_rule *r)
{
	const al_metrics *ms = &c->rs->metrics;
	const al_letter *l = c->letter;
	const char *s = l->text->data;
	size_t n = ms->n < MAX_METRICS ? ms->n : MAX_METRICS, named = 0;
	al_span first[MAX_METRICS];
	for (size_t i = 0; i < n; i++) {
		first[i] = (al_span){ AL_NONE, AL_NONE };
		for (size_t k = 0; k < l->nsents && first[i].start == AL_NONE; k++) {
			size_t a, b;
			al_span st = l->sents[k].span;
			if (al_re_find(&ms->list[i].names, c->m, s, st.start, st.end, &a, &b) == 1)
				first[i] = (al_span){ a, b };
			/* "our LSR stayed well under 4%": a healthy metric, not an issue */
			if (first[i].start != AL_NONE && al_re_has(&r->exceptions) &&
			    al_re_find(&r->exceptions, c->m, s, st.start, st.end, &a, &b) == 1) {
				first[i] = (al_span){ AL_NONE, AL_NONE };
				break;
			}
		}
		named += first[i].start != AL_NONE;
	}
	if (named < 2)
		return;
	al_scope parts[] = { AL_SCOPE_CAUSES, AL_SCOPE_ACTIONS, AL_SCOPE_PREVENTION, AL_SCOPE_LIST_CAUSES,
			     AL_SCOPE_LIST_ACTIONS };
	for (size_t i = 0; i < n; i++) {
		if (first[i].start == AL_NONE)
			continue;
		int covered = 0;
		/* the metric's name, or the words of its subject (tracking, dispatch) */
		const al_metric *mt = &ms->list[i];
		for (size_t p = 0; p < sizeof parts / sizeof *parts && !covered; p++)
			covered = in_spans(c, &mt->names, parts[p], NULL) ||
				  (al_re_has(&mt->components) && in_spans(c, &mt->components, parts[p], NULL)) ||
				  (al_re_has(&mt->topics) && in_spans(c, &mt->topics, parts[p], NULL));
		if (!covered) {
			const char *vars[] = { "metric", al_tx(&ms->list[i].name), NULL };
			al_report(c, r, first[i], NULL, vars);
		}
	}
}
