/* age v1 header: parsing with the spec's strictness (canonical base64, 64-column body
 * lines, LF only), X25519 and scrypt stanzas, the HMAC, and key strings. */
#include "age.h"
#include "bech32.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define VERSION_LINE    "age-encryption.org/v1\n"
#define ARMOR_LINE      "-----BEGIN AGE ENCRYPTED FILE-----"
#define X25519_LABEL    "age-encryption.org/v1/X25519"
#define SCRYPT_LABEL    "age-encryption.org/v1/scrypt"
#define HEADER_MAX      (1 << 20)
#define WRAPPED_KEY_LEN (AGE_FILE_KEY_LEN + crypto_aead_chacha20poly1305_IETF_ABYTES)
#define B64             sodium_base64_VARIANT_ORIGINAL_NO_PADDING

void age_hkdf(unsigned char out[32], const unsigned char *salt, size_t salt_len,
              const unsigned char *ikm, size_t ikm_len, const char *info)
{
        crypto_auth_hmacsha256_state st;
        unsigned char prk[32], one = 1;

        crypto_auth_hmacsha256_init(&st, salt, salt_len);
        crypto_auth_hmacsha256_update(&st, ikm, ikm_len);
        crypto_auth_hmacsha256_final(&st, prk);
        crypto_auth_hmacsha256_init(&st, prk, sizeof(prk));
        crypto_auth_hmacsha256_update(&st, (const unsigned char *)info, strlen(info));
        crypto_auth_hmacsha256_update(&st, &one, 1);
        crypto_auth_hmacsha256_final(&st, out);
        sodium_memzero(prk, sizeof(prk));
        sodium_memzero(&st, sizeof(st));
}

/* Decodes unpadded standard base64 and refuses any non-canonical spelling (it must
 * encode back to the same text). Returns the length, or -1. */
static long b64_decode(unsigned char *out, size_t cap, const char *s, size_t len)
{
        char again[4096];
        size_t n;
        const char *end;

        if (len >= sizeof(again) || sodium_base642bin(out, cap, s, len, NULL, &n, &end, B64) != 0 ||
            end != s + len)
                return -1;
        sodium_bin2base64(again, sizeof(again), out, n, B64);
        if (strlen(again) != len || memcmp(again, s, len) != 0)
                return -1;
        return (long)n;
}

static int vchar_line(const char *s, size_t len)
{
        for (size_t i = 0; i < len; i++)
                if ((unsigned char)s[i] < 33 || (unsigned char)s[i] > 126)
                        return 0;
        return len > 0;
}

/* Splits "-> a b c" (line without "-> " and newline) into the stanza's arguments. */
static int parse_args(struct age_stanza *st, const char *s, size_t len)
{
        size_t i = 0;

        while (i <= len) {
                size_t j = i;

                while (j < len && s[j] != ' ')
                        j++;
                if (!vchar_line(s + i, j - i))
                        return AGE_ERR_HEADER;
                st->args = xrealloc(st->args, (size_t)(st->nargs + 1) * sizeof(char *));
                st->args[st->nargs++] = xstrndup(s + i, j - i);
                i = j + 1;
        }
        return AGE_OK;
}

/* Reads the body lines after a stanza line: full 64-column lines, then one shorter. */
static int parse_body(struct age_stanza *st, const unsigned char *buf, size_t len, size_t *pos)
{
        char *text = NULL;
        size_t tlen = 0;

        for (;;) {
                const unsigned char *nl = memchr(buf + *pos, '\n', len - *pos);
                size_t l = nl == NULL ? 0 : (size_t)(nl - (buf + *pos));

                if (nl == NULL || l > 64 || tlen + l > HEADER_MAX) {
                        free(text);
                        return AGE_ERR_HEADER;
                }
                text = xrealloc(text, tlen + l + 1);
                memcpy(text + tlen, buf + *pos, l);
                tlen += l;
                *pos += l + 1;
                if (l < 64)
                        break;
        }
        st->body = xmalloc(tlen + 1);
        long n = b64_decode(st->body, tlen + 1, text, tlen);
        free(text);
        if (n < 0)
                return AGE_ERR_HEADER;
        st->body_len = (size_t)n;
        return AGE_OK;
}

static int parse_mac(struct age_header *h, const unsigned char *buf, size_t len, size_t pos,
                     size_t *used)
{
        const unsigned char *nl = memchr(buf + pos, '\n', len - pos);
        size_t l = nl == NULL ? 0 : (size_t)(nl - (buf + pos));

        if (nl == NULL || l < 4 || memcmp(buf + pos, "--- ", 4) != 0 ||
            b64_decode(h->mac, sizeof(h->mac), (const char *)buf + pos + 4, l - 4) != AGE_MAC_LEN)
                return AGE_ERR_HEADER;
        h->raw_len = pos + 3;
        h->raw = xmalloc(h->raw_len);
        memcpy(h->raw, buf, h->raw_len);
        *used = pos + l + 1;
        return AGE_OK;
}

int age_header_parse(const unsigned char *buf, size_t len, struct age_header *h, size_t *used)
{
        size_t pos = strlen(VERSION_LINE);

        memset(h, 0, sizeof(*h));
        if (len >= strlen(ARMOR_LINE) && memcmp(buf, ARMOR_LINE, strlen(ARMOR_LINE)) == 0)
                return AGE_ERR_ARMOR;
        if (len < pos || memcmp(buf, VERSION_LINE, pos) != 0)
                return AGE_ERR_HEADER;
        while (pos + 3 <= len && memcmp(buf + pos, "-> ", 3) == 0) {
                const unsigned char *nl = memchr(buf + pos, '\n', len - pos);
                struct age_stanza *st;
                int rc;

                if (nl == NULL)
                        return AGE_ERR_HEADER;
                h->stanzas = xrealloc(h->stanzas, (size_t)(h->count + 1) * sizeof(*st));
                st = &h->stanzas[h->count++];
                memset(st, 0, sizeof(*st));
                rc = parse_args(st, (const char *)buf + pos + 3, (size_t)(nl - buf) - pos - 3);
                pos = (size_t)(nl - buf) + 1;
                if (rc == AGE_OK)
                        rc = parse_body(st, buf, len, &pos);
                if (rc != AGE_OK)
                        return rc;
        }
        if (h->count == 0)
                return AGE_ERR_HEADER;
        return parse_mac(h, buf, len, pos, used);
}

int age_header_read(FILE *in, struct age_header *h)
{
        size_t cap = 1024, n = 0, used;
        unsigned char *buf = xmalloc(cap);
        size_t line_start = 0;
        int c, rc = AGE_ERR_HEADER;

        memset(h, 0, sizeof(*h));
        while ((c = getc(in)) != EOF && n < HEADER_MAX) {
                if (n == cap)
                        buf = xrealloc(buf, cap *= 2);
                buf[n++] = (unsigned char)c;
                if (c != '\n')
                        continue;
                if (n - line_start >= 3 && memcmp(buf + line_start, "---", 3) == 0) {
                        rc = age_header_parse(buf, n, h, &used);
                        break;
                }
                if (line_start == 0 && n >= strlen(ARMOR_LINE) &&
                    memcmp(buf, ARMOR_LINE, strlen(ARMOR_LINE)) == 0) {
                        rc = AGE_ERR_ARMOR;
                        break;
                }
                line_start = n;
        }
        if (c == EOF && ferror(in))
                rc = AGE_ERR_IO;
        free(buf);
        return rc;
}

void age_header_free(struct age_header *h)
{
        for (int i = 0; i < h->count; i++) {
                for (int j = 0; j < h->stanzas[i].nargs; j++)
                        free(h->stanzas[i].args[j]);
                free(h->stanzas[i].args);
                free(h->stanzas[i].body);
        }
        free(h->stanzas);
        free(h->raw);
        memset(h, 0, sizeof(*h));
}

static void header_mac(const unsigned char *raw, size_t len,
                       const unsigned char file_key[AGE_FILE_KEY_LEN], unsigned char mac[32])
{
        unsigned char key[32];

        age_hkdf(key, (const unsigned char *)"", 0, file_key, AGE_FILE_KEY_LEN, "header");
        crypto_auth_hmacsha256_state st;
        crypto_auth_hmacsha256_init(&st, key, sizeof(key));
        crypto_auth_hmacsha256_update(&st, raw, len);
        crypto_auth_hmacsha256_final(&st, mac);
        sodium_memzero(key, sizeof(key));
}

/* Opens a wrapped file key with key (zero nonce). Returns 0 or -1. */
static int unwrap_key(const unsigned char key[32], const unsigned char *body,
                      unsigned char file_key[AGE_FILE_KEY_LEN])
{
        static const unsigned char zero_nonce[12];

        return crypto_aead_chacha20poly1305_ietf_decrypt(file_key, NULL, NULL, body,
                                                         WRAPPED_KEY_LEN, NULL, 0, zero_nonce, key);
}

static int unwrap_x25519(const struct age_stanza *st, const struct age_identity *id,
                         unsigned char file_key[AGE_FILE_KEY_LEN])
{
        unsigned char share[AGE_KEY_LEN], shared[32], salt[64], key[32];
        int rc = AGE_ERR_NO_MATCH;

        if (st->nargs != 2 ||
            b64_decode(share, sizeof(share), st->args[1], strlen(st->args[1])) != AGE_KEY_LEN ||
            st->body_len != WRAPPED_KEY_LEN)
                return AGE_ERR_HEADER;
        if (crypto_scalarmult(shared, id->sk, share) != 0)
                return AGE_ERR_HEADER; /* low-order share: all-zero secret */
        memcpy(salt, share, 32);
        crypto_scalarmult_base(salt + 32, id->sk);
        age_hkdf(key, salt, sizeof(salt), shared, sizeof(shared), X25519_LABEL);
        if (unwrap_key(key, st->body, file_key) == 0)
                rc = AGE_OK;
        sodium_memzero(shared, sizeof(shared));
        sodium_memzero(key, sizeof(key));
        return rc;
}

/* The work factor as the spec writes it: decimal, no sign, no leading zero. */
static int parse_log_n(const char *s)
{
        int v = 0;

        if (s[0] < '1' || s[0] > '9' || strlen(s) > 2)
                return -1;
        for (const char *p = s; *p != '\0'; p++) {
                if (*p < '0' || *p > '9')
                        return -1;
                v = v * 10 + (*p - '0');
        }
        return v;
}

static int scrypt_key(unsigned char key[32], const char *pass, size_t pass_len,
                      const unsigned char salt[16], int log_n)
{
        unsigned char full[sizeof(SCRYPT_LABEL) - 1 + 16];

        memcpy(full, SCRYPT_LABEL, sizeof(SCRYPT_LABEL) - 1);
        memcpy(full + sizeof(SCRYPT_LABEL) - 1, salt, 16);
        return crypto_pwhash_scryptsalsa208sha256_ll((const uint8_t *)pass, pass_len, full,
                                                     sizeof(full), (uint64_t)1 << log_n, 8, 1, key,
                                                     32);
}

static int unwrap_scrypt(const struct age_stanza *st, const struct age_identity *id,
                         unsigned char file_key[AGE_FILE_KEY_LEN])
{
        unsigned char salt[16], key[32];
        int log_n, rc = AGE_ERR_NO_MATCH;

        if (st->nargs != 3 ||
            b64_decode(salt, sizeof(salt), st->args[1], strlen(st->args[1])) != 16 ||
            st->body_len != WRAPPED_KEY_LEN)
                return AGE_ERR_HEADER;
        log_n = parse_log_n(st->args[2]);
        if (log_n < 1 || log_n > AGE_SCRYPT_MAX_LOG_N)
                return AGE_ERR_HEADER;
        if (scrypt_key(key, id->pass, id->pass_len, salt, log_n) != 0)
                return AGE_ERR_IO;
        if (unwrap_key(key, st->body, file_key) == 0)
                rc = AGE_OK;
        sodium_memzero(key, sizeof(key));
        return rc;
}

int age_unwrap(const struct age_header *h, const struct age_identity *ids, int n,
               unsigned char file_key[AGE_FILE_KEY_LEN])
{
        int rc = AGE_ERR_NO_MATCH;

        /* a passphrase-only file must not be openable by anyone else */
        for (int i = 0; i < h->count; i++)
                if (h->count != 1 && strcmp(h->stanzas[i].args[0], "scrypt") == 0)
                        return AGE_ERR_HEADER;
        for (int i = 0; i < h->count && rc == AGE_ERR_NO_MATCH; i++) {
                const struct age_stanza *st = &h->stanzas[i];

                for (int j = 0; j < n && rc == AGE_ERR_NO_MATCH; j++) {
                        if (!ids[j].scrypt && strcmp(st->args[0], "X25519") == 0)
                                rc = unwrap_x25519(st, &ids[j], file_key);
                        else if (ids[j].scrypt && strcmp(st->args[0], "scrypt") == 0)
                                rc = unwrap_scrypt(st, &ids[j], file_key);
                }
        }
        if (rc == AGE_OK) {
                unsigned char mac[32];

                header_mac(h->raw, h->raw_len, file_key, mac);
                if (sodium_memcmp(mac, h->mac, sizeof(mac)) != 0)
                        rc = AGE_ERR_HMAC;
        }
        if (rc != AGE_OK)
                sodium_memzero(file_key, AGE_FILE_KEY_LEN);
        return rc;
}

/* Appends "-> args\n" and the body in 64-column base64 lines, the last one short. */
static void put_stanza(struct age_header *h, const char *args, const unsigned char *body,
                       size_t len)
{
        char b64[128];
        size_t blen, need;

        sodium_bin2base64(b64, sizeof(b64), body, len, B64);
        blen = strlen(b64);
        need = h->raw_len + 3 + strlen(args) + 1 + blen + blen / 64 + 1;
        h->raw = xrealloc(h->raw, need);
        h->raw_len += (size_t)sprintf((char *)h->raw + h->raw_len, "-> %s\n", args);
        for (size_t i = 0; i <= blen; i += 64) {
                size_t l = blen - i < 64 ? blen - i : 64;

                memcpy(h->raw + h->raw_len, b64 + i, l);
                h->raw_len += l;
                h->raw[h->raw_len++] = '\n';
        }
}

static void wrap_x25519(struct age_header *h, const unsigned char pk[32],
                        const unsigned char file_key[AGE_FILE_KEY_LEN])
{
        static const unsigned char zero_nonce[12];
        unsigned char eph[32], salt[64], shared[32], key[32], body[WRAPPED_KEY_LEN];
        char args[80];

        randombytes_buf(eph, sizeof(eph));
        crypto_scalarmult_base(salt, eph);
        if (crypto_scalarmult(shared, eph, pk) != 0)
                die(EX_DATAERR, "%s", _("the recipient is not a valid X25519 key"));
        memcpy(salt + 32, pk, 32);
        age_hkdf(key, salt, sizeof(salt), shared, sizeof(shared), X25519_LABEL);
        crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key, AGE_FILE_KEY_LEN, NULL, 0,
                                                  NULL, zero_nonce, key);
        strcpy(args, "X25519 ");
        sodium_bin2base64(args + 7, sizeof(args) - 7, salt, 32, B64);
        put_stanza(h, args, body, sizeof(body));
        sodium_memzero(eph, sizeof(eph));
        sodium_memzero(shared, sizeof(shared));
        sodium_memzero(key, sizeof(key));
}

static void wrap_scrypt(struct age_header *h, const struct age_recipient *r,
                        const unsigned char file_key[AGE_FILE_KEY_LEN])
{
        static const unsigned char zero_nonce[12];
        unsigned char salt[16], key[32], body[WRAPPED_KEY_LEN];
        char args[80];

        randombytes_buf(salt, sizeof(salt));
        if (scrypt_key(key, r->pass, r->pass_len, salt, r->log_n) != 0)
                die(EX_OSERR, "%s", _("out of memory"));
        crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key, AGE_FILE_KEY_LEN, NULL, 0,
                                                  NULL, zero_nonce, key);
        strcpy(args, "scrypt ");
        sodium_bin2base64(args + 7, sizeof(args) - 7, salt, 16, B64);
        sprintf(args + strlen(args), " %d", r->log_n);
        put_stanza(h, args, body, sizeof(body));
        sodium_memzero(key, sizeof(key));
}

int age_header_write(FILE *out, const struct age_recipient *r, int n,
                     const unsigned char file_key[AGE_FILE_KEY_LEN],
                     unsigned char mac_out[AGE_MAC_LEN])
{
        struct age_header h = {0};
        unsigned char mac[32];
        char b64[64];
        int rc = AGE_OK;

        h.raw_len = strlen(VERSION_LINE);
        h.raw = (unsigned char *)xstrdup(VERSION_LINE);
        for (int i = 0; i < n; i++) {
                if (r[i].scrypt)
                        wrap_scrypt(&h, &r[i], file_key);
                else
                        wrap_x25519(&h, r[i].pk, file_key);
        }
        h.raw = xrealloc(h.raw, h.raw_len + 3);
        memcpy(h.raw + h.raw_len, "---", 3);
        h.raw_len += 3;
        header_mac(h.raw, h.raw_len, file_key, mac);
        sodium_bin2base64(b64, sizeof(b64), mac, sizeof(mac), B64);
        if (fwrite(h.raw, 1, h.raw_len, out) != h.raw_len || fprintf(out, " %s\n", b64) < 0)
                rc = AGE_ERR_IO;
        if (mac_out != NULL)
                memcpy(mac_out, mac, sizeof(mac));
        free(h.raw);
        return rc;
}

const char *age_status_text(int status)
{
        switch (status) {
        case AGE_OK:
                return N_("ok");
        case AGE_ERR_HEADER:
                return N_("malformed age header");
        case AGE_ERR_HMAC:
                return N_("header authentication failed");
        case AGE_ERR_NO_MATCH:
                return N_("no identity matches");
        case AGE_ERR_PAYLOAD:
                return N_("payload authentication failed");
        case AGE_ERR_ARMOR:
                return N_("armored age files are not supported");
        default:
                return strerror(errno);
        }
}
