/* One suppression mask for a series of months: the equations every month publishes
 * (totals and the margins of each single-valued distribution), primary and secondary
 * suppression per month, the union of the masks forced on every month until stable. */
#include "export.h"
#include "i18n.h"
#include "msg.h"
#include "suppress.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The single-valued distributions and the cell their cells add up to. */
static const char *const margins[][3] = {
    {"type_lieu", "total", "accompagnements"},
    {"duree", "total", "accompagnements"},
    {"genre", "total", "beneficiaires"},
    {"tranche_age", "total", "beneficiaires"},
    {"statut_social", "total", "beneficiaires"},
    {"commune", "total", "beneficiaires"},
    {"diagnostic_formulaire", "diagnostic", "diagnostics"},
    {"diagnostic_referentiel", "diagnostic", "diagnostics"},
    {"diagnostic_autonomie", "diagnostic", "diagnostics"},
};

/* The sums inside a rubrique: its first modalite, then its parts. */
static const char *const sums[][5] = {
    {"total", "activites", "activites_individuelles", "activites_collectives", NULL},
    {"total", "accompagnements", "accompagnements_individuels", "accompagnements_collectifs", NULL},
    {"total", "beneficiaires", "beneficiaires_nouveaux", "beneficiaires_suivis",
     "beneficiaires_anonymes"},
    /* one individual activity is one accompaniment: the same number twice */
    {"total", "activites_individuelles", "accompagnements_individuels", NULL, NULL},
    {"diagnostic", "diagnostics", "locaux", "importes", NULL},
};

static int find(const struct export_month *m, const char *rubrique, const char *modalite)
{
        for (size_t i = 0; i < m->nrows; i++)
                if (strcmp(m->rows[i].rubrique, rubrique) == 0 &&
                    strcmp(m->rows[i].modalite, modalite) == 0)
                        return (int)i;
        return -1;
}

/* The parts of a margin: the rows of rubrique whose modalite starts with prefix. */
static void margin(const struct export_month *m, struct sup *s, int total, const char *rubrique,
                   const char *prefix, int *cells, int *signs)
{
        size_t n = 0, len = strlen(prefix);

        if (total < 0)
                return;
        cells[n] = total;
        signs[n++] = 1;
        for (size_t i = 0; i < m->nrows; i++)
                if (strcmp(m->rows[i].rubrique, rubrique) == 0 &&
                    strncmp(m->rows[i].modalite, prefix, len) == 0) {
                        cells[n] = (int)i;
                        signs[n++] = -1;
                }
        if (n > 1)
                sup_equation(s, cells, signs, n);
}

static void equations(const struct export_month *m, struct sup *s, int *cells, int *signs)
{
        for (size_t e = 0; e < sizeof(sums) / sizeof(*sums); e++) {
                size_t n = 0;
                bool all = true;

                for (size_t i = 1; i < 5 && sums[e][i] != NULL && all; i++) {
                        cells[n] = find(m, sums[e][0], sums[e][i]);
                        signs[n++] = i == 1 ? 1 : -1;
                        all = cells[n - 1] >= 0;
                }
                if (all && n > 1)
                        sup_equation(s, cells, signs, n);
        }
        for (size_t d = 0; d < sizeof(margins) / sizeof(*margins); d++)
                margin(m, s, find(m, margins[d][1], margins[d][2]), margins[d][0], "", cells,
                       signs);
        /* each competence's levels add up to the diagnoses of its framework */
        for (size_t i = 0; i < m->nrows; i++) {
                const struct cell_row *r = &m->rows[i];
                const char *last = strrchr(r->modalite, ':');
                char prefix[128];

                if (strcmp(r->rubrique, "diagnostic_niveau") != 0 || last == NULL ||
                    (i > 0 && strcmp(m->rows[i - 1].rubrique, r->rubrique) == 0 &&
                     strncmp(m->rows[i - 1].modalite, r->modalite,
                             (size_t)(last - r->modalite) + 1) == 0))
                        continue;
                snprintf(prefix, sizeof(prefix), "%.*s", (int)(last - r->modalite) + 1,
                         r->modalite);
                margin(m, s, r->base_mod != NULL ? find(m, r->base_rub, r->base_mod) : -1,
                       r->rubrique, prefix, cells, signs);
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
        if (sup_unchecked(s) > 0)
                msg_warn(_("%zu suppressed cells are in a system of equations too large to solve "
                           "at once: each equation protects them, not all together"),
                         sup_unchecked(s));
        for (size_t i = 0; i < m->nrows; i++) {
                char key[256];

                m->rows[i].secret = sup_secret(s, (int)i);
                snprintf(key, sizeof(key), "%s\037%s", m->rows[i].rubrique, m->rows[i].modalite);
                if (m->rows[i].secret && json_object_get(mask, key) == NULL) {
                        json_object_set_new(mask, key, json_true());
                        grew = true;
                }
        }
        for (size_t i = 0; i < m->nrows; i++) {
                struct cell_row *r = &m->rows[i];
                int b = r->base_rub != NULL ? find(m, r->base_rub, r->base_mod) : -1;

                r->base_secret = b >= 0 && m->rows[b].secret;
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
