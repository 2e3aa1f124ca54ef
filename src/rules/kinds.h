/* kinds.h - the rule kinds: one C function each, in one table (kinds.c). */
#ifndef AL_KINDS_H
#define AL_KINDS_H

struct al_ctx;
struct al_rule;

typedef void (*al_check_fn)(struct al_ctx *c, const struct al_rule *r);

/* Option keys a kind may take beyond the keys every rule has. */
enum {
	AL_KEY_PATTERNS = 1u << 0,
	AL_KEY_EXCEPTIONS = 1u << 1,
	AL_KEY_ANCHOR = 1u << 2,
	AL_KEY_FORBID = 1u << 3,
	AL_KEY_ROLE = 1u << 4,
	AL_KEY_NUMBERED = 1u << 5,
	AL_KEY_MAX = 1u << 6,
	AL_KEY_MODE = 1u << 7,
	AL_KEY_CASE = 1u << 8,
	AL_KEY_FIXCHARS = 1u << 9,
	AL_KEY_ONCE = 1u << 10,
	AL_KEY_EMPTY = 1u << 11,
	AL_KEY_REPLACE = 1u << 12,
	AL_KEY_WORDS = 1u << 13,
	AL_KEY_TOTAL = 1u << 14,
	AL_KEY_CODES = 1u << 15,
	AL_KEY_CONCEPTS = 1u << 16,
	AL_KEY_SAME = 1u << 17,
	AL_KEY_WITHIN = 1u << 18
};

typedef struct al_kind {
	const char *name;
	al_check_fn check;
	unsigned allowed, required;  /* AL_KEY_* masks */
	const char *const *variants; /* variant names it reports, NULL-terminated */
	const char *summary;
	int on_blank; /* runs on a letter with no text at all */
} al_kind;

/* The check functions, each reporting rule r's findings in c's letter
 * (engine.h). Declared here, with the structures left incomplete, so that
 * the table needs neither the engine nor the files that define them:
 * checks.c, spelling.c for the word kinds, repeat.c. */
void al_check_forbid(struct al_ctx *c, const struct al_rule *r);
void al_check_require(struct al_ctx *c, const struct al_rule *r);
void al_check_count(struct al_ctx *c, const struct al_rule *r);
void al_check_first(struct al_ctx *c, const struct al_rule *r);
void al_check_list(struct al_ctx *c, const struct al_rule *r);
void al_check_metric(struct al_ctx *c, const struct al_rule *r);
void al_check_date(struct al_ctx *c, const struct al_rule *r);
void al_check_length(struct al_ctx *c, const struct al_rule *r);
void al_check_substitute(struct al_ctx *c, const struct al_rule *r);
void al_check_issues(struct al_ctx *c, const struct al_rule *r);
void al_check_encoding(struct al_ctx *c, const struct al_rule *r);
void al_check_spelling(struct al_ctx *c, const struct al_rule *r);
void al_check_shouting(struct al_ctx *c, const struct al_rule *r);
void al_check_repeat(struct al_ctx *c, const struct al_rule *r);

/* Index of the kind called name, or -1. */
int al_kind_index(const char *name);
const al_kind *al_kind_get(int index);
/* Names of all kinds, comma-separated, for error messages. */
const char *al_kind_names(void);

#endif
