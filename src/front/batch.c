/* batch.c - the lint of one job into a report (read, .docx unpacked,
 * fixes written, the report resolved) and the thread pool that runs jobs. */
#include "front/batch.h"
#include "input/docx.h"
#include "output/fix.h"
#include "base/lang.h"
#include "output/resolve.h"
#include "output/structure.h"
#include "input/text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WINDOW 64 /* reports ahead of the one being written, per thread */

/* Did a rule keep as many findings as the cap allows (so it may have
 * found more than it kept)? */
static int capped(const al_linter *L)
{
	size_t nrules = L->ctx.rs->n, *kept = al_xmalloc((nrules ? nrules : 1) * sizeof *kept), at;
	int full = 0;
	memset(kept, 0, (nrules ? nrules : 1) * sizeof *kept);
	for (size_t i = 0; i < L->fs.n && !full; i++)
		if ((at = (size_t)(L->fs.list[i].rule - L->ctx.rs->rules)) < nrules)
			full = ++kept[at] >= AL_MAX_FINDINGS;
	free(kept);
	return full;
}

/* Pass pass (from 1) of --fix over the text as last linted: the fixes
 * applied into out, each logged (for a file) at its place in that text,
 * with the pass named from the second on. Returns how many were applied. */
static size_t fix_pass(al_linter *L, const al_job *job, int pass, al_buf *out, al_filereport *r)
{
	size_t n = L->fs.n;
	unsigned char *applied = al_xmalloc(n ? n : 1);
	size_t count = al_fix_apply(&L->text, &L->fs, out, applied);
	for (size_t i = 0; job->path && i < n; i++) {
		const al_finding *f = &L->fs.list[i];
		if (!applied[i])
			continue;
		al_pos p = al_text_pos(&L->text, f->fix.start);
		const char *rep = al_finding_str(&L->fs, f->replacement);
		al_buf_printf(&r->log, "%s:%zu:%zu: ", job->name, p.line, p.col);
		if (pass > 1)
			al_buf_printf(&r->log, "fixed (pass %d): \"", pass);
		else
			al_buf_adds(&r->log, "fixed: \"");
		al_buf_add_shown(&r->log, L->text.data + f->fix.start, f->fix.end - f->fix.start);
		al_buf_adds(&r->log, "\" -> \"");
		al_buf_add_shown(&r->log, rep, strlen(rep));
		al_buf_printf(&r->log, "\" [%s]\n", f->rule->id);
	}
	free(applied);
	return count;
}

/* --fix: mends the letter, writes it (or, for standard input, hands it
 * over for standard output), then lints the mended text again. One fix can
 * uncover another (a space put into "theamazon" shows "amazon" to the
 * capitalisation rule), so the letter is mended pass after pass until no
 * fix is left, at most AL_FIX_PASSES times. A report keeps
 * AL_MAX_FINDINGS findings a rule, but the fix must mend every one: the
 * passes lint without that cap (still linear: a finding is a place in the
 * letter), and the report comes from a capped lint. */
static void fix(al_linter *L, const al_job *job, al_filereport *r)
{
	int lifted = capped(L), relint = lifted;
	size_t total = 0, count = 1;
	al_buf out = { 0 };
	L->ctx.max_findings = SIZE_MAX;
	for (int pass = 1; pass <= AL_FIX_PASSES && count; pass++, relint = 1) {
		if (relint)
			al_linter_run(L, job->markdown, NULL);
		if ((count = fix_pass(L, job, pass, &out, r)) != 0)
			al_text_set(&L->text, out.data, out.len);
		total += count;
	}
	L->ctx.max_findings = 0;
	al_error err;
	if (!job->path)
		al_buf_add(&r->out, out.data, out.len);
	else if (total && al_fix_write(job->path, L->text.raw, L->text.raw_len, out.data, out.len, &err))
		r->error = al_xstrdup(err.msg);
	if (r->error) { /* the file is as it was: so is the report */
		al_buf_reset(&r->log);
		al_text_set(&L->text, L->text.raw, L->text.raw_len);
	}
	if (total || lifted)
		al_linter_run(L, job->markdown, NULL);
	al_buf_free(&out);
}

static void lint_loaded(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r, const al_docx *dx);

/* Is the input a Word .docx: named so, or its bytes a ZIP archive? */
static int is_docx(const char *name, const al_text *t)
{
	size_t n = strlen(name);
	return (n > 5 && strcasecmp(name + n - 5, ".docx") == 0) || al_docx_is_zip(t->raw, t->raw_len);
}

/* Reads the .docx in L->text.raw into dx and loads its text as the letter.
 * --fix is refused: it would have to write the text back as a .docx. */
static int load_docx(al_linter *L, al_docx *dx, const al_job *job, const al_batch_opts *o, al_error *err)
{
	if (o->fix)
		return al_fail(err, AL_ERR_INPUT, job->name, 0, 0,
			       _("cannot fix %s: it is a Word document, and --fix changes only plain-text letters "
				 "(nothing was written)"),
			       job->name);
	if (al_docx_read(dx, L->text.raw, L->text.raw_len, job->name, o->max_size, err))
		return -1;
	al_text_set(&L->text, dx->text.data, dx->text.len);
	return 0;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && strcasecmp(s + n - k, suf) == 0;
}

int al_markdown_name(const char *name)
{
	return has_suffix(name, ".md") || has_suffix(name, ".markdown");
}

/* Lints the bytes in L->text.raw (read already, or refused with *err
 * when bad) as the letter of job, as a .docx when it is one. */
static void lint_raw(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r, int bad, al_error *err,
		     uint64_t t0)
{
	al_docx dx = { 0 };
	int docx = !bad && is_docx(job->name, &L->text);
	if (!bad)
		bad = docx ? load_docx(L, &dx, job, o, err) : al_text_load_raw(&L->text, job->name, err);
	if (o->stats)
		o->stats->stage_ns[AL_STAGE_READ] += al_now_ns() - t0;
	r->docx = docx;
	if (bad)
		r->error = al_xstrdup(err->msg);
	else
		lint_loaded(L, job, o, r, docx ? &dx : NULL);
	al_docx_free(&dx);
}

static void report_start(const al_job *job, al_filereport *r)
{
	memset(r, 0, sizeof *r);
	r->path = al_xstrdup(job->name);
	r->fail_on = job->profile->fail_on;
	r->rules = &job->profile->rs;
}

void al_lint_job(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r)
{
	report_start(job, r);
	al_error err;
	uint64_t t0 = o->stats ? al_now_ns() : 0;
	int bad = al_text_read_raw(&L->text, job->path, job->name, o->max_size, &err);
	lint_raw(L, job, o, r, bad, &err, t0);
}

void al_lint_bytes(al_linter *L, const al_job *job, const al_batch_opts *o, const char *bytes, size_t n,
		   al_filereport *r)
{
	report_start(job, r);
	al_error err;
	uint64_t t0 = o->stats ? al_now_ns() : 0;
	int bad = al_text_set_raw(&L->text, bytes, n, job->name, o->max_size, &err);
	lint_raw(L, job, o, r, bad, &err, t0);
}

void al_lint_text(al_linter *L, const al_job *job, const char *text, size_t n, al_filereport *r)
{
	al_batch_opts o = { 0, 0, 0, 0, NULL };
	memset(r, 0, sizeof *r);
	r->path = al_xstrdup(job->name);
	r->fail_on = job->profile->fail_on;
	r->rules = &job->profile->rs;
	al_text_set(&L->text, text, n);
	lint_loaded(L, job, &o, r, NULL);
}

static void lint_loaded(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r, const al_docx *dx)
{
	al_linter_use(L, &job->profile->rs);
	L->ctx.spell_mask = job->profile->spell_mask;
	L->ctx.month_first = job->profile->month_first;
	L->ctx.pinned = job->profile->pinned;
	if (strcmp(L->speller.lang, job->profile->spell_lang) != 0)
		al_speller_set_lang(&L->speller, job->profile->spell_lang);
	L->ctx.notices = 0;
	L->stats = o->stats;
	al_linter_run(L, job->markdown, NULL);
	if (o->structure) {
		al_structure_write(&r->out, job->name, &L->letter);
		r->notices = L->ctx.notices;
		return;
	}
	if (o->fix)
		fix(L, job, r);
	r->notices = L->ctx.notices;
	uint64_t t0 = o->stats ? al_now_ns() : 0;
	if (!r->error)
		al_report_resolve(r, L, &job->profile->cfg, job->profile->min_score, o->width, dx);
	if (o->stats)
		o->stats->stage_ns[AL_STAGE_REPORT] += al_now_ns() - t0;
}

/* ---- the pool ---- */

typedef struct pool {
	const al_job *jobs;
	size_t n;
	const al_batch_opts *o;
	al_filereport *reports;
	unsigned char *done;
	size_t next, emitted, window;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int failed;
} pool;

static void *worker(void *arg)
{
	pool *P = arg;
	al_linter L;
	al_error err;
	int ok = al_linter_init_worker(&L, &err) == 0;
	for (;;) {
		pthread_mutex_lock(&P->mu);
		while (P->next < P->n && P->next >= P->emitted + P->window)
			pthread_cond_wait(&P->cv, &P->mu);
		size_t i = P->next < P->n ? P->next++ : P->n;
		pthread_mutex_unlock(&P->mu);
		if (i == P->n)
			break;
		if (ok) {
			al_lint_job(&L, &P->jobs[i], P->o, &P->reports[i]);
		} else {
			memset(&P->reports[i], 0, sizeof P->reports[i]);
			P->reports[i].path = al_xstrdup(P->jobs[i].name);
			P->reports[i].error = al_xstrdup(err.msg);
		}
		pthread_mutex_lock(&P->mu);
		P->done[i] = 1;
		pthread_cond_broadcast(&P->cv);
		pthread_mutex_unlock(&P->mu);
	}
	al_linter_free(&L);
	return NULL;
}

int al_batch_run(const al_job *jobs, size_t n, const al_batch_opts *o, int nthreads,
		 int (*emit)(al_filereport *r, void *arg), void *arg, al_error *err)
{
	if (nthreads <= 1 || n <= 1) {
		al_linter L;
		if (al_linter_init_worker(&L, err)) {
			al_linter_free(&L);
			return -1;
		}
		int stop = 0;
		for (size_t i = 0; i < n && !stop; i++) {
			al_filereport r;
			al_lint_job(&L, &jobs[i], o, &r);
			stop = emit(&r, arg);
			al_report_free(&r);
		}
		al_linter_free(&L);
		return 0;
	}
	pool P = { jobs,
		   n,
		   o,
		   al_xmalloc(n * sizeof *P.reports),
		   al_xmalloc(n),
		   0,
		   0,
		   (size_t)nthreads * WINDOW,
		   PTHREAD_MUTEX_INITIALIZER,
		   PTHREAD_COND_INITIALIZER,
		   0 };
	memset(P.done, 0, n);
	pthread_t *th = al_xmalloc((size_t)nthreads * sizeof *th);
	int started = 0;
	for (int t = 0; t < nthreads; t++)
		if (pthread_create(&th[started], NULL, worker, &P) == 0)
			started++;
	if (!started) {
		free(th);
		free(P.reports);
		free(P.done);
		return al_fail(err, AL_ERR_IO, "", 0, 0, _("cannot start threads"));
	}
	size_t i = 0;
	for (int stop = 0; i < n && !stop; i++) {
		pthread_mutex_lock(&P.mu);
		while (!P.done[i])
			pthread_cond_wait(&P.cv, &P.mu);
		pthread_mutex_unlock(&P.mu);
		stop = emit(&P.reports[i], arg);
		al_report_free(&P.reports[i]);
		pthread_mutex_lock(&P.mu);
		P.emitted = i + 1;
		if (stop)
			P.next = n; /* start no more letters */
		pthread_cond_broadcast(&P.cv);
		pthread_mutex_unlock(&P.mu);
	}
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	for (; i < n; i++) /* linted before the stop, never emitted */
		if (P.done[i])
			al_report_free(&P.reports[i]);
	free(th);
	free(P.reports);
	free(P.done);
	return 0;
}
