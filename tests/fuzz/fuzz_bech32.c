/* libFuzzer harness for the bech32 decoder and the age key parsers. */
#include "age.h"
#include "bech32.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *s = malloc(size + 1), hrp[64], again[8192];
        unsigned char out[4096], key[AGE_KEY_LEN];
        long n;

        memcpy(s, data, size);
        s[size] = '\0';
        n = bech32_decode(s, hrp, sizeof(hrp), out, sizeof(out));
        /* what decodes must encode back to the same string, up to case */
        if (n >= 0 && bech32_encode(again, sizeof(again), hrp, out, (size_t)n, 0) != 0 &&
            strcasecmp(again, s) != 0)
                __builtin_trap();
        age_parse_recipient(s, key);
        age_parse_secret(s, key);
        free(s);
        return 0;
}
