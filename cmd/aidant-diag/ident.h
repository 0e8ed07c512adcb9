/* The structure identity as aidant-diag uses it (common/structure.h, DESIGN "The
 * structure identity"): init, and the key id that names the structure in the diagnoses
 * it records. */
#ifndef DIAG_IDENT_H
#define DIAG_IDENT_H

#include <stdbool.h>

/* The command that creates the structure, named by the errors of commands that need it. */
#define DIAG_INIT_CMD "aidant-diag init"

/* The key id (16 hex digits, as minisign prints it) of the structure of home, when the
 * structure identity exists; false otherwise. */
bool ident_keyid(const char *home, char out[17]);

#endif
