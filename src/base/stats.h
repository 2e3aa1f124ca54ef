/* stats.h - where a run's time goes, by stage and by rule (--profile). */
#ifndef AL_STATS_H
#define AL_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { AL_STAGE_LOAD, AL_STAGE_READ, AL_STAGE_PARSE, AL_STAGE_CHECK, AL_STAGE_REPORT, AL_STAGE_RENDER, AL_STAGES };

typedef struct al_rule_cost {
	const char *id; /* borrowed from the rule set, which outlives the stats */
	uint64_t ns;
	size_t findings;
} al_rule_cost;

typedef struct al_stats {
	uint64_t stage_ns[AL_STAGES];
	size_t letters;
	uint64_t bytes;
	al_rule_cost *rules;
	size_t n, cap, hint; /* hint: where the next rule most likely is */
} al_stats;

/* A monotonic clock in nanoseconds. */
uint64_t al_now_ns(void);

/* Adds ns and findings to rule id's entry (made on first sight). */
void al_stats_rule(al_stats *s, const char *id, uint64_t ns, size_t findings);

/* The stages, then the rules from the costliest, as a table on fp. */
void al_stats_print(const al_stats *s, FILE *fp);
void al_stats_free(al_stats *s);

#endif
