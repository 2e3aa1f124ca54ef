/* config.h - .appeal-lint.json: found beside or above a letter, checked key
 * by key, merged along "extends", applied to a rule set. */
#ifndef AL_CONFIG_H
#define AL_CONFIG_H

#include "base/al.h"
#include "rules/rules.h"

#define AL_CONFIG_NAME ".appeal-lint.json"

/* A configuration's word on one rule. */
typedef struct al_rule_setting {
	char *id;
	int severity;  /* -1: unchanged; AL_SEV_NONE: off */
	char *options; /* JSON object text of rule keys, or NULL */
	char *where;   /* "file:line:col" of the setting, for errors */
} al_rule_setting;

/* A finding to leave unreported: rule, and the text it is about and/or
 * the files it is in; the reason is shown by --show-ignored. */
typedef struct al_ignore {
	char *rule, *text, *file, *reason;
	char *base; /* folder the file glob is relative to */
} al_ignore;

typedef struct al_config {
	char *path;   /* the file read first (nearest), or NULL */
	char **files; /* every file read, extends last */
	size_t nfiles;
	al_rule_setting *rules;
	size_t nrules;
	char **rules_dirs; /* resolved against their config's folder */
	size_t nrules_dirs;
	char **dictionary;
	size_t ndictionary;
	char *marketplace; /* "US", "UK", ... or NULL */
	char *spelling;	   /* "en_US", "en_GB", "any", or NULL */
	char *lang;	   /* "en", "zh-CN", or NULL: the locale decides */
	int fail_on;	   /* al_severity, -1 unset */
	int min_score;	   /* -1 unset */
	al_ignore *ignore;
	size_t nignore;
	char *docs_url;
	char *types;	   /* letter types pinned: "odr,late-shipment" */
	char *types_where; /* "file:line:col" of the "types" that set them */
} al_config;

/* The nearest .appeal-lint.json in dir or a folder above it, into out;
 * returns 1 when found. */
int al_config_find(const char *dir, char *out, size_t n);

/* Reads the configuration at path (following "extends"). Returns 0, or -1
 * with err naming the file, line, column and key. */
int al_config_load(al_config *c, const char *path, al_error *err);

/* Completes rs (holding the built-in rules) for this configuration: its
 * rule folders, then the command line's (which win), then its rule
 * settings and words. */
int al_config_apply(const al_config *c, al_ruleset *rs, const char *const *cli_dirs, size_t ncli, al_error *err);

/* The spelling asked for ("spelling", else by the marketplace): "en_US",
 * "en_GB", "any", or NULL. */
const char *al_config_spelling(const al_config *c);
/* 1 when the marketplace writes dates month first (US). */
int al_config_month_first(const al_config *c);

/* The effective configuration as JSON text (free it). */
char *al_config_to_json(const al_config *c);

void al_config_free(al_config *c);

#endif
