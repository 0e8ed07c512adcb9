/* French public holidays (jours fériés) of a year: fixed days, the Easter-based ones
 * (Gregorian computus), Alsace-Moselle's two extra days (départements 57, 67, 68)
 * and the overseas days; the calendar arithmetic is in common/clock.h. */
#ifndef ANNUAIRE_HOLIDAYS_H
#define ANNUAIRE_HOLIDAYS_H

#include <stdbool.h>

/* At most 13 holidays in a year (11 national + 2 in Alsace-Moselle, or 1 overseas). */
#define HOLIDAYS_MAX 13

struct holiday {
        int month;        /* 1..12 */
        int day;          /* 1..31 */
        const char *name; /* French name, static ("lundi de Pâques") */
};

/* Easter Sunday of year (Gregorian calendar, 1583..9999) in *month and *day. */
void holiday_easter(int year, int *month, int *day);

/* True when year-month-day is a public holiday; insee (may be NULL) is the commune's
 * INSEE code: départements 57, 67 and 68 add Vendredi saint and 26 décembre, 971 to 976
 * their day of the abolition of slavery (27 May, 22 May, 10 June, 20 December, 27 April). */
bool holiday_is(int year, int month, int day, const char *insee);

/* Fills out with the holidays of year in calendar order; returns how many (11 to 13). */
int holiday_list(int year, const char *insee, struct holiday out[HOLIDAYS_MAX]);

/* True when the INSEE code (or a postcode-like code) belongs to Alsace-Moselle. */
bool holiday_alsace_moselle(const char *insee);

#endif
