/* kinds.c - the table of rule kinds: what each is called, the keys it
 * takes, the variants it reports and the function that checks it. The
 * loader reads the table to validate rule files and the engine to run them;
 * the check functions live in files of their own (checks.c, spelling.c). */
#include "rules/kinds.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char *const require_variants[] = { "forbidden", NULL };
static const char *const list_variants[] = { "prose", "unnumbered", NULL };
static const char *const metric_variants[] = { "wrong", NULL };
static const char *const date_variants[] = { "vague", NULL };
static const char *const encoding_variants[] = { "nul", "empty", NULL };
static const char *const spelling_variants[] = { "joined", "unknown", "dialect", NULL };

static const al_kind kinds[] = {
	{ "forbid", al_check_forbid,
	  AL_KEY_PATTERNS | AL_KEY_EXCEPTIONS | AL_KEY_CASE | AL_KEY_FIXCHARS | AL_KEY_ONCE | AL_KEY_CONCEPTS, 0, NULL,
	  "each match of a pattern or concept pattern in the scope is a finding; 'fix_chars' mends matches made of mapped characters",
	  0 },
	{ "require", al_check_require,
	  AL_KEY_PATTERNS | AL_KEY_EXCEPTIONS | AL_KEY_ANCHOR | AL_KEY_FORBID | AL_KEY_CASE | AL_KEY_EMPTY |
		  AL_KEY_CONCEPTS,
	  0, require_variants,
	  "a finding when no pattern or concept pattern matches in the scope; each 'forbid' or 'forbid_concepts' match is one too",
	  0 },
	{ "count", al_check_count, AL_KEY_PATTERNS | AL_KEY_EXCEPTIONS | AL_KEY_MAX | AL_KEY_CASE | AL_KEY_CONCEPTS,
	  AL_KEY_MAX, NULL, "every match is a finding once there are more than 'max' in the scope", 0 },
	{ "first", al_check_first,
	  AL_KEY_PATTERNS | AL_KEY_EXCEPTIONS | AL_KEY_CASE | AL_KEY_CONCEPTS | AL_KEY_SAME | AL_KEY_WITHIN,
	  AL_KEY_WITHIN, NULL,
	  "the first match in the scope (of its own patterns, or of the rule 'same_as' names) must not come after the scope 'within'; none at all is not this kind's finding",
	  0 },
	{ "list", al_check_list, AL_KEY_ROLE | AL_KEY_NUMBERED | AL_KEY_ANCHOR | AL_KEY_CASE, AL_KEY_ROLE,
	  list_variants, "the letter must give the items of a role (causes, actions) as a list", 0 },
	{ "metric", al_check_metric, 0, 0, metric_variants,
	  "a named account-health metric must come with its target (rules/metrics.json)", 0 },
	{ "date", al_check_date, AL_KEY_PATTERNS | AL_KEY_MODE | AL_KEY_ANCHOR | AL_KEY_CASE | AL_KEY_MAX,
	  AL_KEY_PATTERNS | AL_KEY_MODE, date_variants,
	  "'present': the scope must hold a real date; 'ambiguous': day/month dates that read both ways", 0 },
	{ "length", al_check_length, AL_KEY_WORDS | AL_KEY_TOTAL | AL_KEY_CODES | AL_KEY_ANCHOR, AL_KEY_WORDS, NULL,
	  "more than 'max_words' words in a span of the scope (or in all of it, with 'total'); words with digits count only with 'count_codes'",
	  0 },
	{ "substitute", al_check_substitute, AL_KEY_PATTERNS | AL_KEY_EXCEPTIONS | AL_KEY_REPLACE | AL_KEY_CASE,
	  AL_KEY_PATTERNS | AL_KEY_REPLACE, NULL,
	  "each match is a finding with a fix: 'replace' in its place, $1-$9 inserting its groups", 0 },
	{ "issues", al_check_issues, AL_KEY_EXCEPTIONS, 0, NULL,
	  "when two metrics or more are named, each must come up in the causes or the actions; "
	  "a metric first named in a sentence an exception matches is not an issue",
	  0 },
	{ "spelling", al_check_spelling, AL_KEY_EXCEPTIONS, 0, spelling_variants,
	  "each word in neither the dictionary nor rules/dictionary.json; words run together get a fix", 0 },
	{ "shouting", al_check_shouting, AL_KEY_EXCEPTIONS, 0, NULL,
	  "each ordinary word written in capitals (NEVER, PLEASE); acronyms and domain words are not", 0 },
	{ "repeat", al_check_repeat, 0, 0, NULL,
	  "each sentence of six words or more that repeats an earlier one of the scope, word for word ({line}: the first)",
	  0 },
	{ "encoding", al_check_encoding, 0, 0, encoding_variants,
	  "bytes that are not UTF-8 text, NUL bytes, and a file with no text", 1 },
};
#define NKINDS (sizeof kinds / sizeof *kinds)

int al_kind_index(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return (int)i;
	return -1;
}

const al_kind *al_kind_get(int index)
{
	return &kinds[index];
}

static char names[NKINDS * 32]; /* a kind's name is a short word */
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void join_names(void)
{
	size_t len = 0;
	for (size_t i = 0; i < NKINDS && len < sizeof names; i++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", kinds[i].name);
}

/* Built from the table once, whichever thread asks first. */
const char *al_kind_names(void)
{
	pthread_once(&names_once, join_names);
	return names;
}
