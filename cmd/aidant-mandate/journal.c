/* Writing the journal: entries signed by the journal key, checkpoints signed by the
 * structure key, changes begun and committed with the signed head (verify.c checks). */
#include "journal.h"
#include "clock.h"
#include "head.h"
#include "jkey.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "store.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *journal_fields(const char *action)
{
        json_t *o = json_object();

        jset(o, "action", json_string(action));
        return o;
}

static const char *last_entry(sqlite3 *db, sqlite3_stmt **st, long long *seq)
{
        *st = store_prepare(db, "SELECT seq, entry FROM journal ORDER BY seq DESC LIMIT 1");
        if (store_step(db, *st) != SQLITE_ROW) {
                *seq = 0;
                return NULL;
        }
        *seq = sqlite3_column_int64(*st, 0);
        return (const char *)sqlite3_column_text(*st, 1);
}

void journal_head(sqlite3 *db, long long *seq, char hex[65])
{
        sqlite3_stmt *st;
        const char *entry = last_entry(db, &st, seq);

        if (entry != NULL)
                hash_hex(entry, strlen(entry), hex);
        else
                memcpy(hex, JOURNAL_ZERO_HASH, 65);
        sqlite3_finalize(st);
}

bool journal_entry_hash(sqlite3 *db, long long seq, char hex[65])
{
        sqlite3_stmt *st = store_prepare(db, "SELECT entry FROM journal WHERE seq = ?");
        bool found;

        sqlite3_bind_int64(st, 1, seq);
        found = store_step(db, st) == SQLITE_ROW;
        if (found)
                hash_hex(sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0), hex);
        sqlite3_finalize(st);
        return found;
}

/* Dies with 65 when the clock is before the last entry's time: no act is dated in the past. */
static void journal_check_clock(struct env *e)
{
        sqlite3_stmt *st;
        long long seq;
        const char *entry = last_entry(e->db, &st, &seq);
        char now[21];
        const char *t = entry != NULL ? strstr(entry, "\"time\":\"") : NULL;

        clock_format_utc(e->now, now);
        if (t != NULL && strncmp(now, t + 8, 20) < 0)
                die(EX_DATAERR,
                    _("the clock (%s) is before the last journal entry (%.20s): an act cannot be "
                      "dated in the past"),
                    now, t + 8);
        sqlite3_finalize(st);
}

long long journal_append(struct env *e, json_t *fields)
{
        long long seq;
        char prev[65], now[21], sig[JKEY_SIG_B64];
        json_t *entry = json_object(), *v;
        const char *key;
        char *text;
        sqlite3_stmt *st;

        jkey_load(e);
        journal_head(e->db, &seq, prev);
        clock_format_utc(e->now, now);
        jset(entry, "seq", json_integer(seq + 1));
        jset(entry, "prev", json_string(prev));
        jset(entry, "time", json_string(now));
        json_object_foreach(fields, key, v)
        {
                jset(entry, key, json_incref(v));
        }
        text = jdump(entry, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(entry);
        jkey_sign(e, ENTRY_DOMAIN, text, strlen(text), sig);
        st = store_prepare(e->db, "INSERT INTO journal (seq, entry, sig) VALUES (?, ?, ?)");
        sqlite3_bind_int64(st, 1, seq + 1);
        sqlite3_bind_text(st, 2, text, -1, free);
        store_bind_text(st, 3, sig);
        store_step(e->db, st);
        sqlite3_finalize(st);
        return seq + 1;
}

static void previous_link(struct env *e);

void journal_begin(struct env *e)
{
        store_begin(e->db);
        e->now = clock_now();
        journal_check_clock(e);
        head_trust(e);
        /* the checkpoint this change will sign is checked before anything is written */
        if (structure_unlocked(e->st) || structure_unlock_if_open(e->st))
                previous_link(e);
}

void journal_commit(struct env *e)
{
        char state[65];

        /* one digest for the checkpoint and the head: a checkpoint row changes no table
         * that the digest covers */
        head_state(e->db, state);
        if (structure_unlocked(e->st))
                journal_checkpoint(e, state);
        head_write_state(e, state);
        store_commit(e->db);
        if (e->jk_new)
                jkey_save(e);
        head_save_file(e);
}

char *journal_checkpoint_body(const char *keyid, long long seq, const char *head, const char *state,
                              const char *jkeyid, const char *time, const char *previous)
{
        return xasprintf("aidant-mandate checkpoint\nstructure: %s\nseq: %lld\nhead: %s\n"
                         "state: %s\njournal key: %s\ntime: %s\nprevious: %s\n",
                         keyid, seq, head, state, jkeyid, time, previous);
}

void journal_checkpoint_link(const char *body, const char *minisig, char hex[65])
{
        crypto_generichash_state hs;
        unsigned char h[32];

        crypto_generichash_init(&hs, NULL, 0, sizeof(h));
        crypto_generichash_update(&hs, (const unsigned char *)body, strlen(body) + 1);
        crypto_generichash_update(&hs, (const unsigned char *)minisig, strlen(minisig));
        crypto_generichash_final(&hs, h, sizeof(h));
        digest_hex(h, hex);
}

/* The link a new checkpoint signs to the last one, into e->cp_link, that checkpoint
 * checked by its signature first: a checkpoint vouches for the one it names. "none"
 * when there is none. Dies with 65 when it does not hold. Once per command. */
static void previous_link(struct env *e)
{
        sqlite3_stmt *st;
        char why[512];

        if (e->cp_link[0] != '\0')
                return;
        st = store_prepare(e->db, "SELECT seq, head, body, minisig FROM checkpoint"
                                  " ORDER BY seq DESC LIMIT 1");
        snprintf(e->cp_link, sizeof(e->cp_link), "none");
        if (store_step(e->db, st) == SQLITE_ROW) {
                const char *head = (const char *)sqlite3_column_text(st, 1);
                const char *body = (const char *)sqlite3_column_text(st, 2);
                const char *sig = (const char *)sqlite3_column_text(st, 3);

                if (journal_checkpoint_check(&e->pk, sqlite3_column_int64(st, 0), head, body, sig,
                                             why, sizeof(why)) != 0)
                        die(EX_DATAERR,
                            _("the store does not hold: %s; run 'aidant-mandate verify'"), why);
                journal_checkpoint_link(body, sig, e->cp_link);
        }
        sqlite3_finalize(st);
}

static bool checkpoint_at(sqlite3 *db, long long seq)
{
        sqlite3_stmt *st = store_prepare(db, "SELECT 1 FROM checkpoint WHERE seq = ?");
        bool yes;

        sqlite3_bind_int64(st, 1, seq);
        yes = store_step(db, st) == SQLITE_ROW;
        sqlite3_finalize(st);
        return yes;
}

void journal_checkpoint(struct env *e, const char state[65])
{
        long long seq;
        char head[65], now[21];
        char *body, *trusted, *sig;
        sqlite3_stmt *st;

        journal_head(e->db, &seq, head);
        if (seq == 0 || checkpoint_at(e->db, seq))
                return;
        jkey_load(e);
        previous_link(e);
        clock_format_utc(e->now, now);
        body = journal_checkpoint_body(e->keyid, seq, head, state, e->jkeyid, now, e->cp_link);
        trusted = xasprintf("aidant-mandate checkpoint seq:%lld head:%s time:%s", seq, head, now);
        sig = structure_sign(e->st, body, strlen(body), trusted);
        st = store_prepare(e->db, "INSERT OR IGNORE INTO checkpoint (seq, head, body, minisig)"
                                  " VALUES (?, ?, ?, ?)");
        sqlite3_bind_int64(st, 1, seq);
        store_bind_text(st, 2, head);
        sqlite3_bind_text(st, 3, body, -1, free);
        sqlite3_bind_text(st, 4, sig, -1, free);
        store_step(e->db, st);
        sqlite3_finalize(st);
        free(trusted);
}

void journal_rotate(struct env *e)
{
        long long seq;
        char head[65], old[17];
        json_t *f = journal_fields("rotate_journal_key");

        journal_head(e->db, &seq, head);
        snprintf(old, sizeof(old), "%s", e->jk != NULL ? e->jkeyid : "");
        jkey_create(e, seq + 1);
        jset(f, "key", json_string(e->jkeyid));
        jset(f, "previous", old[0] != '\0' ? json_string(old) : json_null());
        journal_append(e, f);
        json_decref(f);
}
