/* fix.c - fixes: splice replacements into the text, then write the file
 * through a temporary file and rename(2), so a reader never sees half. */
#include "output/fix.h"
#include "base/lang.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void put_utf16(al_buf *out, uint32_t cp, int be)
{
	uint16_t units[2];
	int n = 1;
	if (cp >= 0x10000) {
		cp -= 0x10000;
		units[0] = (uint16_t)(0xD800 + (cp >> 10));
		units[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
		n = 2;
	} else {
		units[0] = (uint16_t)cp;
	}
	for (int i = 0; i < n; i++) {
		char b[2] = { (char)(be ? units[i] >> 8 : units[i] & 0xFF),
			      (char)(be ? units[i] & 0xFF : units[i] >> 8) };
		al_buf_add(out, b, 2);
	}
}

/* UTF-8 text to UTF-16 with a byte order mark. */
static void to_utf16(const char *s, size_t n, int be, al_buf *out)
{
	al_buf_add(out, be ? "\xFE\xFF" : "\xFF\xFE", 2);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i = al_utf8_next(s, n, i, &cp);
		put_utf16(out, cp, be);
	}
}

size_t al_fix_apply(const al_text *t, const al_findings *fs, al_buf *out, unsigned char *applied)
{
	al_buf utf8 = { 0 };
	size_t at = 0, count = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const al_finding *f = &fs->list[i];
		if (applied)
			applied[i] = 0;
		if (!f->has_fix || f->fix.start < at || f->fix.end > t->len)
			continue;
		al_buf_add(&utf8, t->data + at, f->fix.start - at);
		al_buf_adds(&utf8, al_finding_str(fs, f->replacement));
		at = f->fix.end;
		count++;
		if (applied)
			applied[i] = 1;
	}
	al_buf_add(&utf8, t->data + at, t->len - at);
	al_buf_reset(out);
	if (t->enc == AL_ENC_UTF16LE || t->enc == AL_ENC_UTF16BE)
		to_utf16(utf8.data, utf8.len, t->enc == AL_ENC_UTF16BE, out);
	else
		al_buf_add(out, utf8.data, utf8.len);
	al_buf_free(&utf8);
	return count;
}

/* Does the file still hold exactly original[0..olen)? */
static int unchanged(int fd, const char *original, size_t olen)
{
	char buf[65536];
	size_t seen = 0;
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0) {
		if (seen + (size_t)r > olen || memcmp(buf, original + seen, (size_t)r) != 0)
			return 0;
		seen += (size_t)r;
	}
	return r == 0 && seen == olen;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Why the file at path (stat'ed as st), or its folder, must not be
 * replaced. A read-only mark is respected even by root, who could. */
static const char *read_only(const char *path, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return _("it is not a regular file");
	if (!(st->st_mode & 0222) || access(path, W_OK) != 0)
		return _("the file is read-only");
	char *dir = al_dir_of(path);
	struct stat ds;
	int bad = stat(dir, &ds) != 0 || !(ds.st_mode & 0222) || access(dir, W_OK) != 0;
	free(dir);
	return bad ? _("its folder is read-only") : NULL;
}

/* Makes the rename itself durable: the folder's entry reaches the disk. */
static void sync_dir(const char *path)
{
	char *dir = al_dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Gives the temporary file out the owner and group of the letter st;
 * -1 when the system does not let us (a member of the letter's group who
 * is not its owner): the letter would change hands if it were replaced. */
static int keep_owner(int out, const struct stat *st)
{
	struct stat now;
	if (fchown(out, st->st_uid, st->st_gid) != 0 && errno != EPERM)
		return -1;
	if (fstat(out, &now) != 0)
		return -1;
	errno = EPERM;
	return now.st_uid == st->st_uid && now.st_gid == st->st_gid ? 0 : -1;
}

/* al_fix_write on the file's real path; name is as the user gave it. */
static int replace(const char *path, const char *name, const char *original, size_t olen, const char *bytes, size_t n,
		   al_error *err)
{
	/* the type first: opening a FIFO would wait for a writer for ever */
	struct stat st, was;
	int fd = -1;
	const char *why = NULL;
	if (stat(path, &was) == 0 && !S_ISREG(was.st_mode))
		why = _("it is not a regular file");
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return al_fail(err, AL_ERR_IO, name, 0, 0, _("cannot fix %s: %s"), name, strerror(e));
	}
	int same = !why && unchanged(fd, original, olen);
	if (fd >= 0)
		close(fd);
	if (!why)
		why = read_only(path, &st);
	if (why)
		return al_fail(err, AL_ERR_INPUT, name, 0, 0, _("cannot fix %s: %s"), name, why);
	if (!same)
		return al_fail(err, AL_ERR_INPUT, name, 0, 0, _("%s changed since it was read; not fixed (run again)"),
			       name);
	char *tmp = al_xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.XXXXXX", path);
	int out = mkstemp(tmp);
	if (out < 0) {
		int e = errno;
		free(tmp);
		return al_fail(err, AL_ERR_IO, name, 0, 0, _("cannot fix %s: cannot create a temporary file: %s"), name,
			       strerror(e));
	}
	int rc = 0;
	if (keep_owner(out, &st) != 0) {
		int e = errno;
		close(out);
		unlink(tmp);
		free(tmp);
		if (e == EPERM)
			return al_fail(err, AL_ERR_INPUT, name, 0, 0,
				       _("cannot fix %s: its owner or group would change (fix it as its owner)"), name);
		return al_fail(err, AL_ERR_IO, name, 0, 0, _("cannot fix %s: %s"), name, strerror(e));
	}
	if (fchmod(out, st.st_mode & 07777) != 0 || write_all(out, bytes, n) != 0 || fsync(out) != 0)
		rc = -1;
	if (close(out) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc) {
		int e = errno;
		unlink(tmp);
		al_fail(err, AL_ERR_IO, name, 0, 0, _("cannot fix %s: %s"), name, strerror(e));
	} else {
		sync_dir(path);
	}
	free(tmp);
	return rc;
}

int al_fix_write(const char *given, const char *original, size_t olen, const char *bytes, size_t n, al_error *err)
{
	/* through a symbolic link, the file it points to is replaced, not the link */
	char *path = realpath(given, NULL);
	if (!path)
		return al_fail(err, AL_ERR_IO, given, 0, 0, _("cannot fix %s: %s"), given, strerror(errno));
	int rc = replace(path, given, original, olen, bytes, n, err);
	free(path);
	return rc;
}
