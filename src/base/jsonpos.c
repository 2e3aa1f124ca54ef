/* jsonpos.c - offsets to line:column, keys by name, comments blanked. */
#include "base/jsonpos.h"

#include <string.h>

void al_json_line_col(const char *json, size_t len, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (json[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)json[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

size_t al_json_find_key(const char *json, size_t len, size_t from, const char *key)
{
	size_t n = strlen(key);
	for (size_t i = from; i + n + 2 <= len; i++) {
		if (json[i] != '"' || memcmp(json + i + 1, key, n) != 0 || json[i + 1 + n] != '"')
			continue;
		size_t k = i + n + 2;
		while (k < len && strchr(" \t\r\n", json[k]))
			k++;
		if (k < len && json[k] == ':')
			return i;
	}
	return from;
}

void al_json_strip_comments(char *json, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (json[i] == '"') {
			for (i++; i < len && json[i] != '"'; i++)
				if (json[i] == '\\')
					i++;
		} else if (json[i] == '/' && i + 1 < len && json[i + 1] == '/') {
			while (i < len && json[i] != '\n')
				json[i++] = ' ';
		} else if (json[i] == '/' && i + 1 < len && json[i + 1] == '*') {
			json[i] = json[i + 1] = ' ';
			for (i += 2; i < len && !(json[i] == '*' && i + 1 < len && json[i + 1] == '/'); i++)
				if (json[i] != '\n')
					json[i] = ' ';
			if (i < len)
				json[i] = json[i + 1] = ' ', i++;
		}
	}
}

int al_json_whole(double d, int lo, int hi)
{
	return d >= lo && d <= hi && d == (double)(int)d;
}
