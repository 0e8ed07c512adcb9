/* The age v1 file format (C2SP age spec): header parsing and writing, X25519 and
 * scrypt stanzas, the header HMAC, keys as bech32 strings. The payload STREAM is in
 * age_stream.h. Functions return AGE_OK or one of the age_status failures below. */
#ifndef AIDANT_AGE_H
#define AIDANT_AGE_H

#include <stddef.h>
#include <stdio.h>

#define AGE_FILE_KEY_LEN         16
#define AGE_KEY_LEN              32
#define AGE_MAC_LEN              32
#define AGE_NONCE_LEN            16
#define AGE_RECIPIENT_MAX        128 /* "age1..." with its NUL, with room */
#define AGE_SECRET_MAX           128
#define AGE_SCRYPT_MAX_LOG_N     22 /* as age: a higher work factor is refused when reading */
#define AGE_SCRYPT_DEFAULT_LOG_N 18

/* The failure classes of the age test vectors. */
enum age_status {
        AGE_OK = 0,
        AGE_ERR_HEADER,   /* malformed header, or a stanza that must not be there */
        AGE_ERR_HMAC,     /* header MAC does not match the file key */
        AGE_ERR_NO_MATCH, /* no identity (or passphrase) opens the file */
        AGE_ERR_PAYLOAD,  /* payload chunk fails authentication, truncated or extended */
        AGE_ERR_IO,       /* read or write error (errno set) */
        AGE_ERR_ARMOR,    /* ASCII armor: not supported */
};

/* HKDF-SHA-256 (RFC 5869) for one 32-byte output block, the only size age needs (the
 * header and payload keys, the X25519 wrapping key); info is a NUL-terminated label. */
void age_hkdf(unsigned char out[32], const unsigned char *salt, size_t salt_len,
              const unsigned char *ikm, size_t ikm_len, const char *info);

/* A stanza: "-> type arg..." and its body. */
struct age_stanza {
        char **args; /* args[0] is the type */
        int nargs;
        unsigned char *body;
        size_t body_len;
};

struct age_header {
        struct age_stanza *stanzas;
        int count;
        unsigned char mac[AGE_MAC_LEN];
        unsigned char *raw; /* the header bytes the MAC covers, up to and including "---" */
        size_t raw_len;
};

/* An identity: an X25519 secret key, or a passphrase for scrypt stanzas. */
struct age_identity {
        int scrypt; /* 0: X25519 */
        unsigned char sk[AGE_KEY_LEN];
        const char *pass; /* scrypt: borrowed */
        size_t pass_len;
};

/* A recipient: an X25519 public key, or a passphrase (then the only recipient). */
struct age_recipient {
        int scrypt;
        unsigned char pk[AGE_KEY_LEN];
        const char *pass; /* scrypt: borrowed */
        size_t pass_len;
        int log_n; /* scrypt work factor */
};

/* Parses a header from buf[0..len): *used gets the size up to and including the MAC
 * line's newline. Returns AGE_OK, AGE_ERR_HEADER, or AGE_ERR_ARMOR. */
int age_header_parse(const unsigned char *buf, size_t len, struct age_header *h, size_t *used);
/* Reads and parses a header from in, leaving in at the payload nonce. */
int age_header_read(FILE *in, struct age_header *h);
void age_header_free(struct age_header *h);

/* Finds the file key with the identities. Returns AGE_OK (HMAC checked),
 * AGE_ERR_NO_MATCH, AGE_ERR_HEADER or AGE_ERR_HMAC. */
int age_unwrap(const struct age_header *h, const struct age_identity *ids, int n,
               unsigned char file_key[AGE_FILE_KEY_LEN]);

/* Writes a header for file_key to the recipients (a scrypt recipient must be alone).
 * Returns AGE_OK or AGE_ERR_IO. mac, when not NULL, gets the header MAC. */
int age_header_write(FILE *out, const struct age_recipient *r, int n,
                     const unsigned char file_key[AGE_FILE_KEY_LEN],
                     unsigned char mac[AGE_MAC_LEN]);

/* Keys. Secret keys as "AGE-SECRET-KEY-1...", recipients as "age1...". */
void age_keygen(unsigned char sk[AGE_KEY_LEN]);
void age_public_key(const unsigned char sk[AGE_KEY_LEN], unsigned char pk[AGE_KEY_LEN]);
/* Return 0, or -1 when s is not a valid key of that kind. */
int age_parse_secret(const char *s, unsigned char sk[AGE_KEY_LEN]);
int age_parse_recipient(const char *s, unsigned char pk[AGE_KEY_LEN]);
void age_format_secret(const unsigned char sk[AGE_KEY_LEN], char out[AGE_SECRET_MAX]);
void age_format_recipient(const unsigned char pk[AGE_KEY_LEN], char out[AGE_RECIPIENT_MAX]);

/* Parses an identity file's text (age-keygen's format: comments, blank lines, one or
 * more AGE-SECRET-KEY-1 lines). Returns the number of keys stored in sks (at most max),
 * or -1 with *line set to the first bad line. */
int age_parse_identity_file(const char *text, unsigned char (*sks)[AGE_KEY_LEN], int max,
                            int *line);

/* A one-line description of a status, marked N_(): translate it with _(). */
const char *age_status_text(int status);

#endif
