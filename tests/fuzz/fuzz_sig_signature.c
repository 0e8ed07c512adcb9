/* libFuzzer harness for the .minisig parser and verifier: any bytes are parsed, then
 * checked against a fixed key over a fixed message; nothing may be accepted. */
#include "sig.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const char pub[] = "RWTtNsrrznXVN78WST/qhZ35czLpKYvQ4w6+IMgsZ3cET2mV5mMe1Pt9";
        struct sig_pubkey pk;
        struct sig_signature s;

        if (sig_pubkey_parse(pub, strlen(pub), &pk) != SIG_OK)
                __builtin_trap();
        if (sig_signature_parse((const char *)data, size, &s) != SIG_OK)
                return 0;
        /* the corpus signs "hi\n": a signature of another message must never verify */
        if (sig_verify(&pk, &s, (const unsigned char *)"hi!\n", 4) == SIG_OK)
                __builtin_trap();
        sig_signature_clear(&s);
        return 0;
}
