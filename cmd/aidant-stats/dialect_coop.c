/* The Coop de la médiation numérique's activity export (buildAccompagnementsWorksheet):
 * French column headers, labels instead of ids, multi-values separated by newlines, and
 * one row per person helped ("Participants" 1 or "i/n"), the rows of one activity
 * sharing its "ID CRA". The people are not named here: each row is an anonymous
 * participant with its genre, age bucket, status and commune. */
#include "dialect.h"
#include "fields.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dialect_fold(const char *s)
{
        return text_fold(s);
}

/* The value of a column named like header (folded comparison), or NULL when empty. */
static const char *column(json_t *row, const char *header)
{
        char *want = dialect_fold(header);
        const char *key, *found = NULL;
        json_t *v;

        json_object_foreach(row, key, v)
        {
                char *k = dialect_fold(key);
                bool same = strcmp(k, want) == 0;

                free(k);
                if (same) {
                        found = json_string_value(v);
                        break;
                }
        }
        free(want);
        return found != NULL && found[0] != '\0' ? found : NULL;
}

/* The id of the enumeration value whose label (or id) is s, folded; NULL when none. */
static const char *by_label(const struct field_enum *en, const char *s)
{
        char *f = dialect_fold(s);
        const char *id = NULL;

        for (size_t i = 0; i < en->count && id == NULL; i++) {
                char *l = dialect_fold(en->choices[i].label);
                if (strcmp(l, f) == 0 || strcmp(en->choices[i].id, f) == 0)
                        id = en->choices[i].id;
                free(l);
        }
        free(f);
        return id;
}

static int label_value(json_t *row, const char *header, const struct field_enum *en, json_t *out,
                       const char *field, struct field_error *e)
{
        const char *s = column(row, header), *id;

        if (s == NULL)
                return 0;
        id = by_label(en, s);
        if (id == NULL)
                return field_fail(e, header, _("unknown value '%s' (did you mean '%s'?)"), s,
                                  field_label(en, field_closest(en, s)));
        json_object_set_new(out, field, json_string(id));
        return 0;
}

/* A cell of labels separated by newlines: an array of ids. */
static int label_list(json_t *row, const char *header, const struct field_enum *en, json_t *out,
                      const char *field, struct field_error *e)
{
        const char *s = column(row, header);
        json_t *a = json_array();
        char *copy, *save = NULL;

        json_object_set_new(out, field, a);
        if (s == NULL)
                return 0;
        copy = xstrdup(s);
        for (char *t = strtok_r(copy, "\r\n", &save); t != NULL;
             t = strtok_r(NULL, "\r\n", &save)) {
                const char *id = by_label(en, t);

                if (id == NULL) {
                        field_fail(e, header, _("unknown value '%s' (did you mean '%s'?)"), t,
                                   field_label(en, field_closest(en, t)));
                        free(copy);
                        return -1;
                }
                json_array_append_new(a, json_string(id));
        }
        free(copy);
        return 0;
}

static void copy_column(json_t *row, const char *header, json_t *out, const char *field)
{
        const char *s = column(row, header);

        if (s != NULL)
                json_object_set_new(out, field, json_string(s));
}

/* "2/3" stars: autonomy of an individual, level of a workshop. */
static int stars(json_t *row, json_t *out, bool collectif, struct field_error *e)
{
        static const char *const header = "Niveau d'autonomie (ou de l'atelier)";
        const char *s = column(row, header);
        const struct field_enum *en = collectif ? &enum_niveau : &enum_autonomie;

        if (s == NULL)
                return 0;
        if (s[1] != '/' || s[0] < '1' || s[0] > '3')
                return field_fail(e, header, _("'%s' is not 1/3, 2/3 or 3/3"), s);
        json_object_set_new(out, collectif ? "niveau" : "autonomie",
                            json_string(en->choices[s[0] - '1'].id));
        return 0;
}

/* The activity's own fields, from its first row. */
static json_t *activity(json_t *row, struct field_error *e)
{
        json_t *out = json_object();
        const char *type;
        bool collectif;

        copy_column(row, "Date", out, "date");
        if (label_value(row, "Type", &enum_type, out, "type", e) != 0)
                goto fail;
        type = json_string_value(json_object_get(out, "type"));
        collectif = type != NULL && strcmp(type, "collectif") == 0;
        if (label_value(row, "Canaux d'accompagnement", &enum_type_lieu, out, "type_lieu", e) !=
                0 ||
            label_list(row, "Matériel numérique utilisé", &enum_materiel, out, "materiel", e) !=
                0 ||
            label_list(row, "Thématique(s) d'accompagnement", &enum_thematique, out, "thematiques",
                       e) != 0 ||
            stars(row, out, collectif, e) != 0)
                goto fail;
        copy_column(row, "Nom du lieu", out, "lieu");
        copy_column(row, "Commune", out, "commune");
        copy_column(row, "Code postal", out, "code_postal");
        copy_column(row, "Code Insee", out, "code_insee");
        copy_column(row, "Durée (min)", out, "duree");
        if (collectif) {
                copy_column(row, "Nom de l'atelier", out, "titre_atelier");
        } else {
                copy_column(row, "Nom de la démarche administrative", out, "precisions_demarche");
                copy_column(row, "Bénéficiaire réorienté", out, "oriente_vers_structure");
                if (label_value(row, "Structure de redirection", &enum_redirection, out,
                                "structure_de_redirection", e) != 0)
                        goto fail;
        }
        json_object_set_new(out, "participants", json_integer(0));
        json_object_set_new(out, "anonymes", json_object());
        json_object_set_new(out, "source", json_string("coop"));
        return out;
fail:
        json_decref(out);
        return NULL;
}

static void bump(json_t *anon, const char *category, const char *value)
{
        json_t *o = json_object_get(anon, category), *n;

        if (o == NULL) {
                o = json_object();
                json_object_set_new(anon, category, o);
        }
        n = json_object_get(o, value);
        json_object_set_new(o, value, json_integer(n != NULL ? json_integer_value(n) + 1 : 1));
}

/* One person helped, read from a row: {genre, tranche_age, statut_social, commune} as
 * known (new object), or NULL with e set. */
static json_t *participant(json_t *row, struct field_error *e)
{
        static const struct {
                const char *header, *category;
                const struct field_enum *en;
        } cats[] = {
            {"Genre du bénéficiaire", "genre", &enum_genre},
            {"Tranche d'âge du bénéficiaire", "tranche_age", &enum_tranche_age},
            {"Statut du bénéficiaire", "statut_social", &enum_statut_social},
        };
        json_t *one = json_object();
        const char *commune = column(row, "Code Insee du bénéficiaire");

        for (size_t i = 0; i < 3; i++) {
                if (label_value(row, cats[i].header, cats[i].en, one, cats[i].category, e) != 0) {
                        json_decref(one);
                        return NULL;
                }
        }
        if (commune == NULL)
                commune = column(row, "Code postal du bénéficiaire");
        if (commune != NULL)
                json_object_set_new(one, "commune", json_string(commune));
        return one;
}

/* Counts the person as an anonymous participant of the pending activity. */
static void add_participant(struct coop_group *g, json_t *one)
{
        json_t *anon = json_object_get(g->pending, "anonymes"), *v;
        const char *key;

        json_object_foreach(one, key, v)
        {
                if (strcmp(json_string_value(v), "non_communique") != 0)
                        bump(anon, key, json_string_value(v));
        }
        g->rows++;
        json_object_set_new(g->pending, "participants", json_integer(g->rows));
}

int coop_row(struct coop_group *g, json_t *row, struct field_error *e, json_t **done)
{
        const char *id = column(row, "ID CRA");
        json_t *one;
        int started = 0;

        *done = NULL;
        if (id == NULL)
                return field_fail(e, "ID CRA", _("missing"));
        if ((one = participant(row, e)) == NULL)
                return -1;
        if (g->pending == NULL || strcmp(g->id, id) != 0) {
                json_t *next = activity(row, e);

                if (next == NULL) {
                        json_decref(one);
                        return -1;
                }
                *done = coop_finish(g);
                g->pending = next;
                g->id = xstrdup(id);
                json_object_set_new(next, "id", json_sprintf("coop-%s", id));
                started = *done != NULL;
        }
        add_participant(g, one);
        json_decref(one);
        return started;
}

json_t *coop_finish(struct coop_group *g)
{
        json_t *done = g->pending;
        const char *type = json_string_value(json_object_get(done, "type"));

        if (type != NULL && strcmp(type, "individuel") == 0)
                json_object_del(done, "participants");
        g->pending = NULL;
        free(g->id);
        g->id = NULL;
        g->rows = 0;
        return done;
}

void coop_clear(struct coop_group *g)
{
        json_decref(coop_finish(g));
}
