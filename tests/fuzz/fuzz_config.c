/* fuzz_config.c - libFuzzer: any bytes as .appeal-lint.json; a configuration
 * that loads is applied to the default rules. */
#include "front/batch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/appeal-lint-fuzz-XXXXXX";
static char path[sizeof dir + 32];

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof path, "%s/.appeal-lint.json", dir);
		atexit(cleanup);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	al_error err;
	al_config cfg = { .fail_on = -1, .min_score = -1 };
	int ok = al_config_load(&cfg, path, &err) == 0;
	al_config_free(&cfg);
	if (ok) { /* the whole way: rules applied, types and spelling resolved */
		al_cli cli = { .fail_on = -1, .min_score = -1 };
		al_profile p;
		al_profile_init(&p, path, &cli, &err);
		al_profile_free(&p);
	}
	return 0;
}
