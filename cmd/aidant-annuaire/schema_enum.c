/* The "lieux de médiation numérique" schema v1.0.x as data: its fields, their kinds and
 * enumerations, the v0 synonyms, and the lenient matching of enumeration values. */
#include "xalloc.h"
#include "schema_impl.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const schema_fields[] = {
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
    NULL,
};

static const char *const services[] = {
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
    "Utilisation sécurisée du numérique",
    "Parentalité et éducation avec le numérique",
    "Loisirs et créations numériques",
    "Compréhension du monde numérique",
    "Accès internet et matériel informatique",
    "Acquisition de matériel informatique à prix solidaire",
    NULL,
};
static const char *const publics[] = {
    "Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes", NULL,
};
static const char *const prises_en_charge[] = {
    "Surdité",
    "Handicaps moteurs",
    "Handicaps mentaux",
    "Illettrisme",
    "Langues étrangères (anglais)",
    "Langues étrangères (autres)",
    "Déficience visuelle",
    NULL,
};
static const char *const frais[] = {"Gratuit", "Gratuit sous condition", "Payant", NULL};
static const char *const itinerance[] = {"Itinérant", "Fixe", NULL};
static const char *const acces[] = {
    "Se présenter",
    "Téléphoner",
    "Contacter par mail",
    "Prendre un RDV en ligne",
    "Ce lieu n'accueille pas de public",
    "Envoyer un mail avec une fiche de prescription",
    NULL,
};
static const char *const accompagnement[] = {
    "En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance", NULL,
};
static const char *const dispositifs[] = {
    "Aidants Connect",
    "Bibliothèques numérique de référence",
    "Certification PIX",
    "Conseillers numériques",
    "Emmaüs Connect",
    "France Services",
    "Grande école du numérique",
    "La Croix Rouge",
    "Point d'accès numérique CAF",
    "Promeneurs du net",
    "Relais numérique (Emmaüs Connect)",
    NULL,
};
static const char *const formations[] = {
    "Formé à « Mon Espace Santé »",
    "Formé à « DUPLEX » (illettrisme)",
    "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
    "Collectif ressources et acteurs réemploi (Normandie)",
    "Étapes numériques(La Poste)", /* as the schema's pattern spells it, for its validator */
    "Fabriques de Territoire",
    "Les Éclaireurs du numérique (Drôme)",
    "Mes Papiers (Métropole de Lyon)",
    "ORDI 3.0",
    "SUD LABS (PACA)",
    NULL,
};

/* Indexed like schema_fields. */
const struct field_def schema_defs[SCHEMA_NFIELDS] = {
    {K_ID, true, NULL},
    {K_PIVOT, true, NULL},
    {K_LINE, true, NULL},
    {K_LINE, true, NULL},
    {K_POSTCODE, true, NULL},
    {K_INSEE, false, NULL},
    {K_LINE, true, NULL},
    {K_LINE, false, NULL},
    {K_COORD, false, NULL},
    {K_COORD, false, NULL},
    {K_LIST, false, NULL},
    {K_PHONE, false, NULL},
    {K_EMAILS, false, NULL},
    {K_URLS, false, NULL},
    {K_HOURS, false, NULL},
    {K_RESUME, false, NULL},
    {K_TEXT, false, NULL},
    {K_LINE, false, NULL},
    {K_ENUM, false, itinerance},
    {K_LINE, false, NULL},
    {K_DATE, true, NULL},
    {K_ENUM_LIST, false, services},
    {K_ENUM_LIST, false, publics},
    {K_ENUM_LIST, false, prises_en_charge},
    {K_ENUM_LIST, false, frais},
    {K_ENUM_LIST, false, dispositifs},
    {K_ENUM_LIST, false, formations},
    {K_LIST, false, NULL},
    {K_ENUM_LIST, false, acces},
    {K_ENUM_LIST, false, accompagnement},
    {K_URL, false, NULL},
    {K_URL, false, NULL},
};

/* Values of the v0 schema and usual spellings, written with their v1 equivalent. */
struct synonym {
        const char *field, *from, *to;
};

static const struct synonym synonyms[] = {
    {"services", "Devenir autonome dans les démarches administratives",
     "Aide aux démarches administratives"},
    {"services", "Réaliser des démarches administratives avec un accompagnement",
     "Aide aux démarches administratives"},
    {"services", "Accompagner les démarches de santé", "Aide aux démarches administratives"},
    {"services", "Prendre en main un smartphone ou une tablette",
     "Maîtrise des outils numériques du quotidien"},
    {"services", "Prendre en main un ordinateur", "Maîtrise des outils numériques du quotidien"},
    {"services", "Utiliser le numérique au quotidien",
     "Maîtrise des outils numériques du quotidien"},
    {"services", "Approfondir ma culture numérique", "Compréhension du monde numérique"},
    {"services", "Promouvoir la citoyenneté numérique", "Compréhension du monde numérique"},
    {"services", "Favoriser mon insertion professionnelle",
     "Insertion professionnelle via le numérique"},
    {"services", "Créer et développer mon entreprise",
     "Insertion professionnelle via le numérique"},
    {"services", "Accéder à une connexion internet", "Accès internet et matériel informatique"},
    {"services", "Accéder à du matériel", "Accès internet et matériel informatique"},
    {"services", "Équiper en matériel informatique",
     "Acquisition de matériel informatique à prix solidaire"},
    {"services", "Soutenir la parentalité et l'éducation avec le numérique",
     "Parentalité et éducation avec le numérique"},
    {"publics_specifiquement_adresses", "Jeunes (16-26 ans)", "Jeunes"},
    {"publics_specifiquement_adresses", "Seniors (+ 65 ans)", "Seniors"},
    {"publics_specifiquement_adresses", "Familles/enfants", "Familles et/ou enfants"},
    {"publics_specifiquement_adresses", "Uniquement femmes", "Femmes"},
    {"prise_en_charge_specifique", "Personnes en situation d'illettrisme", "Illettrisme"},
    {"prise_en_charge_specifique", "Handicaps psychiques", "Handicaps mentaux"},
    {"prise_en_charge_specifique", "Langues étrangères", "Langues étrangères (autres)"},
    {"frais_a_charge", "Gratuit sous conditions", "Gratuit sous condition"},
    {"dispositif_programmes_nationaux", "CNFS", "Conseillers numériques"},
    {"dispositif_programmes_nationaux", "Conseiller numérique", "Conseillers numériques"},
    {"dispositif_programmes_nationaux", "Conseiller numérique France Services",
     "Conseillers numériques"},
    {"dispositif_programmes_nationaux", "Point numérique CAF", "Point d'accès numérique CAF"},
    {"dispositif_programmes_nationaux", "Bibliothèques numériques de référence",
     "Bibliothèques numérique de référence"},
    {"dispositif_programmes_nationaux", "Promeneur du net", "Promeneurs du net"},
    {"dispositif_programmes_nationaux", "Pix", "Certification PIX"},
    {"modalites_accompagnement", "Seul", "En autonomie"},
    {"modalites_accompagnement", "Avec de l'aide", "Accompagnement individuel"},
    {"modalites_accompagnement", "Dans un atelier", "Dans un atelier collectif"},
    {"modalites_accompagnement",
     "Dans un atelier : j'apprends collectivement à utiliser le "
     "numérique",
     "Dans un atelier collectif"},
    {"modalites_accompagnement", "À ma place", "Accompagnement individuel"},
    {"modalites_acces", "Prendre rendez-vous en ligne", "Prendre un RDV en ligne"},
};

#define NSYN (sizeof(synonyms) / sizeof(*synonyms))

/* --- field lookup ------------------------------------------------------------------ */

/* Imports look up every key of every record: an open-addressing table of the 32 names. */
#define SLOTS 128

static int slots[SLOTS]; /* field index + 1, 0 when empty */

static unsigned name_hash(const char *s)
{
        unsigned h = 2166136261u;

        for (; *s != '\0'; s++)
                h = (h ^ (unsigned char)*s) * 16777619u;
        return h;
}

int schema_field_index(const char *field)
{
        static bool ready;

        if (field == NULL)
                return -1;
        if (!ready) {
                for (int i = 0; i < SCHEMA_NFIELDS; i++) {
                        unsigned j = name_hash(schema_fields[i]) % SLOTS;

                        while (slots[j] != 0)
                                j = (j + 1) % SLOTS;
                        slots[j] = i + 1;
                }
                ready = true;
        }
        for (unsigned j = name_hash(field) % SLOTS; slots[j] != 0; j = (j + 1) % SLOTS)
                if (strcmp(schema_fields[slots[j] - 1], field) == 0)
                        return slots[j] - 1;
        return -1;
}

bool schema_field_is_list(int f)
{
        return schema_defs[f].kind == K_LIST || schema_defs[f].kind == K_ENUM_LIST ||
               schema_defs[f].kind == K_EMAILS || schema_defs[f].kind == K_URLS;
}

bool schema_is_list(const char *field)
{
        int i = schema_field_index(field);

        return i >= 0 && schema_field_is_list(i);
}

bool schema_is_required(const char *field)
{
        int i = schema_field_index(field);

        return i >= 0 && schema_defs[i].required;
}

const char *const *schema_enum_values(const char *field)
{
        int i = schema_field_index(field);

        return i >= 0 ? schema_defs[i].values : NULL;
}

/* --- lenient matching -------------------------------------------------------------- */

/* The comparison key of a value: folded (case, accents, ligatures), then only letters and
 * digits, so spacing and punctuation ("numériques(La Poste)", « ») do not matter. */
static char *match_key(const char *s)
{
        char *f = text_fold(s), *o = f;

        for (const char *p = f; *p != '\0'; p++)
                if (isalnum((unsigned char)*p))
                        *o++ = *p;
        *o = '\0';
        return f;
}

struct keyed {
        char *key;
        const char *canonical;
        bool legacy;
};

static struct keyed *keys[SCHEMA_NFIELDS];
static size_t nkeys[SCHEMA_NFIELDS];

static void build_keys(int f)
{
        const char *const *v = schema_defs[f].values;
        size_t n = 0, cap = NSYN;

        for (size_t i = 0; v[i] != NULL; i++)
                cap++;
        keys[f] = xcalloc(cap, sizeof(struct keyed));
        for (size_t i = 0; v[i] != NULL; i++)
                keys[f][n++] = (struct keyed){match_key(v[i]), v[i], false};
        for (size_t i = 0; i < NSYN; i++)
                if (strcmp(synonyms[i].field, schema_fields[f]) == 0)
                        keys[f][n++] =
                            (struct keyed){match_key(synonyms[i].from), synonyms[i].to, true};
        nkeys[f] = n;
}

/* The canonical value value stands for in field f, or NULL; *legacy tells a v0 name. */
const char *schema_enum_match(int f, const char *value, bool *legacy)
{
        char *k;
        const char *hit = NULL;

        if (schema_defs[f].values == NULL)
                return NULL;
        for (size_t i = 0; schema_defs[f].values[i] != NULL; i++) { /* most lists are canonical */
                if (strcmp(schema_defs[f].values[i], value) == 0) {
                        *legacy = false;
                        return schema_defs[f].values[i];
                }
        }
        if (keys[f] == NULL)
                build_keys(f);
        k = match_key(value);
        for (size_t i = 0; i < nkeys[f] && hit == NULL; i++) {
                if (strcmp(keys[f][i].key, k) == 0) {
                        hit = keys[f][i].canonical;
                        *legacy = keys[f][i].legacy;
                }
        }
        free(k);
        return hit;
}

const char *schema_enum_canonical(const char *field, const char *value)
{
        int f = schema_field_index(field);
        bool legacy;

        if (f < 0 || value == NULL)
                return NULL;
        return schema_enum_match(f, value, &legacy);
}
