/* serve.h - `appeal-lint serve`: the check over HTTP (libmicrohttpd), a JSON
 * API and the embedded page, with one rule set shared by every request. */
#ifndef AL_SERVE_H
#define AL_SERVE_H

#include "front/batch.h"

#include <stdint.h>

typedef struct al_serve_opts {
	const al_profile *profile; /* the rules and configuration every request uses; borrowed */
	const char *docs_url;	   /* base of SARIF's rule links */
	const char *listen;	   /* a numeric address, or "localhost"; NULL: 127.0.0.1 */
	int port;		   /* 0: a free port, chosen by the system */
	const char *token;	   /* required of every client (bearer or cookie), or NULL */
	size_t max_size;	   /* bytes a letter may have (413 past it) */
	unsigned timeout;	   /* seconds a connection may stay idle; 0: 30 */
	unsigned threads;	   /* threads answering requests; 0: one per core, 2 to 16 */
} al_serve_opts;

typedef struct al_server al_server;

/* Is addr (as --listen takes it) a loopback address? -1 when it is not an
 * address at all. */
int al_serve_is_loopback(const char *addr);

/* Checks a token for --token: 16 to 256 characters of A-Z a-z 0-9 . _ ~ -
 * (they go into a URL and a cookie unescaped). 0, or -1 with err. */
int al_serve_check_token(const char *token, al_error *err);

/* Binds the address and starts answering on threads of its own. Returns the
 * server (al_serve_free stops and releases it), or NULL with err. */
al_server *al_serve_start(const al_serve_opts *o, al_error *err);

/* The page's address: http://HOST:PORT/, with ?token=T when there is one. */
const char *al_serve_url(const al_server *s);

/* Stops taking connections, lets the requests under way finish (a few
 * seconds at most), stops the threads and frees everything. */
void al_serve_free(al_server *s);

#endif
