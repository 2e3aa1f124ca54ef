/* docx.c - a Word .docx letter as plain text. libzip opens the archive from
 * memory and expat streams each XML part through small handlers, so memory
 * stays bounded by the text kept, whatever the archive claims. */
#include "input/docx.h"
#include "base/lang.h"

#include <expat.h>
#include <zip.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 256	     /* XML nesting; Word's own documents stay far below */
#define BOMB_SIZE (1u << 20) /* a part this large ... */
#define BOMB_RATIO 100	     /* ... unpacking to this many times its size is a bomb */
#define CHUNK 65536
#define LEVELS 9 /* list levels Word knows (w:ilvl 0-8) */
#define NS_SEP '|'

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC_FALLBACK[] = "http://schemas.openxmlformats.org/markup-compatibility/2006|Fallback";

/* ---- what styles.xml and numbering.xml say ---- */

typedef struct style {
	char *id, *based;
	int heading; /* its name is "heading N", "Title" or "Subtitle" */
	int has_num, ilvl;
	long num_id;
} style;

enum { F_DECIMAL, F_DECIMAL_ZERO, F_LOWER_LETTER, F_UPPER_LETTER, F_LOWER_ROMAN, F_UPPER_ROMAN, F_BULLET, F_NONE };

typedef struct level {
	int fmt, start;
	char text[32]; /* w:lvlText, "%1." */
} level;

typedef struct abstract {
	long id;
	level lvl[LEVELS];
} abstract;

typedef struct num {
	long id, abstract_id;
	int start[LEVELS]; /* w:startOverride, or -1 */
	int count[LEVELS];
	unsigned char on[LEVELS]; /* count[] holds an item's number */
} num;

/* The reader: one per al_docx_read, over the three parts in turn. */
typedef struct rd {
	al_docx *d;
	const char *name, *part;
	al_error *err;
	XML_Parser p;
	int failed, depth, skip; /* skip: depth of the element whose content is ignored */
	void (*start)(struct rd *r, const char *w, const XML_Char **atts);
	void (*end)(struct rd *r, const char *w);
	int in_ppr, in_numpr;
	/* styles.xml */
	style *styles;
	size_t nstyles, styles_cap;
	int in_style;
	/* numbering.xml */
	abstract *abs;
	size_t nabs, abs_cap;
	num *nums;
	size_t nnums, nums_cap;
	int in_abs, in_num, lvl, override;
	/* document.xml */
	int in_body, p_nest, in_t, prev_list;
	al_buf para;
	char pstyle[64];
	int has_num, ilvl;
	long num_id;
} rd;

/* Fills err with "cannot read NAME: reason" and returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int
fail(rd *r, const char *fmt, ...)
{
	char why[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return al_fail(r->err, AL_ERR_INPUT, r->name, 0, 0, _("cannot read %s: %s"), r->name, why);
}

/* Stops the parser from a handler with err filled. */
static void stop(rd *r)
{
	XML_StopParser(r->p, XML_FALSE);
}

/* ---- names ---- */

/* The local name of a WordprocessingML name ("NS|p"), or NULL. Attributes
 * without a prefix count as Word's own. */
static const char *w_local(const char *name)
{
	const char *bar = strchr(name, NS_SEP);
	if (!bar)
		return name;
	size_t n = (size_t)(bar - name);
	if ((n == sizeof W_NS - 1 && memcmp(name, W_NS, n) == 0) ||
	    (n == sizeof W_NS_STRICT - 1 && memcmp(name, W_NS_STRICT, n) == 0))
		return bar + 1;
	return NULL;
}

static const char *attr(const XML_Char **atts, const char *local)
{
	for (size_t i = 0; atts[i]; i += 2) {
		const char *w = w_local(atts[i]);
		if (w && strcmp(w, local) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* A number attribute, clamped to [lo, hi]; def when missing or not a number. */
static long attr_num(const XML_Char **atts, const char *local, long lo, long hi, long def)
{
	const char *v = attr(atts, local);
	char *end;
	if (!v)
		return def;
	long n = strtol(v, &end, 10);
	if (end == v)
		return def;
	return n < lo ? lo : n > hi ? hi : n;
}

/* Content that is not text of the letter: deleted and moved-away text,
 * field codes, earlier formatting kept by Track Changes, text boxes (their
 * paragraphs sit inside another's), ruby annotations. */
static int skipped(const char *w)
{
	static const char *const names[] = { "del",	   "moveFrom",	 "instrText",	    "delInstrText",
					     "pPrChange",  "rPrChange",	 "sectPrChange",    "tblPrChange",
					     "trPrChange", "tcPrChange", "numberingChange", "txbxContent",
					     "rt",	   NULL };
	for (size_t i = 0; names[i]; i++)
		if (strcmp(w, names[i]) == 0)
			return 1;
	return 0;
}

/* ---- expat's handlers, shared by every part ---- */

static void XMLCALL on_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	rd *r = arg;
	if (r->failed)
		return;
	if (++r->depth > MAX_DEPTH) {
		fail(r, _("the .docx is damaged: %s nests elements deeper than %d levels"), r->part, MAX_DEPTH);
		stop(r);
		return;
	}
	if (r->skip)
		return;
	const char *w = w_local(name);
	if (!w) {
		if (strcmp(name, MC_FALLBACK) == 0) /* the same content again, for older readers */
			r->skip = r->depth;
		return;
	}
	if (skipped(w))
		r->skip = r->depth;
	else
		r->start(r, w, atts);
}

static void XMLCALL on_end(void *arg, const XML_Char *name)
{
	rd *r = arg;
	if (r->failed)
		return;
	if (r->skip) {
		if (r->skip == r->depth)
			r->skip = 0;
	} else {
		const char *w = w_local(name);
		if (w)
			r->end(r, w);
	}
	r->depth--;
}

/* Word never writes a DTD; one could define entities that expand without end. */
static void XMLCALL on_doctype(void *arg, const XML_Char *doctype, const XML_Char *sysid, const XML_Char *pubid,
			       int internal)
{
	rd *r = arg;
	(void)doctype, (void)sysid, (void)pubid, (void)internal;
	fail(r, _("the .docx is damaged: %s has a document type declaration"), r->part);
	stop(r);
}

/* ---- styles.xml: which styles are headings, which carry numbering ---- */

static int heading_name(const char *s)
{
	if (strncasecmp(s, "heading", 7) == 0) {
		s += 7 + (s[7] == ' ');
		return s[0] >= '1' && s[0] <= '9' && !s[1];
	}
	return strcasecmp(s, "title") == 0 || strcasecmp(s, "subtitle") == 0;
}

static void num_props(rd *r, const char *w, const XML_Char **atts, int *has, int *ilvl, long *id)
{
	if (strcmp(w, "numPr") == 0 && r->in_ppr)
		r->in_numpr = 1;
	else if (strcmp(w, "ilvl") == 0 && r->in_numpr)
		*ilvl = (int)attr_num(atts, "val", 0, LEVELS - 1, 0);
	else if (strcmp(w, "numId") == 0 && r->in_numpr) {
		*id = attr_num(atts, "val", 0, 1L << 30, 0);
		*has = 1;
	}
}

static void style_start(rd *r, const char *w, const XML_Char **atts)
{
	if (strcmp(w, "style") == 0) {
		const char *id = attr(atts, "styleId"), *type = attr(atts, "type");
		r->in_style = id && (!type || strcmp(type, "paragraph") == 0);
		if (!r->in_style)
			return;
		al_grow(&r->styles, &r->styles_cap, r->nstyles + 1, sizeof *r->styles);
		style *s = &r->styles[r->nstyles++];
		memset(s, 0, sizeof *s);
		s->id = al_xstrdup(id);
		s->heading = heading_name(id);
		return;
	}
	if (!r->in_style)
		return;
	style *s = &r->styles[r->nstyles - 1];
	const char *v = attr(atts, "val");
	if (strcmp(w, "name") == 0 && v)
		s->heading |= heading_name(v);
	else if (strcmp(w, "basedOn") == 0 && v && !s->based)
		s->based = al_xstrdup(v);
	else if (strcmp(w, "pPr") == 0)
		r->in_ppr = 1;
	else
		num_props(r, w, atts, &s->has_num, &s->ilvl, &s->num_id);
}

static void style_end(rd *r, const char *w)
{
	if (strcmp(w, "style") == 0)
		r->in_style = 0;
	else if (strcmp(w, "pPr") == 0)
		r->in_ppr = 0;
	else if (strcmp(w, "numPr") == 0)
		r->in_numpr = 0;
}

static int cmp_style(const void *a, const void *b)
{
	return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

static const style *find_style(const rd *r, const char *id)
{
	style key = { 0 };
	key.id = (char *)(uintptr_t)id;
	return r->nstyles ? bsearch(&key, r->styles, r->nstyles, sizeof key, cmp_style) : NULL;
}

/* ---- numbering.xml: each list's levels, formats and starts ---- */

static int num_format(const char *v)
{
	static const struct {
		const char *name;
		int fmt;
	} fmts[] = { { "decimalZero", F_DECIMAL_ZERO },
		     { "lowerLetter", F_LOWER_LETTER },
		     { "upperLetter", F_UPPER_LETTER },
		     { "lowerRoman", F_LOWER_ROMAN },
		     { "upperRoman", F_UPPER_ROMAN },
		     { "bullet", F_BULLET },
		     { "none", F_NONE } };
	for (size_t i = 0; v && i < sizeof fmts / sizeof fmts[0]; i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].fmt;
	return F_DECIMAL; /* and every numbering Word has that a letter model cannot read */
}

static void abstract_start(rd *r, const XML_Char **atts)
{
	al_grow(&r->abs, &r->abs_cap, r->nabs + 1, sizeof *r->abs);
	abstract *a = &r->abs[r->nabs++];
	a->id = attr_num(atts, "abstractNumId", -1, 1L << 30, -1);
	for (int l = 0; l < LEVELS; l++) {
		a->lvl[l].fmt = F_DECIMAL;
		a->lvl[l].start = 1;
		snprintf(a->lvl[l].text, sizeof a->lvl[l].text, "%%%d.", l + 1);
	}
	r->in_abs = 1;
	r->lvl = -1;
}

static void level_start(rd *r, const char *w, const XML_Char **atts)
{
	level *lv = &r->abs[r->nabs - 1].lvl[r->lvl];
	const char *v = attr(atts, "val");
	if (strcmp(w, "start") == 0)
		lv->start = (int)attr_num(atts, "val", 0, 100000, 1);
	else if (strcmp(w, "numFmt") == 0)
		lv->fmt = num_format(v);
	else if (strcmp(w, "lvlText") == 0)
		snprintf(lv->text, sizeof lv->text, "%s", v ? v : "");
}

static void numbering_start(rd *r, const char *w, const XML_Char **atts)
{
	if (strcmp(w, "abstractNum") == 0) {
		abstract_start(r, atts);
	} else if (strcmp(w, "num") == 0) {
		al_grow(&r->nums, &r->nums_cap, r->nnums + 1, sizeof *r->nums);
		num *n = &r->nums[r->nnums++];
		memset(n, 0, sizeof *n);
		n->id = attr_num(atts, "numId", -1, 1L << 30, -1);
		n->abstract_id = -1;
		for (int l = 0; l < LEVELS; l++)
			n->start[l] = -1;
		r->in_num = 1;
		r->override = -1;
	} else if (r->in_abs && strcmp(w, "lvl") == 0) {
		r->lvl = (int)attr_num(atts, "ilvl", -1, LEVELS, -1);
		r->lvl = r->lvl >= LEVELS ? -1 : r->lvl;
	} else if (r->in_abs && r->lvl >= 0) {
		level_start(r, w, atts);
	} else if (r->in_num && strcmp(w, "abstractNumId") == 0) {
		r->nums[r->nnums - 1].abstract_id = attr_num(atts, "val", -1, 1L << 30, -1);
	} else if (r->in_num && strcmp(w, "lvlOverride") == 0) {
		r->override = (int)attr_num(atts, "ilvl", -1, LEVELS, -1);
		r->override = r->override >= LEVELS ? -1 : r->override;
	} else if (r->in_num && r->override >= 0 && strcmp(w, "startOverride") == 0) {
		r->nums[r->nnums - 1].start[r->override] = (int)attr_num(atts, "val", 0, 100000, 1);
	}
}

static void numbering_end(rd *r, const char *w)
{
	if (strcmp(w, "abstractNum") == 0)
		r->in_abs = 0;
	else if (strcmp(w, "lvl") == 0)
		r->lvl = -1;
	else if (strcmp(w, "num") == 0)
		r->in_num = 0;
	else if (strcmp(w, "lvlOverride") == 0)
		r->override = -1;
}

static int cmp_abstract(const void *a, const void *b)
{
	long x = ((const abstract *)a)->id, y = ((const abstract *)b)->id;
	return (x > y) - (x < y);
}

static int cmp_num(const void *a, const void *b)
{
	long x = ((const num *)a)->id, y = ((const num *)b)->id;
	return (x > y) - (x < y);
}

static num *find_num(rd *r, long id)
{
	num key = { 0 };
	key.id = id;
	return r->nnums ? bsearch(&key, r->nums, r->nnums, sizeof key, cmp_num) : NULL;
}

static const abstract *find_abstract(const rd *r, long id)
{
	abstract key = { 0 };
	key.id = id;
	return r->nabs ? bsearch(&key, r->abs, r->nabs, sizeof key, cmp_abstract) : NULL;
}

/* ---- list markers ---- */

static void add_roman(al_buf *b, int n, int upper)
{
	static const struct {
		int v;
		const char *s;
	} digits[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
		       { 50, "l" },   { 10, "x" },   { 9, "ix" },  { 5, "v" },	  { 4, "iv" },	{ 1, "i" } };
	for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
		for (; n >= digits[i].v; n -= digits[i].v)
			for (const char *s = digits[i].s; *s; s++)
				al_buf_addc(b, upper ? (char)(*s - 'a' + 'A') : *s);
}

/* n in Word's format fmt: 3 -> "3", "c", "iii"; aa, bb after z as Word does. */
static void add_number(al_buf *b, int n, int fmt)
{
	if ((fmt == F_LOWER_LETTER || fmt == F_UPPER_LETTER) && n > 0 && n <= 26 * 4) {
		for (int k = 0; k <= (n - 1) / 26; k++)
			al_buf_addc(b, (char)((fmt == F_LOWER_LETTER ? 'a' : 'A') + (n - 1) % 26));
	} else if ((fmt == F_LOWER_ROMAN || fmt == F_UPPER_ROMAN) && n > 0 && n < 4000) {
		add_roman(b, n, fmt == F_UPPER_ROMAN);
	} else {
		al_buf_printf(b, fmt == F_DECIMAL_ZERO ? "%02d" : "%d", n);
	}
}

/* The marker of an item at level l of its list: w:lvlText with this level's
 * number in place of its "%N" ("%1." -> "3. "). References to the levels
 * above ("%1.%2.") are left out with their dot: "1.2." is no marker the
 * letter model reads, "2." is. */
static void add_marker(al_buf *b, const level *lv, int l, int n)
{
	if (lv->fmt == F_BULLET) {
		al_buf_adds(b, "- ");
		return;
	}
	size_t had = b->len;
	for (const char *s = lv->text; *s; s++) {
		if (s[0] == '%' && s[1] >= '1' && s[1] <= '9') {
			if (s[1] - '1' == l)
				add_number(b, n, lv->fmt);
			else if (s[2] == '.')
				s++;
			s++;
		} else {
			al_buf_addc(b, *s);
		}
	}
	if (b->len > had)
		al_buf_addc(b, ' ');
}

/* ---- document.xml: the paragraphs ---- */

/* The numbering of the paragraph: its own w:numPr, else its style's (or a
 * style it is based on). Returns the list, or NULL. */
static num *para_list(rd *r, int *ilvl)
{
	long id = r->num_id;
	*ilvl = r->ilvl;
	const style *s = r->pstyle[0] ? find_style(r, r->pstyle) : NULL;
	for (int hops = 0; !r->has_num && s && hops < 10; hops++) {
		if (s->has_num) {
			id = s->num_id;
			*ilvl = s->ilvl;
			break;
		}
		s = s->based ? find_style(r, s->based) : NULL;
	}
	if ((!r->has_num && !(s && s->has_num)) || id == 0) /* numId 0: numbering taken off */
		return NULL;
	return find_num(r, id);
}

static int para_heading(const rd *r)
{
	const style *s = r->pstyle[0] ? find_style(r, r->pstyle) : NULL;
	for (int hops = 0; s && hops < 10; hops++) {
		if (s->heading)
			return 1;
		s = s->based ? find_style(r, s->based) : NULL;
	}
	return r->pstyle[0] && heading_name(r->pstyle);
}

/* Counts the item at level l of list n; returns its number. Deeper levels
 * start again, as in Word. */
static int count_item(num *n, const level *lv, int l)
{
	if (!n->on[l])
		n->count[l] = n->start[l] >= 0 ? n->start[l] : lv->start;
	else if (n->count[l] < 1000000)
		n->count[l]++;
	n->on[l] = 1;
	for (int k = l + 1; k < LEVELS; k++)
		n->on[k] = 0;
	return n->count[l];
}

static int blank(const al_buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\t' && b->data[i] != '\n')
			return 0;
	return 1;
}

/* Adds the paragraph just read to the text: a block of its own, but a list
 * item right under the one before; a heading marked "# ". */
static void flush_para(rd *r)
{
	al_docx *d = r->d;
	al_grow(&d->paras, &d->paras_cap, d->nparas + 1, sizeof *d->paras);
	size_t k = d->nparas++;
	int l = 0, n = 0;
	num *list = para_list(r, &l);
	const abstract *a = list ? find_abstract(r, list->abstract_id) : NULL;
	const level *lv = a ? &a->lvl[l] : NULL;
	if (lv && lv->fmt != F_NONE)
		n = count_item(list, lv, l);
	else
		lv = NULL;
	if (blank(&r->para)) {
		d->paras[k] = d->text.len;
		return;
	}
	if (d->text.len)
		al_buf_adds(&d->text, lv && r->prev_list ? "\n" : "\n\n");
	d->paras[k] = d->text.len;
	if (para_heading(r))
		al_buf_adds(&d->text, "# ");
	for (int i = 0; lv && i < l; i++)
		al_buf_adds(&d->text, "   ");
	if (lv)
		add_marker(&d->text, lv, l, n);
	al_buf_add(&d->text, r->para.data, r->para.len);
	r->prev_list = lv != NULL;
}

static void doc_start(rd *r, const char *w, const XML_Char **atts)
{
	if (strcmp(w, "body") == 0)
		r->in_body = 1;
	if (!r->in_body)
		return;
	if (strcmp(w, "p") == 0) {
		if (r->p_nest++ == 0) {
			al_buf_reset(&r->para);
			r->pstyle[0] = '\0';
			r->has_num = r->ilvl = 0;
			r->num_id = 0;
		}
	} else if (!r->p_nest) {
		return;
	} else if (strcmp(w, "pPr") == 0) {
		r->in_ppr = 1;
	} else if (r->in_ppr) {
		const char *v = attr(atts, "val");
		if (strcmp(w, "pStyle") == 0 && v)
			snprintf(r->pstyle, sizeof r->pstyle, "%s", v);
		else
			num_props(r, w, atts, &r->has_num, &r->ilvl, &r->num_id);
	} else if (strcmp(w, "t") == 0) {
		r->in_t = 1;
	} else if (strcmp(w, "tab") == 0 || strcmp(w, "ptab") == 0) {
		al_buf_addc(&r->para, '\t');
	} else if (strcmp(w, "br") == 0 || strcmp(w, "cr") == 0) {
		al_buf_addc(&r->para, '\n');
	} else if (strcmp(w, "noBreakHyphen") == 0) {
		al_buf_addc(&r->para, '-');
	}
}

static void doc_end(rd *r, const char *w)
{
	if (strcmp(w, "body") == 0)
		r->in_body = 0;
	else if (strcmp(w, "p") == 0 && r->p_nest > 0 && --r->p_nest == 0)
		flush_para(r);
	else if (strcmp(w, "pPr") == 0)
		r->in_ppr = 0;
	else if (strcmp(w, "numPr") == 0)
		r->in_numpr = 0;
	else if (strcmp(w, "t") == 0)
		r->in_t = 0;
}

/* Text of w:t; a line break written into it shows as a space in Word. */
static void XMLCALL on_text(void *arg, const XML_Char *s, int len)
{
	rd *r = arg;
	if (r->failed || r->skip || !r->in_t || !r->p_nest)
		return;
	size_t from = r->para.len;
	al_buf_add(&r->para, s, (size_t)len);
	for (size_t i = from; i < r->para.len; i++)
		if (r->para.data[i] == '\n' || r->para.data[i] == '\r')
			r->para.data[i] = ' ';
}

/* ---- the archive ---- */

/* Checks what the archive says of part before it is unpacked. */
static int check_entry(rd *r, zip_t *z, zip_int64_t idx, size_t max)
{
	zip_stat_t st;
	if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0)
		return fail(r, _("the .docx is damaged (%s)"), zip_strerror(z));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return fail(r, _("it is encrypted; save it as .docx without a password"));
	if (!(st.valid & ZIP_STAT_SIZE))
		return 0;
	if (st.size > max)
		return fail(r, _("%s holds %llu bytes once unpacked, over the limit of %zu (raise it with --max-size)"),
			    r->part, (unsigned long long)st.size, max);
	if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > BOMB_SIZE && st.size / BOMB_RATIO > st.comp_size)
		return fail(r, _("%s unpacks from %llu bytes to %llu: a ZIP bomb, not a letter"), r->part,
			    (unsigned long long)st.comp_size, (unsigned long long)st.size);
	return 0;
}

/* Feeds the unpacked part through the parser; stops at max bytes, since
 * the sizes in the archive may lie. */
static int parse_entry(rd *r, zip_file_t *f, size_t max)
{
	char *buf = al_xmalloc(CHUNK);
	size_t total = 0;
	int rc = 0;
	for (;;) {
		zip_int64_t got = zip_fread(f, buf, CHUNK);
		if (got < 0) {
			rc = fail(r, _("the .docx is damaged (%s)"), zip_file_strerror(f));
			break;
		}
		total += (size_t)got;
		if (total > max) {
			rc = fail(r, _("%s holds more than %zu bytes once unpacked (raise the limit with --max-size)"),
				  r->part, max);
			break;
		}
		if (XML_Parse(r->p, buf, (int)got, got == 0) == XML_STATUS_ERROR) {
			if (!r->failed)
				fail(r, _("the .docx is damaged: %s line %lu, column %lu: %s"), r->part,
				     (unsigned long)XML_GetCurrentLineNumber(r->p),
				     (unsigned long)XML_GetCurrentColumnNumber(r->p) + 1,
				     XML_ErrorString(XML_GetErrorCode(r->p)));
			rc = -1;
			break;
		}
		if (got == 0)
			break;
	}
	free(buf);
	return rc;
}

/* Reads one XML part with the reader's handlers. A missing part is an
 * error only when required. */
static int read_part(rd *r, zip_t *z, const char *part, size_t max, int required)
{
	r->part = part;
	zip_int64_t idx = zip_name_locate(z, part, 0);
	if (idx < 0)
		return required ? fail(r, _("it is not a Word document (it has no %s)"), part) : 0;
	if (check_entry(r, z, idx, max))
		return -1;
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!f)
		return fail(r, _("the .docx is damaged (%s)"), zip_strerror(z));
	r->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!r->p)
		abort(); /* out of memory, as al_xmalloc would */
	XML_SetUserData(r->p, r);
	XML_SetElementHandler(r->p, on_start, on_end);
	XML_SetCharacterDataHandler(r->p, on_text);
	XML_SetStartDoctypeDeclHandler(r->p, on_doctype);
	r->depth = r->skip = r->in_ppr = r->in_numpr = 0;
	int rc = parse_entry(r, f, max);
	XML_ParserFree(r->p);
	r->p = NULL;
	zip_fclose(f);
	return rc;
}

/* An encrypted entry anywhere: Word encrypts none (it writes an OLE file),
 * but a zip tool may; say so rather than "damaged". */
static int check_encrypted(rd *r, zip_t *z)
{
	zip_int64_t n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE)
			return fail(r, _("it is encrypted; save it as .docx without a password"));
	}
	return 0;
}

static zip_t *open_zip(rd *r, const char *bytes, size_t n)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(n ? bytes : "", n, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!z) {
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			fail(r, _("it is damaged or not a .docx (no ZIP archive found in it)"));
		else
			fail(r, _("the .docx is damaged (%s)"), zip_error_strerror(&ze));
		zip_source_free(src);
	}
	zip_error_fini(&ze);
	return z;
}

static void rd_free(rd *r)
{
	for (size_t i = 0; i < r->nstyles; i++) {
		free(r->styles[i].id);
		free(r->styles[i].based);
	}
	free(r->styles);
	free(r->abs);
	free(r->nums);
	al_buf_free(&r->para);
}

int al_docx_is_zip(const char *bytes, size_t n)
{
	return n >= 4 && memcmp(bytes, "PK\3\4", 4) == 0;
}

static int read_parts(rd *r, zip_t *z, size_t max)
{
	if (check_encrypted(r, z))
		return -1;
	r->start = style_start, r->end = style_end;
	if (read_part(r, z, "word/styles.xml", max, 0))
		return -1;
	if (r->nstyles > 1)
		qsort(r->styles, r->nstyles, sizeof *r->styles, cmp_style);
	r->start = numbering_start, r->end = numbering_end;
	if (read_part(r, z, "word/numbering.xml", max, 0))
		return -1;
	if (r->nabs > 1)
		qsort(r->abs, r->nabs, sizeof *r->abs, cmp_abstract);
	if (r->nnums > 1)
		qsort(r->nums, r->nnums, sizeof *r->nums, cmp_num);
	r->start = doc_start, r->end = doc_end;
	if (read_part(r, z, "word/document.xml", max, 1))
		return -1;
	if (r->d->text.len)
		al_buf_addc(&r->d->text, '\n');
	return 0;
}

int al_docx_read(al_docx *d, const char *bytes, size_t n, const char *name, size_t max, al_error *err)
{
	rd r;
	memset(&r, 0, sizeof r);
	r.d = d, r.name = name, r.err = err;
	al_buf_reset(&d->text);
	al_buf_add(&d->text, "", 0);
	d->nparas = 0;
	if (n >= 8 && memcmp(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return fail(&r, _("it is encrypted or an old .doc; save it as .docx without a password"));
	if (n == 0) /* libzip would open it as an archive with nothing in it */
		return fail(&r, _("it is damaged or not a .docx (no ZIP archive found in it)"));
	zip_t *z = open_zip(&r, bytes, n);
	int rc = z ? read_parts(&r, z, max) : -1;
	if (z)
		zip_discard(z);
	rd_free(&r);
	if (rc) {
		al_buf_reset(&d->text);
		d->nparas = 0;
	}
	return rc;
}

size_t al_docx_para_of(const al_docx *d, size_t off)
{
	if (!d->nparas || off < d->paras[0] || off > d->text.len)
		return 0;
	return al_last_at_most(d->paras, d->nparas, off) + 1;
}

void al_docx_free(al_docx *d)
{
	al_buf_free(&d->text);
	free(d->paras);
	d->paras = NULL;
	d->nparas = d->paras_cap = 0;
}
