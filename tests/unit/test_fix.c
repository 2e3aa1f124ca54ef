/* test_fix.c - fixes: splicing, encodings, and the atomic write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "output/fix.h"
#include "rules/lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static al_linter L;

static int setup(void **state)
{
	(void)state;
	al_error err;
	return al_linter_init(&L, NULL, 0, &err);
}

static int teardown(void **state)
{
	(void)state;
	al_linter_free(&L);
	return 0;
}

/* Lints s with cjk-text only and returns the fixed bytes (free them). */
static char *fixed(const char *s, size_t n, size_t *len, size_t *count)
{
	al_linter_run_string(&L, s, n, al_ruleset_find(&L.rs, "cjk-text"));
	al_buf out = { 0 };
	*count = al_fix_apply(&L.text, &L.fs, &out, NULL);
	*len = out.len;
	return out.data;
}

static void full_width_punctuation_becomes_ascii_with_english_spacing(void **state)
{
	(void)state;
	const char *s = "We apologise，and we changed courier（see report）.\nRoot cause：stock.\n";
	size_t len, count;
	char *out = fixed(s, strlen(s), &len, &count);
	assert_int_equal(count, 4);
	assert_string_equal(out, "We apologise, and we changed courier (see report).\nRoot cause: stock.\n");
	free(out);
}

static void chinese_words_have_no_fix(void **state)
{
	(void)state;
	const char *s = "We checked the order 订单 again.\n";
	size_t len, count;
	char *out = fixed(s, strlen(s), &len, &count);
	assert_int_equal(L.fs.n, 1);
	assert_false(L.fs.list[0].has_fix);
	assert_int_equal(count, 0);
	assert_memory_equal(out, s, strlen(s));
	free(out);
}

static void utf8_byte_order_mark_is_kept(void **state)
{
	(void)state;
	const char *s = "\xEF\xBB\xBFRoot cause\xEF\xBC\x9Astock.\n";
	size_t len, count;
	char *out = fixed(s, strlen(s), &len, &count);
	assert_int_equal(count, 1);
	assert_string_equal(out, "\xEF\xBB\xBFRoot cause: stock.\n");
	free(out);
}

static void utf16_letters_are_written_back_as_utf16(void **state)
{
	(void)state;
	/* "a，b" in UTF-16LE with its byte order mark */
	const char s[] = { '\xFF', '\xFE', 'a', 0, '\x0C', '\xFF', 'b', 0 };
	size_t len, count;
	char *out = fixed(s, sizeof s, &len, &count);
	const char want[] = { '\xFF', '\xFE', 'a', 0, ',', 0, ' ', 0, 'b', 0 };
	assert_int_equal(count, 1);
	assert_int_equal(len, sizeof want);
	assert_memory_equal(out, want, sizeof want);
	free(out);
}

static void overlapping_fixes_apply_once(void **state)
{
	(void)state;
	al_findings fs = { 0 };
	al_ctx c = { 0 };
	al_linter_run_string(&L, "abcdef", 6, al_ruleset_find(&L.rs, "cjk-text"));
	c.letter = &L.letter;
	c.out = &fs;
	const al_rule *r = al_ruleset_find(&L.rs, "cjk-text");
	al_report_fix(&c, r, (al_span){ 1, 3 }, NULL, NULL, (al_span){ 1, 3 }, "X");
	al_report_fix(&c, r, (al_span){ 2, 4 }, NULL, NULL, (al_span){ 2, 4 }, "Y");
	al_buf out = { 0 };
	unsigned char applied[2];
	assert_int_equal(al_fix_apply(&L.text, &fs, &out, applied), 1);
	assert_string_equal(out.data, "aXdef");
	assert_int_equal(applied[0], 1);
	assert_int_equal(applied[1], 0);
	al_buf_free(&out);
	al_findings_free(&fs);
	al_ctx_free(&c);
}

static char *temp_file(const char *content, mode_t mode)
{
	char *path = strdup("/tmp/appeal-lint-fix-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	chmod(path, mode);
	return path;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void write_replaces_the_file_and_keeps_its_mode(void **state)
{
	(void)state;
	char *path = temp_file("old text\n", 0640);
	al_error err;
	assert_int_equal(al_fix_write(path, "old text\n", 9, "new text\n", 9, &err), 0);
	assert_string_equal(read_all(path), "new text\n");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	unlink(path);
	free(path);
}

static void write_refuses_a_file_changed_since_it_was_read(void **state)
{
	(void)state;
	char *path = temp_file("edited meanwhile\n", 0644);
	al_error err;
	assert_int_equal(al_fix_write(path, "old text\n", 9, "new text\n", 9, &err), -1);
	assert_int_equal(err.code, AL_ERR_INPUT);
	assert_non_null(strstr(err.msg, "changed since it was read"));
	assert_string_equal(read_all(path), "edited meanwhile\n");
	unlink(path);
	free(path);
}

static void write_leaves_no_temporary_file_behind(void **state)
{
	(void)state;
	char *path = temp_file("old\n", 0600);
	al_error err;
	assert_int_equal(al_fix_write(path, "old\n", 4, "new\n", 4, &err), 0);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "ls %s.* 2>/dev/null | grep -q .", path);
	assert_int_not_equal(system(cmd), 0);
	unlink(path);
	free(path);
}

static void write_to_a_missing_file_is_an_io_error(void **state)
{
	(void)state;
	al_error err;
	assert_int_equal(al_fix_write("/tmp/appeal-lint-no-such-file", "a", 1, "b", 1, &err), -1);
	assert_int_equal(err.code, AL_ERR_IO);
	assert_non_null(strstr(err.msg, "No such file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_width_punctuation_becomes_ascii_with_english_spacing),
		cmocka_unit_test(chinese_words_have_no_fix),
		cmocka_unit_test(utf8_byte_order_mark_is_kept),
		cmocka_unit_test(utf16_letters_are_written_back_as_utf16),
		cmocka_unit_test(overlapping_fixes_apply_once),
		cmocka_unit_test(write_replaces_the_file_and_keeps_its_mode),
		cmocka_unit_test(write_refuses_a_file_changed_since_it_was_read),
		cmocka_unit_test(write_leaves_no_temporary_file_behind),
		cmocka_unit_test(write_to_a_missing_file_is_an_io_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
