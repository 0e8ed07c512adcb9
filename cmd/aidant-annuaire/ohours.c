/* OpenStreetMap opening_hours: a bounded, non-recursive parser for the subset found in
 * the directory's lists (with the typos people make), and an evaluator over days. */
#include "ohours.h"
#include "xalloc.h"
#include "holidays.h"
#include "clock.h"
#include "i18n.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OH_MAX_SPEC   4096 /* longer values are not opening hours but prose */
#define OH_MAX_LIST   32   /* items of one selector (dates, years, time ranges) */
#define OH_MAX_RANGES 256  /* time ranges of a whole value: bounds the day's interval set */
#define OH_MAX_RULES  256  /* rules of a whole value */
#define DAY_MIN       1440

struct span {
        int lo, hi;
};

struct rule {
        bool additional; /* after ',': adds to the earlier rules instead of replacing them */
        bool closed;     /* off / closed */
        bool has_days;   /* a weekday or holiday selector was given */
        bool ph;
        uint8_t wdays;   /* bit 0 = Monday */
        uint16_t nth[7]; /* per weekday: bits 0-4 = 1st..5th, 5-9 = last..5th last; 0 = any */
        uint64_t weeks;  /* bit w = ISO week w; 0 = any */
        int ndates, nyears, ntimes;
        struct span dates[OH_MAX_LIST]; /* month * 32 + day, may wrap over the new year */
        struct span years[OH_MAX_LIST];
        struct span times[OH_MAX_LIST]; /* minutes from midnight, hi up to 48:00 */
};

struct ohours {
        int nrules, cap;
        struct rule *rules;
};

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
                r->closed = w[0] != 'o' || w[1] == 'f';
                p->i += k;
                return true;
        }
        if (strcmp(w, "week") == 0)
                return read_weeks(p, r);
        if (strcmp(w, "sh") == 0)
                return fail(p, N_("school holidays (SH) are not supported"));
        if (strcmp(w, "unknown") == 0)
                return fail(p, N_("the unknown state is not supported"));
        if (strcmp(w, "sunrise") == 0 || strcmp(w, "sunset") == 0 || strcmp(w, "dawn") == 0 ||
            strcmp(w, "dusk") == 0)
                return fail(p, N_("times after the sun are not supported"));
        return fail(p, N_("unknown word"));
}

static bool read_comment(struct parser *p)
{
        p->i++;
        while (at(p, 0) != '\0' && at(p, 0) != '"')
                p->i++;
        if (at(p, 0) != '"')
                return fail(p, N_("a comment without its closing quote"));
        p->i++;
        return true;
}

/* Reads the selectors and the state of one rule, up to ';', ',' or the end.
 * Returns false on error; *empty tells a rule with nothing in it (";;"). */
static bool read_rule(struct parser *p, struct rule *r, bool *empty)
{
        bool state_given = false, comment = false;
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
                        ok = read_comment(p);
                        comment = true;
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
        *empty = p->i == start || (r->ntimes == 0 && !r->has_days && r->ndates == 0 &&
                                   r->nyears == 0 && r->weeks == 0 && !state_given);
        if (*empty && comment)
                return fail(p, N_("a comment without a rule"));
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
        return &oh->rules[oh->nrules];
}

/* "9h-12h ; 14h-16h" or "Mo 14-17;9-12": a ';' rule without day selectors replaces all
 * the rules before it. Valid OSM, but always a slip in real lists: opening hours read
 * wrongly would send people to a closed door, so the value is not evaluable. */
static bool hides_earlier_rules(const struct ohours *oh, const struct rule *r)
{
        return oh->nrules > 0 && !r->additional && !r->has_days && r->ndates == 0 &&
               r->nyears == 0 && r->weeks == 0;
}

static bool read_rules(struct parser *p, struct ohours *oh)
{
        bool additional = false;

        for (;;) {
                struct rule *r = new_rule(oh);
                bool empty;

                if (r == NULL)
                        return fail(p, N_("value too complex"));
                if (!read_rule(p, r, &empty))
                        return false;
                if (!empty) {
                        r->additional = additional;
                        if (hides_earlier_rules(oh, r))
                                return fail(p, N_("a rule for every day hides the rules "
                                                  "before it"));
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
        free(oh->rules);
        free(oh);
}

/* --- calendar ------------------------------------------------------------- */

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

/* --- evaluation --------------------------------------------------------------- */

/* Disjoint sorted minute intervals of one day, [0, 48:00) with what spills past midnight.
 * Each rule adds or splits at most one interval per time range or whole day, hence the size. */
struct ivset {
        int n;
        struct span v[OH_MAX_RANGES + OH_MAX_RULES + 2];
};

static void set_sub(struct ivset *s, int lo, int hi)
{
        struct ivset out = {0};

        for (int i = 0; i < s->n; i++) {
                struct span x = s->v[i];

                if (x.hi <= lo || x.lo >= hi) {
                        out.v[out.n++] = x;
                        continue;
                }
                if (x.lo < lo)
                        out.v[out.n++] = (struct span){x.lo, lo};
                if (x.hi > hi)
                        out.v[out.n++] = (struct span){hi, x.hi};
        }
        *s = out;
}

static void set_add(struct ivset *s, int lo, int hi)
{
        int i = 0, j;

        while (i < s->n && s->v[i].hi < lo)
                i++;
        for (j = i; j < s->n && s->v[j].lo <= hi; j++) {
                lo = s->v[j].lo < lo ? s->v[j].lo : lo;
                hi = s->v[j].hi > hi ? s->v[j].hi : hi;
        }
        /* entries i..j-1 merge into one */
        memmove(&s->v[i + 1], &s->v[j], (size_t)(s->n - j) * sizeof(s->v[0]));
        s->n = s->n - (j - i) + 1;
        s->v[i] = (struct span){lo, hi};
}

/* The day's opening intervals: rules in order, a later ';' rule replacing the day,
 * a ',' rule adding to it; "off" with times closes those times only. */
static void day_hours(const struct ohours *oh, const struct day *day, const char *insee,
                      struct ivset *s)
{
        s->n = 0;
        for (int i = 0; i < oh->nrules; i++) {
                const struct rule *r = &oh->rules[i];

                if (!rule_matches(r, day, insee))
                        continue;
                if (r->closed) {
                        if (r->ntimes == 0)
                                s->n = 0;
                        for (int k = 0; k < r->ntimes; k++)
                                set_sub(s, r->times[k].lo, r->times[k].hi);
                        continue;
                }
                if (!r->additional)
                        s->n = 0;
                if (r->ntimes == 0)
                        set_add(s, 0, DAY_MIN);
                for (int k = 0; k < r->ntimes; k++)
                        set_add(s, r->times[k].lo, r->times[k].hi);
        }
}

static bool set_has(const struct ivset *s, int minute)
{
        for (int i = 0; i < s->n; i++)
                if (minute >= s->v[i].lo && minute < s->v[i].hi)
                        return true;
        return false;
}

static long local_day(time_t t, int *minute)
{
        struct tm tm;

        localtime_r(&t, &tm);
        *minute = tm.tm_hour * 60 + tm.tm_min;
        return cal_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The instant of minute (may exceed 24:00) of day z, local time: mktime handles DST. */
static time_t instant(long z, int minute)
{
        struct tm tm = {0};
        int y, m, d;

        cal_date(z, &y, &m, &d);
        tm.tm_year = y - 1900;
        tm.tm_mon = m - 1;
        tm.tm_mday = d + minute / DAY_MIN;
        tm.tm_hour = minute % DAY_MIN / 60;
        tm.tm_min = minute % 60;
        tm.tm_isdst = -1;
        return mktime(&tm);
}

static bool open_at_minute(const struct ohours *oh, long z, int minute, const char *insee)
{
        struct ivset s;
        struct day day;

        day_at(z, &day);
        day_hours(oh, &day, insee, &s);
        if (set_has(&s, minute))
                return true;
        day_at(z - 1, &day);
        day_hours(oh, &day, insee, &s);
        return set_has(&s, minute + DAY_MIN);
}

/* Walks the instants where some day's interval starts or ends, in order, and returns the
 * first one after t where the state differs from open; 0 past the horizon. */
static time_t next_change(const struct ohours *oh, long z0, time_t t, bool open, const char *insee)
{
        time_t best = 0;

        for (long z = z0 - 1; z <= z0 + OHOURS_HORIZON_DAYS; z++) {
                struct ivset s;
                struct day day;

                day_at(z, &day);
                day_hours(oh, &day, insee, &s);
                for (int i = 0; i < s.n; i++) {
                        int edges[2] = {s.v[i].lo, s.v[i].hi};

                        for (int k = 0; k < 2; k++) {
                                time_t e = instant(z, edges[k]);
                                int em;
                                long ez;

                                if (e <= t || (best != 0 && e >= best))
                                        continue;
                                ez = local_day(e, &em);
                                if (open_at_minute(oh, ez, em, insee) != open)
                                        best = e;
                        }
                }
        }
        return best;
}

enum ohours_state ohours_state_at(const struct ohours *oh, time_t t, const char *insee,
                                  time_t *next)
{
        int minute;
        long z;
        bool open;

        if (oh == NULL) {
                if (next != NULL)
                        *next = 0;
                return OH_UNKNOWN;
        }
        z = local_day(t, &minute);
        open = open_at_minute(oh, z, minute, insee);
        if (next != NULL)
                *next = next_change(oh, z, t, open, insee);
        return open ? OH_OPEN : OH_CLOSED;
}

enum ohours_state ohours_open_at(const char *spec, time_t t, const char *insee)
{
        struct ohours *oh = ohours_parse(spec, NULL);
        enum ohours_state st = ohours_state_at(oh, t, insee, NULL);

        ohours_free(oh);
        return st;
}
