/* The append-only journal: canonical JSON entries chained by BLAKE2b-256, each signed by
 * the journal key as it is written (jkey.h), a signed head (head.h), and checkpoints of
 * the head signed by the structure key, which make truncation and rewriting detectable
 * even by whoever holds the journal key. Every change goes through journal_begin and
 * journal_commit. */
#ifndef MANDATE_JOURNAL_H
#define MANDATE_JOURNAL_H

#include "db.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

struct jkey_cert;

#define JOURNAL_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define ENTRY_DOMAIN      "aidant-mandate journal entry"

/* Starts a change: takes the store's write lock, then reads the clock (so parallel
 * commands date their entries in the order they write them), refuses a clock before the
 * last entry (65) and checks the store against its signed head (65, head_trust). */
void journal_begin(struct env *e);
/* Ends a change: a checkpoint when the structure key is unlocked or opens without a
 * passphrase, the new signed head, the commit, then the copy of the head outside the
 * store. */
void journal_commit(struct env *e);

/* A new object {"action": action} to which callers add their fields in order. */
json_t *journal_fields(const char *action);
/* Appends {"seq", "prev", "time", fields...} (fields borrowed), signed by the journal
 * key, inside journal_begin/commit; returns its sequence number. */
long long journal_append(struct env *e, json_t *fields);
/* The last entry's sequence number (0 when empty) and hash (zeros when empty). */
void journal_head(sqlite3 *db, long long *seq, char hex[65]);
/* The hash of entry seq; false when there is none. */
bool journal_entry_hash(sqlite3 *db, long long seq, char hex[65]);

/* Signs a checkpoint of the head with the unlocked structure key, unless one exists;
 * state is the digest of the deciding tables as they now are (head_state). */
void journal_checkpoint(struct env *e, const char state[65]);
/* The checkpoint text that is signed, new string; previous is the link to the checkpoint
 * before it (journal_checkpoint_link), "none" for the first. */
char *journal_checkpoint_body(const char *keyid, long long seq, const char *head, const char *state,
                              const char *jkeyid, const char *time, const char *previous);
/* The link a checkpoint signs to the one before it: hex BLAKE2b-256 of its row (its text,
 * a NUL, its .minisig), so that verifying the last checkpoint's signature vouches for
 * every earlier one (each checked by its signature when the next one was signed). */
void journal_checkpoint_link(const char *body, const char *minisig, char hex[65]);
/* Checks a checkpoint row against the structure key: signature, and that its text names
 * its seq and head. Returns 0, or 1 with why (translated). */
int journal_checkpoint_check(const struct sig_pubkey *pk, long long seq, const char *head,
                             const char *body, const char *minisig, char *why, size_t whylen);
/* Certifies a new journal key from the next entry on and journals it (rotate_journal_key),
 * with the structure key unlocked; inside journal_begin/commit (which saves the key). */
void journal_rotate(struct env *e);

struct journal_report {
        long long entries;
        long long checkpoints;
        long long bad_seq; /* first entry that does not hold, 0 when none is named */
        char msg[512];     /* translated, when the journal does not hold */
};

/* Checks everything against the structure key trusted: the journal keys' certificates,
 * every checkpoint, the chain, the entries' signatures after the last checkpoint, the
 * signed head and the state it names, and <dir>/journal.head when dir is not NULL.
 * Returns 0 when all hold, 1 otherwise (r says where). */
int journal_verify(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted,
                   struct journal_report *r);
/* The same, handing back the journal keys' certificates as checked (a new array to free,
 * NULL when the check stopped before them, and *ncerts 0 when they do not hold). */
int journal_verify_certs(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted,
                         struct journal_report *r, struct jkey_cert **certs, size_t *ncerts);

#endif
