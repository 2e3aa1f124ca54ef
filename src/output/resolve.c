/* resolve.c - a letter's findings made into its report: byte spans into
 * lines and columns (code points, UTF-16 and bytes), excerpts cut to the
 * terminal, the configuration's ignores, the score and the types. */
#include "output/resolve.h"

#include "base/lang.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#define EXCERPT 100   /* columns of a letter line shown at most, by default */
#define MATCH_MAX 200 /* bytes of a finding's matched text kept */

/* ---- positions and excerpts ---- */

/* Cells are terminal columns: a Chinese character or an emoji takes two, a
 * control character four (shown "\x1b"), a tab one (shown as a space). */
static size_t shown_width(uint32_t cp)
{
	if (cp == '\t')
		return 1;
	return al_cp_control(cp) ? 4 : (size_t)al_cp_width(cp);
}

static size_t skip_cells(const al_text *t, size_t a, size_t b, size_t cells)
{
	uint32_t cp;
	while (a < b) {
		size_t next = al_utf8_next(t->data, b, a, &cp);
		size_t w = shown_width(cp);
		if (w > cells)
			break;
		cells -= w;
		a = next;
	}
	return a;
}

static size_t back_cells(const al_text *t, size_t a, size_t b, size_t cells)
{
	while (a > b) {
		size_t s = a - 1;
		uint32_t cp;
		while (s > b && ((unsigned char)t->data[s] & 0xC0) == 0x80)
			s--;
		al_utf8_next(t->data, a, s, &cp);
		size_t w = shown_width(cp);
		if (w > cells)
			break;
		cells -= w;
		a = s;
	}
	return a;
}

static size_t count_cells(const al_text *t, size_t a, size_t b, size_t max)
{
	size_t n = 0;
	uint32_t cp;
	while (a < b && n < max) {
		a = al_utf8_next(t->data, b, a, &cp);
		n += shown_width(cp);
	}
	return n;
}

/* Copies text [a, b) as display cells: tabs as spaces, other control
 * characters spelled "\x1b" (a terminal would act on them), bad bytes as
 * '?', so the excerpt is clean UTF-8 on one line. */
static void put_cells(al_buf *out, const al_text *t, size_t a, size_t b)
{
	while (a < b) {
		size_t n = al_utf8_valid_len((const unsigned char *)t->data, t->len, a);
		if (n == 0) {
			al_buf_addc(out, '?');
			a++;
		} else if (t->data[a] == '\t') {
			al_buf_addc(out, ' ');
			a++;
		} else {
			al_buf_add_shown(out, t->data + a, n);
			a += n;
		}
	}
}

/* The finding's line, cut to `cells` columns around its start, and the
 * marker under the span: work bounded by `cells` whatever the line. */
static void excerpt(al_filereport *r, al_rfinding *rf, const al_text *t, al_span sp, size_t cells)
{
	size_t li = rf->line - 1, before = cells * 3 / 10;
	size_t ls = t->lines[li], le = al_text_line_end(t, li);
	size_t from = ls;
	int cut_left = 0;
	if (count_cells(t, ls, sp.start, before + 1) > before && skip_cells(t, ls, le, cells + 1) < le) {
		from = back_cells(t, sp.start, ls, before);
		cut_left = 1;
	}
	size_t to = skip_cells(t, from, le, cells);
	size_t end = sp.end < to ? sp.end : to;
	size_t width = end > sp.start ? count_cells(t, sp.start, end, cells) : 1;
	rf->caret_lead = (cut_left ? 3 : 0) + count_cells(t, from, sp.start, cells);
	rf->excerpt = r->pool.len;
	al_buf_printf(&r->pool, " %5zu | %s", rf->line, cut_left ? "..." : "");
	put_cells(&r->pool, t, from, to);
	al_buf_adds(&r->pool, to < le ? "..." : "");
	al_buf_addc(&r->pool, '\0');
	rf->caret = r->pool.len;
	for (size_t i = 0; i < (width ? width : 1); i++)
		al_buf_addc(&r->pool, i ? '~' : '^');
	al_buf_addc(&r->pool, '\0');
}

static size_t pool_str(al_filereport *r, const char *s, size_t n)
{
	size_t off = r->pool.len;
	al_buf_add(&r->pool, s, n);
	al_buf_addc(&r->pool, '\0');
	return off;
}

/* ---- ignores ---- */

/* The reason a finding is ignored by the configuration, or NULL. */
static const char *ignored_by(const al_config *cfg, const char *path, const al_finding *f, const al_text *t)
{
	for (size_t i = 0; i < cfg->nignore; i++) {
		const al_ignore *ig = &cfg->ignore[i];
		if (strcmp(ig->rule, "*") != 0 && strcmp(ig->rule, f->rule->id) != 0)
			continue;
		if (ig->file) {
			size_t bl = strlen(ig->base);
			const char *rel = strncmp(path, ig->base, bl) == 0 && path[bl] == '/' ? path + bl + 1 : path;
			const char *base = strrchr(path, '/');
			if (fnmatch(ig->file, rel, 0) != 0 && fnmatch(ig->file, path, 0) != 0 &&
			    fnmatch(ig->file, base ? base + 1 : path, 0) != 0)
				continue;
		}
		if (ig->text) {
			size_t li = al_text_line_of(t, f->span.start);
			size_t ls = t->lines[li], le = al_text_line_end(t, li);
			size_t n = strlen(ig->text);
			int found = 0;
			for (size_t k = ls; !found && k + n <= le; k++)
				found = memcmp(t->data + k, ig->text, n) == 0;
			if (!found)
				continue;
		}
		return ig->reason;
	}
	return NULL;
}

/* ---- the report ---- */

/* The letter's score, and for --verbose what each rule cost it
 * ("placeholder -56 (7 findings), dates -10"), costliest first. */
static void score_why(al_linter *L, al_filereport *r)
{
	const al_score_detail *d = &L->score;
	al_buf b = { 0 };
	int lost = 0;
	r->score = al_score_explain(&L->counted, &L->score);
	al_buf_adds(&b, "");
	for (size_t i = 0; i < d->n; i++) {
		const al_score_item *it = &d->items[i];
		al_buf_adds(&b, i ? _(", ") : "");
		if (it->count > 1)
			al_buf_printf(&b, _("%s -%d (%d findings)"), it->rule->id, it->cost, it->count);
		else
			al_buf_printf(&b, _("%s -%d"), it->rule->id, it->cost);
		lost += it->cost;
	}
	if (!d->n)
		al_buf_adds(&b, _("no findings"));
	else if (lost > 100)
		al_buf_printf(&b, _(" (%d in all; the score stops at 0)"), lost);
	r->score_why = b.data;
}

/* The finding's positions (from cur, moved on: findings come in order),
 * its texts and, when it has one, its fix. */
static void place(al_filereport *r, al_rfinding *rf, const al_findings *fs, const al_finding *f, const al_text *t,
		  al_cursor *cur, const al_docx *dx)
{
	memset(rf, 0, sizeof *rf);
	rf->rule = f->rule;
	rf->severity = f->severity;
	al_pos a = al_text_pos_at(t, cur, f->span.start);
	al_cursor end = *cur;
	al_pos b = al_text_pos_at(t, &end, f->span.end);
	rf->line = a.line, rf->col = a.col, rf->col16 = a.col16;
	rf->end_line = b.line, rf->end_col = b.col, rf->end_col16 = b.col16;
	rf->offset = a.offset, rf->length = b.offset - a.offset;
	rf->col8 = f->span.start - t->lines[a.line - 1] + 1;
	rf->para = dx ? al_docx_para_of(dx, f->span.start) : 0;
	rf->end_col8 = f->span.end - t->lines[b.line - 1] + 1;
	rf->message = pool_str(r, al_finding_str(fs, f->message), strlen(al_finding_str(fs, f->message)));
	rf->suggestion = pool_str(r, al_finding_str(fs, f->suggestion), strlen(al_finding_str(fs, f->suggestion)));
	size_t mlen = f->span.end - f->span.start;
	rf->match = pool_str(r, t->data + f->span.start, mlen < MATCH_MAX ? mlen : MATCH_MAX);
	if (!f->has_fix)
		return;
	al_pos fa = al_text_pos(t, f->fix.start), fb = al_text_pos(t, f->fix.end);
	rf->has_fix = 1;
	rf->fix_offset = fa.offset, rf->fix_length = fb.offset - fa.offset;
	rf->fix_line = fa.line, rf->fix_col = fa.col, rf->fix_end_line = fb.line, rf->fix_end_col = fb.col;
	rf->fix_col16 = fa.col16, rf->fix_end_col16 = fb.col16;
	rf->fix_col8 = f->fix.start - t->lines[fa.line - 1] + 1;
	rf->fix_end_col8 = f->fix.end - t->lines[fb.line - 1] + 1;
	rf->replacement = pool_str(r, al_finding_str(fs, f->replacement), strlen(al_finding_str(fs, f->replacement)));
}

/* The letter's types, and for --verbose the words that decided each. */
static void types_why(al_linter *L, al_filereport *r)
{
	const al_text *t = &L->text;
	al_buf names = { 0 }, why = { 0 };
	al_buf_adds(&names, "");
	al_buf_adds(&why, "");
	const al_ruleset *rs = r->rules;
	for (size_t i = 0; i < rs->ntypes && i < AL_MAX_TYPES; i++) {
		if (!(L->ctx.types & (1u << i)))
			continue;
		al_buf_printf(&names, "%s%s", names.len ? " " : "", rs->types[i].id);
		al_span at = L->ctx.type_at[i];
		if (L->ctx.pinned) {
			al_buf_printf(&why, _("%s%s (given)"), why.len ? _(", ") : "", rs->types[i].id);
		} else {
			al_pos p = al_text_pos(t, at.start);
			al_buf_printf(&why, _("%s%s (\"%.*s\" at %zu:%zu)"), why.len ? _(", ") : "", rs->types[i].id,
				      (int)(at.end - at.start > 60 ? 60 : at.end - at.start), t->data + at.start,
				      p.line, p.col);
		}
	}
	r->types = names.data;
	r->types_why = why.data;
}

void al_report_resolve(al_filereport *r, al_linter *L, const al_config *cfg, int min_score, size_t cells,
		       const al_docx *dx)
{
	const al_text *t = &L->text;
	const al_findings *fs = &L->fs;
	al_grow(&r->list, &r->cap, fs->n, sizeof *r->list);
	al_cursor cur = { 0, 0, 0, 0 };
	al_findings *counted = &L->counted;
	counted->n = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const al_finding *f = &fs->list[i];
		al_rfinding *rf = &r->list[r->n++];
		place(r, rf, fs, f, t, &cur, dx);
		if (cells != AL_NO_EXCERPT)
			excerpt(r, rf, t, f->span, cells ? cells : EXCERPT);
		const char *why = ignored_by(cfg, r->path, f, t);
		rf->ignored = why ? pool_str(r, why, strlen(why)) : (size_t)-1;
		if (why) {
			r->ignored++;
			continue;
		}
		r->errors += f->severity == AL_SEV_ERROR;
		r->warnings += f->severity == AL_SEV_WARNING;
		r->infos += f->severity == AL_SEV_INFO;
		r->failing |= (int)f->severity >= r->fail_on;
		al_grow(&counted->list, &counted->cap, counted->n + 1, sizeof *counted->list);
		counted->list[counted->n++] = *f;
	}
	score_why(L, r);
	types_why(L, r);
	r->failing |= min_score >= 0 && r->score < min_score;
}
