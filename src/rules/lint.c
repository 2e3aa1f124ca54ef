/* lint.c - a linter: load rules once, then parse and check letter after letter. */
#include "rules/lint.h"
#include "base/lang.h"

#include <string.h>

int al_linter_init_worker(al_linter *L, al_error *err)
{
	memset(L, 0, sizeof *L);
	al_matcher_init(&L->m);
	L->rules = &L->rs;
	if (al_dict_open(&L->dict, al_dict_blob, al_dict_blob_len))
		return al_fail(err, AL_ERR_INPUT, "", 0, 0, _("the compiled-in word list is damaged"));
	return 0;
}

void al_linter_use(al_linter *L, const al_ruleset *rs)
{
	L->rules = rs;
}

int al_linter_init(al_linter *L, const char *const *rule_dirs, size_t ndirs, al_error *err)
{
	if (al_linter_init_worker(L, err))
		return -1;
	if (al_ruleset_load_builtin(&L->rs, err))
		return -1;
	for (size_t i = 0; i < ndirs; i++)
		if (al_ruleset_load_dir(&L->rs, rule_dirs[i], err))
			return -1;
	return al_ruleset_resolve(&L->rs, err);
}

void al_linter_run(al_linter *L, int markdown, const al_rule *only)
{
	L->m.limit_hits = 0;
	al_matcher_text(&L->m, L->text.data, L->text.len);
	uint64_t t0 = L->stats ? al_now_ns() : 0;
	al_letter_parse(&L->letter, &L->text, &L->rules->vocab, &L->m, markdown);
	uint64_t t1 = L->stats ? al_now_ns() : 0;
	al_findings_reset(&L->fs);
	L->ctx.letter = &L->letter;
	L->ctx.rs = L->rules;
	L->ctx.m = &L->m;
	L->ctx.out = &L->fs;
	L->ctx.dict = &L->dict;
	L->ctx.speller = &L->speller;
	L->ctx.stats = L->stats;
	al_engine_run(&L->ctx, only);
	if (L->stats) {
		L->stats->stage_ns[AL_STAGE_PARSE] += t1 - t0;
		L->stats->stage_ns[AL_STAGE_CHECK] += al_now_ns() - t1;
		L->stats->letters++;
		L->stats->bytes += L->text.len;
	}
}

void al_linter_run_string(al_linter *L, const char *s, size_t n, const al_rule *only)
{
	al_text_set(&L->text, s, n);
	al_linter_run(L, 0, only);
}

void al_linter_free(al_linter *L)
{
	al_ctx_free(&L->ctx);
	al_speller_free(&L->speller);
	al_findings_free(&L->fs);
	al_findings_free(&L->counted);
	al_score_detail_free(&L->score);
	al_letter_free(&L->letter);
	al_text_free(&L->text);
	al_matcher_free(&L->m);
	al_ruleset_free(&L->rs);
}
