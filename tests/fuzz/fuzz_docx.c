/* fuzz_docx.c - libFuzzer: any bytes as a .docx. The reader must return 0
 * or -1 with a message naming the file, within the limits, and what it
 * returns must hold together: paragraph offsets in order and inside the
 * text, the text NUL-terminated, each offset in a paragraph. */
#include "input/docx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX (256u << 10) /* small, so the limit itself is reached */

static al_docx d; /* reused, as the command line reuses it per thread */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	al_error err;
	if (al_docx_read(&d, (const char *)data, size, "fuzz.docx", MAX, &err) != 0) {
		if (err.code != AL_ERR_INPUT || !strstr(err.msg, "fuzz.docx"))
			abort();
		if (d.text.len || d.nparas)
			abort();
		return 0;
	}
	if (d.text.data[d.text.len] != '\0' || d.text.len > 4 * (size_t)MAX)
		abort();
	for (size_t k = 0; k < d.nparas; k++)
		if (d.paras[k] > d.text.len || (k && d.paras[k] < d.paras[k - 1]))
			abort();
	for (size_t off = 0; off < d.text.len; off += 1 + off / 4)
		if (d.nparas && off >= d.paras[0] && al_docx_para_of(&d, off) == 0)
			abort();
	return 0;
}
