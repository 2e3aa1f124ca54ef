/* structure.h - the letter model written out, for --structure. */
#ifndef AL_STRUCTURE_H
#define AL_STRUCTURE_H

#include "base/buf.h"
#include "model/letter.h"

/* Appends to b how letter l (shown as name) was read: for rule authors
 * asking why a rule saw what it saw. */
void al_structure_write(al_buf *b, const char *name, const al_letter *l);

#endif
