/* The journal's chain and checkpoints. Verification reads each stored entry once,
 * checks its "seq" and "prev" prefix as written by journal_append and hashes it:
 * no JSON parsing, so a million entries verify in about the time b2sum needs. */
#include "journal.h"
#include "clock.h"
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

        json_object_set_new(o, "action", json_string(action));
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

void journal_check_clock(struct env *e)
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
        char prev[65], now[21];
        json_t *entry = json_object(), *v;
        const char *key;
        char *text;
        sqlite3_stmt *st;

        journal_check_clock(e);
        journal_head(e->db, &seq, prev);
        clock_format_utc(e->now, now);
        json_object_set_new(entry, "seq", json_integer(seq + 1));
        json_object_set_new(entry, "prev", json_string(prev));
        json_object_set_new(entry, "time", json_string(now));
        json_object_foreach(fields, key, v)
        {
                json_object_set(entry, key, v);
        }
        text = json_dumps(entry, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(entry);
        if (text == NULL)
                die(EX_SOFTWARE, "json_dumps");
        st = store_prepare(e->db, "INSERT INTO journal (seq, entry) VALUES (?, ?)");
        sqlite3_bind_int64(st, 1, seq + 1);
        sqlite3_bind_text(st, 2, text, -1, free);
        store_step(e->db, st);
        sqlite3_finalize(st);
        return seq + 1;
}

char *journal_checkpoint_body(const char *keyid, long long seq, const char *head, const char *time)
{
        return xasprintf("aidant-mandate checkpoint\nstructure: %s\nseq: %lld\nhead: %s\n"
                         "time: %s\n",
                         keyid, seq, head, time);
}

void journal_checkpoint(struct env *e)
{
        long long seq;
        char head[65], now[21];
        char *body, *trusted, *sig;
        sqlite3_stmt *st;

        journal_head(e->db, &seq, head);
        if (seq == 0)
                return;
        clock_format_utc(e->now, now);
        body = journal_checkpoint_body(e->keyid, seq, head, now);
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

void journal_seal(struct env *e)
{
        if (env_secret_key_if_open(e))
                journal_checkpoint(e);
}

struct mark {
        long long seq;
        char head[65];
};

static int fail(struct journal_report *r, long long seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct journal_report *r, long long seq, const char *fmt, ...)
{
        va_list ap;

        r->bad_seq = seq;
        va_start(ap, fmt);
        vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
        va_end(ap);
        return 1;
}

/* Checks one checkpoint row: its signature by the structure key and that what it signs
 * is the seq and head of the row. */
static int check_mark(sqlite3_stmt *st, const struct sig_pubkey *pk, struct mark *m,
                      struct journal_report *r)
{
        const char *body = (const char *)sqlite3_column_text(st, 2);
        const char *minisig = (const char *)sqlite3_column_text(st, 3);
        struct sig_signature s;
        enum sig_status vs;
        char keyid[17], *want;
        int bad;

        m->seq = sqlite3_column_int64(st, 0);
        snprintf(m->head, sizeof(m->head), "%s", (const char *)sqlite3_column_text(st, 1));
        vs = sig_signature_parse(minisig, strlen(minisig), &s);
        if (vs == SIG_OK) {
                vs = sig_verify(pk, &s, (const unsigned char *)body, strlen(body));
                sig_keyid_hex(s.keyid, keyid);
                sig_signature_clear(&s);
        }
        if (vs == SIG_EKEYID)
                return fail(r, m->seq,
                            _("the checkpoint at entry %lld is signed by another key (%s)"), m->seq,
                            keyid);
        if (vs != SIG_OK)
                return fail(r, m->seq, _("the checkpoint at entry %lld does not hold: %s"), m->seq,
                            sig_strerror(vs));
        sig_keyid_hex(pk->keyid, keyid);
        want = xasprintf("aidant-mandate checkpoint\nstructure: %s\nseq: %lld\nhead: %s\n", keyid,
                         m->seq, m->head);
        bad = strncmp(body, want, strlen(want)) != 0;
        free(want);
        if (bad)
                return fail(r, m->seq, _("the checkpoint at entry %lld does not hold: %s"), m->seq,
                            _("its signed text names another entry"));
        return 0;
}

static int load_marks(sqlite3 *db, const struct sig_pubkey *pk, struct mark **marks, size_t *n,
                      struct journal_report *r)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT seq, head, body, minisig FROM checkpoint ORDER BY seq");
        size_t cap = 16;
        int bad = 0;

        *marks = xmalloc(cap * sizeof(**marks));
        *n = 0;
        while (bad == 0 && store_step(db, st) == SQLITE_ROW) {
                if (*n == cap) {
                        cap *= 2;
                        *marks = xrealloc(*marks, cap * sizeof(**marks));
                }
                bad = check_mark(st, pk, &(*marks)[*n], r);
                (*n)++;
        }
        sqlite3_finalize(st);
        r->checkpoints = (long long)*n;
        return bad;
}

/* Writes {"seq":<seq>,"prev":" into out (at least 48 bytes) and returns its length;
 * by hand, as snprintf would take a sixth of a million-entry verification. */
static int entry_prefix(char *out, long long seq)
{
        static const char head[] = "{\"seq\":", tail[] = ",\"prev\":\"";
        char digits[24];
        int n = 0, len = 0;

        do {
                digits[n++] = (char)('0' + seq % 10);
                seq /= 10;
        } while (seq > 0);
        memcpy(out, head, sizeof(head) - 1);
        len = sizeof(head) - 1;
        while (n > 0)
                out[len++] = digits[--n];
        memcpy(out + len, tail, sizeof(tail) - 1);
        return len + (int)sizeof(tail) - 1;
}

/* Walks the chain; marks are the checkpoints in seq order. */
static int walk(sqlite3 *db, const struct mark *marks, size_t n, struct journal_report *r)
{
        sqlite3_stmt *st = store_prepare(db, "SELECT seq, entry FROM journal ORDER BY seq");
        char prev[65] = JOURNAL_ZERO_HASH, prefix[160];
        long long want = 1;
        size_t m = 0;
        int bad = 0;

        while (bad == 0 && store_step(db, st) == SQLITE_ROW) {
                long long seq = sqlite3_column_int64(st, 0);
                const char *entry = (const char *)sqlite3_column_text(st, 1);
                size_t len = (size_t)sqlite3_column_bytes(st, 1);
                int pl = entry_prefix(prefix, want);

                if (seq != want)
                        bad = fail(r, want, _("journal entry %lld is missing (removed)"), want);
                else if (len < (size_t)pl + 64 || memcmp(entry, prefix, (size_t)pl) != 0)
                        bad = fail(r, want,
                                   _("journal entry %lld does not hold: it is not the entry "
                                     "written at this place (edited or moved)"),
                                   want);
                else if (memcmp(entry + pl, prev, 64) != 0)
                        bad = fail(r, want - 1,
                                   _("journal entry %lld does not hold: its hash is not the one "
                                     "entry %lld records (edited after it was written)"),
                                   want - 1, want);
                if (bad != 0)
                        break;
                hash_hex(entry, len, prev);
                for (; m < n && marks[m].seq <= want; m++)
                        if (marks[m].seq == want && strcmp(marks[m].head, prev) != 0)
                                bad = fail(r, want,
                                           _("journal entry %lld does not hold: it does not match "
                                             "the checkpoint signed at that entry"),
                                           want);
                want++;
        }
        sqlite3_finalize(st);
        r->entries = want - 1;
        if (bad == 0 && n > 0 && marks[n - 1].seq >= want)
                bad = fail(r, want,
                           _("the journal is truncated: it ends at entry %lld but a checkpoint "
                             "was signed at entry %lld"),
                           want - 1, marks[n - 1].seq);
        return bad;
}

int journal_verify(sqlite3 *db, const struct sig_pubkey *pk, struct journal_report *r)
{
        struct mark *marks;
        size_t n;
        int bad;

        memset(r, 0, sizeof(*r));
        bad = load_marks(db, pk, &marks, &n, r);
        if (bad == 0)
                bad = walk(db, marks, n, r);
        free(marks);
        return bad;
}
