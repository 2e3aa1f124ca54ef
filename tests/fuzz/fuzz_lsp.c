/* fuzz_lsp.c - libFuzzer: any bytes as what an editor sends the language
 * server (headers and JSON-RPC bodies); replies go to /dev/null. */
#define _GNU_SOURCE
#include "front/batch.h"
#include "front/lsp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int mkstemp(char *template);

/* appeal-lint.ignoreRule writes a configuration beside the open file the
 * editor names, and a made-up URI can name any folder. The seeds' URIs are
 * in SANDBOX; a temporary file anywhere else is refused (this definition
 * takes the place of the C library's, for the server's one write), and
 * what was written is removed after each input, so no run sees another's. */
#define SANDBOX "/tmp/appeal-lint-fuzz-lsp"

int mkstemp(char *template)
{
	if (strncmp(template, SANDBOX "/", sizeof SANDBOX) != 0 || strstr(template, "/..")) {
		errno = EACCES;
		return -1;
	}
	return mkostemp(template, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int out = -1;
	if (out < 0) {
		out = open("/dev/null", O_WRONLY);
		mkdir(SANDBOX, 0755);
	}
	int in = memfd_create("lsp-input", 0);
	if (in < 0 || out < 0 || write(in, data, size) != (ssize_t)size || lseek(in, 0, SEEK_SET) != 0)
		abort();
	al_cli cli = { .fail_on = -1, .min_score = -1 };
	al_lsp_run(&cli, NULL, 1, in, out);
	close(in);
	unlink(SANDBOX "/.appeal-lint.json");
	return 0;
}
