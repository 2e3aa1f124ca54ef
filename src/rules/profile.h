/* profile.h - what each configuration file makes of the rules (a profile),
 * built once a configuration and shared by every letter it applies to. */
#ifndef AL_PROFILE_H
#define AL_PROFILE_H

#include "rules/config.h"

/* What one configuration makes of the rules: built once, shared read-only
 * by every thread. */
typedef struct al_profile {
	al_config cfg; /* empty when no configuration file applies */
	al_ruleset rs;
	unsigned spell_mask;	/* AL_DICT_*; 0: both Englishes */
	const char *spell_lang; /* hunspell dictionary for suggestions */
	int month_first;	/* dates: suggest "June 2, 2014" first */
	int fail_on, min_score;
	unsigned pinned; /* types given by --type or "types", or 0 */
} al_profile;

/* Command-line settings that win over any configuration (-1: not given). */
typedef struct al_cli {
	const char *const *rule_dirs;
	size_t nrule_dirs;
	unsigned spell_mask;
	const char *spell_lang; /* NULL: not given */
	int fail_on, min_score;
	const char *types; /* --type: "odr,late-shipment", or NULL */
} al_cli;

/* Builds a profile from the configuration at config_path (NULL: none).
 * Returns 0, or -1 with err; the profile must be freed either way. */
int al_profile_init(al_profile *p, const char *config_path, const al_cli *cli, al_error *err);
void al_profile_free(al_profile *p);

/* Profiles by configuration file, and each folder's nearest configuration,
 * remembered for the run. */
typedef struct al_profiles {
	const al_cli *cli;
	const char *config; /* --config: used everywhere, or NULL */
	int no_config;	    /* --no-config */
	struct al_profile_entry {
		char *config; /* path, or NULL for none */
		al_profile *p;
	} * list;
	size_t n, cap;
	struct al_dir_entry {
		char *dir, *config;
	} * dirs;
	size_t ndirs, dirs_cap;
} al_profiles;

void al_profiles_init(al_profiles *ps, const al_cli *cli, const char *config, int no_config);
/* The configuration file that applies to letters in dir, or NULL. */
const char *al_profiles_config(al_profiles *ps, const char *dir);
/* The profile of a configuration file (NULL: none), built when first asked
 * for; NULL with err when it cannot be. */
al_profile *al_profiles_get(al_profiles *ps, const char *config, al_error *err);
/* Forgets every profile and folder answer: configuration files changed. */
void al_profiles_forget(al_profiles *ps);
void al_profiles_free(al_profiles *ps);

#endif
