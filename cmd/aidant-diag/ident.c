/* The structure's key id, read from the public key of the structure identity
 * ($AIDANT_HOME/structure/structure.pub, see DESIGN "The structure identity"). */
#include "ident.h"
#include "fs.h"
#include "sig.h"
#include "xalloc.h"

#include <stdlib.h>

bool ident_pubkey(const char *home, struct sig_pubkey *out)
{
        char *path = xasprintf("%s/structure/structure.pub", home);
        size_t len;
        char *text = fs_read_file(path, 4096, &len);
        bool ok = text != NULL && sig_pubkey_parse(text, len, out) == SIG_OK;

        free(text);
        free(path);
        return ok;
}

bool ident_keyid(const char *home, char out[17])
{
        struct sig_pubkey pk;

        if (!ident_pubkey(home, &pk))
                return false;
        sig_keyid_hex(pk.keyid, out);
        return true;
}
