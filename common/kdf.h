/* The work factors of the keys made from a passphrase: age's scrypt stanza (vault) and
 * minisign's scrypt (structure key). The test knob AIDANT_KDF_LIGHT=1 lightens them in
 * test builds only (AIDANT_TEST_KNOBS, the programs tests/run.sh puts first in PATH):
 * installed programs ignore it, so every key they make is meant to last. */
#ifndef AIDANT_KDF_H
#define AIDANT_KDF_H

#include <stdbool.h>
#include <stdint.h>

/* scrypt's log2(N) for a new age passphrase stanza (18, as age; 10 with the knob). */
int kdf_age_log_n(void);
/* minisign's scrypt limits for a new secret key file (its defaults; small with the knob). */
void kdf_sig_limits(uint64_t *opslimit, uint64_t *memlimit);
/* Whether the knob is on (a test build with AIDANT_KDF_LIGHT=1). */
bool kdf_light(void);

#endif
