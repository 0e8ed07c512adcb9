/* The journal key: a machine key (Ed25519, like an SSH host key: unencrypted, 0600 in
 * <home>/mandate/journal.key) that signs every journal entry and the journal's head as
 * they are written, so that no one who can write mandate.db without reading the key
 * files can change the journal unnoticed. The structure key certifies it: each
 * certificate (table journal_key) names the key and the first entry it signs; a new
 * certificate (`checkpoint --rotate`) ends the previous key's range. */
#ifndef MANDATE_JKEY_H
#define MANDATE_JKEY_H

#include "db.h"

#include <stdbool.h>

#define JKEY_SIG_B64 89 /* base64 of an Ed25519 signature, with its NUL */

/* A certified journal key, as verify reads it. */
struct jkey_cert {
        char keyid[17];
        struct sig_pubkey pk;
        long long from_seq; /* the first entry it signs */
};

/* Makes a new journal key for the entries from from_seq on: certified with the unlocked
 * structure key (a row of journal_key, inside the caller's transaction) and kept in e
 * (e->jk) until jkey_save writes it once the transaction is committed. */
void jkey_create(struct env *e, long long from_seq);
/* Writes the key jkey_create made to journal.key (0600). */
void jkey_save(struct env *e);
/* Loads journal.key into e->jk when not loaded. Dies with 78 when it is missing or is
 * not the key certified last, naming 'aidant-mandate checkpoint --rotate'. */
void jkey_load(struct env *e);

/* The signature (base64, out) of text by e->jk, under a domain line (what names what is
 * signed: "entry", "head") so that no signature can be replayed as another kind. */
void jkey_sign(const struct env *e, const char *domain, const char *text, size_t len,
               char out[JKEY_SIG_B64]);
/* Whether sig (base64) is the signature of text by pk under domain. */
bool jkey_verify(const struct sig_pubkey *pk, const char *domain, const char *text, size_t len,
                 const char *sig);

/* Reads the certificates in from_seq order, each checked against the structure key
 * trusted (*n of them, new array). Returns 0, or 1 with why filled (translated) when a
 * certificate is not signed by trusted, does not say what its row says, or none
 * certifies entry 1. */
int jkey_certs(sqlite3 *db, const struct sig_pubkey *trusted, struct jkey_cert **certs, size_t *n,
               char *why, size_t whylen);
/* The certificate in force at seq, or NULL. */
const struct jkey_cert *jkey_for(const struct jkey_cert *certs, size_t n, long long seq);

#endif
