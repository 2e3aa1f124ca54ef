/* structure.c - --structure: how a letter was read (its parts, blocks, list
 * roles and sections), one line each, with positions. */
#include "output/structure.h"

#include "base/lang.h"

static const char *const block_names[] = { N_("paragraph"), N_("heading"), N_("list"), N_("quote") };
static const char *const role_names[] = { "", N_("causes"), N_("actions"), N_("prevention") };

/* "  label      3:1-3:251": the label translated, padded to 10 columns */
static void structure_label(al_buf *b, const char *label, al_pos a, al_pos e)
{
	const char *t = _(label);
	int pad = 10 - al_str_columns(t);
	al_buf_printf(b, "  %s%*s %zu:%zu-%zu:%zu", t, pad > 0 ? pad : 0, "", a.line, a.col, e.line, e.col);
}

static void structure_span(al_buf *b, const char *label, const al_letter *l, al_span sp)
{
	if (sp.end <= sp.start)
		return;
	structure_label(b, label, al_text_pos(l->text, sp.start), al_text_pos(l->text, sp.end));
	al_buf_addc(b, '\n');
}

void al_structure_write(al_buf *b, const char *name, const al_letter *l)
{
	al_buf_printf(b, "%s\n", name);
	structure_span(b, N_("header"), l, l->header);
	structure_span(b, N_("salutation"), l, l->salutation);
	for (size_t k = 0; k < l->nblocks; k++) {
		const al_block *bl = &l->blocks[k];
		structure_label(b, block_names[bl->kind], al_text_pos(l->text, bl->span.start),
				al_text_pos(l->text, bl->span.end));
		if (bl->kind == AL_BLOCK_LIST)
			al_buf_printf(b, bl->numbered ? _(" numbered, %zu items") : _(" bulleted, %zu items"),
				      bl->nitems);
		uint8_t role = bl->role;
		if (bl->kind == AL_BLOCK_PARAGRAPH && l->sections[bl->section].heading == k)
			role = l->sections[bl->section].role; /* "Problem: ..." opens a section */
		if (role)
			al_buf_printf(b, " [%s]", _(role_names[role]));
		size_t paras = 1;
		for (size_t i = bl->line0; bl->kind == AL_BLOCK_PARAGRAPH && i + 1 < bl->line1; i++)
			paras += (l->lines[i].flags & AL_LF_PARA_END) != 0;
		if (paras > 1)
			al_buf_printf(b, _(" %zu paragraphs, one a line"), paras);
		for (size_t i = 0; i < l->nopening; i++)
			if (l->opening[i] == k)
				al_buf_adds(b, _(" (opening)"));
		if (k >= l->closing0)
			al_buf_adds(b, _(" (closing)"));
		al_buf_addc(b, '\n');
	}
	structure_span(b, N_("signoff"), l, l->signoff);
}
