/* Work factors for keys made from a passphrase; see kdf.h for the test knob. This file
 * is compiled twice: into libaidant.a without the knob, and with -DAIDANT_TEST_KNOBS
 * into the test programs. */
#include "kdf.h"
#include "age.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

bool kdf_light(void)
{
#ifdef AIDANT_TEST_KNOBS
        static int light = -1;
        const char *v;

        if (light < 0) {
                v = getenv("AIDANT_KDF_LIGHT");
                light = v != NULL && strcmp(v, "1") == 0;
        }
        return light == 1;
#else
        return false;
#endif
}

int kdf_age_log_n(void)
{
        return kdf_light() ? 10 : AGE_SCRYPT_DEFAULT_LOG_N;
}

void kdf_sig_limits(uint64_t *opslimit, uint64_t *memlimit)
{
        if (kdf_light()) {
                *opslimit = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE;
                *memlimit = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE;
        } else {
                *opslimit = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
                *memlimit = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
        }
}
