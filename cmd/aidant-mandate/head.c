/* The signed head of the journal and the digest of the deciding state; see head.h. */
#include "head.h"
#include "fs.h"
#include "i18n.h"
#include "journal.h"
#include "msg.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD_DOMAIN "aidant-mandate journal head"

/* What decides an act, one row per line, each table in its key's order: the columns
 * joined by '|', a NULL as an empty value where the column may hold one, and the whole
 * row empty when a column that may not does (as SQL's || gives it, which wrote these rows
 * first: the digests already signed stay the same). Personal data (names, birth dates) is
 * not in it: it is erased on demand and decides nothing. */
static const struct {
        const char *sql;
        unsigned nullable; /* bit i: column i may be NULL */
} state_queries[] = {
    {"SELECT 'aidant', id, disabled_at, charter_hash FROM aidant ORDER BY id", 1u << 2 | 1u << 3},
    {"SELECT 'usager', pseudo, forgotten_at FROM usager ORDER BY pseudo", 1u << 2},
    {"SELECT 'mandat', id, usager, aidant, created, expires, code, attestation_hash,"
     " renewed_from FROM mandat ORDER BY id",
     1u << 8},
    {"SELECT 'autorisation', mandat, demarche, revoked_at, revoked_by FROM autorisation"
     " ORDER BY mandat, demarche",
     1u << 3 | 1u << 4},
};

/* One row of a state query as it is hashed, into row (emptied first). */
static void state_row(sqlite3_stmt *st, unsigned nullable, struct strbuf *row)
{
        int n = sqlite3_column_count(st);

        strbuf_reset(row);
        for (int i = 0; i < n; i++)
                if (sqlite3_column_type(st, i) == SQLITE_NULL && !(nullable & 1u << i))
                        return;
        for (int i = 0; i < n; i++) {
                const unsigned char *v = sqlite3_column_text(st, i);

                if (i > 0)
                        strbuf_addch(row, '|');
                if (v != NULL)
                        strbuf_add(row, v, (size_t)sqlite3_column_bytes(st, i));
        }
}

void head_state(sqlite3 *db, char hex[65])
{
        crypto_generichash_state hs;
        struct strbuf row = STRBUF_INIT;
        unsigned char h[32];

        crypto_generichash_init(&hs, NULL, 0, sizeof(h));
        for (size_t q = 0; q < sizeof(state_queries) / sizeof(*state_queries); q++) {
                sqlite3_stmt *st = store_prepare(db, state_queries[q].sql);

                while (store_step(db, st) == SQLITE_ROW) {
                        state_row(st, state_queries[q].nullable, &row);
                        strbuf_addch(&row, '\n');
                        crypto_generichash_update(&hs, (const unsigned char *)strbuf_str(&row),
                                                  row.len);
                }
                sqlite3_finalize(st);
        }
        strbuf_release(&row);
        crypto_generichash_final(&hs, h, sizeof(h));
        digest_hex(h, hex);
}

static char *head_body(const struct head *h)
{
        return xasprintf(HEAD_DOMAIN "\nseq: %lld\nhead: %s\ncheckpoint: %lld\nstate: %s\n"
                                     "key: %s\n",
                         h->seq, h->hash, h->checkpoint, h->state, h->keyid);
}

static long long last_checkpoint(sqlite3 *db)
{
        sqlite3_stmt *st = store_prepare(db, "SELECT ifnull(max(seq), 0) FROM checkpoint");
        long long seq = store_step(db, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;

        sqlite3_finalize(st);
        return seq;
}

void head_write(struct env *e)
{
        char state[65];

        head_state(e->db, state);
        head_write_state(e, state);
}

void head_write_state(struct env *e, const char state[65])
{
        struct head h = {0};
        char *body;
        sqlite3_stmt *st;

        jkey_load(e);
        journal_head(e->db, &h.seq, h.hash);
        h.checkpoint = last_checkpoint(e->db);
        memcpy(h.state, state, sizeof(h.state));
        snprintf(h.keyid, sizeof(h.keyid), "%s", e->jkeyid);
        body = head_body(&h);
        jkey_sign(e, HEAD_DOMAIN, body, strlen(body), h.sig);
        st = store_prepare(e->db, "INSERT OR REPLACE INTO head (id, body, sig) VALUES (1, ?, ?)");
        store_bind_text(st, 1, body);
        store_bind_text(st, 2, h.sig);
        store_step(e->db, st);
        sqlite3_finalize(st);
        free(body);
}

void head_save_file(struct env *e)
{
        sqlite3_stmt *st = store_prepare(e->db, "SELECT body, sig FROM head WHERE id = 1");
        char *path = xasprintf("%s/journal.head", e->dir);

        if (store_step(e->db, st) == SQLITE_ROW) {
                char *text =
                    xasprintf("%ssignature: %s\n", (const char *)sqlite3_column_text(st, 0),
                              (const char *)sqlite3_column_text(st, 1));
                env_write(path, text, strlen(text), 0600);
                free(text);
        }
        sqlite3_finalize(st);
        free(path);
}

/* Parses a head body (and, in a file, its "signature:" line) into h; false when it is
 * not exactly one as head_body writes it. */
static bool head_parse(const char *text, struct head *h, bool with_sig)
{
        char *again;
        size_t len;
        bool ok;

        memset(h, 0, sizeof(*h));
        if (sscanf(text,
                   HEAD_DOMAIN "\nseq: %lld\nhead: %64[0-9a-f]\ncheckpoint: %lld\nstate: "
                               "%64[0-9a-f]\nkey: %16[0-9A-F]",
                   &h->seq, h->hash, &h->checkpoint, h->state, h->keyid) != 5)
                return false;
        again = head_body(h);
        len = strlen(again);
        ok = strncmp(text, again, len) == 0;
        free(again);
        if (!ok || !with_sig)
                return ok && text[len] == '\0';
        text += len;
        return strncmp(text, "signature: ", 11) == 0 && strlen(text) == 11 + JKEY_SIG_B64 &&
               text[11 + JKEY_SIG_B64 - 1] == '\n' &&
               snprintf(h->sig, sizeof(h->sig), "%.88s", text + 11) == JKEY_SIG_B64 - 1;
}

/* Reads and checks the signature of the stored head. */
static int read_head(sqlite3 *db, const struct jkey_cert *certs, size_t n, struct head *h,
                     char *why, size_t whylen)
{
        sqlite3_stmt *st = store_prepare(db, "SELECT body, sig FROM head WHERE id = 1");
        const char *body, *sig;
        int bad = 0;

        if (store_step(db, st) != SQLITE_ROW) {
                sqlite3_finalize(st);
                return why_not(why, whylen, "%s", _("the journal's signed head is missing"));
        }
        body = (const char *)sqlite3_column_text(st, 0);
        sig = (const char *)sqlite3_column_text(st, 1);
        if (body == NULL || !head_parse(body, h, false))
                bad = why_not(why, whylen, "%s", _("the journal's head is not one"));
        else if (n == 0 || strcmp(h->keyid, certs[n - 1].keyid) != 0)
                bad =
                    why_not(why, whylen,
                            _("the journal's head is signed by the key %s, not by the journal key "
                              "certified last"),
                            h->keyid);
        else if (!jkey_verify(&certs[n - 1].pk, HEAD_DOMAIN, body, strlen(body), sig))
                bad = why_not(why, whylen, "%s",
                              _("the signature of the journal's head does not match it (changed "
                                "outside aidant-mandate)"));
        else
                snprintf(h->sig, sizeof(h->sig), "%s", sig);
        sqlite3_finalize(st);
        return bad;
}

/* The head against the tables: last entry, last checkpoint, state. */
static int head_matches(sqlite3 *db, const struct head *h, char *why, size_t whylen)
{
        long long seq, cp = last_checkpoint(db);
        char hash[65], state[65];

        journal_head(db, &seq, hash);
        if (seq < h->seq)
                return why_not(why, whylen,
                               _("the journal ends at entry %lld but its signed head is entry %lld "
                                 "(entries removed)"),
                               seq, h->seq);
        if (seq > h->seq)
                return why_not(why, whylen,
                               _("entry %lld is after the journal's signed head, entry %lld (added "
                                 "outside aidant-mandate)"),
                               h->seq + 1, h->seq);
        if (strcmp(hash, h->hash) != 0)
                return why_not(why, whylen,
                               _("entry %lld is not the one the journal's head signed (changed)"),
                               seq);
        if (cp != h->checkpoint)
                return why_not(why, whylen,
                               _("the last checkpoint is at entry %lld but the journal's head "
                                 "names one at entry %lld (checkpoints removed or added)"),
                               cp, h->checkpoint);
        head_state(db, state);
        if (strcmp(state, h->state) != 0)
                return why_not(why, whylen, "%s",
                               _("the helpers, people, mandates or authorisations were changed "
                                 "outside aidant-mandate (their digest is not the one the journal "
                                 "signed)"));
        return 0;
}

/* Whether the copy f is the stored head h, whose signature read_head verified: then
 * checking it again would find what was just found. */
static bool same_head(const struct head *f, const struct head *h)
{
        return f->seq == h->seq && f->checkpoint == h->checkpoint &&
               strcmp(f->hash, h->hash) == 0 && strcmp(f->state, h->state) == 0 &&
               strcmp(f->keyid, h->keyid) == 0 && strcmp(f->sig, h->sig) == 0;
}

/* journal.head against the store: signed by a certified key, not ahead of it. */
static int file_matches(sqlite3 *db, const char *dir, const struct jkey_cert *certs, size_t n,
                        const struct head *h, char *why, size_t whylen)
{
        char *path = xasprintf("%s/journal.head", dir), hash[65];
        size_t len;
        char *text = fs_read_file(path, 4096, &len);
        struct head f;
        const struct jkey_cert *c = NULL;
        int bad = 0;
        char *body;

        if (text == NULL) {
                bad = why_not(why, whylen, _("%s: %s (the copy of the journal's head)"), path,
                              strerror(errno));
                free(path);
                return bad;
        }
        if (!head_parse(text, &f, true))
                bad = why_not(why, whylen, _("%s is not a journal head"), path);
        else if (same_head(&f, h)) {
                free(text);
                free(path);
                return 0;
        }
        for (size_t i = 0; bad == 0 && i < n; i++)
                if (strcmp(certs[i].keyid, f.keyid) == 0)
                        c = &certs[i];
        body = bad == 0 ? head_body(&f) : NULL;
        if (bad == 0 && (c == NULL || !jkey_verify(&c->pk, HEAD_DOMAIN, body, strlen(body), f.sig)))
                bad = why_not(why, whylen, _("%s is not signed by a journal key"), path);
        else if (bad == 0 && f.seq > h->seq)
                bad =
                    why_not(why, whylen,
                            _("the store ends at entry %lld but %s saw entry %lld: mandate.db was "
                              "put back to an older copy, or entries removed"),
                            h->seq, path, f.seq);
        else if (bad == 0 && (!journal_entry_hash(db, f.seq, hash) || strcmp(hash, f.hash) != 0))
                bad = why_not(why, whylen, _("entry %lld is not the one %s saw (changed)"), f.seq,
                              path);
        free(body);
        free(text);
        free(path);
        return bad;
}

int head_check_with(sqlite3 *db, const char *dir, const struct jkey_cert *certs, size_t n,
                    struct head *h, char *why, size_t whylen)
{
        int bad;

        memset(h, 0, sizeof(*h));
        bad = read_head(db, certs, n, h, why, whylen);

        if (bad == 0)
                bad = head_matches(db, h, why, whylen);
        if (bad == 0 && dir != NULL)
                bad = file_matches(db, dir, certs, n, h, why, whylen);
        return bad;
}

int head_check(sqlite3 *db, const char *dir, const struct sig_pubkey *trusted, struct head *h,
               struct jkey_cert **certs, size_t *n, char *why, size_t whylen)
{
        int bad = jkey_certs(db, trusted, certs, n, why, whylen);

        memset(h, 0, sizeof(*h));
        if (bad == 0)
                bad = head_check_with(db, dir, *certs, *n, h, why, whylen);
        return bad;
}

void head_trust(struct env *e)
{
        struct jkey_cert *certs;
        struct head h;
        size_t n;
        char why[512];

        int bad = head_check(e->db, e->dir, &e->pk, &h, &certs, &n, why, sizeof(why));

        free(certs);
        if (bad != 0)
                die(EX_DATAERR, _("the store does not hold: %s; run 'aidant-mandate verify'"), why);
}
