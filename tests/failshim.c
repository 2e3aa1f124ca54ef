/* failshim.c - an LD_PRELOAD library for tests: makes --fix fail where
 * AL_FAIL says, to show a failure never leaves a half-written letter.
 * AL_FAIL=kill: the process is killed between writing and renaming;
 * AL_FAIL=rename: rename(2) fails with EIO; AL_FAIL=fsync: fsync(2) does. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

int rename(const char *from, const char *to);
int fsync(int fd);

static int failing(const char *what)
{
	const char *m = getenv("AL_FAIL");
	return m && strcmp(m, what) == 0;
}

int rename(const char *from, const char *to)
{
	if (failing("kill"))
		raise(SIGKILL);
	if (failing("rename")) {
		errno = EIO;
		return -1;
	}
	int (*real)(const char *, const char *);
	*(void **)&real = dlsym(RTLD_NEXT, "rename");
	return real(from, to);
}

int fsync(int fd)
{
	if (failing("fsync")) {
		errno = EIO;
		return -1;
	}
	int (*real)(int);
	*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}
