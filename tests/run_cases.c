/* run_cases.c - runs tests/cases/<rule>.txt: each "=== fire" case must make
 * the rule report (exactly N times with count=N), each "=== pass" case not.
 * tests/cases/type-<id>.txt: "=== fire" cases are letters of type id, "===
 * pass" cases are not.
 * Usage: run_cases FILE... ; prints failures and "cases: N passed, N failed". */
#include "rules/lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	do {
		al_grow(&buf, &cap, n + 4096, 1);
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The file's base name up to its first '.': a rule id, or "type-" and a
 * letter type's id. */
static void base_id(const char *path, char *id, size_t n)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(id, n, "%.*s", (int)(strcspn(base, ".")), base);
}

static const al_rule *rule_for(const al_linter *L, const char *path)
{
	char id[128];
	base_id(path, id, sizeof id);
	return al_ruleset_find(&L->rs, id);
}

/* The type bit of a "type-<id>.txt" file, or 0. */
static unsigned type_for(const al_linter *L, const char *path)
{
	char id[128];
	base_id(path, id, sizeof id);
	return strncmp(id, "type-", 5) ? 0 : al_ruleset_type_bit(&L->rs, id + 5);
}

static int run_type_case(al_linter *L, unsigned bit, const char *path, const char *head, const char *text, size_t n)
{
	int fire = strncmp(head, "fire", 4) == 0;
	al_linter_run_string(L, text, n, NULL);
	int got = (L->ctx.types & bit) != 0;
	if (got != fire)
		printf("FAIL %s: === %.*s\n  expected the type %s\n", path, (int)strcspn(head, "\n"), head,
		       fire ? "detected" : "not detected");
	return got == fire;
}

static int run_case(al_linter *L, const al_rule *r, const char *path, const char *head, const char *text, size_t n)
{
	int fire = strncmp(head, "fire", 4) == 0;
	const char *eol = strchr(head, '\n');
	const char *cnt = strstr(head, "count=");
	if (cnt && eol && cnt > eol)
		cnt = NULL; /* only the label line may ask for a count */
	long want = cnt ? strtol(cnt + 6, NULL, 10) : -1;
	al_linter_run_string(L, text, n, r);
	size_t got = L->fs.n;
	int ok = fire ? (want >= 0 ? got == (size_t)want : got > 0) : got == 0;
	if (!ok) {
		printf("FAIL %s: === %.*s\n  expected %s, got %zu finding(s)\n", path, (int)strcspn(head, "\n"), head,
		       fire ? (want >= 0 ? "count" : "a finding") : "none", got);
		for (size_t i = 0; i < L->fs.n; i++) {
			al_pos p = al_text_pos(&L->text, L->fs.list[i].span.start);
			printf("    %zu:%zu %s\n", p.line, p.col, al_finding_str(&L->fs, L->fs.list[i].message));
		}
	}
	return ok;
}

int main(int argc, char **argv)
{
	al_linter L;
	al_error err;
	if (al_linter_init(&L, NULL, 0, &err)) {
		fprintf(stderr, "run_cases: %s\n", err.msg);
		return 2;
	}
	size_t passed = 0, failed = 0;
	for (int a = 1; a < argc; a++) {
		const al_rule *r = rule_for(&L, argv[a]);
		unsigned bit = type_for(&L, argv[a]);
		size_t len;
		char *buf = slurp(argv[a], &len);
		if ((!r && !bit) || !buf) {
			printf("FAIL %s: no such rule or file\n", argv[a]);
			failed++;
			free(buf);
			continue;
		}
		for (char *p = strstr(buf, "=== "); p;) {
			char *head = p + 4, *body = strchr(head, '\n');
			if (!body)
				break;
			body++;
			char *next = strstr(body, "\n=== ");
			size_t n = next ? (size_t)(next - body + 1) : strlen(body);
			if (bit ? run_type_case(&L, bit, argv[a], head, body, n)
				: run_case(&L, r, argv[a], head, body, n))
				passed++;
			else
				failed++;
			p = next ? next + 1 : NULL;
		}
		free(buf);
	}
	al_linter_free(&L);
	printf("cases: %zu passed, %zu failed\n", passed, failed);
	return failed != 0;
}
