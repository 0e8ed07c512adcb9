/* Portable diagnoses: the canonical JSON file and its minisign signature by a structure
 * key; checked against --pubkey, the trusted keys, or the structure's own key. */
#ifndef DIAG_PORTABLE_H
#define DIAG_PORTABLE_H

#include "db.h"

#include <jansson.h>

struct portable {
        json_t *doc;       /* the diagnosis document */
        char id[17];       /* its global id */
        char keyid[17];    /* the key that signed it */
        char *signer_name; /* the trusted name of that key, or NULL */
        char *trusted;     /* the trusted comment */
};

/* Reads path and path.minisig and checks them. no_code is the exit code when the
 * signature does not match (1 for verify, 65 for import). Dies with 66 when a file is
 * missing, 65 when it is not a portable diagnosis, 77 when the key is not trusted. */
void portable_read(struct denv *e, const char *path, const char *pubkey_file, int no_code,
                   struct portable *out);
void portable_clear(struct portable *p);

#endif
