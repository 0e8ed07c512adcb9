/* Dates, times, durations and calendar arithmetic. Every time-dependent command reads
 * the clock through clock_now(), which honours AIDANT_NOW (ISO 8601) for tests and replays. */
#ifndef AIDANT_CLOCK_H
#define AIDANT_CLOCK_H

#include <stdbool.h>
#include <time.h>

/* Now, or AIDANT_NOW when set (a notice says so once on stderr; exit 78 when invalid). */
time_t clock_now(void);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]" (also with a space instead of
 * T) and "DD/MM/YYYY". Without a zone the time is local. Returns 0, or -1 when invalid. */
int clock_parse(const char *s, time_t *out);
/* Parses a calendar date only (ISO or DD/MM/YYYY) into "YYYY-MM-DD". Returns 0 or -1. */
int clock_parse_date(const char *s, char out[11]);

/* Writes "YYYY-MM-DD" (local time). */
void clock_format_date(time_t t, char out[11]);
/* Writes "YYYY-MM-DDTHH:MM:SS+HH:MM" (local time). */
void clock_format_iso(time_t t, char out[32]);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void clock_format_utc(time_t t, char out[21]);

/* A duration as written by people: 12h, 31d, 2w, 6m (months), 1y. */
struct duration {
        int amount;
        char unit; /* 'h', 'd', 'w', 'm', 'y' */
};

/* Parses "31d", "6m", "1y", "2w", "12h". Returns 0, or -1 when invalid. */
int duration_parse(const char *s, struct duration *d);
/* t plus (sign = 1) or minus (sign = -1) the duration, months and years on the calendar. */
time_t duration_apply(time_t t, const struct duration *d, int sign);
/* The duration in days, months and years counted as 30 and 365 days. */
long duration_days(const struct duration *d);

/* The local-time functions (localtime_r, mktime, strftime) work in zone, an IANA name
 * such as "Pacific/Noumea", from clock_zone_enter to clock_zone_leave: TZ is the
 * process's, so not across threads. NULL, or the zone already in use, changes nothing;
 * a zone this machine does not know (tzdata missing) is said once and not used. */
struct clock_zone {
        char *saved; /* TZ before, when it was set */
        bool had, changed;
};
void clock_zone_enter(struct clock_zone *z, const char *zone);
void clock_zone_leave(struct clock_zone *z);
/* The zone local time is in now: TZ, or the system's (/etc/localtime), "" when unknown. */
const char *clock_zone_current(void);

/* Calendar arithmetic on day numbers: days since 1970-01-01, proleptic Gregorian. */
long cal_days(int year, int month, int day);
void cal_date(long z, int *year, int *month, int *day);
/* 0 = Monday .. 6 = Sunday. */
int cal_weekday(long z);
/* ISO 8601 week number, 1..53; cal_iso_year gives the year that week belongs to. */
int cal_iso_week(long z);
int cal_iso_year(long z);
/* Days in month (1..12) of year. */
int cal_month_days(int year, int month);
/* The weekday (0 = Monday) or month (1..12) a lowercase name means: "mo", "mon", "monday",
 * "lu", "lundi"; "jan", "january". -1 when it names none. "mar" is March, not mardi. */
int cal_weekday_named(const char *w);
int cal_month_named(const char *w);

#endif
