/* One suppression mask for a series of months: the equations every month publishes
 * (totals and the margins of each single-valued distribution), primary and secondary
 * suppression per month, the union of the masks forced on every month until stable. */
#include "export.h"
#include "suppress.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The single-valued distributions and the total their cells add up to. */
static const char *const margins[][2] = {
    {"type_lieu", "accompagnements"},   {"duree", "accompagnements"},
    {"genre", "beneficiaires"},         {"tranche_age", "beneficiaires"},
    {"statut_social", "beneficiaires"}, {"commune", "beneficiaires"},
};

/* The totals' own equations: total, then its parts. */
static const char *const sums[][4] = {
    {"activites", "activites_individuelles", "activites_collectives", NULL},
    {"accompagnements", "accompagnements_individuels", "accompagnements_collectifs", NULL},
    {"beneficiaires", "beneficiaires_nouveaux", "beneficiaires_suivis", "beneficiaires_anonymes"},
    /* one individual activity is one accompaniment: the same number twice */
    {"activites_individuelles", "accompagnements_individuels", NULL, NULL},
};

static int find(const struct export_month *m, const char *rubrique, const char *modalite)
{
        for (size_t i = 0; i < m->nrows; i++)
                if (strcmp(m->rows[i].rubrique, rubrique) == 0 &&
                    strcmp(m->rows[i].modalite, modalite) == 0)
                        return (int)i;
        return -1;
}

static void equations(const struct export_month *m, struct sup *s, int *cells, int *signs)
{
        for (size_t e = 0; e < sizeof(sums) / sizeof(*sums); e++) {
                size_t n = 0;
                for (size_t i = 0; i < 4 && sums[e][i] != NULL; i++) {
                        cells[n] = find(m, "total", sums[e][i]);
                        signs[n++] = i == 0 ? 1 : -1;
                }
                sup_equation(s, cells, signs, n);
        }
        for (size_t d = 0; d < sizeof(margins) / sizeof(*margins); d++) {
                size_t n = 0;

                cells[n] = find(m, "total", margins[d][1]);
                signs[n++] = 1;
                for (size_t i = 0; i < m->nrows; i++)
                        if (strcmp(m->rows[i].rubrique, margins[d][0]) == 0) {
                                cells[n] = (int)i;
                                signs[n++] = -1;
                        }
                if (n > 1)
                        sup_equation(s, cells, signs, n);
        }
}

static bool in_mask(json_t *mask, const struct cell_row *r)
{
        char key[256];

        snprintf(key, sizeof(key), "%s\037%s", r->rubrique, r->modalite);
        return json_object_get(mask, key) != NULL;
}

/* Masks one month with the cells of mask forced; adds its secret cells to mask. Returns
 * whether mask grew. */
static bool mask_month(struct export_month *m, int k, json_t *mask)
{
        struct sup *s = sup_new(k);
        int *cells = xcalloc(m->nrows + 1, sizeof(int)),
            *signs = xcalloc(m->nrows + 1, sizeof(int));
        bool grew = false;

        for (size_t i = 0; i < m->nrows; i++) {
                const struct cell_row *r = &m->rows[i];
                int c = sup_cell(s, r->nombre, r->personnes, strcmp(r->rubrique, "total") == 0);

                if (in_mask(mask, r))
                        sup_force(s, c);
        }
        equations(m, s, cells, signs);
        sup_run(s);
        for (size_t i = 0; i < m->nrows; i++) {
                char key[256];

                m->rows[i].secret = sup_secret(s, (int)i);
                snprintf(key, sizeof(key), "%s\037%s", m->rows[i].rubrique, m->rows[i].modalite);
                if (m->rows[i].secret && json_object_get(mask, key) == NULL) {
                        json_object_set_new(mask, key, json_true());
                        grew = true;
                }
        }
        free(cells);
        free(signs);
        sup_free(s);
        return grew;
}

void export_mask(struct export_series *s)
{
        json_t *mask = json_object();
        bool grew = true;

        while (grew) {
                grew = false;
                for (size_t i = 0; i < s->n; i++)
                        grew = mask_month(&s->months[i], s->k, mask) || grew;
        }
        json_decref(mask);
}
