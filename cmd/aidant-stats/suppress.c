/* Suppression on a set of linear equations. A published equation lets whoever reads it
 * recompute its suppressed cells when only one is left, or when the cells left must all
 * be 1 (suppressed counts are never 0, so a suppressed sum of m cells equal to m gives
 * each away). Each such equation gets another cell suppressed — the smallest non-zero
 * one, a margin last — until no equation gives anything away. */
#include "suppress.h"
#include "xalloc.h"

#include <stdlib.h>

struct cell {
        long value;
        bool people, margin, secret, primary;
};

struct equation {
        size_t first, n; /* into terms */
};

struct term {
        int cell, sign;
};

struct sup {
        int k;
        struct cell *cells;
        size_t ncells, cap;
        struct term *terms;
        size_t nterms, tcap;
        struct equation *eqs;
        size_t neqs, ecap;
};

struct sup *sup_new(int k)
{
        struct sup *s = xcalloc(1, sizeof(*s));

        s->k = k;
        return s;
}

void sup_free(struct sup *s)
{
        if (s == NULL)
                return;
        free(s->cells);
        free(s->terms);
        free(s->eqs);
        free(s);
}

int sup_cell(struct sup *s, long value, bool people, bool margin)
{
        if (s->ncells == s->cap) {
                s->cap = s->cap != 0 ? s->cap * 2 : 64;
                s->cells = xreallocarray(s->cells, s->cap, sizeof(*s->cells));
        }
        s->cells[s->ncells] = (struct cell){value, people, margin, false, false};
        return (int)s->ncells++;
}

void sup_force(struct sup *s, int cell)
{
        if (s->cells[cell].value != 0)
                s->cells[cell].secret = true;
}

void sup_equation(struct sup *s, const int *cells, const int *signs, size_t n)
{
        if (s->neqs == s->ecap) {
                s->ecap = s->ecap != 0 ? s->ecap * 2 : 64;
                s->eqs = xreallocarray(s->eqs, s->ecap, sizeof(*s->eqs));
        }
        s->eqs[s->neqs++] = (struct equation){s->nterms, n};
        for (size_t i = 0; i < n; i++) {
                if (s->nterms == s->tcap) {
                        s->tcap = s->tcap != 0 ? s->tcap * 2 : 256;
                        s->terms = xreallocarray(s->terms, s->tcap, sizeof(*s->terms));
                }
                s->terms[s->nterms++] = (struct term){cells[i], signs[i]};
        }
}

/* True when the equation gives a suppressed cell away. */
static bool discloses(const struct sup *s, const struct equation *e)
{
        size_t m = 0;
        long sum = 0;
        int sign = 0;
        bool one_side = true;

        for (size_t i = 0; i < e->n; i++) {
                const struct term *t = &s->terms[e->first + i];
                const struct cell *c = &s->cells[t->cell];

                if (!c->secret)
                        continue;
                m++;
                sum += c->value;
                if (sign != 0 && t->sign != sign)
                        one_side = false;
                sign = t->sign;
        }
        return m == 1 || (m > 1 && one_side && sum == (long)m);
}

/* The published cell to suppress next in an equation: the smallest non-zero, a margin
 * only when nothing else is left; -1 when none. */
static int next_cell(const struct sup *s, const struct equation *e)
{
        int best = -1;

        for (size_t i = 0; i < e->n; i++) {
                int c = s->terms[e->first + i].cell;
                const struct cell *x = &s->cells[c];

                if (x->secret || x->value == 0)
                        continue;
                if (best < 0 || (s->cells[best].margin && !x->margin) ||
                    (s->cells[best].margin == x->margin && x->value < s->cells[best].value))
                        best = c;
        }
        return best;
}

size_t sup_run(struct sup *s)
{
        size_t n = 0;
        bool changed = true;

        for (size_t i = 0; i < s->ncells; i++) {
                struct cell *c = &s->cells[i];

                if (c->people && c->value >= 1 && c->value < s->k)
                        c->secret = c->primary = true;
        }
        while (changed) {
                changed = false;
                for (size_t i = 0; i < s->neqs; i++) {
                        while (discloses(s, &s->eqs[i])) {
                                int c = next_cell(s, &s->eqs[i]);

                                if (c < 0)
                                        break;
                                s->cells[c].secret = true;
                                changed = true;
                        }
                }
        }
        for (size_t i = 0; i < s->ncells; i++)
                n += s->cells[i].secret;
        return n;
}

bool sup_secret(const struct sup *s, int cell)
{
        return s->cells[cell].secret;
}

size_t sup_primary(const struct sup *s)
{
        size_t n = 0;

        for (size_t i = 0; i < s->ncells; i++)
                n += s->cells[i].primary;
        return n;
}
