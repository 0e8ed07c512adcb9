/* Suppression on a set of linear equations. A published equation lets whoever reads it
 * recompute its suppressed cells when only one is left, or when the cells left must all
 * be 1 (suppressed counts are never 0, so a suppressed sum of m cells equal to m gives
 * each away). Each such equation gets another cell suppressed — the smallest non-zero
 * one, a margin last — until no equation gives anything away. Equations also combine:
 * the rows and the columns of a table with both margins can give away a cell that each
 * of them alone keeps (a cell between two blocks of suppressed cells), so the
 * equations are then solved together, exactly (over the integers modulo a prime), and a
 * cell they determine gets a neighbour suppressed, until none is determined. */
#include "suppress.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The largest system solved at once (equations x suppressed cells of one connected
 * part); a larger one is left to the equation-by-equation rule and counted. */
#define SOLVE_MAX ((size_t)4 << 20)

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
        size_t unchecked; /* suppressed cells in systems too large to solve */
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

/* Suppresses until no single equation gives a cell away. */
static void each_equation(struct sup *s)
{
        bool changed = true;

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
}

/* --- the equations solved together ----------------------------------------------- */

#define PRIME 2147483647u /* 2^31 - 1 */

static uint32_t mul_mod(uint32_t a, uint32_t b)
{
        return (uint32_t)((uint64_t)a * b % PRIME);
}

static uint32_t inv_mod(uint32_t a)
{
        uint32_t r = 1;

        for (uint32_t e = PRIME - 2; e != 0; e >>= 1, a = mul_mod(a, a))
                if (e & 1)
                        r = mul_mod(r, a);
        return r;
}

static size_t root(size_t *up, size_t x)
{
        while (up[x] != x)
                x = up[x] = up[up[x]];
        return x;
}

/* The parts of the system: cells joined when an equation holds both secret. */
static void parts(const struct sup *s, size_t *up)
{
        for (size_t i = 0; i < s->ncells; i++)
                up[i] = i;
        for (size_t e = 0; e < s->neqs; e++) {
                size_t first = SIZE_MAX;

                for (size_t i = 0; i < s->eqs[e].n; i++) {
                        size_t c = (size_t)s->terms[s->eqs[e].first + i].cell;

                        if (!s->cells[c].secret)
                                continue;
                        if (first == SIZE_MAX)
                                first = c;
                        else
                                up[root(up, c)] = root(up, first);
                }
        }
}

/* Reduces m (rows x cols) to reduced row echelon form; returns the rank, pivot[r] the
 * column of row r. */
static size_t reduce(uint32_t *m, size_t rows, size_t cols, size_t *pivot)
{
        size_t r = 0;

        for (size_t c = 0; c < cols && r < rows; c++) {
                size_t p = r;

                while (p < rows && m[p * cols + c] == 0)
                        p++;
                if (p == rows)
                        continue;
                for (size_t j = 0; j < cols && p != r; j++) {
                        uint32_t t = m[p * cols + j];
                        m[p * cols + j] = m[r * cols + j];
                        m[r * cols + j] = t;
                }
                uint32_t inv = inv_mod(m[r * cols + c]);
                for (size_t j = c; j < cols; j++)
                        m[r * cols + j] = mul_mod(m[r * cols + j], inv);
                for (size_t i = 0; i < rows; i++) {
                        uint32_t f = m[i * cols + c];

                        if (i == r || f == 0)
                                continue;
                        for (size_t j = c; j < cols; j++)
                                m[i * cols + j] = (uint32_t)((m[i * cols + j] + (uint64_t)PRIME -
                                                              mul_mod(f, m[r * cols + j])) %
                                                             PRIME);
                }
                pivot[r++] = c;
        }
        return r;
}

/* One part of the system: its secret cells and the equations that hold them. */
struct part {
        size_t *cells, ncells;
        size_t *eqs, neqs;
};

/* The first secret cell the equations of part p determine, or -1; col[] maps a cell to
 * its column (scratch). */
static int determined(struct sup *s, const struct part *p, size_t *col)
{
        size_t rows = p->neqs, cols = p->ncells, *pivot, rank;
        uint32_t *m;
        int found = -1;

        if (rows * cols > SOLVE_MAX) {
                s->unchecked += cols;
                return -1;
        }
        for (size_t j = 0; j < cols; j++)
                col[p->cells[j]] = j;
        m = xcalloc(rows * cols, sizeof(*m));
        pivot = xcalloc(rows + 1, sizeof(*pivot));
        for (size_t r = 0; r < rows; r++) {
                const struct equation *e = &s->eqs[p->eqs[r]];

                for (size_t i = 0; i < e->n; i++) {
                        const struct term *t = &s->terms[e->first + i];

                        /* a cell suppressed in this pass belongs to no part yet */
                        if (col[t->cell] != SIZE_MAX)
                                m[r * cols + col[t->cell]] =
                                    (m[r * cols + col[t->cell]] + (t->sign > 0 ? 1u : PRIME - 1u)) %
                                    PRIME;
                }
        }
        rank = reduce(m, rows, cols, pivot);
        for (size_t r = 0; r < rank && found < 0; r++) {
                size_t j = 0;

                while (j < cols && (j == pivot[r] || m[r * cols + j] == 0))
                        j++;
                if (j == cols)
                        found = (int)p->cells[pivot[r]];
        }
        for (size_t j = 0; j < cols; j++)
                col[p->cells[j]] = SIZE_MAX;
        free(m);
        free(pivot);
        return found;
}

/* Suppresses the next cell of an equation that holds cell; false when there is none. */
static bool protect(struct sup *s, int cell)
{
        for (size_t e = 0; e < s->neqs; e++)
                for (size_t i = 0; i < s->eqs[e].n; i++)
                        if (s->terms[s->eqs[e].first + i].cell == cell) {
                                int c = next_cell(s, &s->eqs[e]);

                                if (c >= 0) {
                                        s->cells[c].secret = true;
                                        return true;
                                }
                                break;
                        }
        return false;
}

/* The first secret cell of equation e, or SIZE_MAX. */
static size_t first_secret(const struct sup *s, size_t e)
{
        for (size_t i = 0; i < s->eqs[e].n; i++) {
                size_t c = (size_t)s->terms[s->eqs[e].first + i].cell;

                if (s->cells[c].secret)
                        return c;
        }
        return SIZE_MAX;
}

/* Groups the secret cells and the equations by part (counting sort on the root): the
 * members of the part of root r are cells[cstart[r] .. cstart[r + 1]), likewise eqs. */
static void group(const struct sup *s, size_t *up, size_t *cells, size_t *cstart, size_t *eqs,
                  size_t *estart)
{
        size_t n = s->ncells;

        memset(cstart, 0, (n + 2) * sizeof(*cstart));
        memset(estart, 0, (n + 2) * sizeof(*estart));
        for (size_t i = 0; i < n; i++)
                if (s->cells[i].secret)
                        cstart[root(up, i) + 2]++;
        for (size_t e = 0; e < s->neqs; e++) {
                size_t c = first_secret(s, e);

                if (c != SIZE_MAX)
                        estart[root(up, c) + 2]++;
        }
        for (size_t r = 2; r < n + 2; r++) {
                cstart[r] += cstart[r - 1];
                estart[r] += estart[r - 1];
        }
        for (size_t i = 0; i < n; i++)
                if (s->cells[i].secret)
                        cells[cstart[root(up, i) + 1]++] = i;
        for (size_t e = 0; e < s->neqs; e++) {
                size_t c = first_secret(s, e);

                if (c != SIZE_MAX)
                        eqs[estart[root(up, c) + 1]++] = e;
        }
}

/* One pass over the parts: protects the first determined cell of each. Returns whether
 * a cell was suppressed. */
static bool solve_parts(struct sup *s)
{
        size_t n = s->ncells;
        size_t *up = xcalloc(n + 1, sizeof(size_t)), *col = xcalloc(n + 1, sizeof(size_t));
        size_t *cells = xcalloc(n + 1, sizeof(size_t)), *cstart = xcalloc(n + 2, sizeof(size_t));
        size_t *eqs = xcalloc(s->neqs + 1, sizeof(size_t)),
               *estart = xcalloc(n + 2, sizeof(size_t));
        bool grew = false;

        memset(col, 0xff, (n + 1) * sizeof(size_t));
        parts(s, up);
        group(s, up, cells, cstart, eqs, estart);
        s->unchecked = 0;
        for (size_t r = 0; r < n; r++) {
                struct part p = {cells + cstart[r], cstart[r + 1] - cstart[r], eqs + estart[r],
                                 estart[r + 1] - estart[r]};
                int x;

                if (p.ncells == 0 || p.neqs == 0)
                        continue;
                if ((x = determined(s, &p, col)) >= 0 && protect(s, x))
                        grew = true;
        }
        free(up);
        free(col);
        free(cells);
        free(cstart);
        free(eqs);
        free(estart);
        return grew;
}

size_t sup_run(struct sup *s)
{
        size_t n = 0;

        for (size_t i = 0; i < s->ncells; i++) {
                struct cell *c = &s->cells[i];

                if (c->people && c->value >= 1 && c->value < s->k)
                        c->secret = c->primary = true;
        }
        do
                each_equation(s);
        while (solve_parts(s));
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

size_t sup_unchecked(const struct sup *s)
{
        return s->unchecked;
}
