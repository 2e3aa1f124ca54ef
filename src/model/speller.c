/* speller.c - hunspell behind a lazy handle and a per-run cache: loading the
 * dictionary costs ~15 ms and one suggestion ~20 ms, so neither is paid
 * unless a misspelling has no word one edit away (suggest.c), and no word
 * is asked for twice. */
#include "model/speller.h"
#include "base/lang.h"

#include "base/al.h"
#include "base/buf.h"

#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const dict_dirs[] = { "/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell",
					 "/usr/local/share/hunspell", NULL };

void al_speller_set_lang(al_speller *sp, const char *lang)
{
	al_speller_free(sp);
	snprintf(sp->lang, sizeof sp->lang, "%s", lang);
}

static int find_in(al_speller *sp, const char *dir)
{
	snprintf(sp->aff, sizeof sp->aff, "%s/%s.aff", dir, sp->lang);
	snprintf(sp->dic, sizeof sp->dic, "%s/%s.dic", dir, sp->lang);
	return access(sp->aff, R_OK) == 0 && access(sp->dic, R_OK) == 0;
}

int al_speller_available(al_speller *sp)
{
	if (sp->state)
		return sp->state > 0;
	if (!sp->lang[0])
		snprintf(sp->lang, sizeof sp->lang, "en_US");
	const char *env = getenv("APPEAL_LINT_DICT_DIR");
	sp->state = -1;
	if (env && *env) {
		sp->state = find_in(sp, env) ? 1 : -1;
	} else {
		for (int i = 0; dict_dirs[i] && sp->state < 0; i++)
			sp->state = find_in(sp, dict_dirs[i]) ? 1 : -1;
		if (sp->state < 0)
			find_in(sp, dict_dirs[0]);
	}
	return sp->state > 0;
}

const char *al_speller_where(const al_speller *sp)
{
	return sp->dic;
}

/* Words remembered at most; then the cache starts again, so a long batch
 * of letters neither grows memory nor slows the lookups. */
#define MAX_CACHE 512

static void forget(al_speller *sp)
{
	for (size_t i = 0; i < sp->n; i++) {
		free(sp->cache[i].word);
		free(sp->cache[i].suggestions);
	}
	sp->n = 0;
}

static const char *remember(al_speller *sp, const char *word, const char *sugg)
{
	if (sp->n == MAX_CACHE)
		forget(sp);
	al_grow(&sp->cache, &sp->cap, sp->n + 1, sizeof *sp->cache);
	sp->cache[sp->n].word = al_xstrdup(word);
	sp->cache[sp->n].suggestions = al_xstrdup(sugg);
	return sp->cache[sp->n++].suggestions;
}

const char *al_speller_suggest(al_speller *sp, const char *word, int max)
{
	for (size_t i = 0; i < sp->n; i++)
		if (strcmp(sp->cache[i].word, word) == 0)
			return sp->cache[i].suggestions;
	if (!al_speller_available(sp))
		return "";
	if (!sp->handle)
		sp->handle = Hunspell_create(sp->aff, sp->dic);
	if (!sp->handle)
		return remember(sp, word, "");
	char **list = NULL;
	int n = Hunspell_suggest(sp->handle, &list, word);
	al_buf b = { 0 };
	al_buf_adds(&b, "");
	al_speller_quote(&b, list, n < max ? n : max);
	if (n > 0)
		Hunspell_free_list(sp->handle, &list, n);
	const char *r = remember(sp, word, b.data);
	al_buf_free(&b);
	return r;
}

void al_speller_quote(al_buf *b, char *const *words, int n)
{
	for (int i = 0; i < n; i++)
		al_buf_printf(b, i == 0 ? _("\"%s\"") : i == n - 1 ? _(" or \"%s\"") : _(", \"%s\""), words[i]);
}

void al_speller_free(al_speller *sp)
{
	if (sp->handle)
		Hunspell_destroy(sp->handle);
	forget(sp);
	free(sp->cache);
	free(sp->names);
	char lang[16];
	memcpy(lang, sp->lang, sizeof lang);
	memset(sp, 0, sizeof *sp);
	memcpy(sp->lang, lang, sizeof lang);
}
