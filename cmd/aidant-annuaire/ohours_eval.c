/* Evaluation of a parsed opening_hours value, as opening_hours.js evaluates it: the rules
 * that match a day are taken in order, a rule that names days starting the day afresh
 * (unless it is additional, closed, or the part past midnight of the day before), and the
 * last one whose times cover a minute gives its state (open, closed or unknown). Days are
 * those of the place's own time zone and public holidays those of its territory. */
#include "ohours_impl.h"
#include "clock.h"
#include "holidays.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct day {
        int y, m, d;
        int wday; /* 0 = Monday */
        int week; /* ISO 8601 */
};

static void day_at(long z, struct day *day)
{
        cal_date(z, &day->y, &day->m, &day->d);
        day->wday = cal_weekday(z);
        day->week = cal_iso_week(z);
}

static bool nth_matches(uint16_t mask, const struct day *day)
{
        int mdays = cal_month_days(day->y, day->m);
        int from_start = (day->d - 1) / 7, from_end = (mdays - day->d) / 7;

        return mask == 0 || (mask & (1u << from_start)) != 0 ||
               (mask & (1u << (5 + from_end))) != 0;
}

static bool in_spans(const struct span *v, int n, int x)
{
        for (int i = 0; i < n; i++) {
                if (v[i].lo <= v[i].hi ? x >= v[i].lo && x <= v[i].hi
                                       : x >= v[i].lo || x <= v[i].hi)
                        return true;
        }
        return false;
}

static bool rule_matches(const struct rule *r, const struct day *day, const char *insee)
{
        if (r->nyears > 0 && !in_spans(r->years, r->nyears, day->y))
                return false;
        if (r->ndates > 0 && !in_spans(r->dates, r->ndates, day->m * 32 + day->d))
                return false;
        if (r->weeks != 0 && (r->weeks & ((uint64_t)1 << day->week)) == 0)
                return false;
        if (!r->has_days)
                return true;
        if ((r->wdays & (1u << day->wday)) != 0 && nth_matches(r->nth[day->wday], day))
                return true;
        return r->ph && holiday_is(day->y, day->m, day->d, insee);
}

/* --- which rules decide a day ------------------------------------------------------- */

/* One rule as it applies to a day: the rule itself, or the part of its times that runs
 * past midnight from the day before (opening_hours.js makes it a rule of its own). */
struct pick {
        int rule;
        bool spill;
};

/* At most one pick for the rule and one for its spill, per rule. */
#define MAX_PICKS (2 * OH_MAX_RULES)

static bool rule_dated(const struct rule *r)
{
        return r->has_days || r->ndates > 0 || r->nyears > 0 || r->weeks != 0;
}

static bool rule_spills(const struct rule *r)
{
        for (int k = 0; k < r->ntimes; k++)
                if (r->times[k].hi > DAY_MIN)
                        return true;
        return false;
}

/* opening_hours.js's condition: a rule naming days, or a time-only open rule after a
 * time-only rule, replaces what the day had; closed, additional and spilled parts never. */
static bool starts_afresh(const struct ohours *oh, int i)
{
        const struct rule *r = &oh->rules[i];
        bool dated =
            rule_dated(r) || (i > 0 && r->state == OH_OPEN && !rule_dated(&oh->rules[i - 1]));

        return dated && r->state != OH_CLOSED && !r->additional;
}

static int day_picks(const struct ohours *oh, long z, const char *insee, struct pick *out)
{
        struct day day, before;
        int n = 0;

        day_at(z, &day);
        day_at(z - 1, &before);
        for (int i = 0; i < oh->nrules; i++) {
                const struct rule *r = &oh->rules[i];

                if (rule_matches(r, &day, insee)) {
                        if (starts_afresh(oh, i))
                                n = 0;
                        out[n++] = (struct pick){i, false};
                }
                if (rule_spills(r) && rule_matches(r, &before, insee))
                        out[n++] = (struct pick){i, true};
        }
        return n;
}

static bool covers(const struct rule *r, bool spill, int minute)
{
        if (!spill && r->ntimes == 0)
                return true;
        for (int k = 0; k < r->ntimes; k++) {
                const struct span *s = &r->times[k];

                if (spill ? minute < s->hi - DAY_MIN
                          : minute >= s->lo && minute < (s->hi < DAY_MIN ? s->hi : DAY_MIN))
                        return true;
        }
        return false;
}

/* The state of a minute of the day the picks are for; *rule the deciding rule or -1. */
static enum ohours_state minute_state(const struct ohours *oh, const struct pick *p, int n,
                                      int minute, int *rule)
{
        enum ohours_state st = OH_CLOSED;

        *rule = -1;
        for (int k = 0; k < n; k++) {
                if (covers(&oh->rules[p[k].rule], p[k].spill, minute)) {
                        st = oh->rules[p[k].rule].state;
                        *rule = p[k].rule;
                }
        }
        return st;
}

static int cmp_int(const void *a, const void *b)
{
        return *(const int *)a - *(const int *)b;
}

/* The minutes of a day where the state may change (range ends), sorted, from 0. */
static int edges(const struct ohours *oh, const struct pick *p, int n, int *out)
{
        int m = 0;

        out[m++] = 0;
        for (int k = 0; k < n; k++) {
                const struct rule *r = &oh->rules[p[k].rule];

                for (int i = 0; i < r->ntimes; i++) {
                        int lo = p[k].spill ? 0 : r->times[i].lo;
                        int hi = p[k].spill ? r->times[i].hi - DAY_MIN : r->times[i].hi;

                        out[m++] = lo;
                        if (hi < DAY_MIN)
                                out[m++] = hi;
                }
        }
        qsort(out, (size_t)m, sizeof(int), cmp_int);
        return m;
}

/* --- instants ------------------------------------------------------------------------ */

static long local_day(time_t t, int *minute)
{
        struct tm tm;

        localtime_r(&t, &tm);
        *minute = tm.tm_hour * 60 + tm.tm_min;
        return cal_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The instant of minute of day z, local time: mktime places DST gaps and repeats. */
static time_t instant(long z, int minute)
{
        struct tm tm = {0};
        int y, m, d;

        cal_date(z, &y, &m, &d);
        tm.tm_year = y - 1900;
        tm.tm_mon = m - 1;
        tm.tm_mday = d;
        tm.tm_hour = minute / 60;
        tm.tm_min = minute % 60;
        tm.tm_isdst = -1;
        return mktime(&tm);
}

/* The first instant after t, within the horizon, where the state is no longer st. */
static time_t next_change(const struct ohours *oh, long z0, int m0, time_t t, enum ohours_state st,
                          const char *insee)
{
        struct pick *p = xmalloc(MAX_PICKS * sizeof(*p));
        int *e = xmalloc((2 * OH_MAX_RANGES * 2 + 1) * sizeof(int));
        time_t found = 0;

        for (long z = z0; z <= z0 + OHOURS_HORIZON_DAYS && found == 0; z++) {
                int n = day_picks(oh, z, insee, p), ne = edges(oh, p, n, e), rule;

                for (int k = 0; k < ne && found == 0; k++) {
                        time_t at;

                        if ((z == z0 && e[k] <= m0) || (k > 0 && e[k] == e[k - 1]))
                                continue;
                        if (minute_state(oh, p, n, e[k], &rule) != st &&
                            (at = instant(z, e[k])) > t)
                                found = at;
                }
        }
        free(e);
        free(p);
        return found;
}

/* The state at t and, when rule is not NULL, the deciding rule (-1: none). */
static enum ohours_state state_at(const struct ohours *oh, time_t t, const char *insee,
                                  time_t *next, int *rule)
{
        struct pick *p = xmalloc(MAX_PICKS * sizeof(*p));
        int minute, r;
        long z = local_day(t, &minute);
        enum ohours_state st = minute_state(oh, p, day_picks(oh, z, insee, p), minute, &r);

        free(p);
        if (next != NULL)
                *next = next_change(oh, z, minute, t, st, insee);
        if (rule != NULL)
                *rule = r;
        return st;
}

enum ohours_state ohours_state_at(const struct ohours *oh, time_t t, const char *insee,
                                  time_t *next)
{
        struct clock_zone zone;
        enum ohours_state st;

        if (next != NULL)
                *next = 0;
        if (oh == NULL)
                return OH_UNKNOWN;
        clock_zone_enter(&zone, holiday_zone(insee));
        st = state_at(oh, t, insee, next, NULL);
        clock_zone_leave(&zone);
        return st;
}

const char *ohours_comment_at(const struct ohours *oh, time_t t, const char *insee)
{
        struct clock_zone zone;
        int rule = -1;

        if (oh == NULL)
                return NULL;
        clock_zone_enter(&zone, holiday_zone(insee));
        state_at(oh, t, insee, NULL, &rule);
        clock_zone_leave(&zone);
        return rule >= 0 ? oh->rules[rule].comment : NULL;
}

enum ohours_state ohours_open_at(const char *spec, time_t t, const char *insee)
{
        struct ohours *oh = ohours_parse(spec, NULL);
        enum ohours_state st = ohours_state_at(oh, t, insee, NULL);

        ohours_free(oh);
        return st;
}
