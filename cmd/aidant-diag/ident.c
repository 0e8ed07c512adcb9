/* The structure's key id, read from the public key of the structure identity
 * ($AIDANT_HOME/structure/structure.pub, see DESIGN "The structure identity"). */
#include "ident.h"
#include "fs.h"
#include "sig.h"
#include "xalloc.h"

#include <stdlib.h>

bool ident_keyid(const char *home, char out[17])
{
        char *path = xasprintf("%s/structure/structure.pub", home);
        size_t len;
        char *text = fs_read_file(path, 4096, &len);
        struct sig_pubkey pk;
        bool ok = text != NULL && sig_pubkey_parse(text, len, &pk) == SIG_OK;

        if (ok)
                sig_keyid_hex(pk.keyid, out);
        free(text);
        free(path);
        return ok;
}
