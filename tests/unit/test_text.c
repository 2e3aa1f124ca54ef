/* test_text.c - unit tests for text.c: decoding, the line index, positions,
 * UTF-8 validation and reading files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "input/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---- */

/* Loads n bytes of s into a fresh text. */
static void load(al_text *t, const char *s, size_t n)
{
	memset(t, 0, sizeof *t);
	al_text_set(t, s, n);
}

#define LOAD(t, lit) load((t), (lit), sizeof(lit) - 1)

/* Writes n bytes to a new temp file and puts its path in path. */
static void write_temp(char *path, size_t pathlen, const char *bytes, size_t n)
{
	snprintf(path, pathlen, "/tmp/al_test_text_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, bytes + done, n - done);
		assert_true(w > 0);
		done += (size_t)w;
	}
	close(fd);
}

/* ---- plain UTF-8 ---- */

static void plain_utf8_is_copied_and_indexed(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\ncd");
	assert_int_equal(t.enc, AL_ENC_UTF8);
	assert_int_equal(t.len, 5);
	assert_memory_equal(t.data, "ab\ncd", 6); /* NUL-terminated */
	assert_int_equal(t.start, 0);
	assert_true(t.bad == AL_NONE);
	assert_true(t.nul == AL_NONE);
	assert_int_equal(t.nlines, 2);
	assert_int_equal(t.lines[0], 0);
	assert_int_equal(t.lines[1], 3);
	al_pos p = al_text_pos(&t, 4);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.col16, 2);
	assert_int_equal(p.offset, 4);
	al_text_free(&t);
}

static void position_past_the_end_is_clamped_to_the_end(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\ncd");
	al_pos p = al_text_pos(&t, 99);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 3);
	assert_int_equal(p.offset, 5);
	al_text_free(&t);
}

/* The scan reads eight ASCII bytes at a time: a NUL or a bad byte at any
 * place of such a run is still found where it is. */
static void nul_and_bad_bytes_are_found_at_every_offset(void **state)
{
	(void)state;
	al_text t = { 0 };
	char buf[40];
	for (size_t at = 0; at < 24; at++) {
		memset(buf, 'a', sizeof buf);
		buf[at] = '\0';
		buf[at + 9] = (char)0x80;
		al_text_set(&t, buf, sizeof buf);
		assert_int_equal(t.nul, at);
		assert_int_equal(t.bad, at + 9);
	}
	al_text_free(&t);
}

static void text_can_be_reused_for_another_letter(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "first\nsecond\nthird\x80");
	assert_int_equal(t.nlines, 3);
	assert_int_equal(t.bad, 18);
	al_text_set(&t, "x", 1);
	assert_int_equal(t.len, 1);
	assert_string_equal(t.data, "x");
	assert_int_equal(t.nlines, 1);
	assert_true(t.bad == AL_NONE);
	assert_true(t.nul == AL_NONE);
	assert_int_equal(t.enc, AL_ENC_UTF8);
	al_text_free(&t);
}

/* ---- byte order marks ---- */

static void utf8_bom_is_skipped_but_offsets_count_it(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xEF\xBB\xBF"
		 "ab\ncd");
	assert_int_equal(t.enc, AL_ENC_UTF8_BOM);
	assert_int_equal(t.start, 3);
	assert_int_equal(t.len, 8);
	assert_int_equal(t.nlines, 2);
	assert_int_equal(t.lines[0], 3);
	assert_int_equal(t.lines[1], 6);
	assert_true(t.bad == AL_NONE);
	al_pos p = al_text_pos(&t, 3);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 1);
	assert_int_equal(p.offset, 3);
	p = al_text_pos(&t, 4);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.offset, 4);
	p = al_text_pos(&t, 7);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.offset, 7);
	/* an offset inside the BOM is the first content byte */
	p = al_text_pos(&t, 0);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 1);
	assert_int_equal(p.offset, 3);
	assert_int_equal(al_text_line_end(&t, 0), 5);
	al_text_free(&t);
}

static void utf16le_with_bom_is_transcoded_and_offsets_map_back(void **state)
{
	(void)state;
	al_text t;
	/* "ab\nc" */
	LOAD(&t, "\xFF\xFE"
		 "a\0b\0\n\0c\0");
	assert_int_equal(t.enc, AL_ENC_UTF16LE);
	assert_int_equal(t.start, 0);
	assert_int_equal(t.len, 4);
	assert_string_equal(t.data, "ab\nc");
	assert_true(t.bad == AL_NONE);
	assert_true(t.nul == AL_NONE); /* the zero high bytes are not NULs */
	assert_int_equal(t.nlines, 2);
	assert_int_equal(t.units[1], 3);
	al_pos p = al_text_pos(&t, 1); /* 'b' */
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.offset, 2 + 2 * 1);
	p = al_text_pos(&t, 3); /* 'c' */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 1);
	assert_int_equal(p.offset, 2 + 2 * 3);
	al_text_free(&t);
}

static void utf16be_with_bom_is_transcoded_and_offsets_map_back(void **state)
{
	(void)state;
	al_text t;
	/* "é\nzz" : U+00E9 is two UTF-8 bytes but one UTF-16 unit */
	LOAD(&t, "\xFE\xFF"
		 "\0\xE9\0\n\0z\0z");
	assert_int_equal(t.enc, AL_ENC_UTF16BE);
	assert_int_equal(t.len, 5);
	assert_string_equal(t.data, "\xC3\xA9\nzz");
	assert_int_equal(t.nlines, 2);
	assert_int_equal(t.lines[1], 3);
	al_pos p = al_text_pos(&t, 2); /* the '\n' after é */
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.offset, 2 + 2 * 1);
	p = al_text_pos(&t, 4); /* second 'z' */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.col16, 2);
	assert_int_equal(p.offset, 2 + 2 * 3);
	al_text_free(&t);
}

static void utf16_surrogate_pair_counts_two_units(void **state)
{
	(void)state;
	al_text t;
	/* "a😀b" in UTF-16LE: U+1F600 = D83D DE00 */
	LOAD(&t, "\xFF\xFE"
		 "a\0"
		 "\x3D\xD8\x00\xDE"
		 "b\0");
	assert_int_equal(t.len, 6);
	assert_string_equal(t.data, "a\xF0\x9F\x98\x80"
				    "b");
	assert_true(t.bad == AL_NONE);
	al_pos p = al_text_pos(&t, 5); /* 'b' */
	assert_int_equal(p.col, 3);
	assert_int_equal(p.col16, 4);
	assert_int_equal(p.offset, 2 + 2 * 3);
	al_text_free(&t);
}

static void utf16_line_units_count_surrogates_on_earlier_lines(void **state)
{
	(void)state;
	al_text t;
	/* "😀\nb" in UTF-16BE: line 2 starts after 3 units */
	LOAD(&t, "\xFE\xFF"
		 "\xD8\x3D\xDE\x00"
		 "\0\n"
		 "\0b");
	assert_int_equal(t.nlines, 2);
	assert_int_equal(t.units[1], 3);
	al_pos p = al_text_pos(&t, 5);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 1);
	assert_int_equal(p.offset, 2 + 2 * 3);
	al_text_free(&t);
}

static void utf16_unpaired_surrogate_is_bad(void **state)
{
	(void)state;
	al_text t;
	/* "x", a lone high surrogate, then "y" */
	LOAD(&t, "\xFF\xFE"
		 "x\0"
		 "\x00\xD8"
		 "y\0");
	assert_int_equal(t.bad, 1);
	assert_string_equal(t.data, "x\xEF\xBF\xBDy");
	al_text_free(&t);
}

static void utf16_odd_last_byte_is_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xFF\xFE"
		 "x\0"
		 "y");
	assert_int_equal(t.bad, 1);
	assert_string_equal(t.data, "x\xEF\xBF\xBD");
	al_text_free(&t);
}

static void utf16_nul_unit_is_found(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xFF\xFE"
		 "a\0"
		 "\0\0"
		 "b\0");
	assert_int_equal(t.len, 3);
	assert_int_equal(t.nul, 1);
	assert_true(t.bad == AL_NONE);
	al_text_free(&t);
}

/* ---- line endings ---- */

static void lf_lines_are_indexed(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "one\ntwo\nthree");
	assert_int_equal(t.nlines, 3);
	assert_int_equal(t.lines[2], 8);
	assert_int_equal(al_text_line_end(&t, 0), 3);
	assert_int_equal(al_text_line_end(&t, 1), 7);
	assert_int_equal(al_text_line_end(&t, 2), 13);
	al_text_free(&t);
}

static void trailing_newline_starts_an_empty_last_line(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "one\n");
	assert_int_equal(t.nlines, 2);
	assert_int_equal(t.lines[1], 4);
	assert_int_equal(al_text_line_end(&t, 1), 4);
	al_text_free(&t);
}

static void crlf_is_one_line_break(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\r\ncd\r\n\r\nef");
	assert_int_equal(t.nlines, 4);
	assert_int_equal(t.lines[1], 4);
	assert_int_equal(t.lines[2], 8);
	assert_int_equal(t.lines[3], 10);
	assert_int_equal(al_text_line_end(&t, 0), 2);
	assert_int_equal(al_text_line_end(&t, 1), 6);
	assert_int_equal(al_text_line_end(&t, 2), 8);
	al_pos p = al_text_pos(&t, 11);
	assert_int_equal(p.line, 4);
	assert_int_equal(p.col, 2);
	al_text_free(&t);
}

static void lone_cr_is_a_line_break(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\rcd\r\ref");
	assert_int_equal(t.nlines, 4);
	assert_int_equal(t.lines[1], 3);
	assert_int_equal(t.lines[2], 6);
	assert_int_equal(t.lines[3], 7);
	assert_int_equal(al_text_line_end(&t, 0), 2);
	assert_int_equal(al_text_line_end(&t, 1), 5);
	assert_int_equal(al_text_line_end(&t, 2), 6);
	assert_int_equal(al_text_line_end(&t, 3), 9);
	al_text_free(&t);
}

static void mixed_line_endings_count_each_break_once(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "a\nb\r\nc\rd");
	assert_int_equal(t.nlines, 4);
	assert_int_equal(t.lines[1], 2);
	assert_int_equal(t.lines[2], 5);
	assert_int_equal(t.lines[3], 7);
	assert_int_equal(al_text_line_end(&t, 1), 3);
	al_text_free(&t);
}

static void line_of_maps_offsets_to_lines(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\r\ncd\nef");
	assert_int_equal(al_text_line_of(&t, 0), 0);
	assert_int_equal(al_text_line_of(&t, 2), 0); /* the \r */
	assert_int_equal(al_text_line_of(&t, 3), 0); /* the \n */
	assert_int_equal(al_text_line_of(&t, 4), 1);
	assert_int_equal(al_text_line_of(&t, 6), 1);
	assert_int_equal(al_text_line_of(&t, 7), 2);
	assert_int_equal(al_text_line_of(&t, 9), 2); /* the end */
	al_text_free(&t);
}

/* ---- invalid bytes and NULs ---- */

static void overlong_encoding_is_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\xC0\x80z");
	assert_int_equal(t.bad, 2);
	assert_int_equal(t.len, 5);
	al_text_free(&t);
}

static void lone_continuation_byte_is_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "caf\xC3\xA9 \x80");
	assert_int_equal(t.bad, 6);
	al_text_free(&t);
}

static void truncated_sequence_at_end_is_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\xE2\x82");
	assert_int_equal(t.bad, 2);
	al_text_free(&t);
}

static void utf8_encoded_surrogate_is_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "x\xED\xA0\x80y");
	assert_int_equal(t.bad, 1);
	al_text_free(&t);
}

static void latin1_byte_is_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "caf\xE9 mugs");
	assert_int_equal(t.bad, 3);
	al_text_free(&t);
}

static void only_the_first_bad_byte_is_reported(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "a\xFF"
		 "b\xFE");
	assert_int_equal(t.bad, 1);
	al_text_free(&t);
}

static void valid_multibyte_text_is_not_bad(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF");
	assert_true(t.bad == AL_NONE);
	al_text_free(&t);
}

static void nul_byte_is_found(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ab\0cd\0");
	assert_int_equal(t.len, 6);
	assert_int_equal(t.nul, 2);
	assert_true(t.bad == AL_NONE);
	al_text_free(&t);
}

static void nul_after_a_bad_byte_is_still_found(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "a\x80"
		 "bc\0");
	assert_int_equal(t.bad, 1);
	assert_int_equal(t.nul, 4);
	al_text_free(&t);
}

static void nul_before_a_bad_byte_is_found(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\0a\x80");
	assert_int_equal(t.nul, 0);
	assert_int_equal(t.bad, 2);
	al_text_free(&t);
}

/* ---- degenerate inputs ---- */

static void empty_input_has_one_line(void **state)
{
	(void)state;
	al_text t;
	load(&t, "", 0);
	assert_int_equal(t.len, 0);
	assert_non_null(t.data);
	assert_string_equal(t.data, "");
	assert_int_equal(t.nlines, 1);
	assert_int_equal(t.lines[0], 0);
	assert_int_equal(al_text_line_end(&t, 0), 0);
	assert_int_equal(al_text_line_of(&t, 0), 0);
	al_pos p = al_text_pos(&t, 0);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 1);
	assert_int_equal(p.offset, 0);
	assert_true(t.bad == AL_NONE);
	assert_true(t.nul == AL_NONE);
	al_text_free(&t);
}

static void bom_only_input_has_one_empty_line(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xEF\xBB\xBF");
	assert_int_equal(t.start, 3);
	assert_int_equal(t.nlines, 1);
	assert_int_equal(al_text_line_end(&t, 0), 3);
	al_text_free(&t);
}

static void whitespace_only_input_is_indexed(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "  \n\t \n");
	assert_int_equal(t.nlines, 3);
	assert_int_equal(al_text_line_end(&t, 0), 2);
	assert_int_equal(al_text_line_end(&t, 1), 5);
	assert_int_equal(al_text_line_end(&t, 2), 6);
	assert_true(t.bad == AL_NONE);
	al_text_free(&t);
}

/* ---- columns ---- */

static void cjk_counts_one_column_per_character(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xE4\xB8\xAD\xE6\x96\x87 x"); /* 中文 x */
	al_pos p = al_text_pos(&t, 7);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 4);
	assert_int_equal(p.col16, 4);
	assert_int_equal(p.offset, 7);
	al_text_free(&t);
}

static void curly_quotes_count_one_column_each(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "\xE2\x80\x9Chi\xE2\x80\x9D!"); /* “hi”! */
	al_pos p = al_text_pos(&t, 8);
	assert_int_equal(p.col, 5);
	assert_int_equal(p.col16, 5);
	al_text_free(&t);
}

static void emoji_counts_one_column_and_two_utf16_units(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "ok \xF0\x9F\x98\x80 done\nx\xF0\x9F\x98\x80y");
	al_pos p = al_text_pos(&t, 8); /* 'd' */
	assert_int_equal(p.col, 6);
	assert_int_equal(p.col16, 7);
	assert_int_equal(p.offset, 8);
	p = al_text_pos(&t, 18); /* 'y' on line 2 */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 3);
	assert_int_equal(p.col16, 4);
	al_text_free(&t);
}

static void invalid_byte_counts_one_column(void **state)
{
	(void)state;
	al_text t;
	LOAD(&t, "a\xFF"
		 "b");
	al_pos p = al_text_pos(&t, 2);
	assert_int_equal(p.col, 3);
	assert_int_equal(p.col16, 3);
	al_text_free(&t);
}

/* ---- al_utf8_next / al_utf8_valid_len ---- */

static void utf8_next_decodes_each_length(void **state)
{
	(void)state;
	const char s[] = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
	size_t n = sizeof s - 1;
	uint32_t cp = 0;
	size_t i = al_utf8_next(s, n, 0, &cp);
	assert_int_equal(i, 1);
	assert_int_equal(cp, 'a');
	i = al_utf8_next(s, n, i, &cp);
	assert_int_equal(i, 3);
	assert_int_equal(cp, 0xE9);
	i = al_utf8_next(s, n, i, &cp);
	assert_int_equal(i, 6);
	assert_int_equal(cp, 0x4E2D);
	i = al_utf8_next(s, n, i, &cp);
	assert_int_equal(i, 10);
	assert_int_equal(cp, 0x1F600);
}

static void utf8_next_gives_replacement_for_bad_bytes(void **state)
{
	(void)state;
	uint32_t cp = 0;
	assert_int_equal(al_utf8_next("\xC0\x80", 2, 0, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(al_utf8_next("\x80", 1, 0, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	/* truncated by n even though the bytes continue */
	assert_int_equal(al_utf8_next("\xE4\xB8\xAD", 2, 0, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(al_utf8_next("\xED\xA0\x80", 3, 0, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(al_utf8_next("\xF4\x90\x80\x80", 4, 0, &cp), 1); /* > U+10FFFF */
	assert_int_equal(cp, 0xFFFD);
}

static void utf8_valid_len_reports_sequence_lengths(void **state)
{
	(void)state;
	const unsigned char s[] = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80\xE0\x80\xAF";
	size_t n = sizeof s - 1;
	assert_int_equal(al_utf8_valid_len(s, n, 0), 1);
	assert_int_equal(al_utf8_valid_len(s, n, 1), 2);
	assert_int_equal(al_utf8_valid_len(s, n, 2), 0); /* a continuation byte */
	assert_int_equal(al_utf8_valid_len(s, n, 3), 3);
	assert_int_equal(al_utf8_valid_len(s, n, 6), 4);
	assert_int_equal(al_utf8_valid_len(s, n, 10), 0); /* overlong E0 80 AF */
}

/* ---- al_text_read ---- */

static void read_loads_a_file(void **state)
{
	(void)state;
	char path[64];
	write_temp(path, sizeof path,
		   "\xFF\xFE"
		   "h\0i\0",
		   6);
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, path, "letter.txt", 1024, &err);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_int_equal(t.enc, AL_ENC_UTF16LE);
	assert_string_equal(t.data, "hi");
	assert_int_equal(t.nlines, 1);
	al_text_free(&t);
}

static void read_accepts_a_file_of_exactly_the_limit(void **state)
{
	(void)state;
	char path[64];
	write_temp(path, sizeof path, "0123456789", 10);
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, path, "ten.txt", 10, &err);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_int_equal(t.len, 10);
	assert_string_equal(t.data, "0123456789");
	al_text_free(&t);
}

static void read_of_a_large_file_keeps_every_byte(void **state)
{
	(void)state;
	size_t n = 200000;
	char *big = malloc(n);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (i % 50 == 49) ? '\n' : (char)('a' + i % 26);
	char path[64];
	write_temp(path, sizeof path, big, n);
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, path, "big.txt", 16u << 20, &err);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_int_equal(t.len, n);
	assert_memory_equal(t.data, big, n);
	assert_int_equal(t.nlines, n / 50 + 1);
	free(big);
	al_text_free(&t);
}

/* Regression: with max == SIZE_MAX, text.c computes `max + 1 - n`, which wraps to 0
 * on the first read: the file reads as empty (--max-size 18446744073709551615
 * makes every letter empty). */
static void read_with_the_largest_limit_reads_the_whole_file(void **state)
{
	(void)state;
	char path[64];
	write_temp(path, sizeof path, "hello", 5);
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, path, "hello.txt", SIZE_MAX, &err);
	unlink(path);
	size_t len = t.len;
	int same = t.data && strcmp(t.data, "hello") == 0;
	al_text_free(&t);
	assert_int_equal(rc, 0);
	assert_int_equal(len, 5);
	assert_true(same);
}

static void read_of_a_missing_file_is_an_io_error(void **state)
{
	(void)state;
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, "/tmp/al_test_no_such_dir/none.txt", "none.txt", 1024, &err);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, AL_ERR_IO);
	assert_non_null(strstr(err.msg, "none.txt"));
	assert_non_null(strstr(err.msg, "No such file"));
	assert_string_equal(err.file, "none.txt");
	al_text_free(&t);
}

static void read_of_a_directory_is_an_input_error(void **state)
{
	(void)state;
	char dir[] = "/tmp/al_test_dir_XXXXXX";
	assert_non_null(mkdtemp(dir));
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, dir, "letters", 1024, &err);
	rmdir(dir);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, AL_ERR_INPUT);
	assert_non_null(strstr(err.msg, "it is a folder without .txt, .md or .docx letters"));
	assert_non_null(strstr(err.msg, "letters"));
	al_text_free(&t);
}

static void read_of_a_file_over_the_limit_is_an_input_error(void **state)
{
	(void)state;
	char path[64];
	write_temp(path, sizeof path, "01234567890", 11);
	al_text t;
	memset(&t, 0, sizeof t);
	al_error err;
	memset(&err, 0, sizeof err);
	int rc = al_text_read(&t, path, "eleven.txt", 10, &err);
	unlink(path);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, AL_ERR_INPUT);
	assert_non_null(strstr(err.msg, "--max-size"));
	assert_non_null(strstr(err.msg, "eleven.txt"));
	assert_non_null(strstr(err.msg, "10 bytes"));
	al_text_free(&t);
}

static void read_with_a_null_error_still_returns_minus_one(void **state)
{
	(void)state;
	al_text t;
	memset(&t, 0, sizeof t);
	assert_int_equal(al_text_read(&t, "/tmp/al_test_no_such_dir/x", "x", 10, NULL), -1);
	al_text_free(&t);
}

static void code_point_widths_follow_east_asian_width(void **state)
{
	(void)state;
	assert_int_equal(al_cp_width('a'), 1);
	assert_int_equal(al_cp_width(0xE9), 1);	   /* é */
	assert_int_equal(al_cp_width(0x4E2D), 2);  /* 中 */
	assert_int_equal(al_cp_width(0xFF0C), 2);  /* ， */
	assert_int_equal(al_cp_width(0x3001), 2);  /* 、 */
	assert_int_equal(al_cp_width(0xAC00), 2);  /* 가 */
	assert_int_equal(al_cp_width(0x1F600), 2); /* 😀 */
	assert_int_equal(al_cp_width(0x20BB7), 2); /* 𠮷 */
	assert_int_equal(al_cp_width(0x0301), 0);  /* combining acute */
	assert_int_equal(al_cp_width(0x200D), 0);  /* zero width joiner */
	assert_int_equal(al_cp_width(0xFE0F), 0);  /* variation selector */
	assert_int_equal(al_cp_width(0x2014), 1);  /* — */
	assert_int_equal(al_cp_width(0x201C), 1);  /* “ */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(code_point_widths_follow_east_asian_width),
		cmocka_unit_test(plain_utf8_is_copied_and_indexed),
		cmocka_unit_test(position_past_the_end_is_clamped_to_the_end),
		cmocka_unit_test(text_can_be_reused_for_another_letter),
		cmocka_unit_test(nul_and_bad_bytes_are_found_at_every_offset),
		cmocka_unit_test(utf8_bom_is_skipped_but_offsets_count_it),
		cmocka_unit_test(utf16le_with_bom_is_transcoded_and_offsets_map_back),
		cmocka_unit_test(utf16be_with_bom_is_transcoded_and_offsets_map_back),
		cmocka_unit_test(utf16_surrogate_pair_counts_two_units),
		cmocka_unit_test(utf16_line_units_count_surrogates_on_earlier_lines),
		cmocka_unit_test(utf16_unpaired_surrogate_is_bad),
		cmocka_unit_test(utf16_odd_last_byte_is_bad),
		cmocka_unit_test(utf16_nul_unit_is_found),
		cmocka_unit_test(lf_lines_are_indexed),
		cmocka_unit_test(trailing_newline_starts_an_empty_last_line),
		cmocka_unit_test(crlf_is_one_line_break),
		cmocka_unit_test(lone_cr_is_a_line_break),
		cmocka_unit_test(mixed_line_endings_count_each_break_once),
		cmocka_unit_test(line_of_maps_offsets_to_lines),
		cmocka_unit_test(overlong_encoding_is_bad),
		cmocka_unit_test(lone_continuation_byte_is_bad),
		cmocka_unit_test(truncated_sequence_at_end_is_bad),
		cmocka_unit_test(utf8_encoded_surrogate_is_bad),
		cmocka_unit_test(latin1_byte_is_bad),
		cmocka_unit_test(only_the_first_bad_byte_is_reported),
		cmocka_unit_test(valid_multibyte_text_is_not_bad),
		cmocka_unit_test(nul_byte_is_found),
		cmocka_unit_test(nul_after_a_bad_byte_is_still_found),
		cmocka_unit_test(nul_before_a_bad_byte_is_found),
		cmocka_unit_test(empty_input_has_one_line),
		cmocka_unit_test(bom_only_input_has_one_empty_line),
		cmocka_unit_test(whitespace_only_input_is_indexed),
		cmocka_unit_test(cjk_counts_one_column_per_character),
		cmocka_unit_test(curly_quotes_count_one_column_each),
		cmocka_unit_test(emoji_counts_one_column_and_two_utf16_units),
		cmocka_unit_test(invalid_byte_counts_one_column),
		cmocka_unit_test(utf8_next_decodes_each_length),
		cmocka_unit_test(utf8_next_gives_replacement_for_bad_bytes),
		cmocka_unit_test(utf8_valid_len_reports_sequence_lengths),
		cmocka_unit_test(read_loads_a_file),
		cmocka_unit_test(read_accepts_a_file_of_exactly_the_limit),
		cmocka_unit_test(read_of_a_large_file_keeps_every_byte),
		cmocka_unit_test(read_with_the_largest_limit_reads_the_whole_file),
		cmocka_unit_test(read_of_a_missing_file_is_an_io_error),
		cmocka_unit_test(read_of_a_directory_is_an_input_error),
		cmocka_unit_test(read_of_a_file_over_the_limit_is_an_input_error),
		cmocka_unit_test(read_with_a_null_error_still_returns_minus_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
