/* fix.h - apply findings' fixes to a letter and write it back atomically. */
#ifndef AL_FIX_H
#define AL_FIX_H

#include "base/buf.h"
#include "rules/engine.h"

/* Builds in out the letter with every fix applied that does not overlap an
 * earlier one, in the letter's own encoding (a UTF-8 byte order mark kept,
 * UTF-16 written back as UTF-16). applied[i] is set to 1 for each finding
 * whose fix was used (applied may be NULL). Returns how many were applied. */
/* --fix mends a letter pass after pass, since one fix can uncover another,
 * until nothing is left to fix or this many passes ran. */
#define AL_FIX_PASSES 8

size_t al_fix_apply(const al_text *t, const al_findings *fs, al_buf *out, unsigned char *applied);

/* Replaces the file at path with bytes[0..n), atomically: a temporary file
 * beside it, with the same mode, renamed over it. Refuses (-1, err) when the
 * file's content is no longer original[0..olen), the text that was linted. */
int al_fix_write(const char *path, const char *original, size_t olen, const char *bytes, size_t n, al_error *err);

#endif
