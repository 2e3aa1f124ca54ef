/* lsp.h - a language server (LSP 3.17) over standard input and output:
 * diagnostics as the seller types, quick fixes, explanations on hover. */
#ifndef AL_LSP_H
#define AL_LSP_H

#include "front/batch.h"

/* Serves requests from fd in, writing only protocol messages to fd out,
 * until the client's exit notification or the end of input. Returns the
 * exit status the protocol asks for: 0 after shutdown, else 1. */
int al_lsp_run(const al_cli *cli, const char *config, int no_config, int in, int out);

#endif
