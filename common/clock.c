/* Dates, times and durations, the AIDANT_NOW override of the clock, and calendar
 * arithmetic on day numbers (weekdays, ISO weeks, month lengths, day and month names). */
#include "clock.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

time_t clock_now(void)
{
        static bool done;
        static time_t fixed;
        const char *env = getenv("AIDANT_NOW");

        if (env == NULL || env[0] == '\0')
                return time(NULL);
        if (!done) {
                if (clock_parse(env, &fixed) != 0)
                        die(EX_CONFIG, _("AIDANT_NOW: '%s' is not an ISO 8601 date or time"), env);
                msg_notice(_("the clock is set by AIDANT_NOW to %s"), env);
                done = true;
        }
        return fixed;
}

static int digits(const char *s, int n, int *out)
{
        int v = 0;

        for (int i = 0; i < n; i++) {
                if (!isdigit((unsigned char)s[i]))
                        return -1;
                v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return 0;
}

static bool valid_day(int y, int m, int d)
{
        return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cal_month_days(y, m);
}

/* Reads the date part; returns the number of characters used, or -1. */
static int parse_day(const char *s, struct tm *tm)
{
        int y, m, d;

        if (digits(s, 4, &y) == 0 && s[4] == '-' && digits(s + 5, 2, &m) == 0 && s[7] == '-' &&
            digits(s + 8, 2, &d) == 0) {
                if (!valid_day(y, m, d))
                        return -1;
                tm->tm_year = y - 1900, tm->tm_mon = m - 1, tm->tm_mday = d;
                return 10;
        }
        if (digits(s, 2, &d) == 0 && s[2] == '/' && digits(s + 3, 2, &m) == 0 && s[5] == '/' &&
            digits(s + 6, 4, &y) == 0) {
                if (!valid_day(y, m, d))
                        return -1;
                tm->tm_year = y - 1900, tm->tm_mon = m - 1, tm->tm_mday = d;
                return 10;
        }
        return -1;
}

/* Reads "HH:MM[:SS]"; returns the characters used, or -1. */
static int parse_clock(const char *s, struct tm *tm)
{
        int h, mi, sec = 0, n = 5;

        if (digits(s, 2, &h) != 0 || s[2] != ':' || digits(s + 3, 2, &mi) != 0)
                return -1;
        if (s[5] == ':') {
                if (digits(s + 6, 2, &sec) != 0)
                        return -1;
                n = 8;
                if (s[8] == '.')
                        for (n = 9; isdigit((unsigned char)s[n]); n++)
                                ;
        }
        if (h > 23 || mi > 59 || sec > 60)
                return -1;
        tm->tm_hour = h, tm->tm_min = mi, tm->tm_sec = sec;
        return n;
}

/* Reads "Z" or "+HH:MM"/"+HHMM"; sets *off in seconds east. Returns characters or -1. */
static int parse_zone(const char *s, long *off)
{
        int h, m;

        if (s[0] == 'Z' || s[0] == 'z') {
                *off = 0;
                return 1;
        }
        if ((s[0] != '+' && s[0] != '-') || digits(s + 1, 2, &h) != 0)
                return -1;
        if (s[3] == ':' && digits(s + 4, 2, &m) == 0) {
                *off = (h * 3600L + m * 60L) * (s[0] == '-' ? -1 : 1);
                return 6;
        }
        if (digits(s + 3, 2, &m) == 0) {
                *off = (h * 3600L + m * 60L) * (s[0] == '-' ? -1 : 1);
                return 5;
        }
        return -1;
}

int clock_parse(const char *s, time_t *out)
{
        struct tm tm = {0};
        long off = 0;
        bool zoned = false;
        int n = parse_day(s, &tm);

        if (n < 0)
                return -1;
        s += n;
        if (*s == 'T' || *s == ' ') {
                if ((n = parse_clock(s + 1, &tm)) < 0)
                        return -1;
                s += 1 + n;
                if (*s != '\0') {
                        if ((n = parse_zone(s, &off)) < 0)
                                return -1;
                        s += n;
                        zoned = true;
                }
        }
        if (*s != '\0')
                return -1;
        if (zoned) {
                *out = timegm(&tm) - off;
        } else {
                tm.tm_isdst = -1;
                *out = mktime(&tm);
        }
        return 0;
}

int clock_parse_date(const char *s, char out[11])
{
        struct tm tm = {0};

        if (parse_day(s, &tm) != 10 || s[10] != '\0')
                return -1;
        strftime(out, 11, "%Y-%m-%d", &tm);
        return 0;
}

void clock_format_date(time_t t, char out[11])
{
        struct tm tm;

        localtime_r(&t, &tm);
        strftime(out, 11, "%Y-%m-%d", &tm);
}

void clock_format_iso(time_t t, char out[32])
{
        struct tm tm;
        char z[8];

        localtime_r(&t, &tm);
        strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
        strftime(z, sizeof(z), "%z", &tm);
        snprintf(out + 19, 13, "%.3s:%.2s", z, z + 3);
}

void clock_format_utc(time_t t, char out[21])
{
        struct tm tm;

        gmtime_r(&t, &tm);
        strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int duration_parse(const char *s, struct duration *d)
{
        char *end;
        long v;

        if (!isdigit((unsigned char)s[0]))
                return -1;
        v = strtol(s, &end, 10);
        if (v <= 0 || v > 100000 || end[0] == '\0' || end[1] != '\0' ||
            strchr("hdwmy", end[0]) == NULL)
                return -1;
        d->amount = (int)v;
        d->unit = end[0];
        return 0;
}

/* Calendar months: the day is clamped to the last day of the month reached
 * (31 August - 6 months = 28 or 29 February, never 3 March). */
static void add_months(struct tm *tm, int n)
{
        int m = tm->tm_year * 12 + tm->tm_mon + n;
        int year = m / 12, mon = m % 12;

        if (mon < 0) {
                mon += 12;
                year--;
        }
        tm->tm_year = year;
        tm->tm_mon = mon;
        if (tm->tm_mday > cal_month_days(year + 1900, mon + 1))
                tm->tm_mday = cal_month_days(year + 1900, mon + 1);
}

time_t duration_apply(time_t t, const struct duration *d, int sign)
{
        struct tm tm;
        int n = d->amount * sign;

        if (d->unit == 'h')
                return t + (time_t)n * 3600;
        localtime_r(&t, &tm);
        switch (d->unit) {
        case 'd':
                tm.tm_mday += n;
                break;
        case 'w':
                tm.tm_mday += 7 * n;
                break;
        default:
                add_months(&tm, d->unit == 'm' ? n : 12 * n);
                break;
        }
        tm.tm_isdst = -1;
        return mktime(&tm);
}

long duration_days(const struct duration *d)
{
        switch (d->unit) {
        case 'h':
                return d->amount / 24;
        case 'd':
                return d->amount;
        case 'w':
                return 7L * d->amount;
        case 'm':
                return 30L * d->amount;
        default:
                return 365L * d->amount;
        }
}

/* --- time zones --------------------------------------------------------------------- */

const char *clock_zone_current(void)
{
        static char link[PATH_MAX];
        const char *tz = getenv("TZ"), *z;
        ssize_t n;

        if (tz != NULL)
                return tz[0] == ':' ? tz + 1 : tz;
        n = readlink("/etc/localtime", link, sizeof(link) - 1);
        link[n > 0 ? n : 0] = '\0';
        z = strstr(link, "zoneinfo/");
        return z != NULL ? z + strlen("zoneinfo/") : "";
}

/* True when the zone's file is there: glibc silently falls back to UTC otherwise. */
static bool zone_known(const char *zone)
{
        const char *dir = getenv("TZDIR");
        char path[PATH_MAX];

        if (zone[0] == '\0' || zone[0] == '/' || strstr(zone, "..") != NULL)
                return false;
        snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : "/usr/share/zoneinfo", zone);
        return access(path, R_OK) == 0;
}

void clock_zone_enter(struct clock_zone *z, const char *zone)
{
        const char *tz = getenv("TZ");

        z->saved = NULL;
        z->had = z->changed = false;
        if (zone == NULL || strcmp(zone, clock_zone_current()) == 0)
                return;
        if (!zone_known(zone)) {
                static char unknown[64]; /* the last zone said to be unknown */

                if (strcmp(unknown, zone) != 0)
                        msg_warn(_("time zone %s unknown on this machine (tzdata): local time "
                                   "used instead"),
                                 zone);
                snprintf(unknown, sizeof(unknown), "%s", zone);
                return;
        }
        z->had = tz != NULL;
        z->saved = tz != NULL ? xstrdup(tz) : NULL;
        z->changed = true;
        setenv("TZ", zone, 1);
        tzset();
}

void clock_zone_leave(struct clock_zone *z)
{
        if (!z->changed)
                return;
        if (z->had)
                setenv("TZ", z->saved, 1);
        else
                unsetenv("TZ");
        tzset();
        free(z->saved);
        z->saved = NULL;
        z->changed = false;
}

/* --- calendar arithmetic on day numbers --------------------------------------------- */

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

        return (int)((thursday - cal_days(cal_iso_year(z), 1, 1)) / 7 + 1);
}

int cal_iso_year(long z)
{
        int y, m, d;

        cal_date(z - cal_weekday(z) + 3, &y, &m, &d);
        return y;
}

int cal_month_days(int year, int month)
{
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

        return month == 2 && leap ? 29 : mdays[month - 1];
}

/* Day names as opening_hours values and people write them: OSM two-letter days, English
 * and French; month names in English (the opening_hours ones). */
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
