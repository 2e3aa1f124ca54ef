/* fuzz_rules.c - libFuzzer: any bytes as a rule file, loaded beside the
 * default letter vocabulary; a rule that loads checks a sample letter. */
#include "rules/lint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static al_linter L;
static int ready;

static const char letter[] = "Dear Seller Performance Team,\n\nWe apologise for our Order Defect Rate of 2.1%.\n\n"
			     "Root causes:\n- Our supplier shipped late on 3 March 2024.\n\nActions taken:\n"
			     "1. We hired two staff.\n\nThank you,\n[Your Name]\n";

/* The default pack's files that are not rules: the letter's vocabulary. */
static int is_vocabulary(const char *name)
{
	return strstr(name, "letter.json") || strstr(name, "metrics.json") || strstr(name, "types.json") ||
	       strstr(name, "dictionary.json");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	al_error err;
	if (!ready && al_linter_init_worker(&L, &err) == 0)
		ready = 1;
	al_ruleset rs;
	memset(&rs, 0, sizeof rs);
	int rc = 0;
	for (size_t i = 0; i < al_builtin_nrules && !rc; i++)
		if (is_vocabulary(al_builtin_rules[i].name))
			rc = al_ruleset_load_json(&rs, al_builtin_rules[i].name, al_builtin_rules[i].json,
						  al_builtin_rules[i].len, &err);
	if (rc)
		abort(); /* the default vocabulary must load */
	if (al_ruleset_load_json(&rs, "fuzz.json", (const char *)data, size, &err) == 0 &&
	    al_ruleset_resolve(&rs, &err) == 0) {
		al_linter_use(&L, &rs);
		al_linter_run_string(&L, letter, sizeof letter - 1, NULL);
	}
	al_ruleset_free(&rs);
	return 0;
}
