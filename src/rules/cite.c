/* cite.c - a percentage a letter cites: its number and direction words. */
#include "rules/cite.h"

#include <stdio.h>
#include <stdlib.h>

int al_cite_find(const al_metrics *ms, al_matcher *m, const char *s, size_t from, size_t end, al_cite *ct)
{
	const al_re *re = &ms->percent;
	size_t a = 0, b = 0;
	*ct = (al_cite){ { 0, 0 }, { 0, 0 }, { 0, 0 }, -1 };
	if (al_re_find(re, m, s, from, end, &a, &b) != 1)
		return 0;
	ct->all = (al_span){ a, b };
	if (al_re_named(re, m, "dir", &a, &b))
		ct->dir = (al_span){ a, b };
	if (al_re_named(re, m, "after", &a, &b))
		ct->after = (al_span){ a, b };
	if (al_re_named(re, m, "num", &a, &b) && b - a < 32) {
		char num[32];
		snprintf(num, sizeof num, "%.*s", (int)(b - a), s + a);
		ct->value = strtod(num, NULL);
	}
	return 1;
}

int al_cite_direction(const al_metrics *ms, const al_metric *mt, al_matcher *m, const char *s, al_span g)
{
	size_t a, b;
	if (g.start == g.end)
		return -1;
	int low = al_re_find(&ms->low, m, s, g.start, g.end, &a, &b) == 1;
	int high = al_re_find(&ms->high, m, s, g.start, g.end, &a, &b) == 1;
	if (!low && !high)
		return -1;
	return mt->high ? high : low;
}
