/* age X25519 keys: generation and their bech32 spellings, and identity files as
 * age-keygen writes them. */
#include "age.h"
#include "bech32.h"

#include <sodium.h>
#include <string.h>

#define SECRET_HRP    "AGE-SECRET-KEY-"
#define RECIPIENT_HRP "age"

void age_keygen(unsigned char sk[AGE_KEY_LEN])
{
        randombytes_buf(sk, AGE_KEY_LEN);
}

void age_public_key(const unsigned char sk[AGE_KEY_LEN], unsigned char pk[AGE_KEY_LEN])
{
        crypto_scalarmult_base(pk, sk);
}

static int parse_key(const char *s, const char *want_hrp, unsigned char key[AGE_KEY_LEN])
{
        char hrp[32], lower[32];
        unsigned char buf[64];
        size_t i;

        if (bech32_decode(s, hrp, sizeof(hrp), buf, sizeof(buf)) != AGE_KEY_LEN)
                return -1;
        for (i = 0; want_hrp[i] != '\0' && i + 1 < sizeof(lower); i++)
                lower[i] = (char)(want_hrp[i] >= 'A' && want_hrp[i] <= 'Z' ? want_hrp[i] + 32
                                                                           : want_hrp[i]);
        lower[i] = '\0';
        if (strcmp(hrp, lower) != 0)
                return -1;
        memcpy(key, buf, AGE_KEY_LEN);
        sodium_memzero(buf, sizeof(buf));
        return 0;
}

int age_parse_secret(const char *s, unsigned char sk[AGE_KEY_LEN])
{
        return parse_key(s, SECRET_HRP, sk);
}

int age_parse_recipient(const char *s, unsigned char pk[AGE_KEY_LEN])
{
        unsigned char probe[32], out[32];

        if (parse_key(s, RECIPIENT_HRP, pk) != 0)
                return -1;
        /* a low-order point would give every sender an all-zero shared secret */
        randombytes_buf(probe, sizeof(probe));
        return crypto_scalarmult(out, probe, pk) == 0 ? 0 : -1;
}

void age_format_secret(const unsigned char sk[AGE_KEY_LEN], char out[AGE_SECRET_MAX])
{
        bech32_encode(out, AGE_SECRET_MAX, SECRET_HRP, sk, AGE_KEY_LEN, 1);
}

void age_format_recipient(const unsigned char pk[AGE_KEY_LEN], char out[AGE_RECIPIENT_MAX])
{
        bech32_encode(out, AGE_RECIPIENT_MAX, RECIPIENT_HRP, pk, AGE_KEY_LEN, 0);
}

int age_parse_identity_file(const char *text, unsigned char (*sks)[AGE_KEY_LEN], int max, int *line)
{
        int n = 0, no = 0;

        while (*text != '\0') {
                const char *nl = strchr(text, '\n');
                const char *next = nl != NULL ? nl + 1 : text + strlen(text);
                size_t len = (size_t)(next - text) - (nl != NULL);
                char buf[AGE_SECRET_MAX];

                no++;
                if (len > 0 && text[len - 1] == '\r')
                        len--;
                if (len > 0 && text[0] != '#') {
                        if (len >= sizeof(buf) || n >= max)
                                goto bad;
                        memcpy(buf, text, len);
                        buf[len] = '\0';
                        if (strncmp(buf, SECRET_HRP "1", strlen(SECRET_HRP) + 1) != 0 ||
                            age_parse_secret(buf, sks[n]) != 0)
                                goto bad;
                        sodium_memzero(buf, sizeof(buf));
                        n++;
                }
                text = next;
        }
        return n;
bad:
        *line = no;
        return -1;
}
