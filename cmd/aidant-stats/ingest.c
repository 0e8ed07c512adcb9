/* ingest mandate | diag: what the other tools already know, counted into the months of
 * the structure's own statistics. The mandate journal (aidant-mandate journal --format
 * ndjson) gives acts per démarche, mandates created and revoked, and the people helped
 * and helpers who acted; the diagnoses (aidant-diag list --format ndjson) give their
 * forms, autonomy, levels per competence, barriers and needs. Each entry is counted
 * once: its key is kept in the store, so a stream read twice changes nothing. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "fields.h"
#include "i18n.h"
#include "ingest.h"
#include "jsonw.h"
#include "msg.h"
#include "rec.h"
#include "record.h"
#include "store.h"
#include "text.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ST_INGESTED = 20 };

/* Records key in stream; false when it was already there (counted before). */
static bool first_time(struct ingest *in, const char *stream, const char *key)
{
        sqlite3_stmt *st = db_stmt(in->db, ST_INGESTED,
                                   "INSERT OR IGNORE INTO ingested (stream, key) VALUES (?, ?)");

        sqlite3_bind_text(st, 1, stream, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        store_step(in->db->sql, st);
        return sqlite3_changes(in->db->sql) > 0;
}

static void add(struct ingest *in, const char *rubrique, const char *modalite)
{
        db_cell(in->db, in->month, "", PART_INGEST, rubrique, modalite, 1);
}

/* Someone (a person helped, a helper) counted once in the month: kept as a hash of the
 * month and their id, so that a span of months counts them once too. */
static void distinct(struct ingest *in, const char *stream, const char *modalite, const char *id)
{
        unsigned char h[16];
        char key[8 + 33];

        crypto_generichash(h, sizeof(h), (const unsigned char *)id, strlen(id), NULL, 0);
        memcpy(key, in->month, 7);
        key[7] = ':';
        sodium_bin2hex(key + 8, 33, h, sizeof(h));
        if (first_time(in, stream, key))
                db_cell(in->db, in->month, "", PART_INGEST_PEOPLE, "mandat_personnes", modalite, 1);
}

/* A string field, or NULL with e set ("missing" or "not a text value"). */
static const char *need_text(json_t *o, const char *field, struct field_error *e)
{
        json_t *v = json_object_get(o, field);

        if (json_is_string(v) && json_string_length(v) > 0)
                return json_string_value(v);
        field_fail(e, field, v == NULL || json_is_null(v) ? _("missing") : _("not a text value"));
        return NULL;
}

/* The scalar v as text for an id (a helper's number, a pseudonym). */
static const char *id_text(json_t *v, char buf[32])
{
        if (json_is_integer(v)) {
                snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
                return buf;
        }
        return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The démarches of an act, checked: each one counted under its thématique. */
static int mandate_demarches(struct ingest *in, json_t *entry, bool count, struct field_error *e)
{
        json_t *list = json_object_get(entry, "demarches"), *d;
        size_t i;

        if (!json_is_array(list) || json_array_size(list) == 0)
                return field_fail(e, "demarches", "%s", _("missing (a list of démarches)"));
        json_array_foreach(list, i, d)
        {
                const char *t =
                    json_is_string(d) ? demarche_thematique(json_string_value(d)) : NULL;

                if (t == NULL)
                        return field_fail(
                            e, "demarches", _("unknown démarche '%s' (did you mean '%s'?)"),
                            json_is_string(d) ? json_string_value(d) : "?",
                            demarche_closest(json_is_string(d) ? json_string_value(d) : ""));
                if (count) {
                        add(in, "mandat", "demarches");
                        add(in, "mandat_demarche", t);
                }
        }
        return 0;
}

/* The actions counted; the others (structure, helpers, charter, keys...) are not. */
static bool counted_action(const char *action)
{
        static const char *const counted[] = {
            "use_autorisation", "refused_autorisation", "create_attestation",
            "renew_mandat",     "cancel_mandat",        "cancel_autorisation",
        };

        for (size_t i = 0; i < sizeof(counted) / sizeof(*counted); i++)
                if (strcmp(counted[i], action) == 0)
                        return true;
        return false;
}

static int mandate_counts(struct ingest *in, const char *action, json_t *entry,
                          struct field_error *e)
{
        char buf[32];
        const char *who;

        if (strcmp(action, "use_autorisation") == 0) {
                if (mandate_demarches(in, entry, true, e) != 0)
                        return -1;
                if ((who = id_text(json_object_get(entry, "usager"), buf)) != NULL)
                        distinct(in, "mandate-usager", "usagers", who);
                if ((who = id_text(json_object_get(entry, "aidant"), buf)) != NULL)
                        distinct(in, "mandate-aidant", "aidants", who);
        } else if (strcmp(action, "refused_autorisation") == 0) {
                add(in, "mandat", "refus");
        } else if (strcmp(action, "create_attestation") == 0) {
                add(in, "mandat", "mandats_crees");
        } else if (strcmp(action, "renew_mandat") == 0) {
                add(in, "mandat", "mandats_renouveles");
        } else if (strcmp(action, "cancel_mandat") == 0) {
                add(in, "mandat", "mandats_revoques");
        } else if (strcmp(action, "cancel_autorisation") == 0) {
                json_t *list = json_object_get(entry, "demarches");

                if (mandate_demarches(in, entry, false, e) != 0)
                        return -1;
                for (size_t i = 0; i < json_array_size(list); i++)
                        add(in, "mandat", "autorisations_revoquees");
        }
        return 0;
}

/* An entry of the journal: known by its number and the hash of the entry before it,
 * which no other entry of any journal shares. Returns 0, 1 when not counted, -1. */
static int mandate_entry(struct ingest *in, json_t *entry, struct field_error *e)
{
        const char *prev, *action, *when;
        json_t *seq = json_object_get(entry, "seq");
        char key[128], date[11];
        time_t t;

        if (!json_is_integer(seq) || json_integer_value(seq) < 1)
                return field_fail(e, "seq", "%s", _("missing (the entry's number)"));
        if ((prev = need_text(entry, "prev", e)) == NULL ||
            (action = need_text(entry, "action", e)) == NULL ||
            (when = need_text(entry, "time", e)) == NULL)
                return -1;
        if (clock_parse(when, &t) != 0)
                return field_fail(e, "time", _("'%s' is not a time"), when);
        clock_format_date(t, date);
        snprintf(in->month, sizeof(in->month), "%.7s", date);
        snprintf(key, sizeof(key), "%lld:%.64s", (long long)json_integer_value(seq), prev);
        if (!counted_action(action))
                return 1;
        if (!first_time(in, "mandate", key))
                return 2;
        return mandate_counts(in, action, entry, e);
}

/* Each value of a list field of a diagnosis (null once the person is forgotten). */
static int diag_list(struct ingest *in, json_t *d, const char *field, const char *rubrique,
                     const struct field_enum *en, struct field_error *e)
{
        json_t *list = json_object_get(d, field), *v;
        size_t i;

        if (list == NULL || json_is_null(list))
                return 0;
        if (!json_is_array(list))
                return field_fail(e, field, "%s", _("not a list"));
        json_array_foreach(list, i, v)
        {
                const char *s = json_string_value(v);

                if (s == NULL || s[0] == '\0')
                        return field_fail(e, field, "%s", _("not a text value"));
                if (en != NULL && field_find(en, s) < 0)
                        return field_fail(e, field, _("unknown value '%s' (did you mean '%s'?)"), s,
                                          field_closest(en, s));
                add(in, rubrique, s);
        }
        return 0;
}

/* The level of each competence ("pix:1.1:3"; "pix:1.1:non_evalue" when no question
 * informed it). */
static int diag_levels(struct ingest *in, json_t *d, const char *framework, struct field_error *e)
{
        json_t *levels = json_object_get(d, "levels"), *v;
        const char *code;

        if (levels == NULL || json_is_null(levels))
                return 0;
        if (!json_is_object(levels))
                return field_fail(e, "levels", "%s", _("not an object"));
        json_object_foreach(levels, code, v)
        {
                char mod[128];

                if (!json_is_null(v) &&
                    (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 8))
                        return field_fail(e, "levels", _("%s: not a level (0 to 8)"), code);
                if (json_is_null(v))
                        snprintf(mod, sizeof(mod), "%.40s:%.40s:non_evalue", framework, code);
                else
                        snprintf(mod, sizeof(mod), "%.40s:%.40s:%lld", framework, code,
                                 (long long)json_integer_value(v));
                add(in, "diagnostic_niveau", mod);
        }
        return 0;
}

/* A diagnosis: known by its local number, date and form, which stay when its person is
 * forgotten. Returns 0, 2 when already counted, -1. */
static int diag_entry(struct ingest *in, json_t *d, struct field_error *e)
{
        const char *date, *form, *framework, *autonomie, *source;
        json_t *n = json_object_get(d, "n");
        char day[11], key[160];

        if (!json_is_integer(n) || json_integer_value(n) < 1)
                return field_fail(e, "n", "%s", _("missing (the diagnosis number)"));
        if ((date = need_text(d, "date", e)) == NULL || (form = need_text(d, "form", e)) == NULL ||
            (framework = need_text(d, "framework", e)) == NULL ||
            (autonomie = need_text(d, "autonomie", e)) == NULL)
                return -1;
        if (clock_parse_date(date, day) != 0)
                return field_fail(e, "date", _("'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
                                  date);
        if (field_find(&enum_autonomie, autonomie) < 0)
                return field_fail(e, "autonomie", _("unknown value '%s' (did you mean '%s'?)"),
                                  autonomie, field_closest(&enum_autonomie, autonomie));
        source = json_string_value(json_object_get(d, "source"));
        snprintf(in->month, sizeof(in->month), "%.7s", day);
        snprintf(key, sizeof(key), "%lld:%s:%.120s", (long long)json_integer_value(n), day, form);
        if (!first_time(in, "diag", key))
                return 2;
        add(in, "diagnostic", "diagnostics");
        add(in, "diagnostic",
            source != NULL && strcmp(source, "import") == 0 ? "importes" : "locaux");
        add(in, "diagnostic_formulaire", form);
        add(in, "diagnostic_referentiel", framework);
        add(in, "diagnostic_autonomie", autonomie);
        if (diag_levels(in, d, framework, e) != 0 ||
            diag_list(in, d, "barriers", "diagnostic_frein", NULL, e) != 0 ||
            diag_list(in, d, "needs", "diagnostic_besoin", &enum_thematique, e) != 0)
                return -1;
        return 0;
}

int ingest_entry(struct ingest *in, json_t *entry, bool mandate, struct field_error *e)
{
        if (!json_is_object(entry))
                return field_fail(e, "-", "%s", _("not an object"));
        return mandate ? mandate_entry(in, entry, e) : diag_entry(in, entry, e);
}

static void print_counts(const struct ctx *ctx, const struct ingest *in)
{
        static const char *const rows[] = {N_("read"), N_("counted"), N_("unchanged"),
                                           N_("ignored")};
        const long v[] = {in->read, in->counted, in->unchanged, in->ignored};

        if (ctx->format != FMT_TABLE) {
                json_t *o = json_object();

                for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++)
                        json_object_set_new(o, rows[i], json_integer(v[i]));
                jsonw_print(stdout, o, ctx->format == FMT_NDJSON ? &jsonw_compact : &jsonw_pretty);
                json_decref(o);
                return;
        }
        for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++)
                printf("%s%*s%9ld\n", _(rows[i]), 12 - (int)text_utf8_len(_(rows[i])), "", v[i]);
}

/* Reads one stream; returns 0, or the exit code of the first bad entry. */
static int ingest_file(struct ingest *in, const char *path, bool mandate)
{
        struct rec_reader *rd = rec_open(path, FMT_AUTO);
        struct rec_loc loc;
        json_t *entry;
        int rc;

        if (rd == NULL)
                return msg_error(EX_NOINPUT, _("cannot open %s: %s"), path, strerror(errno));
        while ((rc = rec_next(rd, &entry, &loc)) == 1) {
                struct field_error e = {0};
                int r = ingest_entry(in, entry, mandate, &e);

                json_decref(entry);
                in->read++;
                if (r < 0) {
                        msg_error(EX_DATAERR, _("%s:%ld: %s: %s"), loc.file, loc.line, e.field,
                                  e.message);
                        field_error_clear(&e);
                        rec_close(rd);
                        return EX_DATAERR;
                }
                in->counted += r == 0;
                in->ignored += r == 1;
                in->unchanged += r == 2;
                db_maybe_flush(in->db);
        }
        if (rc < 0)
                msg_error(EX_DATAERR, "%s", rec_error(rd));
        rec_close(rd);
        return rc < 0 ? EX_DATAERR : 0;
}

int cmd_ingest(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{NULL, 0, NULL, 0}};
        struct ingest in = {0};
        bool mandate;
        int code = 0;

        while (cli_getopt(ctx, argc, argv, opts) != -1)
                ;
        if (optind >= argc)
                cli_usage_error(ctx, "%s", _("what to ingest? (mandate or diag)"));
        if (strcmp(argv[optind], "mandate") != 0 && strcmp(argv[optind], "diag") != 0)
                cli_usage_error(ctx, _("'%s' is neither mandate nor diag"), argv[optind]);
        mandate = strcmp(argv[optind++], "mandate") == 0;
        in.db = db_open(ctx);
        db_begin(in.db);
        if (optind == argc)
                code = ingest_file(&in, "-", mandate);
        for (int i = optind; i < argc && code == 0; i++)
                code = ingest_file(&in, argv[i], mandate);
        if (code == 0) {
                db_flush(in.db); /* a full disk is said before the counts */
                print_counts(ctx, &in);
        }
        if (code == 0 && (fflush(stdout) != 0 || ferror(stdout)))
                code = EX_IOERR;
        if (code != 0) {
                db_rollback(in.db);
                if (code == EX_DATAERR)
                        msg_error(code, "%s", _("nothing counted"));
        } else {
                db_commit(in.db);
        }
        db_close(in.db);
        return code;
}
