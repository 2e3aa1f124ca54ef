/* types.c - a letter's types from its own words: patterns and concepts
 * for each type, a match said aside counted apart, and "no plan" for the
 * types that need one. */
#include "rules/types.h"

#include "rules/cite.h"

/* What type detection reads: the letter, its rules, a matcher and the
 * letter's words for concept patterns. */
typedef struct finder {
	const al_letter *l;
	const al_ruleset *rs;
	al_matcher *m;
	al_cdoc *d;
} finder;

/* Does the letter give a plan: a list or section of causes or actions,
 * two sentences or more that report actions ("We have removed ...") and,
 * with causes, a sentence that gives causes? One reported action is not
 * a plan: a seller who disputes a decision often says what it tidied up
 * meanwhile, and explains itself too ("the only overlap we found is that
 * our office is shared"). */
static int has_plan(const al_letter *l, const al_ruleset *rs, al_matcher *m, int causes)
{
	const al_vocab *v = &rs->vocab;
	int done = 0;
	for (size_t b = 0; b < l->nblocks; b++)
		if ((l->blocks[b].kind == AL_BLOCK_LIST || l->blocks[b].kind == AL_BLOCK_HEADING) &&
		    l->blocks[b].role != AL_ROLE_OTHER)
			return 1;
	for (size_t k = 0; k < l->nsents; k++) {
		al_span sp = l->sents[k].span;
		size_t ms, me;
		if (l->blocks[l->sents[k].block].kind != AL_BLOCK_PARAGRAPH)
			continue;
		if ((causes &&
		     al_re_find(&v->intro[AL_ROLE_CAUSES], m, l->text->data, sp.start, sp.end, &ms, &me) == 1) ||
		    (al_re_find(&v->done, m, l->text->data, sp.start, sp.end, &ms, &me) == 1 && ++done > 1))
			return 1;
	}
	return 0;
}

/* Where the clause around `at` ends: a line break, a semicolon or a full
 * stop before a space, or 60 bytes on. */
static size_t clause_end(const char *s, size_t at, size_t len)
{
	size_t end = at + 60 < len ? at + 60 : len;
	for (size_t i = at; i < end; i++)
		if (s[i] == '\n' || s[i] == ';' || (s[i] == '.' && (i + 1 == len || s[i + 1] == ' ')))
			return i;
	return end;
}

/* Does the match at ms name a metric of type bit with the seller's own
 * figure, within its target ("Late Shipment Rate: 0.3%", "our LSR was
 * 0.8%")? The letter then reports the metric as healthy: said aside. A
 * number after target words ("keep the ODR under 1%") is a target. */
static int healthy(const finder *f, unsigned bit, size_t ms)
{
	const al_metrics *mx = &f->rs->metrics;
	const char *s = f->l->text->data;
	size_t end = clause_end(s, ms, f->l->text->len), a, b;
	for (size_t i = 0; i < mx->n; i++) {
		const al_metric *mt = &mx->list[i];
		al_cite ct;
		if (mt->type_bit != bit || al_re_find(&mt->names, f->m, s, ms, end, &a, &b) != 1 || a > ms + 2 ||
		    !al_cite_find(mx, f->m, s, b, end, &ct) || ct.all.start > b + 50 || ct.value < 0)
			continue;
		if (al_re_find(&mx->target_before, f->m, s, b, ct.all.start, &a, &b) == 1 ||
		    (al_re_find(&mx->target_after, f->m, s, ct.all.end, end, &a, &b) == 1 && a == ct.all.end) ||
		    al_cite_direction(mx, mt, f->m, s, ct.dir) == 0)
			return 0;
		return mt->high ? ct.value >= mt->values[0] : ct.value < mt->values[0];
	}
	return 0;
}

int al_letter_has_plan(const al_letter *l, const al_ruleset *rs, al_matcher *m)
{
	return has_plan(l, rs, m, 1);
}

int al_letter_unowned(const al_letter *l, const al_ruleset *rs, al_matcher *m, al_cdoc *d, const al_rule *r)
{
	if (!l->nblocks)
		return 1;
	size_t a = l->blocks[0].span.start, b = l->blocks[l->nblocks - 1].span.end, ms, me;
	if (al_re_has(&r->patterns) && al_re_find(&r->patterns, m, l->text->data, a, b, &ms, &me) == 1)
		return 0;
	al_cdoc_read(d, l, &rs->lex);
	return !(r->concepts.pats && al_cset_find(&r->concepts, &r->unless, d, a, b, &ms, &me));
}

/* Counts one match of a type at [ms, me): said aside, or for it. The
 * type's place is its first match for it, else its first one aside. */
static void tally(int aside, size_t ms, size_t me, int *n, int *weak, al_span *at)
{
	if (*n == 0 && (!aside || *weak == 0))
		*at = (al_span){ ms, me };
	(*(aside ? weak : n))++;
}

/* How many matches of type ty the letter holds (up to its min), with the
 * type's place in *at; a match said aside ("we never had a trademark
 * complaint", "our ODR is healthy", "our LSR was 0.8%") or a hint counts
 * in *weak instead. */
static int type_matches(const finder *f, const al_type *ty, unsigned bit, al_span *at, int *weak)
{
	const al_text *t = f->l->text;
	al_cdoc *d = f->d;
	const al_lexicon *lx = &f->rs->lex;
	al_cdoc_read(d, f->l, lx); /* once a letter: it returns at once after */
	size_t from = t->start, ms, me;
	int n = 0, aside;
	*weak = 0;
	while (n < ty->min && al_re_has(&ty->patterns) &&
	       al_re_find(&ty->patterns, f->m, t->data, from, t->len, &ms, &me) == 1) {
		tally(al_cdoc_aside(d, lx, ms) || healthy(f, bit, ms), ms, me, &n, weak, at);
		from = me;
	}
	for (from = t->start; n < ty->min && al_cset_has(&ty->concepts) &&
			      al_cset_find_aside(&ty->concepts, d, from, t->len, &ms, &me, &aside);
	     from = me)
		tally(aside || al_cdoc_aside(d, lx, ms) || healthy(f, bit, ms), ms, me, &n, weak, at);
	if (n < ty->min && !*weak && al_cset_has(&ty->hints) &&
	    al_cset_find_aside(&ty->hints, d, t->start, t->len, &ms, &me, &aside))
		tally(1, ms, me, &n, weak, at);
	return n;
}

/* The metric types whose rate the letter names as its problem: by name,
 * not said aside and not with a healthy figure. */
static unsigned named_rates(const finder *f, unsigned *rates)
{
	const al_metrics *mx = &f->rs->metrics;
	const al_text *t = f->l->text;
	unsigned named = 0;
	size_t ms, me;
	*rates = 0;
	al_cdoc_read(f->d, f->l, &f->rs->lex);
	for (size_t i = 0; i < mx->n; i++) {
		const al_metric *mt = &mx->list[i];
		*rates |= mt->type_bit;
		for (size_t from = t->start;
		     !(named & mt->type_bit) && al_re_find(&mt->names, f->m, t->data, from, t->len, &ms, &me) == 1;
		     from = me)
			if (!al_cdoc_aside(f->d, &f->rs->lex, ms) && !healthy(f, mt->type_bit, ms))
				named |= mt->type_bit;
	}
	return named;
}

/* The types that say a letter disputes ('unowned': error-claim), rather
 * than what it is about. */
static unsigned disputing(const al_ruleset *rs)
{
	unsigned bits = 0;
	for (size_t i = 0; i < rs->ntypes && i < AL_MAX_TYPES; i++)
		if (rs->types[i].owner >= 0)
			bits |= 1u << i;
	return bits;
}

/* A type only denied or supposed counts when the letter is of no other;
 * an 'unowned' type (error-claim) only hinted at (evidence attached, a
 * review asked for) counts beside the others when the letter gives no
 * plan and owns nothing. */
unsigned al_detect_types(const al_letter *l, const al_ruleset *rs, al_matcher *m, al_cdoc *d, al_span at[AL_MAX_TYPES])
{
	const finder f = { l, rs, m, d };
	int plan = -1;
	unsigned types = 0, weak = 0, disputes = 0, rates, named = named_rates(&f, &rates);
	for (size_t i = 0; i < rs->ntypes && i < AL_MAX_TYPES; i++) {
		const al_type *ty = &rs->types[i];
		int w;
		at[i] = (al_span){ 0, 0 };
		int n = type_matches(&f, ty, 1u << i, &at[i], &w);
		if (named && (rates >> i & 1) && !(named >> i & 1)) {
			w += n; /* "late shipments" as a cause in an ODR letter */
			n = 0;
		}
		if (n + w < ty->min && (ty->owner < 0 || w == 0))
			continue;
		if (n < ty->min && ty->owner >= 0 && l->nblocks && !has_plan(l, rs, m, 0) &&
		    al_letter_unowned(l, rs, m, d, &rs->rules[ty->owner])) {
			disputes |= 1u << i; /* a dispute that owns nothing claims an error */
			if (at[i].end == at[i].start)
				at[i] = l->blocks[0].span;
			continue;
		}
		/* a plan says the letter is a plan of action, unless it owns
		 * nothing: then it still disputes ("we did nothing wrong", and
		 * here are the steps we took anyway) */
		if (ty->without_plan && (plan < 0 ? (plan = has_plan(l, rs, m, 1)) : plan) &&
		    (ty->owner < 0 || !al_letter_unowned(l, rs, m, d, &rs->rules[ty->owner])))
			continue;
		if (n + w < ty->min)
			continue;
		if (n >= ty->min)
			types |= 1u << i;
		else
			weak |= 1u << i;
	}
	if (!(types & ~disputing(rs)))
		types |= weak; /* a dispute is about something: "we did not sell fakes" */
	for (size_t i = 0; i < rs->ntypes && i < AL_MAX_TYPES; i++)
		if ((disputes >> i & 1) && !(types & rs->types[i].beside_bits))
			types |= 1u << i; /* beside what the dispute is about */
	for (size_t i = 0; i < rs->ntypes && i < AL_MAX_TYPES; i++)
		if (!(types >> i & 1))
			at[i] = (al_span){ 0, 0 };
	return types;
}
