/* libFuzzer harness for the vault's manifest reader (vault.json, the file the settling of
 * a vault acts on: every path it names must be one of the vault's). */
#include "manifest.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *format, *why;
        json_t *doc = manifest_parse((const char *)data, size, &format, &why);

        if (doc == NULL && why == NULL)
                __builtin_trap();
        if (doc != NULL && format == NULL && why != NULL)
                __builtin_trap();
        json_decref(doc);
        return 0;
}
