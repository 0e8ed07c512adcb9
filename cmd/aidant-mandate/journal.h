/* The append-only journal: canonical JSON entries chained by BLAKE2b-256, and signed
 * checkpoints of its head that make truncation and rewriting detectable. */
#ifndef MANDATE_JOURNAL_H
#define MANDATE_JOURNAL_H

#include "db.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#define JOURNAL_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* A new object {"action": action} to which callers add their fields in order. */
json_t *journal_fields(const char *action);
/* Appends {"seq", "prev", "time", fields...} (fields borrowed) inside the caller's
 * transaction and returns its sequence number. */
long long journal_append(struct env *e, json_t *fields);
/* Dies with 65 when the clock is before the last entry's time: no act is dated in the past. */
void journal_check_clock(struct env *e);
/* The last entry's sequence number (0 when empty) and hash (zeros when empty). */
void journal_head(sqlite3 *db, long long *seq, char hex[65]);
/* The hash of entry seq; false when there is none. */
bool journal_entry_hash(sqlite3 *db, long long seq, char hex[65]);

/* Signs a checkpoint of the head with the loaded secret key, unless one exists. */
void journal_checkpoint(struct env *e);
/* After a change: a checkpoint when the secret key is loaded or stored unencrypted. */
void journal_seal(struct env *e);

/* The checkpoint text that is signed, new string. */
char *journal_checkpoint_body(const char *keyid, long long seq, const char *head, const char *time);

struct journal_report {
        long long entries;
        long long checkpoints;
        long long bad_seq; /* first entry that does not hold, 0 when none is named */
        char msg[512];     /* translated, when the journal does not hold */
};

/* Checks the chain and every checkpoint. Returns 0 when all hold, 1 otherwise. */
int journal_verify(sqlite3 *db, const struct sig_pubkey *pk, struct journal_report *r);

#endif
