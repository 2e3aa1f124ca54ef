/* batch.c - profiles, the lint of one job into a report (positions
 * resolved, ignores applied, fixes written), and the thread pool. */
#include "batch.h"
#include "docx.h"
#include "lang.h"
#include "text.h"

#include "fix.h"

#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EXCERPT 100 /* columns of a letter line shown at most, by default */
#define WINDOW 64   /* reports ahead of the one being written, per thread */
#define MATCH_MAX 200

/* ---- profiles ---- */

int al_profile_init(al_profile *p, const char *config_path, const al_cli *cli, al_error *err)
{
	memset(p, 0, sizeof *p);
	p->cfg.fail_on = p->cfg.min_score = -1;
	if (config_path && al_config_load(&p->cfg, config_path, err))
		return -1;
	if (al_ruleset_load_builtin(&p->rs, err) ||
	    al_config_apply(&p->cfg, &p->rs, cli->rule_dirs, cli->nrule_dirs, err) ||
	    al_ruleset_resolve(&p->rs, err))
		return -1;
	const char *lang = al_config_spelling(&p->cfg);
	if (cli->spell_lang) {
		p->spell_lang = cli->spell_lang;
		p->spell_mask = cli->spell_mask;
	} else {
		p->spell_lang = lang && strcmp(lang, "en_GB") == 0 ? "en_GB" : "en_US";
		p->spell_mask = !lang || strcmp(lang, "any") == 0 ? 0
				: strcmp(lang, "en_GB") == 0	   ? AL_DICT_GB
								   : AL_DICT_US;
	}
	p->month_first = al_config_month_first(&p->cfg);
	const char *types = cli->types ? cli->types : p->cfg.types;
	if (types) {
		char *copy = al_xstrdup(types);
		for (char *save = NULL, *id = strtok_r(copy, ", ", &save); id; id = strtok_r(NULL, ", ", &save)) {
			unsigned bit = al_ruleset_type_bit(&p->rs, id);
			if (!bit) {
				al_fail(err, AL_ERR_RULE, "", 0, 0,
					_("%s: unknown letter type '%s' (known: see rules/types.json or --list-types)"),
					cli->types ? "--type" : p->cfg.types_where, id);
				free(copy);
				return -1;
			}
			p->pinned |= bit;
		}
		free(copy);
	}
	p->fail_on = cli->fail_on >= 0 ? cli->fail_on : p->cfg.fail_on >= 0 ? p->cfg.fail_on : AL_SEV_ERROR;
	p->min_score = cli->min_score >= 0 ? cli->min_score : p->cfg.min_score;
	return 0;
}

void al_profile_free(al_profile *p)
{
	al_config_free(&p->cfg);
	al_ruleset_free(&p->rs);
}

void al_profiles_init(al_profiles *ps, const al_cli *cli, const char *config, int no_config)
{
	memset(ps, 0, sizeof *ps);
	ps->cli = cli;
	ps->config = config;
	ps->no_config = no_config;
}

al_profile *al_profiles_get(al_profiles *ps, const char *config, al_error *err)
{
	for (size_t i = 0; i < ps->n; i++)
		if ((!config && !ps->list[i].config) ||
		    (config && ps->list[i].config && strcmp(config, ps->list[i].config) == 0))
			return ps->list[i].p;
	al_profile *p = al_xmalloc(sizeof *p);
	if (al_profile_init(p, config, ps->cli, err)) {
		al_profile_free(p);
		free(p);
		return NULL;
	}
	al_grow(&ps->list, &ps->cap, ps->n + 1, sizeof *ps->list);
	ps->list[ps->n].config = config ? al_xstrdup(config) : NULL;
	ps->list[ps->n++].p = p;
	return p;
}

const char *al_profiles_config(al_profiles *ps, const char *dir)
{
	if (ps->no_config)
		return NULL;
	if (ps->config)
		return ps->config;
	for (size_t i = 0; i < ps->ndirs; i++)
		if (strcmp(ps->dirs[i].dir, dir) == 0)
			return ps->dirs[i].config;
	char found[PATH_MAX];
	al_grow(&ps->dirs, &ps->dirs_cap, ps->ndirs + 1, sizeof *ps->dirs);
	ps->dirs[ps->ndirs].dir = al_xstrdup(dir);
	ps->dirs[ps->ndirs].config = al_config_find(dir, found, sizeof found) ? al_xstrdup(found) : NULL;
	return ps->dirs[ps->ndirs++].config;
}

void al_profiles_forget(al_profiles *ps)
{
	al_profiles keep = *ps;
	al_profiles_free(ps);
	al_profiles_init(ps, keep.cli, keep.config, keep.no_config);
}

void al_profiles_free(al_profiles *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		al_profile_free(ps->list[i].p);
		free(ps->list[i].p);
		free(ps->list[i].config);
	}
	free(ps->list);
	for (size_t i = 0; i < ps->ndirs; i++) {
		free(ps->dirs[i].dir);
		free(ps->dirs[i].config);
	}
	free(ps->dirs);
	memset(ps, 0, sizeof *ps);
}

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
static const char *ignored_by(const al_config *cfg, const char *path, const al_finding *f,
			      const al_text *t)
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

/* ---- one job ---- */

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

static void resolve(al_linter *L, const al_job *job, al_filereport *r, size_t cells, const al_docx *dx)
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
		memset(rf, 0, sizeof *rf);
		rf->rule = f->rule;
		rf->severity = f->severity;
		al_pos a = al_text_pos_at(t, &cur, f->span.start);
		al_cursor end = cur;
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
		if (f->has_fix) {
			al_pos fa = al_text_pos(t, f->fix.start), fb = al_text_pos(t, f->fix.end);
			rf->has_fix = 1;
			rf->fix_offset = fa.offset, rf->fix_length = fb.offset - fa.offset;
			rf->fix_line = fa.line, rf->fix_col = fa.col, rf->fix_end_line = fb.line, rf->fix_end_col = fb.col;
			rf->fix_col16 = fa.col16, rf->fix_end_col16 = fb.col16;
			rf->fix_col8 = f->fix.start - t->lines[fa.line - 1] + 1;
			rf->fix_end_col8 = f->fix.end - t->lines[fb.line - 1] + 1;
			rf->replacement = pool_str(r, al_finding_str(fs, f->replacement),
						   strlen(al_finding_str(fs, f->replacement)));
		}
		excerpt(r, rf, t, f->span, cells);
		const char *why = ignored_by(&job->profile->cfg, job->name, f, t);
		rf->ignored = why ? pool_str(r, why, strlen(why)) : (size_t)-1;
		if (why) {
			r->ignored++;
			continue;
		}
		r->errors += f->severity == AL_SEV_ERROR;
		r->warnings += f->severity == AL_SEV_WARNING;
		r->infos += f->severity == AL_SEV_INFO;
		r->failing |= (int)f->severity >= job->profile->fail_on;
		al_grow(&counted->list, &counted->cap, counted->n + 1, sizeof *counted->list);
		counted->list[counted->n++] = *f;
	}
	score_why(L, r);
	al_buf names = { 0 }, why = { 0 };
	al_buf_adds(&names, "");
	al_buf_adds(&why, "");
	const al_ruleset *rs = &job->profile->rs;
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
				      (int)(at.end - at.start > 60 ? 60 : at.end - at.start), t->data + at.start, p.line, p.col);
		}
	}
	r->types = names.data;
	r->types_why = why.data;
	r->failing |= job->profile->min_score >= 0 && r->score < job->profile->min_score;
}

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

/* The letter model, for rule authors asking why a rule saw what it saw. */
static void structure(al_buf *b, const char *name, const al_letter *l)
{
	al_buf_printf(b, "%s\n", name);
	structure_span(b, N_("header"), l, l->header);
	structure_span(b, N_("salutation"), l, l->salutation);
	for (size_t k = 0; k < l->nblocks; k++) {
		const al_block *bl = &l->blocks[k];
		structure_label(b, block_names[bl->kind], al_text_pos(l->text, bl->span.start),
				al_text_pos(l->text, bl->span.end));
		if (bl->kind == AL_BLOCK_LIST)
			al_buf_printf(b, bl->numbered ? _(" numbered, %zu items") : _(" bulleted, %zu items"), bl->nitems);
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

/* Did a rule keep as many findings as the cap allows (so it may have
 * found more than it kept)? */
static int capped(const al_linter *L)
{
	size_t nrules = L->ctx.rs->n, *kept = al_xmalloc((nrules ? nrules : 1) * sizeof *kept), at;
	int full = 0;
	memset(kept, 0, (nrules ? nrules : 1) * sizeof *kept);
	for (size_t i = 0; i < L->fs.n && !full; i++)
		if ((at = (size_t)(L->fs.list[i].rule - L->ctx.rs->rules)) < nrules)
			full = ++kept[at] >= AL_MAX_FINDINGS;
	free(kept);
	return full;
}

/* Pass pass (from 1) of --fix over the text as last linted: the fixes
 * applied into out, each logged (for a file) at its place in that text,
 * with the pass named from the second on. Returns how many were applied. */
static size_t fix_pass(al_linter *L, const al_job *job, int pass, al_buf *out, al_filereport *r)
{
	size_t n = L->fs.n;
	unsigned char *applied = al_xmalloc(n ? n : 1);
	size_t count = al_fix_apply(&L->text, &L->fs, out, applied);
	for (size_t i = 0; job->path && i < n; i++) {
		const al_finding *f = &L->fs.list[i];
		if (!applied[i])
			continue;
		al_pos p = al_text_pos(&L->text, f->fix.start);
		const char *rep = al_finding_str(&L->fs, f->replacement);
		al_buf_printf(&r->log, "%s:%zu:%zu: ", job->name, p.line, p.col);
		if (pass > 1)
			al_buf_printf(&r->log, "fixed (pass %d): \"", pass);
		else
			al_buf_adds(&r->log, "fixed: \"");
		al_buf_add_shown(&r->log, L->text.data + f->fix.start, f->fix.end - f->fix.start);
		al_buf_adds(&r->log, "\" -> \"");
		al_buf_add_shown(&r->log, rep, strlen(rep));
		al_buf_printf(&r->log, "\" [%s]\n", f->rule->id);
	}
	free(applied);
	return count;
}

/* --fix: mends the letter, writes it (or, for standard input, hands it
 * over for standard output), then lints the mended text again. One fix can
 * uncover another (a space put into "theamazon" shows "amazon" to the
 * capitalisation rule), so the letter is mended pass after pass until no
 * fix is left, at most AL_FIX_PASSES times. A report keeps
 * AL_MAX_FINDINGS findings a rule, but the fix must mend every one: the
 * passes lint without that cap (still linear: a finding is a place in the
 * letter), and the report comes from a capped lint. */
static void fix(al_linter *L, const al_job *job, al_filereport *r)
{
	int lifted = capped(L), relint = lifted;
	size_t total = 0, count = 1;
	al_buf out = { 0 };
	L->ctx.max_findings = SIZE_MAX;
	for (int pass = 1; pass <= AL_FIX_PASSES && count; pass++, relint = 1) {
		if (relint)
			al_linter_run(L, job->markdown, NULL);
		if ((count = fix_pass(L, job, pass, &out, r)) != 0)
			al_text_set(&L->text, out.data, out.len);
		total += count;
	}
	L->ctx.max_findings = 0;
	al_error err;
	if (!job->path)
		al_buf_add(&r->out, out.data, out.len);
	else if (total && al_fix_write(job->path, L->text.raw, L->text.raw_len, out.data, out.len, &err))
		r->error = al_xstrdup(err.msg);
	if (r->error) { /* the file is as it was: so is the report */
		al_buf_reset(&r->log);
		al_text_set(&L->text, L->text.raw, L->text.raw_len);
	}
	if (total || lifted)
		al_linter_run(L, job->markdown, NULL);
	al_buf_free(&out);
}

static void lint_loaded(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r,
			const al_docx *dx);

/* Is the input a Word .docx: named so, or its bytes a ZIP archive? */
static int is_docx(const char *name, const al_text *t)
{
	size_t n = strlen(name);
	return (n > 5 && strcasecmp(name + n - 5, ".docx") == 0) || al_docx_is_zip(t->raw, t->raw_len);
}

/* Reads the .docx in L->text.raw into dx and loads its text as the letter.
 * --fix is refused: it would have to write the text back as a .docx. */
static int load_docx(al_linter *L, al_docx *dx, const al_job *job, const al_batch_opts *o, al_error *err)
{
	if (o->fix)
		return al_fail(err, AL_ERR_INPUT, job->name, 0, 0,
			       _("cannot fix %s: it is a Word document, and --fix changes only plain-text letters "
				 "(nothing was written)"),
			       job->name);
	if (al_docx_read(dx, L->text.raw, L->text.raw_len, job->name, o->max_size, err))
		return -1;
	al_text_set(&L->text, dx->text.data, dx->text.len);
	return 0;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && strcasecmp(s + n - k, suf) == 0;
}

int al_markdown_name(const char *name)
{
	return has_suffix(name, ".md") || has_suffix(name, ".markdown");
}

/* Lints the bytes in L->text.raw (read already, or refused with *err
 * when bad) as the letter of job, as a .docx when it is one. */
static void lint_raw(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r, int bad,
		     al_error *err, uint64_t t0)
{
	al_docx dx = { 0 };
	int docx = !bad && is_docx(job->name, &L->text);
	if (!bad)
		bad = docx ? load_docx(L, &dx, job, o, err) : al_text_load_raw(&L->text, job->name, err);
	if (o->stats)
		o->stats->stage_ns[AL_STAGE_READ] += al_now_ns() - t0;
	r->docx = docx;
	if (bad)
		r->error = al_xstrdup(err->msg);
	else
		lint_loaded(L, job, o, r, docx ? &dx : NULL);
	al_docx_free(&dx);
}

static void report_start(const al_job *job, al_filereport *r)
{
	memset(r, 0, sizeof *r);
	r->path = al_xstrdup(job->name);
	r->fail_on = job->profile->fail_on;
	r->rules = &job->profile->rs;
}

void al_lint_job(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r)
{
	report_start(job, r);
	al_error err;
	uint64_t t0 = o->stats ? al_now_ns() : 0;
	int bad = al_text_read_raw(&L->text, job->path, job->name, o->max_size, &err);
	lint_raw(L, job, o, r, bad, &err, t0);
}

void al_lint_bytes(al_linter *L, const al_job *job, const al_batch_opts *o, const char *bytes, size_t n,
		   al_filereport *r)
{
	report_start(job, r);
	al_error err;
	uint64_t t0 = o->stats ? al_now_ns() : 0;
	int bad = al_text_set_raw(&L->text, bytes, n, job->name, o->max_size, &err);
	lint_raw(L, job, o, r, bad, &err, t0);
}

void al_lint_text(al_linter *L, const al_job *job, const char *text, size_t n, al_filereport *r)
{
	al_batch_opts o = { 0, 0, 0, 0, NULL };
	memset(r, 0, sizeof *r);
	r->path = al_xstrdup(job->name);
	r->fail_on = job->profile->fail_on;
	r->rules = &job->profile->rs;
	al_text_set(&L->text, text, n);
	lint_loaded(L, job, &o, r, NULL);
}

static void lint_loaded(al_linter *L, const al_job *job, const al_batch_opts *o, al_filereport *r,
			const al_docx *dx)
{
	al_linter_use(L, &job->profile->rs);
	L->ctx.spell_mask = job->profile->spell_mask;
	L->ctx.month_first = job->profile->month_first;
	L->ctx.pinned = job->profile->pinned;
	if (strcmp(L->speller.lang, job->profile->spell_lang) != 0)
		al_speller_set_lang(&L->speller, job->profile->spell_lang);
	L->ctx.notices = 0;
	L->stats = o->stats;
	al_linter_run(L, job->markdown, NULL);
	if (o->structure) {
		structure(&r->out, job->name, &L->letter);
		r->notices = L->ctx.notices;
		return;
	}
	if (o->fix)
		fix(L, job, r);
	r->notices = L->ctx.notices;
	uint64_t t0 = o->stats ? al_now_ns() : 0;
	if (!r->error)
		resolve(L, job, r, o->width ? o->width : EXCERPT, dx);
	if (o->stats)
		o->stats->stage_ns[AL_STAGE_REPORT] += al_now_ns() - t0;
}

/* ---- the pool ---- */

typedef struct pool {
	const al_job *jobs;
	size_t n;
	const al_batch_opts *o;
	al_filereport *reports;
	unsigned char *done;
	size_t next, emitted, window;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int failed;
} pool;

static void *worker(void *arg)
{
	pool *P = arg;
	al_linter L;
	al_error err;
	int ok = al_linter_init_worker(&L, &err) == 0;
	for (;;) {
		pthread_mutex_lock(&P->mu);
		while (P->next < P->n && P->next >= P->emitted + P->window)
			pthread_cond_wait(&P->cv, &P->mu);
		size_t i = P->next < P->n ? P->next++ : P->n;
		pthread_mutex_unlock(&P->mu);
		if (i == P->n)
			break;
		if (ok) {
			al_lint_job(&L, &P->jobs[i], P->o, &P->reports[i]);
		} else {
			memset(&P->reports[i], 0, sizeof P->reports[i]);
			P->reports[i].path = al_xstrdup(P->jobs[i].name);
			P->reports[i].error = al_xstrdup(err.msg);
		}
		pthread_mutex_lock(&P->mu);
		P->done[i] = 1;
		pthread_cond_broadcast(&P->cv);
		pthread_mutex_unlock(&P->mu);
	}
	al_linter_free(&L);
	return NULL;
}

int al_batch_run(const al_job *jobs, size_t n, const al_batch_opts *o, int nthreads,
		 int (*emit)(al_filereport *r, void *arg), void *arg, al_error *err)
{
	if (nthreads <= 1 || n <= 1) {
		al_linter L;
		if (al_linter_init_worker(&L, err)) {
			al_linter_free(&L);
			return -1;
		}
		int stop = 0;
		for (size_t i = 0; i < n && !stop; i++) {
			al_filereport r;
			al_lint_job(&L, &jobs[i], o, &r);
			stop = emit(&r, arg);
			al_report_free(&r);
		}
		al_linter_free(&L);
		return 0;
	}
	pool P = { jobs, n, o, al_xmalloc(n * sizeof *P.reports), al_xmalloc(n), 0, 0,
		   (size_t)nthreads * WINDOW, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };
	memset(P.done, 0, n);
	pthread_t *th = al_xmalloc((size_t)nthreads * sizeof *th);
	int started = 0;
	for (int t = 0; t < nthreads; t++)
		if (pthread_create(&th[started], NULL, worker, &P) == 0)
			started++;
	if (!started) {
		free(th);
		free(P.reports);
		free(P.done);
		return al_fail(err, AL_ERR_IO, "", 0, 0, _("cannot start threads"));
	}
	size_t i = 0;
	for (int stop = 0; i < n && !stop; i++) {
		pthread_mutex_lock(&P.mu);
		while (!P.done[i])
			pthread_cond_wait(&P.cv, &P.mu);
		pthread_mutex_unlock(&P.mu);
		stop = emit(&P.reports[i], arg);
		al_report_free(&P.reports[i]);
		pthread_mutex_lock(&P.mu);
		P.emitted = i + 1;
		if (stop)
			P.next = n; /* start no more letters */
		pthread_cond_broadcast(&P.cv);
		pthread_mutex_unlock(&P.mu);
	}
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	for (; i < n; i++) /* linted before the stop, never emitted */
		if (P.done[i])
			al_report_free(&P.reports[i]);
	free(th);
	free(P.reports);
	free(P.done);
	return 0;
}
