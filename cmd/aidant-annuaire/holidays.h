/* Public holidays (jours fériés) and time zones of the French territories, chosen by the
 * place's INSEE code: the national days, Easter computed with the Gregorian computus,
 * Alsace-Moselle, and the overseas departments and collectivities. The calendar
 * arithmetic is in common/clock.h. */
#ifndef ANNUAIRE_HOLIDAYS_H
#define ANNUAIRE_HOLIDAYS_H

#include <stdbool.h>

/* At most 16 holidays in a year (11 national and the local ones). */
#define HOLIDAYS_MAX 16

struct holiday {
        int month;        /* 1..12 */
        int day;          /* 1..31 */
        const char *name; /* French name, static ("lundi de Pâques") */
};

/* Easter Sunday of year (Gregorian calendar, 1583..9999) in *month and *day. */
void holiday_easter(int year, int *month, int *day);

/* True when year-month-day is a public holiday where the commune of INSEE code insee is
 * (NULL or an unknown code: the national days only). A postcode names the same territory
 * except in Saint-Barthélemy (97133) and Saint-Martin (97150), read as Guadeloupe. */
bool holiday_is(int year, int month, int day, const char *insee);

/* Fills out with the holidays of year in calendar order; returns how many. */
int holiday_list(int year, const char *insee, struct holiday out[HOLIDAYS_MAX]);

/* True when the INSEE code (or a postcode-like code) belongs to Alsace-Moselle. */
bool holiday_alsace_moselle(const char *insee);

/* The IANA time zone of the commune ("Pacific/Noumea", "Europe/Paris" for metropolitan
 * France), static, or NULL when insee is NULL or not a French code. */
const char *holiday_zone(const char *insee);

#endif
