/* verify: the whole journal, and the signed files people keep or were sent (exported
 * checkpoints, attestations, revocations), checked against a structure key that need not
 * come from the files checked (--pubkey FILE). */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "jkey.h"
#include "journal.h"
#include "msg.h"
#include "store.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What every check of a file shares: the trusted key, its certified journal keys, the
 * worst outcome so far. */
struct proof {
        struct env *e;
        struct sig_pubkey trusted;
        char trusted_id[17];
        struct jkey_cert *certs;
        size_t ncerts;
        int file_code;     /* 65 or 77 for the first file that is tampered or untrusted */
        bool no;           /* something does not hold */
        long long vouched; /* entries 1..vouched held in the journal's check */
};

/* A signed file and its .minisig, read; the signature checked against the trusted key.
 * Returns the text (new) or NULL after saying why (and keeping the code). */
static char *signed_file(struct proof *p, const char *path, size_t *len, struct structure_check *c)
{
        char *sig_path = xasprintf("%s.minisig", path), *sig, *text;
        size_t slen;
        int code;

        text = env_read(path, len);
        sig = env_read(sig_path, &slen);
        code = structure_verify(&p->trusted, text, *len, sig, slen, c);
        free(sig);
        free(sig_path);
        if (code == 0)
                return text;
        printf(_("%s: does not hold: %s\n"), path, c->why);
        if (p->file_code == 0)
                p->file_code = code;
        free(text);
        return NULL;
}

static void does_not_hold(struct proof *p, const char *path, const char *why)
{
        printf(_("%s: does not hold: %s\n"), path, why);
        p->no = true;
}

/* Whether the journal holds entry seq with the hash given by a signed file. */
static bool journal_has(struct proof *p, long long seq, const char *hash)
{
        char have[65];

        return seq >= 1 && hash != NULL && strlen(hash) == 64 &&
               journal_entry_hash(p->e->db, seq, have) && strcmp(have, hash) == 0;
}

/* An exported checkpoint: signed by the trusted key, and its entry still in the journal. */
static void check_checkpoint(struct proof *p, const char *path)
{
        struct structure_check c;
        size_t len;
        char *text = signed_file(p, path, &len, &c);

        if (text != NULL) {
                long long seq = -1;
                char head[65] = "", *line, *want;

                want = xasprintf("aidant-mandate checkpoint\nstructure: %s\n", p->trusted_id);
                line = strstr(text, "\nseq: ");
                if (strncmp(text, want, strlen(want)) != 0 || line == NULL ||
                    sscanf(line, "\nseq: %lld\nhead: %64[0-9a-f]\n", &seq, head) != 2) {
                        printf(_("%s: does not hold: %s\n"), path,
                               _("not a checkpoint of aidant-mandate"));
                        p->file_code = p->file_code != 0 ? p->file_code : EX_DATAERR;
                } else if (!journal_has(p, seq, head)) {
                        char *why = xasprintf(_("the journal no longer has entry %lld as this "
                                                "checkpoint recorded it"),
                                              seq);

                        does_not_hold(p, path, why);
                        free(why);
                } else {
                        printf(_("%s: valid: the journal holds entry %lld as signed (%s)\n"), path,
                               seq, c.trusted);
                }
                free(want);
        }
        structure_check_clear(&c);
        free(text);
}

/* The first entry after entry after that holds needle, checked against the journal key
 * that signed it; 0 when there is none or its signature does not hold. An entry the
 * journal's check vouched for (read in the same transaction) is not checked again: before
 * the last checkpoint the chain and the structure key's signature hold it, after it the
 * check verified its signature. */
static long long signed_entry_with(struct proof *p, const char *needle, long long after)
{
        sqlite3_stmt *st = store_prepare(
            p->e->db, "SELECT seq, entry, sig FROM journal WHERE seq > ? AND instr(entry, ?) > 0"
                      " ORDER BY seq LIMIT 1");
        long long seq = 0;

        sqlite3_bind_int64(st, 1, after);
        store_bind_text(st, 2, needle);
        if (store_step(p->e->db, st) == SQLITE_ROW) {
                const struct jkey_cert *c =
                    jkey_for(p->certs, p->ncerts, sqlite3_column_int64(st, 0));

                if (sqlite3_column_int64(st, 0) <= p->vouched ||
                    (c != NULL &&
                     jkey_verify(&c->pk, ENTRY_DOMAIN, (const char *)sqlite3_column_text(st, 1),
                                 (size_t)sqlite3_column_bytes(st, 1),
                                 (const char *)sqlite3_column_text(st, 2))))
                        seq = sqlite3_column_int64(st, 0);
        }
        sqlite3_finalize(st);
        return seq;
}

/* The entry that recorded the file whose hash is given: looked for after the entry the
 * file was signed with (where it is written), then in the whole journal. */
static long long recorded_by(struct proof *p, const char *hash, long long signed_at)
{
        char *needle = xasprintf("\"%s\"", hash);
        long long seq = signed_at > 0 ? signed_entry_with(p, needle, signed_at) : 0;

        if (seq == 0)
                seq = signed_entry_with(p, needle, 0);
        free(needle);
        return seq;
}

/* An attestation or revocation: signed by the trusted key, naming that key in its text
 * (the pinned key id), the journal still holding the entry its signature names, and an
 * entry signed by the journal key recording this very text. */
static void check_attestation(struct proof *p, const char *path)
{
        struct structure_check c;
        size_t len;
        char *text = signed_file(p, path, &len, &c), *seq_s, *head, hash[65];
        long long seq;

        if (text == NULL) {
                structure_check_clear(&c);
                return;
        }
        seq_s = structure_field(c.trusted, "seq");
        head = structure_field(c.trusted, "head");
        seq = seq_s != NULL ? strtoll(seq_s, NULL, 10) : -1;
        hash_hex(text, len, hash);
        if (strstr(text, c.key_id) == NULL) {
                printf(_("%s: does not hold: %s\n"), path,
                       _("the key id it prints is not the key that signed it"));
                p->file_code = p->file_code != 0 ? p->file_code : EX_DATAERR;
        } else if (!journal_has(p, seq, head) && seq != 0) {
                char *why = xasprintf(
                    _("the journal no longer has the entry %lld it was signed with"), seq);

                does_not_hold(p, path, why);
                free(why);
        } else if (recorded_by(p, hash, seq) == 0) {
                does_not_hold(p, path, _("the journal has no signed record of this attestation"));
        } else {
                printf(_("%s: valid (%s)\n"), path, c.trusted);
        }
        free(seq_s);
        free(head);
        structure_check_clear(&c);
        free(text);
}

struct verify_opts {
        const char *pubkey;
        const char **checkpoints, **attestations;
        int ncheckpoints, nattestations;
};

static void parse_verify(struct ctx *ctx, int argc, char **argv, struct verify_opts *o)
{
        static const struct option longopts[] = {
            {"pubkey", required_argument, NULL, 'p'},
            {"checkpoint", required_argument, NULL, 'c'},
            {"attestation", required_argument, NULL, 'a'},
            {NULL, 0, NULL, 0},
        };
        int c;

        o->checkpoints = xcalloc((size_t)argc, sizeof(*o->checkpoints));
        o->attestations = xcalloc((size_t)argc, sizeof(*o->attestations));
        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'p')
                        o->pubkey = optarg;
                else if (c == 'c')
                        o->checkpoints[o->ncheckpoints++] = optarg;
                else
                        o->attestations[o->nattestations++] = optarg;
        }
        cli_no_args(ctx, argc, argv);
}

int cmd_verify(int argc, char **argv, struct ctx *ctx)
{
        struct verify_opts o = {0};
        struct journal_report r;
        struct proof p = {0};
        char why[512];

        parse_verify(ctx, argc, argv, &o);
        structure_trusted_key(ctx->home, o.pubkey, &p.trusted);
        sig_keyid_hex(p.trusted.keyid, p.trusted_id);
        p.e = env_open_writer(ctx);
        /* one read transaction: the files are checked against the journal as checked */
        store_exec(p.e->db, "BEGIN");
        p.no = journal_verify_certs(p.e->db, p.e->dir, &p.trusted, &r, &p.certs, &p.ncerts) != 0;
        if (p.no)
                printf(_("the journal does not hold: %s\n"), r.msg);
        else
                printf(_("the journal holds: %lld entries, %lld signed checkpoints\n"), r.entries,
                       r.checkpoints);
        p.vouched = p.no ? 0 : r.entries;
        /* the certificates the journal's check read, else read for the files alone */
        if (p.certs == NULL &&
            jkey_certs(p.e->db, &p.trusted, &p.certs, &p.ncerts, why, sizeof(why)) != 0)
                p.ncerts = 0;
        for (int i = 0; i < o.ncheckpoints; i++)
                check_checkpoint(&p, o.checkpoints[i]);
        for (int i = 0; i < o.nattestations; i++)
                check_attestation(&p, o.attestations[i]);
        store_exec(p.e->db, "COMMIT");
        free(p.certs);
        free(o.checkpoints);
        free(o.attestations);
        env_close(p.e);
        if (p.file_code != 0)
                return p.file_code;
        return p.no ? EX_NO : 0;
}
