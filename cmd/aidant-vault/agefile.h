/* age files as whole operations: encrypt or decrypt a stream or a small buffer, write
 * plaintext to a 0600 file only once authenticated, load identity files. */
#ifndef VAULT_AGEFILE_H
#define VAULT_AGEFILE_H

#include "age.h"
#include "secret.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The exit code for an age status: 65 bad data, 77 no match, 74 I/O. */
int agefile_exit(int status);

struct age_stream;
struct fs_stream;
/* A payload being written after its header, through an fs_stream (large outputs at the
 * device's pace). */
struct agefile_payload {
        struct fs_stream *out;
        struct age_stream *w; /* NULL: the payload is copied as it is (agefile_payload_copy) */
};
/* Writes the header for key to out and starts the payload after it, sealed with key
 * (seal) or copied already sealed from another file. Returns an age status. */
int agefile_payload_open(struct agefile_payload *p, FILE *out, const struct age_recipient *r, int n,
                         const unsigned char key[AGE_FILE_KEY_LEN], unsigned char mac[AGE_MAC_LEN],
                         int seal);
/* Copies the rest of in (a payload still sealed) into an unsealed payload. */
int agefile_payload_copy(struct agefile_payload *p, FILE *in);
/* Ends the payload; returns rc, or AGE_ERR_IO when rc was AGE_OK and a write failed. */
int agefile_payload_close(struct agefile_payload *p, int rc);

/* Encrypts everything from in to out with a fresh file key. *size, when not NULL, gets
 * the plaintext size; mac the header MAC. Returns an age status. */
int agefile_encrypt(FILE *in, FILE *out, const struct age_recipient *r, int n,
                    unsigned char mac[AGE_MAC_LEN], long long *size);
/* Decrypts in (positioned at the payload nonce) with file_key, handing each chunk of
 * plaintext to sink (which returns an age status); stops at the first failure. */
int agefile_each_chunk(FILE *in, const unsigned char file_key[AGE_FILE_KEY_LEN],
                       int (*sink)(void *arg, const unsigned char *buf, size_t len), void *arg);
/* Decrypts in (positioned at the payload nonce) with file_key to out (NULL: only checks). */
int agefile_copy_payload(FILE *in, FILE *out, const unsigned char file_key[AGE_FILE_KEY_LEN]);
/* Reads the header of in and finds the file key; mac gets the header MAC. */
int agefile_open(FILE *in, const struct age_identity *ids, int n,
                 unsigned char file_key[AGE_FILE_KEY_LEN], unsigned char mac[AGE_MAC_LEN]);

/* Decrypts the file path, at most max bytes of plaintext, into a new NUL-terminated
 * buffer in guarded memory, freed (and wiped) with agefile_free_plain. mac may be NULL. */
int agefile_read(const char *path, const struct age_identity *ids, int n, size_t max, char **out,
                 size_t *len, unsigned char mac[AGE_MAC_LEN]);
void agefile_free_plain(char *buf);
/* The same from the bytes of an age file already read (file[0..size)). */
int agefile_read_buf(const void *file, size_t size, const struct age_identity *ids, int n,
                     size_t max, char **out, size_t *len, unsigned char mac[AGE_MAC_LEN]);
/* Writes buf encrypted to path, whole or not at all (afile), with the given mode. */
void agefile_write(const char *path, const struct age_recipient *r, int n, const void *buf,
                   size_t len, unsigned char mac[AGE_MAC_LEN]);

/* Where decrypted plaintext goes: the file path (0600 temporary, recorded in home's
 * pending outputs, renamed once all is authenticated), or standard output when path is
 * NULL or "-", which refuses binary data when it is a terminal (tty_out). */
struct agefile_target {
        const char *path;
        const char *home;
        int tty_out;
};
/* Decrypts the object in to the target; what names the input in messages. Returns an
 * exit code (0 on success) after printing the error; dies 64 refusing a terminal. */
int agefile_decrypt_to(FILE *in, const char *what, const unsigned char file_key[AGE_FILE_KEY_LEN],
                       const struct agefile_target *t);

struct pending;
/* An output file written through afile (whole or not at all; a device or a pipe is
 * written in place), or standard output when af is NULL. */
struct agefile_out {
        struct afile *af; /* NULL for standard output */
        FILE *fp;
        struct pending *pending; /* the record of its temporary file (pending.h) */
        char *buf;               /* its stdio buffer, guarded */
};
/* home: where the temporary file is recorded while written (NULL: not recorded). */
void agefile_out_open(struct agefile_out *o, const char *path, mode_t mode, const char *home);
void agefile_out_commit(struct agefile_out *o);
/* Removes the temporary file (regular files only). */
void agefile_out_abort(struct agefile_out *o);

/* Loads the X25519 keys of an identity file: age-keygen's text, or such a text itself
 * encrypted with a passphrase (read from src). Returns the number of keys; dies with a
 * message on failure (66 missing, 65 malformed, 77 wrong passphrase). */
int agefile_load_identities(const char *path, const struct secret_srcs *src,
                            unsigned char (*sks)[AGE_KEY_LEN], int max);

#endif
