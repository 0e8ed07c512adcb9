/* check, use, revoke and renew: what a helper may do now under the mandates in force,
 * acts and refusals journaled, and signed revocations. */
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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mandate_get(struct env *e, const char *id, struct mandate_row *out)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT id, aidant, ifnull(renewed_from, 0), usager, duration, consent, code,"
                   " created, expires FROM mandat WHERE id = ?");
        char *end;
        long long n;

        errno = 0;
        n = strtoll(id, &end, 10);
        if (errno != 0 || end == id || *end != '\0')
                n = -1;
        sqlite3_bind_int64(st, 1, n);
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, _("unknown mandate '%s'"), id);
        out->id = sqlite3_column_int64(st, 0);
        out->aidant = sqlite3_column_int64(st, 1);
        out->renewed_from = sqlite3_column_int64(st, 2);
        out->pseudo = xstrdup((const char *)sqlite3_column_text(st, 3));
        out->duration = xstrdup((const char *)sqlite3_column_text(st, 4));
        out->consent = xstrdup((const char *)sqlite3_column_text(st, 5));
        out->code = xstrdup((const char *)sqlite3_column_text(st, 6));
        out->created = (time_t)sqlite3_column_int64(st, 7);
        out->expires = (time_t)sqlite3_column_int64(st, 8);
        sqlite3_finalize(st);
}

void mandate_row_clear(struct mandate_row *m)
{
        free(m->pseudo);
        free(m->duration);
        free(m->consent);
        free(m->code);
}

struct verdict {
        bool yes;
        long long mandat;
        const char *code; /* journal reason when no */
        char why[256];    /* translated sentence */
};

/* Why the person has no authorisation in force for the démarche. */
static void explain_no(struct env *e, const char *pseudo, int d, struct verdict *v)
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT m.id, a.revoked_at, m.expires FROM autorisation a JOIN mandat m"
                   " ON m.id = a.mandat WHERE m.usager = ? AND a.demarche = ?"
                   " ORDER BY m.created DESC, m.id DESC LIMIT 1");
        char date[11];

        store_bind_text(st, 1, pseudo);
        store_bind_text(st, 2, demarche_ids[d]);
        if (store_step(e->db, st) != SQLITE_ROW) {
                v->code = "no_mandate";
                snprintf(v->why, sizeof(v->why), _("no mandate covers the démarche %s"),
                         demarche_ids[d]);
        } else if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
                v->code = "revoked";
                clock_format_date((time_t)sqlite3_column_int64(st, 1), date);
                snprintf(v->why, sizeof(v->why), _("mandate %lld was revoked for %s on %s"),
                         (long long)sqlite3_column_int64(st, 0), demarche_ids[d], date);
        } else {
                v->code = "expired";
                clock_format_date((time_t)sqlite3_column_int64(st, 2), date);
                snprintf(v->why, sizeof(v->why), _("mandate %lld for %s expired on %s"),
                         (long long)sqlite3_column_int64(st, 0), demarche_ids[d], date);
        }
        sqlite3_finalize(st);
}

static void judge(struct env *e, const struct aidant_row *a, const char *pseudo, int d,
                  struct verdict *v)
{
        sqlite3_stmt *st;
        bool forgotten;

        memset(v, 0, sizeof(*v));
        usager_get(e, pseudo, &forgotten);
        if (a->disabled) {
                v->code = "aidant_disabled";
                snprintf(v->why, sizeof(v->why), _("helper %lld is disabled"), a->id);
                return;
        }
        if (!a->charter_ok) {
                v->code = "charter_not_accepted";
                snprintf(v->why, sizeof(v->why),
                         _("helper %lld has not accepted the current charter"), a->id);
                return;
        }
        st = store_prepare(e->db,
                           "SELECT m.id, m.expires FROM autorisation a JOIN mandat m ON m.id ="
                           " a.mandat WHERE m.usager = ? AND a.demarche = ? AND a.revoked_at IS"
                           " NULL AND m.created <= ?3 AND m.expires > ?3 ORDER BY m.id DESC");
        store_bind_text(st, 1, pseudo);
        store_bind_text(st, 2, demarche_ids[d]);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)e->now);
        if (!forgotten && store_step(e->db, st) == SQLITE_ROW) {
                char date[11];

                v->yes = true;
                v->mandat = sqlite3_column_int64(st, 0);
                clock_format_date((time_t)sqlite3_column_int64(st, 1), date);
                snprintf(v->why, sizeof(v->why), _("mandate %lld covers %s until %s"), v->mandat,
                         demarche_ids[d], date);
        } else if (forgotten) {
                v->code = "usager_forgotten";
                snprintf(v->why, sizeof(v->why), _("person %s was forgotten"), pseudo);
        } else {
                explain_no(e, pseudo, d, v);
        }
        sqlite3_finalize(st);
}

struct act_opts {
        const char *pseudo, *aidant, *demarche, *note;
};

static void parse_act(struct ctx *ctx, int argc, char **argv, struct act_opts *o, bool note)
{
        static const struct option longopts[] = {
            {"usager", required_argument, NULL, 'u'},
            {"aidant", required_argument, NULL, 'a'},
            {"demarche", required_argument, NULL, 'd'},
            {"note", required_argument, NULL, 'N'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'u')
                        o->pseudo = optarg;
                else if (c == 'a')
                        o->aidant = optarg;
                else if (c == 'd')
                        o->demarche = optarg;
                else if (note)
                        o->note = optarg;
                else
                        cli_usage_error(ctx, _("unknown option '%s'"), "--note");
        }
        cli_no_args(ctx, argc, argv);
        arg_text(ctx, "--note", o->note);
        if (o->pseudo == NULL || o->aidant == NULL || o->demarche == NULL)
                cli_usage_error(ctx, "%s", _("--usager, --aidant and --demarche are required"));
        if (demarche_find(o->demarche) < 0)
                cli_usage_error(ctx, _("unknown démarche '%s' (one of: %s)"), o->demarche,
                                "papiers, famille, social, travail, logement, transports, "
                                "argent, justice, etranger, loisirs");
}

int cmd_check(int argc, char **argv, struct ctx *ctx)
{
        struct act_opts o = {0};
        struct aidant_row a;
        struct verdict v;
        struct env *e;

        parse_act(ctx, argc, argv, &o, false);
        e = env_open(ctx);
        aidant_get(e, o.aidant, &a);
        judge(e, &a, o.pseudo, demarche_find(o.demarche), &v);
        printf(v.yes ? _("yes: %s\n") : _("no: %s\n"), v.why);
        aidant_row_clear(&a);
        env_close(e);
        return v.yes ? 0 : EX_NO;
}

int cmd_use(int argc, char **argv, struct ctx *ctx)
{
        struct act_opts o = {0};
        struct aidant_row a;
        struct verdict v;
        struct env *e;
        json_t *extra;
        int d;

        parse_act(ctx, argc, argv, &o, true);
        d = demarche_find(o.demarche);
        e = env_open_writer(ctx);
        /* judged inside the transaction: no revocation can slip in before the act */
        journal_begin(e);
        aidant_get(e, o.aidant, &a);
        judge(e, &a, o.pseudo, d, &v);
        if (v.yes) {
                extra = o.note != NULL ? jpack("{s:s}", "note", o.note) : NULL;
                journal_autorisation(e, "use_autorisation", a.id, o.pseudo, v.mandat, d, extra);
        } else {
                extra = jpack("{s:s}", "reason", v.code);
                journal_autorisation(e, "refused_autorisation", a.id, o.pseudo, 0, d, extra);
        }
        json_decref(extra);
        journal_commit(e);
        aidant_row_clear(&a);
        env_close(e);
        if (!v.yes)
                return msg_error(EX_NOPERM, _("refused: %s (the refusal is journaled)"), v.why);
        printf(_("recorded: %s\n"), v.why);
        return 0;
}
