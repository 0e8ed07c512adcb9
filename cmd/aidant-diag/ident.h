/* The structure identity as aidant-diag sees it: the key id that names the structure in
 * the diagnoses it records. */
#ifndef DIAG_IDENT_H
#define DIAG_IDENT_H

#include "sig.h"

#include <stdbool.h>

/* The key id (16 hex digits, as minisign prints it) of the structure of home, when the
 * structure identity exists; false otherwise. */
bool ident_keyid(const char *home, char out[17]);
/* The public key of the structure identity of home, when it exists. */
bool ident_pubkey(const char *home, struct sig_pubkey *out);

#endif
