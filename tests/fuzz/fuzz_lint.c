/* fuzz_lint.c - libFuzzer: any bytes as a letter, checked with the default
 * rules, written in every output format and mended (--fix); the mending
 * must have the properties tests/fixprops.py checks (fix_props), and any
 * that fails aborts, so the fuzzer keeps the input. */
#include "front/batch.h"
#include "output/fix.h"
#include "output/report.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static al_profile prof;
static al_linter L;
static FILE *sink;

static void setup(void)
{
	al_cli cli = { .fail_on = -1, .min_score = -1 };
	al_error err;
	if (al_profile_init(&prof, NULL, &cli, &err) || al_linter_init_worker(&L, &err))
		abort(); /* the default rules must load */
	sink = fopen("/dev/null", "w");
}

static void render(const al_filereport *r)
{
	const al_emitter *e;
	for (size_t i = 0; (e = al_emitter_at(i)) != NULL; i++) {
		al_out o = { .fp = sink, .rules = &prof.rs, .docs_url = "file:///rules.md", .verbose = 1 };
		if (e->begin)
			e->begin(&o);
		al_out_file(&o, e, r);
		if (e->end)
			e->end(&o);
		al_out_summary(&o, sink);
		al_out_free(&o);
	}
}

/* Is at between characters (a fix never splits one)? It is unless a
 * valid UTF-8 sequence starts before it and runs past it: a stray
 * continuation byte in a damaged letter is no character's part. */
static int boundary(const al_text *t, size_t at)
{
	const unsigned char *u = (const unsigned char *)t->data;
	for (size_t k = 1; k <= 3 && k <= at && at < t->len; k++)
		if (al_utf8_valid_len(u, t->len, at - k) > k)
			return 0;
	return 1;
}

/* a and b equal once their whitespace is dropped */
static int same_but_space(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, k = 0;
	for (;;) {
		while (i < an && isspace((unsigned char)a[i]))
			i++;
		while (k < bn && isspace((unsigned char)b[k]))
			k++;
		if (i == an || k == bn)
			return i == an && k == bn;
		if (a[i++] != b[k++])
			return 0;
	}
}

/* Property 1 and 2 of each applied fix, and the spliced text (want), which
 * al_fix_apply's own output must equal for a UTF-8 letter. */
static void check_applied(const al_text *t, const al_findings *fs, const unsigned char *applied, al_buf *want)
{
	size_t at = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const al_finding *f = &fs->list[i];
		if (!applied[i])
			continue;
		const char *rep = al_finding_str(fs, f->replacement);
		if (f->fix.start < at || f->fix.end > t->len || f->fix.start > f->fix.end ||
		    !boundary(t, f->fix.start) || !boundary(t, f->fix.end))
			abort(); /* a fix outside the text, overlapping or splitting a character */
		if (strcmp(f->rule->id, "missing-space") == 0 &&
		    !same_but_space(t->data + f->fix.start, f->fix.end - f->fix.start, rep, strlen(rep)))
			abort(); /* a spacing fix that changes more than whitespace */
		al_buf_add(want, t->data + at, f->fix.start - at);
		al_buf_adds(want, rep);
		at = f->fix.end;
	}
	al_buf_add(want, t->data + at, t->len - at);
}

/* Where each applied fix's replacement stands in the mended text (in
 * out, one span per finding; an unapplied one gets an empty span). */
static void mended_spans(const al_findings *fs, const unsigned char *applied, al_span *out)
{
	long delta = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const al_finding *f = &fs->list[i];
		out[i] = (al_span){ 0, 0 };
		if (!applied[i])
			continue;
		size_t len = strlen(al_finding_str(fs, f->replacement));
		size_t at = (size_t)((long)f->fix.start + delta);
		out[i] = (al_span){ at, at + len };
		delta += (long)len - (long)(f->fix.end - f->fix.start);
	}
}

/* The properties of tests/fixprops.py on the letter just linted: each fix
 * changes its own span only, a spacing fix only whitespace, no rule finds
 * a fix again in what its own fix wrote, and mending pass after pass, as
 * --fix does, settles within AL_FIX_PASSES (a fix that one rule's change
 * uncovers for another, "1、" made "1, " for the list marker, is the next
 * pass's work). */
static void fix_props(const al_job *job)
{
	size_t n = L.fs.n;
	unsigned char *applied = malloc(n ? n : 1);
	const al_rule **rules = malloc((n ? n : 1) * sizeof *rules);
	al_span *wrote = malloc((n ? n : 1) * sizeof *wrote);
	al_buf fixed = { 0 }, want = { 0 }, again = { 0 };
	if (!applied || !rules || !wrote)
		abort();
	size_t count = al_fix_apply(&L.text, &L.fs, &fixed, applied);
	check_applied(&L.text, &L.fs, applied, &want);
	if ((L.text.enc == AL_ENC_UTF8 || L.text.enc == AL_ENC_UTF8_BOM) &&
	    (want.len != fixed.len || memcmp(want.data, fixed.data, want.len) != 0))
		abort(); /* --fix wrote something other than the reported fixes */
	for (size_t i = 0; i < n; i++)
		rules[i] = L.fs.list[i].rule;
	mended_spans(&L.fs, applied, wrote);
	if (count) {
		al_filereport r;
		al_lint_text(&L, job, fixed.data, fixed.len, &r);
		al_report_free(&r);
		for (size_t i = 0; i < L.fs.n; i++) {
			const al_finding *f = &L.fs.list[i];
			for (size_t k = 0; f->has_fix && k < n; k++)
				if (applied[k] && rules[k] == f->rule && f->fix.start < wrote[k].end &&
				    wrote[k].start < f->fix.end)
					abort(); /* a rule fixes again what its own fix wrote */
		}
		/* one fix may uncover another: --fix goes on, pass after pass */
		size_t pass = 1;
		while (al_fix_apply(&L.text, &L.fs, &again, NULL) != 0) {
			if (++pass == AL_FIX_PASSES)
				abort(); /* fixes that never settle */
			al_lint_text(&L, job, again.data, again.len, &r);
			al_report_free(&r);
		}
	}
	al_buf_free(&fixed);
	al_buf_free(&want);
	al_buf_free(&again);
	free(rules);
	free(wrote);
	free(applied);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink)
		setup();
	/* the first byte's low bit picks plain text or Markdown */
	al_job job = { NULL, "fuzz.txt", &prof, size > 0 && (data[0] & 1) };
	al_filereport r;
	al_lint_text(&L, &job, (const char *)data, size, &r);
	render(&r);
	al_report_free(&r);
	/* --fix mends past the 100 findings a rule reports: it lints without
	 * that cap for the fixes (batch.c), and so does this */
	L.ctx.max_findings = SIZE_MAX;
	al_lint_text(&L, &job, (const char *)data, size, &r);
	al_report_free(&r);
	L.ctx.max_findings = 0;
	fix_props(&job);
	return 0;
}
