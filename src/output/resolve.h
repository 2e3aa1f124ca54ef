/* resolve.h - a linted letter's findings made into its report. */
#ifndef AL_RESOLVE_H
#define AL_RESOLVE_H

#include "rules/config.h"
#include "input/docx.h"
#include "rules/lint.h"
#include "output/report.h"

/* Fills r (its path, fail_on and rules already set) from the findings of
 * L's last run: each with its positions, texts and an excerpt of its line
 * cut to cells columns (0: 100; AL_NO_EXCERPT: none, where nothing shows
 * one: JSON, SARIF, --quiet). Findings cfg's ignore list names are
 * marked and left out of the counts and the score; r->failing is set by
 * r->fail_on and min_score (-1: none). dx is the Word document the text
 * was read from, or NULL. */
#define AL_NO_EXCERPT ((size_t)-1)

void al_report_resolve(al_filereport *r, al_linter *L, const al_config *cfg, int min_score, size_t cells,
		       const al_docx *dx);

#endif
