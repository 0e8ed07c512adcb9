/* French descriptions of the week ("du lundi au vendredi de 9h à 12h") read into
 * opening_hours values, for the "semaine" mappings of the raw lists. */
#include "week_text.h"
#include "text.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SPANS 8

struct span {
        int from, to; /* minutes since midnight */
};

struct week {
        struct span s[7][MAX_SPANS];
        int n[7];
        unsigned days; /* days named since the last hours were attached */
        struct span pending[MAX_SPANS];
        int npending;
        bool last_was_day, broken;
};

static size_t word_len(const char *p)
{
        size_t n = 0;

        while (islower((unsigned char)p[n]))
                n++;
        return n;
}

/* A day name ("lundi", "lundis", "lun", "lun.") at p: 0 (Monday) to 6, or -1. */
static int day_at(const char *p, size_t *len)
{
        static const char *const names[] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                            "vendredi", "samedi", "dimanche"};
        size_t w = word_len(p);

        for (int i = 0; i < 7; i++) {
                size_t n = strlen(names[i]);

                if (strncmp(p, names[i], n) == 0 && (w == n || (w == n + 1 && p[n] == 's'))) {
                        *len = w;
                        return i;
                }
                if (w == 3 && strncmp(p, names[i], 3) == 0) {
                        *len = p[3] == '.' ? 4 : 3;
                        return i;
                }
        }
        return -1;
}

/* A day, or a range "lundi au vendredi" / "lundi-vendredi", as a mask of days. */
static unsigned days_at(const char *p, size_t *len)
{
        size_t l1, l2, k;
        int d1 = day_at(p, &l1), d2;
        unsigned mask = 0;

        k = l1 + strspn(p + l1, " ");
        if (strncmp(p + k, "au ", 3) == 0 || strncmp(p + k, "a ", 2) == 0)
                k += p[k + 1] == 'u' ? 3 : 2;
        else if (p[k] == '-')
                k++;
        else
                k = 0;
        if (k != 0) {
                k += strspn(p + k, " ");
                if ((d2 = day_at(p + k, &l2)) >= 0) {
                        for (int d = d1;; d = (d + 1) % 7) {
                                mask |= 1u << d;
                                if (d == d2)
                                        break;
                        }
                        *len = k + l2;
                        return mask;
                }
        }
        *len = l1;
        return 1u << d1;
}

/* "9h", "9h30", "09:00", "9 h 30", "9" or "midi" at p: minutes, or -1. *marked tells
 * whether it had an h or a colon (a bare number is an hour only next to a marked one). */
static int time_at(const char *p, size_t *len, bool *marked)
{
        size_t i = 0;
        int h = 0, m = 0;

        *marked = true;
        if (strncmp(p, "midi", 4) == 0 && !islower((unsigned char)p[4])) {
                *len = 4;
                return 12 * 60;
        }
        while (i < 2 && isdigit((unsigned char)p[i]))
                h = h * 10 + (p[i++] - '0');
        if (i == 0 || isdigit((unsigned char)p[i]) || h > 24)
                return -1;
        i += strspn(p + i, " ");
        if (p[i] == 'h' || p[i] == ':') {
                i++;
                i += strspn(p + i, " ");
                if (isdigit((unsigned char)p[i]) && isdigit((unsigned char)p[i + 1])) {
                        m = (p[i] - '0') * 10 + (p[i + 1] - '0');
                        i += 2;
                }
        } else {
                *marked = false;
                i = strspn(p, "0123456789");
        }
        if (m > 59 || isdigit((unsigned char)p[i]))
                return -1;
        *len = i;
        return h * 60 + m;
}

/* "9h-12h", "9h à 12h", "de 14 à 18h" at p (after "de"). */
static bool span_at(const char *p, size_t *len, struct span *out)
{
        size_t l1, l2, k;
        bool m1, m2;
        int t1 = time_at(p, &l1, &m1), t2;

        if (t1 < 0)
                return false;
        k = l1 + strspn(p + l1, " ");
        if (p[k] == '-')
                k++;
        else if (strncmp(p + k, "a ", 2) == 0)
                k += 2;
        else if (strncmp(p + k, "jusqu'a ", 8) == 0)
                k += 8;
        else
                return false;
        k += strspn(p + k, " ");
        t2 = time_at(p + k, &l2, &m2);
        if (t2 < 0 || (!m1 && !m2) || t2 <= t1)
                return false;
        *out = (struct span){t1, t2};
        *len = k + l2;
        return true;
}

static void attach(struct week *w)
{
        if (w->days == 0 || w->npending == 0) {
                w->broken = w->broken || w->days != 0 || w->npending != 0;
                return;
        }
        for (int d = 0; d < 7; d++) {
                for (int i = 0; (w->days & (1u << d)) != 0 && i < w->npending; i++) {
                        if (w->n[d] == MAX_SPANS) {
                                w->broken = true;
                                break;
                        }
                        w->s[d][w->n[d]++] = w->pending[i];
                }
        }
        w->days = 0;
        w->npending = 0;
}

/* Words that say more than days and hours: such a text is kept as written. */
static bool has_exceptions(const char *t)
{
        static const char *const words[] = {"sauf",    "ferm",   "vacance", "pair",   "impair",
                                            "mois",    "rendez", "rdv",     "premi",  "dernie",
                                            "hors",    "ete",    "hiver",   "scolai", "ferie",
                                            "semaine", "janv",   "sept",    "juil",   "aout"};

        for (const char *p = t; *p != '\0'; p++) {
                if (!islower((unsigned char)*p) || (p > t && islower((unsigned char)p[-1])))
                        continue;
                for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
                        if (strncmp(p, words[i], strlen(words[i])) == 0)
                                return true;
        }
        return false;
}

static void read_week(struct week *w, const char *t)
{
        const char *p = t;
        size_t len;
        struct span sp;

        while (*p != '\0' && !w->broken) {
                if (day_at(p, &len) >= 0) {
                        if (w->days != 0 && w->npending > 0 && !w->last_was_day)
                                attach(w);
                        w->days |= days_at(p, &len);
                        w->last_was_day = true;
                        p += len;
                } else if (strncmp(p, "tous les jours", 14) == 0) {
                        w->days |= 0x7f;
                        w->last_was_day = true;
                        p += 14;
                } else if (span_at(p, &len, &sp)) {
                        if (w->days != 0 && w->npending > 0 && w->last_was_day)
                                attach(w);
                        if (w->npending == MAX_SPANS)
                                w->broken = true;
                        else
                                w->pending[w->npending++] = sp;
                        w->last_was_day = false;
                        p += len;
                } else {
                        size_t skip =
                            islower((unsigned char)*p) ? word_len(p) : strspn(p, "0123456789");

                        p += skip > 0 ? skip : 1;
                }
        }
        attach(w);
}

static int by_start(const void *a, const void *b)
{
        return ((const struct span *)a)->from - ((const struct span *)b)->from;
}

static bool same_spans(const struct week *w, int a, int b)
{
        return w->n[a] == w->n[b] && memcmp(w->s[a], w->s[b], sizeof(struct span) * w->n[a]) == 0;
}

/* "Mo-We,Fr" from a mask of days. */
static size_t put_days(char *out, unsigned mask)
{
        static const char *const osm[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
        size_t len = 0;

        for (int d = 0; d < 7; d++) {
                int e = d;

                if ((mask & (1u << d)) == 0)
                        continue;
                while (e + 1 < 7 && (mask & (1u << (e + 1))) != 0)
                        e++;
                len += (size_t)sprintf(out + len, "%s%s", len > 0 ? "," : "", osm[d]);
                if (e == d + 1)
                        len += (size_t)sprintf(out + len, ",%s", osm[e]);
                else if (e > d + 1)
                        len += (size_t)sprintf(out + len, "-%s", osm[e]);
                d = e;
        }
        return len;
}

static char *week_text(struct week *w)
{
        char *out = xmalloc(7 * (MAX_SPANS * 12 + 32) + 1);
        size_t len = 0;
        unsigned done = 0;

        for (int d = 0; d < 7; d++)
                qsort(w->s[d], (size_t)w->n[d], sizeof(struct span), by_start);
        out[0] = '\0';
        for (int d = 0; d < 7; d++) {
                unsigned mask = 0;

                if (w->n[d] == 0 || (done & (1u << d)) != 0)
                        continue;
                for (int e = d; e < 7; e++)
                        if (same_spans(w, d, e))
                                mask |= 1u << e;
                done |= mask;
                if (len > 0)
                        len += (size_t)sprintf(out + len, "; ");
                len += put_days(out + len, mask);
                for (int i = 0; i < w->n[d]; i++)
                        len +=
                            (size_t)sprintf(out + len, "%c%02d:%02d-%02d:%02d", i > 0 ? ',' : ' ',
                                            w->s[d][i].from / 60, w->s[d][i].from % 60,
                                            w->s[d][i].to / 60, w->s[d][i].to % 60);
        }
        return out;
}

char *week_text_hours(const char *text)
{
        char *t = text_fold(text), *res = NULL;
        struct week *w = xcalloc(1, sizeof(*w));
        bool any = false;

        if (!has_exceptions(t)) {
                read_week(w, t);
                for (int d = 0; d < 7; d++)
                        any = any || w->n[d] > 0;
                if (any && !w->broken)
                        res = week_text(w);
        }
        free(w);
        free(t);
        return res;
}
