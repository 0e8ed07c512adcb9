/* Checking an activity record and writing it canonically: the rules of
 * DESIGN.md
 * ("aidant-stats") on types, durations, places, thématiques, the
 * individual-only and collective-only fields, and the participants (identified
 * by pseudonym, or anonymous with per-category counts). */
#include "record.h"
#include "fields.h"
#include "i18n.h"
#include "jsonw.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PARTICIPANTS_MAX 100000

/* The fields a record may hold, in canonical order; the flat ones after NULL
 * describe one person (an individual activity's beneficiary). */
static const char *const known[] = {
    "id",
    "type",
    "date",
    "duree",
    "duree_tranche",
    "type_lieu",
    "lieu",
    "code_insee",
    "code_postal",
    "commune",
    "materiel",
    "thematiques",
    "precisions_demarche",
    "autonomie",
    "oriente_vers_structure",
    "structure_de_redirection",
    "titre_atelier",
    "niveau",
    "participants",
    "beneficiaires",
    "anonymes",
    "source",
    "v1",
    NULL,
    "usager",
    "genre",
    "annee_naissance",
    "tranche_age",
    "statut_social",
    "commune_usager",
    NULL,
};

static const char *closest_field(const char *key)
{
        const char *best = known[0];
        double best_sim = -1;

        for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++) {
                double sim;

                if (known[i] == NULL)
                        continue;
                sim = text_similarity(known[i], key);
                if (sim > best_sim) {
                        best_sim = sim;
                        best = known[i];
                }
        }
        return best;
}

static int check_keys(json_t *in, struct field_error *e)
{
        const char *key;
        json_t *v;

        json_object_foreach(in, key, v)
        {
                bool found = false;

                for (size_t i = 0; i < sizeof(known) / sizeof(*known) && !found; i++)
                        found =
                            known[i] != NULL && known[i][0] == key[0] && strcmp(known[i], key) == 0;
                if (!found && value_get(in, key) != NULL)
                        return field_fail(e, key, _("unknown field (did you mean '%s'?)"),
                                          closest_field(key));
        }
        return 0;
}

struct build {
        json_t *in, *out;
        struct field_error *e;
        bool collectif;
        int year; /* of the activity */
        long participants;
        bool v1; /* a conseillers numériques v1 report: thématiques may be empty */
};

static void put(struct build *b, const char *key, json_t *v)
{
        if (v != NULL)
                json_object_set_new(b->out, key, v);
}

static int check_kind(struct build *b)
{
        static const char *const individual_aliases[] = {"demarche", "ponctuel", NULL};
        json_t *v = value_get(b->in, "type");
        const char *type = NULL;
        char date[11];
        char buf[32];
        const char *s = value_text(v, buf);

        if (v == NULL)
                return field_fail(b->e, "type", _("missing (individuel or collectif)"));
        for (int i = 0; s != NULL && individual_aliases[i] != NULL; i++)
                if (strcasecmp(s, individual_aliases[i]) == 0)
                        type = "individuel";
        if (type == NULL && value_enum(&enum_type, v, "type", b->e, &type) != 0)
                return -1;
        b->collectif = strcmp(type, "collectif") == 0;
        if (value_date(value_get(b->in, "date"), b->e, date) != 0)
                return -1;
        b->year = atoi(date);
        put(b, "type", json_string(type));
        put(b, "date", json_string(date));
        return 0;
}

static int check_duration(struct build *b)
{
        json_t *d = value_get(b->in, "duree"), *t = value_get(b->in, "duree_tranche");
        const char *bucket = NULL;
        long minutes;

        if (t != NULL && value_enum(&enum_duree, t, "duree_tranche", b->e, &bucket) != 0)
                return -1;
        if (d == NULL) {
                if (bucket == NULL)
                        return field_fail(b->e, "duree", _("missing (minutes, 1 to %d)"),
                                          DUREE_MAX);
                put(b, "duree_tranche", json_string(bucket));
                return 0;
        }
        if (value_number(d, "duree", 1, DUREE_MAX, b->e, &minutes) != 0)
                return -1;
        if (bucket != NULL && strcmp(bucket, duree_bucket(minutes)) != 0)
                return field_fail(b->e, "duree_tranche", _("'%s' does not hold %ld minutes"),
                                  bucket, minutes);
        put(b, "duree", json_integer(minutes));
        return 0;
}

/* A postcode or INSEE code field, checked against its shape. */
static int code_field(struct build *b, const char *field, const char *pattern, const char *what)
{
        json_t *v;

        if (value_free_text(b->in, field, 5, b->e, &v) != 0)
                return -1;
        if (v != NULL && !value_shape(json_string_value(v), pattern)) {
                field_fail(b->e, field, _("'%s' is not %s"), json_string_value(v), what);
                json_decref(v);
                return -1;
        }
        put(b, field, v);
        return 0;
}

static int check_place(struct build *b)
{
        json_t *v = value_get(b->in, "type_lieu"), *t;
        const char *type_lieu;

        if (v == NULL)
                return field_fail(b->e, "type_lieu",
                                  _("missing (lieu_activite, domicile, a_distance or autre)"));
        if (value_enum(&enum_type_lieu, v, "type_lieu", b->e, &type_lieu) != 0)
                return -1;
        put(b, "type_lieu", json_string(type_lieu));
        if (value_free_text(b->in, "lieu", 200, b->e, &t) != 0)
                return -1;
        put(b, "lieu", t);
        if (code_field(b, "code_insee", "dxddd", _("an INSEE code")) != 0 ||
            code_field(b, "code_postal", "ddddd", _("a postcode (5 digits)")) != 0)
                return -1;
        if (value_free_text(b->in, "commune", 200, b->e, &t) != 0)
                return -1;
        put(b, "commune", t);
        return 0;
}

static int check_themes(struct build *b)
{
        json_t *m, *t;

        if (value_enum_list(&enum_materiel, value_get(b->in, "materiel"), "materiel", b->e, &m) !=
            0)
                return -1;
        put(b, "materiel", m);
        if (value_enum_list(&enum_thematique, value_get(b->in, "thematiques"), "thematiques", b->e,
                            &t) != 0)
                return -1;
        if (t == NULL && !b->v1)
                return field_fail(b->e, "thematiques", _("missing: at least one thématique"));
        put(b, "thematiques", t != NULL ? t : json_array());
        return 0;
}

/* Fields of one kind of activity only: refused on the other. */
static int only_for(struct build *b, const char *const *fields, const char *kind)
{
        for (int i = 0; fields[i] != NULL; i++)
                if (value_get(b->in, fields[i]) != NULL)
                        return field_fail(b->e, fields[i], _("only for %s activities"), kind);
        return 0;
}

static int check_individual(struct build *b)
{
        static const char *const fields[] = {"autonomie", "oriente_vers_structure",
                                             "structure_de_redirection", "precisions_demarche",
                                             NULL};
        json_t *v, *t;
        const char *id;
        bool yes = false;

        if (b->collectif)
                return only_for(b, fields, "individuel");
        if (value_free_text(b->in, "precisions_demarche", 500, b->e, &t) != 0)
                return -1;
        put(b, "precisions_demarche", t);
        if ((v = value_get(b->in, "autonomie")) != NULL) {
                if (value_enum(&enum_autonomie, v, "autonomie", b->e, &id) != 0)
                        return -1;
                put(b, "autonomie", json_string(id));
        }
        if ((v = value_get(b->in, "oriente_vers_structure")) != NULL) {
                if (value_bool(v, "oriente_vers_structure", b->e, &yes) != 0)
                        return -1;
                put(b, "oriente_vers_structure", json_boolean(yes));
        }
        if ((v = value_get(b->in, "structure_de_redirection")) != NULL) {
                if (value_enum(&enum_redirection, v, "structure_de_redirection", b->e, &id) != 0)
                        return -1;
                put(b, "structure_de_redirection", json_string(id));
                if (json_object_get(b->out, "oriente_vers_structure") == NULL)
                        put(b, "oriente_vers_structure", json_true());
        }
        return 0;
}

static int check_collective(struct build *b)
{
        static const char *const fields[] = {"titre_atelier", "niveau", NULL};
        json_t *v = value_get(b->in, "participants"), *t;
        const char *id;

        if (!b->collectif) {
                if (v != NULL &&
                    (value_number(v, "participants", 1, 1, b->e, &b->participants) != 0))
                        return field_fail(b->e, "participants",
                                          _("an individual activity has one participant"));
                b->participants = 1;
                return only_for(b, fields, "collectif");
        }
        if (v == NULL)
                return field_fail(b->e, "participants",
                                  _("missing: a collective activity needs its participants"));
        if (value_number(v, "participants", 1, PARTICIPANTS_MAX, b->e, &b->participants) != 0)
                return -1;
        if (value_free_text(b->in, "titre_atelier", 200, b->e, &t) != 0)
                return -1;
        put(b, "titre_atelier", t);
        if ((v = value_get(b->in, "niveau")) != NULL) {
                if (value_enum(&enum_niveau, v, "niveau", b->e, &id) != 0)
                        return -1;
                put(b, "niveau", json_string(id));
        }
        return 0;
}

/* --- the people
 * ----------------------------------------------------------------- */

static int pseudonym(json_t *v, const char *field, struct field_error *e, json_t **out)
{
        char buf[32];
        const char *s = value_text(v, buf);
        size_t n = s != NULL ? strlen(s) : 0;

        if (n == 0 || n > 64)
                return field_fail(e, field, _("a pseudonym is 1 to 64 characters"));
        for (size_t i = 0; i < n; i++)
                if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
                        return field_fail(e, field,
                                          _("'%s' is not a pseudonym (letters, digits, '-', "
                                            "'_' and '.' only)"),
                                          s);
        *out = json_string(s);
        return 0;
}

/* The attributes of one person, from the fields named by f (beneficiary object
 * or the flat fields of an individual record). */
struct person_fields {
        const char *usager, *genre, *annee, *tranche, *statut, *commune;
};

static const struct person_fields nested = {"usager",      "genre",         "annee_naissance",
                                            "tranche_age", "statut_social", "commune"};
static const struct person_fields flat = {"usager",      "genre",         "annee_naissance",
                                          "tranche_age", "statut_social", "commune_usager"};

static int person_enum(struct build *b, json_t *in, const char *field, const char *key,
                       const struct field_enum *en, json_t *out)
{
        json_t *v = value_get(in, field);
        const char *id;

        if (v == NULL)
                return 0;
        if (value_enum(en, v, field, b->e, &id) != 0)
                return -1;
        if (field_is_v1_bucket(id))
                return field_fail(
                    b->e, field, _("'%s' is a bucket of the v1 reports, for anonymous counts only"),
                    id);
        json_object_set_new(out, key, json_string(id));
        return 0;
}

static int person_age(struct build *b, json_t *in, const struct person_fields *f, json_t *p)
{
        json_t *v = value_get(in, f->annee);
        long year;

        if (person_enum(b, in, f->tranche, "tranche_age", &enum_tranche_age, p) != 0)
                return -1;
        if (v == NULL)
                return 0;
        if (value_number(v, f->annee, 1900, b->year, b->e, &year) != 0)
                return -1;
        const char *derived = tranche_from_year((int)year, b->year);
        json_t *given = json_object_get(p, "tranche_age");
        if (given != NULL && strcmp(json_string_value(given), derived) != 0)
                return field_fail(b->e, f->tranche,
                                  _("'%s' does not match the birth year %ld ('%s')"),
                                  json_string_value(given), year, derived);
        json_object_set_new(p, "annee_naissance", json_integer(year));
        json_object_set_new(p, "tranche_age", json_string(derived));
        return 0;
}

/* One identified person: a new object, or NULL with the error set. */
static json_t *person(struct build *b, json_t *in, const struct person_fields *f)
{
        json_t *p = json_object(), *u = NULL, *c;

        if (pseudonym(value_get(in, f->usager), f->usager, b->e, &u) != 0)
                goto fail;
        json_object_set_new(p, "usager", u);
        if (person_enum(b, in, f->genre, "genre", &enum_genre, p) != 0 ||
            person_age(b, in, f, p) != 0 ||
            person_enum(b, in, f->statut, "statut_social", &enum_statut_social, p) != 0 ||
            value_free_text(in, f->commune, 200, b->e, &c) != 0)
                goto fail;
        if (c != NULL)
                json_object_set_new(p, "commune", c);
        return p;
fail:
        json_decref(p);
        return NULL;
}

/* A beneficiaries cell of a CSV: a JSON array, objects joined with '|', or
 * pseudonyms. */
static json_t *people_list(json_t *v, struct field_error *e)
{
        json_t *a, *parts, *x;
        size_t i;

        if (json_is_array(v))
                return json_incref(v);
        if (!json_is_string(v))
                return field_fail(e, "beneficiaires", _("not a list")), NULL;
        const char *s = json_string_value(v);
        if (s[0] == '[') {
                a = json_loads(s, 0, NULL);
                if (!json_is_array(a)) {
                        json_decref(a);
                        return field_fail(e, "beneficiaires", _("not a JSON list")), NULL;
                }
                return a;
        }
        a = json_array();
        parts = record_list(v);
        json_array_foreach(parts, i, x)
        {
                const char *t = json_string_value(x);
                json_t *o = t[0] == '{' ? json_loads(t, 0, NULL) : json_pack("{s:s}", "usager", t);

                if (o == NULL) {
                        json_decref(parts);
                        json_decref(a);
                        return field_fail(e, "beneficiaires", _("not a JSON object: %s"), t), NULL;
                }
                json_array_append_new(a, o);
        }
        json_decref(parts);
        return a;
}

static int check_identified(struct build *b, json_t *list, json_t *out)
{
        size_t i;
        json_t *x;

        json_array_foreach(list, i, x)
        {
                json_t *p, *wrapped = NULL;

                if (json_is_string(x))
                        x = wrapped = json_pack("{s:O}", "usager", x);
                if (!json_is_object(x))
                        return field_fail(b->e, "beneficiaires", _("entry %zu is not an object"),
                                          i + 1);
                if (json_is_true(json_object_get(x, "anonymise"))) {
                        json_array_append_new(out, json_pack("{s:b}", "anonymise", 1));
                        continue;
                }
                p = person(b, x, &nested);
                json_decref(wrapped);
                if (p == NULL)
                        return -1;
                for (size_t j = 0; j < json_array_size(out); j++)
                        if (json_equal(json_object_get(json_array_get(out, j), "usager"),
                                       json_object_get(p, "usager"))) {
                                field_fail(b->e, "beneficiaires", _("'%s' is listed twice"),
                                           json_string_value(json_object_get(p, "usager")));
                                json_decref(p);
                                return -1;
                        }
                json_array_append_new(out, p);
        }
        if ((long)json_array_size(out) > b->participants)
                return field_fail(b->e, "beneficiaires",
                                  _("%zu people listed for %ld participant(s)"),
                                  json_array_size(out), b->participants);
        return 0;
}

/* The counts of one category of anonymous participants, checked into o. */
static int anonymous_counts(struct build *b, const struct field_enum *en, json_t *counts,
                            long anonymous, json_t *o)
{
        const char *key, *id;
        long sum = 0, k;
        json_t *n;

        json_object_foreach(counts, key, n)
        {
                json_t *kv = json_string(key);
                int bad = 0;

                id = key;
                if (en != NULL)
                        bad = value_enum(en, kv, "anonymes", b->e, &id) != 0;
                else if (!value_shape(key, "dxddd"))
                        bad = field_fail(b->e, "anonymes", _("commune '%s' is not a code"), key);
                json_decref(kv);
                if (bad || value_number(n, "anonymes", 0, PARTICIPANTS_MAX, b->e, &k) != 0)
                        return -1;
                if (k > 0)
                        json_object_set_new(o, id, json_integer(k));
                sum += k;
        }
        if (sum > anonymous)
                return field_fail(b->e, "anonymes",
                                  _("%ld counted by %s for %ld anonymous participant(s)"), sum,
                                  en != NULL ? en->name : "commune", anonymous);
        return 0;
}

/* Per-category counts of the anonymous participants: {"genre": {"feminin": 3},
 * ..., "commune": {"73065": 2}}. */
static int check_anonymous(struct build *b, json_t *v, long anonymous, json_t **out)
{
        static const char *const names[] = {"genre", "tranche_age", "statut_social", "commune"};
        const struct field_enum *const cats[] = {&enum_genre, &enum_tranche_age,
                                                 &enum_statut_social, NULL};
        json_t *in = json_is_string(v) ? json_loads(json_string_value(v), 0, NULL) : json_incref(v);
        int rc = 0;

        *out = json_object();
        if (!json_is_object(in)) {
                json_decref(in);
                return field_fail(b->e, "anonymes", _("not an object of counts"));
        }
        for (size_t c = 0; c < 4 && rc == 0; c++) {
                json_t *o = json_object();

                rc = anonymous_counts(b, cats[c], json_object_get(in, names[c]), anonymous, o);
                if (rc == 0 && json_object_size(o) > 0)
                        json_object_set_new(*out, names[c], o);
                else
                        json_decref(o);
        }
        json_decref(in);
        return rc;
}

/* The flat fields of an individual record: its one person, identified or
 * anonymous. */
static int check_flat_person(struct build *b, json_t *people, json_t *anonymous)
{
        static const char *const fields[] = {"usager",      "genre",         "annee_naissance",
                                             "tranche_age", "statut_social", "commune_usager",
                                             NULL};
        json_t *p;
        bool any = false;

        for (int i = 0; fields[i] != NULL; i++)
                any = any || value_get(b->in, fields[i]) != NULL;
        if (!any)
                return 0;
        if (b->collectif)
                for (int i = 0; fields[i] != NULL; i++)
                        if (value_get(b->in, fields[i]) != NULL)
                                return field_fail(b->e, fields[i],
                                                  _("a collective activity lists its people in "
                                                    "beneficiaires and anonymes"));
        if (json_array_size(people) > 0 || json_object_size(anonymous) > 0)
                return field_fail(b->e, "usager",
                                  _("give the person either in flat fields or in beneficiaires "
                                    "and anonymes, not both"));
        if (value_get(b->in, "usager") != NULL) {
                if ((p = person(b, b->in, &flat)) == NULL)
                        return -1;
                json_array_append_new(people, p);
                return 0;
        }
        if (value_get(b->in, "commune_usager") != NULL)
                return field_fail(b->e, "commune_usager",
                                  _("kept for identified people only (give usager)"));
        /* anonymous: the same checks on a copy that names them, then counted once per
         * category */
        json_t *named = json_copy(b->in);

        json_object_set_new(named, "usager", json_string("anonyme"));
        p = person(b, named, &flat);
        json_decref(named);
        if (p == NULL)
                return -1;
        for (const char *const *k =
                 (const char *const[]){"genre", "tranche_age", "statut_social", NULL};
             *k != NULL; k++) {
                json_t *v = json_object_get(p, *k);
                if (v != NULL)
                        json_object_set_new(anonymous, *k,
                                            json_pack("{s:i}", json_string_value(v), 1));
        }
        json_decref(p);
        return 0;
}

static int check_people(struct build *b)
{
        json_t *v = value_get(b->in, "beneficiaires"), *list, *people = json_array(),
               *anonymous = NULL;
        int rc = -1;

        if (v != NULL) {
                if ((list = people_list(v, b->e)) == NULL)
                        goto done;
                rc = check_identified(b, list, people);
                json_decref(list);
                if (rc != 0)
                        goto done;
                rc = -1;
        }
        v = value_get(b->in, "anonymes");
        if (v != NULL &&
            check_anonymous(b, v, b->participants - (long)json_array_size(people), &anonymous) != 0)
                goto done;
        if (anonymous == NULL)
                anonymous = json_object();
        if (check_flat_person(b, people, anonymous) != 0)
                goto done;
        put(b, "participants", json_integer(b->participants));
        if (json_array_size(people) > 0)
                put(b, "beneficiaires", json_incref(people));
        if (json_object_size(anonymous) > 0)
                put(b, "anonymes", json_incref(anonymous));
        rc = 0;
done:
        json_decref(people);
        json_decref(anonymous);
        return rc;
}

static int check_extra(struct build *b)
{
        json_t *v, *id;

        if (value_free_text(b->in, "source", 32, b->e, &v) != 0)
                return -1;
        put(b, "source", v);
        v = value_get(b->in, "v1");
        if (v != NULL) {
                json_t *o = json_is_string(v) ? json_loads(json_string_value(v), 0, NULL)
                                              : json_deep_copy(v);
                if (!json_is_object(o)) {
                        json_decref(o);
                        return field_fail(b->e, "v1", _("not an object"));
                }
                put(b, "v1", o);
        }
        if (value_free_text(b->in, "id", 64, b->e, &id) != 0)
                return -1;
        if (id != NULL)
                json_object_set_new(b->out, "id", id);
        return 0;
}

json_t *record_check(json_t *in, struct field_error *e)
{
        struct build b = {.e = e};

        if (!json_is_object(in)) {
                field_fail(e, "-", _("not an object"));
                return NULL;
        }
        b.in = in;
        b.out = json_object();
        {
                json_t *src = value_get(in, "source");
                b.v1 = json_is_string(src) && strcmp(json_string_value(src), "cnfs-v1") == 0;
        }
        if (check_keys(in, e) != 0 || check_kind(&b) != 0 || check_collective(&b) != 0 ||
            check_duration(&b) != 0 || check_place(&b) != 0 || check_themes(&b) != 0 ||
            check_individual(&b) != 0 || check_people(&b) != 0 || check_extra(&b) != 0) {
                json_decref(b.out);
                return NULL;
        }
        return b.out;
}

/* --- what a record adds to its month
 * --------------------------------------------- */

static void add_list(json_t *list, const char *rubrique, cell_fn add, void *arg, long w, int from,
                     int to)
{
        size_t i;
        json_t *x;

        json_array_foreach(list, i, x)
        {
                int k = field_find(&enum_thematique, json_string_value(x));
                if (from < 0 || (k >= from && k < to))
                        add(arg, rubrique, json_string_value(x), w);
        }
}

static void add_anonymous(json_t *rec, cell_fn add, void *arg, long anonymous)
{
        static const char *const cats[] = {"genre", "tranche_age", "statut_social", "commune"};
        json_t *counts = json_object_get(rec, "anonymes");

        add(arg, "total", "beneficiaires", anonymous);
        add(arg, "total", "beneficiaires_anonymes", anonymous);
        for (size_t c = 0; c < 4; c++) {
                json_t *o = json_object_get(counts, cats[c]), *n;
                const char *key;
                long rest = anonymous;

                json_object_foreach(o, key, n)
                {
                        add(arg, cats[c], key, (long)json_integer_value(n));
                        rest -= (long)json_integer_value(n);
                }
                if (rest > 0)
                        add(arg, cats[c], "non_communique", rest);
        }
}

void record_cells(json_t *rec, cell_fn add, void *arg)
{
        bool collectif = strcmp(json_string_value(json_object_get(rec, "type")), "collectif") == 0;
        long w = (long)json_integer_value(json_object_get(rec, "participants"));
        json_t *d = json_object_get(rec, "duree");
        long anonymous = w - (long)json_array_size(json_object_get(rec, "beneficiaires"));

        add(arg, "total", "activites", 1);
        add(arg, "total", collectif ? "activites_collectives" : "activites_individuelles", 1);
        add(arg, "total", "accompagnements", w);
        add(arg, "total", collectif ? "accompagnements_collectifs" : "accompagnements_individuels",
            w);
        add(arg, "duree",
            d != NULL ? duree_bucket((long)json_integer_value(d))
                      : json_string_value(json_object_get(rec, "duree_tranche")),
            w);
        add(arg, "type_lieu", json_string_value(json_object_get(rec, "type_lieu")), w);
        add_list(json_object_get(rec, "thematiques"), "thematique", add, arg, w, 0,
                 THEMATIQUE_DEMARCHES_FROM);
        add_list(json_object_get(rec, "thematiques"), "thematique_demarche", add, arg, w,
                 THEMATIQUE_DEMARCHES_FROM, 64);
        add_list(json_object_get(rec, "materiel"), "materiel", add, arg, w, -1, 0);
        if (anonymous > 0)
                add_anonymous(rec, add, arg, anonymous);
}

void record_month(json_t *rec, char month[8])
{
        const char *d = json_string_value(json_object_get(rec, "date"));
        size_t n = d != NULL ? strnlen(d, 7) : 0;

        memcpy(month, d != NULL ? d : "", n); /* twice per record: no format call */
        month[n] = '\0';
}

void record_write(struct strbuf *b, json_t *rec)
{
        struct {
                size_t at;
                const char *key;
                json_t *v;
        } f[sizeof(known) / sizeof(*known)];
        size_t n = 0;
        const char *key;
        json_t *v;

        /* the record's fields in the order of known[] up to its first NULL (the flat
         * person fields are never in a checked record) */
        json_object_foreach(rec, key, v)
        {
                size_t i = 0, j;

                while (known[i] != NULL && (known[i][0] != key[0] || strcmp(known[i], key) != 0))
                        i++;
                if (known[i] == NULL || n == sizeof(f) / sizeof(*f))
                        continue;
                for (j = n++; j > 0 && f[j - 1].at > i; j--)
                        f[j] = f[j - 1];
                f[j].at = i;
                f[j].key = known[i];
                f[j].v = v;
        }
        strbuf_addch(b, '{');
        for (size_t i = 0; i < n; i++) {
                if (i > 0)
                        strbuf_addch(b, ',');
                jsonw_key(b, f[i].key, &jsonw_compact);
                jsonw_value(b, f[i].v, &jsonw_compact, 0);
        }
        strbuf_addch(b, '}');
}

char *record_text(json_t *rec)
{
        struct strbuf b = STRBUF_INIT;

        record_write(&b, rec);
        return strbuf_detach(&b, NULL);
}
