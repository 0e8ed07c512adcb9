/* journal, checkpoint and verify: the journal for audits (and aidant-stats), its signed
 * checkpoints, and the check of the whole chain and of printed attestations. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "journal.h"
#include "out.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_entries(struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st)
{
        static const char *const cols[] = {"seq",    "time",   "action",    "aidant",
                                           "usager", "mandat", "demarches", NULL};
        bool raw = ctx->format == FMT_JSON || ctx->format == FMT_NDJSON;
        struct out *o = raw ? NULL : out_open(ctx, cols);
        long n = 0;

        if (ctx->format == FMT_JSON)
                fputs("[", stdout);
        while (store_step(db, st) == SQLITE_ROW) {
                const char *entry = (const char *)sqlite3_column_text(st, 0);
                json_t *rec;

                if (raw) {
                        /* the stored canonical bytes, so exports hash as the chain does */
                        if (ctx->format == FMT_JSON)
                                fputs(n > 0 ? ",\n" : "\n", stdout);
                        fputs(entry, stdout);
                        if (ctx->format == FMT_NDJSON)
                                putchar('\n');
                } else if ((rec = json_loads(entry, 0, NULL)) != NULL) {
                        out_write(o, rec);
                        json_decref(rec);
                }
                n++;
        }
        if (ctx->format == FMT_JSON)
                fputs(n > 0 ? "\n]\n" : "]\n", stdout);
        if (o != NULL)
                out_close(o);
}

int cmd_journal(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {
            {"since", required_argument, NULL, 's'},
            {"usager", required_argument, NULL, 'u'},
            {NULL, 0, NULL, 0},
        };
        const char *pseudo = NULL;
        char since[21] = "", *needle = NULL;
        struct env *e;
        sqlite3_stmt *st;
        time_t t;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'u') {
                        pseudo = optarg;
                } else {
                        if (clock_parse(optarg, &t) != 0)
                                cli_usage_error(ctx, _("--since: '%s' is not a date"), optarg);
                        clock_format_utc(t, since);
                }
        }
        cli_no_args(ctx, argc, argv);
        e = env_open(ctx);
        if (pseudo != NULL) {
                usager_get(e, pseudo, NULL);
                needle = xasprintf("\"usager\":\"%s\"", pseudo);
        }
        st = store_prepare(e->db, "SELECT entry FROM journal WHERE (?1 IS NULL OR"
                                  " substr(entry, instr(entry, '\"time\":\"') + 8, 20) >= ?1)"
                                  " AND (?2 IS NULL OR instr(entry, ?2) > 0) ORDER BY seq");
        store_bind_text(st, 1, since[0] != '\0' ? since : NULL);
        store_bind_text(st, 2, needle);
        print_entries(ctx, e->db, st);
        sqlite3_finalize(st);
        free(needle);
        env_close(e);
        return 0;
}

static void write_checkpoint(const char *path, const char *body, const char *sig)
{
        char *sig_path = xasprintf("%s.minisig", path);

        env_write(path, body, strlen(body), 0644);
        env_write(sig_path, sig, strlen(sig), 0644);
        free(sig_path);
}

int cmd_checkpoint(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {
            {"new", no_argument, NULL, 'n'},
            {"output", required_argument, NULL, 'o'},
            {NULL, 0, NULL, 0},
        };
        const char *output = NULL;
        bool fresh = false;
        struct env *e;
        sqlite3_stmt *st;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'n')
                        fresh = true;
                else if (c == 'o')
                        output = optarg;
        }
        cli_no_args(ctx, argc, argv);
        e = env_open(ctx);
        if (fresh) {
                env_secret_key(e);
                store_begin(e->db);
                journal_checkpoint(e);
                store_commit(e->db);
        }
        st = store_prepare(e->db, "SELECT body, minisig FROM checkpoint ORDER BY seq DESC LIMIT 1");
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, "%s",
                    _("no checkpoint yet: run 'aidant-mandate checkpoint --new'"));
        if (output != NULL)
                write_checkpoint(output, (const char *)sqlite3_column_text(st, 0),
                                 (const char *)sqlite3_column_text(st, 1));
        else
                printf("%s\n%s", (const char *)sqlite3_column_text(st, 0),
                       (const char *)sqlite3_column_text(st, 1));
        sqlite3_finalize(st);
        env_close(e);
        return 0;
}

/* The number after "key:" in a trusted comment, or -1. */
static long long field_num(const char *trusted, const char *key)
{
        const char *p = strstr(trusted, key);

        return p != NULL ? strtoll(p + strlen(key), NULL, 10) : -1;
}

/* Checks a printed attestation: its signature, that the journal still holds the entry its
 * trusted comment names, and that the journal recorded this very text. */
static int check_attestation(struct env *e, const char *path)
{
        char *sig_path = xasprintf("%s.minisig", path), head[65], hash[65], *needle;
        size_t len, slen;
        char *text = env_read(path, &len), *sigtext = env_read(sig_path, &slen);
        struct sig_signature s;
        enum sig_status vs = sig_signature_parse(sigtext, slen, &s);
        const char *h;
        long long seq;
        sqlite3_stmt *st;
        int bad = 0;

        if (vs == SIG_OK)
                vs = sig_verify(&e->pk, &s, (const unsigned char *)text, len);
        if (vs != SIG_OK) {
                printf(_("%s: does not hold: %s\n"), path, sig_strerror(vs));
                bad = 1;
                goto done;
        }
        seq = field_num(s.trusted, " seq:");
        h = strstr(s.trusted, " head:");
        if (seq < 1 || h == NULL || !journal_entry_hash(e->db, seq, head) ||
            strncmp(h + 6, head, 64) != 0) {
                printf(_("%s: does not hold: the journal no longer has the entry %lld it was "
                         "signed with\n"),
                       path, seq);
                bad = 1;
                goto done;
        }
        hash_hex(text, len, hash);
        needle = xasprintf("\"%s\"", hash);
        st = store_prepare(e->db, "SELECT count(*) FROM journal WHERE instr(entry, ?) > 0");
        store_bind_text(st, 1, needle);
        store_step(e->db, st);
        if (sqlite3_column_int(st, 0) == 0) {
                printf(_("%s: does not hold: the journal has no record of this attestation\n"),
                       path);
                bad = 1;
        } else {
                printf(_("%s: valid (%s)\n"), path, s.trusted);
        }
        sqlite3_finalize(st);
        free(needle);
done:
        if (s.trusted != NULL)
                sig_signature_clear(&s);
        free(text);
        free(sigtext);
        free(sig_path);
        return bad;
}

int cmd_verify(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {
            {"attestation", required_argument, NULL, 'a'},
            {NULL, 0, NULL, 0},
        };
        const char **files = xcalloc((size_t)argc, sizeof(*files));
        struct journal_report r;
        struct env *e;
        int c, n = 0, bad;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1)
                files[n++] = optarg;
        cli_no_args(ctx, argc, argv);
        e = env_open(ctx);
        bad = journal_verify(e->db, &e->pk, &r);
        if (bad != 0)
                printf(_("the journal does not hold: %s\n"), r.msg);
        else
                printf(_("the journal holds: %lld entries, %lld signed checkpoints\n"), r.entries,
                       r.checkpoints);
        for (int i = 0; i < n; i++)
                bad |= check_attestation(e, files[i]);
        free(files);
        env_close(e);
        return bad != 0 ? EX_NO : 0;
}
