/* test_letter.c - unit tests for letter.c: line classification, list
 * markers, blocks, headings and sections, list roles, the parts of a letter
 * (header, salutation, sign-off, opening, closing), sentences, scopes and
 * words. Every parse is followed by al_letter_check(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rules/lint.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One linter for the whole file: its rule set gives the vocabulary. */
static al_linter G;
/* Scratch for scope spans, kept across tests so a failed assertion leaks nothing. */
static al_span *S_spans;
static size_t S_cap;

static int setup_linter(void **state)
{
	(void)state;
	al_error err;
	memset(&err, 0, sizeof err);
	if (al_linter_init(&G, NULL, 0, &err)) {
		fprintf(stderr, "al_linter_init: %s:%d:%d: %s\n", err.file, err.line, err.col, err.msg);
		al_linter_free(&G);
		return -1;
	}
	return 0;
}

static int teardown_linter(void **state)
{
	(void)state;
	al_linter_free(&G);
	free(S_spans);
	S_spans = NULL;
	S_cap = 0;
	return 0;
}

/* ---- helpers ---- */

/* Parses n bytes of s and checks the model's invariants. */
static const al_letter *parse_n(const char *s, size_t n, int markdown)
{
	al_text_set(&G.text, s, n);
	al_letter_parse(&G.letter, &G.text, &G.rs.vocab, &G.m, markdown);
	const char *why = al_letter_check(&G.letter);
	if (why)
		fail_msg("al_letter_check: %s", why);
	return &G.letter;
}

static const al_letter *parse(const char *s)
{
	return parse_n(s, strlen(s), 0);
}

static const al_letter *parse_md(const char *s)
{
	return parse_n(s, strlen(s), 1);
}

/* The text of a span, copied into a static buffer for comparisons. */
static const char *text_of(const al_letter *l, al_span sp)
{
	static char buf[2][1024];
	static int k;
	k ^= 1;
	assert_true(sp.start <= sp.end);
	assert_true(sp.end <= l->text->len);
	size_t n = sp.end - sp.start;
	assert_true(n < sizeof buf[k]);
	memcpy(buf[k], l->text->data + sp.start, n);
	buf[k][n] = '\0';
	return buf[k];
}

/* Index of the first line whose text starts with prefix (after indentation). */
static size_t line_starting(const al_letter *l, const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < l->nlines; i++) {
		size_t a = l->lines[i].span.start, e = l->lines[i].span.end;
		while (a < e && (l->text->data[a] == ' ' || l->text->data[a] == '\t'))
			a++;
		if (e - a >= n && memcmp(l->text->data + a, prefix, n) == 0)
			return i;
	}
	fail_msg("no line starts with \"%s\"", prefix);
	return 0;
}

/* Index of the block that holds line i. */
static size_t block_of_line(const al_letter *l, size_t i)
{
	for (size_t b = 0; b < l->nblocks; b++)
		if (l->blocks[b].line0 <= i && i < l->blocks[b].line1)
			return b;
	fail_msg("line %zu is in no block", i);
	return 0;
}

static size_t block_starting(const al_letter *l, const char *prefix)
{
	return block_of_line(l, line_starting(l, prefix));
}

static size_t count_blocks(const al_letter *l, int kind)
{
	size_t n = 0;
	for (size_t b = 0; b < l->nblocks; b++)
		n += l->blocks[b].kind == kind;
	return n;
}

/* The spans of scope s, in the shared scratch array. */
static size_t scope(const al_letter *l, al_scope s, al_span **spans)
{
	size_t n = al_letter_scope(l, s, &S_spans, &S_cap);
	*spans = S_spans;
	return n;
}

/* Checks a one-line letter: its first line's kind, marker, style, number and content. */
static void assert_item(const char *src, int marker, int style, int number, const char *content)
{
	const al_letter *l = parse(src);
	const al_line *ln = &l->lines[0];
	if (ln->kind != AL_LINE_ITEM)
		fail_msg("\"%s\": kind %d, want an item", src, ln->kind);
	if (ln->marker != marker || ln->style != style || ln->number != number)
		fail_msg("\"%s\": marker %d style %d number %d, want %d %d %d", src, ln->marker, ln->style, ln->number,
			 marker, style, number);
	assert_string_equal(text_of(l, ln->content), content);
}

/* ---- line classification ---- */

/* A span by the first occurrence of word in the letter's text. */
static al_span span_of(const al_letter *l, const char *word)
{
	const char *at = strstr(l->text->data, word);
	assert_non_null(at);
	size_t a = (size_t)(at - l->text->data);
	return (al_span){ a, a + strlen(word) };
}

static void capitalised_runs_mid_sentence_are_names(void **state)
{
	(void)state;
	const al_letter *l = parse("We sold mugs from The Nightmare Before Christmas.\n");
	assert_true(al_letter_named(l, span_of(l, "Nightmare")));
	l = parse("Our Disaster Kit was listed in the wrong category.\n");
	assert_true(al_letter_named(l, span_of(l, "Disaster")));
	l = parse("It was a Nightmare for us.\n");
	assert_false(al_letter_named(l, span_of(l, "Nightmare"))); /* no capital beside it */
	l = parse("Nightmare Mugs are gone.\n");
	assert_false(al_letter_named(l, span_of(l, "Nightmare"))); /* a sentence starts there */
	l = parse("The Nightmare began in May.\n");
	assert_false(al_letter_named(l, span_of(l, "Nightmare"))); /* only the opening word beside it */
	l = parse("It was a NIGHTMARE Amazon.\n");
	assert_false(al_letter_named(l, span_of(l, "NIGHTMARE"))); /* capitals shout */
	l = parse("Then Royal Mail lost our parcels.\n");
	assert_false(al_letter_named(l, span_of(l, "Royal Mail lost"))); /* not every word capitalised */
}

static void lines_are_classified_by_kind(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize for the delay.\n"
				   "\n"
				   "## Root cause\n"
				   "- We did not check stock.\n"
				   "> The buyer wrote: late again\n");
	assert_int_equal(l->nlines, 6);
	assert_int_equal(l->lines[0].kind, AL_LINE_TEXT);
	assert_int_equal(l->lines[1].kind, AL_LINE_BLANK);
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_string_equal(text_of(l, l->lines[2].content), "Root cause");
	assert_int_equal(l->lines[3].kind, AL_LINE_ITEM);
	assert_string_equal(text_of(l, l->lines[3].content), "We did not check stock.");
	assert_int_equal(l->lines[4].kind, AL_LINE_QUOTE);
	assert_string_equal(text_of(l, l->lines[4].content), "The buyer wrote: late again");
	assert_int_equal(l->lines[5].kind, AL_LINE_BLANK);
}

static void line_spans_exclude_terminators_and_content_is_trimmed(void **state)
{
	(void)state;
	const al_letter *l = parse("  We are sorry.  \r\n\tSecond line\r\n");
	assert_int_equal(l->nlines, 3);
	assert_string_equal(text_of(l, l->lines[0].span), "  We are sorry.  ");
	assert_string_equal(text_of(l, l->lines[0].content), "We are sorry.");
	assert_int_equal(l->lines[0].indent, 2);
	assert_string_equal(text_of(l, l->lines[1].content), "Second line");
	assert_int_equal(l->lines[1].indent, 4); /* a tab counts 4 */
}

static void whitespace_only_lines_are_blank(void **state)
{
	(void)state;
	const al_letter *l = parse("We are sorry.\n \t \n\xE3\x80\x80\nWe fixed it.\n");
	assert_int_equal(l->lines[1].kind, AL_LINE_BLANK);
	assert_int_equal(l->lines[2].kind, AL_LINE_BLANK); /* a full-width space */
	assert_int_equal(count_blocks(l, AL_BLOCK_PARAGRAPH), 2);
}

static void quote_lines_form_a_quote_block_outside_the_body_scope(void **state)
{
	(void)state;
	const al_letter *l = parse("The buyer wrote to us.\n"
				   "\n"
				   "> It came late.\n"
				   "> Very late.\n"
				   "\n"
				   "We refunded the order.\n");
	assert_int_equal(l->nblocks, 3);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_QUOTE);
	assert_int_equal(l->blocks[1].line0, 2);
	assert_int_equal(l->blocks[1].line1, 4);
	assert_string_equal(text_of(l, l->blocks[1].span), "> It came late.\n> Very late.");
	al_span *sp;
	size_t n = scope(l, AL_SCOPE_BODY, &sp);
	assert_int_equal(n, 2);
	assert_string_equal(text_of(l, sp[0]), "The buyer wrote to us.");
	assert_string_equal(text_of(l, sp[1]), "We refunded the order.");
	n = scope(l, AL_SCOPE_SENTENCE, &sp);
	assert_int_equal(n, 2);
}

/* Regression: lines outside the body (header, salutation, sign-off) are never
 * classified, so they keep kind AL_LINE_BLANK (0) although they hold text:
 * "Dear Team," and "Best regards," read as blank lines in the model. */
static void salutation_and_signoff_lines_are_not_blank(void **state)
{
	(void)state;
	const al_letter *l = parse("Subject: Appeal\n\nDear Team,\n\nWe apologize.\n\nBest regards,\nJane\n");
	size_t subj = line_starting(l, "Subject"), dear = line_starting(l, "Dear");
	size_t best = line_starting(l, "Best"), jane = line_starting(l, "Jane");
	assert_int_equal(l->lines[subj].part, AL_PART_HEADER);
	assert_int_equal(l->lines[dear].part, AL_PART_SALUTATION);
	assert_int_equal(l->lines[best].part, AL_PART_SIGNOFF);
	assert_int_not_equal(l->lines[subj].kind, AL_LINE_BLANK);
	assert_int_not_equal(l->lines[dear].kind, AL_LINE_BLANK);
	assert_int_not_equal(l->lines[best].kind, AL_LINE_BLANK);
	assert_int_not_equal(l->lines[jane].kind, AL_LINE_BLANK);
}

/* A draft pasted into a forum: the quoted notice and the poster's line
 * that introduces the letter stand before the greeting, outside the body,
 * so the opening is the letter's own first paragraphs. */
static void a_pasted_drafts_preamble_is_outside_the_body(void **state)
{
	(void)state;
	const al_letter *l =
		parse("> Your selling privileges have been removed.\n\n"
		      "This is the notice. Below is our letter, please help:\n\n"
		      "Dear Team,\n\nWe sell lamps.\n\nOur ODR is 1.7%.\n\nWe are sorry.\n\nKind regards,\nLi\n");
	assert_int_equal(l->lines[line_starting(l, "Dear")].part, AL_PART_SALUTATION);
	assert_int_equal(l->lines[line_starting(l, "This is")].part, AL_PART_HEADER);
	al_span *sp;
	size_t n = scope(l, AL_SCOPE_OPENING, &sp);
	assert_int_equal(n, 2);
	assert_string_equal(text_of(l, sp[0]), "We sell lamps.");
	/* a letter that begins with a sentence of its own has no preamble */
	l = parse("We sell lamps in Leeds.\n\nDear Team,\n\nOur ODR is 1.7%.\n");
	assert_int_not_equal(l->lines[line_starting(l, "Dear")].part, AL_PART_SALUTATION);
}

/* ---- list markers ---- */

static void every_bullet_marker_starts_an_item(void **state)
{
	(void)state;
	static const char *const bullets[] = { "\xE2\x80\xA2", /* • */
					       "\xC2\xB7",     /* · */
					       "-",
					       "\xE2\x80\x93", /* – */
					       "\xE2\x80\x94", /* — */
					       "*",
					       "\xE2\x97\x8F", /* ● */
					       "\xE2\x96\xAA", /* ▪ */
					       "\xE2\x97\xA6", /* ◦ */
					       "+" };
	for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
		char src[64];
		snprintf(src, sizeof src, "%s We hired a packer.\n", bullets[i]);
		assert_item(src, AL_MARK_BULLET, AL_NUM_NONE, 0, "We hired a packer.");
		snprintf(src, sizeof src, "   %s\tWe hired a packer.\n", bullets[i]);
		assert_item(src, AL_MARK_BULLET, AL_NUM_NONE, 0, "We hired a packer.");
	}
}

static void symbol_bullets_may_touch_their_text_but_dashes_may_not(void **state)
{
	(void)state;
	assert_item("\xE2\x80\xA2We hired a packer.", AL_MARK_BULLET, AL_NUM_NONE, 0, "We hired a packer.");
	const al_letter *l = parse("-We hired a packer.\n");
	assert_int_equal(l->lines[0].kind, AL_LINE_TEXT);
	assert_int_equal(l->lines[0].marker, AL_MARK_NONE);
	l = parse("*We hired a packer.\n");
	assert_int_equal(l->lines[0].kind, AL_LINE_TEXT);
}

static void every_number_marker_style_is_read(void **state)
{
	(void)state;
	static const struct {
		const char *src;
		int style, number;
	} cases[] = {
		{ "1. We hired a packer.", AL_NUM_DOT, 1 },
		{ "12. We hired a packer.", AL_NUM_DOT, 12 },
		{ "1) We hired a packer.", AL_NUM_PAREN, 1 },
		{ "3) We hired a packer.", AL_NUM_PAREN, 3 },
		{ "(1) We hired a packer.", AL_NUM_PARENS, 1 },
		{ "(7) We hired a packer.", AL_NUM_PARENS, 7 },
		{ "1\xE3\x80\x81We hired a packer.", AL_NUM_COMMA, 1 },	  /* 1、 */
		{ "2, we hired a packer.", AL_NUM_COMMA, 2 },		  /* list-marker-style offers "2." */
		{ "\xE2\x91\xA0 We hired a packer.", AL_NUM_CIRCLED, 1 }, /* ① */
		{ "\xE2\x91\xA4 We hired a packer.", AL_NUM_CIRCLED, 5 }, /* ⑤ */
		{ "\xE2\x9D\xB8 We hired a packer.", AL_NUM_CIRCLED, 3 }, /* ❸ */
		{ "Step 1: We hired a packer.", AL_NUM_STEP, 1 },
		{ "step 2. We hired a packer.", AL_NUM_STEP, 2 },
		{ "Step 3 \xE2\x80\x93 We hired a packer.", AL_NUM_STEP, 3 }, /* Step 3 – */
		{ "a. We hired a packer.", AL_NUM_LETTER, 1 },
		{ "b) We hired a packer.", AL_NUM_LETTER, 2 },
		{ "(c) We hired a packer.", AL_NUM_LETTER, 3 },
		{ "B. We hired a packer.", AL_NUM_LETTER, 2 },
		{ "i. We hired a packer.", AL_NUM_ROMAN, 1 },
		{ "ii) We hired a packer.", AL_NUM_ROMAN, 2 },
		{ "iv. We hired a packer.", AL_NUM_ROMAN, 4 },
		{ "(iii) We hired a packer.", AL_NUM_ROMAN, 3 },
		{ "IX. We hired a packer.", AL_NUM_ROMAN, 9 },
		{ "I. We hired a packer.", AL_NUM_ROMAN, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *want = strstr(cases[i].src, "e hired") - 1;
		assert_item(cases[i].src, AL_MARK_NUMBER, cases[i].style, cases[i].number, want);
	}
}

/* "5.Improving" with no space goes on from item 4 above; "3.We" after
 * item 1 does not, and stays text. */
static void a_number_without_a_space_goes_on_from_the_item_above(void **state)
{
	(void)state;
	const al_letter *l = parse("Steps:\n1. We hired a packer.\n2. We bought a printer.\n3.Improving our replies;");
	assert_int_equal(l->lines[3].kind, AL_LINE_ITEM);
	assert_int_equal(l->lines[3].number, 3);
	l = parse("Steps:\n1. We hired a packer.\n3.Improving our replies;");
	assert_int_not_equal(l->lines[2].kind, AL_LINE_ITEM); /* it goes on item 1 */
	assert_int_equal(l->lines[2].marker, AL_MARK_NONE);
}

static void numbers_and_words_at_line_start_are_not_markers(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"-5% of our orders shipped late last month.",
		"1.5% ODR was our figure at the time.",
		"1.We hired a packer without a space.",
		"12, 15 and 20 units shipped late.", /* numbers, not a marker */
		"2024. That was the year it happened.",
		"10x20 cm mats were sold as 20x30 cm.",
		"e.g. cars and dolls were affected.",
		"Mr. Lee manages our warehouse now.",
		"A smart plan was put in place.",
		"(1)We hired a packer without a space.",
		"Step one: we hired a packer and a driver.",
		"#1 priority is shipping on time now.",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const al_letter *l = parse(lines[i]);
		if (l->lines[0].kind != AL_LINE_TEXT || l->lines[0].marker != AL_MARK_NONE)
			fail_msg("\"%s\": kind %d marker %d, want plain text", lines[i], l->lines[0].kind,
				 l->lines[0].marker);
		assert_int_equal(l->nblocks, 1);
		assert_int_equal(l->blocks[0].kind, AL_BLOCK_PARAGRAPH);
	}
}

/* ---- lists ---- */

static void lists_keep_items_across_blank_lines(void **state)
{
	(void)state;
	const al_letter *l = parse("We looked at every order.\n"
				   "\n"
				   "- one\n"
				   "\n"
				   "- two\n"
				   "\n"
				   "- three\n"
				   "\n"
				   "After that we rested.\n");
	assert_int_equal(l->nblocks, 3);
	assert_int_equal(l->blocks[0].kind, AL_BLOCK_PARAGRAPH);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[1].nitems, 3);
	assert_int_equal(l->blocks[1].numbered, 0);
	assert_int_equal(l->blocks[1].line0, 2);
	assert_int_equal(l->blocks[1].line1, 7); /* no trailing blank line */
	assert_string_equal(text_of(l, l->blocks[1].span), "one\n\n- two\n\n- three");
	assert_int_equal(l->blocks[2].kind, AL_BLOCK_PARAGRAPH);
	assert_string_equal(text_of(l, l->blocks[2].span), "After that we rested.");
}

static void wrapped_item_line_is_a_continuation(void **state)
{
	(void)state;
	const al_letter *l = parse("We looked at every order.\n"
				   "\n"
				   "- We did not check the queue\n"
				   "every morning as we should.\n"
				   "- The printer broke.\n");
	assert_int_equal(l->lines[3].kind, AL_LINE_CONT);
	assert_int_equal(l->nblocks, 2);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[1].nitems, 2);
	assert_int_equal(l->blocks[1].line1, 5);
	/* the item's sentence runs over both lines */
	int found = 0;
	for (size_t k = 0; k < l->nsents; k++)
		found |= strcmp(text_of(l, l->sents[k].span),
				"We did not check the queue\nevery morning as we should.") == 0;
	assert_true(found);
}

/* One paragraph a line, as pasted from forums: a line too long to be
 * wrapped text ends its paragraph at its full stop, and so does a sentence
 * after the last list item. Wrapped lines that end a sentence do not. */
static void single_line_breaks_end_paragraphs_in_unwrapped_text(void **state)
{
	(void)state;
	const al_letter *l = parse(
		"Dear Team,\n"
		"We are a small family shop that has sold kitchen goods on Amazon since 2016 and has always shipped on time.\n"
		"In May our only packer was sick for two weeks and we had no one to replace him.\n"
		"The causes were:\n"
		"1. No backup packer.\n"
		"2. No vacation settings.\n"
		"We look forward to your reply.\n"
		"Sincerely,\nTom\n");
	assert_true(l->lines[1].flags & AL_LF_PARA_END);
	assert_true(l->lines[2].flags & AL_LF_PARA_END);  /* "The causes were:" is its own */
	assert_int_equal(l->lines[6].kind, AL_LINE_TEXT); /* not part of item 2 */
	al_span *sp;
	assert_int_equal(scope(l, AL_SCOPE_PARAGRAPH, &sp), 4);
	assert_string_equal(text_of(l, sp[0]),
			    "We are a small family shop that has sold kitchen goods on Amazon since 2016 and has "
			    "always shipped on time.");
	l = parse("We apologise for the Order Defect Rate of 1.8% on our account, which is\n"
		  "above the target. The defects came from claims filed in May 2025.\n"
		  "Short last line.\n"
		  "Another paragraph starts here and runs on to the wrap width again.\n");
	assert_false(l->lines[0].flags & AL_LF_PARA_END);
	assert_false(l->lines[1].flags & AL_LF_PARA_END); /* full width: wrapped */
	assert_true(l->lines[2].flags & AL_LF_PARA_END);  /* well short of it */
	l = parse("- We did not check the queue every morning.\n"
		  "This is why orders waited.\n"
		  "- The printer broke.\n");
	assert_int_equal(l->lines[1].kind, AL_LINE_CONT); /* another item follows */
}

/* "Problem: our feed was not synced." labels a paragraph: its sentence is
 * text every rule reads, and it opens a section of the title's role. A
 * title whose sentence introduces a list stays a heading. */
static void a_title_before_a_sentence_labels_a_paragraph(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologise for the late orders.\n"
				   "\n"
				   "Root cause: our staff did not confirm weekend orders.\n"
				   "Solution: we now confirm orders every day at 2 pm.\n"
				   "\n"
				   "Plan of Action: we took these steps:\n"
				   "1. Hired a packer.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_TEXT);
	assert_true(l->lines[2].flags & AL_LF_LABEL);
	assert_int_equal(l->lines[2].label, strlen("Root cause:"));
	assert_int_equal(l->blocks[block_of_line(l, 2)].kind, AL_BLOCK_PARAGRAPH);
	assert_int_not_equal(block_of_line(l, 2), block_of_line(l, 3));
	assert_int_equal(l->sections[l->blocks[block_of_line(l, 2)].section].role, AL_ROLE_CAUSES);
	assert_int_equal(l->sections[l->blocks[block_of_line(l, 3)].section].role, AL_ROLE_ACTIONS);
	assert_int_equal(l->lines[5].kind, AL_LINE_HEADING);
	al_span *sp;
	size_t n = scope(l, AL_SCOPE_TEXT, &sp), found = 0;
	for (size_t k = 0; k < n; k++)
		found += strstr(text_of(l, sp[k]), "our staff did not confirm") != NULL;
	assert_int_equal(found, 1);
}

/* A Markdown sub-heading that names no role ("### ASIN ...") takes the
 * role of the heading above it; a sibling with its own role does not. */
static void markdown_sub_headings_take_the_role_above(void **state)
{
	(void)state;
	const al_letter *l = parse_md("We apologise for the complaints.\n"
				      "\n"
				      "## What went wrong\n"
				      "\n"
				      "### ASIN B07QX3PLMN\n"
				      "- We bought from a trading company.\n"
				      "\n"
				      "## Actions taken\n"
				      "\n"
				      "### Kettlebells\n"
				      "1. We removed the batch on 20 August 2025.\n");
	assert_int_equal(l->blocks[block_of_line(l, 4)].role, AL_ROLE_CAUSES);
	assert_int_equal(l->blocks[block_of_line(l, 5)].role, AL_ROLE_CAUSES);
	assert_int_equal(l->blocks[block_of_line(l, 9)].role, AL_ROLE_ACTIONS);
	assert_int_equal(l->blocks[block_of_line(l, 10)].role, AL_ROLE_ACTIONS);
}

static void indented_text_after_a_blank_line_continues_the_item(void **state)
{
	(void)state;
	const al_letter *l = parse("We looked at every order.\n"
				   "\n"
				   "1. We hired a packer.\n"
				   "\n"
				   "   She starts at 8 am.\n"
				   "2. We moved dispatch.\n"
				   "\n"
				   "We hope this helps.\n");
	assert_int_equal(l->lines[4].kind, AL_LINE_CONT);
	assert_int_equal(l->lines[7].kind, AL_LINE_TEXT);
	assert_int_equal(l->nblocks, 3);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[1].nitems, 2);
	assert_int_equal(l->blocks[2].kind, AL_BLOCK_PARAGRAPH);
}

static void bulleted_then_numbered_list_are_two_lists(void **state)
{
	(void)state;
	const al_letter *l = parse("We looked at every order.\n"
				   "\n"
				   "- a cause\n"
				   "- another cause\n"
				   "\n"
				   "1. a step\n"
				   "2. another step\n");
	assert_int_equal(l->nblocks, 3);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[1].numbered, 0);
	assert_int_equal(l->blocks[1].nitems, 2);
	assert_int_equal(l->blocks[2].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[2].numbered, 1);
	assert_int_equal(l->blocks[2].nitems, 2);
	assert_int_equal(l->blocks[2].line0, 5);
}

static void nested_indented_items_stay_in_one_list(void **state)
{
	(void)state;
	const al_letter *l = parse("We looked at every order.\n"
				   "\n"
				   "1. top one\n"
				   "   - nested a\n"
				   "   - nested b\n"
				   "2. top two\n"
				   "    a. sub\n"
				   "3. top three\n");
	assert_int_equal(l->nblocks, 2);
	const al_block *b = &l->blocks[1];
	assert_int_equal(b->kind, AL_BLOCK_LIST);
	assert_int_equal(b->numbered, 1);
	assert_int_equal(b->nitems, 3); /* top-level items only */
	assert_int_equal(b->indent, 0);
	assert_int_equal(b->line0, 2);
	assert_int_equal(b->line1, 8);
	assert_int_equal(l->lines[3].indent, 3);
	assert_int_equal(l->lines[6].style, AL_NUM_LETTER);
	assert_int_equal(l->lines[7].number, 3);
}

static void numbered_items_keep_their_numbers(void **state)
{
	(void)state;
	const al_letter *l = parse("Steps we took are below.\n\n1) a\n2) b\n3) c\n");
	assert_int_equal(l->lines[2].number, 1);
	assert_int_equal(l->lines[3].number, 2);
	assert_int_equal(l->lines[4].number, 3);
	assert_int_equal(l->lines[4].style, AL_NUM_PAREN);
}

/* ---- headings ---- */

static void markdown_heading_is_a_heading_block(void **state)
{
	(void)state;
	const al_letter *l = parse_md("We apologize.\n\n## Root cause\nOur staff did not check.\n");
	size_t i = line_starting(l, "##");
	assert_int_equal(l->lines[i].kind, AL_LINE_HEADING);
	size_t b = block_of_line(l, i);
	assert_int_equal(l->blocks[b].kind, AL_BLOCK_HEADING);
	assert_string_equal(text_of(l, l->blocks[b].span), "Root cause");
	/* the text right below is a paragraph of its own */
	assert_int_equal(l->blocks[b + 1].kind, AL_BLOCK_PARAGRAPH);
}

static void all_caps_short_line_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nROOT CAUSES\nOur staff did not check.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_HEADING);
}

static void short_line_ending_in_a_colon_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nWhat we found:\nOur staff did not check.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_string_equal(text_of(l, l->lines[2].content), "What we found:");
}

static void known_title_alone_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nPlan of Action\nWe hired a packer.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_HEADING);
	assert_int_equal(l->blocks[1].role, AL_ROLE_ACTIONS);
}

static void known_title_inside_a_paragraph_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize for the delay.\nRoot Cause\nOur staff did not check.\n");
	assert_int_equal(l->lines[1].kind, AL_LINE_HEADING);
	assert_int_equal(l->nblocks, 3);
}

/* Regression: is_title_line() takes the first alternative of the combined titles
 * pattern that matches at the line start. "(?:actions?|steps|...)(?:\s+(?:
 * taken|we\s+have\s+taken|...))?" matches "Steps we have taken" first, so
 * the longer title "steps we (have) taken to prevent recurrence" listed
 * later in rules/letter.json never matches, and the line is plain text. */
static void longer_known_title_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nSteps we have taken to prevent recurrence\nWe hired a packer.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_int_equal(count_blocks(l, AL_BLOCK_HEADING), 1);
}

static void title_followed_by_a_sentence_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l =
		parse("We apologize.\n\n"
		      "Plan of Action: We are taking the following steps to make sure this never happens again:\n"
		      "1. We hired a packer.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	size_t b = block_of_line(l, 2);
	assert_int_equal(l->blocks[b].kind, AL_BLOCK_HEADING);
	assert_int_equal(l->blocks[b].role, AL_ROLE_ACTIONS);
	assert_int_equal(l->blocks[b + 1].kind, AL_BLOCK_LIST);
}

static void numbered_title_is_a_heading_not_an_item(void **state)
{
	(void)state;
	const al_letter *l = parse(
		"We apologize.\n\n1. Root Cause\nOur staff did not check.\n\n2. Corrective Actions\n- We hired a packer.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_string_equal(text_of(l, l->lines[2].content), "Root Cause");
	assert_int_equal(l->lines[5].kind, AL_LINE_HEADING);
	assert_int_equal(count_blocks(l, AL_BLOCK_HEADING), 2);
	assert_int_equal(count_blocks(l, AL_BLOCK_LIST), 1);
	assert_int_equal(l->blocks[block_of_line(l, 2)].role, AL_ROLE_CAUSES);
	assert_int_equal(l->blocks[block_of_line(l, 5)].role, AL_ROLE_ACTIONS);
}

static void bold_line_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse_md("We apologize.\n\n**Root Cause**\nOur staff did not check.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_HEADING);
	assert_string_equal(text_of(l, l->lines[2].content), "Root Cause");
}

static void lines_that_are_not_headings(void **state)
{
	(void)state;
	/* a long line ending in ':' */
	const al_letter *l = parse(
		"We apologize.\n\nAfter looking at all orders from the last two months we found this:\nOur staff did not check.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_TEXT);
	/* a short line ending in a full stop */
	l = parse("We apologize.\n\nWHAT WE DID.\nOur staff did not check.\n");
	assert_int_equal(l->lines[2].kind, AL_LINE_TEXT);
	/* an ALL-CAPS line inside a paragraph */
	l = parse("We apologize.\nUSPS GROUND SHIPPING\nOur staff did not check.\n");
	assert_int_equal(l->lines[1].kind, AL_LINE_TEXT);
	assert_int_equal(l->nblocks, 1);
	/* a hash without a space */
	l = parse("#hashtag marketing is not a heading\n");
	assert_int_equal(l->lines[0].kind, AL_LINE_TEXT);
}

/* ---- sections ---- */

static void sections_take_their_role_from_heading_words(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\n"
				   "## Root cause\n\nOur staff did not check.\n\n"
				   "Corrective Actions\n\nWe hired a packer.\n\n"
				   "Going forward\n\nWe audit weekly.\n\n"
				   "Background\n\nWe sell toys.\n");
	assert_int_equal(l->nsections, 5);
	assert_true(l->sections[0].heading == AL_NONE);
	assert_int_equal(l->sections[0].role, AL_ROLE_OTHER);
	assert_int_equal(l->sections[0].block0, 0);
	assert_int_equal(l->sections[0].block1, 1);
	assert_int_equal(l->sections[1].role, AL_ROLE_CAUSES);
	assert_int_equal(l->sections[1].heading, 1);
	assert_int_equal(l->sections[1].block0, 1);
	assert_int_equal(l->sections[1].block1, 3);
	assert_string_equal(text_of(l, l->sections[1].span), "Root cause\n\nOur staff did not check.");
	assert_int_equal(l->sections[2].role, AL_ROLE_ACTIONS);
	assert_int_equal(l->sections[3].role, AL_ROLE_PREVENTION);
	assert_int_equal(l->sections[4].role, AL_ROLE_OTHER);
	for (size_t b = 0; b < l->nblocks; b++)
		assert_true(l->blocks[b].section < l->nsections);
	assert_int_equal(l->blocks[2].section, 1);
	assert_int_equal(l->blocks[4].section, 2);
}

/* Regression: role_of() gives a heading the role whose words match last, so
 * "Preventive Measures" (a known title, and matched in full by the
 * prevention heading pattern "prevent\w*(?:\s+(?:actions?|measures?...))?")
 * gets the actions role because "\bmeasures\b" matches later in the line.
 * Same for "Preventive Actions". section:prevention then misses them. */
static void preventive_measures_heading_has_the_prevention_role(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nPreventive Measures\n\nWe audit weekly.\n\n"
				   "Preventive Actions\n\nWe check daily.\n");
	assert_int_equal(l->nsections, 3);
	assert_int_equal(l->sections[1].role, AL_ROLE_PREVENTION);
	assert_int_equal(l->sections[2].role, AL_ROLE_PREVENTION);
}

static void letter_without_headings_has_one_section(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nWe hired a packer.\n");
	assert_int_equal(l->nsections, 1);
	assert_int_equal(l->sections[0].block0, 0);
	assert_int_equal(l->sections[0].block1, 2);
	assert_string_equal(text_of(l, l->sections[0].span), "We apologize.\n\nWe hired a packer.");
}

/* ---- list roles ---- */

static void list_role_comes_from_the_introducing_sentence(void **state)
{
	(void)state;
	const al_letter *l =
		parse("We apologize for the late shipments in March.\n\n"
		      "We looked at every order in detail. There are two main reasons this happened:\n\n"
		      "- Shipping labels were printed once a day.\n"
		      "- Orders arrived after the pickup.\n\n"
		      "We changed how our warehouse works after this review. We have taken the following steps:\n\n"
		      "1. Labels are printed every hour.\n"
		      "2. Pickup moved to 6 pm.\n");
	assert_int_equal(count_blocks(l, AL_BLOCK_HEADING), 0);
	size_t causes = block_starting(l, "- Shipping"), actions = block_starting(l, "1. Labels");
	assert_int_equal(l->blocks[causes].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[causes].role, AL_ROLE_CAUSES);
	assert_int_equal(l->blocks[actions].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[actions].role, AL_ROLE_ACTIONS);
}

static void list_role_comes_from_the_heading_above_it(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nROOT CAUSES\n\n- Labels were printed once a day.\n");
	size_t b = block_starting(l, "- Labels");
	assert_int_equal(l->blocks[b].role, AL_ROLE_CAUSES);
	assert_int_equal(l->blocks[b].section, 1);
}

/* Items alone make a list of actions, never a list of causes: causes need a
 * section or a sentence that introduces them (core-rules.md), or a list of
 * buyers' complaints would pass for one. */
static void list_role_comes_from_its_items_without_an_introduction(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize for the late shipments.\n\n"
				   "- Our staff did not check the queue.\n"
				   "- The printer was broken due to poor maintenance.\n");
	assert_int_equal(l->blocks[1].kind, AL_BLOCK_LIST);
	assert_int_equal(l->blocks[1].role, AL_ROLE_OTHER);
	l = parse("We apologize for the late shipments.\n\n"
		  "- We hired a second packer.\n"
		  "- We replaced the printer.\n"
		  "- We now check orders every morning.\n");
	assert_int_equal(l->blocks[1].role, AL_ROLE_ACTIONS);
	l = parse("We apologize for the late shipments.\n\n- Red mugs\n- Blue mugs\n");
	assert_int_equal(l->blocks[1].role, AL_ROLE_OTHER);
}

/* ---- header and salutation ---- */

static void header_block_then_salutation(void **state)
{
	(void)state;
	const al_letter *l = parse("Subject: Appeal for late shipments\n"
				   "Seller ID: A1B2C3D4\n"
				   "\n"
				   "Dear Seller Performance Team,\n"
				   "\n"
				   "We apologize for the late shipments.\n");
	assert_int_equal(l->lines[0].part, AL_PART_HEADER);
	assert_int_equal(l->lines[1].part, AL_PART_HEADER);
	assert_int_equal(l->lines[3].part, AL_PART_SALUTATION);
	assert_int_equal(l->lines[5].part, AL_PART_BODY);
	assert_int_equal(l->header.start, 0);
	const char *h = text_of(l, l->header);
	assert_true(strncmp(h, "Subject: Appeal for late shipments\nSeller ID: A1B2C3D4", 54) == 0);
	assert_null(strstr(h, "Dear"));
	assert_string_equal(text_of(l, l->salutation), "Dear Seller Performance Team,");
	assert_string_equal(text_of(l, l->body), "We apologize for the late shipments.");
	assert_int_equal(l->nblocks, 1);
}

static void header_without_salutation_is_still_a_header(void **state)
{
	(void)state;
	const al_letter *l = parse("Subject: Appeal\n\nWe apologize for the late shipments.\n");
	assert_string_equal(text_of(l, l->header), "Subject: Appeal");
	assert_true(l->salutation.start == l->salutation.end);
	assert_string_equal(text_of(l, l->body), "We apologize for the late shipments.");
}

static void markdown_title_before_the_greeting_is_header(void **state)
{
	(void)state;
	const al_letter *l = parse_md("# Appeal for ASIN B000123\n\nDear Team,\n\nWe apologize.\n");
	assert_int_equal(l->lines[0].part, AL_PART_HEADER);
	assert_true(strncmp(text_of(l, l->header), "# Appeal for ASIN B000123", 25) == 0);
	assert_string_equal(text_of(l, l->salutation), "Dear Team,");
	assert_int_equal(l->nblocks, 1);
	assert_int_equal(count_blocks(l, AL_BLOCK_HEADING), 0);
}

/* Any short "Label: value" line before the greeting is header, known label
 * or not; the same line without a greeting after it stays in the body. */
static void any_label_line_before_the_greeting_is_header(void **state)
{
	(void)state;
	const al_letter *l = parse("Subject: Appeal\n"
				   "Reason for Suspension: Listing policy\n"
				   "Amazon Account Name: Kim Home\n"
				   "\n"
				   "Dear Team,\n"
				   "\n"
				   "We accept that our images broke the rules.\n");
	assert_string_equal(text_of(l, l->header), "Subject: Appeal\nReason for Suspension: Listing "
						   "policy\nAmazon Account Name: Kim Home");
	assert_string_equal(text_of(l, l->salutation), "Dear Team,");
	assert_int_equal(l->nblocks, 1);
	l = parse("Reason for Suspension: Listing policy\n\nWe fixed it.\n");
	assert_true(l->header.start == l->header.end);
	assert_int_equal(l->nblocks, 2);
	l = parse("We were wrong, as follows: the images had logos.\n\nDear Team,\n\nHi.\n");
	assert_int_equal(l->lines[0].part, AL_PART_BODY);
}

static void markdown_title_without_a_greeting_is_a_heading(void **state)
{
	(void)state;
	const al_letter *l = parse_md("# Appeal\n\nWe apologize.\n");
	assert_true(l->header.start == l->header.end);
	assert_true(l->salutation.start == l->salutation.end);
	assert_int_equal(l->blocks[0].kind, AL_BLOCK_HEADING);
}

static void letter_without_salutation_starts_its_body_at_once(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize for the late shipments.\n\nWe fixed it.\n");
	assert_true(l->salutation.start == l->salutation.end);
	assert_true(l->header.start == l->header.end);
	assert_int_equal(l->body.start, 0);
	assert_int_equal(l->lines[0].part, AL_PART_BODY);
	assert_int_equal(l->nblocks, 2);
}

static void other_greetings_are_salutations(void **state)
{
	(void)state;
	static const char *const greetings[] = { "Hello,", "Hi Amazon Team,", "Greetings,", "To whom it may concern,",
						 "Dear Sir or Madam," };
	for (size_t i = 0; i < sizeof greetings / sizeof *greetings; i++) {
		char src[128];
		snprintf(src, sizeof src, "%s\n\nWe apologize for the delay.\n", greetings[i]);
		const al_letter *l = parse(src);
		assert_string_equal(text_of(l, l->salutation), greetings[i]);
		assert_int_equal(l->nblocks, 1);
	}
}

/* Regression: find_parts() takes any first line of at most 80 code points that
 * starts with a greeting word as the salutation, so an opening sentence
 * such as "Attention to detail was lacking in our warehouse, and we
 * apologize." (matched by "attention\b") leaves the body and the opening:
 * appeal-lint then reports a missing apology for this letter. */
static void sentence_starting_with_a_greeting_word_is_not_a_salutation(void **state)
{
	(void)state;
	const al_letter *l = parse("Attention to detail was lacking in our warehouse, and we apologize.\n\n"
				   "We have fixed the packing process.\n");
	assert_true(l->salutation.start == l->salutation.end);
	assert_int_equal(l->nblocks, 2);
	assert_int_equal(l->opening[0], 0);
	l = parse("Hi-vis vests were shipped without inspection, and we apologize.\n\nWe fixed it.\n");
	assert_true(l->salutation.start == l->salutation.end);
	assert_int_equal(l->nblocks, 2);
}

static void salutation_after_a_utf8_bom(void **state)
{
	(void)state;
	const al_letter *l = parse("\xEF\xBB\xBF"
				   "Dear Team,\n\nWe apologize.\n");
	assert_string_equal(text_of(l, l->salutation), "Dear Team,");
	assert_int_equal(l->salutation.start, 3);
}

/* ---- sign-off ---- */

static void sincerely_starts_the_signoff(void **state)
{
	(void)state;
	const al_letter *l = parse("Dear Team,\n\nWe apologize.\n\nWe fixed it.\n\nSincerely,\nJane Doe\nACME Store\n");
	assert_string_equal(text_of(l, l->signoff), "Sincerely,\nJane Doe\nACME Store");
	size_t i = line_starting(l, "Sincerely");
	assert_int_equal(l->lines[i].part, AL_PART_SIGNOFF);
	assert_int_equal(l->lines[i + 2].part, AL_PART_SIGNOFF);
	assert_string_equal(text_of(l, l->body), "We apologize.\n\nWe fixed it.");
	assert_int_equal(l->nblocks, 2);
}

static void best_regards_without_a_comma_starts_the_signoff(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nWe fixed it.\n\nBest regards\nJane\n");
	assert_string_equal(text_of(l, l->signoff), "Best regards\nJane");
}

static void thank_you_with_name_lines_is_a_signoff(void **state)
{
	(void)state;
	const al_letter *l =
		parse("We apologize.\n\nWe fixed it.\n\nThank you,\nJane Doe\nACME Store\nSeller ID: A1B2C3\n");
	assert_string_equal(text_of(l, l->signoff), "Thank you,\nJane Doe\nACME Store\nSeller ID: A1B2C3");
	assert_int_equal(l->nblocks, 2);
}

static void thank_you_above_best_regards_joins_the_signoff(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nWe fixed it.\n\nThank you.\n\nBest regards,\nJane Doe\n");
	assert_string_equal(text_of(l, l->signoff), "Thank you.\n\nBest regards,\nJane Doe");
	assert_int_equal(l->nblocks, 2);
	assert_string_equal(text_of(l, l->body), "We apologize.\n\nWe fixed it.");
}

static void other_signoff_words_start_the_signoff(void **state)
{
	(void)state;
	static const char *const words[] = {
		"Yours faithfully,", "Kind regards,", "Warm regards,", "Respectfully,",
		"Many thanks,",	     "Thanks",	      "Best,",	       "Thank you very much"
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char src[160], want[80];
		snprintf(src, sizeof src, "We apologize.\n\nWe fixed it.\n\n%s\nJane\n", words[i]);
		snprintf(want, sizeof want, "%s\nJane", words[i]);
		const al_letter *l = parse(src);
		assert_string_equal(text_of(l, l->signoff), want);
	}
}

/* Regression: full_match() in letter.c takes pcre2's first (leftmost-first) match
 * of the combined sign-off alternation and then requires it to span the
 * whole line. The first alternative matches the prefix "Thank you", so the
 * second pattern of rules/letter.json ("thank you for your
 * (time|consideration|...)") can never match a whole line: "Thank you for
 * your consideration." on its own line above the name is not a sign-off. */
static void thank_you_for_your_consideration_is_a_signoff(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nWe fixed it.\n\nThank you for your consideration.\nJane Doe\n");
	assert_string_equal(text_of(l, l->signoff), "Thank you for your consideration.\nJane Doe");
	assert_int_equal(l->nblocks, 2);
	l = parse("We apologize.\n\nWe fixed it.\n\nThank you for your time.\n\nSincerely,\nJane\n");
	assert_string_equal(text_of(l, l->signoff), "Thank you for your time.\n\nSincerely,\nJane");
}

static void long_last_paragraph_is_not_a_signoff(void **state)
{
	(void)state;
	const al_letter *l = parse(
		"We apologize.\n\n"
		"Thank you for reviewing our appeal; we have learned from this and will keep our rates within Amazon's targets.\n");
	assert_true(l->signoff.start == l->signoff.end);
	assert_int_equal(l->nblocks, 2);
	l = parse(
		"We apologize.\n\n"
		"Thank you.\nWe hope that our plan of action is acceptable and that you will reinstate our account soon.\n");
	assert_true(l->signoff.start == l->signoff.end);
}

static void signoff_word_mid_letter_is_not_a_signoff(void **state)
{
	(void)state;
	const al_letter *l =
		parse("Thanks\n\nWe apologize for the delay in March and we have changed how our warehouse works.\n\n"
		      "We now ship every order within one business day of receiving it from the buyer.\n");
	assert_true(l->signoff.start == l->signoff.end);
}

/* ---- opening and closing ---- */

static void opening_is_the_first_two_paragraphs(void **state)
{
	(void)state;
	const al_letter *l = parse("Dear Team,\n\n"
				   "## Summary\n\n"
				   "- a list first\n\n"
				   "We apologize.\n\n"
				   "ROOT CAUSES\n\n"
				   "Our staff did not check.\n\n"
				   "We fixed it.\n");
	assert_int_equal(l->nopening, 2);
	assert_string_equal(text_of(l, l->blocks[l->opening[0]].span), "We apologize.");
	assert_string_equal(text_of(l, l->blocks[l->opening[1]].span), "Our staff did not check.");
}

static void opening_of_a_one_paragraph_letter_has_one_paragraph(void **state)
{
	(void)state;
	const al_letter *l = parse("Dear Team,\n\nWe apologize.\n\n- a\n- b\n");
	assert_int_equal(l->nopening, 1);
	assert_int_equal(l->opening[0], 0);
}

/* Regression (spec): core-rules.md says the opening is "the first two
 * paragraphs of the body (headings and lists before them are skipped)", but
 * the opening scope also holds every heading up to the second paragraph, so
 * a heading before the first paragraph counts as opening text. */
static void opening_scope_skips_headings_before_the_paragraphs(void **state)
{
	(void)state;
	const al_letter *l = parse("Dear Team,\n\n## Summary\n\nWe apologize.\n\nWe fixed it.\n");
	al_span *sp;
	size_t n = scope(l, AL_SCOPE_OPENING, &sp);
	assert_true(n >= 1);
	assert_string_equal(text_of(l, sp[0]), "We apologize.");
	assert_int_equal(n, 2);
}

static void closing_is_the_last_two_blocks_and_the_signoff(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\nWe fixed it.\n\nWe check daily.\n\nSincerely,\nJane\n");
	assert_string_equal(text_of(l, l->signoff), "Sincerely,\nJane");
	assert_int_equal(l->nblocks, 3);
	assert_int_equal(l->closing0, 1);
	assert_int_equal(l->closing.start, l->blocks[1].span.start);
	assert_int_equal(l->closing.end, l->text->len);
	assert_string_equal(text_of(l, l->closing), "We fixed it.\n\nWe check daily.\n\nSincerely,\nJane\n");
}

static void closing_without_signoff_counts_name_lines_as_one_block(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n\n"
				   "We fixed it.\n\n"
				   "We hope this plan is acceptable.\n\n"
				   "Jane Doe\n\n"
				   "ACME Store\n\n"
				   "Seller ID A1B2C3\n");
	assert_true(l->signoff.start == l->signoff.end);
	assert_int_equal(l->nblocks, 6);
	assert_int_equal(l->closing0, 2);
	assert_true(strncmp(text_of(l, l->closing), "We hope this plan is acceptable.", 32) == 0);
	/* the same with the name lines in one block */
	l = parse("We apologize.\n\nWe fixed it.\n\nWe hope this plan is acceptable.\n\nJane Doe\nACME Store\n");
	assert_int_equal(l->nblocks, 4);
	assert_int_equal(l->closing0, 2);
}

static void closing_of_a_short_letter_starts_at_its_first_block(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n");
	assert_int_equal(l->closing0, 0);
	assert_int_equal(l->closing.start, 0);
	assert_int_equal(l->nopening, 1);
}

/* ---- sentences ---- */

/* Parses one paragraph and checks its sentences, NULL-terminated. */
static void assert_sentences(const char *src, const char *const *want)
{
	const al_letter *l = parse(src);
	size_t n = 0;
	while (want[n])
		n++;
	if (l->nsents != n) {
		for (size_t k = 0; k < l->nsents; k++)
			fprintf(stderr, "  sentence %zu: |%s|\n", k, text_of(l, l->sents[k].span));
		fail_msg("\"%s\": %zu sentences, want %zu", src, l->nsents, n);
	}
	for (size_t k = 0; k < n; k++)
		assert_string_equal(text_of(l, l->sents[k].span), want[k]);
}

static void sentences_end_at_full_stops_questions_and_exclamations(void **state)
{
	(void)state;
	assert_sentences("We failed. Why? Because we rushed! It will not happen again.",
			 (const char *const[]){ "We failed.", "Why?", "Because we rushed!", "It will not happen again.",
						NULL });
}

static void abbreviations_do_not_end_sentences(void **state)
{
	(void)state;
	assert_sentences("We sell toys, e.g. cars and dolls. Acme Inc. supplies them. "
			 "We ship in the U.S. market. On Jan. 5 we started. It was at 5 p.m. on Monday. Mr. Lee agreed.",
			 (const char *const[]){ "We sell toys, e.g. cars and dolls.", "Acme Inc. supplies them.",
						"We ship in the U.S. market.", "On Jan. 5 we started.",
						"It was at 5 p.m. on Monday.", "Mr. Lee agreed.", NULL });
}

static void initials_do_not_end_sentences(void **state)
{
	(void)state;
	assert_sentences("Our manager J. Smith checked it. She agreed.",
			 (const char *const[]){ "Our manager J. Smith checked it.", "She agreed.", NULL });
}

static void decimals_do_not_end_sentences(void **state)
{
	(void)state;
	assert_sentences("Our ODR was 1.5% in May. It is 0.4% now.",
			 (const char *const[]){ "Our ODR was 1.5% in May.", "It is 0.4% now.", NULL });
}

static void closing_quotes_stay_with_their_sentence(void **state)
{
	(void)state;
	assert_sentences(
		"The buyer said \"it broke.\" We refunded. We wrote \xE2\x80\x9Csorry.\xE2\x80\x9D Then we called.",
		(const char *const[]){ "The buyer said \"it broke.\"", "We refunded.",
				       "We wrote \xE2\x80\x9Csorry.\xE2\x80\x9D", "Then we called.", NULL });
}

static void lowercase_word_after_a_stop_does_not_start_a_sentence(void **state)
{
	(void)state;
	assert_sentences("We checked the box. and then the label. Then we shipped it.",
			 (const char *const[]){ "We checked the box. and then the label.", "Then we shipped it.",
						NULL });
}

static void cjk_full_stops_end_sentences(void **state)
{
	(void)state;
	assert_sentences(
		"\xE6\x88\x91\xE4\xBB\xAC\xE9\x81\x93\xE6\xAD\x89\xE3\x80\x82\xE6\x88\x91\xE4\xBB\xAC\xE6\x94\xB9\xE6\xAD\xA3\xEF\xBC\x81",
		(const char *const[]){ "\xE6\x88\x91\xE4\xBB\xAC\xE9\x81\x93\xE6\xAD\x89\xE3\x80\x82",
				       "\xE6\x88\x91\xE4\xBB\xAC\xE6\x94\xB9\xE6\xAD\xA3\xEF\xBC\x81", NULL });
}

static void sentences_belong_to_their_blocks(void **state)
{
	(void)state;
	const al_letter *l = parse(
		"We apologize. We are sorry.\n\nROOT CAUSES\n\n- Labels were late. Staff were few.\n- Printer broke\n");
	assert_int_equal(l->nsents, 6);
	assert_int_equal(l->sents[0].block, 0);
	assert_int_equal(l->sents[1].block, 0);
	assert_int_equal(l->sents[2].block, 1);
	assert_string_equal(text_of(l, l->sents[2].span), "ROOT CAUSES");
	assert_int_equal(l->sents[3].block, 2);
	assert_string_equal(text_of(l, l->sents[4].span), "Staff were few.");
	assert_string_equal(text_of(l, l->sents[5].span), "Printer broke");
	assert_int_equal(l->sents[5].block, 2);
}

static void sentence_without_a_stop_ends_with_its_block(void **state)
{
	(void)state;
	assert_sentences("We fixed it and we check daily",
			 (const char *const[]){ "We fixed it and we check daily", NULL });
}

/* ---- scopes ---- */

static const char full_letter[] = "Subject: Late shipments\n"
				  "\n"
				  "Dear Seller Performance Team,\n"
				  "\n"
				  "We apologize for the late shipments in March.\n"
				  "\n"
				  "We understand that our performance fell below your standards.\n"
				  "\n"
				  "ROOT CAUSES\n"
				  "\n"
				  "- Our staff did not check the order queue.\n"
				  "- The label printer was broken.\n"
				  "\n"
				  "Corrective Actions:\n"
				  "\n"
				  "1. We hired a second packer.\n"
				  "2. We replaced the printer.\n"
				  "\n"
				  "Prevention\n"
				  "\n"
				  "We now check the queue every morning. We audit weekly.\n"
				  "\n"
				  "We look forward to your reply.\n"
				  "\n"
				  "Best regards,\n"
				  "Jane Doe\n"
				  "ACME Store\n";

static void full_letter_has_the_expected_model(void **state)
{
	(void)state;
	const al_letter *l = parse(full_letter);
	assert_int_equal(l->nblocks, 9);
	assert_int_equal(count_blocks(l, AL_BLOCK_PARAGRAPH), 4);
	assert_int_equal(count_blocks(l, AL_BLOCK_HEADING), 3);
	assert_int_equal(count_blocks(l, AL_BLOCK_LIST), 2);
	assert_int_equal(l->blocks[3].role, AL_ROLE_CAUSES);
	assert_int_equal(l->blocks[5].role, AL_ROLE_ACTIONS);
	assert_int_equal(l->blocks[5].numbered, 1);
	assert_int_equal(l->nsections, 4);
	assert_int_equal(l->nopening, 2);
	assert_int_equal(l->opening[0], 0);
	assert_int_equal(l->opening[1], 1);
	assert_int_equal(l->closing0, 7);
	assert_int_equal(l->nsents, 12);
}

static void each_scope_collects_its_spans(void **state)
{
	(void)state;
	const al_letter *l = parse(full_letter);
	al_span *sp;
	size_t n;

	n = scope(l, AL_SCOPE_LETTER, &sp);
	assert_int_equal(n, 1);
	assert_int_equal(sp[0].start, 0);
	assert_int_equal(sp[0].end, sizeof full_letter - 1);

	n = scope(l, AL_SCOPE_BODY, &sp);
	assert_int_equal(n, 9);
	assert_string_equal(text_of(l, sp[0]), "We apologize for the late shipments in March.");
	assert_string_equal(text_of(l, sp[8]), "We look forward to your reply.");

	n = scope(l, AL_SCOPE_OPENING, &sp);
	assert_int_equal(n, 2);
	assert_string_equal(text_of(l, sp[1]), "We understand that our performance fell below your standards.");

	n = scope(l, AL_SCOPE_CLOSING, &sp);
	assert_int_equal(n, 1);
	assert_string_equal(text_of(l, sp[0]),
			    "We now check the queue every morning. We audit weekly.\n\n"
			    "We look forward to your reply.\n\nBest regards,\nJane Doe\nACME Store\n");

	n = scope(l, AL_SCOPE_SALUTATION, &sp);
	assert_int_equal(n, 1);
	assert_string_equal(text_of(l, sp[0]), "Dear Seller Performance Team,");

	n = scope(l, AL_SCOPE_SIGNOFF, &sp);
	assert_int_equal(n, 1);
	assert_string_equal(text_of(l, sp[0]), "Best regards,\nJane Doe\nACME Store");

	n = scope(l, AL_SCOPE_HEADER, &sp);
	assert_int_equal(n, 1);
	assert_true(strncmp(text_of(l, sp[0]), "Subject: Late shipments", 23) == 0);
	assert_null(strstr(text_of(l, sp[0]), "Dear"));

	n = scope(l, AL_SCOPE_HEADING, &sp);
	assert_int_equal(n, 3);
	assert_string_equal(text_of(l, sp[0]), "ROOT CAUSES");
	assert_string_equal(text_of(l, sp[1]), "Corrective Actions:");
	assert_string_equal(text_of(l, sp[2]), "Prevention");

	n = scope(l, AL_SCOPE_PARAGRAPH, &sp);
	assert_int_equal(n, 4);

	n = scope(l, AL_SCOPE_LIST, &sp);
	assert_int_equal(n, 2);
	assert_string_equal(text_of(l, sp[1]), "We hired a second packer.\n2. We replaced the printer.");

	n = scope(l, AL_SCOPE_SENTENCE, &sp);
	assert_int_equal(n, 12);
	assert_string_equal(text_of(l, sp[10]), "We audit weekly.");

	n = scope(l, AL_SCOPE_CAUSES, &sp);
	assert_int_equal(n, 1);
	assert_string_equal(
		text_of(l, sp[0]),
		"ROOT CAUSES\n\n- Our staff did not check the order queue.\n- The label printer was broken.");

	n = scope(l, AL_SCOPE_ACTIONS, &sp);
	assert_int_equal(n, 1);
	assert_true(strncmp(text_of(l, sp[0]), "Corrective Actions:", 19) == 0);

	n = scope(l, AL_SCOPE_PREVENTION, &sp);
	assert_int_equal(n, 1);
	assert_string_equal(text_of(l, sp[0]),
			    "Prevention\n\nWe now check the queue every morning. We audit weekly.\n\n"
			    "We look forward to your reply.");
}

static void empty_parts_give_no_spans(void **state)
{
	(void)state;
	const al_letter *l = parse("We apologize.\n");
	al_span *sp;
	assert_int_equal(scope(l, AL_SCOPE_SALUTATION, &sp), 0);
	assert_int_equal(scope(l, AL_SCOPE_SIGNOFF, &sp), 0);
	assert_int_equal(scope(l, AL_SCOPE_HEADER, &sp), 0);
	assert_int_equal(scope(l, AL_SCOPE_HEADING, &sp), 0);
	assert_int_equal(scope(l, AL_SCOPE_CAUSES, &sp), 0);
	assert_int_equal(scope(l, AL_SCOPE_BODY, &sp), 1);
}

static void scope_names_parse_both_ways(void **state)
{
	(void)state;
	for (int s = 0; s < AL_SCOPE_COUNT; s++)
		assert_int_equal(al_scope_parse(al_scope_name((al_scope)s)), s);
	assert_int_equal(al_scope_parse("opening"), AL_SCOPE_OPENING);
	assert_int_equal(al_scope_parse("section:causes"), AL_SCOPE_CAUSES);
	assert_int_equal(al_scope_parse("section:prevention"), AL_SCOPE_PREVENTION);
	assert_int_equal(al_scope_parse("causes"), -1);
	assert_int_equal(al_scope_parse(""), -1);
	assert_string_equal(al_scope_name(AL_SCOPE_COUNT), "?");
}

/* ---- empty and odd letters ---- */

static void empty_letter_has_no_blocks(void **state)
{
	(void)state;
	const al_letter *l = parse_n("", 0, 0);
	assert_int_equal(l->nlines, 1);
	assert_int_equal(l->nblocks, 0);
	assert_int_equal(l->nsents, 0);
	assert_int_equal(l->nopening, 0);
	assert_int_equal(l->nsections, 1);
	assert_true(l->signoff.start == l->signoff.end);
	al_span *sp;
	assert_int_equal(scope(l, AL_SCOPE_BODY, &sp), 0);
	assert_int_equal(scope(l, AL_SCOPE_LETTER, &sp), 0);
}

static void signoff_only_letter_has_an_empty_body(void **state)
{
	(void)state;
	const al_letter *l = parse("Sincerely,\nJane\n");
	assert_int_equal(l->nblocks, 0);
	assert_string_equal(text_of(l, l->signoff), "Sincerely,\nJane");
	assert_int_equal(l->closing.start, 0);
}

static void letters_with_bad_bytes_and_nuls_parse(void **state)
{
	(void)state;
	static const char src[] = "Dear Team,\n\nWe apologise for the caf\xE9 mugs.\0\0\n\n- a\xFF\n\nThanks\n";
	const al_letter *l = parse_n(src, sizeof src - 1, 0);
	assert_int_equal(count_blocks(l, AL_BLOCK_LIST), 1);
	assert_int_equal(l->nopening, 1);
}

static void crlf_letter_has_the_same_blocks_as_lf(void **state)
{
	(void)state;
	const al_letter *l = parse("Dear Team,\r\n\r\nWe apologize.\r\n\r\n- a\r\n- b\r\n\r\nSincerely,\r\nJane\r\n");
	assert_string_equal(text_of(l, l->salutation), "Dear Team,");
	assert_int_equal(l->nblocks, 2);
	assert_string_equal(text_of(l, l->blocks[1].span), "a\r\n- b");
	assert_string_equal(text_of(l, l->signoff), "Sincerely,\r\nJane");
}

static void parser_reuses_its_buffers_for_a_second_letter(void **state)
{
	(void)state;
	const al_letter *l = parse(full_letter);
	assert_int_equal(l->nblocks, 9);
	l = parse("Hello,\n\nWe apologize.\n");
	assert_int_equal(l->nblocks, 1);
	assert_int_equal(l->nsections, 1);
	assert_int_equal(l->nsents, 1);
	assert_true(l->header.start == l->header.end);
	assert_true(l->signoff.start == l->signoff.end);
}

/* ---- the invariant checker itself ---- */

static void letter_check_reports_a_corrupted_model(void **state)
{
	(void)state;
	parse("We apologize.\n\nWe fixed it.\n");
	al_letter *l = &G.letter;
	al_span keep = l->blocks[0].span;
	l->blocks[0].span.end = l->blocks[1].span.end;
	assert_string_equal(al_letter_check(l), "blocks overlap or are out of order");
	l->blocks[0].span = keep;
	size_t end = l->sents[0].span.end;
	l->sents[0].span.end = l->text->len;
	assert_non_null(al_letter_check(l));
	l->sents[0].span.end = end;
	assert_null(al_letter_check(l));
}

/* ---- words ---- */

/* Collects the words of s, joined with '|'. */
static const char *words_of(const char *s)
{
	static char out[256];
	size_t pos = 0, end = strlen(s), o = 0;
	al_span w;
	out[0] = '\0';
	while (al_next_word(s, &pos, end, &w)) {
		assert_true(w.end > w.start);
		assert_true(pos == w.end);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", o ? "|" : "", (int)(w.end - w.start),
				      s + w.start);
	}
	assert_int_equal(pos, end);
	return out;
}

static void words_keep_inner_apostrophes_and_hyphens(void **state)
{
	(void)state;
	assert_string_equal(words_of("We don't file A-to-z claims."), "We|don't|file|A-to-z|claims");
	assert_string_equal(words_of("the buyer\xE2\x80\x99s order"), "the|buyer\xE2\x80\x99s|order");
	assert_string_equal(words_of("'quoted' well- -dash"), "quoted|well|dash");
}

static void words_include_digits(void **state)
{
	(void)state;
	assert_string_equal(words_of("We ship 24/7 in 2024, ODR 1.5%"), "We|ship|24|7|in|2024|ODR|1|5");
	assert_string_equal(words_of("B08XYZ123 3PL"), "B08XYZ123|3PL");
}

static void words_include_accented_latin_letters(void **state)
{
	(void)state;
	assert_string_equal(words_of("caf\xC3\xA9 na\xC3\xAFve 3\xC3\x97"
				     "4"),
			    "caf\xC3\xA9|na\xC3\xAFve|3|4");
}

static void cjk_is_not_a_word(void **state)
{
	(void)state;
	const char *s = "\xE6\x88\x91\xE4\xBB\xAC\xE9\x81\x93\xE6\xAD\x89";
	size_t pos = 0;
	al_span w;
	assert_int_equal(al_next_word(s, &pos, strlen(s), &w), 0);
	assert_int_equal(pos, strlen(s));
	assert_string_equal(words_of("\xE6\x88\x91OK\xE4\xBB\xAC"), "OK");
}

static void next_word_stops_at_end(void **state)
{
	(void)state;
	const char *s = "alpha beta";
	size_t pos = 0;
	al_span w;
	assert_int_equal(al_next_word(s, &pos, 3, &w), 1);
	assert_int_equal(w.start, 0);
	assert_int_equal(w.end, 3);
	assert_int_equal(al_next_word(s, &pos, 3, &w), 0);
	pos = 5;
	assert_int_equal(al_next_word(s, &pos, strlen(s), &w), 1);
	assert_int_equal(w.start, 6);
	assert_int_equal(w.end, 10);
}

/* The listed words of every span read as al_next_word reads them from the
 * span's start, edges inside words ("A-to-z", "don’t", "café") too. */
static void listed_words_match_next_word(void **state)
{
	(void)state;
	const char *s = "Dear Team,\n\nWe don\xE2\x80\x99t blame the A-to-z claim; our caf\xC3\xA9 "
			"orders.We re-sold 12 units -- it's ours.\n";
	const al_letter *l = parse(s);
	size_t n = strlen(s);
	for (size_t a = 0; a <= n; a++)
		for (size_t b = a; b <= n; b++) {
			al_words it;
			al_span want, got;
			size_t pos = a;
			al_words_start(&it, l, (al_span){ a, b });
			for (;;) {
				int w1 = al_next_word(s, &pos, b, &want), w2 = al_words_next(&it, &got);
				assert_int_equal(w1, w2);
				if (!w1)
					break;
				assert_int_equal(got.start, want.start);
				assert_int_equal(got.end, want.end);
			}
		}
}

/* ---- the corpus ---- */

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* corpus/ next to tests/: found from this file's path. */
static void corpus_dir(char *out, size_t n)
{
	const char *file = __FILE__;
	const char *cut = strstr(file, "tests/unit/");
	snprintf(out, n, "%.*scorpus", cut ? (int)(cut - file) : 0, file);
}

static void every_corpus_letter_parses_to_a_valid_model(void **state)
{
	(void)state;
	char dir[512];
	corpus_dir(dir, sizeof dir);
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("cannot open %s", dir);
	struct dirent *e;
	size_t letters = 0;
	while ((e = readdir(d)) != NULL) {
		int md = has_suffix(e->d_name, ".md");
		if (!md && !has_suffix(e->d_name, ".txt"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		al_error err;
		memset(&err, 0, sizeof err);
		if (al_text_read(&G.text, path, e->d_name, 16u << 20, &err)) {
			closedir(d);
			fail_msg("%s", err.msg);
		}
		al_letter_parse(&G.letter, &G.text, &G.rs.vocab, &G.m, md);
		const char *why = al_letter_check(&G.letter);
		if (why) {
			closedir(d);
			fail_msg("%s: %s", e->d_name, why);
		}
		/* every corpus letter has a body */
		if (G.letter.nblocks == 0) {
			closedir(d);
			fail_msg("%s: no blocks", e->d_name);
		}
		letters++;
	}
	closedir(d);
	assert_true(letters >= 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_are_classified_by_kind),
		cmocka_unit_test(capitalised_runs_mid_sentence_are_names),
		cmocka_unit_test(line_spans_exclude_terminators_and_content_is_trimmed),
		cmocka_unit_test(whitespace_only_lines_are_blank),
		cmocka_unit_test(quote_lines_form_a_quote_block_outside_the_body_scope),
		cmocka_unit_test(salutation_and_signoff_lines_are_not_blank),
		cmocka_unit_test(a_pasted_drafts_preamble_is_outside_the_body),
		cmocka_unit_test(every_bullet_marker_starts_an_item),
		cmocka_unit_test(symbol_bullets_may_touch_their_text_but_dashes_may_not),
		cmocka_unit_test(every_number_marker_style_is_read),
		cmocka_unit_test(numbers_and_words_at_line_start_are_not_markers),
		cmocka_unit_test(a_number_without_a_space_goes_on_from_the_item_above),
		cmocka_unit_test(lists_keep_items_across_blank_lines),
		cmocka_unit_test(wrapped_item_line_is_a_continuation),
		cmocka_unit_test(single_line_breaks_end_paragraphs_in_unwrapped_text),
		cmocka_unit_test(a_title_before_a_sentence_labels_a_paragraph),
		cmocka_unit_test(markdown_sub_headings_take_the_role_above),
		cmocka_unit_test(indented_text_after_a_blank_line_continues_the_item),
		cmocka_unit_test(bulleted_then_numbered_list_are_two_lists),
		cmocka_unit_test(nested_indented_items_stay_in_one_list),
		cmocka_unit_test(numbered_items_keep_their_numbers),
		cmocka_unit_test(markdown_heading_is_a_heading_block),
		cmocka_unit_test(all_caps_short_line_is_a_heading),
		cmocka_unit_test(short_line_ending_in_a_colon_is_a_heading),
		cmocka_unit_test(known_title_alone_is_a_heading),
		cmocka_unit_test(known_title_inside_a_paragraph_is_a_heading),
		cmocka_unit_test(longer_known_title_is_a_heading),
		cmocka_unit_test(title_followed_by_a_sentence_is_a_heading),
		cmocka_unit_test(numbered_title_is_a_heading_not_an_item),
		cmocka_unit_test(bold_line_is_a_heading),
		cmocka_unit_test(lines_that_are_not_headings),
		cmocka_unit_test(sections_take_their_role_from_heading_words),
		cmocka_unit_test(preventive_measures_heading_has_the_prevention_role),
		cmocka_unit_test(letter_without_headings_has_one_section),
		cmocka_unit_test(list_role_comes_from_the_introducing_sentence),
		cmocka_unit_test(list_role_comes_from_the_heading_above_it),
		cmocka_unit_test(list_role_comes_from_its_items_without_an_introduction),
		cmocka_unit_test(header_block_then_salutation),
		cmocka_unit_test(header_without_salutation_is_still_a_header),
		cmocka_unit_test(markdown_title_before_the_greeting_is_header),
		cmocka_unit_test(any_label_line_before_the_greeting_is_header),
		cmocka_unit_test(markdown_title_without_a_greeting_is_a_heading),
		cmocka_unit_test(letter_without_salutation_starts_its_body_at_once),
		cmocka_unit_test(other_greetings_are_salutations),
		cmocka_unit_test(sentence_starting_with_a_greeting_word_is_not_a_salutation),
		cmocka_unit_test(salutation_after_a_utf8_bom),
		cmocka_unit_test(sincerely_starts_the_signoff),
		cmocka_unit_test(best_regards_without_a_comma_starts_the_signoff),
		cmocka_unit_test(thank_you_with_name_lines_is_a_signoff),
		cmocka_unit_test(thank_you_above_best_regards_joins_the_signoff),
		cmocka_unit_test(other_signoff_words_start_the_signoff),
		cmocka_unit_test(thank_you_for_your_consideration_is_a_signoff),
		cmocka_unit_test(long_last_paragraph_is_not_a_signoff),
		cmocka_unit_test(signoff_word_mid_letter_is_not_a_signoff),
		cmocka_unit_test(opening_is_the_first_two_paragraphs),
		cmocka_unit_test(opening_of_a_one_paragraph_letter_has_one_paragraph),
		cmocka_unit_test(opening_scope_skips_headings_before_the_paragraphs),
		cmocka_unit_test(closing_is_the_last_two_blocks_and_the_signoff),
		cmocka_unit_test(closing_without_signoff_counts_name_lines_as_one_block),
		cmocka_unit_test(closing_of_a_short_letter_starts_at_its_first_block),
		cmocka_unit_test(sentences_end_at_full_stops_questions_and_exclamations),
		cmocka_unit_test(abbreviations_do_not_end_sentences),
		cmocka_unit_test(initials_do_not_end_sentences),
		cmocka_unit_test(decimals_do_not_end_sentences),
		cmocka_unit_test(closing_quotes_stay_with_their_sentence),
		cmocka_unit_test(lowercase_word_after_a_stop_does_not_start_a_sentence),
		cmocka_unit_test(cjk_full_stops_end_sentences),
		cmocka_unit_test(sentences_belong_to_their_blocks),
		cmocka_unit_test(sentence_without_a_stop_ends_with_its_block),
		cmocka_unit_test(full_letter_has_the_expected_model),
		cmocka_unit_test(each_scope_collects_its_spans),
		cmocka_unit_test(empty_parts_give_no_spans),
		cmocka_unit_test(scope_names_parse_both_ways),
		cmocka_unit_test(empty_letter_has_no_blocks),
		cmocka_unit_test(signoff_only_letter_has_an_empty_body),
		cmocka_unit_test(letters_with_bad_bytes_and_nuls_parse),
		cmocka_unit_test(crlf_letter_has_the_same_blocks_as_lf),
		cmocka_unit_test(parser_reuses_its_buffers_for_a_second_letter),
		cmocka_unit_test(letter_check_reports_a_corrupted_model),
		cmocka_unit_test(words_keep_inner_apostrophes_and_hyphens),
		cmocka_unit_test(words_include_digits),
		cmocka_unit_test(words_include_accented_latin_letters),
		cmocka_unit_test(cjk_is_not_a_word),
		cmocka_unit_test(next_word_stops_at_end),
		cmocka_unit_test(listed_words_match_next_word),
		cmocka_unit_test(every_corpus_letter_parses_to_a_valid_model),
	};
	return cmocka_run_group_tests(tests, setup_linter, teardown_linter);
}
