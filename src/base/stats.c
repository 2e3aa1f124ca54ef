/* stats.c - per-stage and per-rule times for --profile. */
#include "base/stats.h"

#include "base/al.h"
#include "base/lang.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t al_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void al_stats_rule(al_stats *s, const char *id, uint64_t ns, size_t findings)
{
	/* rules run in the same order letter after letter: try the next entry first */
	size_t i = s->hint < s->n && s->rules[s->hint].id == id ? s->hint : 0;
	while (i < s->n && s->rules[i].id != id && strcmp(s->rules[i].id, id) != 0)
		i++;
	if (i == s->n) {
		al_grow(&s->rules, &s->cap, s->n + 1, sizeof *s->rules);
		s->rules[s->n++] = (al_rule_cost){ id, 0, 0 };
	}
	s->rules[i].ns += ns;
	s->rules[i].findings += findings;
	s->hint = i + 1;
}

static int by_cost(const void *a, const void *b)
{
	const al_rule_cost *x = a, *y = b;
	return (x->ns < y->ns) - (x->ns > y->ns);
}

void al_stats_print(const al_stats *s, FILE *fp)
{
	static const char *const names[AL_STAGES] = { N_("load rules"), N_("read"),	 N_("parse"),
						      N_("check"),	N_("positions"), N_("render") };
	uint64_t total = 0;
	for (int i = 0; i < AL_STAGES; i++)
		total += s->stage_ns[i];
	double per = s->letters ? 1e-3 / (double)s->letters : 0; /* ns in all -> us a letter */
	fprintf(fp, _("profile: letters %zu, %.2f MB, %.1f ms in all, one thread\n"), s->letters,
		(double)s->bytes / 1e6, (double)total / 1e6);
	fprintf(fp, "%-28s %10s %6s %12s\n", _("stage"), "ms", "%", _("us/letter"));
	for (int i = 0; i < AL_STAGES; i++)
		fprintf(fp, "%-28s %10.2f %6.1f %12.1f\n", _(names[i]), (double)s->stage_ns[i] / 1e6,
			total ? 100.0 * (double)s->stage_ns[i] / (double)total : 0.0, (double)s->stage_ns[i] * per);
	al_rule_cost *sorted = al_xmalloc((s->n ? s->n : 1) * sizeof *sorted);
	memcpy(sorted, s->rules, s->n * sizeof *sorted);
	if (s->n > 1)
		qsort(sorted, s->n, sizeof *sorted, by_cost);
	uint64_t check = s->stage_ns[AL_STAGE_CHECK];
	fprintf(fp, "%-28s %10s %6s %12s %9s\n", _("rule (share of check)"), "ms", "%", _("us/letter"), _("findings"));
	for (size_t i = 0; i < s->n; i++)
		fprintf(fp, "%-28s %10.2f %6.1f %12.1f %9zu\n", sorted[i].id, (double)sorted[i].ns / 1e6,
			check ? 100.0 * (double)sorted[i].ns / (double)check : 0.0, (double)sorted[i].ns * per,
			sorted[i].findings);
	free(sorted);
}

void al_stats_free(al_stats *s)
{
	free(s->rules);
	memset(s, 0, sizeof *s);
}
