/* The enumerations of an activity record, in the Coop's order and with its labels
 * (inclusion-numerique/coop-mediation-numerique, features/activites/.../fields and
 * features/beneficiaire/domain), and the lookups on them. */
#include "fields.h"
#include "text.h"

#include <string.h>

#define ENUM(var, fname, arr) const struct field_enum var = {fname, arr, sizeof(arr) / sizeof(*arr)}

static const struct choice type_c[] = {
    {"individuel", "Accompagnement individuel"},
    {"collectif", "Atelier collectif"},
};
ENUM(enum_type, "type", type_c);

static const struct choice type_lieu_c[] = {
    {"lieu_activite", "Lieu d’activité"},
    {"autre", "Autre lieu"},
    {"domicile", "À domicile"},
    {"a_distance", "À distance"},
};
ENUM(enum_type_lieu, "type_lieu", type_lieu_c);

static const struct choice materiel_c[] = {
    {"ordinateur", "Ordinateur"}, {"telephone", "Téléphone"},   {"tablette", "Tablette"},
    {"autre", "Autre"},           {"aucun", "Pas de matériel"},
};
ENUM(enum_materiel, "materiel", materiel_c);

static const struct choice thematique_c[] = {
    {"diagnostic_numerique", "Diagnostic numérique"},
    {"prendre_en_main_du_materiel", "Prendre en main du matériel"},
    {"maintenance_de_materiel", "Maintenance de matériel"},
    {"gere_ses_contenus_numeriques", "Gérer ses contenus numériques"},
    {"navigation_sur_internet", "Navigation sur internet"},
    {"email", "E-mail"},
    {"bureautique", "Bureautique"},
    {"reseaux_sociaux", "Réseaux sociaux communication"},
    {"sante", "Santé"},
    {"banque_et_achats_en_ligne", "Banque et achats en ligne"},
    {"entrepreneuriat", "Accompagner un professionnel"},
    {"insertion_professionnelle", "Insertion professionnelle"},
    {"securite_numerique", "Prévention en sécurité numérique"},
    {"parentalite", "Parentalité"},
    {"scolarite_et_numerique", "Scolarité et numérique"},
    {"creer_avec_le_numerique", "Créer avec le numérique"},
    {"culture_numerique", "Culture numérique"},
    {"intelligence_artificielle", "Intelligence artificielle (IA)"},
    {"aide_aux_demarches_administratives", "Aide aux démarches administratives"},
    /* THEMATIQUE_DEMARCHES_FROM: the démarches administratives */
    {"papiers_elections_citoyennete", "Papiers - Élections - Citoyenneté"},
    {"famille_scolarite", "Famille - Scolarité"},
    {"social_sante", "Social - Santé"},
    {"travail_formation", "Travail - Formation - Entreprise"},
    {"logement", "Logement"},
    {"transports_mobilite", "Transports - Mobilité"},
    {"argent_impots", "Argent - Impôts"},
    {"justice", "Justice"},
    {"etrangers_europe", "Étrangers - Europe"},
    {"loisirs_sports_culture", "Loisirs - Sports - Culture"},
    {"associations", "Associations"},
};
ENUM(enum_thematique, "thematiques", thematique_c);

static const struct choice autonomie_c[] = {
    {"entierement_accompagne", "Avec guidage"},
    {"partiellement_autonome", "Autonome avec guidage en cas de besoin"},
    {"autonome", "Autonome"},
};
ENUM(enum_autonomie, "autonomie", autonomie_c);

static const struct choice redirection_c[] = {
    {"administration", "Administration (mairie, préfecture…)"},
    {"mediation_numerique", "Autre structure de médiation numérique"},
    {"operateur_ou_organisme_en_charge",
     "Opérateur ou organisme en charge de la démarche administrative"},
    {"aide_sociale", "Structure d’aide sociale (maison des solidarités, centre social…)"},
    {"insertion_professionnelle", "Structure d’insertion professionnelle (France Travail, "
                                  "mission locale, chambre de commerce…)"},
    {"aide_aux_demarches_administratives",
     "Structure d’aide aux démarches administratives (France Services…)"},
    {"autre", "Autre"},
};
ENUM(enum_redirection, "structure_de_redirection", redirection_c);

static const struct choice niveau_c[] = {
    {"debutant", "Débutant"},
    {"intermediaire", "Intermédiaire"},
    {"avance", "Avancé"},
};
ENUM(enum_niveau, "niveau", niveau_c);

static const struct choice genre_c[] = {
    {"masculin", "Masculin"},
    {"feminin", "Féminin"},
    {"non_communique", "Non communiqué"},
};
ENUM(enum_genre, "genre", genre_c);

/* The v1 buckets come last: 18–35, 35–60 and 60+ do not fit today's buckets. */
static const struct choice tranche_age_c[] = {
    {"moins_de_douze", "Moins de 12 ans"},
    {"douze_dix_huit", "12 - 17 ans"},
    {"dix_huit_vingt_quatre", "18 - 24 ans"},
    {"vingt_cinq_trente_neuf", "25 - 39 ans"},
    {"quarante_cinquante_neuf", "40 - 59 ans"},
    {"soixante_soixante_neuf", "60 - 69 ans"},
    {"soixante_dix_plus", "70 ans et plus"},
    {"non_communique", "Non communiqué"},
    {"v1_dix_huit_trente_cinq", "18 - 35 ans (CRA v1)"},
    {"v1_trente_cinq_soixante", "35 - 60 ans (CRA v1)"},
    {"v1_soixante_plus", "60 ans et plus (CRA v1)"},
};
ENUM(enum_tranche_age, "tranche_age", tranche_age_c);

static const struct choice statut_c[] = {
    {"retraite", "Retraité"},
    {"sans_emploi", "Sans emploi"},
    {"en_emploi", "En emploi"},
    {"scolarise", "Scolarisé"},
    {"non_communique", "Non communiqué ou hétérogène"},
    {"v1_etudiant", "Étudiant (CRA v1)"},
};
ENUM(enum_statut_social, "statut_social", statut_c);

static const struct choice duree_c[] = {
    {"moins_de_30_min", "Moins de 30 min"},
    {"30_min_a_1_h", "30 min à 1 h"},
    {"1_h_a_2_h", "1 h à 2 h"},
    {"2_h_et_plus", "2 h et plus"},
};
ENUM(enum_duree, "duree_tranche", duree_c);

/* What aidant-stats ingest counts from the other tools (labels of the observatory). */
static const struct choice mandat_c[] = {
    {"mandats_crees", "Mandats créés"},
    {"mandats_renouveles", "Mandats renouvelés"},
    {"mandats_revoques", "Mandats révoqués ou remplacés"},
    {"autorisations_revoquees", "Démarches retirées d’un mandat"},
    {"demarches", "Démarches faites sous mandat"},
    {"refus", "Démarches refusées faute de mandat"},
};
ENUM(enum_mandat, "mandat", mandat_c);

static const struct choice mandat_personnes_c[] = {
    {"usagers", "Usagers uniques (démarches sous mandat)"},
    {"aidants", "Aidants ayant agi sous mandat"},
};
ENUM(enum_mandat_personnes, "mandat_personnes", mandat_personnes_c);

static const struct choice diagnostic_c[] = {
    {"diagnostics", "Diagnostics"},
    {"locaux", "Faits dans la structure"},
    {"importes", "Importés d’une autre structure"},
};
ENUM(enum_diagnostic, "diagnostic", diagnostic_c);

/* The ten aidant-mandate démarches, in the order of the thématiques they are. */
static const char *const demarches[][2] = {
    {"papiers", "papiers_elections_citoyennete"},
    {"famille", "famille_scolarite"},
    {"social", "social_sante"},
    {"travail", "travail_formation"},
    {"logement", "logement"},
    {"transports", "transports_mobilite"},
    {"argent", "argent_impots"},
    {"justice", "justice"},
    {"etranger", "etrangers_europe"},
    {"loisirs", "loisirs_sports_culture"},
};

const char *demarche_thematique(const char *demarche)
{
        for (size_t i = 0; i < sizeof(demarches) / sizeof(*demarches); i++)
                if (strcmp(demarches[i][0], demarche) == 0)
                        return demarches[i][1];
        return NULL;
}

const char *demarche_closest(const char *s)
{
        const char *best = demarches[0][0];
        double best_sim = -1;

        for (size_t i = 0; i < sizeof(demarches) / sizeof(*demarches); i++) {
                double sim = text_similarity(demarches[i][0], s);

                if (sim > best_sim) {
                        best_sim = sim;
                        best = demarches[i][0];
                }
        }
        return best;
}

int field_find(const struct field_enum *e, const char *id)
{
        for (size_t i = 0; i < e->count; i++)
                if (e->choices[i].id[0] == id[0] && strcmp(e->choices[i].id, id) == 0)
                        return (int)i;
        return -1;
}

/* Compared with underscores as spaces, so that "entierement accompagne" is near. */
static double similarity(const char *id, const char *s)
{
        char a[128];
        size_t n = strlen(id);

        if (n >= sizeof(a))
                n = sizeof(a) - 1;
        for (size_t i = 0; i < n; i++)
                a[i] = id[i] == '_' ? ' ' : id[i];
        a[n] = '\0';
        return text_similarity(a, s);
}

const char *field_closest(const struct field_enum *e, const char *s)
{
        const char *best = e->choices[0].id;
        double best_sim = -1;

        for (size_t i = 0; i < e->count; i++) {
                double a = similarity(e->choices[i].id, s);
                double b = text_similarity(e->choices[i].label, s);
                double sim = a > b ? a : b;

                if (sim > best_sim) {
                        best_sim = sim;
                        best = e->choices[i].id;
                }
        }
        return best;
}

const char *field_label(const struct field_enum *e, const char *id)
{
        int i = field_find(e, id);

        return i >= 0 ? e->choices[i].label : id;
}

const char *duree_bucket(long minutes)
{
        if (minutes < 30)
                return duree_c[0].id;
        if (minutes < 60)
                return duree_c[1].id;
        if (minutes < 120)
                return duree_c[2].id;
        return duree_c[3].id;
}

const char *tranche_from_year(int birth_year, int year)
{
        static const int limits[] = {12, 18, 25, 40, 60, 70};
        int age = year - birth_year;

        for (size_t i = 0; i < sizeof(limits) / sizeof(*limits); i++)
                if (age < limits[i])
                        return tranche_age_c[i].id;
        return tranche_age_c[6].id;
}

bool field_is_v1_bucket(const char *id)
{
        return strncmp(id, "v1_", 3) == 0;
}
