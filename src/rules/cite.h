/* cite.h - a percentage a letter cites, read one way for the metric check and for letter types. */
#ifndef AL_CITE_H
#define AL_CITE_H

#include "model/re.h"
#include "rules/rules.h"

/* A cited percentage: the whole match, its direction words before
 * ("under 1%") and after ("1% or less"), and its number (-1: none). */
typedef struct al_cite {
	al_span all, dir, after;
	double value;
} al_cite;

/* The first percentage in s[from, end) (ms->percent), its groups read out
 * before another search reuses m's match data: 1, or 0 when there is none. */
int al_cite_find(const al_metrics *ms, al_matcher *m, const char *s, size_t from, size_t end, al_cite *ct);

/* Do the direction words in s[g] fit metric mt (below for a rate that must
 * stay low)? 1: they do, 0: they say the opposite, -1: none there. */
int al_cite_direction(const al_metrics *ms, const al_metric *mt, al_matcher *m, const char *s, al_span g);

#endif
