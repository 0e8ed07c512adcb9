/* OpenStreetMap opening_hours: a bounded, non-recursive parser for the subset found in
 * the directory's lists (with the typos people make); ohours_eval.c evaluates. */
#include "ohours_impl.h"
#include "clock.h"
#include "i18n.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct parser {
        const char *s;
        size_t i, n;
        const char *err;
        int ranges; /* time ranges so far, all rules together */
};

enum tok { T_END, T_WDAY, T_PH, T_MONTH, T_TIME, T_YEAR, T_NUMBER, T_WORD, T_OTHER };

/* --- characters and words -------------------------------------------------- */

static int at(const struct parser *p, size_t k)
{
        return p->i + k < p->n ? (unsigned char)p->s[p->i + k] : '\0';
}

static bool is_digit(int c)
{
        return c >= '0' && c <= '9';
}

static int lower(int c)
{
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool is_alpha(int c)
{
        return lower(c) >= 'a' && lower(c) <= 'z';
}

/* Spaces, tabs, line breaks and the no-break space (C2 A0) people paste from documents. */
static void skip_ws(struct parser *p)
{
        for (;;) {
                int c = at(p, 0);

                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                        p->i++;
                else if (c == 0xc2 && at(p, 1) == 0xa0)
                        p->i += 2;
                else
                        return;
        }
}

static bool fail(struct parser *p, const char *why)
{
        if (p->err == NULL)
                p->err = why;
        return false;
}

/* Reads a run of ASCII letters, lowercased, at the cursor without moving it. */
static size_t peek_word(const struct parser *p, char *buf, size_t size)
{
        size_t k = 0;

        while (is_alpha(at(p, k))) {
                if (k + 1 < size)
                        buf[k] = (char)lower(at(p, k));
                k++;
        }
        buf[k < size ? k : size - 1] = '\0';
        return k;
}

static size_t count_digits(const struct parser *p, size_t from)
{
        size_t k = 0;

        while (is_digit(at(p, from + k)))
                k++;
        return k;
}

/* What starts at the cursor: decides where one selector's list ends and the next begins. */
static enum tok classify(const struct parser *p)
{
        size_t k;
        int c = at(p, 0);

        if (c == '\0' || c == ';')
                return T_END;
        if (is_alpha(c)) {
                char w[16];

                peek_word(p, w, sizeof(w));
                if (cal_weekday_named(w) >= 0)
                        return T_WDAY;
                if (strcmp(w, "ph") == 0)
                        return T_PH;
                return cal_month_named(w) > 0 ? T_MONTH : T_WORD;
        }
        if (!is_digit(c))
                return T_OTHER;
        k = count_digits(p, 0);
        c = at(p, k);
        if (k <= 2 && (c == ':' || c == 'h' || c == 'H' || c == '.' || c == '-' || c == 0xe2))
                return T_TIME;
        return k == 4 && c != ':' ? T_YEAR : T_NUMBER;
}

/* Class of what follows a ',' at the cursor (the cursor does not move). */
static enum tok after_comma(struct parser *p)
{
        size_t save = p->i;
        enum tok t;

        p->i++;
        skip_ws(p);
        t = classify(p);
        p->i = save;
        return t;
}

static bool take(struct parser *p, int c)
{
        skip_ws(p);
        if (at(p, 0) != c)
                return false;
        p->i++;
        return true;
}

/* '-', or an en or em dash (E2 80 93 / E2 80 94) typed by word processors. */
static bool accept_dash(struct parser *p)
{
        skip_ws(p);
        if (at(p, 0) == '-') {
                p->i++;
                return true;
        }
        if (at(p, 0) == 0xe2 && at(p, 1) == 0x80 && (at(p, 2) == 0x93 || at(p, 2) == 0x94)) {
                p->i += 3;
                return true;
        }
        return false;
}

static int read_number(struct parser *p, size_t max_digits)
{
        size_t k = count_digits(p, 0);
        int v = 0;

        if (k == 0 || k > max_digits)
                return -1;
        for (size_t j = 0; j < k; j++)
                v = v * 10 + (at(p, j) - '0');
        p->i += k;
        return v;
}

/* --- selectors ---------------------------------------------------------------- */

static bool push(struct parser *p, struct span *list, int *n, int lo, int hi)
{
        if (*n >= OH_MAX_LIST)
                return fail(p, N_("too many items in one selector"));
        list[*n].lo = lo;
        list[*n].hi = hi;
        (*n)++;
        return true;
}

/* "[1]", "[1,3]", "[1-2]", "[-1]": the nth weekday of the month. */
static bool read_nth(struct parser *p, uint16_t *mask)
{
        p->i++;
        do {
                bool neg = take(p, '-');
                int a, b;

                skip_ws(p);
                a = b = read_number(p, 1);
                if (!neg && accept_dash(p)) {
                        skip_ws(p);
                        b = read_number(p, 1);
                }
                if (a < 1 || a > 5 || b < a || b > 5)
                        return fail(p, N_("invalid nth weekday"));
                for (int k = a; k <= b; k++)
                        *mask |= (uint16_t)(1u << (k - 1 + (neg ? 5 : 0)));
        } while (take(p, ','));
        if (!take(p, ']'))
                return fail(p, N_("invalid nth weekday"));
        return true;
}

static bool read_wday_item(struct parser *p, struct rule *r)
{
        char w[16];
        int a, b;
        uint16_t nth = 0;

        p->i += peek_word(p, w, sizeof(w));
        if (strcmp(w, "ph") == 0) {
                r->ph = true;
                return true;
        }
        a = b = cal_weekday_named(w);
        if (accept_dash(p)) {
                skip_ws(p);
                p->i += peek_word(p, w, sizeof(w));
                if ((b = cal_weekday_named(w)) < 0)
                        return fail(p, N_("invalid weekday range"));
        }
        skip_ws(p);
        if (at(p, 0) == '[' && !read_nth(p, &nth))
                return false;
        for (int d = a;; d = (d + 1) % 7) {
                bool any = (r->wdays & (1u << d)) != 0 && r->nth[d] == 0;

                r->nth[d] = any || nth == 0 ? 0 : (uint16_t)(r->nth[d] | nth);
                r->wdays |= (uint8_t)(1u << d);
                if (d == b)
                        break;
        }
        return true;
}

static bool read_wdays(struct parser *p, struct rule *r)
{
        if (r->has_days)
                return fail(p, N_("weekdays given twice in one rule"));
        r->has_days = true;
        for (;;) {
                if (!read_wday_item(p, r))
                        return false;
                skip_ws(p);
                if (at(p, 0) != ',' || (after_comma(p) != T_WDAY && after_comma(p) != T_PH))
                        break;
                p->i++;
                skip_ws(p);
        }
        /* "Mo-Fr: 09:00-12:00" is a common slip */
        if (at(p, 0) == ':' && !is_digit(at(p, 1)))
                p->i++;
        return true;
}

/* Days a month can have: a date selector has no year, so 29 February is allowed. */
static int days_in_month(int m)
{
        return cal_month_days(2000, m);
}

/* A month name, optionally followed by a day of the month. Returns month*32+day or -1;
 * *whole is set when no day was given. */
static int read_month_day(struct parser *p, bool *whole)
{
        char w[16];
        int m, d;

        skip_ws(p);
        p->i += peek_word(p, w, sizeof(w));
        if ((m = cal_month_named(w)) < 0) {
                fail(p, N_("unknown month"));
                return -1;
        }
        skip_ws(p);
        *whole = true;
        if (classify(p) != T_NUMBER && !(classify(p) == T_TIME && at(p, count_digits(p, 0)) == '-'))
                return m * 32 + 1;
        d = read_number(p, 2);
        if (d < 1 || d > days_in_month(m)) {
                fail(p, N_("invalid date"));
                return -1;
        }
        *whole = false;
        return m * 32 + d;
}

static bool read_date_item(struct parser *p, struct rule *r)
{
        bool whole, whole2;
        int lo = read_month_day(p, &whole), hi = lo;

        if (lo < 0)
                return false;
        if (accept_dash(p)) {
                skip_ws(p);
                if (is_digit(at(p, 0)) && !whole) {
                        int d = read_number(p, 2);

                        if (d < 1 || d > days_in_month(lo / 32))
                                return fail(p, N_("invalid date"));
                        hi = lo / 32 * 32 + d;
                } else if ((hi = read_month_day(p, &whole2)) < 0) {
                        return false;
                } else if (whole2) {
                        hi = hi / 32 * 32 + days_in_month(hi / 32);
                }
        } else if (whole) {
                hi = lo / 32 * 32 + days_in_month(lo / 32);
        }
        return push(p, r->dates, &r->ndates, lo, hi);
}

static bool read_dates(struct parser *p, struct rule *r)
{
        if (r->ndates > 0)
                return fail(p, N_("months given twice in one rule"));
        for (;;) {
                if (!read_date_item(p, r))
                        return false;
                skip_ws(p);
                if (at(p, 0) != ',' || after_comma(p) != T_MONTH)
                        return true;
                p->i++;
        }
}

static bool read_years(struct parser *p, struct rule *r)
{
        if (r->nyears > 0)
                return fail(p, N_("years given twice in one rule"));
        for (;;) {
                int lo = read_number(p, 4), hi = lo;

                if (accept_dash(p)) {
                        skip_ws(p);
                        hi = read_number(p, 4);
                }
                if (lo < 1900 || hi < lo)
                        return fail(p, N_("invalid year"));
                if (!push(p, r->years, &r->nyears, lo, hi))
                        return false;
                skip_ws(p);
                if (at(p, 0) != ',' || after_comma(p) != T_YEAR)
                        return true;
                p->i++;
                skip_ws(p);
        }
}

/* "week 1-53/2", "week 05,10": ISO week numbers, with an optional step. */
static bool read_weeks(struct parser *p, struct rule *r)
{
        if (r->weeks != 0)
                return fail(p, N_("weeks given twice in one rule"));
        p->i += 4;
        do {
                int lo, hi, step = 1;

                skip_ws(p);
                lo = hi = read_number(p, 2);
                if (accept_dash(p)) {
                        skip_ws(p);
                        hi = read_number(p, 2);
                }
                if (take(p, '/')) {
                        skip_ws(p);
                        step = read_number(p, 2);
                }
                if (lo < 1 || hi > 53 || hi < lo || step < 1)
                        return fail(p, N_("invalid week number"));
                for (int w = lo; w <= hi; w += step)
                        r->weeks |= (uint64_t)1 << w;
        } while (take(p, ','));
        return true;
}

/* A time of day: "09:00", "9:00", "9h", "9h30", "9.30", and a bare "9" in a range. */
static int read_time(struct parser *p)
{
        int h, m = 0, c;

        skip_ws(p);
        if ((h = read_number(p, 2)) < 0) {
                fail(p, N_("invalid time"));
                return -1;
        }
        c = at(p, 0);
        if (c == ':' || c == '.' || c == 'h' || c == 'H') {
                p->i++;
                if (count_digits(p, 0) == 2)
                        m = read_number(p, 2);
                else if (c != 'h' && c != 'H')
                        h = -1;
        }
        if (h < 0 || h > 48 || m > 59 || h * 60 + m > 2 * DAY_MIN) {
                fail(p, N_("invalid time"));
                return -1;
        }
        return h * 60 + m;
}

static bool read_time_range(struct parser *p, struct rule *r)
{
        int lo = read_time(p), hi;

        if (lo < 0)
                return false;
        if (!accept_dash(p))
                return fail(p, at(p, 0) == '+' ? N_("open-ended times are not supported")
                                               : N_("a time without an end"));
        if ((hi = read_time(p)) < 0)
                return false;
        if (at(p, 0) == '+')
                return fail(p, N_("open-ended times are not supported"));
        if (at(p, 0) == '/')
                return fail(p, N_("repeating times are not supported"));
        skip_ws(p);
        if (at(p, 0) == '-')
                return fail(p, N_("a time range with more than two times"));
        if (lo >= DAY_MIN)
                return fail(p, N_("invalid time"));
        if (hi <= lo)
                hi += DAY_MIN; /* past midnight; 10:00-10:00 is the whole day round */
        if (hi > 2 * DAY_MIN || ++p->ranges > OH_MAX_RANGES)
                return fail(p, hi > 2 * DAY_MIN ? N_("invalid time") : N_("value too complex"));
        return push(p, r->times, &r->ntimes, lo, hi);
}

static bool read_times(struct parser *p, struct rule *r)
{
        if (r->ntimes > 0)
                return fail(p, N_("times given twice in one rule"));
        for (;;) {
                if (!read_time_range(p, r))
                        return false;
                skip_ws(p);
                /* "09:00-12:00 14:00-17:00" (comma forgotten) reads as a list too */
                if (classify(p) == T_TIME)
                        continue;
                if (at(p, 0) != ',' || after_comma(p) != T_TIME)
                        return true;
                p->i++;
        }
}

/* --- rules ------------------------------------------------------------------- */

static bool read_word(struct parser *p, struct rule *r, bool *state_given)
{
        char w[16];
        size_t k = peek_word(p, w, sizeof(w));

        if (strcmp(w, "off") == 0 || strcmp(w, "closed") == 0 || strcmp(w, "open") == 0) {
                if (*state_given)
                        return fail(p, N_("state given twice in one rule"));
                *state_given = true;
                r->state = w[0] != 'o' || w[1] == 'f' ? OH_CLOSED : OH_OPEN;
                p->i += k;
                return true;
        }
        if (strcmp(w, "unknown") == 0) {
                if (*state_given)
                        return fail(p, N_("state given twice in one rule"));
                *state_given = true;
                r->state = OH_UNKNOWN;
                p->i += k;
                return true;
        }
        if (strcmp(w, "week") == 0)
                return read_weeks(p, r);
        if (strcmp(w, "sh") == 0)
                return fail(p, N_("school holidays (SH) are not supported"));
        if (strcmp(w, "sunrise") == 0 || strcmp(w, "sunset") == 0 || strcmp(w, "dawn") == 0 ||
            strcmp(w, "dusk") == 0)
                return fail(p, N_("times after the sun are not supported"));
        return fail(p, N_("unknown word"));
}

static bool read_comment(struct parser *p, struct rule *r)
{
        size_t from = ++p->i;

        while (at(p, 0) != '\0' && at(p, 0) != '"')
                p->i++;
        if (at(p, 0) != '"')
                return fail(p, N_("a comment without its closing quote"));
        if (r->comment != NULL)
                return fail(p, N_("two comments in one rule"));
        r->comment = xstrndup(p->s + from, p->i - from);
        p->i++;
        return true;
}

/* Reads the selectors and the state of one rule, up to ';', ',' or the end.
 * Returns false on error; *empty tells a rule with nothing in it (";;"). A comment
 * without a state makes the rule's state unknown, as opening_hours.js reads it. */
static bool read_rule(struct parser *p, struct rule *r, bool *empty)
{
        bool state_given = false;
        size_t start = p->i;

        for (;;) {
                bool ok = true;

                skip_ws(p);
                if (at(p, 0) == '\0' || at(p, 0) == ';' || at(p, 0) == ',' || at(p, 0) == '|')
                        break;
                if (strncmp(p->s + p->i, "24/7", 4) == 0) {
                        p->i += 4;
                        ok = ++p->ranges <= OH_MAX_RANGES
                                 ? push(p, r->times, &r->ntimes, 0, DAY_MIN)
                                 : fail(p, N_("value too complex"));
                } else if (at(p, 0) == '"') {
                        ok = read_comment(p, r);
                } else {
                        switch (classify(p)) {
                        case T_WDAY:
                        case T_PH:
                                ok = read_wdays(p, r);
                                break;
                        case T_MONTH:
                                ok = read_dates(p, r);
                                break;
                        case T_YEAR:
                                ok = read_years(p, r);
                                break;
                        case T_TIME:
                                ok = read_times(p, r);
                                break;
                        case T_WORD:
                                ok = read_word(p, r, &state_given);
                                break;
                        default:
                                ok = fail(p, N_("unexpected character"));
                                break;
                        }
                }
                if (!ok)
                        return false;
        }
        *empty =
            p->i == start || (r->ntimes == 0 && !r->has_days && r->ndates == 0 && r->nyears == 0 &&
                              r->weeks == 0 && !state_given && r->comment == NULL);
        if (r->comment != NULL && !state_given)
                r->state = OH_UNKNOWN;
        return true;
}

static struct rule *new_rule(struct ohours *oh)
{
        if (oh->nrules == OH_MAX_RULES)
                return NULL;
        if (oh->nrules == oh->cap) {
                oh->cap = oh->cap == 0 ? 4 : oh->cap * 2;
                oh->rules = xrealloc(oh->rules, (size_t)oh->cap * sizeof(*oh->rules));
        }
        memset(&oh->rules[oh->nrules], 0, sizeof(*oh->rules));
        oh->rules[oh->nrules].state = OH_OPEN;
        return &oh->rules[oh->nrules];
}

static bool read_rules(struct parser *p, struct ohours *oh)
{
        bool additional = false;

        for (;;) {
                struct rule *r = new_rule(oh);
                bool empty;

                if (r == NULL)
                        return fail(p, N_("value too complex"));
                if (!read_rule(p, r, &empty)) {
                        free(r->comment); /* the rule is not kept */
                        return false;
                }
                if (!empty) {
                        r->additional = additional;
                        oh->nrules++;
                }
                if (at(p, 0) == '\0')
                        return true;
                if (at(p, 0) == '|')
                        return fail(p, N_("fallback rules (||) are not supported"));
                additional = at(p, 0) == ',' && !empty;
                p->i++;
        }
}

struct ohours *ohours_parse(const char *spec, const char **err)
{
        struct parser p = {.s = spec};
        struct ohours *oh;

        if (err != NULL)
                *err = NULL;
        if (spec == NULL || (p.n = strnlen(spec, OH_MAX_SPEC + 1)) > OH_MAX_SPEC) {
                if (err != NULL)
                        *err = spec == NULL ? N_("empty value") : N_("value too long");
                return NULL;
        }
        oh = xcalloc(1, sizeof(*oh));
        if (read_rules(&p, oh) && oh->nrules == 0)
                fail(&p, N_("empty value"));
        if (p.err != NULL) {
                if (err != NULL)
                        *err = p.err;
                ohours_free(oh);
                return NULL;
        }
        return oh;
}

void ohours_free(struct ohours *oh)
{
        if (oh == NULL)
                return;
        for (int i = 0; i < oh->nrules; i++)
                free(oh->rules[i].comment);
        free(oh->rules);
        free(oh);
}
