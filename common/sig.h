/* minisign's formats: Ed25519 keys (public key, secret key file encrypted with scrypt),
 * prehashed "ED" signatures (BLAKE2b-512) with a signed trusted comment. Files written
 * here verify with the stock minisign tool, and keys made by `minisign -G` load here. */
#ifndef AIDANT_SIG_H
#define AIDANT_SIG_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIG_KEYID_BYTES 8

enum sig_status {
        SIG_OK = 0,
        SIG_EFORMAT,  /* not a minisign key or signature: comment line or base64 */
        SIG_EALG,     /* another signature, KDF or checksum algorithm */
        SIG_EPASS,    /* the passphrase does not open the secret key */
        SIG_EKEYID,   /* signed by another key */
        SIG_EBAD,     /* the signature does not match the data */
        SIG_ECOMMENT, /* the trusted comment's signature does not match */
};

struct sig_pubkey {
        unsigned char keyid[SIG_KEYID_BYTES];
        unsigned char pk[crypto_sign_PUBLICKEYBYTES];
};

/* A decrypted secret key; allocate with sig_seckey_new (guarded memory). */
struct sig_seckey {
        unsigned char keyid[SIG_KEYID_BYTES];
        unsigned char sk[crypto_sign_SECRETKEYBYTES];
};

/* A secret key file as stored: possibly encrypted, with its KDF parameters. */
struct sig_keyfile {
        bool encrypted;
        unsigned char salt[crypto_pwhash_scryptsalsa208sha256_SALTBYTES];
        uint64_t opslimit, memlimit;
        unsigned char keynum_sk[SIG_KEYID_BYTES + crypto_sign_SECRETKEYBYTES +
                                crypto_generichash_BYTES]; /* keyid, sk, checksum */
};

/* A parsed .minisig file. */
struct sig_signature {
        bool hashed; /* "ED" (BLAKE2b-512 prehash) rather than legacy "Ed" */
        unsigned char keyid[SIG_KEYID_BYTES];
        unsigned char sig[crypto_sign_BYTES];
        char *trusted; /* the trusted comment, owned */
        unsigned char global_sig[crypto_sign_BYTES];
};

/* The translated sentence for a status. */
const char *sig_strerror(enum sig_status st);

/* Writes the key id as minisign prints it (16 uppercase hex digits, little-endian). */
void sig_keyid_hex(const unsigned char keyid[SIG_KEYID_BYTES], char out[17]);

/* Guarded memory for a secret key, wiped and freed by sig_seckey_free. */
struct sig_seckey *sig_seckey_new(void);
void sig_seckey_free(struct sig_seckey *sk);

/* A new random key pair. */
void sig_keygen(struct sig_seckey *sk, struct sig_pubkey *pk);
/* The public half of a secret key. */
void sig_seckey_public(const struct sig_seckey *sk, struct sig_pubkey *pk);

/* Parses a public key file ("untrusted comment:" line then base64) or a bare base64 line. */
enum sig_status sig_pubkey_parse(const char *text, size_t len, struct sig_pubkey *out);
/* The base64 line of a public key (new string). */
char *sig_pubkey_base64(const struct sig_pubkey *pk);
/* The whole public key file, as minisign -G writes it (new string). */
char *sig_pubkey_file(const struct sig_pubkey *pk);

/* Parses a secret key file (encrypted "Sc" or unencrypted). */
enum sig_status sig_keyfile_parse(const char *text, size_t len, struct sig_keyfile *out);
/* Decrypts with the passphrase (ignored when not encrypted) and checks the checksum. */
enum sig_status sig_keyfile_open(const struct sig_keyfile *kf, const char *pass, size_t passlen,
                                 struct sig_seckey *out);
/* The secret key file (new string, to be written 0600). With pass == NULL the key is written
 * unencrypted as `minisign -G -W` does; otherwise encrypted with scrypt at these limits. */
char *sig_keyfile_format(const struct sig_seckey *sk, const char *pass, size_t passlen,
                         uint64_t opslimit, uint64_t memlimit);

/* Signs msg: returns the .minisig text (new string). The comments must be one line. */
char *sig_sign(const struct sig_seckey *sk, const unsigned char *msg, size_t len,
               const char *untrusted, const char *trusted);
/* Parses a .minisig text; on success the caller calls sig_signature_clear. */
enum sig_status sig_signature_parse(const char *text, size_t len, struct sig_signature *out);
void sig_signature_clear(struct sig_signature *s);
/* Checks the signature of msg and of the trusted comment against pk. */
enum sig_status sig_verify(const struct sig_pubkey *pk, const struct sig_signature *s,
                           const unsigned char *msg, size_t len);

#endif
