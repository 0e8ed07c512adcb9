/* Periods: a month (or "last", the month before today), or a span of days; months are
 * counted as year * 12 + month, so no calendar table is needed. */
#include "period.h"
#include "cli.h"
#include "clock.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int month_index(const char *m)
{
        return atoi(m) * 12 + atoi(m + 5) - 1;
}

static void month_format(int index, char out[8])
{
        char b[32];

        snprintf(b, sizeof(b), "%04d-%02d", index / 12 % 10000, index % 12 + 1);
        memcpy(out, b, 7);
        out[7] = '\0';
}

void month_next(const char *m, char out[8])
{
        month_format(month_index(m) + 1, out);
}

int month_span(const char *a, const char *b)
{
        return month_index(b) - month_index(a);
}

/* The last day of a month: the day before the 1st of the next. */
static void last_day(const char *m, char out[11])
{
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int y = atoi(m), mo = atoi(m + 5);
        int d = days[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));

        snprintf(out, 11, "%.7s-%02d", m, d);
}

static void set_month(struct ctx *ctx, struct period *p, const char *value)
{
        char day[11], probe[11];

        if (strcmp(value, "last") == 0 || strcmp(value, "this") == 0) {
                clock_format_date(clock_now(), day);
                month_format(month_index(day) - (value[0] == 'l'), p->first);
        } else {
                snprintf(probe, sizeof(probe), "%.7s-01", value);
                if (strlen(value) != 7 || clock_parse_date(probe, day) != 0)
                        cli_usage_error(ctx, _("--month: '%s' is not a month (YYYY-MM or last)"),
                                        value);
                memcpy(p->first, value, 8);
        }
        snprintf(p->since, sizeof(p->since), "%s-01", p->first);
        last_day(p->first, p->until);
        memcpy(p->last, p->first, 8);
        p->whole_months = true;
        p->set = true;
        p->by_month = true;
}

bool period_option(struct ctx *ctx, struct period *p, int c, const char *value)
{
        char *dst = c == 'S' ? p->since : p->until;

        if (c == 'M') {
                if (p->since[0] != '\0' || p->until[0] != '\0' || p->by_month)
                        cli_usage_error(ctx, "%s", _("--month excludes --since and --until"));
                set_month(ctx, p, value);
                return true;
        }
        if (c != 'S' && c != 'U')
                return false;
        if (p->by_month)
                cli_usage_error(ctx, "%s", _("--month excludes --since and --until"));
        if (clock_parse_date(value, dst) != 0)
                cli_usage_error(ctx, _("%s: '%s' is not a date (YYYY-MM-DD)"),
                                c == 'S' ? "--since" : "--until", value);
        return true;
}

void period_finish(struct ctx *ctx, struct period *p)
{
        char end[11];

        if (p->set)
                return;
        if (p->since[0] == '\0' && p->until[0] == '\0')
                return;
        if (p->since[0] == '\0' || p->until[0] == '\0')
                cli_usage_error(ctx, "%s", _("--since and --until go together"));
        if (strcmp(p->since, p->until) > 0)
                cli_usage_error(ctx, _("--since %s is after --until %s"), p->since, p->until);
        snprintf(p->first, sizeof(p->first), "%.7s", p->since);
        snprintf(p->last, sizeof(p->last), "%.7s", p->until);
        last_day(p->last, end);
        p->whole_months = strcmp(p->since + 8, "01") == 0 && strcmp(p->until, end) == 0;
        p->set = true;
}
