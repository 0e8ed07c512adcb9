/* Bech32 (BIP 173) as age uses it for "age1..." recipients and "AGE-SECRET-KEY-1..."
 * identities: no 90-character limit, one case per string. */
#ifndef AIDANT_BECH32_H
#define AIDANT_BECH32_H

#include <stddef.h>

/* Writes hrp "1" data-part checksum for data[0..len) into out (size cap), in lowercase,
 * or uppercase when upper is set. Returns the length written, or 0 when out is too small. */
size_t bech32_encode(char *out, size_t cap, const char *hrp, const unsigned char *data, size_t len,
                     int upper);

/* Decodes s: checks the checksum, the single case and the padding. Writes the
 * human-readable part in lowercase to hrp (size hrp_cap) and the bytes to data (size
 * data_cap). Returns the number of bytes, or -1 when s is not valid bech32 (or NULL: the
 * value of a JSON field that is not a string). */
long bech32_decode(const char *s, char *hrp, size_t hrp_cap, unsigned char *data, size_t data_cap);

#endif
