/* fuzz_diff.c - libFuzzer, differential: a letter's findings with the
 * word-heads prefilter (lead.c, the heads of re.c) on and off must be the
 * same. The prefilter only skips places where no match can start, so any
 * difference is a finding it lost or made up; the harness aborts on one
 * and the fuzzer keeps the input.
 *
 * The first byte chooses how the rest is read: its low bit Markdown or
 * plain text (as fuzz_lint), and its second bit raw bytes or "random
 * text": each byte a word the rules look for (its low 6 bits) and what
 * follows it (its high 2 bits), so most inputs are word salad the heads
 * index has something to say about. */
#include "front/batch.h"
#include "model/lead.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static al_profile prof;
static al_linter L;

/* Words the default rules' patterns open with (rules/NAME.json), and some
 * that open none, so that heads are found and missed. */
static const char *const words[64] = {
	"we",	     "your",   "you",	    "not",	   "no",	 "made",      "amazon",	   "nobody",
	"please",    "insert", "contact",   "thank",	   "compensate", "already",   "rights",	   "retract",
	"notice",    "was",    "order",	    "sorry",	   "ship",	 "cancel",    "review",	   "seller",
	"proof",     "case",   "apologise", "ensure",	   "customer",	 "will",      "asap",	   "TBD",
	"thanks",    "refund", "replaced",  "reimburse",   "returned",	 "daily",     "since",	   "now",
	"suspended", "false",  "reinstate", "immediately", "account",	 "demand",    "ODR",	   "late",
	"invoice",   "[Name]", "{date}",    "XX/XX",	   "___",	 "guarantee", "never",	   "again",
	"2024",	     "3",      "March",	    "B07XJ8C8F5",  "A-to-z",	 "Dear",      "Sincerely", "moreinformed",
};
static const char *const seps[4] = { " ", ", ", ".\n", "\n\n- " };

static void setup(void)
{
	al_cli cli = { .fail_on = -1, .min_score = -1 };
	al_error err;
	if (al_profile_init(&prof, NULL, &cli, &err) || al_linter_init_worker(&L, &err))
		abort(); /* the default rules must load */
}

/* The bytes as random text of the rules' words. */
static void salad(al_buf *b, const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		al_buf_adds(b, words[data[i] & 63]);
		al_buf_adds(b, seps[data[i] >> 6]);
	}
}

/* Did rule r give up on this letter (a search past its budget)? Its
 * findings are then dropped, and where it gives up may differ: each way
 * spends the budget at other places. */
static int gave_up(const al_findings *fs, const al_rule *r)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->list[i].rule == r && strstr(al_finding_str(fs, fs->list[i].message), " gave up at line "))
			return 1;
	return 0;
}

/* One finding as text: what a user would see of it. */
static void describe(al_buf *b, const al_findings *fs, const al_finding *f)
{
	al_buf_printf(b, "%s %d %zu-%zu %s | %s", f->rule->id, (int)f->severity, f->span.start, f->span.end,
		      al_finding_str(fs, f->message), al_finding_str(fs, f->suggestion));
	if (f->has_fix)
		al_buf_printf(b, " | fix %zu-%zu \"%s\"", f->fix.start, f->fix.end, al_finding_str(fs, f->replacement));
	al_buf_addc(b, '\n');
}

/* Every finding of L, but those of rules that gave up in either run. */
static void findings(al_buf *b, const al_findings *other)
{
	for (size_t i = 0; i < L.fs.n; i++) {
		const al_finding *f = &L.fs.list[i];
		if (!gave_up(&L.fs, f->rule) && !(other && gave_up(other, f->rule)))
			describe(b, &L.fs, f);
	}
}

/* Lints text with the prefilter on or off; the findings stay in L.fs. */
static void lint(const al_job *job, const char *text, size_t n, int prefilter)
{
	al_filereport r;
	al_lead_enable(prefilter);
	al_lint_text(&L, job, text, n, &r);
	al_lead_enable(1);
	al_report_free(&r);
}

/* A copy of L.fs (the list and its strings), to compare with the next run. */
static void keep(al_findings *copy)
{
	copy->n = 0;
	al_buf_reset(&copy->pool);
	al_buf_add(&copy->pool, L.fs.pool.data ? L.fs.pool.data : "", L.fs.pool.len);
	al_grow(&copy->list, &copy->cap, L.fs.n + 1, sizeof *copy->list);
	memcpy(copy->list, L.fs.list, L.fs.n * sizeof *copy->list);
	copy->n = L.fs.n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static al_findings on;
	if (!prof.rs.n)
		setup();
	if (size == 0)
		return 0;
	al_job job = { NULL, "fuzz.txt", &prof, data[0] & 1 };
	al_buf text = { 0 }, with = { 0 }, without = { 0 };
	if (data[0] & 2)
		salad(&text, data + 1, size - 1);
	else
		al_buf_add(&text, (const char *)data + 1, size - 1);
	lint(&job, text.data ? text.data : "", text.len, 1);
	keep(&on);
	lint(&job, text.data ? text.data : "", text.len, 0);
	findings(&without, &on);
	al_findings off = L.fs;
	L.fs = on; /* the first run's findings, described the same way */
	findings(&with, &off);
	L.fs = off;
	if (with.len != without.len || (with.len && memcmp(with.data, without.data, with.len) != 0)) {
		fprintf(stderr, "fuzz_diff: the prefilter changed the findings\n--- with it:\n%s--- without it:\n%s",
			with.data ? with.data : "", without.data ? without.data : "");
		abort();
	}
	al_buf_free(&text);
	al_buf_free(&with);
	al_buf_free(&without);
	return 0;
}
