/* French descriptions of the week ("du lundi au vendredi de 9h à 12h") read into
 * opening_hours values, for the "semaine" mappings of the raw lists. The reading is
 * strict: days, times and the words that join them; a text that says anything else
 * (appointments, holidays, seasons, a morning without hours, a remark in brackets) or
 * whose hours could be read two ways is not converted, so that nothing is guessed. */
#include "week_text.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKS  512 /* longer texts are prose */
#define MAX_SPANS 8   /* time ranges of one day */
#define DAY_MIN   1440
#define NTH_LAST  (1u << 5)

enum kind { K_END, K_DAY, K_TIME, K_NUM, K_ORD, K_WORD, K_PUNCT };

struct tok {
        enum kind kind;
        int v;      /* day 0 (Monday)..6, minutes, number, ordinal 1..5 or -1 (last) */
        bool h;     /* K_TIME: written with h, ':' or as "midi" (a bare number is K_NUM) */
        char c;     /* K_PUNCT */
        char w[16]; /* K_WORD, folded; longer words are cut and match nothing */
};

struct reader {
        struct tok t[MAX_TOKS + 1];
        int n, i;
};

struct span {
        int from, to; /* minutes since midnight */
};

struct week {
        struct span s[7][MAX_SPANS];
        int n[7];
        uint16_t nth[7]; /* bits 0-4: 1st..5th weekday of the month, NTH_LAST: the last; 0: all */
        bool closed[7];
};

/* Days and their nth-of-the-month masks named by one clause. */
struct days {
        unsigned mask;
        uint16_t nth[7];
};

struct chain {
        struct span s[MAX_SPANS];
        int n;
};

/* --- words ---------------------------------------------------------------------- */

static bool is_lower(int c)
{
        return c >= 'a' && c <= 'z';
}

static bool is_digit(int c)
{
        return c >= '0' && c <= '9';
}

static bool word_in(const char *w, const char *const *list)
{
        for (; *list != NULL; list++)
                if (strcmp(w, *list) == 0)
                        return true;
        return false;
}

/* "lundi", "lundis" or "lun" (then "lun." is read by the caller): 0..6, or -1. */
static int day_named(const char *w)
{
        static const char *const names[] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                            "vendredi", "samedi", "dimanche"};

        for (int d = 0; d < 7; d++) {
                size_t n = strlen(names[d]), len = strlen(w);

                if (strncmp(w, names[d], n) == 0 && (len == n || (len == n + 1 && w[n] == 's')))
                        return d;
                if (len == 3 && strncmp(w, names[d], 3) == 0)
                        return d;
        }
        return -1;
}

/* "premier", "deuxièmes", "dernier" (folded): 1..5, -1 for the last, 0 when none. */
static int ordinal_named(const char *w)
{
        static const char *const names[][4] = {
            {"premier", "premiers", "premiere", "premieres"},
            {"deuxieme", "deuxiemes", "second", "seconde"},
            {"troisieme", "troisiemes", NULL, NULL},
            {"quatrieme", "quatriemes", NULL, NULL},
            {"cinquieme", "cinquiemes", NULL, NULL},
            {"dernier", "derniers", "derniere", "dernieres"},
        };

        for (int i = 0; i < 6; i++)
                for (int k = 0; k < 4 && names[i][k] != NULL; k++)
                        if (strcmp(w, names[i][k]) == 0)
                                return i < 5 ? i + 1 : -1;
        return 0;
}

/* --- tokens ----------------------------------------------------------------------- */

static size_t skip_spaces(const char *s, size_t i)
{
        while (s[i] == ' ')
                i++;
        return i;
}

static size_t digits(const char *s, size_t i, int *v)
{
        size_t k = 0;

        *v = 0;
        while (is_digit(s[i + k])) {
                if (k < 4)
                        *v = *v * 10 + (s[i + k] - '0');
                k++;
        }
        return k;
}

/* Minutes after an "h" at i: "30" right after it, or " 30" when nothing that starts
 * another time follows ("14h 30- 17h30", never the 14 of "12h 14h"). */
static size_t minutes_at(const char *s, size_t i, int *m)
{
        size_t j;

        *m = 0;
        if (is_digit(s[i]) && is_digit(s[i + 1]) && !is_digit(s[i + 2])) {
                *m = (s[i] - '0') * 10 + (s[i + 1] - '0');
                return 2;
        }
        if (s[i] != ' ' || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || is_digit(s[i + 3]))
                return 0;
        j = skip_spaces(s, i + 3);
        if (s[j] == 'h' || s[j] == ':' || is_digit(s[j]))
                return 0;
        *m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        return 3;
}

/* A number at i: a time ("9h", "9 h 30", "09:00", "17 heures"), an ordinal ("1er",
 * "2e", "3eme") or a bare number. Returns the length read. */
static size_t lex_number(const char *s, size_t i, struct tok *t)
{
        int v, m = 0;
        size_t k = digits(s, i, &v), j = skip_spaces(s, i + k), w = 0;

        t->kind = K_NUM;
        t->v = v;
        if (k > 2)
                return k;
        if (s[i + k] == ':' && is_digit(s[i + k + 1]) && is_digit(s[i + k + 2]) &&
            !is_digit(s[i + k + 3])) {
                m = (s[i + k + 1] - '0') * 10 + (s[i + k + 2] - '0');
                t->kind = v <= 24 && m < 60 ? K_TIME : K_WORD, t->h = true, t->v = v * 60 + m;
                return k + 3;
        }
        if (s[j] == 'h' && !is_lower(s[j + 1]))
                w = 1;
        else if (strncmp(s + j, "heures", 6) == 0 && !is_lower(s[j + 6]))
                w = 6;
        else if (strncmp(s + j, "heure", 5) == 0 && !is_lower(s[j + 5]))
                w = 5;
        if (w > 0) {
                size_t mk = minutes_at(s, j + w, &m);

                t->kind = v <= 24 && m < 60 ? K_TIME : K_WORD, t->h = true, t->v = v * 60 + m;
                return j + w + mk - i;
        }
        if (is_lower(s[i + k])) {
                static const char *const suffixes[] = {"er", "ere", "e", "eme", "emes", "es", NULL};
                char suf[8] = {0};
                size_t n = 0;

                while (is_lower(s[i + k + n]) && n < sizeof(suf) - 1) {
                        suf[n] = s[i + k + n];
                        n++;
                }
                if (!is_lower(s[i + k + n]) && word_in(suf, suffixes)) {
                        t->kind = K_ORD;
                        t->v = v >= 1 && v <= 5 ? v : 99;
                        return k + n;
                }
        }
        return k;
}

static size_t lex_word(const char *s, size_t i, struct tok *t)
{
        size_t n = 0;
        int d, o;

        while (is_lower(s[i + n]))
                n++;
        memset(t->w, 0, sizeof(t->w));
        memcpy(t->w, s + i, n < sizeof(t->w) ? n : sizeof(t->w) - 1);
        t->kind = K_WORD;
        if (n >= sizeof(t->w))
                t->w[0] = '\0';
        if ((d = day_named(t->w)) >= 0) {
                t->kind = K_DAY, t->v = d;
                return n + (n == 3 && s[i + n] == '.');
        }
        if ((o = ordinal_named(t->w)) != 0) {
                t->kind = K_ORD, t->v = o;
        } else if (strcmp(t->w, "midi") == 0) {
                t->kind = K_TIME, t->h = true, t->v = 12 * 60;
        }
        return n;
}

/* Splits folded text into tokens; false when it is too long to be opening hours. */
static bool lex(const char *s, struct reader *r)
{
        size_t i = 0;

        r->n = r->i = 0;
        while (s[i = skip_spaces(s, i)] != '\0') {
                struct tok *t = &r->t[r->n];

                if (r->n == MAX_TOKS)
                        return false;
                memset(t, 0, sizeof(*t));
                if (is_digit(s[i])) {
                        i += lex_number(s, i, t);
                } else if (is_lower(s[i])) {
                        i += lex_word(s, i, t);
                } else {
                        t->kind = K_PUNCT;
                        t->c = s[i++];
                }
                r->n++;
        }
        r->t[r->n].kind = K_END;
        return true;
}

/* --- reading ------------------------------------------------------------------------ */

static const struct tok *at(const struct reader *r, int k)
{
        int j = r->i + k;

        return &r->t[j < r->n ? j : r->n];
}

static bool is_word(const struct tok *t, const char *w)
{
        return t->kind == K_WORD && strcmp(t->w, w) == 0;
}

static bool is_punct(const struct tok *t, char c)
{
        return t->kind == K_PUNCT && t->c == c;
}

static bool take_word(struct reader *r, const char *w)
{
        if (!is_word(at(r, 0), w))
                return false;
        r->i++;
        return true;
}

static bool take_punct(struct reader *r, char c)
{
        if (!is_punct(at(r, 0), c))
                return false;
        r->i++;
        return true;
}

/* Words that may come before a day, as many tokens as they take at k, or 0. */
static int article_at(const struct reader *r, int k)
{
        if (is_word(at(r, k), "tous") && is_word(at(r, k + 1), "les"))
                return 2;
        if (is_word(at(r, k), "le") || is_word(at(r, k), "les") || is_word(at(r, k), "du") ||
            is_word(at(r, k), "chaque"))
                return 1;
        return 0;
}

/* True when a day (or "tous les jours", or an ordinal before a day) starts at k. */
static bool day_item_at(const struct reader *r, int k)
{
        int a = article_at(r, k);

        if (a == 2 && is_word(at(r, k + 2), "jours"))
                return true;
        return at(r, k + a)->kind == K_DAY || at(r, k + a)->kind == K_ORD;
}

/* "deuxième et quatrième", "1er", "dernier": a mask of weeks of the month; 0 on error. */
static uint16_t read_ordinals(struct reader *r)
{
        uint16_t nth = 0;

        for (;;) {
                const struct tok *t = at(r, 0);

                if (t->kind != K_ORD || t->v == 0 || t->v > 5)
                        return 0;
                if (t->v < 0)
                        nth |= NTH_LAST;
                else
                        nth |= (uint16_t)(1u << (t->v - 1));
                r->i++;
                if (at(r, 0)->kind == K_ORD)
                        continue;
                if ((is_word(at(r, 0), "et") || is_punct(at(r, 0), ',')) &&
                    at(r, 1)->kind == K_ORD) {
                        r->i++;
                        continue;
                }
                return nth;
        }
}

/* "lundi-mardi-jeudi" (a list) or "lundi-mardi" (next days): a mask, 0 when unsure. */
static unsigned read_dash_days(struct reader *r, int first)
{
        int prev = first, n = 1;
        unsigned mask = 1u << first;

        while (is_punct(at(r, 0), '-') && at(r, 1)->kind == K_DAY) {
                int d = at(r, 1)->v;

                if (d <= prev)
                        return 0;
                mask |= 1u << d;
                prev = d;
                n++;
                r->i += 2;
        }
        /* "lundi-jeudi" could be two days or four: only next days are certain */
        return n == 2 && prev != first + 1 ? 0 : mask;
}

/* One day, range or list of one item ("du lundi au vendredi", "le 2e mardi du mois",
 * "mar-mer-jeu") into d; false when it cannot be read with certainty. */
static bool read_day_item(struct reader *r, struct days *d)
{
        int a = article_at(r, 0), first, last;
        uint16_t nth = 0;
        unsigned mask;

        r->i += a;
        if (a == 2 && take_word(r, "jours")) {
                d->mask |= 0x7f;
                return true;
        }
        if (at(r, 0)->kind == K_ORD && (nth = read_ordinals(r)) == 0)
                return false;
        if (at(r, 0)->kind != K_DAY)
                return false;
        first = last = at(r, 0)->v;
        r->i++;
        if ((is_word(at(r, 0), "au") || is_word(at(r, 0), "a")) && at(r, 1)->kind == K_DAY) {
                last = at(r, 1)->v;
                r->i += 2;
                if (last <= first)
                        return false;
                mask = ((1u << (last + 1)) - 1) & ~((1u << first) - 1);
        } else if ((mask = read_dash_days(r, first)) == 0) {
                return false;
        }
        if (nth != 0 && (mask != 1u << first || !take_word(r, "du") || !take_word(r, "mois")))
                return false;
        for (int k = 0; k < 7; k++) {
                if ((mask & (1u << k)) == 0)
                        continue;
                if ((d->mask & (1u << k)) != 0 && d->nth[k] != nth)
                        return false;
                d->mask |= 1u << k;
                d->nth[k] = nth;
        }
        return true;
}

/* Days joined by ',', "et", '/' or nothing ("Lundi Mardi"). */
static bool read_days(struct reader *r, struct days *d)
{
        memset(d, 0, sizeof(*d));
        for (;;) {
                if (!read_day_item(r, d))
                        return false;
                if (day_item_at(r, 0))
                        continue;
                if ((is_word(at(r, 0), "et") || is_punct(at(r, 0), ',') ||
                     is_punct(at(r, 0), '/')) &&
                    day_item_at(r, 1)) {
                        r->i++;
                        continue;
                }
                return true;
        }
}

/* A separator inside a list of times; range tells the ones that join a range's two ends. */
static bool time_sep(const struct tok *t, bool *range)
{
        *range = is_punct(t, '-') || is_punct(t, '/') || is_word(t, "a");
        return *range || is_punct(t, ',') || is_punct(t, ';') || is_word(t, "et") ||
               is_word(t, "puis");
}

/* Where the next time is after the separators at the cursor, or -1 when none follows;
 * *range tells that the separators are exactly one range separator. */
static int next_time(const struct reader *r, bool *range, bool *de)
{
        int k = 0;
        bool one_range = false, rg;

        while (time_sep(at(r, k), &rg)) {
                one_range = k == 0 && rg;
                k++;
        }
        *range = one_range && k == 1;
        *de = is_word(at(r, k), "de");
        k += *de;
        return at(r, k)->kind == K_TIME || at(r, k)->kind == K_NUM ? k : -1;
}

/* A bare number is an hour only beside a time written with h ("de 14 à 18h"). */
static int minutes_of(const struct tok *t, const struct tok *other)
{
        if (t->kind == K_NUM)
                return other->h && t->v <= 24 ? t->v * 60 : -1;
        return t->v <= DAY_MIN ? t->v : -1;
}

/* "de 9h à 12h et de 14h à 17h", "9h/12h - 14h/18h", "10h30-12h-14h-17h": times read in
 * pairs, each pair joined by one range separator, all in increasing order. */
static bool read_times(struct reader *r, struct chain *c)
{
        struct tok t[2 * MAX_SPANS];
        int n = 0;
        bool range, de = take_word(r, "de");

        for (;;) {
                int k;

                if (n == 2 * MAX_SPANS || (at(r, 0)->kind != K_TIME && at(r, 0)->kind != K_NUM))
                        return false;
                t[n++] = *at(r, 0);
                r->i++;
                if ((k = next_time(r, &range, &de)) < 0)
                        break;
                /* the second time of a pair follows one range separator, without "de" */
                if (n % 2 == 1 && (!range || de))
                        return false;
                r->i += k;
        }
        if (n % 2 != 0)
                return false;
        c->n = 0;
        for (int i = 0; i < n; i += 2) {
                int from = minutes_of(&t[i], &t[i + 1]), to = minutes_of(&t[i + 1], &t[i]);

                if (from < 0 || to <= from || (c->n > 0 && from < c->s[c->n - 1].to))
                        return false;
                c->s[c->n++] = (struct span){from, to};
        }
        return true;
}

static bool add_spans(struct week *w, const struct days *d, const struct chain *c)
{
        for (int k = 0; k < 7; k++) {
                if ((d->mask & (1u << k)) == 0)
                        continue;
                if (w->closed[k] || (w->n[k] > 0 && w->nth[k] != d->nth[k]) ||
                    w->n[k] + c->n > MAX_SPANS)
                        return false;
                for (int i = 0; i < c->n; i++) {
                        for (int j = 0; j < w->n[k]; j++)
                                if (c->s[i].from < w->s[k][j].to && w->s[k][j].from < c->s[i].to)
                                        return false; /* two hours for one moment */
                        w->s[k][w->n[k]++] = c->s[i];
                }
                w->nth[k] = d->nth[k];
        }
        return true;
}

static bool add_closed(struct week *w, const struct days *d)
{
        for (int k = 0; k < 7; k++) {
                if ((d->mask & (1u << k)) == 0)
                        continue;
                if (w->closed[k] || w->n[k] > 0 || d->nth[k] != 0)
                        return false;
                w->closed[k] = true;
        }
        return true;
}

/* Days, then their hours or "fermé": "Lundi et jeudi : 14h à 18h", "Samedi fermé". */
static bool read_clause(struct reader *r, struct week *w)
{
        struct days d;
        struct chain c;

        if (!read_days(r, &d))
                return false;
        if (!take_punct(r, ':'))
                take_punct(r, ',');
        if (take_word(r, "ferme"))
                return add_closed(w, &d);
        return read_times(r, &c) && add_spans(w, &d, &c);
}

/* "Horaires d'ouverture :", "Jours et heures d'ouvertures :" before the week. */
static void skip_label(struct reader *r)
{
        static const char *const words[] = {"horaires", "horaire",   "jours",      "et", "heures",
                                            "d",        "ouverture", "ouvertures", NULL};
        int k = 0;

        while ((at(r, k)->kind == K_WORD && word_in(at(r, k)->w, words)) ||
               is_punct(at(r, k), '\''))
                k++;
        if (k > 0 && is_punct(at(r, k), ':'))
                r->i += k + 1;
}

static bool at_end(struct reader *r)
{
        take_punct(r, '.');
        return at(r, 0)->kind == K_END;
}

static bool read_week(struct reader *r, struct week *w)
{
        skip_label(r);
        if (at(r, 0)->kind == K_TIME || at(r, 0)->kind == K_NUM || is_word(at(r, 0), "de")) {
                struct days d; /* hours first: "9h-12h et 14h-17h du lundi au vendredi" */
                struct chain c;

                if (!read_times(r, &c))
                        return false;
                take_punct(r, ',');
                return read_days(r, &d) && add_spans(w, &d, &c) && at_end(r);
        }
        for (;;) {
                bool range;

                if (!read_clause(r, w))
                        return false;
                if (at_end(r))
                        return true;
                while (time_sep(at(r, 0), &range) || is_punct(at(r, 0), '.'))
                        r->i++;
                if (!day_item_at(r, 0))
                        return false;
        }
}

/* --- writing ---------------------------------------------------------------------- */

static int by_start(const void *a, const void *b)
{
        return ((const struct span *)a)->from - ((const struct span *)b)->from;
}

static bool same_day(const struct week *w, int a, int b)
{
        return w->n[a] == w->n[b] && w->nth[a] == w->nth[b] &&
               memcmp(w->s[a], w->s[b], sizeof(struct span) * (size_t)w->n[a]) == 0;
}

static const char *const osm_days[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

/* "Mo-We,Fr" from a mask of days. */
static void put_days(struct strbuf *out, unsigned mask)
{
        bool first = true;

        for (int d = 0; d < 7; d++) {
                int e = d;

                if ((mask & (1u << d)) == 0)
                        continue;
                while (e + 1 < 7 && (mask & (1u << (e + 1))) != 0)
                        e++;
                strbuf_addf(out, "%s%s", first ? "" : ",", osm_days[d]);
                if (e == d + 1)
                        strbuf_addf(out, ",%s", osm_days[e]);
                else if (e > d + 1)
                        strbuf_addf(out, "-%s", osm_days[e]);
                first = false;
                d = e;
        }
}

/* "Mo[2,4],Th[2,4]": days of one nth-of-the-month mask. */
static void put_nth_days(struct strbuf *out, unsigned mask, uint16_t nth)
{
        bool first_day = true;

        for (int d = 0; d < 7; d++) {
                bool first = true;

                if ((mask & (1u << d)) == 0)
                        continue;
                strbuf_addf(out, "%s%s[", first_day ? "" : ",", osm_days[d]);
                for (int k = 0; k < 6; k++) {
                        if ((nth & (1u << k)) == 0)
                                continue;
                        strbuf_addf(out, "%s%d", first ? "" : ",", k < 5 ? k + 1 : -1);
                        first = false;
                }
                strbuf_addch(out, ']');
                first_day = false;
        }
}

static char *week_osm(struct week *w)
{
        struct strbuf out = STRBUF_INIT;
        unsigned done = 0;

        for (int d = 0; d < 7; d++)
                qsort(w->s[d], (size_t)w->n[d], sizeof(struct span), by_start);
        for (int d = 0; d < 7; d++) {
                unsigned mask = 0;

                if (w->n[d] == 0 || (done & (1u << d)) != 0)
                        continue;
                for (int e = d; e < 7; e++)
                        if (same_day(w, d, e))
                                mask |= 1u << e;
                done |= mask;
                if (out.len > 0)
                        strbuf_addstr(&out, "; ");
                if (w->nth[d] != 0)
                        put_nth_days(&out, mask, w->nth[d]);
                else
                        put_days(&out, mask);
                for (int i = 0; i < w->n[d]; i++)
                        strbuf_addf(&out, "%c%02d:%02d-%02d:%02d", i > 0 ? ',' : ' ',
                                    w->s[d][i].from / 60, w->s[d][i].from % 60, w->s[d][i].to / 60,
                                    w->s[d][i].to % 60);
        }
        return out.len > 0 ? strbuf_detach(&out, NULL) : NULL;
}

char *week_text_hours(const char *text)
{
        char *t = text_fold(text), *res = NULL;
        struct reader *r = xcalloc(1, sizeof(*r));
        struct week *w = xcalloc(1, sizeof(*w));

        if (lex(t, r) && read_week(r, w))
                res = week_osm(w);
        free(w);
        free(r);
        free(t);
        return res;
}
