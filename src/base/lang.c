/* lang.c - choosing the message language, and looking texts up in it. */
#include "base/lang.h"

#include <stdlib.h>
#include <string.h>

static al_lang process_lang = AL_LANG_EN;
/* The server answers each request in the language it asks for, on
 * whichever thread runs it: a thread's own choice wins over the process's. */
static _Thread_local int thread_lang = -1;

void al_lang_set(al_lang lang)
{
	process_lang = lang < AL_NLANG ? lang : AL_LANG_EN;
}

void al_lang_set_thread(int lang)
{
	thread_lang = lang >= 0 && lang < AL_NLANG ? lang : -1;
}

al_lang al_lang_get(void)
{
	return thread_lang >= 0 ? (al_lang)thread_lang : process_lang;
}

const char *al_tx_in(const al_i18n *t, al_lang lang)
{
	if (lang < AL_NLANG && t->s[lang])
		return t->s[lang];
	return t->s[AL_LANG_EN];
}

const char *al_tx(const al_i18n *t)
{
	return al_tx_in(t, al_lang_get());
}

void al_i18n_free(al_i18n *t)
{
	for (int i = 0; i < AL_NLANG; i++) {
		free(t->s[i]);
		t->s[i] = NULL;
	}
}

const char *al_lang_tag(al_lang lang)
{
	return lang == AL_LANG_ZH_CN ? "zh-CN" : "en";
}

/* Compares the start of s with the language prefix p, case-insensitively,
 * up to a separator ('-', '_', '.', '@' or the end). */
static int lang_is(const char *s, const char *p)
{
	size_t n = strlen(p);
	for (size_t i = 0; i < n; i++)
		if (!s[i] || (s[i] | 0x20) != p[i])
			return 0;
	return s[n] == 0 || strchr("-_.@", s[n]) != NULL;
}

int al_lang_parse(const char *tag, al_lang *out)
{
	if (!tag)
		return -1;
	/* every Chinese tag gets zh-CN until a Traditional catalogue exists */
	if (lang_is(tag, "zh")) {
		*out = AL_LANG_ZH_CN;
		return 0;
	}
	if (lang_is(tag, "en")) {
		*out = AL_LANG_EN;
		return 0;
	}
	return -1;
}

al_lang al_lang_from_env(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			al_lang l;
			return al_lang_parse(v, &l) == 0 ? l : AL_LANG_EN; /* "C", "fr_FR": English */
		}
	}
	return AL_LANG_EN;
}

static int cmp_pair(const void *key, const void *elem)
{
	return strcmp(key, ((const al_msgpair *)elem)->id);
}

const char *al_tr(const char *msgid)
{
	if (al_lang_get() != AL_LANG_ZH_CN || !msgid)
		return msgid;
	const al_msgpair *p = bsearch(msgid, al_catalog_zh, al_catalog_zh_n, sizeof *al_catalog_zh, cmp_pair);
	return p ? p->str : msgid;
}
