/* The "lieux de médiation numérique" schema v1.0.x: fields and enumerations as data,
 * lenient enumeration matching, and the validation and normalisation of one record. */
#include "schema.h"
#include "clock.h"
#include "err.h"
#include "i18n.h"
#include "text.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
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

enum kind {
        K_ID,
        K_PIVOT,
        K_LINE,   /* one line of text */
        K_TEXT,   /* free text, line breaks kept */
        K_RESUME, /* free text of at most 280 characters */
        K_POSTCODE,
        K_INSEE,
        K_COORD,
        K_PHONE,
        K_HOURS,
        K_DATE,
        K_URL,
        K_ENUM,      /* one value of an enumeration ('|' joined when several) */
        K_LIST,      /* free values */
        K_ENUM_LIST, /* values of an enumeration */
        K_EMAILS,
        K_URLS,
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
    "Étapes numériques (La Poste)",
    "Fabriques de Territoire",
    "Les Éclaireurs du numérique (Drôme)",
    "Mes Papiers (Métropole de Lyon)",
    "ORDI 3.0",
    "SUD LABS (PACA)",
    NULL,
};

struct field_def {
        enum kind kind;
        bool required;
        const char *const *values;
};

/* Indexed like schema_fields. */
static const struct field_def defs[SCHEMA_NFIELDS] = {
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

static bool is_list(int f)
{
        return defs[f].kind == K_LIST || defs[f].kind == K_ENUM_LIST || defs[f].kind == K_EMAILS ||
               defs[f].kind == K_URLS;
}

bool schema_is_list(const char *field)
{
        int i = schema_field_index(field);

        return i >= 0 && is_list(i);
}

bool schema_is_required(const char *field)
{
        int i = schema_field_index(field);

        return i >= 0 && defs[i].required;
}

const char *const *schema_enum_values(const char *field)
{
        int i = schema_field_index(field);

        return i >= 0 ? defs[i].values : NULL;
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
        const char *const *v = defs[f].values;
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
static const char *enum_match(int f, const char *value, bool *legacy)
{
        char *k;
        const char *hit = NULL;

        if (defs[f].values == NULL)
                return NULL;
        for (size_t i = 0; defs[f].values[i] != NULL; i++) { /* most lists are canonical */
                if (strcmp(defs[f].values[i], value) == 0) {
                        *legacy = false;
                        return defs[f].values[i];
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
        return enum_match(f, value, &legacy);
}

/* --- issues ------------------------------------------------------------------------ */

void schema_issue_add(struct schema_issues *is, const char *field, bool error, char *message)
{
        if (is->n == is->cap) {
                is->cap = is->cap == 0 ? 8 : is->cap * 2;
                is->v = xrealloc(is->v, is->cap * sizeof(*is->v));
        }
        is->v[is->n++] = (struct schema_issue){xstrdup(field), message, error};
        if (error)
                is->errors++;
}

void schema_issues_clear(struct schema_issues *is)
{
        for (size_t i = 0; i < is->n; i++) {
                free(is->v[i].field);
                free(is->v[i].message);
        }
        is->n = 0;
        is->errors = 0;
}

void schema_issues_free(struct schema_issues *is)
{
        schema_issues_clear(is);
        free(is->v);
        is->v = NULL;
        is->cap = 0;
}

/* --- reading values ---------------------------------------------------------------- */

/* What one record is turned into: single values (borrowed from the input) and, for the
 * multi-valued fields, the raw items gathered from the field and its legacy names. */
struct norm {
        json_t *single[SCHEMA_NFIELDS];
        json_t *items[SCHEMA_NFIELDS]; /* new arrays of strings */
        json_t *out[SCHEMA_NFIELDS];   /* new references */
        struct schema_issues *is;
};

static void issue(struct norm *n, const char *field, bool error, char *msg)
{
        schema_issue_add(n->is, field, error, msg);
}

static char *trimmed(const char *s)
{
        size_t len;

        while (isspace((unsigned char)*s))
                s++;
        len = strlen(s);
        while (len > 0 && isspace((unsigned char)s[len - 1]))
                len--;
        return xstrndup(s, len);
}

/* The text of a scalar, trimmed (new string), or NULL when null or empty. Sets *bad for
 * objects and arrays. */
static char *scalar_text(json_t *v, bool *bad)
{
        char *s = NULL;

        *bad = false;
        if (json_is_string(v))
                s = trimmed(json_string_value(v));
        else if (json_is_integer(v))
                s = xasprintf("%lld", (long long)json_integer_value(v));
        else if (json_is_real(v))
                s = xasprintf("%.15g", json_real_value(v));
        else if (json_is_boolean(v))
                s = xstrdup(json_is_true(v) ? "true" : "false");
        else if (json_is_array(v) || json_is_object(v))
                *bad = true;
        if (s != NULL && s[0] == '\0') {
                free(s);
                s = NULL;
        }
        return s;
}

/* Appends the items of v (a '|' or ';' separated text, or an array of them) to list. */
static void add_items(json_t *list, json_t *v)
{
        bool bad;
        char *s, *save = NULL;

        if (json_is_array(v)) {
                size_t i;
                json_t *e;

                json_array_foreach(v, i, e) add_items(list, e);
                return;
        }
        s = scalar_text(v, &bad);
        if (s == NULL)
                return;
        for (char *t = strtok_r(s, "|;", &save); t != NULL; t = strtok_r(NULL, "|;", &save)) {
                char *item = text_squeeze(t);

                if (item[0] != '\0') /* pieces of valid UTF-8 cut at ASCII bytes */
                        json_array_append_new(list, json_string_nocheck(item));
                free(item);
        }
        free(s);
}

static json_t *items_of(struct norm *n, int f)
{
        if (n->items[f] == NULL)
                n->items[f] = json_array();
        return n->items[f];
}

/* --- legacy v0 fields -------------------------------------------------------------- */

/* Values of a legacy list field sent to the v1 field to, else to spill (or dropped with a
 * warning when spill is negative). */
static void legacy_values(struct norm *n, const char *key, json_t *v, int to, int spill)
{
        json_t *raw = json_array(), *e;
        size_t i;
        bool legacy;

        add_items(raw, v);
        json_array_foreach(raw, i, e)
        {
                const char *s = json_string_value(e);

                if (enum_match(to, s, &legacy) != NULL)
                        json_array_append(items_of(n, to), e);
                else if (spill >= 0 && defs[spill].values != NULL &&
                         enum_match(spill, s, &legacy) != NULL)
                        json_array_append(items_of(n, spill), e);
                else if (spill >= 0 && defs[spill].values == NULL) {
                        json_array_append(items_of(n, spill), e);
                        issue(n, key, false,
                              xasprintf(_("\"%s\" is not a value of %s: kept in %s"), s,
                                        schema_fields[to], schema_fields[spill]));
                } else
                        issue(n, key, false,
                              xasprintf(_("\"%s\" has no equivalent in the schema: not kept"), s));
        }
        json_decref(raw);
}

static bool legacy_field(struct norm *n, const char *key, json_t *v)
{
        int to = -1;

        if (strcmp(key, "courriel") == 0)
                add_items(items_of(n, to = schema_field_index("courriels")), v);
        else if (strcmp(key, "labels_autres") == 0)
                add_items(items_of(n, to = schema_field_index("autres_formations_labels")), v);
        else if (strcmp(key, "accessibilite") == 0) {
                to = schema_field_index("fiche_acces_libre");
                if (n->single[to] == NULL)
                        n->single[to] = v;
        } else if (strcmp(key, "labels_nationaux") == 0)
                legacy_values(n, key, v, to = schema_field_index("dispositif_programmes_nationaux"),
                              schema_field_index("autres_formations_labels"));
        else if (strcmp(key, "publics_accueillis") == 0)
                legacy_values(n, key, v, to = schema_field_index("publics_specifiquement_adresses"),
                              schema_field_index("prise_en_charge_specifique"));
        else if (strcmp(key, "conditions_acces") == 0)
                legacy_values(n, key, v, to = schema_field_index("frais_a_charge"), -1);
        if (to < 0)
                return false;
        issue(n, key, false, xasprintf(_("legacy field, read as %s"), schema_fields[to]));
        return true;
}

static void gather(struct norm *n, json_t *raw)
{
        const char *key;
        json_t *v;

        json_object_foreach(raw, key, v)
        {
                int f = schema_field_index(key);

                if (f >= 0 && is_list(f))
                        add_items(items_of(n, f), v);
                else if (f >= 0)
                        n->single[f] = v;
                else if (!legacy_field(n, key, v))
                        issue(n, key, false, xstrdup(_("unknown field, ignored")));
        }
}

/* --- single values ----------------------------------------------------------------- */

static bool all_digits(const char *s, size_t min, size_t max)
{
        size_t len = strlen(s);

        if (len < min || len > max)
                return false;
        for (const char *p = s; *p != '\0'; p++)
                if (!isdigit((unsigned char)*p))
                        return false;
        return true;
}

/* s without the characters of drop (in place). */
static char *without(char *s, const char *drop)
{
        char *o = s;

        for (const char *p = s; *p != '\0'; p++)
                if (strchr(drop, *p) == NULL)
                        *o++ = *p;
        *o = '\0';
        return s;
}

/* A whole number given as a JSON integer loses its leading zeros: put them back. */
static char *padded(json_t *v, char *s, int width)
{
        if (json_is_integer(v) && (int)strlen(s) < width) {
                char *p = xasprintf("%0*lld", width, (long long)json_integer_value(v));

                free(s);
                return p;
        }
        return s;
}

static bool norm_pivot(json_t *v, char **s)
{
        without(*s, " .\t");
        if (json_is_integer(v))
                *s = padded(v, *s, strlen(*s) <= 9 ? 9 : 14);
        for (const char *p = *s; *p != '\0'; p++)
                if (!isalnum((unsigned char)*p))
                        return false;
        return strlen(*s) >= 9 && strlen(*s) <= 14;
}

static bool norm_postcode(json_t *v, char **s)
{
        without(*s, " \t");
        *s = padded(v, *s, 5); /* a number lost its leading zero; a text "7300" is wrong */
        return all_digits(*s, 5, 5);
}

static bool norm_insee(json_t *v, char **s)
{
        char *c = *s = padded(v, without(*s, " \t"), 5);

        if (strlen(c) != 5 || !all_digits(c + 2, 3, 3) || !isdigit((unsigned char)c[0]))
                return false;
        if (c[0] != '2')
                return isdigit((unsigned char)c[1]);
        c[1] = (char)toupper((unsigned char)c[1]); /* Corsica: 2A, 2B; no department 20 */
        return c[1] == 'A' || c[1] == 'B' || (c[1] >= '1' && c[1] <= '9');
}

/* Overseas prefixes by the first three digits of the postcode. */
static const char *phone_prefix(const char *postcode)
{
        static const char *const table[][2] = {
            {"971", "+590"}, {"972", "+596"}, {"973", "+594"}, {"974", "+262"},
            {"975", "+508"}, {"976", "+262"}, {"977", "+590"}, {"978", "+590"},
            {"986", "+681"}, {"987", "+689"}, {"988", "+687"},
        };

        for (size_t i = 0; postcode != NULL && i < sizeof(table) / sizeof(*table); i++)
                if (strncmp(postcode, table[i][0], 3) == 0)
                        return table[i][1];
        return "+33";
}

static bool phone_valid(const char *s)
{
        static const char *const prefixes[] = {"+33",  "+590", "+594", "+262", "+596",
                                               "+269", "+687", "+689", "+508", "+681"};

        for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
                size_t pl = strlen(prefixes[i]);

                if (strncmp(s, prefixes[i], pl) == 0 && all_digits(s + pl, 6, 9))
                        return true;
        }
        return false;
}

/* +33..., from "01 23 45 67 89", "01.23...", "0033 1...", "+33 (0)1...", or a local
 * overseas number, the territory given by the postcode. */
static bool norm_phone(char **s, const char *postcode)
{
        char *d = xmalloc(strlen(*s) + 8), *o = d;
        const char *prefix = phone_prefix(postcode);

        for (const char *p = *s; *p != '\0'; p++)
                if (isdigit((unsigned char)*p) || (*p == '+' && o == d))
                        *o++ = *p;
        *o = '\0';
        free(*s);
        if (strncmp(d, "00", 2) == 0) {
                d[0] = '+';
                memmove(d + 1, d + 2, strlen(d + 2) + 1);
        }
        if (strncmp(d, "+330", 4) == 0 && strlen(d) == 13)
                memmove(d + 3, d + 4, strlen(d + 4) + 1);
        if (d[0] == '0' && strlen(d) == 10)
                *s = xasprintf("%s%s", prefix, d + 1);
        else if (d[0] != '+' && strcmp(prefix, "+33") != 0 && all_digits(d, 6, 9))
                *s = xasprintf("%s%s", prefix, d);
        else
                *s = xstrdup(d);
        free(d);
        return phone_valid(*s);
}

/* YYYY-MM-DD from an ISO date or date-time, DD/MM/YYYY or YYYY/MM/DD. */
static bool norm_date(char **s)
{
        char out[11], *c = *s;
        size_t len = strcspn(c, " T");

        c[len] = '\0';
        if (len == 10 && c[4] == '/' && c[7] == '/')
                c[4] = c[7] = '-';
        if (clock_parse_date(c, out) != 0)
                return false;
        free(*s);
        *s = xstrdup(out);
        return true;
}

/* Degrees from a JSON number, or from a text with a point or a French decimal comma,
 * whatever LC_NUMERIC says. */
static bool norm_coord(json_t *v, char **s, double max, double *out)
{
        static locale_t c_locale;
        char *end;

        if (json_is_number(v)) {
                *out = json_number_value(v);
        } else {
                if (c_locale == (locale_t)0)
                        c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
                for (char *p = *s; *p != '\0'; p++)
                        if (*p == ',')
                                *p = '.';
                *out = strtod_l(*s, &end, c_locale);
                if (end == *s || *end != '\0')
                        return false;
        }
        return isfinite(*out) && fabs(*out) <= max;
}

/* An http(s) address; "www.example.fr" gets https:// in front. */
static bool norm_url(char **s)
{
        char *c = *s;

        for (size_t i = 0; i < 5 && isalpha((unsigned char)c[i]); i++) /* "Https://" */
                c[i] = (char)tolower((unsigned char)c[i]);
        if (strstr(c, "://") == NULL && strchr(c, '.') != NULL && strpbrk(c, " \t@") == NULL) {
                char *p = xasprintf("https://%s", c);

                free(*s);
                *s = p;
                c = p;
        }
        if (strncmp(c, "http://", 7) != 0 && strncmp(c, "https://", 8) != 0)
                return false;
        c = strstr(c, "://") + 3;
        return c[0] != '\0' && strpbrk(c, " \t\n") == NULL;
}

static bool norm_email(char **s)
{
        const char *c = *s, *at = strchr(c, '@');

        if (strncmp(c, "mailto:", 7) == 0) {
                memmove(*s, *s + 7, strlen(*s + 7) + 1);
                at = strchr(c, '@');
        }
        return at != NULL && at != c && strchr(at + 1, '@') == NULL &&
               strchr(at + 1, '.') != NULL && at[strlen(at) - 1] != '.' &&
               strpbrk(c, " \t,<>") == NULL;
}

/* The first 280 characters of s, cut at a space, with an ellipsis. */
static char *shortened(const char *s)
{
        size_t bytes = 0, chars = 0, cut = 0;

        while (s[bytes] != '\0' && chars < 279) {
                if (s[bytes] == ' ')
                        cut = bytes;
                bytes++;
                while (((unsigned char)s[bytes] & 0xC0) == 0x80)
                        bytes++;
                chars++;
        }
        if (cut < bytes / 2)
                cut = bytes;
        return xasprintf("%.*s…", (int)cut, s);
}

static void norm_resume(struct norm *n, int f, const char *s)
{
        int detail = schema_field_index("presentation_detail");
        char *cut;

        if (text_utf8_len(s) <= 280) {
                n->out[f] = json_string(s);
                return;
        }
        cut = shortened(s);
        n->out[f] = json_string(cut);
        free(cut);
        if (n->single[detail] == NULL) {
                n->out[detail] = json_string(s);
                issue(n, schema_fields[f], false,
                      xstrdup(_("longer than 280 characters: shortened, the full text is in "
                                "presentation_detail")));
        } else {
                issue(n, schema_fields[f], false,
                      xstrdup(_("longer than 280 characters: shortened")));
        }
}

/* --- fields ------------------------------------------------------------------------ */

/* The value as quoted in a message: at most about 60 bytes, cut between characters. */
static char *quoted(const char *s)
{
        size_t len = strlen(s);

        if (len <= 60)
                return xstrdup(s);
        len = 60;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
                len--;
        return xasprintf("%.*s…", (int)len, s);
}

static void bad_value(struct norm *n, int f, const char *value)
{
        char *q = quoted(value), *msg;

        switch (defs[f].kind) {
        case K_PIVOT:
                msg = xasprintf(_("\"%s\" is not a SIRET (14 digits) or an RNA number (W and "
                                  "9 digits)"),
                                q);
                break;
        case K_POSTCODE:
                msg = xasprintf(_("\"%s\" is not a postcode (5 digits)"), q);
                break;
        case K_INSEE:
                msg = xasprintf(_("\"%s\" is not an INSEE commune code"), q);
                break;
        case K_COORD:
                msg = xasprintf(_("\"%s\" is not a coordinate in degrees"), q);
                break;
        case K_PHONE:
                msg = xasprintf(_("\"%s\" is not a French phone number"), q);
                break;
        case K_DATE:
                msg = xasprintf(_("\"%s\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"), q);
                break;
        case K_URL:
        case K_URLS:
                msg = xasprintf(_("\"%s\" is not a web address"), q);
                break;
        case K_EMAILS:
                msg = xasprintf(_("\"%s\" is not an email address"), q);
                break;
        default:
                msg = xasprintf(_("\"%s\" is not a value of the schema"), q);
                break;
        }
        free(q);
        if (n->is->lenient && !defs[f].required) {
                char *left_out = xasprintf(_("%s: left out"), msg);

                free(msg);
                issue(n, schema_fields[f], false, left_out);
                return;
        }
        issue(n, schema_fields[f], true, msg);
}

/* The canonical value of an enumeration item, or NULL after an error. */
static const char *enum_item(struct norm *n, int f, const char *s)
{
        bool legacy = false;
        const char *c = enum_match(f, s, &legacy);

        if (c == NULL)
                bad_value(n, f, s);
        else if (legacy)
                issue(n, schema_fields[f], false,
                      xasprintf(_("legacy value \"%s\" written \"%s\""), s, c));
        return c;
}

static bool has_item(json_t *a, const char *s)
{
        size_t i;
        json_t *e;

        json_array_foreach(a, i, e) if (strcmp(json_string_value(e), s) == 0) return true;
        return false;
}

/* One item of a list: canonical, checked, appended once. */
static void list_item(struct norm *n, int f, json_t *out, const char *item)
{
        char *s = xstrdup(item);
        const char *val = s;
        bool ok = true;

        if (defs[f].kind == K_ENUM_LIST)
                ok = (val = enum_item(n, f, s)) != NULL;
        else if (defs[f].kind == K_EMAILS)
                ok = norm_email(&s), val = s;
        else if (defs[f].kind == K_URLS)
                ok = norm_url(&s), val = s;
        if (!ok && defs[f].kind != K_ENUM_LIST)
                bad_value(n, f, item);
        if (ok && !has_item(out, val))
                json_array_append_new(out, json_string(val));
        free(s);
}

/* Several addresses in one item ("a@x.fr, b@y.fr", "https://a.fr www.b.fr"): true when
 * every word of it looks like one, so that "page facebook : X" stays one (bad) value. */
static bool several(const char *s, int f)
{
        char *copy = xstrdup(s), *save = NULL;
        bool all = true;
        int words = 0;

        for (char *t = strtok_r(copy, ", \t\r\n", &save); t != NULL;
             t = strtok_r(NULL, ", \t\r\n", &save), words++)
                all = all && strchr(t, defs[f].kind == K_EMAILS ? '@' : '.') != NULL;
        free(copy);
        return all && words > 1;
}

static void norm_list(struct norm *n, int f)
{
        json_t *out = json_array(), *e;
        size_t i;

        json_array_foreach(n->items[f], i, e)
        {
                char *s = xstrdup(json_string_value(e)), *save = NULL;

                if ((defs[f].kind != K_EMAILS && defs[f].kind != K_URLS) || !several(s, f)) {
                        list_item(n, f, out, s);
                } else {
                        for (char *t = strtok_r(s, ", \t\r\n", &save); t != NULL;
                             t = strtok_r(NULL, ", \t\r\n", &save))
                                list_item(n, f, out, t);
                }
                free(s);
        }
        if (json_array_size(out) > 0)
                n->out[f] = out;
        else
                json_decref(out);
}

/* Keeps the first of several phone numbers ("05 56 ... / 06 12 ..."), with a warning. */
static void first_phone(struct norm *n, int f, char **s)
{
        size_t len = strcspn(*s, "/;,|\n");
        char *ou = strstr(*s, " ou ");

        if (ou != NULL && (size_t)(ou - *s) < len)
                len = (size_t)(ou - *s);
        if ((*s)[len] == '\0')
                return;
        issue(n, schema_fields[f], false,
              xasprintf(_("several numbers in \"%s\": only the first one kept"), *s));
        (*s)[len] = '\0';
}

/* itinerance: canonical values, '|' joined. */
static bool norm_enum(struct norm *n, int f, char **s)
{
        json_t *parts = json_array(), *canon = json_array(), *text = json_string(*s), *e;
        size_t i, len = 0;
        bool ok = true;

        add_items(parts, text);
        json_array_foreach(parts, i, e)
        {
                const char *c = enum_item(n, f, json_string_value(e));

                if (c == NULL)
                        ok = false;
                else if (!has_item(canon, c))
                        json_array_append_new(canon, json_string(c));
        }
        free(*s);
        *s = xcalloc(1, 1);
        json_array_foreach(canon, i, e)
        {
                const char *c = json_string_value(e);

                *s = xrealloc(*s, len + strlen(c) + 2);
                len += (size_t)sprintf(*s + len, "%s%s", len > 0 ? "|" : "", c);
        }
        json_decref(parts);
        json_decref(canon);
        json_decref(text);
        return ok && len > 0;
}

/* Normalises s, the text of field f, in place; false when it is not valid. */
static bool norm_text(struct norm *n, int f, json_t *v, char **s)
{
        double d;
        char *q;

        switch (defs[f].kind) {
        case K_ID:
        case K_LINE:
        case K_HOURS:
                q = text_squeeze(*s);
                free(*s);
                *s = q;
                return true;
        case K_PIVOT:
                return norm_pivot(v, s);
        case K_POSTCODE:
                return norm_postcode(v, s);
        case K_INSEE:
                return norm_insee(v, s);
        case K_PHONE:
                first_phone(n, f, s);
                return norm_phone(s, json_string_value(n->out[schema_field_index("code_postal")]));
        case K_DATE:
                return norm_date(s);
        case K_URL:
                return norm_url(s);
        case K_ENUM:
                return norm_enum(n, f, s);
        case K_COORD:
                if (!norm_coord(v, s, f == schema_field_index("latitude") ? 90 : 180, &d))
                        return false;
                n->out[f] = json_real(d);
                return true;
        default:
                return true;
        }
}

static void norm_single(struct norm *n, int f)
{
        json_t *v = n->single[f];
        bool bad;
        char *s = scalar_text(v, &bad);

        if (bad) {
                issue(n, schema_fields[f], true,
                      xstrdup(_("expected a single value, not a list or an object")));
        } else if (s == NULL) {
                return;
        } else if (defs[f].kind == K_RESUME) {
                norm_resume(n, f, s);
        } else if (!norm_text(n, f, v, &s)) {
                char *orig = scalar_text(v, &bad);

                if (defs[f].kind != K_ENUM) /* enum_item said which value */
                        bad_value(n, f, orig);
                free(orig);
        } else if (n->out[f] == NULL) {
                n->out[f] = json_string(s);
        }
        free(s);
}

/* The text of a single value when present and not empty (borrowed), else NULL. */
static bool present(json_t *v)
{
        bool bad;
        char *s = scalar_text(v, &bad);

        free(s);
        return s != NULL || bad;
}

/* Lists often put "<street> - 33000 Bordeaux" in the address and leave the postcode and
 * commune columns out: take them from there. */
static void from_address(struct norm *n, json_t *extra)
{
        int cp = schema_field_index("code_postal"), com = schema_field_index("commune"),
            adr = schema_field_index("adresse");
        const char *a = json_string_value(n->single[adr]), *hit = NULL, *rest;
        size_t len;

        if (a == NULL || present(n->single[cp]))
                return;
        for (const char *p = a; *p != '\0'; p++)
                if (isdigit((unsigned char)*p) && (p == a || !isdigit((unsigned char)p[-1])) &&
                    strspn(p, "0123456789") == 5)
                        hit = p;
        if (hit == NULL)
                return;
        json_object_set_new(extra, "code_postal", json_stringn(hit, 5));
        n->single[cp] = json_object_get(extra, "code_postal");
        for (rest = hit + 5; *rest != '\0' && strchr(" ,-\t", *rest) != NULL; rest++)
                ;
        if (!present(n->single[com]) && *rest != '\0') {
                json_object_set_new(extra, "commune", json_string(rest));
                n->single[com] = json_object_get(extra, "commune");
        }
        for (len = (size_t)(hit - a); len > 0 && strchr(" ,-\t", a[len - 1]) != NULL; len--)
                ;
        if (len > 0) {
                json_object_set_new(extra, "adresse", json_stringn(a, len));
                n->single[adr] = json_object_get(extra, "adresse");
        }
}

static bool has_error(const struct schema_issues *is, size_t from, int f)
{
        for (size_t i = from; i < is->n; i++)
                if (is->v[i].error && strcmp(is->v[i].field, schema_fields[f]) == 0)
                        return true;
        return false;
}

/* Both coordinates or neither: one alone cannot place the point. */
static void pair_coordinates(struct norm *n)
{
        int la = schema_field_index("latitude"), lo = schema_field_index("longitude");

        if ((n->out[la] == NULL) == (n->out[lo] == NULL))
                return;
        issue(n, schema_fields[n->out[la] == NULL ? lo : la], false,
              xstrdup(_("latitude and longitude go together: coordinates not kept")));
        json_decref(n->out[la]);
        json_decref(n->out[lo]);
        n->out[la] = n->out[lo] = NULL;
}

json_t *schema_normalise(json_t *raw, struct schema_issues *is)
{
        struct norm n = {.is = is};
        size_t first = is->n, errors = is->errors;
        json_t *extra, *rec = NULL;

        if (!json_is_object(raw)) {
                schema_issue_add(is, "", true, xstrdup(_("a record must be an object")));
                return NULL;
        }
        extra = json_object();
        gather(&n, raw);
        from_address(&n, extra);
        for (int f = 0; f < SCHEMA_NFIELDS; f++) {
                if (n.items[f] != NULL)
                        norm_list(&n, f);
                else
                        norm_single(&n, f);
                if (defs[f].required && n.out[f] == NULL && !has_error(is, first, f))
                        issue(&n, schema_fields[f], true, xstrdup(_("missing required field")));
        }
        pair_coordinates(&n);
        if (is->errors == errors)
                rec = json_object();
        for (int f = 0; f < SCHEMA_NFIELDS; f++) {
                if (rec != NULL && n.out[f] != NULL)
                        json_object_set_new(rec, schema_fields[f], n.out[f]);
                else
                        json_decref(n.out[f]);
                json_decref(n.items[f]);
        }
        json_decref(extra);
        return rec;
}
