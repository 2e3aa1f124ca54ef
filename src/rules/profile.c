/* profile.c - profiles: a configuration loaded and applied to the rules,
 * with the command line's settings on top; one per configuration file, and
 * each folder's nearest configuration remembered. */
#include "rules/profile.h"

#include "model/dict.h"
#include "base/lang.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int al_profile_init(al_profile *p, const char *config_path, const al_cli *cli, al_error *err)
{
	memset(p, 0, sizeof *p);
	p->cfg.fail_on = p->cfg.min_score = -1;
	if (config_path && al_config_load(&p->cfg, config_path, err))
		return -1;
	if (al_ruleset_load_builtin(&p->rs, err) ||
	    al_config_apply(&p->cfg, &p->rs, cli->rule_dirs, cli->nrule_dirs, err) || al_ruleset_resolve(&p->rs, err))
		return -1;
	const char *lang = al_config_spelling(&p->cfg);
	if (cli->spell_lang) {
		p->spell_lang = cli->spell_lang;
		p->spell_mask = cli->spell_mask;
	} else {
		p->spell_lang = lang && strcmp(lang, "en_GB") == 0 ? "en_GB" : "en_US";
		p->spell_mask = !lang || strcmp(lang, "any") == 0 ? 0
				: strcmp(lang, "en_GB") == 0	  ? AL_DICT_GB
								  : AL_DICT_US;
	}
	p->month_first = al_config_month_first(&p->cfg);
	const char *types = cli->types ? cli->types : p->cfg.types;
	if (types) {
		char *copy = al_xstrdup(types);
		for (char *save = NULL, *id = strtok_r(copy, ", ", &save); id; id = strtok_r(NULL, ", ", &save)) {
			unsigned bit = al_ruleset_type_bit(&p->rs, id);
			if (!bit) {
				al_fail(err, AL_ERR_RULE, "", 0, 0,
					_("%s: unknown letter type '%s' (known: see rules/types.json or --list-types)"),
					cli->types ? "--type" : p->cfg.types_where, id);
				free(copy);
				return -1;
			}
			p->pinned |= bit;
		}
		free(copy);
	}
	p->fail_on = cli->fail_on >= 0 ? cli->fail_on : p->cfg.fail_on >= 0 ? p->cfg.fail_on : AL_SEV_ERROR;
	p->min_score = cli->min_score >= 0 ? cli->min_score : p->cfg.min_score;
	return 0;
}

void al_profile_free(al_profile *p)
{
	al_config_free(&p->cfg);
	al_ruleset_free(&p->rs);
}

void al_profiles_init(al_profiles *ps, const al_cli *cli, const char *config, int no_config)
{
	memset(ps, 0, sizeof *ps);
	ps->cli = cli;
	ps->config = config;
	ps->no_config = no_config;
}

al_profile *al_profiles_get(al_profiles *ps, const char *config, al_error *err)
{
	for (size_t i = 0; i < ps->n; i++)
		if ((!config && !ps->list[i].config) ||
		    (config && ps->list[i].config && strcmp(config, ps->list[i].config) == 0))
			return ps->list[i].p;
	al_profile *p = al_xmalloc(sizeof *p);
	if (al_profile_init(p, config, ps->cli, err)) {
		al_profile_free(p);
		free(p);
		return NULL;
	}
	al_grow(&ps->list, &ps->cap, ps->n + 1, sizeof *ps->list);
	ps->list[ps->n].config = config ? al_xstrdup(config) : NULL;
	ps->list[ps->n++].p = p;
	return p;
}

const char *al_profiles_config(al_profiles *ps, const char *dir)
{
	if (ps->no_config)
		return NULL;
	if (ps->config)
		return ps->config;
	for (size_t i = 0; i < ps->ndirs; i++)
		if (strcmp(ps->dirs[i].dir, dir) == 0)
			return ps->dirs[i].config;
	char found[PATH_MAX];
	al_grow(&ps->dirs, &ps->dirs_cap, ps->ndirs + 1, sizeof *ps->dirs);
	ps->dirs[ps->ndirs].dir = al_xstrdup(dir);
	ps->dirs[ps->ndirs].config = al_config_find(dir, found, sizeof found) ? al_xstrdup(found) : NULL;
	return ps->dirs[ps->ndirs++].config;
}

void al_profiles_forget(al_profiles *ps)
{
	al_profiles keep = *ps;
	al_profiles_free(ps);
	al_profiles_init(ps, keep.cli, keep.config, keep.no_config);
}

void al_profiles_free(al_profiles *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		al_profile_free(ps->list[i].p);
		free(ps->list[i].p);
		free(ps->list[i].config);
	}
	free(ps->list);
	for (size_t i = 0; i < ps->ndirs; i++) {
		free(ps->dirs[i].dir);
		free(ps->dirs[i].config);
	}
	free(ps->dirs);
	memset(ps, 0, sizeof *ps);
}
