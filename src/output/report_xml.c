/* report_xml.c - checkstyle and JUnit XML, for Jenkins, GitLab, Azure and
 * other CI servers. Both are built in memory: JUnit's counts come first. */
#include "output/report.h"
#include "base/lang.h"

#include <stdlib.h>
#include <string.h>

static void attr(al_buf *b, const char *name, const char *value)
{
	al_buf_printf(b, " %s=\"", name);
	al_xml_escape(b, value);
	al_buf_addc(b, '"');
}

static void xml_begin(al_out *o)
{
	o->state = al_xmalloc(sizeof(al_buf));
	memset(o->state, 0, sizeof(al_buf));
}

static void flush(al_out *o, const char *head, const char *tail)
{
	al_buf *b = o->state;
	fprintf(o->fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s%s%s", head, b->data ? b->data : "", tail);
	al_buf_free(b);
	free(b);
	o->state = NULL;
}

/* ---- checkstyle ---- */

static void checkstyle_file(al_out *o, const al_filereport *r)
{
	al_buf *b = o->state;
	al_buf_adds(b, "<file");
	attr(b, "name", r->path);
	al_buf_adds(b, ">\n");
	if (r->error) {
		al_buf_adds(b, "<error line=\"1\" column=\"1\" severity=\"error\"");
		attr(b, "message", r->error);
		al_buf_adds(b, " source=\"appeal-lint.input\"/>\n");
	}
	for (size_t i = 0; i < r->n; i++) {
		const al_rfinding *f = &r->list[i];
		if (f->ignored != (size_t)-1)
			continue;
		al_buf_printf(b, "<error line=\"%zu\" column=\"%zu\"", f->line, f->col);
		attr(b, "severity", al_severity_name(f->severity));
		attr(b, "message", al_report_str(r, f->message));
		al_buf_adds(b, " source=\"appeal-lint.");
		al_xml_escape(b, f->rule->id);
		al_buf_adds(b, "\"/>\n");
	}
	al_buf_adds(b, "</file>\n");
}

static void checkstyle_end(al_out *o)
{
	flush(o, "<checkstyle version=\"4.3\">\n", "</checkstyle>\n");
}

/* ---- JUnit: a test suite per letter, a test case per rule ---- */

typedef struct junit {
	al_buf body;
	size_t tests, failures, errors;
} junit;

static void junit_begin(al_out *o)
{
	junit *J = al_xmalloc(sizeof *J);
	memset(J, 0, sizeof *J);
	o->state = J;
}

static void junit_case(junit *J, al_buf *suite, const al_filereport *r, const al_rule *rule, size_t *fails)
{
	al_buf_adds(suite, "    <testcase");
	attr(suite, "classname", r->path);
	attr(suite, "name", rule->id);
	al_buf first = { 0 }, all = { 0 }, below = { 0 };
	for (size_t i = 0; i < r->n; i++) {
		const al_rfinding *f = &r->list[i];
		if (f->rule != rule && strcmp(f->rule->id, rule->id) != 0)
			continue;
		if (f->ignored != (size_t)-1)
			continue;
		al_buf *to = (int)f->severity >= r->fail_on ? &all : &below;
		if (to == &all && !first.len)
			al_buf_adds(&first, al_report_str(r, f->message));
		al_buf_printf(to, "%s:%zu:%zu: %s: %s [%s]\n", r->path, f->line, f->col, al_severity_name(f->severity),
			      al_report_str(r, f->message), f->rule->id);
	}
	J->tests++;
	if (!all.len && !below.len) {
		al_buf_adds(suite, "/>\n");
	} else {
		al_buf_adds(suite, ">\n");
		if (all.len) {
			J->failures++;
			(*fails)++;
			al_buf_adds(suite, "      <failure");
			attr(suite, "message", first.data);
			attr(suite, "type", rule->id);
			al_buf_adds(suite, ">");
			al_xml_escape(suite, all.data);
			al_buf_adds(suite, "</failure>\n");
		}
		if (below.len) {
			al_buf_adds(suite, "      <system-out>");
			al_xml_escape(suite, below.data);
			al_buf_adds(suite, "</system-out>\n");
		}
		al_buf_adds(suite, "    </testcase>\n");
	}
	al_buf_free(&first);
	al_buf_free(&all);
	al_buf_free(&below);
}

static void junit_file(al_out *o, const al_filereport *r)
{
	junit *J = o->state;
	al_buf suite = { 0 };
	size_t tests = 0, fails = 0;
	if (r->error) {
		J->tests++;
		J->errors++;
		al_buf_adds(&suite, "    <testcase");
		attr(&suite, "classname", r->path);
		al_buf_adds(&suite, " name=\"read\">\n      <error");
		attr(&suite, "message", r->error);
		al_buf_adds(&suite, "/>\n    </testcase>\n");
		tests = 1;
	}
	for (size_t i = 0; !r->error && r->rules && i < r->rules->n; i++) {
		if (r->rules->rules[i].part)
			continue;
		junit_case(J, &suite, r, &r->rules->rules[i], &fails);
		tests++;
	}
	al_buf_adds(&J->body, "  <testsuite");
	attr(&J->body, "name", r->path);
	al_buf_printf(&J->body, " tests=\"%zu\" failures=\"%zu\" errors=\"%d\">\n", tests, fails, r->error != NULL);
	al_buf_add(&J->body, suite.data ? suite.data : "", suite.len);
	al_buf_adds(&J->body, "  </testsuite>\n");
	al_buf_free(&suite);
}

static void junit_end(al_out *o)
{
	junit *J = o->state;
	fprintf(o->fp,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"appeal-lint\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n%s"
		"</testsuites>\n",
		J->tests, J->failures, J->errors, J->body.data ? J->body.data : "");
	al_buf_free(&J->body);
	free(J);
	o->state = NULL;
}

const al_emitter al_emit_checkstyle = { "checkstyle", N_("checkstyle XML (Jenkins warnings, reviewdog)"), xml_begin,
					checkstyle_file, checkstyle_end };
const al_emitter al_emit_junit = { "junit", N_("JUnit XML: a test suite per letter, a test case per rule"), junit_begin,
				   junit_file, junit_end };
