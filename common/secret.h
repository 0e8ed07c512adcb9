/* Secrets read from the terminal without echo, or from a file descriptor or a file,
 * never from argv or the environment; kept in guarded memory. Each secret a command
 * reads has its own source, named by what it is (DESIGN.md, "Secret sources"). */
#ifndef AIDANT_SECRET_H
#define AIDANT_SECRET_H

#include <stddef.h>

enum secret_kind {
        SECRET_PASSPHRASE, /* the current passphrase (vault, structure key); init: the one to set */
        SECRET_NEW_PASSPHRASE, /* a new one: passwd, recover */
        SECRET_RECOVERY_CODE,  /* the vault's recovery code */
        SECRET_PASSWORD,       /* a credential's password (vault secret set) */
        SECRET_KINDS
};

/* Where each kind comes from: --<kind>-fd N or --<kind>-file F, else the terminal. */
struct secret_srcs {
        int fd[SECRET_KINDS];           /* -1 when not given */
        const char *file[SECRET_KINDS]; /* NULL when not given */
};

/* Sets every source to "the terminal". */
void secret_srcs_init(struct secret_srcs *s);

/* The option values of the kinds: SECRET_OPT(kind) is --<kind>-fd, +1 is --<kind>-file. */
#define SECRET_OPT_BASE  0x1000
#define SECRET_OPT(kind) (SECRET_OPT_BASE + 2 * (kind))
/* The option name of a kind without its -fd/-file ending ("new-passphrase"). */
const char *secret_option_name(enum secret_kind kind);
/* Keeps the value of option c (one of SECRET_OPT) in s. Returns 0, or -1 with *error
 * set (a translated sentence, static) when the value is not a descriptor number or the
 * descriptor already gives another secret (a descriptor gives exactly one). */
int secret_option(struct secret_srcs *s, int c, const char *arg, const char **error);

/* A secret in guarded memory, NUL-terminated, len bytes. */
struct secret {
        char *buf;
        size_t len;
};

/* Reads the secret of this kind: the first line of its descriptor or file (a newline and
 * a CR dropped, the rest ignored), or from the terminal with prompt and no echo; with
 * confirm the terminal asks twice. In demo mode a passphrase without a source is the
 * sandbox's, DEMO_PASSPHRASE. Dies with 64 naming the options when there is neither
 * a source nor a terminal, 66 when the file cannot be read, 65 when it is empty. */
struct secret *secret_read(const struct secret_srcs *s, enum secret_kind kind, const char *prompt,
                           int confirm);
/* Wipes and frees. NULL is allowed. */
void secret_free(struct secret *s);

/* Wipes and frees a block of malloc (all of it, malloc_usable_size); NULL is allowed.
 * Free with it what held a secret: a json_dumps of a decrypted index, say. */
void secret_wipe_free(void *p);

/* For programs that hold secrets, at start: no core dump, not dumpable (no ptrace by
 * the same user, no /proc/<pid>/mem), and Jansson's values wiped when freed (the text
 * json_dumps returns is the caller's: free it with secret_wipe_free when it is secret). */
void secret_harden_process(void);

#endif
