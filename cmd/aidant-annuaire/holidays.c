/* French public holidays: the eleven national days of the Code du travail (L3133-1),
 * Easter computed with the Gregorian computus, the local law of Alsace-Moselle and the
 * abolition of slavery in the overseas départements. */
#include "holidays.h"
#include "clock.h"

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
