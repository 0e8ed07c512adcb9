/* libFuzzer harness for the network file reader of merge (network_read): any text, as a
 * coordinator may receive it before its signature is even looked at. */
#include "network.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct network_file f;
        char why[256];

        if (network_read((const char *)data, size, &f, why) == 0) {
                for (size_t i = 0; i < json_array_size(f.cells); i++)
                        (void)json_string_value(json_array_get(json_array_get(f.cells, i), 0));
        }
        network_clear(&f);
        return 0;
}
