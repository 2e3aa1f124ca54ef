/* rules.h - the rule set: rule files (JSON) loaded, validated and compiled once. */
#ifndef AL_RULES_H
#define AL_RULES_H

#include "base/al.h"
#include "model/concept.h"
#include "model/letter.h"
#include "base/lang.h"
#include "model/re.h"

/* A named alternative message of a rule ("prose", "wrong", "forbidden"). */
typedef struct al_variant {
	char *name;
	al_i18n message, suggestion;
} al_variant;

/* A character and what replaces it in a fix ("，" -> ", "). */
typedef struct al_charfix {
	char *from, *to;
} al_charfix;

typedef struct al_rule {
	char *id;
	int part;      /* 1: one of the checks of the rule before it (same id) */
	char *file;    /* where the rule was defined */
	unsigned pack; /* the folder load that brought it (al_ruleset.pack) */
	int kind;      /* index into the kind table (kinds.h) */
	al_severity severity;
	int has_weight; /* 0: its findings cost what their severity does */
	int weight;	/* else: what its first finding costs the score */
	al_scope scope;
	al_i18n summary, message, suggestion, explain;
	char **sources;
	size_t nsources;
	char **bad, **good; /* examples: each bad one fires, no good one does */
	size_t nbad, ngood;
	char **fixed;  /* examples: bad[i] after --fix, or NULL */
	size_t nfixed; /* 0, or nbad */
	al_re patterns, exceptions, anchor, forbid;
	al_variant *variants;
	size_t nvariants;
	int case_sensitive;
	int role;	     /* list: al_role */
	int numbered;	     /* list: items must be numbered */
	int max;	     /* count: matches allowed */
	int mode;	     /* date: AL_DATE_PRESENT or AL_DATE_AMBIGUOUS */
	al_charfix *charfix; /* forbid: a match made only of these characters has a fix */
	size_t ncharfix;
	int one_per_span;		     /* forbid: at most one finding per span of the scope */
	char *source;			     /* the rule's JSON as loaded (main entry), for overrides */
	char **type_names, **not_type_names; /* "types", "not_types" as written */
	size_t ntype_names, nnot_type_names;
	unsigned types, not_types;   /* the same as bits of the rule set's types */
	int with_plan;		     /* only in a letter that gives a plan (root causes or actions) */
	int skip_quotes;	     /* matches inside quoted text are not the writer's */
	int skip_empty;		     /* require: nothing to require when the scope is empty */
	char *group;		     /* "core", "structure", "type", "writing" */
	char *replace;		     /* substitute: the replacement, with $0-$9 */
	int max_words;		     /* length: words allowed per span (or in all) */
	int total;		     /* length: count the scope as a whole */
	int count_codes;	     /* length: words with digits (ASINs, dates) count too */
	al_cset concepts;	     /* sentence patterns over concepts, matched like patterns */
	al_cset unless;		     /* a concept match that shares words with one of these is none */
	al_cset forbid_concepts;     /* require: each match is a finding, as forbid */
	al_cset unowned_concepts;    /* forbid: patterns that count only in a letter that */
	char *owned_by;		     /* holds none of this rule's wordings ("apology") */
	const struct al_rule *owner; /* ... resolved */
	int owned_line, owned_col;   /* where "owned_by" stands, for errors */
	char *unowned_also;	     /* forbid: in a letter that owns nothing, that rule's */
	const struct al_rule *also;  /* ... matches are this rule's too (resolved) */
	int also_line, also_col;     /* where "unowned_also" stands, for errors */
	al_cset owned_sentence;	     /* a match in a sentence that holds one of these is */
	char **owned_unless;	     /* part of an owned cause, unless it holds a word of these concepts */
	size_t nowned_unless;
	al_cmask owned_keep;			 /* ... resolved */
	int owned_unless_line, owned_unless_col; /* where "owned_unless" stands, for errors */
	char *borrow_rule;			 /* concepts: also that rule's patterns that name ... */
	char *borrow_concept;			 /* ... this concept, narrowed to it */
	int borrow_line, borrow_col;		 /* where "borrow" stands, for errors */
	char *same_as;				 /* first: the rule whose patterns and concepts it uses */
	const struct al_rule *like;		 /* ... resolved */
	int within;				 /* first: the scope the first match must lie in (al_scope) */
} al_rule;

enum { AL_DATE_PRESENT, AL_DATE_AMBIGUOUS, AL_DATE_OLD };

/* A kind of letter (rules/types.json): the words that give it away. */
typedef struct al_type {
	char *id;
	al_i18n name;
	al_re patterns;
	int min;	  /* matches needed */
	int without_plan; /* only when the letter gives no causes and no actions */
	char *unowned;	  /* a rule whose wordings own the problem ("apology"), or NULL: */
	int owner;	  /* with no plan, a letter none of them owns is of this type
			   * (its index in rules, after al_ruleset_resolve) */
	char **beside;	  /* ... unless it is of one of these types ("verification": */
	size_t nbeside;	  /* sending documents owns nothing and disputes nothing) */
	unsigned beside_bits;
	int key_line[2], key_col[2]; /* where 'unowned' and 'unowned_unless' stand */
	al_cset concepts;	     /* sentence patterns that count as matches too */
	al_cset hints;		     /* patterns that count only as said aside: a letter of
			   * another type mentions them as causes ("the boxes
			   * arrived crushed" in a feedback letter) */
	char *file;		     /* where it was defined */
} al_type;

#define AL_MAX_TYPES 32

/* What one rule set may hold, so a rule pack from elsewhere cannot make
 * loading or matching unbounded: rules (parts count), bytes of one
 * pattern, patterns under one key. */
#define AL_MAX_RULES 20000
#define AL_MAX_PATTERN 8192
#define AL_MAX_PATTERNS 1000

/* An account-health metric and its target (rules/metrics.json). */
typedef struct al_metric {
	char *id;
	char *type;		 /* the letter type it makes (rules/types.json), or NULL: its id */
	unsigned type_bit;	 /* that type's bit once resolved, 0: no such type */
	int type_line, type_col; /* where 'type' stands, for its error */
	al_i18n name, target;	 /* target: as a letter should cite it, "under 1%" */
	int high;		 /* 1: must stay at or above; 0: must stay below */
	double values[8];	 /* target numbers a letter may cite */
	size_t nvalues;
	al_re names, components;
	al_re topics; /* words a cause or action about it uses */
	char **sources;
	size_t nsources;
} al_metric;

typedef struct al_metrics {
	al_metric *list;
	size_t n;
	char *file;			   /* where they were defined */
	al_re percent;			   /* a percentage, with groups dir, num and after */
	al_re low, high;		   /* direction words: must stay below / above */
	al_re target_before, target_after; /* words that make a number a target */
	al_re own_figure;		   /* words that make a number the seller's own */
	al_re events, negation;		   /* a component that happened / did not */
} al_metrics;

typedef struct al_ruleset {
	al_rule *rules;
	size_t n, cap;
	al_vocab vocab;
	al_metrics metrics;
	char **words; /* domain dictionary: lower case, sorted */
	size_t nwords, words_cap;
	al_type *types;
	size_t ntypes;
	al_lexicon lex;	      /* concepts (rules/concepts.json): words by meaning */
	const char **ids;     /* hash set of the rule ids, for loading in linear time */
	size_t ids_cap;	      /* a power of two, at least twice n; 0: none yet */
	unsigned pack, packs; /* the folder being loaded (0: none), and how many were */
	int loading_builtin;  /* the default rules are being loaded */
} al_ruleset;

/* One file of the default rule pack, compiled into the binary. */
typedef struct al_builtin {
	const char *name;
	const char *json;
	size_t len;
} al_builtin;

extern const al_builtin al_builtin_rules[];
extern const size_t al_builtin_nrules;

/* Loads the default rule pack. Returns 0, or -1 with err filled. */
int al_ruleset_load_builtin(al_ruleset *rs, al_error *err);
/* Loads every *.json file of dir (sorted); a rule with an existing id
 * replaces it. */
int al_ruleset_load_dir(al_ruleset *rs, const char *dir, al_error *err);
/* Loads one rule file's text; file names it in errors. */
int al_ruleset_load_json(al_ruleset *rs, const char *file, const char *json, size_t len, al_error *err);
/* The rule called id (its main entry, not one of its parts), or NULL. */
const al_rule *al_ruleset_find(const al_ruleset *rs, const char *id);
/* 1 when s[0..n) is a domain word (rules/dictionary.json), in any case. */
int al_ruleset_has_word(const al_ruleset *rs, const char *s, size_t n);
/* The named variant of a rule, or NULL. */
const al_variant *al_rule_variant(const al_rule *r, const char *name);

/* Applies a configuration's word on rule id: options (a JSON object's
 * text, or NULL) laid over the rule's own keys, then severity (-1: keep;
 * AL_SEV_NONE: remove the rule). where names the configuration in errors.
 * Returns 0, or -1 with err (an unknown id is an error). */
int al_ruleset_override(al_ruleset *rs, const char *id, int severity, const char *options, const char *where,
			al_error *err);

/* Turns the type names of every rule into bits, once all files are
 * loaded; an unknown type is an error naming the rule. */
int al_ruleset_resolve(al_ruleset *rs, al_error *err);
/* The bit of type id, or 0 when there is no such type. */
unsigned al_ruleset_type_bit(const al_ruleset *rs, const char *id);

/* Adds words to the domain dictionary (copied, lower case). */
void al_ruleset_add_words(al_ruleset *rs, char *const *words, size_t n);
void al_ruleset_free(al_ruleset *rs);

#endif
