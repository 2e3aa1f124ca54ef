/* fuzz_lsp.c - libFuzzer: any bytes as what an editor sends the language
 * server (headers and JSON-RPC bodies); replies go to /dev/null. */
#define _GNU_SOURCE
#include "batch.h"
#include "lsp.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int out = -1;
	if (out < 0)
		out = open("/dev/null", O_WRONLY);
	int in = memfd_create("lsp-input", 0);
	if (in < 0 || out < 0 || write(in, data, size) != (ssize_t)size || lseek(in, 0, SEEK_SET) != 0)
		abort();
	al_cli cli = { .fail_on = -1, .min_score = -1 };
	al_lsp_run(&cli, NULL, 1, in, out);
	close(in);
	return 0;
}
