/* French public holidays: the eleven national days of the Code du travail (L3133-1),
 * Easter computed with the Gregorian computus, and the local law of Alsace-Moselle. */
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

static bool leap(int y)
{
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Day of the year (1..366) of month/day, and back: Easter-based days may cross months. */
static int yday_of(int y, int month, int day)
{
        static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

        return before[month - 1] + day + (month > 2 && leap(y) ? 1 : 0);
}

static void from_yday(int y, int yday, int *month, int *day)
{
        int mdays[] = {31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int m = 0;

        while (m < 11 && yday > mdays[m])
                yday -= mdays[m++];
        *month = m + 1;
        *day = yday;
}

static void add(struct holiday *out, int *n, int month, int day, const char *name)
{
        out[*n].month = month;
        out[*n].day = day;
        out[*n].name = name;
        (*n)++;
}

static void add_easter(struct holiday *out, int *n, int y, int easter, int offset, const char *name)
{
        int month, day;

        from_yday(y, easter + offset, &month, &day);
        add(out, n, month, day, name);
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
        int em, ed, easter, n = 0;

        holiday_easter(year, &em, &ed);
        easter = yday_of(year, em, ed);
        add(out, &n, 1, 1, "jour de l'An");
        add_easter(out, &n, year, easter, 1, "lundi de Pâques");
        add(out, &n, 5, 1, "1er mai");
        add(out, &n, 5, 8, "8 mai");
        add_easter(out, &n, year, easter, 39, "Ascension");
        add_easter(out, &n, year, easter, 50, "lundi de Pentecôte");
        add(out, &n, 7, 14, "14 juillet");
        add(out, &n, 8, 15, "15 août");
        add(out, &n, 11, 1, "Toussaint");
        add(out, &n, 11, 11, "11 novembre");
        add(out, &n, 12, 25, "Noël");
        if (holiday_alsace_moselle(insee)) {
                add_easter(out, &n, year, easter, -2, "Vendredi saint");
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
