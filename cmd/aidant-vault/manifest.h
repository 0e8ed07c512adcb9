/* The manifest: vault.json, the clear part of a vault, signed by its owner. It names the
 * vault (a random id), counts its versions, lists the shares (keys and dates, no names),
 * and pins every other signed file (identity, recovery code, names, each domain's index)
 * by version and hash, so that a file rolled back, replaced or deleted is seen. */
#ifndef VAULT_MANIFEST_H
#define VAULT_MANIFEST_H

#include <jansson.h>
#include <stddef.h>

#define MANIFEST_FORMAT   "aidant-vault/2"
#define MANIFEST_HASH_MAX 64 /* base64 of a BLAKE2b-256, with its NUL */
#define MANIFEST_ID_LEN   16 /* hex digits of a vault id */

/* Reads dir/vault.json (a new reference to the whole document, whose "manifest" member
 * is the signed part). Dies 66 when there is none, 78 when it is of an older format, 65
 * when it is not a manifest (every field checked: the settling of a vault acts on them). */
json_t *manifest_read(const char *dir);
/* The same from the text of a vault.json: a new reference, or NULL with why (N_()); a
 * document of another format "aidant-vault/N" is returned with *format set to it. */
json_t *manifest_parse(const char *text, size_t len, const char **format, const char **why);

/* The key the document names as its signer; 0, or -1 when it names none. */
int manifest_named_key(json_t *doc, unsigned char vk[32]);

/* The version of a manifest (1 for a new vault). */
long long manifest_version(json_t *m);

/* The pin of the file rel ("identite/index.age", "identity.age"): its hash and version,
 * or NULL / 0 when the manifest does not pin it. */
const char *manifest_pin_hash(json_t *m, const char *rel);
long long manifest_pin_version(json_t *m, const char *rel);
void manifest_pin(json_t *m, const char *rel, long long version, const char *hash);
void manifest_unpin(json_t *m, const char *rel);

/* The hash a pin holds: base64 of the BLAKE2b-256 of the file's bytes. manifest_hash_file
 * returns 0, or -1 with errno set when the file cannot be read. */
void manifest_hash_buf(const void *buf, size_t len, char out[MANIFEST_HASH_MAX]);
int manifest_hash_file(const char *path, char out[MANIFEST_HASH_MAX]);

/* Writes doc (format, manifest, signature) to dir/vault.json, 0600, whole or not at all:
 * the rename is the commit of a change to the vault. */
void manifest_write(const char *dir, json_t *doc);

#endif
