/* test_docx.c - .docx letters: archives built here with libzip, read back
 * as the exact text the letter model gets, and every refusal's message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "input/docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOC(body)                                                                               \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" W "\"><w:body>" body \
	"<w:sectPr/></w:body></w:document>"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define PSTYLE(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define ITEM(num, lvl, text)                                                                             \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"" num "\"/></w:numPr></w:pPr>" \
	"<w:r><w:t>" text "</w:t></w:r></w:p>"
#define MAX (1u << 20)

typedef struct part {
	const char *name, *xml;
	size_t len; /* 0: strlen(xml) */
} part;

/* A ZIP archive of parts, built in memory (free it). */
static char *make_zip(const part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		size_t l = parts[i].len ? parts[i].len : strlen(parts[i].xml);
		zip_source_t *s = zip_source_buffer(z, parts[i].xml, l, 0);
		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	*len = (size_t)zip_source_tell(src);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	char *out = malloc(*len ? *len : 1);
	assert_int_equal(zip_source_read(src, out, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

/* Reads a .docx of document.xml (and styles/numbering when not NULL). */
static int read_doc(al_docx *d, const char *doc, const char *styles, const char *numbering, size_t max, al_error *err)
{
	part parts[3] = { { "word/document.xml", doc, 0 } };
	size_t n = 1, len;
	if (styles)
		parts[n++] = (part){ "word/styles.xml", styles, 0 };
	if (numbering)
		parts[n++] = (part){ "word/numbering.xml", numbering, 0 };
	char *zip = make_zip(parts, n, &len);
	int rc = al_docx_read(d, zip, len, "letter.docx", max, err);
	free(zip);
	return rc;
}

/* Reads doc and checks its text is exactly want. */
static void check_text(const char *doc, const char *styles, const char *numbering, const char *want, al_docx *d)
{
	al_error err;
	int rc = read_doc(d, doc, styles, numbering, MAX, &err);
	if (rc)
		fail_msg("read failed: %s", err.msg);
	assert_string_equal(d->text.data, want);
	assert_int_equal(d->text.len, strlen(want));
}

/* Reads what must be refused and checks the message names the file and
 * says want. */
static void check_refused(const char *bytes, size_t n, size_t max, const char *want)
{
	al_docx d = { 0 };
	al_error err;
	assert_int_equal(al_docx_read(&d, bytes, n, "letter.docx", max, &err), -1);
	assert_int_equal(err.code, AL_ERR_INPUT);
	if (!strstr(err.msg, want) || !strstr(err.msg, "letter.docx"))
		fail_msg("message '%s' lacks '%s'", err.msg, want);
	assert_int_equal(d.text.len, 0);
	assert_int_equal(d.nparas, 0);
	al_docx_free(&d);
}

static void check_doc_refused(const char *doc, size_t max, const char *want)
{
	part p = { "word/document.xml", doc, 0 };
	size_t len;
	char *zip = make_zip(&p, 1, &len);
	check_refused(zip, len, max, want);
	free(zip);
}

static const char numbering[] =
	"<w:numbering xmlns:w=\"" W "\">"
	"<w:abstractNum w:abstractNumId=\"10\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"20\">"
	"<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"30\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"30\"/>"
	"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>"
	"</w:numbering>";

static const char styles[] = "<w:styles xmlns:w=\"" W "\">"
			     "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
			     "<w:style w:type=\"paragraph\" w:styleId=\"Kop1\"><w:name w:val=\"heading 1\"/></w:style>"
			     "<w:style w:type=\"paragraph\" w:styleId=\"MyHead\"><w:name w:val=\"My head\"/>"
			     "<w:basedOn w:val=\"Kop1\"/></w:style>"
			     "<w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/>"
			     "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
			     "<w:style w:type=\"character\" w:styleId=\"Title\"><w:name w:val=\"Strong\"/></w:style>"
			     "</w:styles>";

/* ---- text ---- */

static void paragraphs_are_blocks_and_numbered(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC(P("Dear Team,") P("We are sorry.")), NULL, NULL, "Dear Team,\n\nWe are sorry.\n", &d);
	assert_int_equal(d.nparas, 2);
	assert_int_equal(al_docx_para_of(&d, 0), 1);
	assert_int_equal(al_docx_para_of(&d, 9), 1);
	assert_int_equal(al_docx_para_of(&d, 12), 2);
	assert_int_equal(al_docx_para_of(&d, d.text.len), 2);
	assert_int_equal(al_docx_para_of(&d, d.text.len + 1), 0);
	al_docx_free(&d);
}

static void empty_paragraphs_are_counted_not_shown(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC(P("One.") "<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>" P("Four.")), NULL, NULL, "One.\n\nFour.\n",
		   &d);
	assert_int_equal(d.nparas, 4);
	assert_int_equal(al_docx_para_of(&d, 6), 4); /* "Four." */
	assert_int_equal(al_docx_para_of(&d, 2), 1);
	al_docx_free(&d);
}

static void numbered_and_bulleted_lists_get_markers(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC(P("We will:") ITEM("1", "0", "Hire.") ITEM("1", "0", "Train.") ITEM("1", "1", "Weekly.")
			       ITEM("1", "1", "Monthly.") ITEM("1", "0", "Check.") ITEM("1", "1", "Daily.") P("Causes:")
				       ITEM("2", "0", "Tape.") ITEM("2", "0", "Courier.") ITEM("3", "0", "Fourth.")
					       ITEM("0", "0", "Not a list.")),
		   NULL, numbering,
		   "We will:\n\n1. Hire.\n2. Train.\n   a) Weekly.\n   b) Monthly.\n3. Check.\n   a) Daily.\n\n"
		   "Causes:\n\n- Tape.\n- Courier.\nIV. Fourth.\n\nNot a list.\n",
		   &d);
	assert_int_equal(d.nparas, 12);
	al_docx_free(&d);
}

static void list_numbers_continue_across_paragraphs(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC(ITEM("1", "0", "One.") P("Between.") ITEM("1", "0", "Two.")), NULL, numbering,
		   "1. One.\n\nBetween.\n\n2. Two.\n", &d);
	al_docx_free(&d);
}

static void styles_give_headings_and_numbering(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC(PSTYLE("Kop1", "Root Cause") PSTYLE("MyHead", "Our Plan") PSTYLE("Heading2", "Details")
			       PSTYLE("ListNumber", "One.") PSTYLE("ListNumber", "Two.") PSTYLE("Normal", "Done.")
				       PSTYLE("Title", "Plan of Action")),
		   styles, numbering,
		   "# Root Cause\n\n# Our Plan\n\n# Details\n\n1. One.\n2. Two.\n\nDone.\n\n# Plan of Action\n", &d);
	al_docx_free(&d);
}

static void table_cells_are_paragraphs(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC(P("Orders:") "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" P("Order") "</w:tc><w:tc>" P(
			   "Late") "</w:tc></w:tr><w:tr><w:tc>" P("111-2222222-3333333")
			       P("second") "</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>" P("After.")),
		   NULL, NULL, "Orders:\n\nOrder\n\nLate\n\n111-2222222-3333333\n\nsecond\n\nAfter.\n", &d);
	assert_int_equal(d.nparas, 7);
	assert_int_equal(al_docx_para_of(&d, strstr(d.text.data, "second") - d.text.data), 5);
	assert_int_equal(al_docx_para_of(&d, strstr(d.text.data, "After") - d.text.data), 7);
	al_docx_free(&d);
}

static void tracked_changes_breaks_and_tabs(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(
		DOC("<w:p><w:r><w:t xml:space=\"preserve\">We </w:t></w:r>"
		    "<w:del w:id=\"1\"><w:r><w:delText>never </w:delText></w:r></w:del>"
		    "<w:ins w:id=\"2\"><w:r><w:t xml:space=\"preserve\">always </w:t></w:r></w:ins>"
		    "<w:r><w:t>ship</w:t><w:br/><w:t>on</w:t><w:tab/><w:t>time</w:t><w:cr/><w:t>&amp; well.</w:t></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"),
		NULL, NULL, "We always ship\non\ttime\n& well.\n", &d);
	al_docx_free(&d);
}

static void tab_stops_and_fallbacks_are_not_text(void **state)
{
	(void)state;
	al_docx d = { 0 };
	check_text(DOC("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
		       "<w:r><w:t>Text</w:t></w:r>"
		       "<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
		       "<mc:Choice Requires=\"wps\"><w:r><w:t>!</w:t></w:r></mc:Choice>"
		       "<mc:Fallback><w:r><w:t>!</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"),
		   NULL, NULL, "Text!\n", &d);
	al_docx_free(&d);
}

static void the_reader_is_reused(void **state)
{
	(void)state;
	al_docx d = { 0 };
	al_error err;
	check_text(DOC(P("First letter, longer than the second.") P("Two.")), NULL, NULL,
		   "First letter, longer than the second.\n\nTwo.\n", &d);
	assert_int_equal(read_doc(&d, "<w:document", NULL, NULL, MAX, &err), -1);
	assert_int_equal(d.text.len, 0);
	check_text(DOC(P("Short.")), NULL, NULL, "Short.\n", &d);
	assert_int_equal(d.nparas, 1);
	al_docx_free(&d);
}

/* ---- refusals ---- */

static void zip_magic_is_recognised(void **state)
{
	(void)state;
	assert_true(al_docx_is_zip("PK\3\4rest", 8));
	assert_false(al_docx_is_zip("PK\3", 3));
	assert_false(al_docx_is_zip("Dear Team", 9));
}

static void a_damaged_archive_is_refused(void **state)
{
	(void)state;
	part p = { "word/document.xml", DOC(P("Dear Team, we are sorry for the late shipments.")), 0 };
	size_t len;
	char *zip = make_zip(&p, 1, &len);
	check_refused(zip, len / 2, MAX, "damaged");
	zip[len - 30] ^= 0x55;	    /* the central directory's end */
	memset(zip + 40, 0xAA, 20); /* the compressed data */
	check_refused(zip, len, MAX, "damaged");
	check_refused("plain text", 10, MAX, "not a .docx");
	check_refused("", 0, MAX, "damaged or not a .docx");
	free(zip);
}

static void an_archive_without_document_is_not_word(void **state)
{
	(void)state;
	part p = { "xl/workbook.xml", "<workbook/>", 0 };
	size_t len;
	char *zip = make_zip(&p, 1, &len);
	check_refused(zip, len, MAX, "not a Word document (it has no word/document.xml)");
	free(zip);
}

static void ole_files_are_encrypted_or_old(void **state)
{
	(void)state;
	char ole[512] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	check_refused(ole, sizeof ole, MAX, "encrypted or an old .doc; save it as .docx without a password");
}

static void an_encrypted_entry_is_refused(void **state)
{
	(void)state;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	static const char doc[] = DOC(P("Secret."));
	zip_int64_t i = zip_file_add(z, "word/document.xml", zip_source_buffer(z, doc, sizeof doc - 1, 0), 0);
	if (zip_file_set_encryption(z, (zip_uint64_t)i, ZIP_EM_TRAD_PKWARE, "pw") != 0 &&
	    zip_file_set_encryption(z, (zip_uint64_t)i, ZIP_EM_AES_256, "pw") != 0) {
		zip_discard(z);
		zip_source_free(src);
		skip(); /* this libzip encrypts nothing */
	}
	assert_int_equal(zip_close(z), 0);
	zip_source_open(src);
	zip_source_seek(src, 0, SEEK_END);
	size_t len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	char *zip = malloc(len);
	zip_source_read(src, zip, len);
	zip_source_close(src);
	zip_source_free(src);
	check_refused(zip, len, MAX, "it is encrypted; save it as .docx without a password");
	free(zip);
}

static void malformed_xml_names_the_place(void **state)
{
	(void)state;
	check_doc_refused("<w:document xmlns:w=\"" W "\"><w:body>\n<w:p></w:r></w:body></w:document>", MAX,
			  "the .docx is damaged: word/document.xml line 2, column 8: mismatched tag");
	check_doc_refused("", MAX, "word/document.xml line 1");
}

static void a_document_type_declaration_is_refused(void **state)
{
	(void)state;
	check_doc_refused("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
			  "<w:document xmlns:w=\"" W "\"><w:body>" P("&b;") "</w:body></w:document>",
			  MAX, "word/document.xml has a document type declaration");
}

static void deep_nesting_is_refused(void **state)
{
	(void)state;
	al_buf b = { 0 };
	al_buf_adds(&b, "<w:document xmlns:w=\"" W "\"><w:body>");
	for (int i = 0; i < 300; i++)
		al_buf_adds(&b, "<w:sdt>");
	for (int i = 0; i < 300; i++)
		al_buf_adds(&b, "</w:sdt>");
	al_buf_adds(&b, "</w:body></w:document>");
	check_doc_refused(b.data, MAX, "nests elements deeper than 256 levels");
	al_buf_free(&b);
}

static void oversize_parts_are_refused(void **state)
{
	(void)state;
	check_doc_refused(DOC(P("We are sorry for the late shipments.")), 100, "word/document.xml holds 2");
	/* a part whose size in the archive lies is still stopped at the limit */
	al_docx d = { 0 };
	al_error err;
	al_buf big = { 0 };
	al_buf_adds(&big, "<w:document xmlns:w=\"" W "\"><w:body>");
	while (big.len < 300000)
		al_buf_adds(&big, P("We are sorry."));
	al_buf_adds(&big, "</w:body></w:document>");
	assert_int_equal(read_doc(&d, big.data, NULL, NULL, 200000, &err), -1);
	assert_non_null(strstr(err.msg, "over the limit of 200000"));
	al_buf_free(&big);
	al_docx_free(&d);
}

static void a_zip_bomb_is_refused(void **state)
{
	(void)state;
	size_t n = 8u << 20;
	char *doc = malloc(n);
	memset(doc, ' ', n);
	part p = { "word/document.xml", doc, n };
	size_t len;
	char *zip = make_zip(&p, 1, &len);
	free(doc);
	check_refused(zip, len, 64u << 20, "a ZIP bomb, not a letter");
	check_refused(zip, len, MAX, "over the limit of 1048576");
	free(zip);
}

/* The archive claims a small size; the data unpacks to more: the reader
 * stops at the limit, not at the claim. */
static void a_lying_size_is_stopped_at_the_limit(void **state)
{
	(void)state;
	size_t n = 600000;
	char *doc = malloc(n);
	memset(doc, ' ', n);
	part p = { "word/document.xml", doc, n };
	size_t len;
	char *zip = make_zip(&p, 1, &len);
	free(doc);
	/* patch the sizes in the local header (offset 22) and the central
	 * directory (offset 24 of its entry) to 1000 */
	unsigned char *u = (unsigned char *)zip;
	u[22] = 0xE8, u[23] = 0x03, u[24] = u[25] = 0;
	for (size_t i = len - 22; i-- > 0;)
		if (memcmp(zip + i, "PK\1\2", 4) == 0) {
			u[i + 24] = 0xE8, u[i + 25] = 0x03, u[i + 26] = u[i + 27] = 0;
			break;
		}
	al_docx d = { 0 };
	al_error err;
	int rc = al_docx_read(&d, zip, len, "letter.docx", 500000, &err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "letter.docx"));
	al_docx_free(&d);
	free(zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paragraphs_are_blocks_and_numbered),
		cmocka_unit_test(empty_paragraphs_are_counted_not_shown),
		cmocka_unit_test(numbered_and_bulleted_lists_get_markers),
		cmocka_unit_test(list_numbers_continue_across_paragraphs),
		cmocka_unit_test(styles_give_headings_and_numbering),
		cmocka_unit_test(table_cells_are_paragraphs),
		cmocka_unit_test(tracked_changes_breaks_and_tabs),
		cmocka_unit_test(tab_stops_and_fallbacks_are_not_text),
		cmocka_unit_test(the_reader_is_reused),
		cmocka_unit_test(zip_magic_is_recognised),
		cmocka_unit_test(a_damaged_archive_is_refused),
		cmocka_unit_test(an_archive_without_document_is_not_word),
		cmocka_unit_test(ole_files_are_encrypted_or_old),
		cmocka_unit_test(an_encrypted_entry_is_refused),
		cmocka_unit_test(malformed_xml_names_the_place),
		cmocka_unit_test(a_document_type_declaration_is_refused),
		cmocka_unit_test(deep_nesting_is_refused),
		cmocka_unit_test(oversize_parts_are_refused),
		cmocka_unit_test(a_zip_bomb_is_refused),
		cmocka_unit_test(a_lying_size_is_stopped_at_the_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
