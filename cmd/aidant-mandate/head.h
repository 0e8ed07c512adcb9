/* The journal's signed head: the last entry (seq and hash), the last checkpoint signed by
 * the structure key, and the digest of the state that decides acts (helpers disabled or
 * not and their charter, people forgotten or not, mandates and their end, authorisations
 * revoked or not), signed by the journal key at every change. So the tables that decide
 * an act are checked against the signed journal before any act: an UPDATE by sqlite3
 * makes every command refuse (65). A copy of the head outside the store
 * (<home>/mandate/journal.head) reveals a store put back to an older copy. */
#ifndef MANDATE_HEAD_H
#define MANDATE_HEAD_H

#include "db.h"
#include "jkey.h"

#include <stdbool.h>

struct head {
        long long seq;        /* the last entry */
        char hash[65];        /* its hash */
        long long checkpoint; /* the entry of the last checkpoint signed by the structure key */
        char state[65];       /* digest of the deciding tables */
        char keyid[17];       /* the journal key that signed it */
        char sig[JKEY_SIG_B64];
};

/* The digest (hex BLAKE2b-256) of the rows that decide acts, in a fixed order. */
void head_state(sqlite3 *db, char hex[65]);

/* Signs the head of the journal as it now is (after the caller's entries) with the
 * journal key and stores it, inside the caller's transaction. */
void head_write(struct env *e);
/* The same with the state's digest already computed (head_state) after the changes. */
void head_write_state(struct env *e, const char state[65]);
/* Writes <home>/mandate/journal.head from the stored head; after the commit. */
void head_save_file(struct env *e);

/* Checks the stored head against the structure key trusted: the journal keys'
 * certificates, the head's signature, that it names the last entry, the last checkpoint
 * and the state as the tables hold them, and that journal.head (in dir; NULL: not
 * checked) is no further than the store. Returns 0, or 1 with why (translated). Fills
 * h (and *certs, *n: a new array, also on failure) as far as they were read. */
int head_check(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted, struct head *h,
               struct jkey_cert **certs, size_t *n, char *why, size_t whylen);

/* The same with the certificates already checked (jkey_certs). */
int head_check_with(sqlite3 *db, const char *dir, const struct jkey_cert *certs, size_t n,
                    struct head *h, char *why, size_t whylen);

/* head_check with the home's structure key, for commands: dies with 65 naming the
 * problem and 'aidant-mandate verify' when the store does not hold. */
void head_trust(struct env *e);

#endif
