/* libFuzzer harness for the minisign public key parser: any bytes give a key or a status,
 * and a key read back from its own file is the same key. */
#include "sig.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct sig_pubkey pk, again;
        char *file;

        if (sig_pubkey_parse((const char *)data, size, &pk) != SIG_OK)
                return 0;
        file = sig_pubkey_file(&pk);
        if (sig_pubkey_parse(file, strlen(file), &again) != SIG_OK ||
            memcmp(&pk, &again, sizeof(pk)) != 0)
                __builtin_trap();
        free(file);
        return 0;
}
