/* usager add|list|show|export|forget: the people helped. Their personal data stays in
 * the usager table, keyed by a random pseudonym, the only name the journal knows; so
 * forgetting a person erases that row and leaves the journal verifiable. */
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

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct person {
        const char *given, *family, *phone, *email, *civility;
        char birth[11];
};

static void parse_add(struct ctx *ctx, int argc, char **argv, struct person *p)
{
        static const struct option longopts[] = {
            {"given", required_argument, NULL, 'g'},
            {"family", required_argument, NULL, 'f'},
            {"birth", required_argument, NULL, 'b'},
            {"phone", required_argument, NULL, 'p'},
            {"email", required_argument, NULL, 'e'},
            {"civilite", required_argument, NULL, 'c'},
            {NULL, 0, NULL, 0},
        };
        const char *birth = NULL;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'g')
                        p->given = optarg;
                else if (c == 'f')
                        p->family = optarg;
                else if (c == 'b')
                        birth = optarg;
                else if (c == 'p')
                        p->phone = optarg;
                else if (c == 'c')
                        p->civility = optarg;
                else
                        p->email = optarg;
        }
        cli_no_args(ctx, argc, argv);
        arg_text(ctx, "--given", p->given);
        arg_text(ctx, "--family", p->family);
        arg_text(ctx, "--phone", p->phone);
        arg_text(ctx, "--email", p->email);
        if (p->given == NULL || p->family == NULL || birth == NULL || p->given[0] == '\0' ||
            p->family[0] == '\0')
                cli_usage_error(ctx, "%s", _("--given, --family and --birth are required"));
        if (clock_parse_date(birth, p->birth) != 0)
                cli_usage_error(ctx, _("--birth: '%s' is not a date"), birth);
        if (p->civility != NULL && strcmp(p->civility, "madame") != 0 &&
            strcmp(p->civility, "monsieur") != 0)
                cli_usage_error(ctx, _("--civilite: '%s' is neither madame nor monsieur"),
                                p->civility);
        if (p->email != NULL && strchr(p->email, '@') == NULL)
                cli_usage_error(ctx, _("--email: '%s' is not an e-mail address"), p->email);
}

static void journal_usager(struct env *e, const char *action, const char *pseudo)
{
        json_t *f = journal_fields(action);

        jset(f, "usager", json_string(pseudo));
        journal_append(e, f);
        json_decref(f);
}

static int usager_add(struct ctx *ctx, int argc, char **argv)
{
        struct person p = {0};
        struct env *e;
        sqlite3_stmt *st;
        unsigned char rnd[5];
        char hex[11], pseudo[16], today[11];

        parse_add(ctx, argc, argv, &p);
        e = env_open_writer(ctx);
        clock_format_date(e->now, today);
        if (strcmp(p.birth, today) > 0)
                die(EX_DATAERR, _("--birth: %s is in the future"), p.birth);
        randombytes_buf(rnd, sizeof(rnd));
        sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
        snprintf(pseudo, sizeof(pseudo), "u-%s", hex);
        journal_begin(e);
        st = store_prepare(e->db, "INSERT INTO usager (pseudo, given, family, birth, phone, email,"
                                  " created, civilite) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        store_bind_text(st, 1, pseudo);
        store_bind_text(st, 2, p.given);
        store_bind_text(st, 3, p.family);
        store_bind_text(st, 4, p.birth);
        store_bind_text(st, 5, p.phone);
        store_bind_text(st, 6, p.email);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)e->now);
        store_bind_text(st, 8, p.civility);
        store_step(e->db, st);
        sqlite3_finalize(st);
        journal_usager(e, "add_usager", pseudo);
        journal_commit(e);
        printf("%s\n", pseudo);
        env_close(e);
        return 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
        return (const char *)sqlite3_column_text(st, i);
}

#define USAGER_SELECT                                                                              \
        "SELECT pseudo, given, family, birth, phone, email, created, forgotten_at, civilite"       \
        " FROM usager"

static json_t *usager_record(sqlite3_stmt *st)
{
        char created[32], forgotten[32] = "";

        clock_format_iso((time_t)sqlite3_column_int64(st, 6), created);
        if (sqlite3_column_type(st, 7) != SQLITE_NULL)
                clock_format_iso((time_t)sqlite3_column_int64(st, 7), forgotten);
        return jpack("{s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s,s:s?}", "id", col(st, 0), "civilite",
                     col(st, 8), "given", col(st, 1), "family", col(st, 2), "birth", col(st, 3),
                     "phone", col(st, 4), "email", col(st, 5), "created", created, "forgotten",
                     forgotten[0] != '\0' ? forgotten : NULL);
}

/* usager_record as out_rows wants it. */
static json_t *usager_row(sqlite3_stmt *st, const void *unused)
{
        return usager_record(st);
}

static int usager_list(struct ctx *ctx, const char *one)
{
        static const char *const cols[] = {"id", "given", "family", "birth", "forgotten", NULL};
        struct env *e = env_open(ctx);
        sqlite3_stmt *st =
            store_prepare(e->db, USAGER_SELECT " WHERE ?1 IS NULL OR pseudo = ?1 ORDER BY created");

        if (one != NULL)
                usager_get(e, one, NULL);
        store_bind_text(st, 1, one);
        out_rows(ctx, e->db, st, cols, one != NULL, usager_row, NULL);
        env_close(e);
        return 0;
}

/* The mandates of a person with their authorisations, new reference. */
static json_t *mandates_of(struct env *e, const char *pseudo)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT m.id, m.aidant, m.created, m.expires, m.consent, m.code,"
                   " a.demarche, a.revoked_at, a.revoked_by, a.reason FROM mandat m"
                   " JOIN autorisation a ON a.mandat = m.id WHERE m.usager = ? ORDER BY m.id");
        json_t *list = json_array(), *cur = NULL;

        store_bind_text(st, 1, pseudo);
        while (store_step(e->db, st) == SQLITE_ROW) {
                char r[32] = "";
                json_int_t id = sqlite3_column_int64(st, 0);

                if (cur == NULL || json_integer_value(json_object_get(cur, "id")) != id) {
                        char c[32], x[32];

                        clock_format_iso((time_t)sqlite3_column_int64(st, 2), c);
                        clock_format_iso((time_t)sqlite3_column_int64(st, 3), x);
                        cur =
                            jpack("{s:I,s:I,s:s,s:s,s:s,s:s,s:[]}", "id", id, "aidant",
                                  (json_int_t)sqlite3_column_int64(st, 1), "created", c, "expires",
                                  x, "consent", col(st, 4), "code", col(st, 5), "autorisations");
                        jpush(list, cur);
                }
                if (sqlite3_column_type(st, 7) != SQLITE_NULL)
                        clock_format_iso((time_t)sqlite3_column_int64(st, 7), r);
                jpush(json_object_get(cur, "autorisations"),
                      jpack("{s:s,s:s?,s:s?,s:s?}", "demarche", col(st, 6), "revoked",
                            r[0] != '\0' ? r : NULL, "revoked_by", col(st, 8), "reason",
                            col(st, 9)));
        }
        sqlite3_finalize(st);
        return list;
}

/* The journal entries naming the person, new reference. */
static json_t *entries_of(struct env *e, const char *pseudo)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT entry FROM journal WHERE instr(entry, ?) > 0 ORDER BY seq");
        char *needle = xasprintf("\"usager\":\"%s\"", pseudo);
        json_t *list = json_array();

        store_bind_text(st, 1, needle);
        while (store_step(e->db, st) == SQLITE_ROW) {
                json_t *entry = json_loads(col(st, 0), 0, NULL);

                if (entry != NULL)
                        jpush(list, entry);
        }
        sqlite3_finalize(st);
        free(needle);
        return list;
}

static int usager_export(struct ctx *ctx, const char *pseudo)
{
        struct env *e = env_open_writer(ctx);
        sqlite3_stmt *st = store_prepare(e->db, USAGER_SELECT " WHERE pseudo = ?");
        json_t *doc;

        usager_get(e, pseudo, NULL);
        journal_begin(e);
        journal_usager(e, "export_usager", pseudo);
        journal_commit(e);
        store_bind_text(st, 1, pseudo);
        store_step(e->db, st);
        doc = jpack("{s:o,s:o,s:o}", "usager", usager_record(st), "mandats", mandates_of(e, pseudo),
                    "journal", entries_of(e, pseudo));
        sqlite3_finalize(st);
        json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(doc);
        env_close(e);
        return 0;
}

/* Removes the printable attestations and revocations (they carry names) in their four
 * forms; the signatures stay. */
static void remove_attestations(struct env *e, const char *pseudo)
{
        static const char *const forms[] = {"txt", "html", "easy.txt", "easy.html"};
        sqlite3_stmt *st = store_prepare(e->db, "SELECT id FROM mandat WHERE usager = ?");

        store_bind_text(st, 1, pseudo);
        while (store_step(e->db, st) == SQLITE_ROW) {
                long long id = sqlite3_column_int64(st, 0);

                for (size_t i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
                        char *att = xasprintf("%s/attestations/%lld.%s", e->dir, id, forms[i]);
                        char *rev =
                            xasprintf("%s/revocations/%lld-[0-9]*.%s", e->dir, id, forms[i]);
                        glob_t g;

                        unlink(att);
                        if (glob(rev, 0, NULL, &g) == 0)
                                for (size_t k = 0; k < g.gl_pathc; k++)
                                        unlink(g.gl_pathv[k]);
                        globfree(&g);
                        free(att);
                        free(rev);
                }
        }
        sqlite3_finalize(st);
}

/* Copies the write-ahead log into the store and empties it, so that no older copy of an
 * erased row stays in either file; false when another connection still reads an older
 * state (the copy cannot complete until it ends). */
static bool wal_truncate(sqlite3 *db)
{
        sqlite3_stmt *st = store_prepare(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        bool done = store_step(db, st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;

        sqlite3_finalize(st);
        return done;
}

static int busy_erasing(const char *pseudo, bool erased)
{
        if (!erased)
                return msg_error(EX_TEMPFAIL,
                                 _("another command is reading the store: the personal data of %s "
                                   "cannot be erased from the file now; nothing was changed, try "
                                   "again"),
                                 pseudo);
        return msg_error(EX_TEMPFAIL,
                         _("the personal data of %s is erased from the tables, but another command "
                           "still reads an older state that the file keeps until it ends: run "
                           "'aidant-mandate usager forget %s' again to finish"),
                         pseudo, pseudo);
}

/* Dies with 65 when the person still has an authorisation in force. */
static void no_mandate_in_force(struct env *e, const char *pseudo)
{
        sqlite3_stmt *st = store_prepare(e->db, "SELECT count(*) FROM autorisation a JOIN mandat m"
                                                " ON m.id = a.mandat WHERE m.usager = ? AND"
                                                " a.revoked_at IS NULL AND m.expires > ?");

        store_bind_text(st, 1, pseudo);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)e->now);
        store_step(e->db, st);
        if (sqlite3_column_int(st, 0) > 0)
                die(EX_DATAERR, _("person %s still has mandates in force: revoke them first"),
                    pseudo);
        sqlite3_finalize(st);
}

static int usager_forget(struct ctx *ctx, const char *pseudo)
{
        struct env *e = env_open_writer(ctx);
        bool forgotten;

        /* the erased values must not stay readable in free parts of the pages */
        store_exec(e->db, "PRAGMA secure_delete = ON");
        if (!wal_truncate(e->db)) {
                env_close(e);
                return busy_erasing(pseudo, false);
        }
        journal_begin(e);
        usager_get(e, pseudo, &forgotten);
        if (!forgotten) {
                sqlite3_stmt *st;

                no_mandate_in_force(e, pseudo);
                st = store_prepare(e->db,
                                   "UPDATE usager SET given = NULL, family = NULL, birth = NULL,"
                                   " phone = NULL, email = NULL, civilite = NULL, forgotten_at = ?"
                                   " WHERE pseudo = ?");
                sqlite3_bind_int64(st, 1, (sqlite3_int64)e->now);
                store_bind_text(st, 2, pseudo);
                store_step(e->db, st);
                sqlite3_finalize(st);
                journal_usager(e, "forget_usager", pseudo);
                journal_commit(e);
        } else {
                store_rollback(e->db);
        }
        remove_attestations(e, pseudo);
        if (!wal_truncate(e->db)) {
                env_close(e);
                return busy_erasing(pseudo, true);
        }
        printf(_("the personal data of %s was erased\n"), pseudo);
        env_close(e);
        return 0;
}

int cmd_usager(int argc, char **argv, struct ctx *ctx)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};
        const char *sub = argc > 1 ? argv[1] : "";
        int want = strcmp(sub, "list") == 0 ? 0 : 1;

        if (strcmp(sub, "add") == 0)
                return usager_add(ctx, argc - 1, argv + 1);
        if (sub[0] == '\0')
                cli_usage_error(ctx, "%s", _("missing subcommand"));
        if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "export") != 0 &&
            strcmp(sub, "forget") != 0)
                cli_usage_error(ctx, _("unknown subcommand '%s'"), sub);
        while (cli_getopt(ctx, argc - 1, argv + 1, none) != -1)
                ;
        if (argc - 1 - optind != want)
                cli_usage_error(ctx, "%s",
                                want == 0 ? _("unexpected argument") : _("expected one person id"));
        if (want == 0)
                return usager_list(ctx, NULL);
        if (strcmp(sub, "show") == 0)
                return usager_list(ctx, argv[1 + optind]);
        if (strcmp(sub, "export") == 0)
                return usager_export(ctx, argv[1 + optind]);
        return usager_forget(ctx, argv[1 + optind]);
}
