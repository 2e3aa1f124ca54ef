/* lint.h - one linter: a rule set and the reusable buffers to check letters with it. */
#ifndef AL_LINT_H
#define AL_LINT_H

#include "rules/engine.h"

/* Everything one thread needs to lint letter after letter without
 * allocating per letter: buffers grow to the largest letter and stay. */
typedef struct al_linter {
	al_ruleset rs;		 /* owned by al_linter_init; empty for a worker */
	const al_ruleset *rules; /* the rule set lint uses: &rs, or borrowed */
	al_matcher m;
	al_text text;
	al_letter letter;
	al_findings fs;
	al_findings counted; /* the findings no ignore rule drops, for the score */
	al_score_detail score;
	al_ctx ctx;
	al_dict dict;
	al_speller speller;
	al_stats *stats; /* --profile: times are added here, or NULL */
} al_linter;

/* Prepares L with the default rule pack plus the rule folders given.
 * Returns 0, or -1 with err filled (L must still be freed). */
int al_linter_init(al_linter *L, const char *const *rule_dirs, size_t ndirs, al_error *err);

/* Prepares L to lint with rule sets it borrows (al_linter_use): the buffers
 * and matcher of one thread. */
int al_linter_init_worker(al_linter *L, al_error *err);

/* Lints with rs from now on (borrowed: it must outlive its use). */
void al_linter_use(al_linter *L, const al_ruleset *rs);

/* Lints L->text (loaded with al_text_set or al_text_read): all rules, or
 * only `only`. Findings land in L->fs. */
void al_linter_run(al_linter *L, int markdown, const al_rule *only);

/* Lints a string: for examples and tests. */
void al_linter_run_string(al_linter *L, const char *s, size_t n, const al_rule *only);

void al_linter_free(al_linter *L);

#endif
