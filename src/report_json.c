/* report_json.c - one JSON document per run, streamed file by file
 * (the shape is a contract: see README "JSON output"). */
#include "report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Prints item as cJSON does, indented `depth` tabs deeper, so the whole
 * document reads as if printed at once while only one file is in memory. */
static void put_indented(al_out *o, cJSON *item, int depth)
{
	char *s = cJSON_Print(item);
	for (const char *p = s; *p; p++) {
		fputc(*p, o->fp);
		if (*p == '\n')
			for (int i = 0; i < depth; i++)
				fputc('\t', o->fp);
	}
	free(s);
}

static void json_begin(al_out *o)
{
	fprintf(o->fp, "{\n\t\"version\":\t1,\n\t\"tool\":\t{\n\t\t\"name\":\t\"appeal-lint\",\n"
		       "\t\t\"version\":\t\"%s\"\n\t},\n\t\"files\":\t[",
		AL_VERSION);
}

static void put_file(al_out *o, cJSON *f)
{
	fputs(o->nfiles_out++ ? ", " : "", o->fp);
	put_indented(o, f, 1);
	cJSON_Delete(f);
}

static cJSON *finding_json(al_out *o, const al_letter *l, const al_findings *fs,
			   const al_finding *f)
{
	cJSON *j = cJSON_CreateObject();
	al_pos a = al_text_pos_at(l->text, &o->cur, f->span.start);
	al_cursor end = o->cur;
	al_pos b = al_text_pos_at(l->text, &end, f->span.end);
	cJSON_AddStringToObject(j, "rule", f->rule->id);
	cJSON_AddStringToObject(j, "severity", al_severity_name(f->severity));
	cJSON_AddNumberToObject(j, "line", (double)a.line);
	cJSON_AddNumberToObject(j, "column", (double)a.col);
	cJSON_AddNumberToObject(j, "end_line", (double)b.line);
	cJSON_AddNumberToObject(j, "end_column", (double)b.col);
	cJSON_AddNumberToObject(j, "offset", (double)a.offset);
	cJSON_AddNumberToObject(j, "length", (double)(b.offset - a.offset));
	cJSON_AddStringToObject(j, "message", al_finding_str(fs, f->message));
	cJSON_AddStringToObject(j, "suggestion", al_finding_str(fs, f->suggestion));
	if (f->has_fix) {
		al_pos fa = al_text_pos(l->text, f->fix.start), fb = al_text_pos(l->text, f->fix.end);
		cJSON *fix = cJSON_AddObjectToObject(j, "fix");
		cJSON_AddNumberToObject(fix, "offset", (double)fa.offset);
		cJSON_AddNumberToObject(fix, "length", (double)(fb.offset - fa.offset));
		cJSON_AddStringToObject(fix, "replacement", al_finding_str(fs, f->replacement));
	} else {
		cJSON_AddNullToObject(j, "fix");
	}
	return j;
}

static void json_file(al_out *o, const char *path, const al_letter *l, const al_findings *fs,
		      int score)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "path", path);
	cJSON_AddNumberToObject(f, "score", score);
	cJSON *arr = cJSON_AddArrayToObject(f, "findings");
	for (size_t i = 0; i < fs->n; i++)
		cJSON_AddItemToArray(arr, finding_json(o, l, fs, &fs->list[i]));
	put_file(o, f);
}

static void json_error(al_out *o, const char *path, const char *msg)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "path", path);
	cJSON_AddStringToObject(f, "error", msg);
	put_file(o, f);
}

static void json_end(al_out *o)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddNumberToObject(s, "files", (double)o->files);
	cJSON_AddNumberToObject(s, "errors", (double)o->errors);
	cJSON_AddNumberToObject(s, "warnings", (double)o->warnings);
	cJSON_AddNumberToObject(s, "infos", (double)o->infos);
	fputs("],\n\t\"summary\":\t", o->fp);
	put_indented(o, s, 1);
	fputs("\n}\n", o->fp);
	cJSON_Delete(s);
}

const al_emitter al_emit_json = { "json", "one JSON document for the run (see README)",
				  json_begin, json_file, json_error, json_end };
