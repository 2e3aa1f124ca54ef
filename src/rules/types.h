/* types.h - the letter's types (ODR, late shipment, ...), detected from its words. */
#ifndef AL_TYPES_H
#define AL_TYPES_H

#include "model/concept.h"
#include "model/letter.h"
#include "rules/rules.h"

/* The types of rule set rs that letter l is of, as a mask (bit i: rs's
 * type i), from l's own words (the header's "Subject:" too); at[i] gets
 * the words that decided type i. d holds l's words for concept patterns
 * (read here when not yet); m is the thread's matcher. */
unsigned al_detect_types(const al_letter *l, const al_ruleset *rs, al_matcher *m, al_cdoc *d, al_span at[AL_MAX_TYPES]);

/* Does letter l give a plan of action: root causes or what was done, as a
 * list, a section or sentences that introduce them? */
int al_letter_has_plan(const al_letter *l, const al_ruleset *rs, al_matcher *m);

/* Does letter l hold no wording of rule r (its patterns and concepts, as
 * its kind would find them): no apology and no admission, when r is
 * apology? */
int al_letter_unowned(const al_letter *l, const al_ruleset *rs, al_matcher *m, al_cdoc *d, const al_rule *r);

#endif
