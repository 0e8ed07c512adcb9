/* Secrets read from the terminal without echo, or from a file descriptor or a file,
 * never from argv or the environment; kept in sodium_malloc'd memory. */
#ifndef AIDANT_SECRET_H
#define AIDANT_SECRET_H

#include <stddef.h>

/* Where a command reads its secrets: set from --passphrase-fd N / --passphrase-file F. */
struct secret_src {
        int fd;           /* -1 when not given */
        const char *file; /* NULL when not given */
};

#define SECRET_SRC_INIT                                                                            \
        {                                                                                          \
                -1, NULL                                                                           \
        }

/* The options that say where secrets come from: SECRET_LONGOPTS goes into a command's
 * option table (struct option, getopt.h), secret_option keeps them in src. */
enum { SECRET_OPT_FD = 0x1000, SECRET_OPT_FILE };
#define SECRET_LONGOPTS                                                                            \
        {"passphrase-fd", required_argument, NULL, SECRET_OPT_FD},                                 \
        {                                                                                          \
                "passphrase-file", required_argument, NULL, SECRET_OPT_FILE                        \
        }
/* Returns 1 when c is one of SECRET_LONGOPTS (its value kept in src), else 0. */
int secret_option(struct secret_src *src, int c, const char *arg);

/* A secret in guarded memory (sodium_malloc), NUL-terminated, len bytes. */
struct secret {
        char *buf;
        size_t len;
};

/* Parses the value of --passphrase-fd; dies with 64 when it is not a descriptor number. */
int secret_fd_arg(const char *value);

/* Reads one secret (one line, the newline dropped) from src, or from the terminal with
 * prompt (no echo) when src gives neither fd nor file. With confirm, the terminal asks
 * twice and the two must match. Dies with 66 when there is no terminal and no source,
 * 65 when empty. Several secrets may be read in turn from the same fd, one per line. */
struct secret *secret_read(const struct secret_src *src, const char *prompt, int confirm);
/* Wipes and frees. NULL is allowed. */
void secret_free(struct secret *s);

/* Disables core dumps (programs that hold secrets call it at start). */
void secret_no_core(void);

#endif
