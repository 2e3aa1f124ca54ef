/* lang.h - the language of messages: choosing it (--lang, configuration,
 * locale), rule texts in each language, and the program's own strings. */
#ifndef AL_LANG_H
#define AL_LANG_H

#include <stddef.h>

typedef enum al_lang { AL_LANG_EN, AL_LANG_ZH_CN, AL_NLANG } al_lang;

/* A text in each language; s[AL_LANG_EN] is always set, others may be NULL. */
typedef struct al_i18n {
	char *s[AL_NLANG];
} al_i18n;

/* The text in the current language, else the English one. */
const char *al_tx(const al_i18n *t);
/* The text in lang, else the English one. */
const char *al_tx_in(const al_i18n *t, al_lang lang);
void al_i18n_free(al_i18n *t);

/* The language messages are shown in, for the whole process (as with a
 * locale): set once by the command line or the language server. */
void al_lang_set(al_lang lang);
/* The language of this thread only, over the process's (-1: the
 * process's again): one server thread answers in Chinese while another
 * answers in English. */
void al_lang_set_thread(int lang);
al_lang al_lang_get(void);

/* Reads a tag: "en", "zh-CN" (also "zh_CN", "zh", "zh-Hans", "zh_SG"...).
 * Returns 0, or -1 for an unknown tag. */
int al_lang_parse(const char *tag, al_lang *out);
/* "en" or "zh-CN". */
const char *al_lang_tag(al_lang lang);
/* The language the environment asks for: the first set of LC_ALL,
 * LC_MESSAGES and LANG; Chinese locales give zh-CN, anything else en. */
al_lang al_lang_from_env(void);

/* A program string in the current language: msgid is the English text,
 * looked up in po/zh_CN.po (compiled in); unknown ones stay English. */
#if defined(__GNUC__)
__attribute__((format_arg(1)))
#endif
const char *
al_tr(const char *msgid);
#define _(s) al_tr(s)
/* Marks a string for translation where it cannot be translated yet (a
 * static table); translate it with _() where it is used. */
#define N_(s) s

/* The compiled-in catalogue: pairs sorted by msgid (byte order). */
typedef struct al_msgpair {
	const char *id, *str;
} al_msgpair;
extern const al_msgpair al_catalog_zh[];
extern const size_t al_catalog_zh_n;

#endif
