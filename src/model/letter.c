/* letter.c - from a text to the letter model. Every element is a span into
 * the text; nothing is copied. */
#include "model/letter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SHORT_LINE 60	 /* a heading line is at most this many code points */
#define NAME_LINE 50	 /* a line of a signature block is at most this long */
#define SIGNOFF_LINES 10 /* a sign-off block has at most this many lines */

void al_vocab_free(al_vocab *v)
{
	al_re_free(&v->header);
	al_re_free(&v->salutation);
	al_re_free(&v->signoff);
	al_re_free(&v->titles);
	al_re_free(&v->title_line);
	al_re_free(&v->done);
	for (int r = 0; r < AL_ROLE_COUNT; r++) {
		al_re_free(&v->heading[r]);
		al_re_free(&v->intro[r]);
		al_re_free(&v->item[r]);
	}
	for (size_t i = 0; i < v->nabbrevs; i++)
		free(v->abbrevs[i]);
	free(v->abbrevs);
	memset(v, 0, sizeof *v);
}

/* ---- small helpers over the text ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static size_t cps(const char *s, size_t a, size_t b) /* code points in [a, b) */
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static al_span trim(const char *s, al_span sp)
{
	while (sp.start < sp.end && is_space(s[sp.start]))
		sp.start++;
	while (sp.end > sp.start && is_space(s[sp.end - 1]))
		sp.end--;
	/* a full-width space (U+3000) is white space too */
	while (sp.end - sp.start >= 3 && memcmp(s + sp.start, "\xE3\x80\x80", 3) == 0)
		sp.start += 3;
	return sp;
}

static int span_empty(al_span sp)
{
	return sp.start >= sp.end;
}

/* The regex matches the whole of sp (any of its alternatives). */
static int full_match(const al_re *re, al_matcher *m, const char *s, al_span sp)
{
	size_t me;
	return al_re_anchored(re, m, s, sp.start, sp.end, AL_RE_WHOLE, &me) == 1;
}

static int starts_with(const al_re *re, al_matcher *m, const char *s, al_span sp, size_t *me)
{
	return al_re_anchored(re, m, s, sp.start, sp.end, AL_RE_START, me) == 1;
}

/* ---- list markers ---- */

static const uint32_t bullets[] = {
	0x2022, 0x00B7, 0x25CF, 0x25AA, 0x25E6, 0x25CB, 0x25A0, 0x25A1, 0x27A2, 0x27A4, 0x25BA, 0x25B6,
	0x25C6, 0x25C7, 0x2713, 0x2714, 0x2605, 0x2606, 0x2023, 0x2043, 0x30FB, 0xFF65, 0x2219,
};

static int is_bullet(uint32_t cp)
{
	for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++)
		if (bullets[i] == cp)
			return 1;
	return 0;
}

static int roman_value(const char *s, size_t n)
{
	static const char *const romans[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii" };
	for (int k = 0; k < 12; k++) {
		if (strlen(romans[k]) != n)
			continue;
		size_t j = 0;
		while (j < n && tolower((unsigned char)s[j]) == romans[k][j])
			j++;
		if (j == n)
			return k + 1;
	}
	return 0;
}

/* After a number at k: "," or "，" and text that is not another number
 * ("1, we checked" numbers a line; "12, 15 and 20 units" does not). The
 * offset after the comma, or 0. */
static size_t comma_marker(const char *s, size_t k, size_t end)
{
	size_t after = s[k] == ',' ? k + 1 : end - k >= 3 && memcmp(s + k, "\xEF\xBC\x8C", 3) == 0 ? k + 3 : 0;
	if (!after)
		return 0;
	size_t t = after;
	while (t < end && (s[t] == ' ' || s[t] == '\t'))
		t++;
	return t < end && !isdigit((unsigned char)s[t]) ? after : 0;
}

/* "Step 1:" (or "Step 1 –") at s[i]: fills ln and returns where the item
 * text starts, or 0. */
static size_t read_step(const char *s, size_t i, size_t end, al_line *ln)
{
	if (!(end - i > 5 && strncasecmp(s + i, "step", 4) == 0 && (s[i + 4] == ' ' || s[i + 4] == '\t')))
		return 0;
	size_t k = i + 5;
	while (k < end && s[k] == ' ')
		k++;
	size_t d = k;
	while (k < end && isdigit((unsigned char)s[k]) && k - d < 3)
		k++;
	size_t after = 0;
	if (k > d && k < end && strchr(":.)-", s[k]))
		after = k + 1;
	else if (k > d && k + 3 <= end && s[k] == ' ' && (memcmp(s + k + 1, "\xE2\x80\x93", 3) == 0))
		after = k + 4;
	if (after) {
		ln->marker = AL_MARK_NUMBER;
		ln->style = AL_NUM_STEP;
		ln->number = atoi(s + d);
	}
	return after;
}

/* The label of a numbered item at s[d]: up to three digits, or a single
 * letter or a small roman numeral. Fills value and style and returns where
 * the label ends, or 0 when there is none. */
static size_t read_label(const char *s, size_t d, size_t end, int *value, uint8_t *style)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = d;
	while (k < end && isdigit(u[k]) && k - d < 3)
		k++;
	if (k > d && !(k < end && isdigit(u[k]))) {
		*value = atoi(s + d);
		*style = AL_NUM_DOT;
		return k;
	}
	k = d;
	while (k < end && isalpha(u[k]) && k - d < 4)
		k++;
	if (k == d || (k < end && isalpha(u[k])))
		return 0;
	*value = roman_value(s + d, k - d);
	*style = AL_NUM_ROMAN;
	if (k - d == 1 && !(*value && (s[d] == 'i' || s[d] == 'I' || s[d] == 'v' || s[d] == 'x'))) {
		*value = tolower(u[d]) - 'a' + 1;
		*style = AL_NUM_LETTER;
	} else if (!*value) {
		return 0;
	}
	return k;
}

/* What closes a label at s[k] ("1.", "1)", "(1)", "1、", "1,"): adjusts
 * style and returns where the item text starts, or 0 when nothing does. */
static size_t read_close(const char *s, size_t k, size_t end, int paren, uint8_t *style)
{
	size_t after;
	if (paren) {
		if (s[k] != ')' || k + 1 >= end || (s[k + 1] != ' ' && s[k + 1] != '\t'))
			return 0;
		if (*style == AL_NUM_DOT)
			*style = AL_NUM_PARENS;
		return k + 1;
	}
	if ((s[k] == '.' || s[k] == ')') && k + 1 < end && (s[k + 1] == ' ' || s[k + 1] == '\t')) {
		if (*style == AL_NUM_DOT && s[k] == ')')
			*style = AL_NUM_PAREN;
		return k + 1;
	}
	if (*style != AL_NUM_DOT)
		return 0;
	if (end - k >= 3 && memcmp(s + k, "\xE3\x80\x81", 3) == 0) {
		*style = AL_NUM_COMMA; /* 1、 */
		return k + 3;
	}
	if ((after = comma_marker(s, k, end)) != 0)
		*style = AL_NUM_COMMA; /* "1, we have ...": list-marker-style offers "1." */
	return after;
}

/* Reads a list marker at s[i] (line content starts there, before end).
 * Fills marker, style and number, and returns where the item text starts,
 * or 0 when the line has no marker. */
static size_t read_marker(const char *s, size_t i, size_t end, al_line *ln)
{
	uint32_t cp;
	size_t j = al_utf8_next(s, end, i, &cp);
	ln->number = 0;
	/* bullets: symbol bullets may touch their text, dashes and stars may not */
	if (is_bullet(cp) || ((cp == '-' || cp == '*' || cp == '+' || cp == 0x2013 || cp == 0x2014) && j < end &&
			      (s[j] == ' ' || s[j] == '\t'))) {
		ln->marker = AL_MARK_BULLET;
		return j;
	}
	/* circled numbers */
	if ((cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x2776 && cp <= 0x277F)) {
		ln->marker = AL_MARK_NUMBER;
		ln->style = AL_NUM_CIRCLED;
		ln->number = (int)(cp >= 0x2776 ? cp - 0x2776 + 1 : cp - 0x2460 + 1);
		return j;
	}
	size_t after = read_step(s, i, end, ln);
	if (after)
		return after;
	int paren = s[i] == '(';
	size_t d = i + paren;
	int value;
	uint8_t style;
	size_t k = read_label(s, d, end, &value, &style);
	if (!k || k >= end || !(after = read_close(s, k, end, paren, &style)))
		return 0;
	if (style == AL_NUM_LETTER && s[d] == 'I' && !paren)
		style = AL_NUM_ROMAN, value = 1;
	ln->marker = AL_MARK_NUMBER;
	ln->style = style;
	ln->number = value;
	return after;
}

/* ---- line classification ---- */

static int line_has_lower(const char *s, al_span sp, int *letters)
{
	int lower = 0;
	*letters = 0;
	for (size_t i = sp.start; i < sp.end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalpha(c)) {
			(*letters)++;
			lower |= islower(c) != 0;
		}
	}
	return lower;
}

/* A known title at sp's start, alone or followed by ":" and a sentence;
 * *me is where the title and its colon end. */
static int title_at(const al_vocab *v, al_matcher *m, const char *s, al_span sp, size_t *me)
{
	return al_re_has(&v->title_line) && starts_with(&v->title_line, m, s, sp, me);
}

/* Does content c end in ":" or its full-width form "：" (a line that
 * introduces what follows)? */
static int ends_in_colon(const char *s, al_span c)
{
	return s[c.end - 1] == ':' || (c.end - c.start >= 3 && memcmp(s + c.end - 3, "\xEF\xBC\x9A", 3) == 0);
}

/* A title line that carries a whole sentence after its colon ("Problem: our
 * feed was not synced.") is a labelled paragraph: a heading is short, and
 * its sentence is the writer's words that every rule must read. A title
 * whose sentence introduces what follows ("Plan of Action: we took these
 * steps:") stays a heading. */
static int labelled(const char *s, al_span c, size_t me)
{
	al_span rest = trim(s, (al_span){ me, c.end });
	if (span_empty(rest) || ends_in_colon(s, c))
		return 0;
	return cps(s, c.start, c.end) > SHORT_LINE || memchr(".!?", s[c.end - 1], 3) != NULL;
}

/* The al_headstyle of a heading line, or 0 for other lines. */
static int heading_style(const al_letter *l, const al_vocab *v, al_matcher *m, al_line *ln, int starts_block)
{
	const char *s = l->text->data;
	al_span c = ln->content;
	size_t n = c.end - c.start;
	if (s[c.start] == '#') {
		size_t k = c.start;
		while (k < c.end && s[k] == '#')
			k++;
		if (k - c.start <= 6 && k < c.end && s[k] == ' ') {
			ln->content = trim(s, (al_span){ k, c.end });
			return AL_HEAD_MARKDOWN;
		}
	}
	if (n > 4 && memcmp(s + c.start, "**", 2) == 0) {
		size_t e = c.end;
		if (s[e - 1] == ':')
			e--;
		if (e - c.start > 4 && memcmp(s + e - 2, "**", 2) == 0 &&
		    !memchr(s + c.start + 2, '*', e - c.start - 4)) {
			ln->content = (al_span){ c.start + 2, e - 2 };
			return AL_HEAD_BOLD;
		}
	}
	size_t me;
	if (title_at(v, m, s, c, &me)) {
		if (!labelled(s, c, me) || me - c.start > UINT16_MAX)
			return AL_HEAD_TITLE;
		ln->flags |= AL_LF_LABEL;
		ln->label = (uint16_t)(me - c.start);
		return 0;
	}
	if (!starts_block || cps(s, c.start, c.end) > SHORT_LINE || s[c.end - 1] == '.')
		return 0;
	if (ends_in_colon(s, c))
		return AL_HEAD_COLON;
	int letters;
	return !line_has_lower(s, c, &letters) && letters >= 4 ? AL_HEAD_CAPS : 0;
}

/* "5.Improving our service": a number, a full stop and a capital with no
 * space between is an item only where it goes on from the item numbered
 * one less just above (a list "1, 2, 3, 4," then "5.Improving"); alone,
 * "1.We hired a packer" is a sentence written without a space. Returns
 * where the item text starts, or 0. */
static size_t tight_marker(const al_letter *l, size_t i, al_span c, al_line *ln)
{
	const char *s = l->text->data;
	size_t k = c.start;
	int n = 0;
	while (k < c.end && k < c.start + 3 && isdigit((unsigned char)s[k]))
		n = n * 10 + (s[k++] - '0');
	if (k == c.start || k + 2 >= c.end || s[k] != '.' || !isupper((unsigned char)s[k + 1]) ||
	    !islower((unsigned char)s[k + 2]))
		return 0;
	for (size_t j = i; j-- > 0 && i - j <= 12;) {
		const al_line *p = &l->lines[j];
		if (p->kind == AL_LINE_ITEM && p->marker == AL_MARK_NUMBER) {
			if (p->number != n - 1)
				return 0;
			ln->marker = AL_MARK_NUMBER;
			ln->style = AL_NUM_DOT;
			ln->number = n;
			return k + 1;
		}
	}
	return 0;
}

static void classify(al_letter *l, const al_vocab *v, al_matcher *m, size_t i)
{
	const char *s = l->text->data;
	al_line *ln = &l->lines[i];
	al_span c = trim(s, ln->span);
	ln->content = c;
	ln->indent = 0;
	for (size_t k = ln->span.start; k < c.start; k++)
		ln->indent += s[k] == '\t' ? 4 : 1;
	if (span_empty(c)) {
		ln->kind = AL_LINE_BLANK;
		return;
	}
	if (s[c.start] == '>') {
		ln->kind = AL_LINE_QUOTE;
		ln->content = trim(s, (al_span){ c.start + 1, c.end });
		return;
	}
	const al_line *prev = i > 0 ? &l->lines[i - 1] : NULL;
	int starts_block =
		!prev || prev->part != AL_PART_BODY || (prev->kind != AL_LINE_TEXT && prev->kind != AL_LINE_CONT);
	size_t after = read_marker(s, c.start, c.end, ln);
	if (!after)
		after = tight_marker(l, i, c, ln);
	if (after) {
		al_span rest = trim(s, (al_span){ after, c.end });
		size_t me;
		if (!span_empty(rest) && ln->marker == AL_MARK_NUMBER && title_at(v, m, s, rest, &me) &&
		    !labelled(s, rest, me)) {
			ln->kind = AL_LINE_HEADING; /* "1. Root Cause" titles a section */
			ln->style = AL_HEAD_TITLE;
			ln->content = rest;
			return;
		}
		if (!span_empty(rest)) {
			ln->kind = AL_LINE_ITEM;
			ln->content = rest;
			return;
		}
		ln->marker = AL_MARK_NONE;
	}
	ln->marker = AL_MARK_NONE;
	ln->style = (uint8_t)heading_style(l, v, m, ln, starts_block);
	ln->kind = ln->style ? AL_LINE_HEADING : AL_LINE_TEXT;
}

/* ---- line breaks: wrapped lines or one paragraph per line ---- */

#define WRAP_MAX 100 /* nobody wraps wider: a longer line was not wrapped */

/* How the body's lines were broken: *unwrapped when some line followed by
 * another is too long to be wrapped text, else *wrap is the widest such
 * line (the writer's wrap width). */
static void wrap_width(const al_letter *l, size_t b0, size_t b1, int *unwrapped, size_t *wrap)
{
	const char *s = l->text->data;
	*unwrapped = 0;
	*wrap = 0;
	for (size_t i = b0; i + 1 < b1; i++) {
		uint8_t k = l->lines[i].kind, next = l->lines[i + 1].kind;
		if ((k != AL_LINE_TEXT && k != AL_LINE_ITEM) || next != AL_LINE_TEXT)
			continue;
		size_t n = cps(s, l->lines[i].span.start, l->lines[i].span.end);
		*unwrapped |= n > WRAP_MAX;
		if (n > *wrap)
			*wrap = n;
	}
}

/* Does sp end a sentence (". ! ?" or their full-width forms, maybe inside
 * a closing bracket or quote)? */
static int ends_with_stop(const char *s, al_span sp)
{
	size_t e = sp.end;
	while (e > sp.start && memchr(")\"'", s[e - 1], 3))
		e--;
	if (e >= sp.start + 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
	    ((unsigned char)s[e - 1] == 0x9D || (unsigned char)s[e - 1] == 0x99))
		e -= 3; /* a closing curly quote */
	if (e > sp.start && memchr(".!?", s[e - 1], 3))
		return 1;
	static const char *const full[] = { "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F" };
	for (size_t k = 0; k < 3; k++)
		if (e >= sp.start + 3 && memcmp(s + e - 3, full[k], 3) == 0)
			return 1;
	return 0;
}

/* Does the break after line i end a paragraph though no blank line
 * follows? It does when line i ends a sentence, the next line starts one,
 * and line i is not a wrapped line: the letter has lines too long to be
 * wrapped, or line i stops well short of the wrap width. */
static int soft_end(const al_letter *l, size_t i, int unwrapped, size_t wrap)
{
	const char *s = l->text->data;
	al_span next = l->lines[i + 1].content;
	unsigned char c = (unsigned char)s[next.start];
	if (!ends_with_stop(s, l->lines[i].content) || !(isupper(c) || isdigit(c) || c >= 0x80))
		return 0;
	return unwrapped || cps(s, l->lines[i].span.start, l->lines[i].span.end) * 4 < wrap * 3;
}

/* Does an item follow the text lines from i on, before a blank line? */
static int item_follows(const al_letter *l, size_t i, size_t b1)
{
	while (i < b1 && l->lines[i].kind == AL_LINE_TEXT)
		i++;
	return i < b1 && l->lines[i].kind == AL_LINE_ITEM;
}

/* Marks the text lines that end a paragraph at a single line break. */
static void mark_paragraph_ends(al_letter *l, size_t b0, size_t b1, int unwrapped, size_t wrap)
{
	for (size_t i = b0; i + 1 < b1; i++)
		if (l->lines[i].kind == AL_LINE_TEXT && l->lines[i + 1].kind == AL_LINE_TEXT &&
		    !(l->lines[i + 1].flags & AL_LF_LABEL) && soft_end(l, i, unwrapped, wrap))
			l->lines[i].flags |= AL_LF_PARA_END;
}

/* Text lines under a list item continue it: directly below it, or after a
 * blank line when indented deeper than the item's marker. A sentence on a
 * line of its own after the last item's full stop, in a letter of one
 * paragraph per line, is the next paragraph. */
static void mark_continuations(al_letter *l, size_t b0, size_t b1)
{
	int item_indent = -1; /* indentation of the open item, -1 if none */
	int after_blank = 0, unwrapped;
	size_t wrap;
	wrap_width(l, b0, b1, &unwrapped, &wrap);
	for (size_t i = b0; i < b1; i++) {
		al_line *ln = &l->lines[i];
		switch (ln->kind) {
		case AL_LINE_ITEM:
			item_indent = ln->indent;
			after_blank = 0;
			break;
		case AL_LINE_BLANK:
			after_blank = 1;
			break;
		case AL_LINE_TEXT:
			if (item_indent >= 0 && !after_blank && ln->indent <= item_indent &&
			    soft_end(l, i - 1, unwrapped, wrap) && !item_follows(l, i, b1))
				item_indent = -1;
			if (item_indent >= 0 && !(ln->flags & AL_LF_LABEL) &&
			    (!after_blank || ln->indent > item_indent + 1)) {
				ln->kind = AL_LINE_CONT;
				after_blank = 0;
			} else {
				item_indent = -1;
			}
			break;
		default:
			item_indent = -1;
			break;
		}
	}
	mark_paragraph_ends(l, b0, b1, unwrapped, wrap);
}

/* ---- parts: header, salutation, sign-off ---- */

#define PREAMBLE_LINES 6 /* lines a pasted draft's greeting may come after */

static size_t next_nonblank(const al_letter *l, size_t i, size_t end)
{
	while (i < end && span_empty(l->lines[i].content))
		i++;
	return i;
}

static int is_signoff(const al_letter *l, const al_vocab *v, al_matcher *m, size_t i)
{
	return al_re_has(&v->signoff) && full_match(&v->signoff, m, l->text->data, l->lines[i].content);
}

/* Finds the line where the sign-off block starts, or nlines when there is
 * none: a sign-off line near the end followed only by short lines. */
static size_t find_signoff(const al_letter *l, const al_vocab *v, al_matcher *m, size_t from)
{
	const char *s = l->text->data;
	size_t found = l->nlines, seen = 0;
	for (size_t i = l->nlines; i-- > from && seen < SIGNOFF_LINES;) {
		const al_line *ln = &l->lines[i];
		if (span_empty(ln->content))
			continue;
		seen++;
		if (is_signoff(l, v, m, i))
			found = i;
		else if (found != l->nlines)
			break; /* keep "Thank you." above "Best regards," in the block */
		else if (cps(s, ln->content.start, ln->content.end) > NAME_LINE)
			break;
	}
	return found;
}

/* A greeting line is short and is not a sentence: "Dear Team," but not
 * "Attention to detail was lacking in our warehouse." */
static int is_greeting(const al_letter *l, size_t i)
{
	const char *s = l->text->data;
	al_span c = l->lines[i].content;
	size_t words = 0;
	for (size_t k = c.start; k < c.end; k++)
		words += !is_space(s[k]) && (k == c.start || is_space(s[k - 1]));
	return cps(s, c.start, c.end) <= 80 && (words <= 6 || !strchr(".!?", s[c.end - 1]));
}

/* A short "Label: value" line ("Reason for Suspension: Listing policy"):
 * a label of at most five words, not a sentence, then a colon and a value. */
static int is_label_line(const al_letter *l, size_t i)
{
	const char *s = l->text->data;
	al_span c = l->lines[i].content;
	if (cps(s, c.start, c.end) > 120 || !isalpha((unsigned char)s[c.start]))
		return 0;
	size_t words = 1;
	for (size_t k = c.start; k < c.end && k < c.start + 48; k++) {
		if (s[k] == ':' || !strncmp(s + k, "\xef\xbc\x9a", 3)) /* ":" or "：" */
			return k + 1 < c.end && words <= 5;
		if (strchr(".!?,;", s[k]))
			return 0;
		words += is_space(s[k]) && !is_space(s[k + 1]);
	}
	return 0;
}

/* A title line above the greeting ("Suspended for poor selling
 * performance", "Appeal for ASIN B07XJ8C8F5"): short and not a sentence. */
static int is_title_line(const al_letter *l, size_t i)
{
	const char *s = l->text->data;
	al_span c = l->lines[i].content;
	return !span_empty(c) && cps(s, c.start, c.end) <= 100 && !strchr(".!?,;", s[c.end - 1]) &&
	       l->lines[i].marker == AL_MARK_NONE;
}

static int greeting_at(const al_letter *l, const al_vocab *v, al_matcher *m, size_t i)
{
	size_t me;
	return al_re_has(&v->salutation) && is_greeting(l, i) &&
	       starts_with(&v->salutation, m, l->text->data, l->lines[i].content, &me);
}

/* A draft pasted into a forum: the greeting within the first few lines,
 * after quoted lines ("> Your selling privileges have been removed") and
 * the poster's own line that introduces the letter ("below is our letter,
 * please help:"). Returns the greeting's line, or nlines. */
static size_t after_preamble(const al_letter *l, const al_vocab *v, al_matcher *m, size_t i)
{
	const char *s = l->text->data;
	size_t last = l->nlines;
	for (size_t n = 0; i < l->nlines && n < PREAMBLE_LINES; n++, i = next_nonblank(l, i + 1, l->nlines)) {
		if (greeting_at(l, v, m, i))
			return last < l->nlines && (s[l->lines[last].content.end - 1] == ':' ||
						    s[l->lines[last].content.start] == '>')
				       ? i
				       : l->nlines;
		if (s[l->lines[i].content.start] != '>' && s[l->lines[i].content.end - 1] != ':' &&
		    !is_title_line(l, i))
			last = l->nlines + 1; /* a sentence of the letter: no preamble */
		else if (last != l->nlines + 1)
			last = i;
	}
	return l->nlines;
}

static void find_parts(al_letter *l, const al_vocab *v, al_matcher *m, size_t *body0, size_t *body1)
{
	const char *s = l->text->data;
	size_t i = next_nonblank(l, 0, l->nlines), header_end = 0;
	while (i < l->nlines && al_re_has(&v->header)) {
		size_t me;
		if (!starts_with(&v->header, m, s, l->lines[i].content, &me))
			break;
		l->lines[i].part = AL_PART_HEADER;
		header_end = i + 1;
		i = next_nonblank(l, i + 1, l->nlines);
	}
	/* Markdown title lines, "Label: value" lines and a few short title
	 * lines count as header when a greeting follows them */
	size_t g = i, titles = 0;
	while (g < l->nlines && !greeting_at(l, v, m, g) &&
	       (s[l->lines[g].content.start] == '#' || is_label_line(l, g) || (is_title_line(l, g) && titles++ < 3)))
		g = next_nonblank(l, g + 1, l->nlines);
	if (g >= l->nlines || !greeting_at(l, v, m, g))
		g = after_preamble(l, v, m, i);
	if (g < l->nlines && greeting_at(l, v, m, g)) {
		for (size_t h = i; h < g; h++)
			if (!span_empty(l->lines[h].content)) {
				l->lines[h].part = AL_PART_HEADER;
				header_end = h + 1;
			}
		l->lines[g].part = AL_PART_SALUTATION;
		l->salutation = l->lines[g].content;
		i = g + 1;
	}
	if (header_end)
		l->header = (al_span){ l->lines[0].span.start, l->lines[header_end - 1].span.end };
	*body0 = l->salutation.end > l->salutation.start ? i : header_end;
	*body1 = find_signoff(l, v, m, *body0);
	for (size_t k = *body1; k < l->nlines; k++)
		l->lines[k].part = AL_PART_SIGNOFF;
	if (*body1 < l->nlines)
		l->signoff = (al_span){ l->lines[*body1].content.start, l->text->len };
	while (l->signoff.end > l->signoff.start && is_space(s[l->signoff.end - 1]))
		l->signoff.end--;
}

/* ---- blocks ---- */

static al_block *new_block(al_letter *l, uint8_t kind, size_t line)
{
	al_grow(&l->blocks, &l->blocks_cap, l->nblocks + 1, sizeof *l->blocks);
	al_block *b = &l->blocks[l->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line0 = line;
	b->line1 = line + 1;
	b->indent = l->lines[line].indent;
	b->numbered = l->lines[line].marker == AL_MARK_NUMBER;
	return b;
}

/* Is blank line i inside a sentence, as in text copied double-spaced
 * ("the main reason for the A-to-z claims" / blank / "and chargebacks
 * is ...")? The line before ends no sentence and the one after goes on in
 * lower case: no paragraph starts so. */
static int blank_mid_sentence(const al_letter *l, size_t i, size_t b1)
{
	const char *s = l->text->data;
	uint8_t before = i ? l->lines[i - 1].kind : AL_LINE_BLANK;
	if (i + 1 >= b1 || l->lines[i + 1].kind != AL_LINE_TEXT ||
	    (before != AL_LINE_TEXT && before != AL_LINE_ITEM && before != AL_LINE_CONT))
		return 0;
	al_span a = l->lines[i - 1].content, b = l->lines[i + 1].content;
	return !span_empty(a) && !span_empty(b) && !strchr(".!?:;", s[a.end - 1]) && islower((unsigned char)s[b.start]);
}

static void build_blocks(al_letter *l, size_t b0, size_t b1)
{
	al_block *cur = NULL;
	int blank = 0, glue = 0;
	for (size_t i = b0; i < b1; i++) {
		const al_line *ln = &l->lines[i];
		if (glue && cur && cur->kind == AL_BLOCK_LIST && ln->kind == AL_LINE_TEXT) {
			cur->line1 = i + 1; /* a list item wrapped across a blank line */
			glue = 0;
			continue;
		}
		glue = 0;
		switch (ln->kind) {
		case AL_LINE_BLANK:
			if (cur && cur->kind != AL_BLOCK_QUOTE && blank_mid_sentence(l, i, b1)) {
				glue = 1;
				continue; /* the paragraph or item goes on after it */
			}
			if (cur && cur->kind != AL_BLOCK_LIST)
				cur = NULL;
			blank = 1;
			continue;
		case AL_LINE_HEADING:
			new_block(l, AL_BLOCK_HEADING, i);
			cur = NULL;
			break;
		case AL_LINE_QUOTE:
			if (cur && cur->kind == AL_BLOCK_QUOTE)
				cur->line1 = i + 1;
			else
				cur = new_block(l, AL_BLOCK_QUOTE, i);
			break;
		case AL_LINE_ITEM:
			if (cur && cur->kind == AL_BLOCK_LIST &&
			    (ln->indent > cur->indent + 1 || (ln->marker == AL_MARK_NUMBER) == cur->numbered)) {
				cur->line1 = i + 1;
				if (ln->indent < cur->indent)
					cur->indent = ln->indent;
			} else {
				cur = new_block(l, AL_BLOCK_LIST, i);
			}
			break;
		case AL_LINE_CONT:
			if (cur && cur->kind == AL_BLOCK_LIST) {
				cur->line1 = i + 1;
				break;
			}
			/* fall through */
		default:
			if (cur && cur->kind == AL_BLOCK_PARAGRAPH && !blank && !(ln->flags & AL_LF_LABEL))
				cur->line1 = i + 1;
			else
				cur = new_block(l, AL_BLOCK_PARAGRAPH, i);
			break;
		}
		blank = 0;
	}
	for (size_t k = 0; k < l->nblocks; k++) {
		al_block *b = &l->blocks[k];
		size_t last = b->line1 - 1;
		while (last > b->line0 && l->lines[last].kind == AL_LINE_BLANK)
			last--;
		b->line1 = last + 1;
		b->span = (al_span){ l->lines[b->line0].content.start, l->lines[last].content.end };
		if (b->kind == AL_BLOCK_QUOTE)
			b->span.start = l->lines[b->line0].span.start + (size_t)l->lines[b->line0].indent;
		for (size_t i = b->line0; i < b->line1 && b->kind == AL_BLOCK_LIST; i++)
			b->nitems += l->lines[i].kind == AL_LINE_ITEM && l->lines[i].indent <= b->indent + 1;
	}
}

/* ---- sentences ---- */

static int is_abbrev(const al_vocab *v, const char *s, size_t a, size_t dot)
{
	size_t w = dot;
	while (w > a && (isalpha((unsigned char)s[w - 1]) || s[w - 1] == '.'))
		w--;
	size_t n = dot - w;
	if (n == 0)
		return 0;
	if (n == 1 && isupper((unsigned char)s[w]))
		return 1; /* an initial: "J. Smith" */
	for (size_t i = 0; i < v->nabbrevs; i++)
		if (strlen(v->abbrevs[i]) == n && strncasecmp(v->abbrevs[i], s + w, n) == 0)
			return 1;
	return 0;
}

static void add_sentence(al_letter *l, al_span sp, size_t block)
{
	sp = trim(l->text->data, sp);
	if (span_empty(sp))
		return;
	al_grow(&l->sents, &l->sents_cap, l->nsents + 1, sizeof *l->sents);
	l->sents[l->nsents++] = (al_sentence){ sp, block };
}

static int ends_sentence(const char *s, size_t i, size_t *after)
{
	if (s[i] == '.' || s[i] == '!' || s[i] == '?') {
		*after = i + 1;
		return 1;
	}
	/* 。！？ */
	if ((unsigned char)s[i] == 0xE3 && s[i + 1] == (char)0x80 && s[i + 2] == (char)0x82) {
		*after = i + 3;
		return 1;
	}
	if ((unsigned char)s[i] == 0xEF && s[i + 1] == (char)0xBC &&
	    (s[i + 2] == (char)0x81 || s[i + 2] == (char)0x9F)) {
		*after = i + 3;
		return 1;
	}
	return 0;
}

static void split_sentences(al_letter *l, const al_vocab *v, al_span sp, size_t block)
{
	const char *s = l->text->data;
	size_t start = sp.start;
	for (size_t i = sp.start; i < sp.end; i++) {
		size_t j;
		if (!ends_sentence(s, i, &j) || j > sp.end)
			continue;
		while (j < sp.end && strchr(".!?\"')]", s[j]))
			j++;
		while (j + 3 <= sp.end &&
		       (memcmp(s + j, "\xE2\x80\x9D", 3) == 0 || memcmp(s + j, "\xE2\x80\x99", 3) == 0))
			j += 3;
		if (j < sp.end && !is_space(s[j]) && (unsigned char)s[i] < 0x80)
			continue; /* "1.5", "e.g.," or a URL */
		size_t k = j;
		while (k < sp.end && is_space(s[k]))
			k++;
		if (k < sp.end && islower((unsigned char)s[k]))
			continue;
		if (s[i] == '.' && is_abbrev(v, s, sp.start, i))
			continue;
		add_sentence(l, (al_span){ start, j }, block);
		start = k;
		i = k - 1;
	}
	add_sentence(l, (al_span){ start, sp.end }, block);
}

static void build_sentences(al_letter *l, const al_vocab *v)
{
	for (size_t b = 0; b < l->nblocks; b++) {
		const al_block *bl = &l->blocks[b];
		if (bl->kind != AL_BLOCK_LIST) {
			al_span sp = bl->span;
			if (bl->kind == AL_BLOCK_HEADING)
				sp = l->lines[bl->line0].content;
			split_sentences(l, v, sp, b);
			continue;
		}
		/* each item, with the lines that continue it */
		for (size_t i = bl->line0; i < bl->line1;) {
			size_t e = i + 1;
			while (e < bl->line1 && l->lines[e].kind != AL_LINE_ITEM)
				e++;
			size_t last = e - 1;
			while (last > i && l->lines[last].kind == AL_LINE_BLANK)
				last--;
			split_sentences(l, v, (al_span){ l->lines[i].content.start, l->lines[last].content.end }, b);
			i = e;
		}
	}
}

/* ---- sections and list roles ---- */

/* The role whose pattern ends latest in sp ("To fix these causes we took the
 * following steps:" is about steps; "Preventive measures" is prevention:
 * on a tie the later role wins), or AL_ROLE_OTHER. */
static uint8_t role_of(const al_re *res, al_matcher *m, const char *s, al_span sp)
{
	uint8_t best = AL_ROLE_OTHER;
	size_t best_end = 0;
	for (int r = 1; r < AL_ROLE_COUNT; r++) {
		size_t from = sp.start, ms, me, last = AL_NONE;
		while (al_re_find(&res[r], m, s, from, sp.end, &ms, &me) == 1) {
			last = me;
			from = me;
		}
		if (last != AL_NONE && (best == AL_ROLE_OTHER || last >= best_end)) {
			best = (uint8_t)r;
			best_end = last;
		}
	}
	return best;
}

/* The level of a Markdown heading line ("### " is 3), or 0. */
static int md_level(const al_letter *l, size_t line)
{
	const al_line *ln = &l->lines[line];
	if (ln->kind != AL_LINE_HEADING || ln->style != AL_HEAD_MARKDOWN)
		return 0;
	const char *s = l->text->data;
	size_t k = ln->span.start;
	while (k < ln->span.end && (s[k] == ' ' || s[k] == '\t'))
		k++;
	int n = 0;
	while (k < ln->span.end && s[k] == '#' && n < 6)
		k++, n++;
	return n;
}

/* A Markdown sub-heading that names no role ("### ASIN B07QX3PLMN")
 * belongs to the section above it ("## What went wrong"): what a heading
 * introduces runs down its levels. roles[k] is the role in force at level
 * k + 1; other headings end every level. */
static uint8_t inherit_role(const al_letter *l, size_t line, uint8_t role, uint8_t roles[6])
{
	int lv = md_level(l, line);
	if (!lv) {
		memset(roles, 0, 6);
		return role;
	}
	for (int k = lv - 2; role == AL_ROLE_OTHER && k >= 0; k--)
		role = roles[k];
	roles[lv - 1] = role;
	for (int k = lv; k < 6; k++)
		roles[k] = AL_ROLE_OTHER;
	return role;
}

static void build_sections(al_letter *l, const al_vocab *v, al_matcher *m)
{
	const char *s = l->text->data;
	uint8_t roles[6] = { 0 };
	l->nsections = 0;
	al_grow(&l->sections, &l->sections_cap, 1, sizeof *l->sections);
	l->sections[l->nsections++] = (al_section){ AL_NONE, 0, 0, l->body, AL_ROLE_OTHER };
	for (size_t b = 0; b < l->nblocks; b++) {
		al_block *bl = &l->blocks[b];
		const al_line *first = &l->lines[bl->line0];
		al_span title = first->content;
		if (bl->kind == AL_BLOCK_PARAGRAPH && (first->flags & AL_LF_LABEL))
			title.end = title.start + first->label;
		else if (bl->kind != AL_BLOCK_HEADING)
			title.end = title.start;
		if (title.end > title.start) {
			al_grow(&l->sections, &l->sections_cap, l->nsections + 1, sizeof *l->sections);
			al_section *sec = &l->sections[l->nsections++];
			sec->heading = b;
			sec->block0 = b;
			sec->role = inherit_role(l, bl->line0, role_of(v->heading, m, s, title), roles);
			if (bl->kind == AL_BLOCK_HEADING)
				bl->role = sec->role;
		}
		bl->section = l->nsections - 1;
		l->sections[l->nsections - 1].block1 = b + 1;
	}
	for (size_t k = 0; k < l->nsections; k++) {
		al_section *sec = &l->sections[k];
		if (sec->block1 > sec->block0)
			sec->span = (al_span){ l->blocks[sec->block0].span.start, l->blocks[sec->block1 - 1].span.end };
		else
			sec->span = (al_span){ l->body.start, l->body.start };
	}
}

/* A list's role: from the sentence that introduces it, else from its
 * section, else, for actions only, from what its items say ("We now ..."):
 * a list of causes needs a section or a sentence that introduces it, or a
 * list of buyers' complaints would pass for one. */
static uint8_t list_role(al_letter *l, const al_vocab *v, al_matcher *m, size_t b)
{
	const char *s = l->text->data;
	if (b > 0 && l->blocks[b - 1].kind != AL_BLOCK_LIST) {
		size_t last = AL_NONE;
		for (size_t k = 0; k < l->nsents; k++)
			if (l->sents[k].block == b - 1)
				last = k;
		size_t ms, me;
		if (last != AL_NONE && al_re_has(&v->intro[AL_ROLE_OTHER]) &&
		    al_re_find(&v->intro[AL_ROLE_OTHER], m, s, l->sents[last].span.start, l->sents[last].span.end, &ms,
			       &me) == 1)
			return AL_ROLE_OTHER; /* "please review the documents below:" lists evidence */
		uint8_t r = last == AL_NONE ? AL_ROLE_OTHER : role_of(v->intro, m, s, l->sents[last].span);
		if (r == AL_ROLE_OTHER && l->blocks[b - 1].kind == AL_BLOCK_HEADING)
			r = l->blocks[b - 1].role;
		if (r != AL_ROLE_OTHER)
			return r;
	}
	uint8_t r = l->sections[l->blocks[b].section].role;
	if (r != AL_ROLE_OTHER)
		return r;
	int votes[AL_ROLE_COUNT] = { 0 };
	const al_block *bl = &l->blocks[b];
	for (size_t i = bl->line0; i < bl->line1; i++)
		if (l->lines[i].kind == AL_LINE_ITEM)
			votes[role_of(v->item, m, s, l->lines[i].content)]++;
	/* actions and prevention are both things done: they vote together */
	votes[AL_ROLE_ACTIONS] += votes[AL_ROLE_PREVENTION];
	return votes[AL_ROLE_ACTIONS] > votes[AL_ROLE_CAUSES] ? AL_ROLE_ACTIONS : AL_ROLE_OTHER;
}

/* The roles of a list's items that open with a title of their own ("1.
 * Root cause. Our software ...", "2. Corrective action. On 4 May ..."):
 * such a list holds more than one kind of item. */
static uint8_t item_roles(const al_letter *l, const al_vocab *v, al_matcher *m, size_t b)
{
	const char *s = l->text->data;
	const al_block *bl = &l->blocks[b];
	uint8_t roles = 0;
	for (size_t i = bl->line0; i < bl->line1; i++) {
		al_span c = l->lines[i].content;
		if (l->lines[i].kind != AL_LINE_ITEM || l->lines[i].indent > bl->indent)
			continue;
		size_t k = c.start;
		while (k < c.end && k < c.start + 40 && !strchr(".:", s[k]))
			k++;
		if (k < c.end && k < c.start + 40)
			roles |= (uint8_t)(1u << role_of(v->heading, m, s, (al_span){ c.start, k + 1 }));
	}
	return roles & (uint8_t)~1u; /* AL_ROLE_OTHER says nothing */
}

/* ---- quotations ---- */

#define MAX_QUOTE 400 /* longer "quotes" are more likely a stray mark */

static void add_quote(al_letter *l, size_t a, size_t b)
{
	al_grow(&l->quotes, &l->quotes_cap, l->nquotes + 1, sizeof *l->quotes);
	l->quotes[l->nquotes++] = (al_span){ a, b };
}

/* Quotation blocks, and "..." or “...” pairs inside a block. */
static void find_quotes(al_letter *l)
{
	const char *s = l->text->data;
	l->nquotes = 0;
	for (size_t b = 0; b < l->nblocks; b++) {
		al_span sp = l->blocks[b].span;
		if (l->blocks[b].kind == AL_BLOCK_QUOTE) {
			add_quote(l, sp.start, sp.end);
			continue;
		}
		for (size_t i = sp.start; i < sp.end; i++) {
			const char *close = NULL;
			size_t open_len = 1;
			if (s[i] == '"')
				close = "\"";
			else if (sp.end - i >= 3 && memcmp(s + i, "\xE2\x80\x9C", 3) == 0)
				close = "\xE2\x80\x9D", open_len = 3;
			if (!close)
				continue;
			size_t cl = strlen(close), k = i + open_len;
			while (k + cl <= sp.end && k - i < MAX_QUOTE && memcmp(s + k, close, cl) != 0)
				k++;
			if (k + cl > sp.end || k - i >= MAX_QUOTE)
				continue;
			add_quote(l, i, k + cl);
			i = k + cl - 1;
		}
	}
}

int al_letter_in_label(const al_letter *l, size_t off)
{
	size_t i = al_text_line_of(l->text, off);
	return i < l->nlines && (l->lines[i].flags & AL_LF_LABEL) &&
	       off < l->lines[i].content.start + l->lines[i].label;
}

int al_letter_quoted(const al_letter *l, al_span sp)
{
	for (size_t i = 0; i < l->nquotes; i++)
		if (sp.start >= l->quotes[i].start && sp.end <= l->quotes[i].end)
			return 1;
	return 0;
}

/* 1 when the word at [a, b) starts with a capital and is not all capitals. */
static int capitalised(const char *s, size_t a, size_t b)
{
	if (a >= b || !isupper((unsigned char)s[a]))
		return 0;
	for (size_t i = a + 1; i < b; i++)
		if (islower((unsigned char)s[i]))
			return 1;
	return 0;
}

/* The word just before byte a, separated by one space only, or 0. */
static int word_before(const char *s, size_t lo, size_t a, al_span *w)
{
	if (a < lo + 2 || s[a - 1] != ' ')
		return 0;
	size_t e = a - 1, b = e;
	while (b > lo && (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '\''))
		b--;
	if (b == e)
		return 0;
	*w = (al_span){ b, e };
	return 1;
}

int al_letter_named(const al_letter *l, al_span sp)
{
	const char *s = l->text->data;
	/* a bound, not the line's start: scanning back to it made a long
	 * one-line letter quadratic; a word never crosses a newline anyway */
	size_t n = l->text->len, lo = sp.start > 256 ? sp.start - 256 : 0;
	al_span w, prev;
	size_t pos = sp.start;
	while (al_next_word(s, &pos, sp.end, &w)) {
		if (!capitalised(s, w.start, w.end))
			return 0;
		pos = w.end;
	}
	if (!word_before(s, lo, sp.start, &prev))
		return 0; /* first of its line, or after punctuation: a sentence may start here */
	al_span pp;	  /* a capital opening a sentence ("Our") does not make a name */
	if (capitalised(s, prev.start, prev.end) && word_before(s, lo, prev.start, &pp))
		return 1;
	pos = sp.end;
	return pos < n && s[pos] == ' ' && al_next_word(s, &pos, n, &w) && w.start == sp.end + 1 &&
	       capitalised(s, w.start, w.end);
}

int al_letter_not_own(const al_letter *l, al_span sp)
{
	return al_letter_quoted(l, sp) || al_letter_named(l, sp);
}

/* ---- opening and closing ---- */

static int is_name_block(const al_letter *l, const al_block *b)
{
	const char *s = l->text->data;
	if (b->kind != AL_BLOCK_PARAGRAPH)
		return 0;
	for (size_t i = b->line0; i < b->line1; i++) {
		al_span c = l->lines[i].content;
		if (span_empty(c))
			continue;
		if (cps(s, c.start, c.end) > NAME_LINE || strchr(".!?;:,", s[c.end - 1]))
			return 0;
	}
	return 1;
}

static void find_opening_closing(al_letter *l)
{
	l->nopening = 0;
	for (size_t b = 0; b < l->nblocks && l->nopening < 2; b++)
		if (l->blocks[b].kind == AL_BLOCK_PARAGRAPH)
			l->opening[l->nopening++] = b;
	size_t n = l->nblocks;
	if (span_empty(l->signoff))
		while (n > 1 && is_name_block(l, &l->blocks[n - 1]) && is_name_block(l, &l->blocks[n - 2]))
			n--; /* a signature spread over blocks counts as one */
	l->closing0 = n >= 2 ? n - 2 : 0;
	size_t start = l->nblocks ? l->blocks[l->closing0].span.start : l->body.end;
	if (!l->nblocks && !span_empty(l->signoff))
		start = l->signoff.start;
	l->closing = (al_span){ start, l->text->len };
}

static void list_words(al_letter *l)
{
	const al_text *t = l->text;
	size_t pos = t->start;
	al_span w;
	l->nwords = 0;
	while (al_next_word(t->data, &pos, t->len, &w)) {
		if (l->nwords == l->words_cap)
			al_grow(&l->words, &l->words_cap, l->nwords + 1, sizeof *l->words);
		l->words[l->nwords++] = w;
	}
}

void al_letter_parse(al_letter *l, const al_text *t, const al_vocab *v, al_matcher *m, int markdown)
{
	l->text = t;
	l->markdown = markdown;
	l->nlines = l->nblocks = l->nsections = l->nsents = 0;
	l->header = l->salutation = l->signoff = (al_span){ t->start, t->start };
	al_grow(&l->lines, &l->lines_cap, t->nlines, sizeof *l->lines);
	for (size_t i = 0; i < t->nlines; i++) {
		al_line *ln = &l->lines[l->nlines++];
		memset(ln, 0, sizeof *ln);
		ln->span = (al_span){ t->lines[i], al_text_line_end(t, i) };
		ln->content = trim(t->data, ln->span);
		ln->kind = span_empty(ln->content) ? AL_LINE_BLANK : AL_LINE_TEXT;
		ln->part = AL_PART_BODY;
	}
	size_t b0, b1;
	find_parts(l, v, m, &b0, &b1);
	for (size_t i = b0; i < b1; i++)
		classify(l, v, m, i);
	mark_continuations(l, b0, b1);
	build_blocks(l, b0, b1);
	l->body = l->nblocks ? (al_span){ l->blocks[0].span.start, l->blocks[l->nblocks - 1].span.end }
			     : (al_span){ b0 < l->nlines ? l->lines[b0].span.start : t->len,
					  b0 < l->nlines ? l->lines[b0].span.start : t->len };
	build_sections(l, v, m);
	build_sentences(l, v);
	for (size_t b = 0; b < l->nblocks; b++)
		if (l->blocks[b].kind == AL_BLOCK_LIST) {
			l->blocks[b].role = list_role(l, v, m, b);
			l->blocks[b].item_roles = item_roles(l, v, m, b);
		}
	find_opening_closing(l);
	find_quotes(l);
	list_words(l);
}

void al_letter_free(al_letter *l)
{
	free(l->lines);
	free(l->blocks);
	free(l->sections);
	free(l->sents);
	free(l->quotes);
	free(l->words);
	memset(l, 0, sizeof *l);
}

/* ---- scopes ---- */

static const char *const scope_names[AL_SCOPE_COUNT] = {
	"letter",      "body",	       "opening",	 "closing",	    "salutation",
	"signoff",     "header",       "heading",	 "paragraph",	    "list",
	"sentence",    "text",	       "section:causes", "section:actions", "section:prevention",
	"list:causes", "list:actions", "item:causes",	 "item:actions",
};

int al_scope_parse(const char *name)
{
	for (int i = 0; i < AL_SCOPE_COUNT; i++)
		if (strcmp(name, scope_names[i]) == 0)
			return i;
	return -1;
}

const char *al_scope_name(al_scope s)
{
	return (unsigned)s < AL_SCOPE_COUNT ? scope_names[s] : "?";
}

static void push(al_span **arr, size_t *cap, size_t *n, al_span sp)
{
	if (span_empty(sp))
		return;
	al_grow(arr, cap, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = sp;
}

static int has_list(const al_letter *l, uint8_t role)
{
	for (size_t b = 0; b < l->nblocks; b++)
		if (l->blocks[b].kind == AL_BLOCK_LIST && l->blocks[b].role == role)
			return 1;
	return 0;
}

static void push_blocks(const al_letter *l, int kind, al_span **arr, size_t *cap, size_t *n)
{
	for (size_t b = 0; b < l->nblocks; b++)
		if (kind < 0 ? l->blocks[b].kind != AL_BLOCK_QUOTE : l->blocks[b].kind == kind)
			push(arr, cap, n, l->blocks[b].span);
}

/* The paragraphs as the writer broke them: a paragraph block split where
 * one of its lines ends a paragraph at a single line break. */
static void push_paragraphs(const al_letter *l, al_span **arr, size_t *cap, size_t *n)
{
	for (size_t b = 0; b < l->nblocks; b++) {
		const al_block *bl = &l->blocks[b];
		if (bl->kind != AL_BLOCK_PARAGRAPH)
			continue;
		size_t from = bl->span.start;
		for (size_t i = bl->line0; i + 1 < bl->line1; i++)
			if (l->lines[i].flags & AL_LF_PARA_END) {
				push(arr, cap, n, (al_span){ from, l->lines[i].content.end });
				from = l->lines[i + 1].content.start;
			}
		push(arr, cap, n, (al_span){ from, bl->span.end });
	}
}

/* The first two paragraphs; a sentence that ends in ":" reads as a heading,
 * but among them it is still the writer's opening words. */
static void push_opening(const al_letter *l, al_span **arr, size_t *cap, size_t *n)
{
	for (size_t b = 0; l->nopening && b <= l->opening[l->nopening - 1]; b++)
		if (l->blocks[b].kind == AL_BLOCK_PARAGRAPH ||
		    (l->blocks[b].kind == AL_BLOCK_HEADING && l->lines[l->blocks[b].line0].style == AL_HEAD_COLON))
			push(arr, cap, n, l->blocks[b].span);
}

/* The sentences outside quotations; with headings unless only text is wanted. */
static void push_sentences(const al_letter *l, int headings, al_span **arr, size_t *cap, size_t *n)
{
	for (size_t k = 0; k < l->nsents; k++) {
		uint8_t kind = l->blocks[l->sents[k].block].kind;
		if (kind != AL_BLOCK_QUOTE && (headings || kind != AL_BLOCK_HEADING))
			push(arr, cap, n, l->sents[k].span);
	}
}

static void push_sections(const al_letter *l, uint8_t role, al_span **arr, size_t *cap, size_t *n)
{
	for (size_t k = 0; k < l->nsections; k++)
		if (l->sections[k].role == role)
			push(arr, cap, n, l->sections[k].span);
}

/* The top-level items of a list block, each with its continuation lines
 * and without the blank lines after it. */
static void push_items(const al_letter *l, const al_block *bl, al_span **arr, size_t *cap, size_t *n)
{
	for (size_t i = bl->line0; i < bl->line1; i++) {
		if (l->lines[i].kind != AL_LINE_ITEM || l->lines[i].indent > bl->indent + 1)
			continue;
		size_t e = i + 1;
		while (e < bl->line1 && !(l->lines[e].kind == AL_LINE_ITEM && l->lines[e].indent <= bl->indent + 1))
			e++;
		size_t last = e - 1;
		while (last > i && l->lines[last].kind == AL_LINE_BLANK)
			last--;
		push(arr, cap, n, (al_span){ l->lines[i].content.start, l->lines[last].content.end });
	}
}

/* The lists of causes or of actions, or their items; the corrective lists,
 * and the preventive ones only when there are none. */
static void push_role_lists(const al_letter *l, al_scope s, al_span **arr, size_t *cap, size_t *n)
{
	int causes = s == AL_SCOPE_LIST_CAUSES || s == AL_SCOPE_ITEM_CAUSES;
	int items = s == AL_SCOPE_ITEM_CAUSES || s == AL_SCOPE_ITEM_ACTIONS;
	uint8_t want = causes ? AL_ROLE_CAUSES : AL_ROLE_ACTIONS;
	if (!causes && !has_list(l, AL_ROLE_ACTIONS))
		want = AL_ROLE_PREVENTION;
	size_t before = *n;
	for (size_t b = 0; b < l->nblocks; b++) {
		const al_block *bl = &l->blocks[b];
		if (bl->kind != AL_BLOCK_LIST || bl->role != want)
			continue;
		if (items)
			push_items(l, bl, arr, cap, n);
		else
			push(arr, cap, n, bl->span);
	}
	/* a section written as prose instead of a list: its paragraphs */
	if (*n == before && !items)
		for (size_t b = 0; b < l->nblocks; b++) {
			if (l->blocks[b].kind == AL_BLOCK_PARAGRAPH &&
			    l->sections[l->blocks[b].section].role == (causes ? AL_ROLE_CAUSES : AL_ROLE_ACTIONS))
				push(arr, cap, n, l->blocks[b].span);
		}
}

size_t al_letter_scope(const al_letter *l, al_scope s, al_span **arr, size_t *cap)
{
	size_t n = 0;
	switch (s) {
	case AL_SCOPE_LETTER:
		push(arr, cap, &n, (al_span){ l->text->start, l->text->len });
		break;
	case AL_SCOPE_BODY:
		push_blocks(l, -1, arr, cap, &n);
		break;
	case AL_SCOPE_OPENING:
		push_opening(l, arr, cap, &n);
		break;
	case AL_SCOPE_CLOSING:
		push(arr, cap, &n, l->closing);
		break;
	case AL_SCOPE_SALUTATION:
		push(arr, cap, &n, l->salutation);
		break;
	case AL_SCOPE_SIGNOFF:
		push(arr, cap, &n, l->signoff);
		break;
	case AL_SCOPE_HEADER:
		push(arr, cap, &n, l->header);
		break;
	case AL_SCOPE_HEADING:
		push_blocks(l, AL_BLOCK_HEADING, arr, cap, &n);
		break;
	case AL_SCOPE_PARAGRAPH:
		push_paragraphs(l, arr, cap, &n);
		break;
	case AL_SCOPE_LIST:
		push_blocks(l, AL_BLOCK_LIST, arr, cap, &n);
		break;
	case AL_SCOPE_SENTENCE:
	case AL_SCOPE_TEXT:
		push_sentences(l, s == AL_SCOPE_SENTENCE, arr, cap, &n);
		break;
	case AL_SCOPE_CAUSES:
	case AL_SCOPE_ACTIONS:
	case AL_SCOPE_PREVENTION:
		push_sections(l, (uint8_t)(AL_ROLE_CAUSES + (s - AL_SCOPE_CAUSES)), arr, cap, &n);
		break;
	case AL_SCOPE_LIST_CAUSES:
	case AL_SCOPE_LIST_ACTIONS:
	case AL_SCOPE_ITEM_CAUSES:
	case AL_SCOPE_ITEM_ACTIONS:
		push_role_lists(l, s, arr, cap, &n);
		break;
	default:
		break;
	}
	return n;
}

/* ---- words ---- */

/* ASCII letters and digits: the bytes most words are made of. */
static int ascii_alnum(unsigned char b)
{
	return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

static int word_char(const char *s, size_t i, size_t end, size_t *next)
{
	unsigned char b = (unsigned char)s[i];
	if (b < 0x80) { /* most text: no decoding, no locale */
		*next = i + 1;
		return ascii_alnum(b);
	}
	uint32_t cp;
	*next = al_utf8_next(s, end, i, &cp);
	/* Latin letters with diacritics; CJK and symbols are not English words */
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

int al_next_word(const char *s, size_t *pos, size_t end, al_span *word)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = *pos, next;
	for (; i < end; i = next) {
		if (u[i] < 0x80) { /* the common case, without a call */
			next = i + 1;
			if (ascii_alnum(u[i]))
				break;
		} else if (word_char(s, i, end, &next)) {
			break;
		}
	}
	if (i >= end) {
		*pos = end;
		return 0;
	}
	size_t start = i;
	while (i < end) {
		while (i < end && ascii_alnum(u[i]))
			i++;
		if (i < end && u[i] >= 0x80 && word_char(s, i, end, &next)) {
			i = next;
			continue;
		}
		/* an apostrophe or hyphen inside a word: "don't", "A-to-z" */
		size_t k = i, after;
		if (i >= end)
			break;
		if (s[i] == '\'' || s[i] == '-')
			k = i + 1;
		else if (end - i >= 3 && memcmp(s + i, "\xE2\x80\x99", 3) == 0)
			k = i + 3;
		if (k > i && k < end && word_char(s, k, end, &after)) {
			i = after;
			continue;
		}
		break;
	}
	*word = (al_span){ start, i };
	*pos = i;
	return 1;
}

void al_words_start(al_words *it, const al_letter *l, al_span sp)
{
	size_t lo = 0, hi = l->nwords;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->words[mid].start < sp.start)
			lo = mid + 1;
		else
			hi = mid;
	}
	*it = (al_words){ l, lo, sp.start, sp.end };
}

int al_letter_blank(const al_letter *l)
{
	for (size_t i = 0; i < l->nlines; i++)
		if (l->lines[i].content.end > l->lines[i].content.start)
			return 0;
	return 1;
}

/* ---- invariants ---- */

const char *al_letter_check(const al_letter *l)
{
	size_t len = l->text->len;
	for (size_t b = 0; b < l->nblocks; b++) {
		const al_block *bl = &l->blocks[b];
		if (bl->span.start > bl->span.end || bl->span.end > len)
			return "block span outside the text";
		if (b > 0 && l->blocks[b - 1].span.end > bl->span.start)
			return "blocks overlap or are out of order";
		if (bl->line0 >= bl->line1 || bl->line1 > l->nlines)
			return "block lines out of range";
		if (bl->kind == AL_BLOCK_LIST && (bl->nitems == 0 || l->lines[bl->line0].kind != AL_LINE_ITEM))
			return "list without an item at its start";
	}
	for (size_t k = 0; k < l->nsents; k++) {
		const al_sentence *se = &l->sents[k];
		const al_span bs = l->blocks[se->block].span;
		if (se->span.start < bs.start || se->span.end > bs.end || se->span.start >= se->span.end)
			return "sentence outside its block";
		if (k > 0 && l->sents[k - 1].span.end > se->span.start)
			return "sentences overlap";
	}
	if (l->nopening > 2 || (l->nblocks && l->closing0 >= l->nblocks))
		return "opening or closing out of range";
	for (size_t k = 0; k < l->nsections; k++)
		if (l->sections[k].block1 < l->sections[k].block0)
			return "section with negative extent";
	return NULL;
}
