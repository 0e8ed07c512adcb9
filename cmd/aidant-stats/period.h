/* The period a command works on: --month YYYY-MM|last, or --since D --until D (both
 * days included). Whole months are read from the monthly aggregates. */
#ifndef STATS_PERIOD_H
#define STATS_PERIOD_H

#include <stdbool.h>
#include <time.h>

struct ctx;

struct period {
        bool set;
        bool by_month;             /* --month was given */
        char since[11], until[11]; /* YYYY-MM-DD, both included */
        char first[8], last[8];    /* the months it spans */
        bool whole_months;         /* since is a 1st and until a month's last day */
};

/* Options --month, --since, --until: call for each; returns false for another option.
 * "last" is the month before today (clock_now). */
bool period_option(struct ctx *ctx, struct period *p, int c, const char *value);
/* Checks what was given (since without until...); sets the months. */
void period_finish(struct ctx *ctx, struct period *p);

/* The month after m (YYYY-MM), and the number of months from a to b (0 when equal). */
void month_next(const char *m, char out[8]);
int month_span(const char *a, const char *b);

#define PERIOD_LONGOPTS                                                                            \
        {"month", required_argument, NULL, 'M'}, {"since", required_argument, NULL, 'S'},          \
        {                                                                                          \
                "until", required_argument, NULL, 'U'                                              \
        }

#endif
