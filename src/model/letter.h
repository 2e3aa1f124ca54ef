/* letter.h - the letter model: lines, blocks, sections, sentences and the
 * parts a reviewer reads (salutation, opening, closing, sign-off). */
#ifndef AL_LETTER_H
#define AL_LETTER_H

#include "base/al.h"
#include "model/re.h"
#include "input/text.h"

#include <stdint.h>

typedef enum al_role { AL_ROLE_OTHER, AL_ROLE_CAUSES, AL_ROLE_ACTIONS, AL_ROLE_PREVENTION, AL_ROLE_COUNT } al_role;

/* Words that shape a letter, compiled from rule data (rules/letter.json). */
typedef struct al_vocab {
	al_re header;		      /* a header field at line start: "Subject:", "Seller ID:" */
	al_re salutation;	      /* a greeting at line start */
	al_re signoff;		      /* a whole line that is a sign-off */
	al_re titles;		      /* a known section title at the start of a line */
	al_re title_line;	      /* a title alone, or before ":" and a sentence */
	al_re heading[AL_ROLE_COUNT]; /* words of a heading with that role */
	al_re intro[AL_ROLE_COUNT];   /* a sentence introducing a list with that role;
				       * [AL_ROLE_OTHER]: one introducing evidence */
	al_re item[AL_ROLE_COUNT];    /* a list item typical of that role */
	al_re done;		      /* an action reported as done: "we have removed", "since 3 May" */
	char **abbrevs;		      /* lower case, without the final dot: "e.g", "inc" */
	size_t nabbrevs;
} al_vocab;

void al_vocab_free(al_vocab *v);

typedef enum al_line_kind {
	AL_LINE_BLANK,
	AL_LINE_TEXT,
	AL_LINE_HEADING,
	AL_LINE_ITEM,
	AL_LINE_CONT, /* continues the list item above */
	AL_LINE_QUOTE
} al_line_kind;

typedef enum al_marker { AL_MARK_NONE, AL_MARK_BULLET, AL_MARK_NUMBER } al_marker;

/* How a heading line is marked (in al_line.style). */
typedef enum al_headstyle {
	AL_HEAD_MARKDOWN = 1, /* ## Root cause */
	AL_HEAD_BOLD,	      /* **Root cause** */
	AL_HEAD_TITLE,	      /* a known title: "Plan of Action: We have ..." */
	AL_HEAD_COLON,	      /* a short line ending in ":" */
	AL_HEAD_CAPS	      /* ROOT CAUSES */
} al_headstyle;

/* How a number marker is written. */
typedef enum al_numstyle {
	AL_NUM_NONE,
	AL_NUM_DOT,	/* 1. */
	AL_NUM_PAREN,	/* 1) */
	AL_NUM_PARENS,	/* (1) */
	AL_NUM_COMMA,	/* 1、 */
	AL_NUM_CIRCLED, /* ① */
	AL_NUM_STEP,	/* Step 1: */
	AL_NUM_LETTER,	/* a. a) (a) */
	AL_NUM_ROMAN	/* i. ii) */
} al_numstyle;

typedef enum al_part { AL_PART_HEADER, AL_PART_SALUTATION, AL_PART_BODY, AL_PART_SIGNOFF } al_part;

typedef struct al_line {
	al_span span;	 /* the line without its terminator */
	al_span content; /* after indentation and marker, trimmed */
	uint8_t kind;	 /* al_line_kind */
	uint8_t marker;	 /* al_marker */
	uint8_t style;	 /* al_numstyle of an item, al_headstyle of a heading */
	uint8_t part;	 /* al_part */
	int number;	 /* value of a number marker (a = 1, iv = 4) */
	uint8_t flags;	 /* al_line_flag */
	uint16_t label;	 /* AL_LF_LABEL: bytes of the title and its colon */
	int indent;	 /* leading columns, a tab counting 4 */
} al_line;

typedef enum al_line_flag {
	AL_LF_LABEL = 1,   /* text after a section title on the same line:
			    * "Problem: our feed was not synced." */
	AL_LF_PARA_END = 2 /* ends a paragraph although no blank line follows:
			    * one paragraph per line, as pasted from forums */
} al_line_flag;

typedef enum al_block_kind { AL_BLOCK_PARAGRAPH, AL_BLOCK_HEADING, AL_BLOCK_LIST, AL_BLOCK_QUOTE } al_block_kind;

/* A run of body lines: a paragraph, a heading, a list or a quotation. */
typedef struct al_block {
	al_span span;
	size_t line0, line1; /* lines [line0, line1) */
	uint8_t kind;	     /* al_block_kind */
	uint8_t numbered;    /* list: its top-level items use number markers */
	uint8_t role;	     /* list: al_role of its items; heading: of its section */
	uint8_t item_roles;  /* list: 1 << role of each item titled "Root cause." or "Prevention:" */
	size_t nitems;	     /* list: top-level items */
	size_t section;
	int indent; /* list: indentation of top-level items */
} al_block;

/* A heading and the blocks under it; section 0 holds what precedes the
 * first heading and has no heading. */
typedef struct al_section {
	size_t heading; /* block index of the heading, or AL_NONE */
	size_t block0, block1;
	al_span span;
	uint8_t role;
} al_section;

typedef struct al_sentence {
	al_span span;
	size_t block;
} al_sentence;

typedef struct al_letter {
	const al_text *text;
	int markdown;
	al_line *lines;
	size_t nlines, lines_cap;
	al_block *blocks;
	size_t nblocks, blocks_cap;
	al_section *sections;
	size_t nsections, sections_cap;
	al_sentence *sents;
	size_t nsents, sents_cap;
	al_span *quotes; /* quotation blocks and quoted text, in order */
	size_t nquotes, quotes_cap;
	al_span header, salutation, signoff; /* empty (start == end) when absent */
	al_span body;
	size_t opening[2], nopening; /* paragraph blocks */
	size_t closing0;	     /* first block of the closing */
	al_span closing;
	al_span *words; /* every word of the text, in order (al_next_word) */
	size_t nwords, words_cap;
} al_letter;

/* Builds the model of t (borrowed: it must outlive the letter's use).
 * markdown: the input is Markdown (.md). Reuses l's buffers. */
void al_letter_parse(al_letter *l, const al_text *t, const al_vocab *v, al_matcher *m, int markdown);
void al_letter_free(al_letter *l);

typedef enum al_scope {
	AL_SCOPE_LETTER,
	AL_SCOPE_BODY,
	AL_SCOPE_OPENING,
	AL_SCOPE_CLOSING,
	AL_SCOPE_SALUTATION,
	AL_SCOPE_SIGNOFF,
	AL_SCOPE_HEADER,
	AL_SCOPE_HEADING,
	AL_SCOPE_PARAGRAPH,
	AL_SCOPE_LIST,
	AL_SCOPE_SENTENCE,
	AL_SCOPE_TEXT, /* sentences of paragraphs and lists: no headings, no quotations */
	AL_SCOPE_CAUSES,
	AL_SCOPE_ACTIONS,
	AL_SCOPE_PREVENTION,
	AL_SCOPE_LIST_CAUSES,  /* lists of causes */
	AL_SCOPE_LIST_ACTIONS, /* lists of actions or preventive steps */
	AL_SCOPE_ITEM_CAUSES,  /* each item of a list of causes */
	AL_SCOPE_ITEM_ACTIONS, /* each item of a list of actions */
	AL_SCOPE_COUNT
} al_scope;

/* The scope's name in rule files ("opening", "section:causes"); -1 if unknown. */
int al_scope_parse(const char *name);
const char *al_scope_name(al_scope s);

/* Collects the spans that make up scope s into *arr (grown as needed);
 * returns how many. */
size_t al_letter_scope(const al_letter *l, al_scope s, al_span **arr, size_t *cap);

/* Next word at or after *pos, before end: letters, digits, apostrophes and
 * inner hyphens. Returns 0 when there is none. */
int al_next_word(const char *s, size_t *pos, size_t end, al_span *word);

/* The words of a span, as al_next_word reads them from its start, taken
 * from the letter's list so that a letter is split into words once. */
typedef struct al_words {
	const al_letter *l;
	size_t k, pos, end; /* k: the first listed word starting at or after pos */
} al_words;

void al_words_start(al_words *it, const al_letter *l, al_span sp);

/* A listed word is the answer when pos is not inside the word before it
 * and the word ends within the span; a word cut by the span's edges is
 * read again from pos, as al_next_word would. */
static inline int al_words_next(al_words *it, al_span *w)
{
	const al_letter *l = it->l;
	if (it->k == 0 || l->words[it->k - 1].end <= it->pos) {
		if (it->k == l->nwords || l->words[it->k].start >= it->end) {
			it->pos = it->end;
			return 0;
		}
		if (l->words[it->k].end <= it->end) {
			*w = l->words[it->k++];
			it->pos = w->end;
			return 1;
		}
	}
	if (!al_next_word(l->text->data, &it->pos, it->end, w))
		return 0;
	while (it->k < l->nwords && l->words[it->k].start < it->pos)
		it->k++;
	return 1;
}

/* 1 when offset off lies in the title that labels a paragraph ("ROOT
 * CAUSE: ..."): a heading's words, never the writer's emphasis. */
int al_letter_in_label(const al_letter *l, size_t off);

/* 1 when sp lies inside quoted text: a "> " block, or text in quotation
 * marks ("..." or “...”) within one block: words the writer reports, not
 * the writer's own. */
int al_letter_quoted(const al_letter *l, al_span sp);

/* 1 when sp lies inside a name written in capitals mid-sentence: each of
 * its words is capitalised (not all capitals), the first is not the first
 * of its sentence or line, and a capitalised word stands right before or
 * after it: "mugs from The Nightmare Before Christmas", "our Disaster
 * Kit". Titles of works and products are not the writer's own words. */
int al_letter_named(const al_letter *l, al_span sp);

/* 1 when sp is not the writer's own words: quoted or a name (the two
 * above). Rules with "quotes": "skip" report nothing there. */
int al_letter_not_own(const al_letter *l, al_span sp);

/* 1 when the letter holds nothing but white space. */
int al_letter_blank(const al_letter *l);

/* Checks the model's invariants (spans inside the text, blocks ordered,
 * lists hold their items); returns NULL or a description of the first fault. */
const char *al_letter_check(const al_letter *l);

#endif
