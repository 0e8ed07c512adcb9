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

/* A checkpoint row as stored. */
struct cprow {
        long long seq;
        const char *head, *body, *minisig;
};

/* That what a checkpoint row signs is its seq and head. */
static int check_text(const struct cprow *c, const struct sig_pubkey *pk, char *why, size_t whylen)
{
        char keyid[17], *want;
        int bad;

        sig_keyid_hex(pk->keyid, keyid);
        want = xasprintf("aidant-mandate checkpoint\nstructure: %s\nseq: %lld\nhead: %s\n", keyid,
                         c->seq, c->head != NULL ? c->head : "");
        bad = c->body == NULL || strncmp(c->body, want, strlen(want)) != 0;
        free(want);
        if (bad)
                return why_not(why, whylen, _("the checkpoint at entry %lld does not hold: %s"),
                               c->seq, _("its signed text names another entry"));
        return 0;
}

/* A checkpoint row: its signature by the structure key and its text. */
static int check_row(const struct cprow *c, const struct sig_pubkey *pk, char *why, size_t whylen)
{
        struct structure_check chk;
        int code;

        if (c->body == NULL || c->minisig == NULL)
                return why_not(why, whylen, _("the checkpoint at entry %lld does not hold: %s"),
                               c->seq, _("its row is incomplete"));
        code = structure_verify(pk, c->body, strlen(c->body), c->minisig, strlen(c->minisig), &chk);
        structure_check_clear(&chk);
        if (code == EX_NOPERM)
                return why_not(why, whylen,
                               _("the checkpoint at entry %lld is signed by another key (%s)"),
                               c->seq, chk.key_id);
        if (code != 0)
                return why_not(why, whylen, _("the checkpoint at entry %lld does not hold: %s"),
                               c->seq, chk.why);
        return check_text(c, pk, why, whylen);
}

int journal_checkpoint_check(const struct sig_pubkey *pk, long long seq, const char *head,
                             const char *body, const char *minisig, char *why, size_t whylen)
{
        struct cprow c = {seq, head, body, minisig};

        return check_row(&c, pk, why, whylen);
}

/* What next's "previous:" line says of prev, the row before it (NULL: none): 1 it names
 * it (then prev's bytes are those the structure key vouched for when it signed next),
 * 0 there is no such line (written before checkpoints were linked), -1 it names another
 * (the row before was removed or replaced). */
static int link_to(const struct cprow *next, const struct cprow *prev)
{
        const char *line = strstr(next->body, "\nprevious: ");
        char link[65];

        if (line == NULL)
                return 0;
        line += 11;
        if (prev == NULL || prev->body == NULL || prev->minisig == NULL)
                return prev == NULL && strcmp(line, "none\n") == 0 ? 1 : -1;
        journal_checkpoint_link(prev->body, prev->minisig, link);
        return strncmp(line, link, 64) == 0 && strcmp(line + 64, "\n") == 0 ? 1 : -1;
}

/* The checkpoints from the last one back: the last by its signature, each earlier one by
 * the link the one after it signed (or by its own signature when there is none). Returns
 * the first (from the back) that does not hold, or -1; *broken is the first row whose link
 * names another row than the one before it, or -1. */
static long long check_back(const struct cprow *rows, size_t n, const struct sig_pubkey *pk,
                            long long *broken, char *why, size_t whylen)
{
        int next = 0; /* what rows[i + 1] says of rows[i], found at the step before */

        *broken = -1;
        for (size_t i = n; i-- > 0;) {
                bool by_link = i + 1 < n && next == 1;

                if ((by_link ? check_text(&rows[i], pk, why, whylen)
                             : check_row(&rows[i], pk, why, whylen)) != 0)
                        return (long long)i;
                next = link_to(&rows[i], i > 0 ? &rows[i - 1] : NULL);
                if (next < 0)
                        *broken = (long long)i;
        }
        return -1;
}

static const char *column_copy(sqlite3_stmt *st, int col)
{
        const char *t = (const char *)sqlite3_column_text(st, col);

        return t != NULL ? xstrdup(t) : NULL;
}

static int load_marks(sqlite3 *db, const struct sig_pubkey *pk, struct mark **marks, size_t *n,
                      struct journal_report *r)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT seq, head, body, minisig FROM checkpoint ORDER BY seq");
        struct cprow *rows;
        size_t cap = 16, count = 0, checked;
        long long broken;
        int bad = 0;

        rows = xmalloc(cap * sizeof(*rows));
        while (store_step(db, st) == SQLITE_ROW) {
                if (count == cap)
                        rows = xreallocarray(rows, cap *= 2, sizeof(*rows));
                rows[count].seq = sqlite3_column_int64(st, 0);
                rows[count].head = column_copy(st, 1);
                rows[count].body = column_copy(st, 2);
                rows[count].minisig = column_copy(st, 3);
                count++;
        }
        sqlite3_finalize(st);
        checked = count;
        if (check_back(rows, count, pk, &broken, r->msg, sizeof(r->msg)) >= 0 || broken >= 0) {
                /* something does not hold: name the first one, as a check in order does */
                for (checked = 0; bad == 0 && checked < count; checked++)
                        bad = check_row(&rows[checked], pk, r->msg, sizeof(r->msg));
                if (bad != 0)
                        r->bad_seq = rows[checked - 1].seq;
                else if (broken >= 0)
                        bad = fail(r, rows[broken].seq,
                                   _("the checkpoint at entry %lld does not hold: %s"),
                                   rows[broken].seq,
                                   _("the checkpoint it names before it was removed or replaced"));
        }
        *marks = xmalloc((checked > 0 ? checked : 1) * sizeof(**marks));
        for (size_t i = 0; i < checked; i++) {
                (*marks)[i].seq = rows[i].seq;
                snprintf((*marks)[i].head, sizeof((*marks)[i].head), "%s",
                         rows[i].head != NULL ? rows[i].head : "");
        }
        *n = checked;
        for (size_t i = 0; i < count; i++) {
                free((char *)rows[i].head);
                free((char *)rows[i].body);
                free((char *)rows[i].minisig);
        }
        free(rows);
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

int journal_verify_certs(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted,
                         struct journal_report *r, struct jkey_cert **certs, size_t *ncerts)
{
        struct walk w = {0};
        struct mark *marks;
        struct head h;
        size_t n;
        int bad;

        memset(r, 0, sizeof(*r));
        *certs = NULL;
        *ncerts = 0;
        bad = load_marks(db, trusted, &marks, &n, r);
        if (bad == 0 && jkey_certs(db, trusted, certs, ncerts, r->msg, sizeof(r->msg)) != 0) {
                *ncerts = 0;
                bad = 1;
        }
        w.marks = marks;
        w.nmarks = n;
        w.certs = *certs;
        w.ncerts = *ncerts;
        w.signed_from = n > 0 ? marks[n - 1].seq + 1 : 1;
        if (bad == 0)
                bad = walk(db, &w, r);
        if (bad == 0) /* the certificates checked above serve the head too */
                bad = head_check_with(db, dir, *certs, *ncerts, &h, r->msg, sizeof(r->msg));
        free(marks);
        return bad;
}

int journal_verify(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted,
                   struct journal_report *r)
{
        struct jkey_cert *certs;
        size_t n;
        int bad = journal_verify_certs(db, dir, trusted, r, &certs, &n);

        free(certs);
        return bad;
}
