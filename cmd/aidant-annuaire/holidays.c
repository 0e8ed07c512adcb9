/* French public holidays: the eleven national days of the Code du travail (L3133-1),
 * Easter computed with the Gregorian computus, the local law of Alsace-Moselle and the
 * abolition of slavery in the overseas départements. */
#include "holidays.h"

#include <stddef.h>
#include <string.h>

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

bool holiday_alsace_moselle(const char *insee)
{
        if (insee == NULL || strlen(insee) < 2)
                return false;
        return strncmp(insee, "57", 2) == 0 || strncmp(insee, "67", 2) == 0 ||
               strncmp(insee, "68", 2) == 0;
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
long cal_days(int year, int month, int day)
{
        long y = year - (month <= 2), era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;

        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

void cal_date(long z, int *year, int *month, int *day)
{
        long era, doe, yoe, doy, mp;

        z += 719468;
        era = (z >= 0 ? z : z - 146096) / 146097;
        doe = z - era * 146097;
        yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        mp = (5 * doy + 2) / 153;
        *day = (int)(doy - (153 * mp + 2) / 5 + 1);
        *month = (int)(mp < 10 ? mp + 3 : mp - 9);
        *year = (int)(yoe + era * 400 + (*month <= 2));
}

int cal_weekday(long z)
{
        return (int)(((z % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

/* The week of the Thursday of z's week, counted from 1 January of that Thursday's year. */
int cal_iso_week(long z)
{
        long thursday = z - cal_weekday(z) + 3;
        int y, m, d;

        cal_date(thursday, &y, &m, &d);
        return (int)((thursday - cal_days(y, 1, 1)) / 7 + 1);
}

int cal_month_days(int year, int month)
{
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

        return month == 2 && leap ? 29 : mdays[month - 1];
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

/* The day each overseas département marks the abolition of slavery (décret 83-1003),
 * as month * 100 + day, or 0. */
static int abolition_day(const char *insee)
{
        static const struct {
                const char *dept;
                int date;
        } days[] = {{"971", 527}, {"972", 522}, {"973", 610}, {"974", 1220}, {"976", 427}};

        for (size_t i = 0; insee != NULL && i < sizeof(days) / sizeof(days[0]); i++)
                if (strncmp(insee, days[i].dept, 3) == 0)
                        return days[i].date;
        return 0;
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
        int em, ed, month, n = 0;
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
        if ((month = abolition_day(insee)) > 0)
                add(out, &n, month / 100, month % 100, "abolition de l'esclavage");
        if (holiday_alsace_moselle(insee)) {
                add_easter(out, &n, easter, -2, "Vendredi saint");
                add(out, &n, 12, 26, "26 décembre");
        }
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

/* Names as opening_hours values write them: OSM two-letter days, English and French. */
static const char *const wday_names[][7] = {
    {"mo", "tu", "we", "th", "fr", "sa", "su"},
    {"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
    {"lu", "ma", "me", "je", "ve", "sa", "di"}, /* not "mar": March */
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
};

static const char *const month_names[][12] = {
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"},
};

static int lookup(const char *w, const char *const *names, int n)
{
        for (int i = 0; i < n; i++)
                if (strcmp(w, names[i]) == 0)
                        return i;
        return -1;
}

int cal_weekday_named(const char *w)
{
        for (size_t t = 0; t < sizeof(wday_names) / sizeof(wday_names[0]); t++) {
                int d = lookup(w, wday_names[t], 7);

                if (d >= 0)
                        return d;
        }
        return -1;
}

int cal_month_named(const char *w)
{
        for (size_t t = 0; t < sizeof(month_names) / sizeof(month_names[0]); t++) {
                int m = lookup(w, month_names[t], 12);

                if (m >= 0)
                        return m + 1;
        }
        return -1;
}
