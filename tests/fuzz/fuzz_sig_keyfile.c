/* libFuzzer harness for the minisign secret key file parser. Unencrypted keys are also
 * opened; encrypted ones are not, since their scrypt limits come from the input. */
#include "sig.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct sig_keyfile kf;
        struct sig_seckey *sk;

        if (sig_keyfile_parse((const char *)data, size, &kf) != SIG_OK || kf.encrypted)
                return 0;
        sk = sig_seckey_new();
        sig_keyfile_open(&kf, NULL, 0, sk);
        sig_seckey_free(sk);
        return 0;
}
