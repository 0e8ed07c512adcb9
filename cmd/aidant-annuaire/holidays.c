/* Public holidays and time zones of the French territories. The national days are those
 * of the Code du travail (L3133-1); Alsace-Moselle adds Vendredi saint and 26 décembre
 * (local law); each overseas department and Saint-Barthélemy and Saint-Martin add the
 * day the abolition of slavery is commemorated (décret 83-1003 as amended: Saint-Martin
 * 28 May since 2018); Guadeloupe and Martinique also stop on Vendredi saint and on 21
 * July (fête Victor Schœlcher), Mayotte follows its Code du travail (L222-1), French
 * Polynesia, New Caledonia and Wallis-et-Futuna their own lists. */
#include "holidays.h"
#include "clock.h"

#include <stddef.h>
#include <string.h>

enum territory {
        T_NONE,
        T_METRO,
        T_ALSACE_MOSELLE,
        T_GUADELOUPE,
        T_MARTINIQUE,
        T_GUYANE,
        T_REUNION,
        T_SAINT_PIERRE,
        T_MAYOTTE,
        T_SAINT_BARTH,
        T_SAINT_MARTIN,
        T_WALLIS,
        T_POLYNESIA,
        T_NEW_CALEDONIA,
};

static const struct {
        const char *prefix;
        enum territory t;
        const char *zone;
} territories[] = {
    {"57", T_ALSACE_MOSELLE, "Europe/Paris"},
    {"67", T_ALSACE_MOSELLE, "Europe/Paris"},
    {"68", T_ALSACE_MOSELLE, "Europe/Paris"},
    {"971", T_GUADELOUPE, "America/Guadeloupe"},
    {"972", T_MARTINIQUE, "America/Martinique"},
    {"973", T_GUYANE, "America/Cayenne"},
    {"974", T_REUNION, "Indian/Reunion"},
    {"975", T_SAINT_PIERRE, "America/Miquelon"},
    {"976", T_MAYOTTE, "Indian/Mayotte"},
    {"977", T_SAINT_BARTH, "America/St_Barthelemy"},
    {"978", T_SAINT_MARTIN, "America/Marigot"},
    {"986", T_WALLIS, "Pacific/Wallis"},
    /* the Marquesas (Fatu-Hiva, Hiva-Oa, Nuku-Hiva, Tahuata, Ua-Huka, Ua-Pou) and the
     * Gambier keep their own time */
    {"98718", T_POLYNESIA, "Pacific/Marquesas"},
    {"98723", T_POLYNESIA, "Pacific/Marquesas"},
    {"98731", T_POLYNESIA, "Pacific/Marquesas"},
    {"98746", T_POLYNESIA, "Pacific/Marquesas"},
    {"98756", T_POLYNESIA, "Pacific/Marquesas"},
    {"98757", T_POLYNESIA, "Pacific/Marquesas"},
    {"98719", T_POLYNESIA, "Pacific/Gambier"},
    {"987", T_POLYNESIA, "Pacific/Tahiti"},
    {"988", T_NEW_CALEDONIA, "Pacific/Noumea"},
};

static bool is_digit(char c)
{
        return c >= '0' && c <= '9';
}

/* The territory and zone of an INSEE code (first match of the table, longest first where
 * it matters), metropolitan France for the other French codes. */
static enum territory territory_of(const char *insee, const char **zone)
{
        *zone = NULL;
        if (insee == NULL || strlen(insee) < 2 ||
            !((is_digit(insee[0]) && is_digit(insee[1])) ||
              (insee[0] == '2' && (insee[1] == 'A' || insee[1] == 'B'))))
                return T_NONE;
        for (size_t i = 0; i < sizeof(territories) / sizeof(territories[0]); i++) {
                size_t n = strlen(territories[i].prefix);

                if (strncmp(insee, territories[i].prefix, n) == 0) {
                        *zone = territories[i].zone;
                        return territories[i].t;
                }
        }
        if (strncmp(insee, "97", 2) == 0 || strncmp(insee, "98", 2) == 0)
                return T_NONE; /* TAAF, Clipperton, Monaco's postcodes: not known here */
        *zone = "Europe/Paris";
        return T_METRO;
}

const char *holiday_zone(const char *insee)
{
        const char *zone;

        territory_of(insee, &zone);
        return zone;
}

bool holiday_alsace_moselle(const char *insee)
{
        const char *zone;

        return territory_of(insee, &zone) == T_ALSACE_MOSELLE;
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
void holiday_easter(int year, int *month, int *day)
{
        int a = year % 19, b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;

        *month = (h + l - 7 * m + 114) / 31;
        *day = (h + l - 7 * m + 114) % 31 + 1;
}

static void add(struct holiday *out, int *n, int month, int day, const char *name)
{
        out[*n].month = month;
        out[*n].day = day;
        out[*n].name = name;
        (*n)++;
}

static void add_easter(struct holiday *out, int *n, long easter, int offset, const char *name)
{
        int year, month, day;

        cal_date(easter + offset, &year, &month, &day);
        add(out, n, month, day, name);
}

/* The days a territory adds to the national ones. */
static void add_local(struct holiday *out, int *n, enum territory t, int year, long easter)
{
        static const struct {
                enum territory t;
                int date; /* month * 100 + day */
                const char *name;
        } fixed[] = {
            {T_ALSACE_MOSELLE, 1226, "26 décembre"},
            {T_GUADELOUPE, 527, "abolition de l'esclavage"},
            {T_GUADELOUPE, 721, "fête Victor Schœlcher"},
            {T_MARTINIQUE, 522, "abolition de l'esclavage"},
            {T_MARTINIQUE, 721, "fête Victor Schœlcher"},
            {T_GUYANE, 610, "abolition de l'esclavage"},
            {T_REUNION, 1220, "abolition de l'esclavage"},
            {T_MAYOTTE, 427, "abolition de l'esclavage"},
            {T_SAINT_BARTH, 1009, "abolition de l'esclavage"},
            {T_SAINT_MARTIN, 528, "abolition de l'esclavage"},
            {T_WALLIS, 428, "saint Pierre Chanel"},
            {T_WALLIS, 729, "fête du Territoire"},
            {T_POLYNESIA, 305, "arrivée de l'Évangile"},
            {T_NEW_CALEDONIA, 924, "fête de la Citoyenneté"},
        };

        if (t == T_ALSACE_MOSELLE || t == T_GUADELOUPE || t == T_MARTINIQUE || t == T_POLYNESIA)
                add_easter(out, n, easter, -2, "Vendredi saint");
        for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
                if (fixed[i].t == t)
                        add(out, n, fixed[i].date / 100, fixed[i].date % 100, fixed[i].name);
        /* a loi du pays of 2025 moved the Polynesian day from 29 June to 20 November */
        if (t == T_POLYNESIA && year < 2025)
                add(out, n, 6, 29, "fête de l'autonomie");
        else if (t == T_POLYNESIA)
                add(out, n, 11, 20, "Matāri'i i ni'a");
}

static void sort_by_date(struct holiday *h, int n)
{
        for (int i = 1; i < n; i++) {
                struct holiday x = h[i];
                int j = i;

                for (; j > 0 && h[j - 1].month * 32 + h[j - 1].day > x.month * 32 + x.day; j--)
                        h[j] = h[j - 1];
                h[j] = x;
        }
}

int holiday_list(int year, const char *insee, struct holiday out[HOLIDAYS_MAX])
{
        int em, ed, n = 0;
        const char *zone;
        long easter;

        holiday_easter(year, &em, &ed);
        easter = cal_days(year, em, ed);
        add(out, &n, 1, 1, "jour de l'An");
        add_easter(out, &n, easter, 1, "lundi de Pâques");
        add(out, &n, 5, 1, "1er mai");
        add(out, &n, 5, 8, "8 mai");
        add_easter(out, &n, easter, 39, "Ascension");
        add_easter(out, &n, easter, 50, "lundi de Pentecôte");
        add(out, &n, 7, 14, "14 juillet");
        add(out, &n, 8, 15, "15 août");
        add(out, &n, 11, 1, "Toussaint");
        add(out, &n, 11, 11, "11 novembre");
        add(out, &n, 12, 25, "Noël");
        add_local(out, &n, territory_of(insee, &zone), year, easter);
        sort_by_date(out, n);
        return n;
}

bool holiday_is(int year, int month, int day, const char *insee)
{
        struct holiday h[HOLIDAYS_MAX];
        int n = holiday_list(year, insee, h);

        for (int i = 0; i < n; i++)
                if (h[i].month == month && h[i].day == day)
                        return true;
        return false;
}
