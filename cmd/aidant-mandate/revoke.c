/* revoke and renew: the person or the structure ends all or part of a mandate (signed
 * revocation attestation), or replaces it by a new one for the same démarches. */
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

/* The démarches of the mandate still in force (not revoked), in id order. */
static int active_demarches(struct env *e, long long mandat, int idx[DEMARCHE_COUNT])
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT demarche FROM autorisation WHERE mandat = ? AND revoked_at IS NULL");
        int n = 0;

        sqlite3_bind_int64(st, 1, mandat);
        while (store_step(e->db, st) == SQLITE_ROW && n < DEMARCHE_COUNT) {
                int d = demarche_find((const char *)sqlite3_column_text(st, 0));

                if (d >= 0)
                        idx[n++] = d;
        }
        sqlite3_finalize(st);
        return n;
}

struct revoke_opts {
        const char *demarche, *by, *reason;
};

static void parse_revoke(struct ctx *ctx, int argc, char **argv, struct revoke_opts *o)
{
        static const struct option longopts[] = {
            {"demarche", required_argument, NULL, 'd'},
            {"by", required_argument, NULL, 'b'},
            {"reason", required_argument, NULL, 'r'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'd')
                        o->demarche = optarg;
                else if (c == 'b')
                        o->by = optarg;
                else if (c == 'r')
                        o->reason = optarg;
        }
        arg_text(ctx, "--reason", o->reason);
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one mandate id"));
        if (o->by == NULL || (strcmp(o->by, "usager") != 0 && strcmp(o->by, "aidant") != 0))
                cli_usage_error(ctx, "%s", _("--by usager or --by aidant is required"));
        if (o->demarche != NULL && demarche_find(o->demarche) < 0)
                cli_usage_error(ctx, _("unknown démarche '%s' (one of: %s)"), o->demarche,
                                "papiers, famille, social, travail, logement, transports, "
                                "argent, justice, etranger, loisirs");
}

/* Marks the authorisations revoked and journals each. */
static void revoke_rows(struct env *e, const struct mandate_row *m, const int *idx, int n,
                        const struct revoke_opts *o, const struct attestation_hashes *h)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "UPDATE autorisation SET revoked_at = ?, revoked_by = ?, reason = ?"
                   " WHERE mandat = ? AND demarche = ?");
        json_t *extra = jpack("{s:s,s:s?,s:s,s:s,s:s,s:s}", "by", o->by, "reason", o->reason,
                              "revocation", h->text, "revocation_html", h->html, "revocation_easy",
                              h->easy_text, "revocation_easy_html", h->easy_html);

        for (int i = 0; i < n; i++) {
                sqlite3_bind_int64(st, 1, (sqlite3_int64)e->now);
                store_bind_text(st, 2, o->by);
                store_bind_text(st, 3, o->reason);
                sqlite3_bind_int64(st, 4, m->id);
                store_bind_text(st, 5, demarche_ids[idx[i]]);
                store_step(e->db, st);
                sqlite3_reset(st);
                journal_autorisation(e, "cancel_autorisation", m->aidant, m->pseudo, m->id, idx[i],
                                     extra);
        }
        json_decref(extra);
        sqlite3_finalize(st);
        mandate_close_if_empty(e, m->id, o->by);
}

int cmd_revoke(int argc, char **argv, struct ctx *ctx)
{
        struct revoke_opts o = {0};
        struct mandate_row m;
        struct env *e;
        int idx[DEMARCHE_COUNT], n;
        long long seq;
        struct attestation_hashes h;
        char *path, head[65];

        parse_revoke(ctx, argc, argv, &o);
        e = env_open_writer(ctx);
        env_secret_key(e);
        journal_begin(e);
        mandate_get(e, argv[optind], &m);
        n = active_demarches(e, m.id, idx);
        if (o.demarche != NULL) {
                int d = demarche_find(o.demarche), k = 0;

                while (k < n && idx[k] != d)
                        k++;
                if (k == n)
                        die(EX_DATAERR, _("mandate %lld has no démarche %s in force"), m.id,
                            o.demarche);
                idx[0] = d;
                n = 1;
        }
        if (n == 0)
                die(EX_DATAERR, _("mandate %lld is already revoked"), m.id);
        journal_head(e->db, &seq, head);
        path = revocation_write(e, &(struct revocation_req){m.id, idx, n, o.by, o.reason}, seq,
                                head, &h);
        revoke_rows(e, &m, idx, n, &o, &h);
        journal_commit(e);
        printf(_("mandate %lld revoked for %d démarche(s); revocation attestation: %s\n"), m.id, n,
               path);
        free(path);
        mandate_row_clear(&m);
        env_close(e);
        return 0;
}

static void parse_renew(struct ctx *ctx, int argc, char **argv, struct mandate_req *r,
                        const char **aidant)
{
        static const struct option longopts[] = {
            {"duration", required_argument, NULL, 't'},
            {"aidant", required_argument, NULL, 'a'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 't')
                        r->duration = optarg;
                else if (c == 'a')
                        *aidant = optarg;
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one mandate id"));
}

static void journal_renewal(struct env *e, const struct mandate_row *m, long long id)
{
        json_t *f = journal_fields("renew_mandat");

        jset(f, "usager", json_string(m->pseudo));
        jset(f, "mandat", json_integer(id));
        jset(f, "renewed_from", json_integer(m->id));
        journal_append(e, f);
        json_decref(f);
}

int cmd_renew(int argc, char **argv, struct ctx *ctx)
{
        struct mandate_req r = {0};
        const char *aidant = NULL;
        struct mandate_row m;
        struct aidant_row a;
        struct env *e;
        int idx[DEMARCHE_COUNT];
        long long id;
        char *aid, duration[8];
        int days = 0;

        parse_renew(ctx, argc, argv, &r, &aidant);
        if (r.duration != NULL)
                days = mandate_days(ctx, r.duration);
        e = env_open_writer(ctx);
        env_secret_key(e);
        journal_begin(e);
        mandate_get(e, argv[optind], &m);
        r.ndemarches = active_demarches(e, m.id, idx);
        if (r.ndemarches == 0)
                die(EX_DATAERR, _("mandate %lld is revoked: create a new one instead"), m.id);
        r.demarches = idx;
        r.pseudo = m.pseudo;
        r.consent = m.consent;
        r.renewed_from = m.id;
        if (days == 0)
                days = mandate_days(ctx, m.duration);
        snprintf(duration, sizeof(duration), "%dd", days);
        r.duration = duration;
        r.expires = mandate_expiry(e->now, days);
        aid = aidant != NULL ? xstrdup(aidant) : xasprintf("%lld", m.aidant);
        aidant_get(e, aid, &a);
        r.aidant = &a;
        mandate_helper_may_act(e, &a);
        id = mandate_make(e, &r);
        journal_renewal(e, &m, id);
        journal_commit(e);
        printf("%lld\n", id);
        free(aid);
        aidant_row_clear(&a);
        mandate_row_clear(&m);
        env_close(e);
        return 0;
}
