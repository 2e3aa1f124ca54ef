/* report_json.c - one JSON document per run, streamed file by file
 * (the shape is a contract: see README "JSON output"). */
#include "output/report.h"
#include "base/lang.h"

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
	fprintf(o->fp,
		"{\n\t\"version\":\t1,\n\t\"tool\":\t{\n\t\t\"name\":\t\"appeal-lint\",\n"
		"\t\t\"version\":\t\"%s\"\n\t},\n\t\"files\":\t[",
		AL_VERSION);
}

static cJSON *finding_json(const al_filereport *r, const al_rfinding *f)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "rule", f->rule->id);
	cJSON_AddStringToObject(j, "severity", al_severity_name(f->severity));
	cJSON_AddNumberToObject(j, "line", (double)f->line);
	cJSON_AddNumberToObject(j, "column", (double)f->col);
	cJSON_AddNumberToObject(j, "end_line", (double)f->end_line);
	cJSON_AddNumberToObject(j, "end_column", (double)f->end_col);
	cJSON_AddNumberToObject(j, "offset", (double)f->offset);
	cJSON_AddNumberToObject(j, "length", (double)f->length);
	cJSON_AddStringToObject(j, "message", al_report_str(r, f->message));
	cJSON_AddStringToObject(j, "suggestion", al_report_str(r, f->suggestion));
	if (f->has_fix) {
		cJSON *fix = cJSON_AddObjectToObject(j, "fix");
		cJSON_AddNumberToObject(fix, "offset", (double)f->fix_offset);
		cJSON_AddNumberToObject(fix, "length", (double)f->fix_length);
		cJSON_AddStringToObject(fix, "replacement", al_report_str(r, f->replacement));
	} else {
		cJSON_AddNullToObject(j, "fix");
	}
	if (f->ignored != (size_t)-1)
		cJSON_AddStringToObject(j, "ignored", al_report_str(r, f->ignored));
	return j;
}

static void json_file(al_out *o, const al_filereport *r)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "path", r->path);
	if (r->error) {
		cJSON_AddStringToObject(f, "error", r->error);
	} else {
		cJSON_AddNumberToObject(f, "score", r->score);
		cJSON *types = cJSON_AddArrayToObject(f, "types");
		char *copy = al_xstrdup(r->types ? r->types : "");
		for (char *save = NULL, *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save))
			cJSON_AddItemToArray(types, cJSON_CreateString(id));
		free(copy);
		cJSON *arr = cJSON_AddArrayToObject(f, "findings");
		for (size_t i = 0; i < r->n; i++)
			if (r->list[i].ignored == (size_t)-1 || o->show_ignored)
				cJSON_AddItemToArray(arr, finding_json(r, &r->list[i]));
	}
	fputs(o->state ? ", " : "", o->fp);
	o->state = o; /* a file has been written */
	put_indented(o, f, 1);
	cJSON_Delete(f);
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
	o->state = NULL;
}

const al_emitter al_emit_json = { "json", N_("one JSON document for the run (see README: JSON output)"), json_begin,
				  json_file, json_end };
