/* libFuzzer harness for the vault's index reader (the plaintext of <domain>/index.age). */
#include "vault.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *why;
        json_t *idx = vault_index_parse((const char *)data, size, "identite", &why);

        if ((idx == NULL) == (why == NULL))
                __builtin_trap();
        json_decref(idx);
        return 0;
}
