/* fuzz_lint.c - libFuzzer: any bytes as a letter, checked with the default
 * rules, mended (--fix) and written in every output format. */
#include "batch.h"
#include "fix.h"
#include "report.h"

#include <stdint.h>
#include <stdlib.h>

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
	al_buf fixed = { 0 };
	al_fix_apply(&L.text, &L.fs, &fixed, NULL);
	al_buf_free(&fixed);
	return 0;
}
