/* Portable diagnoses: the canonical JSON file and its minisign signature by a structure
 * key (common/structure); checked against --pubkey, the structure's own key or the
 * trusted keys (trust.c). */
#ifndef DIAG_PORTABLE_H
#define DIAG_PORTABLE_H

#include "db.h"
#include "sig.h"

#include <jansson.h>
#include <stdbool.h>

struct portable {
        json_t *doc;       /* the diagnosis document */
        char id[17];       /* its global id */
        char keyid[17];    /* the key that signed it */
        char *signer_name; /* the trusted name of that key, or NULL for --pubkey */
        bool demo;         /* signed in demo mode */
};

/* Reads path and path.minisig and checks them. Dies with 66 when a file is missing, 65
 * when it was changed after it was signed or is not a portable diagnosis, 77 when the key
 * that signed it is not trusted (or it is a demo signature outside demo mode). */
void portable_read(struct denv *e, const char *path, const char *pubkey_file, struct portable *out);
void portable_clear(struct portable *p);

/* The diagnosis document of a portable file's bytes: its canonical JSON, every field of the
 * type and range that the commands reading it expect, no control character. Returns a new
 * reference and its id, or NULL with *why (new) saying what is wrong. */
json_t *portable_document(const char *buf, size_t len, char id[17], char **why);

/* The public key trusted under keyid (trust add), its name in *name (new); false when
 * none. */
bool trust_find(struct denv *e, const char *keyid, struct sig_pubkey *pk, char **name);

#endif
