/* docx.h - read a Word .docx letter into plain text the letter model reads. */
#ifndef AL_DOCX_H
#define AL_DOCX_H
#include "base/al.h"
#include "base/buf.h"
typedef struct al_docx {
	al_buf text;   /* UTF-8: one Word paragraph per block, list markers, headings */
	size_t *paras; /* paras[k]: byte offset in text where Word paragraph k+1 starts */
	size_t nparas, paras_cap;
} al_docx;
/* Is bytes[0, n) a ZIP archive (starts with "PK\3\4")? */
int al_docx_is_zip(const char *bytes, size_t n);
/* Reads the .docx in bytes[0, n) into d (reused: buffers kept). name is used
 * in messages; max caps the uncompressed XML read (zip bombs). Returns 0, or
 * -1 with err filled (AL_ERR_INPUT: damaged, encrypted, not a Word document,
 * too large), naming the file and the reason. */
int al_docx_read(al_docx *d, const char *bytes, size_t n, const char *name, size_t max, al_error *err);
/* The 1-based Word paragraph holding byte offset off of d->text, or 0. */
size_t al_docx_para_of(const al_docx *d, size_t off);
void al_docx_free(al_docx *d);
#endif
