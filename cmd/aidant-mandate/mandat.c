/* create and renew: a mandate binds the structure and a person for démarches and a
 * duration; each démarche is an authorisation, and a new one revokes the person's
 * previous authorisation for the same démarche. */
#include "attestation.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "journal.h"
#include "mandat.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mandate_days(const struct ctx *ctx, const char *duration)
{
        static const struct {
                const char *name;
                int days;
        } names[] = {
            {"1d", 1},  {"31d", 31}, {"182d", 182}, {"365d", 365},
            {"1m", 31}, {"6m", 182}, {"12m", 365},  {"1y", 365},
        };

        for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
                if (strcmp(duration, names[i].name) == 0)
                        return names[i].days;
        cli_usage_error(ctx,
                        _("--duration: '%s' is not the duration of a mandate: 1d, 31d, 182d or "
                          "365d (1m, 6m, 12m and 1y name 31, 182, 365 and 365 days)"),
                        duration);
}

time_t mandate_expiry(time_t from, int days)
{
        struct duration d = {days, 'd'};

        return duration_apply(from, &d, 1);
}

void mandate_helper_may_act(struct env *e, const struct aidant_row *a)
{
        if (a->disabled)
                die(EX_NOPERM, _("helper %lld (%s) is disabled"), a->id, a->name);
        if (!a->charter_ok)
                die(EX_NOPERM,
                    _("helper %lld (%s) has not accepted the current charter: run 'aidant-mandate "
                      "aidant accept-charter %lld'"),
                    a->id, a->name, a->id);
}

json_t *mandate_demarches_json(const int *idx, int n)
{
        json_t *a = json_array();

        for (int i = 0; i < n; i++)
                jpush(a, json_string(demarche_ids[idx[i]]));
        return a;
}

void journal_autorisation(struct env *e, const char *action, long long aidant, const char *pseudo,
                          long long mandat, int demarche, json_t *extra)
{
        json_t *f = journal_fields(action);

        jset(f, "aidant", json_integer(aidant));
        jset(f, "usager", json_string(pseudo));
        jset(f, "mandat", mandat > 0 ? json_integer(mandat) : json_null());
        jset(f, "demarches", mandate_demarches_json(&demarche, 1));
        if (extra != NULL)
                json_object_update(f, extra);
        journal_append(e, f);
        json_decref(f);
}

/* Journals cancel_mandat for a mandate whose every authorisation is now revoked. */
void mandate_close_if_empty(struct env *e, long long mandat, const char *by)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT m.aidant, m.usager, (SELECT count(*) FROM autorisation a WHERE"
                   " a.mandat = m.id AND a.revoked_at IS NULL) FROM mandat m WHERE m.id = ?");

        sqlite3_bind_int64(st, 1, mandat);
        if (store_step(e->db, st) == SQLITE_ROW && sqlite3_column_int(st, 2) == 0) {
                json_t *f = journal_fields("cancel_mandat");

                jset(f, "aidant", json_integer(sqlite3_column_int64(st, 0)));
                jset(f, "usager", json_string((const char *)sqlite3_column_text(st, 1)));
                jset(f, "mandat", json_integer(mandat));
                jset(f, "by", json_string(by));
                journal_append(e, f);
                json_decref(f);
        }
        sqlite3_finalize(st);
}

/* Revokes the person's authorisations in force for démarche d, journaling each. */
static void replace_previous(struct env *e, const struct mandate_req *r, long long new_id, int d)
{
        sqlite3_stmt *sel = store_prepare(
            e->db, "SELECT a.mandat, m.aidant FROM autorisation a JOIN mandat m ON m.id = a.mandat"
                   " WHERE m.usager = ? AND a.demarche = ? AND a.revoked_at IS NULL"
                   " AND m.expires > ? AND m.id <> ?");
        sqlite3_stmt *upd = store_prepare(
            e->db, "UPDATE autorisation SET revoked_at = ?, revoked_by = 'aidant', reason = ?"
                   " WHERE mandat = ? AND demarche = ?");
        char *reason = xasprintf("replaced by mandate %lld", new_id);

        store_bind_text(sel, 1, r->pseudo);
        store_bind_text(sel, 2, demarche_ids[d]);
        sqlite3_bind_int64(sel, 3, (sqlite3_int64)e->now);
        sqlite3_bind_int64(sel, 4, new_id);
        while (store_step(e->db, sel) == SQLITE_ROW) {
                long long old = sqlite3_column_int64(sel, 0);
                json_t *extra = jpack("{s:s,s:s}", "by", "aidant", "reason", reason);

                sqlite3_bind_int64(upd, 1, (sqlite3_int64)e->now);
                store_bind_text(upd, 2, reason);
                sqlite3_bind_int64(upd, 3, old);
                store_bind_text(upd, 4, demarche_ids[d]);
                store_step(e->db, upd);
                sqlite3_reset(upd);
                journal_autorisation(e, "cancel_autorisation", sqlite3_column_int64(sel, 1),
                                     r->pseudo, old, d, extra);
                json_decref(extra);
                mandate_close_if_empty(e, old, "aidant");
        }
        sqlite3_finalize(sel);
        sqlite3_finalize(upd);
        free(reason);
}

static long long insert_mandate(struct env *e, const struct mandate_req *r)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "INSERT INTO mandat (usager, aidant, created, expires, duration, consent, code,"
                   " attestation_hash, renewed_from) VALUES (?, ?, ?, ?, ?, ?, '', '', ?)");
        long long id;

        store_bind_text(st, 1, r->pseudo);
        sqlite3_bind_int64(st, 2, r->aidant->id);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)e->now);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)r->expires);
        store_bind_text(st, 5, r->duration);
        store_bind_text(st, 6, r->consent);
        if (r->renewed_from > 0)
                sqlite3_bind_int64(st, 7, r->renewed_from);
        store_step(e->db, st);
        sqlite3_finalize(st);
        id = sqlite3_last_insert_rowid(e->db);
        st = store_prepare(e->db, "INSERT INTO autorisation (mandat, demarche) VALUES (?, ?)");
        for (int i = 0; i < r->ndemarches; i++) {
                sqlite3_bind_int64(st, 1, id);
                store_bind_text(st, 2, demarche_ids[r->demarches[i]]);
                store_step(e->db, st);
                sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        return id;
}

/* The person's names and civility (NULL when none) for the attestation; dies with 65
 * when they were forgotten. */
static void person_of(struct env *e, const char *pseudo, char *out[4])
{
        sqlite3_stmt *st = store_prepare(e->db, "SELECT given, family, birth, civilite FROM usager"
                                                " WHERE pseudo = ? AND forgotten_at IS NULL");

        store_bind_text(st, 1, pseudo);
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_DATAERR, _("person %s was forgotten: no new mandate can name them"), pseudo);
        for (int i = 0; i < 4; i++)
                out[i] = sqlite3_column_type(st, i) == SQLITE_NULL
                             ? NULL
                             : xstrdup((const char *)sqlite3_column_text(st, i));
        sqlite3_finalize(st);
}

static void journal_creation(struct env *e, const struct mandate_req *r,
                             const struct mandate_doc *d, const struct attestation_hashes *h)
{
        json_t *f = journal_fields("create_attestation");
        char x[21];

        clock_format_utc(r->expires, x);
        jset(f, "aidant", json_integer(r->aidant->id));
        jset(f, "usager", json_string(r->pseudo));
        jset(f, "mandat", json_integer(d->id));
        jset(f, "demarches", mandate_demarches_json(r->demarches, r->ndemarches));
        jset(f, "expires", json_string(x));
        jset(f, "duration", json_string(r->duration));
        jset(f, "consent", json_string(r->consent));
        jset(f, "code", json_string(d->code));
        jset(f, "attestation", json_string(h->text));
        jset(f, "attestation_html", json_string(h->html));
        jset(f, "attestation_easy", json_string(h->easy_text));
        jset(f, "attestation_easy_html", json_string(h->easy_html));
        journal_append(e, f);
        json_decref(f);
        for (int i = 0; i < r->ndemarches; i++)
                journal_autorisation(e, "create_autorisation", r->aidant->id, r->pseudo, d->id,
                                     r->demarches[i], NULL);
}

long long mandate_make(struct env *e, const struct mandate_req *r)
{
        struct mandate_doc d = {0};
        struct attestation_hashes h;
        char *person[4], head[65];
        long long head_seq;
        sqlite3_stmt *st;

        person_of(e, r->pseudo, person);
        journal_head(e->db, &head_seq, head);
        d.id = insert_mandate(e, r);
        d.pseudo = r->pseudo;
        d.given = person[0];
        d.family = person[1];
        d.birth = person[2];
        d.civility = person[3];
        d.aidant = r->aidant->id;
        d.aidant_name = r->aidant->name;
        d.demarches = r->demarches;
        d.ndemarches = r->ndemarches;
        d.created = e->now;
        d.expires = r->expires;
        d.duration = r->duration;
        d.consent = r->consent;
        attestation_write(e, &d, head_seq, head, &h);
        st = store_prepare(e->db, "UPDATE mandat SET code = ?, attestation_hash = ? WHERE id = ?");
        store_bind_text(st, 1, d.code);
        store_bind_text(st, 2, h.text);
        sqlite3_bind_int64(st, 3, d.id);
        store_step(e->db, st);
        sqlite3_finalize(st);
        journal_creation(e, r, &d, &h);
        for (int i = 0; i < r->ndemarches; i++)
                replace_previous(e, r, d.id, r->demarches[i]);
        for (int i = 0; i < 4; i++)
                free(person[i]);
        return d.id;
}

static void parse_create(struct ctx *ctx, int argc, char **argv, struct mandate_req *r,
                         const char **aidant, const char **list)
{
        static const struct option longopts[] = {
            {"usager", required_argument, NULL, 'u'},   {"aidant", required_argument, NULL, 'a'},
            {"demarche", required_argument, NULL, 'd'}, {"duration", required_argument, NULL, 't'},
            {"consent", required_argument, NULL, 'c'},  {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'u')
                        r->pseudo = optarg;
                else if (c == 'a')
                        *aidant = optarg;
                else if (c == 'd')
                        *list = optarg;
                else if (c == 't')
                        r->duration = optarg;
                else if (c == 'c')
                        r->consent = optarg;
        }
        cli_no_args(ctx, argc, argv);
        if (r->pseudo == NULL || *aidant == NULL || *list == NULL || r->duration == NULL)
                cli_usage_error(ctx, "%s",
                                _("--usager, --aidant, --demarche and --duration are required"));
        if (strcmp(r->consent, "in-person") != 0 && strcmp(r->consent, "paper") != 0)
                cli_usage_error(ctx, _("--consent: '%s' is neither in-person nor paper"),
                                r->consent);
}

int cmd_create(int argc, char **argv, struct ctx *ctx)
{
        struct mandate_req r = {.consent = "in-person"};
        const char *aidant = NULL, *list = NULL;
        struct aidant_row a;
        struct env *e;
        int idx[DEMARCHE_COUNT], days;
        long long id;
        char *path, duration[8];

        parse_create(ctx, argc, argv, &r, &aidant, &list);
        r.ndemarches = demarches_parse(ctx, list, idx);
        r.demarches = idx;
        days = mandate_days(ctx, r.duration);
        snprintf(duration, sizeof(duration), "%dd", days);
        r.duration = duration;
        e = env_open_writer(ctx);
        env_secret_key(e);
        /* judged and dated under the write lock: no change slips in between */
        journal_begin(e);
        r.expires = mandate_expiry(e->now, days);
        aidant_get(e, aidant, &a);
        r.aidant = &a;
        mandate_helper_may_act(e, &a);
        usager_get(e, r.pseudo, NULL);
        id = mandate_make(e, &r);
        journal_commit(e);
        printf("%lld\n", id);
        path = attestation_path(e, id, false, false);
        msg_notice(_("attestation: %s (signature: %s.minisig)"), path, path);
        free(path);
        aidant_row_clear(&a);
        env_close(e);
        return 0;
}
