/* re.c - pcre2 wrapper: UTF + Unicode properties, JIT, bounded matching. */
#include "re.h"

#include "al.h"
#include "lang.h"
#include "stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A letter is a few KB: these bound a pathological pattern without
 * touching normal ones. */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u

int al_re_compile(al_re *re, const char *pattern, unsigned flags, char *msg,
		  size_t msglen, size_t *erroff)
{
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES;
	if (!(flags & AL_RE_CASE))
		opts |= PCRE2_CASELESS;
	re->heads = NULL; /* every field is set before any way out */
	re->nheads = 0;
	atomic_init(&re->jit, NULL);
	atomic_init(&re->interp_ns, 0);
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	int code;
	PCRE2_SIZE off;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &off, cc);
	pcre2_compile_context_free(cc);
	if (!re->code) {
		PCRE2_UCHAR buf[256];
		pcre2_get_error_message(code, buf, sizeof buf);
		snprintf(msg, msglen, "%s", (const char *)buf);
		*erroff = off;
		return -1;
	}
	uint32_t minlen = 0;
	pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &minlen);
	if (minlen == 0) {
		/* a finding needs at least one character to point at */
		snprintf(msg, msglen, "pattern can match an empty string");
		*erroff = 0;
		al_re_free(re);
		return -1;
	}
	size_t size = 0;
	pcre2_pattern_info(re->code, PCRE2_INFO_SIZE, &size);
	re->jit_ns = 90u * (uint64_t)size;
	re->nheads = flags & AL_RE_CASE ? 0 : al_lead_heads(pattern, &re->heads);
	return 0;
}

void al_re_free(al_re *re)
{
	pcre2_code *jit = atomic_load(&re->jit);
	if (jit != re->code) /* the code itself stands in where there is no JIT */
		pcre2_code_free(jit);
	atomic_store(&re->jit, NULL);
	pcre2_code_free(re->code);
	re->code = NULL;
	free(re->heads);
	re->heads = NULL;
	re->nheads = 0;
}

/* Makes the JIT copy of re and publishes it (the first thread to get here
 * does); where pcre2 has no JIT, the interpreted code itself is published,
 * so the pattern is not timed or tried again. Returns the code to use from
 * now on. The field changes behind the const: an al_re is never defined
 * const, and it is atomic. */
static const pcre2_code *jit_now(const al_re *cre)
{
	al_re *re = (al_re *)(uintptr_t)cre;
	pcre2_code *copy = pcre2_code_copy(re->code);
	if (copy && pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(copy);
		copy = NULL;
	}
	pcre2_code *none = NULL;
	if (!copy) {
		atomic_compare_exchange_strong(&re->jit, &none, re->code);
		return re->code;
	}
	if (!atomic_compare_exchange_strong_explicit(&re->jit, &none, copy, memory_order_release,
						     memory_order_acquire)) {
		pcre2_code_free(copy); /* another thread was first */
		return none;
	}
	return copy;
}

/* pcre2_match with the JIT code once it has been earned (see re.h). */
static int match(const al_re *cre, al_matcher *m, const char *s, size_t from, size_t end, uint32_t opts)
{
	al_re *re = (al_re *)(uintptr_t)cre;
	const pcre2_code *code = atomic_load_explicit(&re->jit, memory_order_acquire);
	if (!code && !(opts & PCRE2_ANCHORED) && end - from > AL_RE_JIT_SPAN)
		code = jit_now(re);
	if (code)
		return pcre2_match(code, (PCRE2_SPTR)s, end, from, opts, m->md, m->mc);
	uint64_t t0 = al_now_ns();
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, end, from, opts, m->md, m->mc);
	uint64_t spent = al_now_ns() - t0;
	if (atomic_fetch_add_explicit(&re->interp_ns, spent, memory_order_relaxed) + spent >= re->jit_ns)
		jit_now(re);
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

void al_matcher_text(al_matcher *m, const char *text, size_t n)
{
	al_lead_build(&m->lead, text, n);
}

void al_matcher_free(al_matcher *m)
{
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

/* What al_re_find and al_re_anchored share: 1 with the match in m->md,
 * 0 for none, -1 when a limit stopped this search or an earlier one. */
static int search(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end, uint32_t opts)
{
	if (m->limit_hits)
		return -1;
	if (!re->code || from > end || !al_lead_may_match(&m->lead, s, re->heads, re->nheads))
		return 0;
	int rc = match(re, m, s, from, end, opts);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return rc < 0 ? gave_up(m, rc, from) : 1;
}

int al_re_find(const al_re *re, al_matcher *m, const char *s, size_t from,
	       size_t end, size_t *ms, size_t *me)
{
	int rc = search(re, m, s, from, end, 0);
	if (rc == 1) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		*ms = ov[0];
		*me = ov[1];
	}
	return rc;
}

int al_re_anchored(const al_re *re, al_matcher *m, const char *s, size_t from, size_t end,
		   unsigned how, size_t *me)
{
	uint32_t opts = PCRE2_ANCHORED | (how == AL_RE_WHOLE ? PCRE2_ENDANCHORED : 0);
	int rc = search(re, m, s, from, end, opts);
	if (rc == 1)
		*me = pcre2_get_ovector_pointer(m->md)[1];
	return rc;
}

int al_re_group(const al_matcher *m, unsigned g, size_t *gs, size_t *ge)
{
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
	int size = pcre2_substring_nametable_scan(re->code, (PCRE2_SPTR)name, &first, &last);
	if (size < 0)
		return 0;
	for (PCRE2_SPTR e = first; e <= last; e += size) {
		unsigned g = (unsigned)(e[0] << 8 | e[1]);
		if (al_re_group(m, g, gs, ge))
			return 1;
	}
	return 0;
}
