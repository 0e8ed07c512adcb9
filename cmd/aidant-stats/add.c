/* add and amend: one activity from options named after its fields (--type-lieu for
 * type_lieu), checked like an imported record; amend changes the fields given and keeps
 * the previous version. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "record.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Options whose value goes to the field of the same name (dashes for underscores). */
static const struct option field_options[] = {
    {"id", required_argument, NULL, 0x100 + 0},
    {"type", required_argument, NULL, 0x100 + 1},
    {"date", required_argument, NULL, 0x100 + 2},
    {"duree", required_argument, NULL, 0x100 + 3},
    {"duree-tranche", required_argument, NULL, 0x100 + 4},
    {"type-lieu", required_argument, NULL, 0x100 + 5},
    {"lieu", required_argument, NULL, 0x100 + 6},
    {"code-insee", required_argument, NULL, 0x100 + 7},
    {"code-postal", required_argument, NULL, 0x100 + 8},
    {"commune", required_argument, NULL, 0x100 + 9},
    {"materiel", required_argument, NULL, 0x100 + 10},
    {"thematique", required_argument, NULL, 0x100 + 11},
    {"precisions-demarche", required_argument, NULL, 0x100 + 12},
    {"autonomie", required_argument, NULL, 0x100 + 13},
    {"oriente-vers-structure", required_argument, NULL, 0x100 + 14},
    {"structure-de-redirection", required_argument, NULL, 0x100 + 15},
    {"titre-atelier", required_argument, NULL, 0x100 + 16},
    {"niveau", required_argument, NULL, 0x100 + 17},
    {"participants", required_argument, NULL, 0x100 + 18},
    {"usager", required_argument, NULL, 0x100 + 19},
    {"genre", required_argument, NULL, 0x100 + 20},
    {"annee-naissance", required_argument, NULL, 0x100 + 21},
    {"tranche-age", required_argument, NULL, 0x100 + 22},
    {"statut-social", required_argument, NULL, 0x100 + 23},
    {"commune-usager", required_argument, NULL, 0x100 + 24},
    {NULL, 0, NULL, 0},
};

/* How an option's value goes into the record. */
enum kind { ONE, LIST, PERSON, COUNTS };

static enum kind kind_of(const char *opt)
{
        if (strcmp(opt, "materiel") == 0 || strcmp(opt, "thematique") == 0)
                return LIST;
        if (strcmp(opt, "usager") == 0)
                return PERSON;
        if (strcmp(opt, "genre") == 0 || strcmp(opt, "tranche-age") == 0 ||
            strcmp(opt, "statut-social") == 0)
                return COUNTS;
        return ONE;
}

/* The field an option names: "type-lieu" -> "type_lieu", "thematique" -> "thematiques". */
static char *field_name(const char *opt)
{
        char *f;

        if (strcmp(opt, "thematique") == 0)
                return xstrdup("thematiques");
        f = xstrdup(opt);
        for (char *p = f; *p != '\0'; p++)
                if (*p == '-')
                        *p = '_';
        return f;
}

/* A list option: comma-separated and repeatable, appended to the field's list. */
static void add_to_list(json_t *in, const char *field, const char *value)
{
        json_t *a = json_object_get(in, field);
        char *copy = xstrdup(value), *save = NULL;

        if (!json_is_array(a)) {
                a = json_array();
                json_object_set_new(in, field, a);
        }
        for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
                json_array_append_new(a, json_string(t));
        free(copy);
}

/* "--genre feminin=3,masculin=2": counts of anonymous participants of a collective. */
static bool add_counts(json_t *in, const char *field, const char *value)
{
        json_t *anon = json_object_get(in, "anonymes"), *o;
        char *copy, *save = NULL;

        if (strchr(value, '=') == NULL)
                return false;
        if (anon == NULL) {
                anon = json_object();
                json_object_set_new(in, "anonymes", anon);
        }
        o = json_object();
        json_object_set_new(anon, field, o);
        copy = xstrdup(value);
        for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
                char *eq = strchr(t, '=');
                if (eq == NULL) {
                        json_object_set_new(o, t, json_string(""));
                        continue;
                }
                *eq = '\0';
                json_object_set_new(o, t, json_string(eq + 1));
        }
        free(copy);
        return true;
}

/* Reads the field options into in (the record being built), and the record's id into
 * *id when id is not NULL (amend). Returns the number of options given. */
static int parse_fields(struct ctx *ctx, int argc, char **argv, json_t *in, const char **id)
{
        int c, given = 0;
        json_t *people = NULL;

        while ((c = cli_getopt(ctx, argc, argv, field_options)) != -1) {
                const char *opt = field_options[c - 0x100].name;
                enum kind k = kind_of(opt);
                char *field = field_name(opt);

                given++;
                if (k == LIST) {
                        add_to_list(in, field, optarg);
                } else if (k == PERSON) {
                        if (people == NULL)
                                people = json_array();
                        json_array_append_new(people, json_string(optarg));
                } else if (k != COUNTS || !add_counts(in, field, optarg)) {
                        json_object_set_new(in, field, json_string(optarg));
                }
                free(field);
        }
        if (id != NULL) {
                if (optind + 1 != argc)
                        cli_usage_error(ctx, "%s", _("which record? (amend <id> [options])"));
                *id = argv[optind];
        } else {
                cli_no_args(ctx, argc, argv);
        }
        if (people != NULL && json_array_size(people) == 1 &&
            json_object_get(in, "anonymes") == NULL && json_object_get(in, "participants") == NULL)
                json_object_set(in, "usager", json_array_get(people, 0));
        else if (people != NULL)
                json_object_set(in, "beneficiaires", people);
        json_decref(people);
        return given;
}

/* The objects of the command in progress, reachable until the process ends: a refusal
 * (die) then leaves nothing a leak checker counts as lost. */
static json_t *live[4];

static json_t *keep(int slot, json_t *v)
{
        live[slot] = v;
        return v;
}

/* Checks the record or dies with 65 naming the field. */
static json_t *checked(json_t *in)
{
        struct field_error e = {0};
        json_t *rec = keep(3, record_check(in, &e));

        if (rec == NULL)
                die(EX_DATAERR, _("%s: %s"), e.field, e.message);
        return rec;
}

int cmd_add(int argc, char **argv, struct ctx *ctx)
{
        struct db *db;
        json_t *in = keep(0, json_object()), *rec;
        char id[19], today[11];

        parse_fields(ctx, argc, argv, in, NULL);
        db = db_open(ctx);
        if (json_object_get(in, "date") == NULL) {
                clock_format_date(db->now, today);
                json_object_set_new(in, "date", json_string(today));
        }
        json_object_set_new(in, "source", json_string("add"));
        if (json_object_get(in, "id") == NULL) {
                db_new_id(id);
                json_object_set_new(in, "id", json_string(id));
        }
        rec = checked(in);
        db_begin(db);
        if (db_put(db, rec) != DB_INSERTED) {
                db_rollback(db);
                die(EX_DATAERR, _("id: '%s' is already taken (use 'amend')"),
                    json_string_value(json_object_get(rec, "id")));
        }
        db_commit(db);
        printf("%s\n", json_string_value(json_object_get(rec, "id")));
        json_decref(in);
        json_decref(rec);
        db_close(db);
        return 0;
}

/* The stored record as input again: an individual's person in flat fields, so that
 * options such as --genre change it. */
static json_t *as_input(json_t *rec)
{
        json_t *in = json_deep_copy(rec), *people = json_object_get(in, "beneficiaires");
        json_t *anon = json_object_get(in, "anonymes"), *p, *v;
        const char *key;

        if (strcmp(json_string_value(json_object_get(in, "type")), "individuel") != 0)
                return in;
        if (json_array_size(people) == 1 &&
            json_object_get(json_array_get(people, 0), "usager") != NULL) {
                p = json_array_get(people, 0);
                json_object_foreach(p, key, v)
                {
                        if (strcmp(key, "tranche_age") == 0 &&
                            json_object_get(p, "annee_naissance") != NULL)
                                continue;
                        json_object_set(in, strcmp(key, "commune") == 0 ? "commune_usager" : key,
                                        v);
                }
                json_object_del(in, "beneficiaires");
        }
        json_object_foreach(anon, key, v)
        {
                const char *value = NULL;
                json_t *n;

                json_object_foreach(v, value, n) break;
                if (value != NULL)
                        json_object_set_new(in, key, json_string(value));
        }
        json_object_del(in, "anonymes");
        return in;
}

int cmd_amend(int argc, char **argv, struct ctx *ctx)
{
        struct db *db;
        json_t *old, *in, *opts = keep(0, json_object()), *rec, *v;
        const char *id = NULL, *key;
        int version;

        if (parse_fields(ctx, argc, argv, opts, &id) == 0)
                cli_usage_error(ctx, "%s", _("nothing to change: give the fields to correct"));
        if (json_object_get(opts, "id") != NULL)
                cli_usage_error(ctx, "%s", _("an id cannot be changed"));
        db = db_open(ctx);
        old = keep(1, db_get(db, id, &version));
        if (old == NULL)
                die(EX_NOINPUT, _("no record '%s'"), id);
        in = keep(2, as_input(old));
        json_object_foreach(opts, key, v)
        {
                json_object_set(in, key, v);
        }
        rec = checked(in);
        db_begin(db);
        if (db_put(db, rec) == DB_UNCHANGED)
                msg_notice(_("record %s unchanged"), id);
        else
                msg_notice(_("record %s corrected (version %d kept)"), id, version);
        db_commit(db);
        json_decref(old);
        json_decref(in);
        json_decref(opts);
        json_decref(rec);
        db_close(db);
        return 0;
}
