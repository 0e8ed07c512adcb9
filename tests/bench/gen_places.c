/* Generates a national-scale CSV of fictitious help places on the schema's 32 columns:
 * places spread over the 96 départements of metropolitan France by population, many
 * communes per département (a few large, most small), services, hours and dates.
 * With "dup", places spread as real ones (at most about 8 a km², towns growing with the
 * list) and about one in ten listed a second time by the list "partenaire", as the
 * national lists repeat each other: the name and address spelled another way, a few
 * metres away, another date (N rows in all).
 * Usage: gen_places N [SEED [dup]] > places.csv (deterministic for a seed). */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dep {
        const char *code, *town, *postcode, *insee;
        double lat, lon;
        int pop; /* thousands of inhabitants, as the weight of the département */
};

static const struct dep deps[] = {
    {"01", "Bourg-en-Bresse", "01000", "01053", 46.205, 5.226, 650},
    {"02", "Laon", "02000", "02408", 49.564, 3.620, 530},
    {"03", "Moulins", "03000", "03190", 46.566, 3.333, 335},
    {"04", "Digne-les-Bains", "04000", "04070", 44.092, 6.236, 165},
    {"05", "Gap", "05000", "05061", 44.559, 6.079, 141},
    {"06", "Nice", "06000", "06088", 43.710, 7.262, 1090},
    {"07", "Privas", "07000", "07186", 44.735, 4.599, 328},
    {"08", "Charleville-Mézières", "08000", "08105", 49.773, 4.720, 270},
    {"09", "Foix", "09000", "09122", 42.965, 1.607, 153},
    {"10", "Troyes", "10000", "10387", 48.297, 4.074, 310},
    {"11", "Carcassonne", "11000", "11069", 43.213, 2.349, 372},
    {"12", "Rodez", "12000", "12202", 44.350, 2.575, 279},
    {"13", "Marseille", "13001", "13055", 43.296, 5.370, 2040},
    {"14", "Caen", "14000", "14118", 49.182, -0.370, 695},
    {"15", "Aurillac", "15000", "15014", 44.926, 2.440, 144},
    {"16", "Angoulême", "16000", "16015", 45.648, 0.156, 352},
    {"17", "La Rochelle", "17000", "17300", 46.160, -1.151, 651},
    {"18", "Bourges", "18000", "18033", 47.081, 2.398, 302},
    {"19", "Tulle", "19000", "19272", 45.267, 1.771, 240},
    {"2A", "Ajaccio", "20000", "2A004", 41.919, 8.738, 158},
    {"2B", "Bastia", "20200", "2B033", 42.697, 9.450, 182},
    {"21", "Dijon", "21000", "21231", 47.322, 5.041, 534},
    {"22", "Saint-Brieuc", "22000", "22278", 48.514, -2.765, 600},
    {"23", "Guéret", "23000", "23096", 46.171, 1.871, 117},
    {"24", "Périgueux", "24000", "24322", 45.184, 0.721, 413},
    {"25", "Besançon", "25000", "25056", 47.238, 6.024, 543},
    {"26", "Valence", "26000", "26362", 44.933, 4.892, 516},
    {"27", "Évreux", "27000", "27229", 49.027, 1.151, 599},
    {"28", "Chartres", "28000", "28085", 48.446, 1.489, 431},
    {"29", "Quimper", "29000", "29232", 47.996, -4.102, 915},
    {"30", "Nîmes", "30000", "30189", 43.837, 4.360, 748},
    {"31", "Toulouse", "31000", "31555", 43.605, 1.444, 1400},
    {"32", "Auch", "32000", "32013", 43.646, 0.586, 191},
    {"33", "Bordeaux", "33000", "33063", 44.838, -0.579, 1623},
    {"34", "Montpellier", "34000", "34172", 43.611, 3.877, 1176},
    {"35", "Rennes", "35000", "35238", 48.117, -1.678, 1079},
    {"36", "Châteauroux", "36000", "36044", 46.811, 1.691, 219},
    {"37", "Tours", "37000", "37261", 47.394, 0.685, 610},
    {"38", "Grenoble", "38000", "38185", 45.188, 5.724, 1271},
    {"39", "Lons-le-Saunier", "39000", "39300", 46.675, 5.555, 259},
    {"40", "Mont-de-Marsan", "40000", "40192", 43.890, -0.500, 413},
    {"41", "Blois", "41000", "41018", 47.586, 1.335, 330},
    {"42", "Saint-Étienne", "42000", "42218", 45.440, 4.387, 765},
    {"43", "Le Puy-en-Velay", "43000", "43157", 45.043, 3.885, 227},
    {"44", "Nantes", "44000", "44109", 47.218, -1.554, 1429},
    {"45", "Orléans", "45000", "45234", 47.903, 1.909, 680},
    {"46", "Cahors", "46000", "46042", 44.448, 1.441, 174},
    {"47", "Agen", "47000", "47001", 44.203, 0.616, 331},
    {"48", "Mende", "48000", "48095", 44.518, 3.501, 76},
    {"49", "Angers", "49000", "49007", 47.478, -0.563, 818},
    {"50", "Saint-Lô", "50000", "50502", 49.116, -1.091, 495},
    {"51", "Châlons-en-Champagne", "51000", "51108", 48.957, 4.363, 568},
    {"52", "Chaumont", "52000", "52121", 48.111, 5.139, 172},
    {"53", "Laval", "53000", "53130", 48.073, -0.770, 307},
    {"54", "Nancy", "54000", "54395", 48.692, 6.184, 733},
    {"55", "Bar-le-Duc", "55000", "55029", 48.772, 5.160, 184},
    {"56", "Vannes", "56000", "56260", 47.658, -2.760, 760},
    {"57", "Metz", "57000", "57463", 49.120, 6.176, 1044},
    {"58", "Nevers", "58000", "58194", 46.990, 3.159, 204},
    {"59", "Lille", "59000", "59350", 50.629, 3.057, 2608},
    {"60", "Beauvais", "60000", "60057", 49.430, 2.081, 829},
    {"61", "Alençon", "61000", "61001", 48.432, 0.092, 279},
    {"62", "Arras", "62000", "62041", 50.291, 2.778, 1465},
    {"63", "Clermont-Ferrand", "63000", "63113", 45.778, 3.087, 662},
    {"64", "Pau", "64000", "64445", 43.295, -0.370, 683},
    {"65", "Tarbes", "65000", "65440", 43.233, 0.078, 228},
    {"66", "Perpignan", "66000", "66136", 42.699, 2.895, 479},
    {"67", "Strasbourg", "67000", "67482", 48.573, 7.752, 1133},
    {"68", "Colmar", "68000", "68066", 48.079, 7.358, 767},
    {"69", "Lyon", "69001", "69123", 45.764, 4.836, 1876},
    {"70", "Vesoul", "70000", "70550", 47.622, 6.155, 235},
    {"71", "Mâcon", "71000", "71270", 46.307, 4.829, 551},
    {"72", "Le Mans", "72000", "72181", 48.006, 0.199, 566},
    {"73", "Chambéry", "73000", "73065", 45.566, 5.921, 436},
    {"74", "Annecy", "74000", "74010", 45.899, 6.129, 826},
    {"75", "Paris", "75001", "75056", 48.857, 2.352, 2166},
    {"76", "Rouen", "76000", "76540", 49.443, 1.099, 1255},
    {"77", "Melun", "77000", "77288", 48.540, 2.660, 1421},
    {"78", "Versailles", "78000", "78646", 48.805, 2.130, 1448},
    {"79", "Niort", "79000", "79191", 46.323, -0.465, 375},
    {"80", "Amiens", "80000", "80021", 49.894, 2.296, 570},
    {"81", "Albi", "81000", "81004", 43.929, 2.148, 389},
    {"82", "Montauban", "82000", "82121", 44.018, 1.355, 260},
    {"83", "Toulon", "83000", "83137", 43.124, 5.928, 1076},
    {"84", "Avignon", "84000", "84007", 43.949, 4.806, 561},
    {"85", "La Roche-sur-Yon", "85000", "85191", 46.670, -1.426, 685},
    {"86", "Poitiers", "86000", "86194", 46.580, 0.340, 438},
    {"87", "Limoges", "87000", "87085", 45.834, 1.261, 372},
    {"88", "Épinal", "88000", "88160", 48.173, 6.451, 364},
    {"89", "Auxerre", "89000", "89024", 47.798, 3.567, 335},
    {"90", "Belfort", "90000", "90010", 47.639, 6.863, 141},
    {"91", "Évry-Courcouronnes", "91000", "91228", 48.629, 2.441, 1301},
    {"92", "Nanterre", "92000", "92050", 48.892, 2.207, 1624},
    {"93", "Bobigny", "93000", "93008", 48.908, 2.439, 1644},
    {"94", "Créteil", "94000", "94028", 48.790, 2.455, 1407},
    {"95", "Cergy", "95000", "95127", 49.036, 2.076, 1249},
};
#define NDEPS (sizeof(deps) / sizeof(deps[0]))

static const char *const stems[] = {
    "Saint-Julien",  "Villeneuve",   "Beaumont",      "Châteauneuf",  "Fontaine",   "Neuville",
    "Saint-Georges", "Sainte-Marie", "La Chapelle",   "Le Plessis",   "Montreuil",  "Saint-Martin",
    "Bellevue",      "Champagne",    "Saint-Laurent", "Les Granges",  "Mont-Saint", "Lacroix",
    "Saint-Pierre",  "Vauclair",     "Roche",         "Bois-Colombe", "Vernet",     "Sainte-Foy",
};
static const char *const suffixes[] = {
    "", "-sur-Loire", "-les-Bains", "-le-Château", "-en-Forêt", "-du-Lac", "-la-Rivière", "",
};
static const char *const kinds[] = {
    "France Services de %s",    "Médiathèque de %s", "Centre social de %s",
    "Espace numérique de %s",   "Mairie de %s",      "CCAS de %s",
    "Maison de quartier de %s", "Tiers-lieu de %s",  "Point numérique de %s",
    "Association Connect %s",   "Cyber-base de %s",  "Bibliothèque de %s",
};
static const char *const typologies[] = {"MUNI", "BIB", "CS", "ASSO", "TIERS_LIEUX", "CCAS"};
static const char *const streets[] = {
    "rue de la République", "avenue Jean Jaurès", "place de la Mairie",       "rue Victor Hugo",
    "rue des Écoles",       "boulevard Gambetta", "rue du Général de Gaulle", "chemin des Vignes",
};
static const char *const hours[] = {
    "Mo-Fr 08:30-12:00,13:30-17:00",
    "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
    "Tu,Th 09:00-12:00",
    "We 14:00-18:00; Sa 09:00-12:00",
    "Mo-Fr 09:00-12:30,13:30-17:00; Sa 09:00-12:00; PH off",
    "Tu-Sa 10:00-12:00,14:00-18:00",
    "Mo,We,Fr 09:00-12:00",
    "Mo-Th 08:30-12:00,13:30-16:30; Fr 08:30-12:00",
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
};
static const char *const publics[] = {"Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors",
                                      "Femmes"};
static const char *const needs[] = {"Surdité",
                                    "Handicaps moteurs",
                                    "Handicaps mentaux",
                                    "Illettrisme",
                                    "Langues étrangères (anglais)",
                                    "Langues étrangères (autres)",
                                    "Déficience visuelle"};
static const char *const fees[] = {"Gratuit", "Gratuit", "Gratuit", "Gratuit sous condition",
                                   "Payant"};
static const char *const programmes[] = {
    "Aidants Connect", "Conseillers numériques", "France Services",  "Point d'accès numérique CAF",
    "Emmaüs Connect",  "Certification PIX",      "Promeneurs du net"};
static const char *const labels[] = {"Formé à « Mon Espace Santé »", "Étapes numériques (La Poste)",
                                     "Fabriques de Territoire", "ORDI 3.0"};
static const char *const access[] = {"Se présenter", "Téléphoner", "Contacter par mail",
                                     "Prendre un RDV en ligne"};
static const char *const support[] = {"En autonomie", "Accompagnement individuel",
                                      "Dans un atelier collectif", "À distance"};

#define COUNT(a) (sizeof(a) / sizeof(a[0]))

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t next_u64(void)
{
        uint64_t x = rng_state;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return rng_state = x;
}

static double uniform(void)
{
        return (double)(next_u64() >> 11) / 9007199254740992.0;
}

static unsigned pick(unsigned n)
{
        return (unsigned)(next_u64() % n);
}

/* A stable hash of a commune, so that every place of a commune shares its data. */
static uint64_t commune_hash(unsigned dep, unsigned k)
{
        uint64_t h = (dep + 1) * 0x100000001B3ULL ^ (k + 7) * 0xC2B2AE3D27D4EB4FULL;

        h ^= h >> 29;
        return h * 0xBF58476D1CE4E5B9ULL;
}

static unsigned pick_dep(const int *cumul, int total)
{
        int r = (int)pick((unsigned)total);
        unsigned lo = 0, hi = NDEPS - 1;

        while (lo < hi) {
                unsigned mid = (lo + hi) / 2;

                if (cumul[mid] > r)
                        hi = mid;
                else
                        lo = mid + 1;
        }
        return lo;
}

/* Writes a CSV field, quoted when it holds a separator, a quote or a newline. */
static void field(const char *s, int last)
{
        if (strpbrk(s, ",\"\n") != NULL) {
                putchar('"');
                for (; *s != '\0'; s++) {
                        if (*s == '"')
                                putchar('"');
                        putchar(*s);
                }
                putchar('"');
        } else {
                fputs(s, stdout);
        }
        putchar(last ? '\n' : ',');
}

/* Joins up to max distinct values of a list with '|' (at least min). */
static void some(char *out, size_t cap, const char *const *v, unsigned n, unsigned min,
                 unsigned max)
{
        unsigned count = min + pick(max - min + 1), used = 0;
        size_t len = 0;

        out[0] = '\0';
        for (unsigned i = 0; i < count; i++) {
                unsigned j = pick(n);

                if (used & (1u << j))
                        continue;
                used |= 1u << j;
                len += (size_t)snprintf(out + len, cap - len, "%s%s", len > 0 ? "|" : "", v[j]);
        }
}

struct commune {
        char name[64], postcode[6], insee[6];
        double lat, lon;
        double spread; /* the scatter of its places, times that of a small town */
};

/* Commune k of a département: k = 0 is the prefecture, the others are generated. */
static void commune_of(unsigned d, unsigned k, struct commune *c)
{
        const struct dep *dp = &deps[d];
        uint64_t h = commune_hash(d, k);
        double a = (double)(h & 0xFFFF) / 65535.0 * 2 * M_PI;
        double r = sqrt((double)((h >> 16) & 0xFFFF) / 65535.0) * 0.45;

        c->spread = 1;
        if (k == 0) {
                snprintf(c->name, sizeof(c->name), "%s", dp->town);
                snprintf(c->postcode, sizeof(c->postcode), "%s", dp->postcode);
                snprintf(c->insee, sizeof(c->insee), "%s", dp->insee);
                c->lat = dp->lat, c->lon = dp->lon;
                return;
        }
        snprintf(c->name, sizeof(c->name), "%s%s", stems[(h >> 32) % COUNT(stems)],
                 suffixes[(h >> 40) % COUNT(suffixes)]);
        snprintf(c->postcode, sizeof(c->postcode), "%.2s%03u",
                 dp->code[1] == 'A' || dp->code[1] == 'B' ? "20" : dp->code,
                 (unsigned)(10 + (h >> 48) % 98 * 10) % 1000);
        snprintf(c->insee, sizeof(c->insee), "%.2s%03u", dp->code, k % 1000);
        c->lat = dp->lat + r * sin(a);
        c->lon = dp->lon + r * cos(a) * 1.4;
}

#define NCOLS 32 /* the columns of the header */

enum { ID, PIVOT, NOM, COMMUNE, CP, INSEE, ADRESSE, LAT = 8, LON, SOURCE = 17, DATE = 20 };

/* One row: each column's text. */
struct row {
        char col[NCOLS][512];
};

static void header(void)
{
        puts("id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,"
             "longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,"
             "presentation_detail,source,itinerance,structure_parente,date_maj,services,"
             "publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,"
             "dispositif_programmes_nationaux,formations_labels,autres_formations_labels,"
             "modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv");
}

static void put_row(const struct row *w)
{
        for (size_t i = 0; i < NCOLS; i++)
                field(w->col[i], i + 1 == NCOLS);
}

#define SET(w, c, ...) snprintf((w)->col[c], sizeof((w)->col[c]), __VA_ARGS__)

/* The columns from id to presentation_detail. */
static void place_head(struct row *w, long i, const struct commune *c)
{
        SET(w, ID, "bench-%06ld", i);
        if (pick(5) == 0)
                SET(w, PIVOT, "00000000000000");
        else
                SET(w, PIVOT, "%09u%05u", 100000000 + pick(800000000), pick(99999));
        SET(w, NOM, kinds[pick(COUNT(kinds))], c->name);
        SET(w, COMMUNE, "%s", c->name);
        SET(w, CP, "%s", c->postcode);
        SET(w, INSEE, "%s", c->insee);
        SET(w, ADRESSE, "%u %s", 1 + pick(120), streets[pick(COUNT(streets))]);
        SET(w, 7, "%s", pick(10) == 0 ? "Bâtiment B, rez-de-chaussée" : "");
        SET(w, LAT, "%.5f", c->lat + (uniform() - 0.5) * 0.02 * c->spread);
        SET(w, LON, "%.5f", c->lon + (uniform() - 0.5) * 0.03 * c->spread);
        SET(w, 10, "%s", typologies[pick(COUNT(typologies))]);
        SET(w, 11, "+33%u%08u", 1 + pick(5), pick(100000000));
        SET(w, 12, "contact@lieu-%ld.example", i);
        if (pick(3) == 0)
                SET(w, 13, "https://lieu-%ld.example", i);
        else
                w->col[13][0] = '\0';
        SET(w, 14, "%s", hours[pick(COUNT(hours))]);
        SET(w, 15, "Accompagnement aux démarches en ligne, ateliers et accès libre.");
        SET(w, 16, "%s",
            pick(4) == 0 ? "Sur rendez-vous le matin, sans rendez-vous l'après-midi. Ateliers "
                           "collectifs le mercredi, accès libre aux ordinateurs."
                         : "");
}

/* The columns from source to prise_rdv. */
static void place_tail(struct row *w)
{
        SET(w, SOURCE, "bench");
        SET(w, 18, "%s", pick(30) == 0 ? "Itinérant" : "Fixe");
        w->col[19][0] = '\0';
        SET(w, DATE, "%04u-%02u-%02u", 2021 + pick(6), 1 + pick(12), 1 + pick(28));
        some(w->col[21], sizeof(w->col[21]), services, COUNT(services), 1, 4);
        some(w->col[22], sizeof(w->col[22]), publics, COUNT(publics), 0, 2);
        some(w->col[23], sizeof(w->col[23]), needs, COUNT(needs), 0, 1);
        SET(w, 24, "%s", fees[pick(COUNT(fees))]);
        some(w->col[25], sizeof(w->col[25]), programmes, COUNT(programmes), 0, 2);
        some(w->col[26], sizeof(w->col[26]), labels, COUNT(labels), 0, 1);
        w->col[27][0] = '\0';
        some(w->col[28], sizeof(w->col[28]), access, COUNT(access), 1, 2);
        some(w->col[29], sizeof(w->col[29]), support, COUNT(support), 1, 2);
        w->col[30][0] = '\0';
        SET(w, 31, "%s", pick(5) == 0 ? "https://www.rdv-solidarites.fr/" : "");
}

/* --- duplicates: the same place as a second list gives it --------------------------- */

/* s with the first occurrence of from replaced by to, in place (at most cap bytes). */
static void replace(char *s, size_t cap, const char *from, const char *to)
{
        char *hit = strstr(s, from), rest[512];

        if (hit == NULL)
                return;
        snprintf(rest, sizeof(rest), "%s", hit + strlen(from));
        snprintf(hit, cap - (size_t)(hit - s), "%s%s", to, rest);
}

/* The way a second list spells a name: capitals, "St" for "Saint", "Asso" for
 * "Association", an acronym, or a longer name that falls below the threshold. */
static void other_name(char *s, size_t cap)
{
        switch (pick(6)) {
        case 0:
                for (char *p = s; *p != '\0'; p++)
                        if (*p >= 'a' && *p <= 'z')
                                *p = (char)(*p - 'a' + 'A');
                break;
        case 1:
                replace(s, cap, "Saint-", "St ");
                replace(s, cap, "Sainte-", "Ste ");
                break;
        case 2:
                replace(s, cap, "Association", "Asso.");
                replace(s, cap, "Centre", "Ctre");
                break;
        case 3:
                replace(s, cap, "France Services de", "Espace France Services");
                replace(s, cap, "Médiathèque", "Mediatheque");
                break;
        case 4: /* a near miss: the same place under a longer name */
                snprintf(s + strlen(s), cap - strlen(s), " - accueil numérique et démarches");
                break;
        default:
                break;
        }
}

static void other_address(char *s, size_t cap)
{
        switch (pick(4)) {
        case 0:
                replace(s, cap, "avenue", "av.");
                replace(s, cap, "boulevard", "bd");
                replace(s, cap, "Général", "Gal");
                break;
        case 1:
                replace(s, cap, "rue", "Rue");
                break;
        default:
                break;
        }
}

/* The duplicate of w by the list "partenaire": its own id, date and services, the name
 * and address spelled its way, coordinates a few metres away (or none). */
static void duplicate_of(const struct row *w, long i, struct row *d)
{
        *d = *w;
        SET(d, ID, "partenaire-%06ld", i);
        SET(d, SOURCE, "partenaire");
        other_name(d->col[NOM], sizeof(d->col[NOM]));
        other_address(d->col[ADRESSE], sizeof(d->col[ADRESSE]));
        if (pick(8) == 0) {
                d->col[LAT][0] = d->col[LON][0] = '\0';
        } else {
                /* up to about 40 m: 1e-5 degrees of latitude is 1.1 m */
                SET(d, LAT, "%.5f", atof(w->col[LAT]) + (uniform() - 0.5) * 0.0007);
                SET(d, LON, "%.5f", atof(w->col[LON]) + (uniform() - 0.5) * 0.0010);
        }
        SET(d, DATE, "%04u-%02u-%02u", 2021 + pick(6), 1 + pick(12), 1 + pick(28));
        some(d->col[21], sizeof(d->col[21]), services, COUNT(services), 1, 4);
}

/* The share of the places of a département in commune k (k = 300 u^3, u uniform). */
static double commune_share(unsigned k)
{
        return cbrt((k + 1) / 300.0) - cbrt(k / 300.0);
}

int main(int argc, char **argv)
{
        long n = argc > 1 ? atol(argv[1]) : 100000;
        int cumul[NDEPS], total = 0;
        bool dup = argc > 3 && strcmp(argv[3], "dup") == 0;

        if (argc > 2)
                rng_state ^= (uint64_t)atoll(argv[2]) * 0x2545F4914F6CDD1DULL;
        if (n <= 0 || argc > 4 || (argc > 3 && !dup)) {
                fputs("usage: gen_places N [SEED [dup]] > places.csv\n", stderr);
                return 64;
        }
        for (unsigned d = 0; d < NDEPS; d++)
                cumul[d] = total += deps[d].pop;
        header();
        for (long i = 1, rows = 0; rows < n; i++, rows++) {
                struct commune c;
                struct row w, d;
                unsigned dep = pick_dep(cumul, total);
                /* most places in the larger communes, a long tail of small ones */
                unsigned k = (unsigned)(300 * pow(uniform(), 3));

                commune_of(dep, k, &c);
                if (dup) /* at most about 8 places a km², however many places there are */
                        c.spread = fmax(
                            1, sqrt((double)n * deps[dep].pop / total * commune_share(k) / 40.0));
                place_head(&w, i, &c);
                place_tail(&w);
                put_row(&w);
                if (dup && rows + 1 < n && pick(10) == 0) {
                        duplicate_of(&w, i, &d);
                        put_row(&d);
                        rows++;
                }
        }
        return ferror(stdout) || fflush(stdout) != 0 ? 74 : 0;
}
