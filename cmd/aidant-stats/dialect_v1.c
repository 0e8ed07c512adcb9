/* The conseillers numériques v1 reports (data/stats/coop-cras-v1-exemples.csv): canal,
 * activite, counts per age and status bucket, themes as {a,b}, duree in minutes or as a
 * bucket. The themes map to today's thématiques as the national pipeline maps them
 * (the Coop's migrate-cras-v1 table); nothing is split or guessed. */
#include "dialect.h"
#include "fields.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct {
        const char *v1;
        const char *thematiques[2];
} themes[] = {
    {"diagnostic", {"diagnostic_numerique", NULL}},
    {"equipement informatique", {"prendre_en_main_du_materiel", "gere_ses_contenus_numeriques"}},
    {"internet", {"navigation_sur_internet", NULL}},
    {"courriel", {"email", NULL}},
    {"traitement texte", {"bureautique", NULL}},
    {"contenus numeriques", {"creer_avec_le_numerique", NULL}},
    {"echanger", {"reseaux_sociaux", NULL}},
    {"sante", {"sante", NULL}},
    {"scolaire", {"scolarite_et_numerique", NULL}},
    {"accompagner enfant", {"parentalite", NULL}},
    {"trouver emploi", {"insertion_professionnelle", NULL}},
    {"budget", {"banque_et_achats_en_ligne", NULL}},
    {"tpe/pme", {"entrepreneuriat", NULL}},
    {"fraude et harcelement", {"securite_numerique", NULL}},
    {"securite", {"securite_numerique", NULL}},
    {"smartphone", {"prendre_en_main_du_materiel", NULL}},
    {"demarche en ligne", {"aide_aux_demarches_administratives", NULL}},
    {"vocabulaire", {"culture_numerique", NULL}},
    {"autre", {NULL, NULL}},
};

#define NTHEMES (sizeof(themes) / sizeof(*themes))

/* v1 bucket columns and the value each counts in. */
static const char *const age_cols[][2] = {
    {"age_moins_12_ans", "moins_de_douze"},
    {"age_de_12_a_18_ans", "douze_dix_huit"}, /* 12–17 year-olds, as today's bucket */
    {"age_de_18_a_35_ans", "v1_dix_huit_trente_cinq"},
    {"age_de_35_a_60_ans", "v1_trente_cinq_soixante"},
    {"age_plus_60_ans", "v1_soixante_plus"},
};
static const char *const status_cols[][2] = {
    {"statut_etudiant", "v1_etudiant"},      {"statut_sans_emploi", "sans_emploi"},
    {"statut_en_emploi", "en_emploi"},       {"statut_retraite", "retraite"},
    {"statut_heterogene", "non_communique"}, /* today's label: "non communiqué ou hétérogène" */
};

static const char *text(json_t *row, const char *key)
{
        const char *s = json_string_value(json_object_get(row, key));

        return s != NULL && s[0] != '\0' && strcmp(s, "null") != 0 ? s : NULL;
}

static int count(json_t *row, const char *key, struct field_error *e, long *out)
{
        const char *s = text(row, key);
        char *end;

        *out = 0;
        if (s == NULL)
                return 0;
        *out = strtol(s, &end, 10);
        if (*end != '\0' || *out < 0)
                return field_fail(e, key, _("'%s' is not a count"), s);
        return 0;
}

/* One bucket family: counts into anonymes[category]; they must add up to the
 * participants unless all are zero (then nothing is known: non_communique). */
static int buckets(json_t *row, const char *const (*cols)[2], size_t n, const char *category,
                   long participants, json_t *anonymes, struct field_error *e)
{
        json_t *o = json_object();
        long sum = 0, k;

        for (size_t i = 0; i < n; i++) {
                if (count(row, cols[i][0], e, &k) != 0) {
                        json_decref(o);
                        return -1;
                }
                if (k > 0) {
                        json_t *was = json_object_get(o, cols[i][1]);
                        json_object_set_new(
                            o, cols[i][1],
                            json_integer(k + (was != NULL ? json_integer_value(was) : 0)));
                }
                sum += k;
        }
        if (sum != 0 && sum != participants) {
                json_decref(o);
                return field_fail(e, cols[0][0],
                                  _("the %s counts add up to %ld, not %ld (nb_participants)"),
                                  category, sum, participants);
        }
        json_object_set_new(anonymes, category, o);
        return 0;
}

/* "{equipement informatique,internet}" into thématiques (a set) and the v1 list. */
static int map_themes(json_t *row, json_t *out, json_t *v1, struct field_error *e)
{
        const char *s = text(row, "themes");
        json_t *them = json_array(), *raw = json_array();
        char *copy, *save = NULL;

        json_object_set_new(out, "thematiques", them);
        json_object_set_new(v1, "themes", raw);
        if (s == NULL)
                return 0;
        copy = xstrdup(s[0] == '{' ? s + 1 : s);
        if (copy[0] != '\0' && copy[strlen(copy) - 1] == '}')
                copy[strlen(copy) - 1] = '\0';
        for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
                char *name = text_squeeze(t);
                size_t i;

                for (i = 0; i < NTHEMES && strcmp(themes[i].v1, name) != 0; i++)
                        ;
                if (i == NTHEMES) {
                        field_fail(e, "themes", _("unknown v1 theme '%s'"), name);
                        free(name);
                        free(copy);
                        return -1;
                }
                json_array_append_new(raw, json_string(name));
                for (int k = 0; k < 2 && themes[i].thematiques[k] != NULL; k++)
                        json_array_append_new(them, json_string(themes[i].thematiques[k]));
                free(name);
        }
        free(copy);
        return 0;
}

static int map_kind(json_t *row, json_t *out, long *participants, struct field_error *e)
{
        static const char *const canals[][2] = {{"rattachement", "lieu_activite"},
                                                {"autre lieu", "autre"},
                                                {"distance", "a_distance"},
                                                {"domicile", "domicile"}};
        const char *canal = text(row, "canal"), *activite = text(row, "activite");
        const char *type_lieu = NULL;

        for (size_t i = 0; canal != NULL && i < 4; i++)
                if (strcmp(canal, canals[i][0]) == 0)
                        type_lieu = canals[i][1];
        if (type_lieu == NULL)
                return field_fail(e, "canal",
                                  _("'%s' is not a v1 canal (rattachement, autre lieu, "
                                    "distance, domicile)"),
                                  canal != NULL ? canal : "");
        json_object_set_new(out, "type_lieu", json_string(type_lieu));
        if (activite == NULL ||
            (strcmp(activite, "individuel") != 0 && strcmp(activite, "ponctuel") != 0 &&
             strcmp(activite, "collectif") != 0))
                return field_fail(e, "activite", _("'%s' is not individuel, ponctuel or collectif"),
                                  activite != NULL ? activite : "");
        json_object_set_new(out, "type",
                            json_string(activite[0] == 'c' ? "collectif" : "individuel"));
        if (count(row, "nb_participants", e, participants) != 0)
                return -1;
        if (activite[0] != 'c' && *participants != 1)
                return field_fail(e, "nb_participants",
                                  _("an individual report has 1 participant, not %ld"),
                                  *participants);
        if (activite[0] == 'c')
                json_object_set_new(out, "participants", json_integer(*participants));
        return 0;
}

static void map_duration(json_t *row, json_t *out)
{
        const char *d = text(row, "duree");

        if (d != NULL && strcmp(d, "0-30") == 0)
                json_object_set_new(out, "duree_tranche", json_string("moins_de_30_min"));
        else if (d != NULL && strcmp(d, "30-60") == 0)
                json_object_set_new(out, "duree_tranche", json_string("30_min_a_1_h"));
        else if (d != NULL)
                json_object_set_new(out, "duree", json_string(d));
}

static void copy_text(json_t *row, const char *from, json_t *out, const char *to)
{
        const char *s = text(row, from);

        if (s != NULL)
                json_object_set_new(out, to, json_string(s));
}

json_t *v1_map(json_t *row, struct field_error *e)
{
        json_t *out = json_object(), *v1 = json_object(), *anon = json_object();
        const char *id = text(row, "id");
        long participants = 0, k;

        json_object_set_new(out, "v1", v1);
        json_object_set_new(out, "anonymes", anon);
        if (id == NULL) {
                field_fail(e, "id", _("missing"));
                goto fail;
        }
        json_object_set_new(out, "id", json_sprintf("v1-%s", id));
        copy_text(row, "date_accompagnement", out, "date");
        if (map_kind(row, out, &participants, e) != 0 || map_themes(row, out, v1, e) != 0 ||
            buckets(row, age_cols, 5, "tranche_age", participants, anon, e) != 0 ||
            buckets(row, status_cols, 5, "statut_social", participants, anon, e) != 0 ||
            count(row, "nb_participants_recurrents", e, &k) != 0)
                goto fail;
        json_object_set_new(v1, "participants_recurrents", json_integer(k));
        map_duration(row, out);
        copy_text(row, "code_postal", out, "code_postal");
        copy_text(row, "code_commune", out, "code_insee");
        copy_text(row, "nom_commune", out, "commune");
        copy_text(row, "structure_siret", v1, "structure_siret");
        copy_text(row, "organismes", v1, "organismes");
        if (count(row, "accompagnement_redirection", e, &k) != 0)
                goto fail;
        if (k > 0 && strcmp(json_string_value(json_object_get(out, "type")), "individuel") == 0)
                json_object_set_new(out, "oriente_vers_structure", json_true());
        json_object_set_new(out, "source", json_string("cnfs-v1"));
        return out;
fail:
        json_decref(out);
        return NULL;
}
