/* re.c - pcre2 wrapper: compiled once, JIT, patterns tried where their heads open words. */
#include "model/re.h"

#include "base/al.h"
#include "base/lang.h"
#include "base/stats.h"
#include "input/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A letter is a few KB: these bound a pathological pattern without
 * touching normal ones. */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u

/* Whether pattern may capture: an opening parenthesis not escaped and not
 * followed by "?", or a named group. Never wrong the other way round (a
 * "(" inside a class counts). */
static int has_groups(const char *p)
{
	for (const char *q = p; (q = strchr(q, '(')) != NULL; q++) {
		size_t slashes = 0;
		while (q - slashes > p && q[-1 - (ptrdiff_t)slashes] == '\\')
			slashes++;
		if (slashes % 2)
			continue; /* "\\(" is a parenthesis; "\\\\(" a backslash, then a group */
		if (q[1] != '?' || q[2] == '\'' || (q[2] == 'P' && q[3] == '<') ||
		    (q[2] == '<' && q[3] != '=' && q[3] != '!'))
			return 1;
	}
	return 0;
}

/* Keeps run[0..n) in best when it is longer. */
static void keep_run(const char *run, size_t n, char *best, size_t *nbest)
{
	if (n > *nbest) {
		memcpy(best, run, n);
		*nbest = n;
	}
}

/* The longest run of ASCII letters and digits (3 to 15) that every match
 * of pattern p holds as written, outside groups, classes and quantified
 * characters, into lit; 0 when there is none or p may not be read so
 * simply (top-level alternatives, quoting, extended mode). A search skips
 * a text without it, caselessly (never wrongly: a case-sensitive pattern
 * matches only where the caseless test passes too). */
static size_t needed_literal(const char *p, char *lit)
{
	char run[16];
	size_t n = 0, best = 0, depth = 0;
	if (strstr(p, "\\Q") || strstr(p, "(?x") || strstr(p, "(*"))
		return 0;
	for (size_t i = 0; p[i]; i++) {
		unsigned char c = (unsigned char)p[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (depth == 0 && alnum && n < sizeof run - 1) {
			run[n++] = (char)c;
			continue;
		}
		if (depth == 0 && (c == '?' || c == '*' || c == '{') && n)
			n--; /* the character before may be absent */
		if (depth == 0) {
			keep_run(run, n, lit, &best);
			n = 0;
		}
		if (c == '{') /* a quantifier's numbers are not text */
			while (p[i + 1] && p[i + 1] != '}' && strchr("0123456789,", p[i + 1]))
				i++;
		if (c == '\\' && p[i + 1] && strchr("xopPNgkc0123456789", p[i + 1]))
			return 0; /* an escape with an argument ("\\x41", "\\p{L}") */
		if (c == '\\' && p[i + 1])
			i++;
		else if (c == '[') { /* a class, whose ']' may come first */
			i += p[i + 1] == '^' ? 2 : 1;
			if (p[i] == ']')
				i++;
			while (p[i] && p[i] != ']')
				i += p[i] == '\\' && p[i + 1] ? 2 : 1;
			if (!p[i])
				return 0;
		} else if (c == '(')
			depth++;
		else if (c == ')' && depth-- == 0)
			return 0;
		else if (c == '|' && depth == 0)
			return 0;
	}
	keep_run(run, n, lit, &best);
	return best >= 3 ? best : 0;
}

/* Does s[from, end) hold lit[0..n) (ASCII letters and digits), caselessly? */
static int holds_literal(const char *s, size_t from, size_t end, const char *lit, size_t n)
{
	unsigned char first = (unsigned char)lit[0] | 0x20;
	for (size_t i = from; i + n <= end; i++) {
		if (((unsigned char)s[i] | 0x20) != first)
			continue;
		size_t k = 1;
		while (k < n && ((unsigned char)s[i + k] | 0x20) == ((unsigned char)lit[k] | 0x20))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* The fields every pattern has, before (or without) compiling it. */
static void prepare(al_re *re, const char *pattern, unsigned flags)
{
	memset(re, 0, sizeof *re);
	re->flags = flags;
	re->src = al_xstrdup(pattern); /* compiled on first use, or its twins' */
	atomic_init(&re->code, NULL);
	atomic_init(&re->jit, NULL);
	atomic_init(&re->twin[0], NULL);
	atomic_init(&re->twin[1], NULL);
	atomic_init(&re->interp_ns, 0);
	/* compiling to JIT code costs about 90 ns a byte of pcre2's code, which
	 * is some twice the pattern's length */
	re->jit_ns = 180u * (uint64_t)strlen(pattern);
	re->groups = has_groups(pattern);
	re->whole = strstr(pattern, "(*") || strstr(pattern, "\\G");
	re->nlit = needed_literal(pattern, re->lit);
	if (!(flags & AL_RE_NO_HEADS))
		al_re_heads(re);
}

static pcre2_code *compile(const char *pattern, unsigned flags, int *err, PCRE2_SIZE *off)
{
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES;
	if (!(flags & AL_RE_CASE))
		opts |= PCRE2_CASELESS;
	/* tried at one place: pcre2's search for a character every match
	 * needs ("claims" needs an "m") would cross the rest of the letter
	 * at each place, its square in all */
	if (flags & AL_RE_AT)
		opts |= PCRE2_ANCHORED | PCRE2_NO_START_OPTIMIZE;
	if (flags & AL_RE_END)
		opts |= PCRE2_ENDANCHORED;
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, err, off, cc);
	pcre2_compile_context_free(cc);
	return code;
}

int al_re_compile(al_re *re, const char *pattern, unsigned flags, char *msg, size_t msglen, size_t *erroff)
{
	prepare(re, pattern, flags);
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = compile(pattern, flags, &err, &off);
	if (!code) {
		PCRE2_UCHAR buf[256];
		pcre2_get_error_message(err, buf, sizeof buf);
		snprintf(msg, msglen, "%s", (const char *)buf);
		*erroff = off;
		al_re_free(re);
		return -1;
	}
	atomic_store(&re->code, code);
	uint32_t minlen = 0;
	pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &minlen);
	if (minlen == 0) {
		/* a finding needs at least one character to point at */
		snprintf(msg, msglen, "pattern can match an empty string");
		*erroff = 0;
		al_re_free(re);
		return -1;
	}
	return 0;
}

void al_re_defer(al_re *re, const char *pattern, unsigned flags)
{
	prepare(re, pattern, flags);
}

/* The compiled pattern, compiled now when it was deferred (the first
 * thread to finish publishes its copy); NULL when there is none. The
 * field changes behind the const: it is atomic. */
static pcre2_code *code_of(const al_re *cre)
{
	al_re *re = (al_re *)(uintptr_t)cre;
	pcre2_code *code = atomic_load_explicit(&re->code, memory_order_acquire);
	if (code || !re->src)
		return code;
	int err;
	PCRE2_SIZE off;
	pcre2_code *made = compile(re->src, re->flags, &err, &off), *none = NULL;
	if (!made)
		return NULL; /* al_re_check says why */
	if (atomic_compare_exchange_strong_explicit(&re->code, &none, made, memory_order_acq_rel, memory_order_acquire))
		return made;
	pcre2_code_free(made);
	return none;
}

int al_re_check(const al_re *re, char *msg, size_t msglen)
{
	if (!re->src || code_of(re))
		return 0;
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = compile(re->src, re->flags, &err, &off);
	PCRE2_UCHAR buf[256];
	pcre2_get_error_message(err, buf, sizeof buf);
	snprintf(msg, msglen, "%s at offset %zu", (const char *)buf, (size_t)off);
	pcre2_code_free(code);
	return -1;
}

void al_re_free(al_re *re)
{
	pcre2_code *jit = atomic_load(&re->jit), *code = atomic_load(&re->code);
	if (jit != code) /* the code itself stands in where there is no JIT */
		pcre2_code_free(jit);
	atomic_store(&re->jit, NULL);
	pcre2_code_free(code);
	atomic_store(&re->code, NULL);
	free(re->src);
	re->src = NULL;
	for (size_t k = 0; k < 2; k++) {
		al_re *t = atomic_load(&re->twin[k]);
		if (t)
			al_re_free(t);
		free(t);
		atomic_store(&re->twin[k], NULL);
	}
	free(re->heads);
	re->heads = NULL;
	re->nheads = 0;
	for (size_t i = 0; i < re->nparts; i++)
		al_re_free(&re->parts[i]);
	free(re->parts);
	free(re->plain);
	re->parts = NULL;
	re->plain = NULL;
	re->nparts = re->nplain = 0;
}

/* A pattern that names another's groups, or the place the search started
 * from, means something else alone; one that resets the start of its match
 * (\K) can stand alone only where it is tried at known places (heads). */
static int stands_alone(const char *p, int heads)
{
	if (!heads && strstr(p, "\\K"))
		return 0;
	static const char *const refs[] = {
		"\\G", "\\g", "\\k", "(?P=", "(?P>", "(?&", "(?R", "(?|", "(?(", "(*", NULL
	};
	for (size_t i = 0; refs[i]; i++)
		if (strstr(p, refs[i]))
			return 0;
	for (const char *q = p; (q = strchr(q, '\\')) != NULL && q[1]; q += 2)
		if (q[1] >= '1' && q[1] <= '9')
			return 0; /* a back reference */
	for (const char *q = p; (q = strstr(q, "(?")) != NULL; q += 2) {
		const char *d = q[2] == '+' || q[2] == '-' ? q + 3 : q + 2;
		if (*d >= '0' && *d <= '9')
			return 0; /* a call of a numbered group */
	}
	return 1;
}

/* Gives re its heads (n of them, now owned by re), and when it has none,
 * whether every match holds a digit. */
static void take_heads(al_re *re, uint32_t *heads, size_t n)
{
	free(re->heads);
	re->heads = heads;
	re->nheads = n;
	re->digit = !n && al_lead_needs_digit(re->src);
}

void al_re_heads(al_re *re)
{
	uint32_t *heads;
	size_t n = al_lead_heads(re->src, &heads); /* caseless: a superset */
	take_heads(re, heads, n);
}

void al_re_split(al_re *re, char *const *pats, size_t n, unsigned flags)
{
	if (!re->src || re->nparts)
		return;
	al_re *parts = al_xmalloc(n * sizeof *parts);
	for (size_t i = 0; i < n; i++) {
		char msg[256];
		size_t off;
		uint32_t *heads;
		size_t nheads = al_lead_heads(pats[i], &heads);
		/* one pattern without heads is searched as it is */
		int skip = (n == 1 && !nheads) || !stands_alone(pats[i], nheads > 0);
		unsigned how = flags | AL_RE_NO_HEADS | (nheads ? AL_RE_AT : 0);
		if (!skip && re->src) /* deferred like the whole */
			al_re_defer(&parts[i], pats[i], how);
		else if (skip || al_re_compile(&parts[i], pats[i], how, msg, sizeof msg, &off)) {
			free(heads);
			while (i)
				al_re_free(&parts[--i]);
			free(parts);
			return;
		}
		take_heads(&parts[i], heads, nheads);
	}
	re->parts = parts;
	re->nparts = n;
	re->plain = al_xmalloc(n * sizeof *re->plain);
	for (size_t i = 0; i < n; i++)
		if (!parts[i].nheads)
			re->plain[re->nplain++] = i;
}

static const al_re *twin(const al_re *cre, unsigned how);

/* Makes the JIT copy of re and publishes it (the first thread to get here
 * does); where pcre2 has no JIT, the interpreted code itself is published,
 * so the pattern is not timed or tried again. Returns the code to use from
 * now on. The field changes behind the const: an al_re is never defined
 * const, and it is atomic. */
static const pcre2_code *jit_now(const al_re *cre)
{
	al_re *re = (al_re *)(uintptr_t)cre;
	pcre2_code *base = code_of(re), *copy = pcre2_code_copy(base);
	if (copy && pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(copy);
		copy = NULL;
	}
	pcre2_code *none = NULL;
	if (!copy) {
		atomic_compare_exchange_strong(&re->jit, &none, base);
		return base;
	}
	if (!atomic_compare_exchange_strong_explicit(&re->jit, &none, copy, memory_order_release,
						     memory_order_acquire)) {
		pcre2_code_free(copy); /* another thread was first */
		return none;
	}
	return copy;
}

/* pcre2_match with the JIT code once it has been earned (see re.h). */
static int run(const al_re *cre, al_matcher *m, const char *s, size_t from, size_t end, uint32_t opts)
{
	al_re *re = (al_re *)(uintptr_t)cre;
	const pcre2_code *code = atomic_load_explicit(&re->jit, memory_order_acquire);
	if (code && code != atomic_load_explicit(&re->code, memory_order_relaxed) && !opts)
		return pcre2_jit_match(code, (PCRE2_SPTR)s, end, from, 0, m->md, m->mc); /* copes with bad UTF */
	if (code)
		return pcre2_match(code, (PCRE2_SPTR)s, end, from, opts, m->md, m->mc);
	const pcre2_code *base = code_of(re);
	if (!base)
		return PCRE2_ERROR_NOMATCH; /* a deferred pattern that does not compile */
	if (!(opts & PCRE2_ANCHORED) && end - from > AL_RE_JIT_SPAN) {
		jit_now(re);
		return run(re, m, s, from, end, opts);
	}
	uint64_t t0 = al_now_ns();
	int rc = pcre2_match(base, (PCRE2_SPTR)s, end, from, opts, m->md, m->mc);
	uint64_t spent = al_now_ns() - t0;
	if (atomic_fetch_add_explicit(&re->interp_ns, spent, memory_order_relaxed) + spent >= re->jit_ns)
		jit_now(re);
	return rc;
}

/* run, counting the work in m->work: a place tried, or the bytes an
 * unanchored search crossed (to its match's end, or to the end); and
 * noting where it started. */
static int match(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, uint32_t opts)
{
	int rc = run(re, m, s, from, end, opts);
	m->tried = from;
	if ((opts & PCRE2_ANCHORED) || (re->flags & AL_RE_AT))
		m->work++;
	else
		m->work += (rc >= 0 ? pcre2_get_ovector_pointer(m->md)[1] : end) - from;
	return rc;
}

void al_matcher_init(al_matcher *m)
{
	memset(m, 0, sizeof *m);
	m->md = pcre2_match_data_create(32, NULL);
	m->mc = pcre2_match_context_create(NULL);
	m->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (!m->md || !m->mc || !m->stack) {
		fprintf(stderr, "appeal-lint: out of memory (pcre2)\n");
		abort();
	}
	pcre2_jit_stack_assign(m->mc, NULL, m->stack);
	pcre2_set_match_limit(m->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(m->mc, DEPTH_LIMIT);
}

/* Where the patterns of re with heads can start in the text being
 * checked: m->pool[off, off + n), each a place and the number of the part
 * tried there (CAND), ascending. Kept for the letter, keyed by re. */
typedef struct al_re_cands {
	const al_re *re;
	uint32_t off, n;
	uint32_t hint, hint_from; /* the last search's answer: spans come in order */
	uint32_t memo;		  /* re's parts without heads: m->memo[memo, + nplain) */
	uint32_t lo, hi;	  /* places [lo, hi) failed in tried_s up to tried_end */
	const char *tried_s;
	size_t tried_end;
	uint64_t spent; /* work charged to re in this letter (BUDGET) */
} al_re_cands;

/* The last search of a part without heads in s[from, end): its match, or
 * ms == SIZE_MAX for none. It answers every later search from a place in
 * [from, ms] of the same text and end, so a rule that searches on from
 * each match crosses the text once, not once per match. */
typedef struct al_re_memo {
	const char *s;
	size_t end, from, ms, me;
} al_re_memo;

/* Work bounds. pcre2's match limit holds for each place, so a pattern
 * that runs to the end of the letter from every place it is tried
 * ("\bwe\b[\s\S]*zzz") would cost the letter's square. A place is tried
 * with FIRST_TRY steps, free: at most FIRST_TRY a place, linear. One that
 * needs more is tried again with 8 times the limit, up to MATCH_LIMIT,
 * each such limit charged to the pattern before it is run; a try that
 * would pass BUDGET for the letter is not run, and the search gives up. */
#define FIRST_TRY 4096u
#define BUDGET(len) (4 * (uint64_t)MATCH_LIMIT + 16 * (uint64_t)(len))

#define FIRST_CANDS 128		    /* a letter uses some 60 pattern sets; the table grows past half full */
#define AL_RE_MAX_PLACES (1u << 18) /* places kept for one letter: 2 MiB */
#define CAND(pos, part) ((uint64_t)(pos) << 16 | (part))
#define CAND_POS(c) ((size_t)((c) >> 16))
#define CAND_PART(c) ((size_t)((c)&0xFFFF))

void al_matcher_text(al_matcher *m, const char *text, size_t n)
{
	al_lead_build(&m->lead, text, n);
	if (!m->cands) {
		m->cands_cap = FIRST_CANDS;
		m->cands = al_xmalloc(m->cands_cap * sizeof *m->cands);
	}
	memset(m->cands, 0, m->cands_cap * sizeof *m->cands);
	m->cands_used = m->cands_last = 0;
	m->pool_used = 0;
	m->memo_used = 0;
	m->work = 0;
}

static size_t cands_slot(const al_re_cands *t, size_t cap, const al_re *re)
{
	size_t i = ((uintptr_t)re >> 4) * 2654435761u & (cap - 1);
	while (t[i].re && t[i].re != re)
		i = (i + 1) & (cap - 1);
	return i;
}

/* The table twice as large, with what it held. */
static void cands_grow(al_matcher *m)
{
	size_t cap = m->cands_cap * 2;
	al_re_cands *t = al_xmalloc(cap * sizeof *t);
	memset(t, 0, cap * sizeof *t);
	for (size_t i = 0; i < m->cands_cap; i++)
		if (m->cands[i].re)
			t[cands_slot(t, cap, m->cands[i].re)] = m->cands[i];
	free(m->cands);
	m->cands = t;
	m->cands_cap = cap;
}

/* Notes that part may start at word w: the parts of a word are chained in
 * the order they come (ascending), each once though several of its heads
 * name the word. */
static void chain(al_matcher *m, size_t w, size_t part)
{
	uint64_t bit = (uint64_t)1 << (w % 64);
	int seen = (m->seen[w / 64] & bit) != 0;
	if (seen && m->link[m->last[w]].part == part)
		return;
	if (m->nlinks == m->link_cap)
		al_grow(&m->link, &m->link_cap, m->nlinks + 1, sizeof *m->link);
	uint32_t node = (uint32_t)m->nlinks++;
	m->link[node] = (al_re_link){ (uint32_t)part, UINT32_MAX };
	if (seen) {
		m->link[m->last[w]].next = node;
	} else {
		m->seen[w / 64] |= bit;
		m->first[w] = node;
	}
	m->last[w] = node;
}

/* Appends where the parts of re with heads (or re itself) can start, in
 * the order of places, then of parts: the words each head names are
 * chained to the word, and the words read off in order. */
static void add_cands(al_matcher *m, const al_re *re)
{
	size_t nw = m->lead.nwords, nbits = (nw + 63) / 64;
	al_grow(&m->first, &m->first_cap, nw ? nw : 1, sizeof *m->first);
	al_grow(&m->last, &m->last_cap, nw ? nw : 1, sizeof *m->last);
	al_grow(&m->seen, &m->seen_cap, nbits ? nbits : 1, sizeof *m->seen);
	memset(m->seen, 0, nbits * sizeof *m->seen);
	m->nlinks = 0;
	for (size_t k = 0; k < (re->nparts ? re->nparts : 1); k++) {
		const al_re *u = re->nparts ? &re->parts[k] : re;
		for (size_t h = 0; h < u->nheads; h++) {
			const uint32_t *words;
			size_t n = al_lead_occ(&m->lead, u->heads[h], &words);
			for (size_t i = 0; i < n; i++)
				chain(m, words[i], k);
		}
	}
	/* + 1: the pool exists even when every list is empty */
	al_grow(&m->pool, &m->pool_cap, m->pool_used + m->nlinks + 1, sizeof *m->pool);
	for (size_t b = 0; b < nbits; b++)
		for (uint64_t x = m->seen[b]; x; x &= x - 1) {
			size_t w = b * 64 + (size_t)__builtin_ctzll(x);
			for (uint32_t l = m->first[w]; l != UINT32_MAX; l = m->link[l].next)
				m->pool[m->pool_used++] = CAND(m->lead.word[w], m->link[l].part);
		}
}

/* re's entry in the letter's table, made without places (n UINT32_MAX)
 * when there was none: *made says so. */
static al_re_cands *entry_of(al_matcher *m, const al_re *re, int *made)
{
	*made = 0;
	if (m->cands[m->cands_last].re == re) /* a rule searches span after span */
		return &m->cands[m->cands_last];
	size_t i = cands_slot(m->cands, m->cands_cap, re);
	if (!m->cands[i].re) {
		if ((m->cands_used + 1) * 2 > m->cands_cap) {
			cands_grow(m);
			i = cands_slot(m->cands, m->cands_cap, re);
		}
		m->cands_used++;
		size_t memo = m->memo_used;
		al_grow(&m->memo, &m->memo_cap, memo + re->nplain + 1, sizeof *m->memo);
		memset(m->memo + memo, 0, re->nplain * sizeof *m->memo);
		m->memo_used += re->nplain;
		m->cands[i] = (al_re_cands){ .re = re, .n = UINT32_MAX, .memo = (uint32_t)memo };
		*made = 1;
	}
	m->cands_last = i;
	return &m->cands[i];
}

/* The places where re's patterns with heads can start, found once a text;
 * NULL when the letter's places would pass AL_RE_MAX_PLACES (a text of a
 * megabyte): re is then searched as one alternation, everywhere. */
static al_re_cands *cands_of(al_matcher *m, const al_re *re)
{
	int made;
	al_re_cands *c = entry_of(m, re, &made);
	size_t off = m->pool_used;
	if (made && off < AL_RE_MAX_PLACES) {
		add_cands(m, re);
		if (m->pool_used > AL_RE_MAX_PLACES)
			m->pool_used = off;
		else
			*c = (al_re_cands){ .re = re,
					    .off = (uint32_t)off,
					    .n = (uint32_t)(m->pool_used - off),
					    .memo = c->memo };
	}
	return c->n == UINT32_MAX ? NULL : c;
}

void al_matcher_free(al_matcher *m)
{
	free(m->cands);
	free(m->pool);
	free(m->link);
	free(m->first);
	free(m->last);
	free(m->seen);
	free(m->memo);
	al_lead_free(&m->lead);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mc);
	pcre2_jit_stack_free(m->stack);
	memset(m, 0, sizeof *m);
}

/* Notes a search abandoned at a limit (the first one's place and reason). */
static int gave_up(al_matcher *m, int rc, size_t from)
{
	if (m->limit_hits++ == 0) {
		m->limit_at = from;
		m->limit_rc = rc;
	}
	return -1;
}

const char *al_re_limit_name(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		return N_("match limit");
	case PCRE2_ERROR_DEPTHLIMIT:
		return N_("depth limit");
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return N_("stack limit");
	case PCRE2_ERROR_NOMEMORY:
		return N_("out of memory");
	default:
		return N_("pattern error");
	}
}

/* The first of c's places at or after from: on from the last answer when
 * from has not gone back (a few steps), else by halving. */
static size_t first_at(const al_matcher *m, al_re_cands *c, size_t from)
{
	const uint64_t *pos = m->pool + c->off;
	size_t lo = 0, hi = c->n;
	if (from >= c->hint_from) { /* the places before the hint lie before from too */
		lo = c->hint;
		for (size_t k = 0; k < 8 && lo < hi && CAND_POS(pos[lo]) < from; k++)
			lo++;
		if (lo == hi || CAND_POS(pos[lo]) >= from)
			hi = lo;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (CAND_POS(pos[mid]) < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	c->hint = (uint32_t)lo;
	c->hint_from = (uint32_t)from;
	return lo;
}

/* Tries u at pos under the work bounds (FIRST_TRY): pcre2's answer, or
 * its match limit when the try would pass c's budget. */
static int try_at(const al_re *u, al_matcher *m, al_re_cands *c, const char *s, size_t pos, size_t end)
{
	if (!(u->flags & AL_RE_AT))
		u = twin(u, AL_RE_START); /* pcre2 checks the UTF-8 to the end at each anchored call */
	uint64_t budget = BUDGET(m->lead.len);
	uint32_t lim = FIRST_TRY;
	int rc;
	for (;;) {
		pcre2_set_match_limit(m->mc, lim);
		rc = match(u, m, s, pos, end, 0);
		if (rc != PCRE2_ERROR_MATCHLIMIT || lim == MATCH_LIMIT)
			break;
		lim = lim * 8 < MATCH_LIMIT ? lim * 8 : MATCH_LIMIT;
		if (c->spent + lim > budget)
			break;
		c->spent += lim;
	}
	pcre2_set_match_limit(m->mc, MATCH_LIMIT);
	return rc;
}

/* Tries re's candidates (places and parts) in [from, limit): 1 for the
 * first that matches, with *at and *part, 0 for none, or pcre2's error.
 * The places that failed in this text up to this end are not tried again. */
static int first_candidate(const al_re *re, al_matcher *m, al_re_cands *c, const char *s, size_t from, size_t end,
			   size_t limit, size_t *at, size_t *part)
{
	size_t i = first_at(m, c, from);
	if (c->tried_s == s && c->tried_end == end && i >= c->lo && i <= c->hi) {
		i = c->hi;
	} else {
		c->tried_s = s;
		c->tried_end = end;
		c->lo = c->hi = (uint32_t)i;
	}
	for (; i < c->n && CAND_POS(m->pool[c->off + i]) < limit; i++) {
		uint64_t cand = m->pool[c->off + i];
		const al_re *u = re->nparts ? &re->parts[CAND_PART(cand)] : re;
		int rc = try_at(u, m, c, s, CAND_POS(cand), end);
		if (rc != PCRE2_ERROR_NOMATCH) {
			*at = CAND_POS(cand);
			*part = CAND_PART(cand);
			return rc < 0 ? rc : 1;
		}
		c->hi = (uint32_t)i + 1;
	}
	return 0;
}

/* 0 when the text s (indexed) holds none of the bytes pcre2 knows every
 * match of re to start with: "[“”]*\\p{Han}" in a letter all in ASCII. */
static int may_start(const al_re *re, const al_matcher *m, const char *s)
{
	const uint8_t *first = NULL;
	const pcre2_code *code = m->lead.text == s ? code_of(re) : NULL;
	if (!code || pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &first) != 0 || !first)
		return 1;
	for (size_t k = 0; k < 4; k++) {
		uint64_t want = 0; /* byte c is bit c % 8 of first[c / 8] */
		for (size_t j = 0; j < 8; j++)
			want |= (uint64_t)first[8 * k + j] << (8 * j);
		if (want & m->lead.bytes[k])
			return 1;
	}
	return 0;
}

/* An unanchored search of re under the work bounds. pcre2's limit holds
 * for each start, so it first runs with FIRST_TRY steps a start: linear.
 * When a start needs more, it goes on start by start, each tried as in
 * try_at, under the pattern's budget; a match is the one pcre2 finds.
 * Patterns with verbs or \G, whose matches depend on the search as a
 * whole, and patterns compiled anchored are searched as pcre2 would. */
static int scan(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end)
{
	int steps = m->cands && !(re->flags & AL_RE_AT) && !re->whole;
	if (steps)
		pcre2_set_match_limit(m->mc, FIRST_TRY);
	int rc = match(re, m, s, from, end, 0);
	pcre2_set_match_limit(m->mc, MATCH_LIMIT);
	if (!steps || rc != PCRE2_ERROR_MATCHLIMIT)
		return rc;
	int made;
	al_re_cands *c = entry_of(m, re, &made);
	for (size_t p = from; p < end;) {
		rc = try_at(re, m, c, s, p, end);
		if (rc != PCRE2_ERROR_NOMATCH)
			return rc;
		uint32_t cp;
		p = al_utf8_next(s, end, p, &cp);
	}
	return PCRE2_ERROR_NOMATCH;
}

/* The leftmost match of one pattern (no parts) in s[from, end) that was
 * tried from before limit: 1 with *at where it was tried from (with \K,
 * before where it starts) and the match in m->md, 0 for none, or pcre2's
 * error. With heads and the text indexed, it is tried only where a head
 * opens a word. */
static int leftmost(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, size_t limit, size_t *at)
{
	size_t part;
	al_re_cands *c;
	if (re->nheads && m->lead.text == s && (c = cands_of(m, re)) != NULL)
		return first_candidate(re, m, c, s, from, end, limit, at, &part);
	if (!al_lead_may_match(&m->lead, s, re->heads, re->nheads) || !may_start(re, m, s) ||
	    (re->digit && !al_lead_digit_in(&m->lead, s, from, end)) ||
	    (re->nlit && m->lead.text == s && !holds_literal(s, from, end, re->lit, re->nlit)))
		return 0;
	int rc = scan(re, m, s, from, end);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return rc;
	*at = pcre2_get_ovector_pointer(m->md)[0];
	return *at < limit;
}

/* The leftmost match of part u (without heads) in s[from, end), through
 * its memo mo: 1 with *ms and *me, 0 for none, or pcre2's error. */
static int plain_part(const al_re *u, al_matcher *m, al_re_memo *mo, const char *s, size_t from, size_t end, size_t *ms,
		      size_t *me)
{
	if (mo->s != s || mo->end != end || from < mo->from || (mo->ms != SIZE_MAX && from > mo->ms)) {
		size_t at;
		int rc = leftmost(u, m, s, from, end, end, &at);
		if (rc < 0)
			return rc;
		*mo = (al_re_memo){ s, end, from, SIZE_MAX, SIZE_MAX };
		if (rc == 1) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
			mo->ms = ov[0];
			mo->me = ov[1];
		}
	}
	*ms = mo->ms;
	*me = mo->me;
	return mo->ms != SIZE_MAX;
}

/* The leftmost match of re's parts: the alternation of them all finds the
 * same, through the first part that matches there. The parts with heads
 * are tried at their places in order; the others are searched. Groups are
 * the alternation's only when re runs there itself. */
static int leftmost_of_parts(const al_re *re, al_matcher *m, al_re_cands *c, const char *s, size_t from, size_t end)
{
	size_t best = end, who = SIZE_MAX, part, ms = 0, me = 0, memo = c->memo;
	int rc = first_candidate(re, m, c, s, from, end, end, &best, &who);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		ms = ov[0];
		me = ov[1];
	}
	for (size_t k = 0; k < re->nplain; k++) {
		size_t a, b;
		part = re->plain[k];
		rc = plain_part(&re->parts[part], m, &m->memo[memo + k], s, from, end, &a, &b);
		if (rc < 0)
			return rc;
		if (rc == 1 && (a < best || (a == best && part < who))) {
			best = a;
			who = part;
			ms = a;
			me = b;
		}
	}
	if (who == SIZE_MAX)
		return PCRE2_ERROR_NOMATCH;
	if (re->nparts > 1 && re->groups) {
		rc = match(twin(re, AL_RE_START), m, s, best, end, 0);
		if (rc == PCRE2_ERROR_NOMATCH)
			rc = match(re, m, s, from, end, 0); /* never expected: the alternation decides */
		if (rc < 0)
			return rc;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		ms = ov[0];
		me = ov[1];
	}
	m->ms = ms;
	m->me = me;
	return 1;
}

/* What al_re_find and al_re_anchored share: 1 with the match in m->md,
 * 0 for none, -1 when a limit stopped this search or an earlier one. */
static int search(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, uint32_t opts)
{
	if (m->limit_hits)
		return -1;
	if (!re->src || from > end)
		return 0;
	int rc, parts = 0; /* leftmost_of_parts sets m->ms and m->me itself */
	size_t at;
	al_re_cands *c = NULL;
	if (opts)
		rc = al_lead_may_match(&m->lead, s, re->heads, re->nheads) ? match(re, m, s, from, end, opts)
									   : PCRE2_ERROR_NOMATCH;
	else if ((parts = re->nparts && m->lead.text == s && (c = cands_of(m, re)) != NULL) != 0)
		rc = leftmost_of_parts(re, m, c, s, from, end);
	else
		rc = leftmost(re, m, s, from, end, end, &at);
	if (rc == PCRE2_ERROR_NOMATCH || rc == 0)
		return 0;
	if (rc < 0)
		return gave_up(m, rc, m->tried); /* the place a head opened, not the span's start */
	if (!parts) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		m->ms = ov[0];
		m->me = ov[1];
	}
	return 1;
}

int al_re_find(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, size_t *ms, size_t *me)
{
	int rc = search(re, m, s, from, end, 0);
	if (rc == 1) {
		*ms = m->ms;
		*me = m->me;
	}
	return rc;
}

/* re compiled to match only where a search starts (and, for AL_RE_WHOLE,
 * to end where it ends): what pcre2's JIT can run, which it cannot with
 * those options given to a search. Made on first use, published like the
 * JIT code. */
static const al_re *twin(const al_re *cre, unsigned how)
{
	al_re *re = (al_re *)(uintptr_t)cre;
	_Atomic(al_re *) *slot = &re->twin[how == AL_RE_WHOLE];
	al_re *t = atomic_load_explicit(slot, memory_order_acquire), *none = NULL;
	if (t || !re->src)
		return t;
	t = al_xmalloc(sizeof *t);
	al_re_defer(t, re->src, re->flags | AL_RE_NO_HEADS | AL_RE_AT | (how == AL_RE_WHOLE ? AL_RE_END : 0));
	if (atomic_compare_exchange_strong_explicit(slot, &none, t, memory_order_acq_rel, memory_order_acquire))
		return t;
	al_re_free(t);
	free(t);
	return none;
}

int al_re_anchored(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, unsigned how, size_t *me)
{
	uint32_t opts = PCRE2_ANCHORED | (how == AL_RE_WHOLE ? PCRE2_ENDANCHORED : 0);
	const al_re *t = re->src && al_lead_may_match(&m->lead, s, re->heads, re->nheads) ? twin(re, how) : NULL;
	int rc = search(t ? t : re, m, s, from, end, t ? 0 : opts); /* a twin is anchored as compiled */
	if (rc == 1)
		*me = m->me;
	return rc;
}

int al_re_group(const al_matcher *m, unsigned g, size_t *gs, size_t *ge)
{
	if (g == 0) { /* the parts' match leaves other groups unset */
		*gs = m->ms;
		*ge = m->me;
		return 1;
	}
	if (g >= pcre2_get_ovector_count(m->md))
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	if (ov[2 * g] == PCRE2_UNSET)
		return 0;
	*gs = ov[2 * g];
	*ge = ov[2 * g + 1];
	return 1;
}

int al_re_named(const al_re *re, const al_matcher *m, const char *name, size_t *gs, size_t *ge)
{
	PCRE2_SPTR first, last;
	const pcre2_code *code = code_of(re);
	int size = code ? pcre2_substring_nametable_scan(code, (PCRE2_SPTR)name, &first, &last) : -1;
	if (size < 0)
		return 0;
	for (PCRE2_SPTR e = first; e <= last; e += size) {
		unsigned g = (unsigned)(e[0] << 8 | e[1]);
		if (al_re_group(m, g, gs, ge))
			return 1;
	}
	return 0;
}
