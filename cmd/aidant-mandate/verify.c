/* The check of a whole journal against a structure key, as `verify` runs it. The chain is
 * walked once, each stored entry's "seq" and "prev" prefix compared as journal_append
 * writes it and the entry hashed, without parsing JSON, so that a million entries verify
 * in about the time b2sum needs; the entries' own signatures are checked after the last
 * checkpoint, the part that only the journal key vouches for (before it, the chain and
 * the structure key's checkpoints do). */
#include "head.h"
#include "i18n.h"
#include "jkey.h"
#include "journal.h"
#include "msg.h"
#include "store.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        const char *head = (const char *)sqlite3_column_text(st, 1);
        struct structure_check c;
        char keyid[17], *want;
        int code, bad;

        m->seq = sqlite3_column_int64(st, 0);
        snprintf(m->head, sizeof(m->head), "%s", head != NULL ? head : "");
        if (body == NULL || minisig == NULL)
                return fail(r, m->seq, _("the checkpoint at entry %lld does not hold: %s"), m->seq,
                            _("its row is incomplete"));
        code = structure_verify(pk, body, strlen(body), minisig, strlen(minisig), &c);
        structure_check_clear(&c);
        if (code == EX_NOPERM)
                return fail(r, m->seq,
                            _("the checkpoint at entry %lld is signed by another key (%s)"), m->seq,
                            c.key_id);
        if (code != 0)
                return fail(r, m->seq, _("the checkpoint at entry %lld does not hold: %s"), m->seq,
                            c.why);
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
                if (*n == cap)
                        *marks = xreallocarray(*marks, cap *= 2, sizeof(**marks));
                bad = check_mark(st, pk, &(*marks)[*n], r);
                (*n)++;
        }
        sqlite3_finalize(st);
        r->checkpoints = (long long)*n;
        if (bad == 0 && *n == 0)
                bad = fail(r, 0, "%s",
                           _("no checkpoint is signed by the structure key: a journal without one "
                             "is refused"));
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

/* What the walk needs besides the store. */
struct walk {
        const struct mark *marks;
        size_t nmarks;
        const struct jkey_cert *certs;
        size_t ncerts;
        long long signed_from; /* entries from here on have their signature checked */
};

/* One entry at its place: prefix, link to the previous one, signature. */
static int check_entry(sqlite3_stmt *st, const struct walk *w, long long want, const char *prev,
                       struct journal_report *r)
{
        long long seq = sqlite3_column_int64(st, 0);
        const char *entry = (const char *)sqlite3_column_text(st, 1);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        char prefix[160];
        int pl = entry_prefix(prefix, want);
        const struct jkey_cert *c;

        if (seq != want)
                return fail(r, want, _("journal entry %lld is missing (removed)"), want);
        if (entry == NULL || len < (size_t)pl + 64 || memcmp(entry, prefix, (size_t)pl) != 0)
                return fail(r, want,
                            _("journal entry %lld does not hold: it is not the entry written at "
                              "this place (edited or moved)"),
                            want);
        if (memcmp(entry + pl, prev, 64) != 0)
                return fail(r, want - 1,
                            _("journal entry %lld does not hold: its hash is not the one entry "
                              "%lld records (edited after it was written)"),
                            want - 1, want);
        if (want < w->signed_from)
                return 0;
        c = jkey_for(w->certs, w->ncerts, want);
        if (c == NULL || !jkey_verify(&c->pk, ENTRY_DOMAIN, entry, len,
                                      (const char *)sqlite3_column_text(st, 2)))
                return fail(r, want,
                            _("journal entry %lld does not hold: it is not signed by the journal "
                              "key (written outside aidant-mandate)"),
                            want);
        return 0;
}

/* Walks the chain; marks are the checkpoints in seq order. */
static int walk(sqlite3 *db, const struct walk *w, struct journal_report *r)
{
        sqlite3_stmt *st = store_prepare(db, "SELECT seq, entry, sig FROM journal ORDER BY seq");
        char prev[65] = JOURNAL_ZERO_HASH;
        long long want = 1;
        size_t m = 0;
        int bad = 0;

        while (bad == 0 && store_step(db, st) == SQLITE_ROW) {
                bad = check_entry(st, w, want, prev, r);
                if (bad != 0)
                        break;
                hash_hex(sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1), prev);
                for (; m < w->nmarks && w->marks[m].seq <= want; m++)
                        if (w->marks[m].seq == want && strcmp(w->marks[m].head, prev) != 0)
                                bad = fail(r, want,
                                           _("journal entry %lld does not hold: it does not match "
                                             "the checkpoint signed at that entry"),
                                           want);
                want++;
        }
        sqlite3_finalize(st);
        r->entries = want - 1;
        if (bad == 0 && w->nmarks > 0 && w->marks[w->nmarks - 1].seq >= want)
                bad = fail(r, want,
                           _("the journal is truncated: it ends at entry %lld but a checkpoint "
                             "was signed at entry %lld"),
                           want - 1, w->marks[w->nmarks - 1].seq);
        return bad;
}

int journal_verify(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted,
                   struct journal_report *r)
{
        struct walk w = {0};
        struct mark *marks;
        struct jkey_cert *certs = NULL;
        struct head h;
        size_t n, ncerts = 0;
        int bad;

        memset(r, 0, sizeof(*r));
        bad = load_marks(db, trusted, &marks, &n, r);
        if (bad == 0)
                bad = jkey_certs(db, trusted, &certs, &ncerts, r->msg, sizeof(r->msg));
        w.marks = marks;
        w.nmarks = n;
        w.certs = certs;
        w.ncerts = ncerts;
        w.signed_from = n > 0 ? marks[n - 1].seq + 1 : 1;
        if (bad == 0)
                bad = walk(db, &w, r);
        if (bad == 0) {
                free(certs);
                bad = head_check(db, dir, trusted, &h, &certs, &ncerts, r->msg, sizeof(r->msg));
        }
        free(certs);
        free(marks);
        return bad;
}
