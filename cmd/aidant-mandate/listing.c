/* list, show and attestation: the mandates as they stand now (active, expired, revoked),
 * for people, audits and the cron job that reminds people before a mandate ends. */
#include "attestation.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "mandat.h"
#include "rec.h"
#include "show.h"
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum status_filter { ANY, ACTIVE, EXPIRED, REVOKED };

/* Status now: revoked when no authorisation is left, expired past the end, else active. */
static const char *status_of(time_t now, time_t expires, int in_force)
{
        if (in_force == 0)
                return "revoked";
        return now >= expires ? "expired" : "active";
}

#define MANDATE_SELECT                                                                             \
        "SELECT m.id, m.usager, m.aidant, m.created, m.expires, m.duration, m.consent, m.code,"    \
        " (SELECT group_concat(demarche, '|') FROM autorisation a WHERE a.mandat = m.id),"         \
        " (SELECT group_concat(demarche, '|') FROM autorisation a WHERE a.mandat = m.id"           \
        "  AND a.revoked_at IS NULL), ifnull(m.renewed_from, 0) FROM mandat m"

static json_t *split(const char *s)
{
        json_t *a = json_array();
        char *copy = xstrdup(s != NULL ? s : ""), *save = NULL;

        for (char *t = strtok_r(copy, "|", &save); t != NULL; t = strtok_r(NULL, "|", &save))
                jpush(a, json_string(t));
        free(copy);
        return a;
}

static json_t *mandate_record(struct env *e, sqlite3_stmt *st)
{
        char c[32], x[32];
        const char *in_force = (const char *)sqlite3_column_text(st, 9);
        json_t *rec;

        clock_format_iso((time_t)sqlite3_column_int64(st, 3), c);
        clock_format_iso((time_t)sqlite3_column_int64(st, 4), x);
        rec =
            jpack("{s:I,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:s}", "id",
                  (json_int_t)sqlite3_column_int64(st, 0), "usager",
                  (const char *)sqlite3_column_text(st, 1), "aidant",
                  (json_int_t)sqlite3_column_int64(st, 2), "status",
                  status_of(e->now, (time_t)sqlite3_column_int64(st, 4), in_force != NULL ? 1 : 0),
                  "created", c, "expires", x, "demarches",
                  split((const char *)sqlite3_column_text(st, 8)), "in_force", split(in_force),
                  "duration", (const char *)sqlite3_column_text(st, 5), "consent",
                  (const char *)sqlite3_column_text(st, 6), "code",
                  (const char *)sqlite3_column_text(st, 7));
        if (sqlite3_column_int64(st, 10) > 0)
                jset(rec, "renewed_from", json_integer(sqlite3_column_int64(st, 10)));
        return rec;
}

struct list_opts {
        const char *pseudo;
        enum status_filter filter;
        time_t within; /* 0: no limit */
};

static void parse_list(struct ctx *ctx, int argc, char **argv, struct list_opts *o)
{
        static const struct option longopts[] = {
            {"usager", required_argument, NULL, 'u'},
            {"active", no_argument, NULL, 'A'},
            {"expired", no_argument, NULL, 'E'},
            {"revoked", no_argument, NULL, 'R'},
            {"expiring-within", required_argument, NULL, 'w'},
            {NULL, 0, NULL, 0},
        };
        struct duration d;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'u') {
                        o->pseudo = optarg;
                } else if (c == 'w') {
                        if (duration_parse(optarg, &d) != 0)
                                cli_usage_error(ctx, _("--expiring-within: '%s' is not a duration"),
                                                optarg);
                        o->within = duration_apply(clock_now(), &d, 1);
                } else {
                        if (o->filter != ANY)
                                cli_usage_error(
                                    ctx, "%s",
                                    _("--active, --expired and --revoked exclude each other"));
                        o->filter = c == 'A' ? ACTIVE : c == 'E' ? EXPIRED : REVOKED;
                }
        }
        cli_no_args(ctx, argc, argv);
        if (o->within != 0 && o->filter != ANY && o->filter != ACTIVE)
                cli_usage_error(ctx, "%s", _("--expiring-within lists mandates in force only"));
}

static bool keep(const struct list_opts *o, json_t *rec, time_t expires)
{
        const char *s = json_string_value(json_object_get(rec, "status"));

        if (o->within != 0)
                return strcmp(s, "active") == 0 && expires <= o->within;
        if (o->filter == ACTIVE)
                return strcmp(s, "active") == 0;
        if (o->filter == EXPIRED)
                return strcmp(s, "expired") == 0;
        if (o->filter == REVOKED)
                return strcmp(s, "revoked") == 0;
        return true;
}

int cmd_list(int argc, char **argv, struct ctx *ctx)
{
        static const char *const cols[] = {"id",      "usager",   "aidant",    "status",
                                           "expires", "in_force", "demarches", NULL};
        struct list_opts o = {NULL, ANY, 0};
        struct env *e;
        sqlite3_stmt *st;
        struct rec_writer *out;

        parse_list(ctx, argc, argv, &o);
        e = env_open(ctx);
        if (o.pseudo != NULL)
                usager_get(e, o.pseudo, NULL);
        st =
            store_prepare(e->db, MANDATE_SELECT " WHERE ?1 IS NULL OR m.usager = ?1 ORDER BY m.id");
        store_bind_text(st, 1, o.pseudo);
        out = show_list(ctx, cols);
        while (store_step(e->db, st) == SQLITE_ROW) {
                json_t *rec = mandate_record(e, st);

                if (keep(&o, rec, (time_t)sqlite3_column_int64(st, 4)))
                        rec_write(out, rec);
                json_decref(rec);
        }
        rec_writer_close(out);
        sqlite3_finalize(st);
        env_close(e);
        return 0;
}

static json_t *autorisations(struct env *e, long long id)
{
        sqlite3_stmt *st =
            store_prepare(e->db, "SELECT demarche, revoked_at, revoked_by, reason FROM autorisation"
                                 " WHERE mandat = ? ORDER BY rowid");
        json_t *list = json_array();

        sqlite3_bind_int64(st, 1, id);
        while (store_step(e->db, st) == SQLITE_ROW) {
                char r[32] = "";

                if (sqlite3_column_type(st, 1) != SQLITE_NULL)
                        clock_format_iso((time_t)sqlite3_column_int64(st, 1), r);
                jpush(list, jpack("{s:s,s:s?,s:s?,s:s?}", "demarche",
                                  (const char *)sqlite3_column_text(st, 0), "revoked",
                                  r[0] != '\0' ? r : NULL, "revoked_by",
                                  (const char *)sqlite3_column_text(st, 2), "reason",
                                  (const char *)sqlite3_column_text(st, 3)));
        }
        sqlite3_finalize(st);
        return list;
}

int cmd_show(int argc, char **argv, struct ctx *ctx)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};
        struct mandate_row m;
        struct env *e;
        sqlite3_stmt *st;
        json_t *rec;

        while (cli_getopt(ctx, argc, argv, none) != -1)
                ;
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one mandate id"));
        e = env_open(ctx);
        mandate_get(e, argv[optind], &m);
        st = store_prepare(e->db, MANDATE_SELECT " WHERE m.id = ?");
        sqlite3_bind_int64(st, 1, m.id);
        store_step(e->db, st);
        rec = mandate_record(e, st);
        sqlite3_finalize(st);
        jset(rec, "autorisations", autorisations(e, m.id));
        jset(rec, "structure_key", json_string(e->keyid));
        show_record(ctx, rec);
        json_decref(rec);
        mandate_row_clear(&m);
        env_close(e);
        return 0;
}

static void copy_signed(const char *from, const char *to)
{
        char *sig_from = xasprintf("%s.minisig", from), *sig_to = xasprintf("%s.minisig", to);
        size_t len, slen;
        char *text = env_read(from, &len), *sig = env_read(sig_from, &slen);

        env_write(to, text, len, 0600);
        env_write(sig_to, sig, slen, 0644);
        free(text);
        free(sig);
        free(sig_from);
        free(sig_to);
}

int cmd_attestation(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {
            {"html", no_argument, NULL, 'H'},
            {"easy", no_argument, NULL, 'E'},
            {"output", required_argument, NULL, 'o'},
            {NULL, 0, NULL, 0},
        };
        const char *output = NULL;
        bool html = false, easy = false;
        struct mandate_row m;
        struct env *e;
        char *path;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1)
                if (c == 'H')
                        html = true;
                else if (c == 'E')
                        easy = true;
                else
                        output = optarg;
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one mandate id"));
        e = env_open(ctx);
        mandate_get(e, argv[optind], &m);
        path = attestation_path(e, m.id, html, easy);
        if (access(path, F_OK) != 0 && errno == ENOENT) {
                free(path);
                die(EX_NOINPUT,
                    _("the attestation of mandate %lld was erased with the person's data"), m.id);
        }
        if (output != NULL) {
                copy_signed(path, output);
        } else {
                size_t len;
                char *text = env_read(path, &len);

                fwrite(text, 1, len, stdout);
                free(text);
        }
        free(path);
        mandate_row_clear(&m);
        env_close(e);
        return 0;
}
