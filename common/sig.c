/* minisign key and signature formats, byte for byte: see sig.h. Layouts follow
 * minisign's PubkeyStruct, SeckeyStruct and SigStruct (all little-endian). */
#include "sig.h"
#include "msg.h"
#include "xalloc.h"
#include "guarded.h"
#include "i18n.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define SIG_LINE_MAX   8192

enum {
        PK_BYTES = 2 + SIG_KEYID_BYTES + crypto_sign_PUBLICKEYBYTES,
        SIG_BYTES = 2 + SIG_KEYID_BYTES + crypto_sign_BYTES,
        KEYNUM_SK_BYTES = SIG_KEYID_BYTES + crypto_sign_SECRETKEYBYTES + crypto_generichash_BYTES,
        SK_BYTES = 6 + crypto_pwhash_scryptsalsa208sha256_SALTBYTES + 16 + KEYNUM_SK_BYTES,
        SK_SALT_AT = 6,
        SK_OPS_AT = SK_SALT_AT + crypto_pwhash_scryptsalsa208sha256_SALTBYTES,
        SK_MEM_AT = SK_OPS_AT + 8,
        SK_KEYNUM_AT = SK_MEM_AT + 8,
};

const char *sig_strerror(enum sig_status st)
{
        switch (st) {
        case SIG_OK:
                return _("valid");
        case SIG_EFORMAT:
                return _("not a minisign key or signature");
        case SIG_EALG:
                return _("unsupported minisign algorithm");
        case SIG_EPASS:
                return _("wrong passphrase for the secret key");
        case SIG_EKEYID:
                return _("signed by another key");
        case SIG_EBAD:
                return _("the signature does not match the data");
        case SIG_ECOMMENT:
                return _("the signature of the trusted comment does not match");
        }
        return "?";
}

static uint64_t le64_load(const unsigned char *p)
{
        uint64_t v = 0;

        for (int i = 7; i >= 0; i--)
                v = (v << 8) | p[i];
        return v;
}

static void le64_store(unsigned char *p, uint64_t v)
{
        for (int i = 0; i < 8; i++, v >>= 8)
                p[i] = (unsigned char)(v & 0xff);
}

void sig_keyid_hex(const unsigned char keyid[SIG_KEYID_BYTES], char out[17])
{
        static const char hex[] = "0123456789ABCDEF";
        uint64_t v = le64_load(keyid);

        for (int i = 15; i >= 0; i--, v >>= 4)
                out[i] = hex[v & 0xf];
        out[16] = '\0';
}

struct sig_seckey *sig_seckey_new(void)
{
        return guarded_alloc(sizeof(struct sig_seckey));
}

void sig_seckey_free(struct sig_seckey *sk)
{
        if (sk != NULL)
                guarded_free(sk);
}

void sig_keygen(struct sig_seckey *sk, struct sig_pubkey *pk)
{
        crypto_sign_keypair(pk->pk, sk->sk);
        randombytes_buf(sk->keyid, sizeof(sk->keyid));
        memcpy(pk->keyid, sk->keyid, sizeof(pk->keyid));
}

void sig_seckey_public(const struct sig_seckey *sk, struct sig_pubkey *pk)
{
        memcpy(pk->keyid, sk->keyid, sizeof(pk->keyid));
        crypto_sign_ed25519_sk_to_pk(pk->pk, sk->sk);
}

/* Copies line n (0-based) of text into out without its end of line; false when absent
 * or longer than cap - 1. */
static bool get_line(const char *text, size_t len, int n, char *out, size_t cap)
{
        size_t i = 0, start, end;

        for (; n > 0; n--) {
                while (i < len && text[i] != '\n')
                        i++;
                if (i >= len)
                        return false;
                i++;
        }
        start = i;
        if (start >= len)
                return false;
        while (i < len && text[i] != '\n')
                i++;
        end = i;
        if (end > start && text[end - 1] == '\r')
                end--;
        if (end - start >= cap)
                return false;
        memcpy(out, text + start, end - start);
        out[end - start] = '\0';
        return memchr(out, '\0', end - start) == NULL;
}

static bool b64_decode(const char *s, unsigned char *out, size_t want)
{
        size_t got = 0;

        return sodium_base642bin(out, want, s, strlen(s), NULL, &got, NULL,
                                 sodium_base64_VARIANT_ORIGINAL) == 0 &&
               got == want;
}

static char *b64_encode(const unsigned char *bin, size_t len)
{
        size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
        char *out = xmalloc(n);

        sodium_bin2base64(out, n, bin, len, sodium_base64_VARIANT_ORIGINAL);
        return out;
}

/* The base64 line of a two-line minisign file whose first line is an untrusted comment,
 * or of a bare one-line key. */
static bool payload_line(const char *text, size_t len, char *out, size_t cap)
{
        if (!get_line(text, len, 0, out, cap))
                return false;
        if (strncmp(out, COMMENT_PREFIX, strlen(COMMENT_PREFIX)) != 0)
                return true;
        return get_line(text, len, 1, out, cap);
}

enum sig_status sig_pubkey_parse(const char *text, size_t len, struct sig_pubkey *out)
{
        char line[SIG_LINE_MAX];
        unsigned char raw[PK_BYTES];

        if (!payload_line(text, len, line, sizeof(line)) || !b64_decode(line, raw, sizeof(raw)))
                return SIG_EFORMAT;
        if (memcmp(raw, "Ed", 2) != 0)
                return SIG_EALG;
        memcpy(out->keyid, raw + 2, SIG_KEYID_BYTES);
        memcpy(out->pk, raw + 2 + SIG_KEYID_BYTES, crypto_sign_PUBLICKEYBYTES);
        return SIG_OK;
}

char *sig_pubkey_base64(const struct sig_pubkey *pk)
{
        unsigned char raw[PK_BYTES];

        memcpy(raw, "Ed", 2);
        memcpy(raw + 2, pk->keyid, SIG_KEYID_BYTES);
        memcpy(raw + 2 + SIG_KEYID_BYTES, pk->pk, crypto_sign_PUBLICKEYBYTES);
        return b64_encode(raw, sizeof(raw));
}

char *sig_pubkey_file(const struct sig_pubkey *pk)
{
        char *b64 = sig_pubkey_base64(pk), *out;

        /* minisign prints the id with %PRIX64: no leading zeros */
        out = xasprintf(COMMENT_PREFIX "minisign public key %" PRIX64 "\n%s\n",
                        le64_load(pk->keyid), b64);
        free(b64);
        return out;
}

enum sig_status sig_keyfile_parse(const char *text, size_t len, struct sig_keyfile *out)
{
        char line[SIG_LINE_MAX];
        unsigned char raw[SK_BYTES];

        if (!get_line(text, len, 0, line, sizeof(line)) ||
            strncmp(line, COMMENT_PREFIX, strlen(COMMENT_PREFIX)) != 0 ||
            !get_line(text, len, 1, line, sizeof(line)) || !b64_decode(line, raw, sizeof(raw)))
                return SIG_EFORMAT;
        if (memcmp(raw, "Ed", 2) != 0 || memcmp(raw + 4, "B2", 2) != 0)
                return SIG_EALG;
        if (memcmp(raw + 2, "Sc", 2) == 0)
                out->encrypted = true;
        else if (raw[2] == 0 && raw[3] == 0)
                out->encrypted = false;
        else
                return SIG_EALG;
        memcpy(out->salt, raw + SK_SALT_AT, sizeof(out->salt));
        out->opslimit = le64_load(raw + SK_OPS_AT);
        out->memlimit = le64_load(raw + SK_MEM_AT);
        memcpy(out->keynum_sk, raw + SK_KEYNUM_AT, KEYNUM_SK_BYTES);
        sodium_memzero(raw, sizeof(raw));
        sodium_memzero(line, sizeof(line));
        return SIG_OK;
}

/* minisign's checksum: BLAKE2b-256 of the algorithm, the key id and the secret key. */
static void keyfile_chk(const unsigned char *keyid, const unsigned char *sk,
                        unsigned char chk[crypto_generichash_BYTES])
{
        crypto_generichash_state hs;

        crypto_generichash_init(&hs, NULL, 0, crypto_generichash_BYTES);
        crypto_generichash_update(&hs, (const unsigned char *)"Ed", 2);
        crypto_generichash_update(&hs, keyid, SIG_KEYID_BYTES);
        crypto_generichash_update(&hs, sk, crypto_sign_SECRETKEYBYTES);
        crypto_generichash_final(&hs, chk, crypto_generichash_BYTES);
}

/* XORs the scrypt stream of pass into buf (minisign's encryption of keynum_sk). */
static int keyfile_xor(unsigned char *buf, const char *pass, size_t passlen,
                       const unsigned char *salt, uint64_t ops, uint64_t mem)
{
        unsigned char *stream = guarded_alloc(KEYNUM_SK_BYTES);

        if (ops > SIZE_MAX || mem > SIZE_MAX ||
            crypto_pwhash_scryptsalsa208sha256(stream, KEYNUM_SK_BYTES, pass, passlen, salt,
                                               (unsigned long long)ops, (size_t)mem) != 0) {
                sodium_free(stream);
                return -1;
        }
        for (size_t i = 0; i < KEYNUM_SK_BYTES; i++)
                buf[i] ^= stream[i];
        sodium_free(stream);
        return 0;
}

static bool all_zero(const unsigned char *p, size_t n)
{
        unsigned char acc = 0;

        for (size_t i = 0; i < n; i++)
                acc |= p[i];
        return acc == 0;
}

enum sig_status sig_keyfile_open(const struct sig_keyfile *kf, const char *pass, size_t passlen,
                                 struct sig_seckey *out)
{
        unsigned char *ks, chk[crypto_generichash_BYTES];
        const unsigned char *stored;
        enum sig_status st = SIG_OK;

        ks = guarded_alloc(KEYNUM_SK_BYTES);
        memcpy(ks, kf->keynum_sk, KEYNUM_SK_BYTES);
        if (kf->encrypted &&
            keyfile_xor(ks, pass, passlen, kf->salt, kf->opslimit, kf->memlimit) != 0)
                st = SIG_EPASS;
        stored = ks + SIG_KEYID_BYTES + crypto_sign_SECRETKEYBYTES;
        keyfile_chk(ks, ks + SIG_KEYID_BYTES, chk);
        /* minisign -W leaves the checksum of an unencrypted key zeroed */
        if (st == SIG_OK && sodium_memcmp(chk, stored, sizeof(chk)) != 0 &&
            (kf->encrypted || !all_zero(stored, sizeof(chk))))
                st = kf->encrypted ? SIG_EPASS : SIG_EFORMAT;
        if (st == SIG_OK) {
                memcpy(out->keyid, ks, SIG_KEYID_BYTES);
                memcpy(out->sk, ks + SIG_KEYID_BYTES, crypto_sign_SECRETKEYBYTES);
        }
        sodium_memzero(chk, sizeof(chk));
        sodium_free(ks);
        return st;
}

char *sig_keyfile_format(const struct sig_seckey *sk, const char *pass, size_t passlen,
                         uint64_t opslimit, uint64_t memlimit)
{
        unsigned char *raw, *ks;
        char *b64, *out;

        raw = guarded_alloc(SK_BYTES);
        memset(raw, 0, SK_BYTES);
        ks = raw + SK_KEYNUM_AT;
        memcpy(raw, "Ed", 2);
        memcpy(raw + 4, "B2", 2);
        memcpy(ks, sk->keyid, SIG_KEYID_BYTES);
        memcpy(ks + SIG_KEYID_BYTES, sk->sk, crypto_sign_SECRETKEYBYTES);
        if (pass != NULL) {
                memcpy(raw + 2, "Sc", 2);
                randombytes_buf(raw + SK_SALT_AT, crypto_pwhash_scryptsalsa208sha256_SALTBYTES);
                le64_store(raw + SK_OPS_AT, opslimit);
                le64_store(raw + SK_MEM_AT, memlimit);
                keyfile_chk(sk->keyid, sk->sk, ks + SIG_KEYID_BYTES + crypto_sign_SECRETKEYBYTES);
                if (keyfile_xor(ks, pass, passlen, raw + SK_SALT_AT, opslimit, memlimit) != 0)
                        die(EX_SOFTWARE, "%s", _("cannot derive a key from the passphrase"));
        }
        b64 = b64_encode(raw, SK_BYTES);
        sodium_free(raw);
        out = xasprintf(COMMENT_PREFIX "minisign encrypted secret key\n%s\n", b64);
        sodium_memzero(b64, strlen(b64));
        free(b64);
        return out;
}

static void prehash(const unsigned char *msg, size_t len, unsigned char h[64])
{
        crypto_generichash(h, 64, msg, len, NULL, 0);
}

static bool one_line(const char *s)
{
        return strchr(s, '\n') == NULL && strchr(s, '\r') == NULL;
}

char *sig_sign(const struct sig_seckey *sk, const unsigned char *msg, size_t len,
               const char *untrusted, const char *trusted)
{
        unsigned char raw[SIG_BYTES], h[64], global[crypto_sign_BYTES];
        size_t tlen = strlen(trusted);
        unsigned char *both = xmalloc(crypto_sign_BYTES + tlen);
        char *b64, *gb64, *out;

        if (!one_line(untrusted) || !one_line(trusted))
                die(EX_SOFTWARE, "sig_sign: comment on several lines");
        prehash(msg, len, h);
        memcpy(raw, "ED", 2);
        memcpy(raw + 2, sk->keyid, SIG_KEYID_BYTES);
        crypto_sign_detached(raw + 2 + SIG_KEYID_BYTES, NULL, h, sizeof(h), sk->sk);
        memcpy(both, raw + 2 + SIG_KEYID_BYTES, crypto_sign_BYTES);
        memcpy(both + crypto_sign_BYTES, trusted, tlen);
        crypto_sign_detached(global, NULL, both, crypto_sign_BYTES + tlen, sk->sk);
        free(both);
        b64 = b64_encode(raw, sizeof(raw));
        gb64 = b64_encode(global, sizeof(global));
        out = xasprintf(COMMENT_PREFIX "%s\n%s\n" TRUSTED_PREFIX "%s\n%s\n", untrusted, b64,
                        trusted, gb64);
        free(b64);
        free(gb64);
        return out;
}

enum sig_status sig_signature_parse(const char *text, size_t len, struct sig_signature *out)
{
        char *line = xmalloc(SIG_LINE_MAX);
        unsigned char raw[SIG_BYTES];
        enum sig_status st = SIG_EFORMAT;

        memset(out, 0, sizeof(*out));
        if (!get_line(text, len, 0, line, SIG_LINE_MAX) ||
            strncmp(line, COMMENT_PREFIX, strlen(COMMENT_PREFIX)) != 0 ||
            !get_line(text, len, 1, line, SIG_LINE_MAX) || !b64_decode(line, raw, sizeof(raw)))
                goto done;
        st = SIG_EALG;
        if (memcmp(raw, "ED", 2) != 0 && memcmp(raw, "Ed", 2) != 0)
                goto done;
        st = SIG_EFORMAT;
        out->hashed = raw[1] == 'D';
        memcpy(out->keyid, raw + 2, SIG_KEYID_BYTES);
        memcpy(out->sig, raw + 2 + SIG_KEYID_BYTES, crypto_sign_BYTES);
        if (!get_line(text, len, 2, line, SIG_LINE_MAX) ||
            strncmp(line, TRUSTED_PREFIX, strlen(TRUSTED_PREFIX)) != 0)
                goto done;
        out->trusted = xstrdup(line + strlen(TRUSTED_PREFIX));
        if (!get_line(text, len, 3, line, SIG_LINE_MAX) ||
            !b64_decode(line, out->global_sig, crypto_sign_BYTES)) {
                sig_signature_clear(out);
                goto done;
        }
        st = SIG_OK;
done:
        free(line);
        return st;
}

void sig_signature_clear(struct sig_signature *s)
{
        free(s->trusted);
        s->trusted = NULL;
}

enum sig_status sig_verify(const struct sig_pubkey *pk, const struct sig_signature *s,
                           const unsigned char *msg, size_t len)
{
        size_t tlen = strlen(s->trusted);
        unsigned char *both;
        int bad;

        if (memcmp(s->keyid, pk->keyid, SIG_KEYID_BYTES) != 0)
                return SIG_EKEYID;
        if (s->hashed) {
                unsigned char h[64];

                prehash(msg, len, h);
                bad = crypto_sign_verify_detached(s->sig, h, sizeof(h), pk->pk);
        } else {
                bad = crypto_sign_verify_detached(s->sig, msg, len, pk->pk);
        }
        if (bad != 0)
                return SIG_EBAD;
        both = xmalloc(crypto_sign_BYTES + tlen);
        memcpy(both, s->sig, crypto_sign_BYTES);
        memcpy(both + crypto_sign_BYTES, s->trusted, tlen);
        bad = crypto_sign_verify_detached(s->global_sig, both, crypto_sign_BYTES + tlen, pk->pk);
        free(both);
        return bad != 0 ? SIG_ECOMMENT : SIG_OK;
}
