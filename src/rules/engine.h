/* engine.h - run a rule set over a letter and collect findings in order. */
#ifndef AL_ENGINE_H
#define AL_ENGINE_H

#include "base/al.h"
#include "base/buf.h"
#include "model/dict.h"
#include "model/letter.h"
#include "base/memo.h"
#include "rules/rules.h"
#include "model/speller.h"
#include "base/stats.h"

typedef struct al_finding {
	const al_rule *rule;
	al_severity severity;
	al_span span;
	size_t message, suggestion; /* offsets into the findings' pool */
	int has_fix;
	al_span fix;	    /* bytes to replace ... */
	size_t replacement; /* ... with this pool string */
} al_finding;

/* The findings of one letter. Texts live in pool, reused letter after letter. */
typedef struct al_findings {
	al_finding *list;
	size_t n, cap;
	al_buf pool;
} al_findings;

/* What a kind's check function works with. */
typedef struct al_ctx {
	const al_letter *letter;
	const al_ruleset *rs;
	al_matcher *m;
	al_findings *out;
	al_span *spans; /* scratch for scopes; owned */
	size_t spans_cap;
	const al_dict *dict;	       /* the spelling word list */
	al_speller *speller;	       /* suggestions, loaded when first needed */
	unsigned spell_mask;	       /* AL_DICT_US | AL_DICT_GB: the English spelling accepts */
	int month_first;	       /* date suggestions put "June 2, 2014" first */
	unsigned pinned;	       /* types given by the user (--type, "types"), or 0 */
	unsigned types;		       /* the letter's types, detected or pinned */
	al_span type_at[AL_MAX_TYPES]; /* the words that decided each type */
	unsigned notices;	       /* AL_NOTICE_* raised during the run */
	size_t rule_found;	       /* findings of the rule running now ... */
	size_t rule_over;	       /* ... and those past the cap, not kept */
	size_t max_findings;	       /* the cap: 0 is AL_MAX_FINDINGS; --fix lifts it to mend every one */
	unsigned suggested;	       /* spelling suggestions asked for in this letter */
	al_stats *stats;	       /* --profile: each rule's time is added here, or NULL */
	al_memo *memo;		       /* spelling's verdicts on words seen (spelling.c); owned */
	al_buf scratch;		       /* for texts built while checking; owned */
	al_cdoc doc;		       /* the letter's words for concept patterns, read once; owned */
} al_ctx;

/* The letter's words, read for concept patterns on first use. */
al_cdoc *al_ctx_words(al_ctx *c);

/* Bounds on the work one letter can cause, whatever its text: a rule
 * keeps at most AL_MAX_FINDINGS findings (then one note says how many
 * more), and spelling asks hunspell (~10 ms a word) for at most
 * AL_MAX_SUGGEST words' suggestions. */
#define AL_MAX_FINDINGS 100
/* The findings a rule keeps in c's letter. */
#define AL_CTX_CAP(c) ((c)->max_findings ? (c)->max_findings : (size_t)AL_MAX_FINDINGS)
#ifndef AL_MAX_SUGGEST /* the fuzzing build asks for fewer: hunspell is slow */
#define AL_MAX_SUGGEST 20
#endif

/* Things the run could not do, for the caller to tell the user once. */
enum { AL_NOTICE_NO_DICTIONARY = 1u };

/* Runs every rule of c->rs (or only the rule `only` and its parts) over c->letter,
 * appending to c->out, then orders the findings by position and rule id. */
void al_engine_run(al_ctx *c, const al_rule *only);
void al_ctx_free(al_ctx *c);

/* Reports a finding of rule r at sp, with the texts of the named variant
 * (NULL: the rule's own). vars holds name/value pairs ending in NULL that
 * fill {name} in the texts. Returns the finding (valid until the next
 * report), or NULL when the rule does not look inside quotations and sp is
 * quoted. */
al_finding *al_report(al_ctx *c, const al_rule *r, al_span sp, const char *variant, const char *const *vars);

/* 1 when rule reports are no longer kept for the running rule (the work
 * behind another finding can be skipped). */
int al_rule_full(const al_ctx *c);

/* al_report, with a fix: replace the bytes of fix with replacement. */
void al_report_fix(al_ctx *c, const al_rule *r, al_span sp, const char *variant, const char *const *vars, al_span fix,
		   const char *replacement);

/* The scope's spans, in c's scratch array (valid until the next call);
 * returns how many. */
size_t al_scope_spans(al_ctx *c, al_scope s);

const char *al_finding_str(const al_findings *fs, size_t off);
void al_findings_reset(al_findings *fs);
void al_findings_free(al_findings *fs);

/* What one rule cost a letter's score: its findings, each costing half
 * the one before, starting from the rule's weight. */
typedef struct al_score_item {
	const al_rule *rule; /* the first of its findings' rules (a part shares the id) */
	int count;	     /* its findings */
	int weight;	     /* what the first cost */
	int cost;	     /* what they cost together */
} al_score_item;

typedef struct al_score_detail {
	al_score_item *items; /* costliest first, then by rule id */
	size_t n, cap;
	int score;
	const al_finding **order; /* scratch: the findings grouped by rule */
	size_t order_cap;
} al_score_detail;

/* 0-100: see README "Score". */
int al_score(const al_findings *fs);
/* The score with what each rule cost, in d (reused letter after letter:
 * emptied first, its buffers kept). */
int al_score_explain(const al_findings *fs, al_score_detail *d);
void al_score_detail_free(al_score_detail *d);
/* What the n-th finding (from 0) of a rule of this weight costs. */
int al_score_cost(int weight, int n);
/* The weight of rule r's findings at severity sev. */
int al_score_weight(const al_rule *r, al_severity sev);

#endif
