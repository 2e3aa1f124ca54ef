/* text.c - decoding and the line index. */
#include "input/text.h"
#include "base/lang.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SLACK 64 /* zeroed bytes kept after the text */

size_t al_utf8_valid_len(const unsigned char *s, size_t n, size_t i)
{
	unsigned c = s[i];
	size_t len;
	uint32_t min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, min = 0x10000;
	else
		return 0;
	if (i + len > n)
		return 0;
	uint32_t cp = c & (0x3F >> (len - 1));
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

size_t al_utf8_next(const char *s, size_t n, size_t i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = al_utf8_valid_len(u, n, i);
	if (len == 0) {
		*cp = 0xFFFD;
		return i + 1;
	}
	uint32_t c = len == 1 ? u[i] : (uint32_t)(u[i] & (0x3F >> (len - 1)));
	for (size_t k = 1; k < len; k++)
		c = (c << 6) | (u[i + k] & 0x3F);
	*cp = c;
	return i + len;
}

static void put_utf8(al_text *t, uint32_t cp)
{
	al_grow(&t->data, &t->cap, t->len + 5, 1);
	char *o = t->data + t->len;
	if (cp < 0x80) {
		o[0] = (char)cp;
		t->len += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		t->len += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		t->len += 3;
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		t->len += 4;
	}
}

/* UTF-16 (after its BOM) to UTF-8; an unpaired surrogate or a lone last
 * byte becomes U+FFFD and marks the text as badly encoded there. */
static void decode_utf16(al_text *t, const unsigned char *s, size_t n, int be)
{
	size_t i = 0;
	while (i + 1 < n) {
		uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
			uint32_t lo = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				i += 2;
				put_utf8(t, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			if (t->bad == AL_NONE)
				t->bad = t->len;
			u = 0xFFFD;
		}
		if (u == 0 && t->nul == AL_NONE)
			t->nul = t->len;
		put_utf8(t, u);
	}
	if (i < n) {
		if (t->bad == AL_NONE)
			t->bad = t->len;
		put_utf8(t, 0xFFFD);
	}
}

static void scan_utf8(al_text *t)
{
	const unsigned char *u = (const unsigned char *)t->data;
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	for (size_t i = t->start; i < t->len;) {
		uint64_t x;
		if (i + 8 <= t->len && (memcpy(&x, u + i, 8), !(x & highs) && !((x - ones) & ~x & highs))) {
			i += 8; /* eight ASCII bytes, none of them NUL */
			continue;
		}
		if (u[i] == 0 && t->nul == AL_NONE)
			t->nul = i;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = al_utf8_valid_len(u, t->len, i);
		if (k == 0) {
			t->bad = i;
			/* the first bad byte is all we report; NULs still need finding */
			if (t->nul == AL_NONE) {
				const char *z = memchr(t->data + i, 0, t->len - i);
				if (z)
					t->nul = (size_t)(z - t->data);
			}
			return;
		}
		i += k;
	}
}

static void add_line(al_text *t, size_t off)
{
	al_grow(&t->lines, &t->lines_cap, t->nlines + 1, sizeof *t->lines);
	t->lines[t->nlines++] = off;
}

static size_t units_between(const al_text *t, size_t a, size_t b)
{
	size_t n = 0;
	uint32_t cp;
	while (a < b) {
		a = al_utf8_next(t->data, t->len, a, &cp);
		n += cp >= 0x10000 ? 2 : 1;
	}
	return n;
}

static void index_lines(al_text *t)
{
	t->nlines = 0;
	add_line(t, t->start);
	const char *d = t->data;
	for (size_t i = t->start; i < t->len; i++) {
		if (d[i] == '\n') {
			add_line(t, i + 1);
		} else if (d[i] == '\r') {
			if (i + 1 < t->len && d[i + 1] == '\n')
				i++;
			add_line(t, i + 1);
		}
	}
	if (t->enc != AL_ENC_UTF16LE && t->enc != AL_ENC_UTF16BE)
		return;
	al_grow(&t->units, &t->units_cap, t->nlines, sizeof *t->units);
	t->units[0] = 0;
	for (size_t l = 1; l < t->nlines; l++)
		t->units[l] = t->units[l - 1] + units_between(t, t->lines[l - 1], t->lines[l]);
}

void al_text_set(al_text *t, const char *bytes, size_t n)
{
	const unsigned char *u = (const unsigned char *)bytes;
	t->len = t->start = 0;
	t->bad = t->nul = AL_NONE;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		int be = u[0] == 0xFE;
		t->enc = be ? AL_ENC_UTF16BE : AL_ENC_UTF16LE;
		al_grow(&t->data, &t->cap, n + 1, 1);
		decode_utf16(t, u + 2, n - 2, be);
	} else {
		al_grow(&t->data, &t->cap, n + 1, 1);
		memcpy(t->data, bytes, n);
		t->len = n;
		t->enc = AL_ENC_UTF8;
		if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
			t->enc = AL_ENC_UTF8_BOM;
			t->start = 3;
		}
		scan_utf8(t);
	}
	/* pcre2's JIT may read a little past the subject: keep that defined */
	al_grow(&t->data, &t->cap, t->len + SLACK, 1);
	memset(t->data + t->len, 0, SLACK);
	index_lines(t);
}

/* What a file that is plainly not a letter is (a N_() text), or NULL. The
 * signatures are those of the files staff save by mistake; other bytes
 * count as binary when over a tenth of the first 8 KiB are control
 * characters (a letter with a stray NUL is still linted, and told so). */
static const char *binary_kind(const unsigned char *s, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *kind;
	} sig[] = {
		{ "\x89PNG\r\n\x1a\n", 8, N_("a PNG image") },
		{ "\xff\xd8\xff", 3, N_("a JPEG image") },
		{ "GIF8", 4, N_("a GIF image") },
		{ "%PDF-", 5, N_("a PDF document") },
		{ "PK\x03\x04", 4, N_("a ZIP archive or a Word (.docx) document") },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, N_("a Word (.doc) document") },
		{ "{\\rtf", 5, N_("an RTF document") },
		{ "\x7f"
		  "ELF",
		  4, N_("a program") },
	};
	for (size_t i = 0; i < sizeof sig / sizeof sig[0]; i++)
		if (n >= sig[i].len && memcmp(s, sig[i].magic, sig[i].len) == 0)
			return sig[i].kind;
	if ((n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))))
		return NULL; /* UTF-16 */
	size_t head = n < 8192 ? n : 8192, ctl = 0;
	for (size_t i = 0; i < head; i++)
		ctl += s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f' && s[i] != 0x1B;
	return ctl * 10 > head ? N_("binary data") : NULL;
}

/* Why a file of this type cannot be a letter, or NULL. A device or socket
 * is no letter: /dev/null would read as an empty letter, /dev/zero as one
 * too large, and opening some devices acts on them. */
static const char *not_letter(mode_t mode)
{
	if (S_ISDIR(mode))
		return _("it is a folder without .txt, .md or .docx letters");
	if (!S_ISREG(mode) && !S_ISFIFO(mode))
		return _("it is not a file");
	return NULL;
}

/* Opens path for reading without waiting for a writer (a FIFO nobody
 * writes to reads as empty instead of hanging); -1 with err. The type is
 * checked before the open (a socket cannot be opened, a device should not
 * be) and again after it, on what was opened. */
static int open_input(const char *path, const char *name, al_error *err)
{
	struct stat st;
	const char *why = stat(path, &st) == 0 ? not_letter(st.st_mode) : NULL;
	if (why)
		return al_fail(err, AL_ERR_INPUT, name, 0, 0, _("cannot read %s: %s"), name, why);
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return al_fail(err, AL_ERR_IO, name, 0, 0, _("cannot open %s: %s"), name, strerror(errno));
	if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else
		why = not_letter(st.st_mode);
	if (!why && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
		why = strerror(errno);
	if (why) {
		close(fd);
		return al_fail(err, AL_ERR_INPUT, name, 0, 0, _("cannot read %s: %s"), name, why);
	}
	return fd;
}

static int too_large(const char *name, size_t max, al_error *err)
{
	return al_fail(err, AL_ERR_INPUT, name, 0, 0,
		       _("%s is larger than the limit of %zu bytes (raise it with --max-size)"), name, max);
}

/* Reads fd to its end, at most max bytes, into t->raw. */
static int read_all(al_text *t, int fd, const char *name, size_t max, al_error *err)
{
	size_t n = 0;
	for (;;) {
		al_grow(&t->raw, &t->raw_cap, n + 65536, 1);
		size_t want = t->raw_cap - n;
		if (max - n < want) /* read one byte past max to notice a larger file */
			want = max - n + 1;
		ssize_t r = read(fd, t->raw + n, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return al_fail(err, AL_ERR_IO, name, 0, 0, _("cannot read %s: %s"), name,
				       errno == EBADF && fd == STDIN_FILENO ? _("standard input is closed")
									    : strerror(errno));
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max)
			return too_large(name, max, err);
	}
	t->raw_len = n;
	return 0;
}

int al_text_read_raw(al_text *t, const char *path, const char *name, size_t max, al_error *err)
{
	int fd = path ? open_input(path, name, err) : STDIN_FILENO;
	if (fd < 0)
		return -1;
	t->raw_len = 0;
	int rc = read_all(t, fd, name, max, err);
	if (path)
		close(fd);
	return rc;
}

int al_text_set_raw(al_text *t, const char *bytes, size_t n, const char *name, size_t max, al_error *err)
{
	t->raw_len = 0;
	if (n > max)
		return too_large(name, max, err);
	al_grow(&t->raw, &t->raw_cap, n + 1, 1);
	memcpy(t->raw, bytes, n);
	t->raw_len = n;
	return 0;
}

int al_text_load_raw(al_text *t, const char *name, al_error *err)
{
	const char *kind = binary_kind((const unsigned char *)t->raw, t->raw_len);
	if (kind)
		return al_fail(err, AL_ERR_INPUT, name, 0, 0,
			       _("cannot check %s: it is %s, not a plain-text letter (save the letter as .txt)"), name,
			       _(kind));
	al_text_set(t, t->raw, t->raw_len);
	return 0;
}

int al_text_read(al_text *t, const char *path, const char *name, size_t max, al_error *err)
{
	if (al_text_read_raw(t, path, name, max, err))
		return -1;
	return al_text_load_raw(t, name, err);
}

size_t al_text_line_of(const al_text *t, size_t off)
{
	return al_last_at_most(t->lines, t->nlines, off);
}

size_t al_text_line_end(const al_text *t, size_t line)
{
	size_t e = line + 1 < t->nlines ? t->lines[line + 1] : t->len;
	while (e > t->lines[line] && (t->data[e - 1] == '\n' || t->data[e - 1] == '\r'))
		e--;
	return e;
}

al_pos al_text_pos_at(const al_text *t, al_cursor *cur, size_t off)
{
	if (off > t->len)
		off = t->len;
	if (off < t->start)
		off = t->start;
	size_t l = al_text_line_of(t, off);
	size_t i = t->lines[l], col = 0, col16 = 0;
	if (cur && cur->line == l + 1 && cur->off <= off) {
		i = cur->off;
		col = cur->col - 1;
		col16 = cur->col16 - 1;
	}
	uint32_t cp;
	while (i < off) {
		i = al_utf8_next(t->data, t->len, i, &cp);
		col++;
		col16 += cp >= 0x10000 ? 2 : 1;
	}
	al_pos p = { l + 1, col + 1, col16 + 1, off };
	if (t->enc == AL_ENC_UTF16LE || t->enc == AL_ENC_UTF16BE)
		p.offset = 2 + 2 * (t->units[l] + col16);
	if (cur)
		*cur = (al_cursor){ off, p.line, p.col, p.col16 };
	return p;
}

al_pos al_text_pos(const al_text *t, size_t off)
{
	return al_text_pos_at(t, NULL, off);
}

void al_text_free(al_text *t)
{
	free(t->data);
	free(t->lines);
	free(t->units);
	free(t->raw);
	memset(t, 0, sizeof *t);
}

/* [first, last] ranges, sorted */
static const uint32_t wide[][2] = {
	{ 0x1100, 0x115F },   { 0x231A, 0x231B },   { 0x2329, 0x232A },	  { 0x23E9, 0x23EC },	{ 0x23F0, 0x23F0 },
	{ 0x23F3, 0x23F3 },   { 0x25FD, 0x25FE },   { 0x2614, 0x2615 },	  { 0x2648, 0x2653 },	{ 0x267F, 0x267F },
	{ 0x2693, 0x2693 },   { 0x26A1, 0x26A1 },   { 0x26AA, 0x26AB },	  { 0x26BD, 0x26BE },	{ 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE },   { 0x26D4, 0x26D4 },   { 0x26EA, 0x26EA },	  { 0x26F2, 0x26F3 },	{ 0x26F5, 0x26F5 },
	{ 0x26FA, 0x26FA },   { 0x26FD, 0x26FD },   { 0x2705, 0x2705 },	  { 0x270A, 0x270B },	{ 0x2728, 0x2728 },
	{ 0x274C, 0x274C },   { 0x274E, 0x274E },   { 0x2753, 0x2755 },	  { 0x2757, 0x2757 },	{ 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 },   { 0x27BF, 0x27BF },   { 0x2B1B, 0x2B1C },	  { 0x2B50, 0x2B50 },	{ 0x2B55, 0x2B55 },
	{ 0x2E80, 0x303E },   { 0x3041, 0x33FF },   { 0x3400, 0x4DBF },	  { 0x4E00, 0x9FFF },	{ 0xA000, 0xA4CF },
	{ 0xA960, 0xA97F },   { 0xAC00, 0xD7A3 },   { 0xF900, 0xFAFF },	  { 0xFE10, 0xFE19 },	{ 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 },   { 0xFFE0, 0xFFE6 },   { 0x16FE0, 0x16FE4 }, { 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF },
	{ 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F251 },
	{ 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF }, { 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};
static const uint32_t zero[][2] = {
	{ 0x0300, 0x036F },   { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x0E31, 0x0E31 },   { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200F },   { 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x20D0, 0x20FF }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A },   { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0x1F3FB, 0x1F3FF },
	{ 0xE0000, 0xE0FFF },
};

static int in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int al_cp_width(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero, sizeof zero / sizeof *zero))
		return 0;
	return in_ranges(cp, wide, sizeof wide / sizeof *wide) ? 2 : 1;
}

int al_cp_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

void al_buf_add_shown(al_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t next = al_utf8_next(s, n, i, &cp);
		/* an invalid byte decodes as U+FFFD and is copied as it was */
		if (al_cp_control(cp))
			al_buf_printf(b, "\\x%02x", (unsigned)cp);
		else
			al_buf_add(b, s + i, next - i);
		i = next;
	}
}

int al_str_columns(const char *s)
{
	int n = 0;
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	while (i < len) {
		i = al_utf8_next(s, len, i, &cp);
		n += al_cp_width(cp);
	}
	return n;
}
