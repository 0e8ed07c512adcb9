/* Bech32 encoding and decoding, after the BIP 173 reference code, without the
 * 90-character limit (age's keys are longer than Bitcoin addresses may be). */
#include "bech32.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/* The most 5-bit values a string holds here (checksum included): far more than a key. */
#define BECH32_MAX_VALUES 4096

static uint32_t polymod_step(uint32_t chk, unsigned v)
{
        static const uint32_t gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        uint32_t top = chk >> 25;

        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++)
                if (((top >> i) & 1) != 0)
                        chk ^= gen[i];
        return chk;
}

/* The checksum state after the expanded hrp and the 5-bit values. */
static uint32_t polymod(const char *hrp, size_t hrp_len, const unsigned char *v, size_t n)
{
        uint32_t chk = 1;

        for (size_t i = 0; i < hrp_len; i++)
                chk = polymod_step(chk, (unsigned char)tolower((unsigned char)hrp[i]) >> 5);
        chk = polymod_step(chk, 0);
        for (size_t i = 0; i < hrp_len; i++)
                chk = polymod_step(chk, (unsigned char)tolower((unsigned char)hrp[i]) & 31);
        for (size_t i = 0; i < n; i++)
                chk = polymod_step(chk, v[i]);
        return chk;
}

/* Regroups bits: 8 to 5 with padding, or 5 to 8 refusing non-zero or long padding.
 * Returns the output length or -1. */
static long convert_bits(unsigned char *out, size_t cap, const unsigned char *in, size_t n,
                         int from, int to, int pad)
{
        uint32_t acc = 0, maxv = (1u << to) - 1;
        int bits = 0;
        size_t o = 0;

        for (size_t i = 0; i < n; i++) {
                acc = (acc << from) | in[i];
                bits += from;
                while (bits >= to) {
                        bits -= to;
                        if (o >= cap)
                                return -1;
                        out[o++] = (unsigned char)((acc >> bits) & maxv);
                }
        }
        if (pad && bits > 0) {
                if (o >= cap)
                        return -1;
                out[o++] = (unsigned char)((acc << (to - bits)) & maxv);
        } else if (!pad && (bits >= from || ((acc << (to - bits)) & maxv) != 0)) {
                return -1;
        }
        return (long)o;
}

size_t bech32_encode(char *out, size_t cap, const char *hrp, const unsigned char *data, size_t len,
                     int upper)
{
        unsigned char v[BECH32_MAX_VALUES];
        size_t hrp_len = strlen(hrp), n5, o = 0;
        uint32_t chk;

        /* the sizes are checked before anything is written, with no overflow */
        if (len > (sizeof(v) - 6) * 5 / 8)
                return 0;
        n5 = (len * 8 + 4) / 5;
        if (hrp_len > cap || cap - hrp_len < n5 + 6 + 2 ||
            convert_bits(v, n5, data, len, 8, 5, 1) != (long)n5)
                return 0;
        memset(v + n5, 0, 6);
        chk = polymod(hrp, hrp_len, v, n5 + 6) ^ 1;
        for (int i = 0; i < 6; i++)
                v[n5 + i] = (chk >> (5 * (5 - i))) & 31;
        for (size_t i = 0; i < hrp_len; i++)
                out[o++] =
                    (char)(upper ? toupper((unsigned char)hrp[i]) : tolower((unsigned char)hrp[i]));
        out[o++] = '1';
        for (size_t i = 0; i < n5 + 6; i++)
                out[o++] = upper ? (char)toupper((unsigned char)charset[v[i]]) : charset[v[i]];
        out[o] = '\0';
        return o;
}

/* Checks the characters and the single case; returns the position of the last '1'. */
static long check_chars(const char *s, size_t len)
{
        int lower = 0, upper = 0;
        long sep = -1;

        for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)s[i];

                if (c < 33 || c > 126)
                        return -1;
                lower |= islower(c) != 0;
                upper |= isupper(c) != 0;
                if (c == '1')
                        sep = (long)i;
        }
        if ((lower && upper) || sep < 1 || (size_t)sep + 7 > len)
                return -1;
        return sep;
}

long bech32_decode(const char *s, char *hrp, size_t hrp_cap, unsigned char *data, size_t data_cap)
{
        size_t len = s != NULL ? strlen(s) : 0, n;
        long sep = s != NULL ? check_chars(s, len) : -1;
        unsigned char v[BECH32_MAX_VALUES] = {0};
        long out;

        if (sep < 0 || (size_t)sep + 1 > hrp_cap || len > sizeof(v))
                return -1;
        n = len - (size_t)sep - 1;
        for (size_t i = 0; i < n; i++) {
                const char *p = strchr(charset, tolower((unsigned char)s[sep + 1 + (long)i]));

                if (p == NULL || *p == '\0')
                        return -1;
                v[i] = (unsigned char)(p - charset);
        }
        if (polymod(s, (size_t)sep, v, n) != 1)
                return -1;
        out = convert_bits(data, data_cap, v, n - 6, 5, 8, 0);
        if (out < 0)
                return -1;
        for (long i = 0; i < sep; i++)
                hrp[i] = (char)tolower((unsigned char)s[i]);
        hrp[sep] = '\0';
        return out;
}
