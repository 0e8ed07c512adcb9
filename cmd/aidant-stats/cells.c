/* The layout of the statistics: the Coop's totals and distributions (activity ones
 * weighted by people, beneficiary ones counting distinct people), then what the mandate
 * journal and the diagnoses add. */
#include "cells.h"
#include "fields.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *cells_new(void)
{
        return json_object();
}

static void key_of(char *key, size_t size, const char *rubrique, const char *modalite)
{
        snprintf(key, size, "%s\037%s", rubrique, modalite);
}

void cells_add(json_t *cells, const char *rubrique, const char *modalite, long n)
{
        char key[256];
        json_t *v;

        key_of(key, sizeof(key), rubrique, modalite);
        v = json_object_get(cells, key);
        if (v != NULL)
                json_integer_set(v, json_integer_value(v) + n);
        else
                json_object_set_new(cells, key, json_integer(n));
}

long cells_get(json_t *cells, const char *rubrique, const char *modalite)
{
        char key[256];

        key_of(key, sizeof(key), rubrique, modalite);
        return (long)json_integer_value(json_object_get(cells, key));
}

/* The totals: id, label, unit, and the total its share is taken of. */
static const struct {
        const char *id, *label;
        bool personnes;
        const char *base;
} totals[] = {
    {"activites", "Activités", false, NULL},
    {"activites_individuelles", "Accompagnements individuels (activités)", false, "activites"},
    {"activites_collectives", "Ateliers collectifs (activités)", false, "activites"},
    {"accompagnements", "Accompagnements", true, NULL},
    {"accompagnements_individuels", "Accompagnements individuels", true, "accompagnements"},
    {"accompagnements_collectifs", "Participants aux ateliers", true, "accompagnements"},
    {"beneficiaires", "Bénéficiaires", true, NULL},
    {"beneficiaires_nouveaux", "Nouveaux bénéficiaires", true, "beneficiaires"},
    {"beneficiaires_suivis", "Bénéficiaires suivis", true, "beneficiaires"},
    {"beneficiaires_anonymes", "Bénéficiaires anonymes", true, "beneficiaires"},
};

/* The distributions: rubrique, enumeration (NULL: modalities from the data), range of
 * it, the total it is a share of, unit. */
static const struct {
        const char *rubrique, *title;
        const struct field_enum *e;
        size_t from, to;
        const char *base;
        bool personnes, optional;
} dists[] = {
    {"type_lieu", "Canaux d’accompagnement", &enum_type_lieu, 0, 99, "accompagnements", true,
     false},
    {"duree", "Durée des accompagnements", &enum_duree, 0, 99, "accompagnements", true, false},
    {"thematique", "Thématiques d’accompagnement", &enum_thematique, 0, THEMATIQUE_DEMARCHES_FROM,
     "accompagnements", true, false},
    {"thematique_demarche", "Thématiques des démarches administratives", &enum_thematique,
     THEMATIQUE_DEMARCHES_FROM, 99, "accompagnements", true, false},
    {"materiel", "Matériel numérique utilisé", &enum_materiel, 0, 99, "accompagnements", true,
     false},
    {"genre", "Genre des bénéficiaires", &enum_genre, 0, 99, "beneficiaires", true, false},
    {"tranche_age", "Tranche d’âge des bénéficiaires", &enum_tranche_age, 0, 99, "beneficiaires",
     true, false},
    {"statut_social", "Statut des bénéficiaires", &enum_statut_social, 0, 99, "beneficiaires", true,
     false},
    {"commune", "Commune des bénéficiaires", NULL, 0, 0, "beneficiaires", true, false},
    {"mandat", "Mandats (aidant-mandate)", NULL, 0, 0, NULL, false, true},
    {"mandat_demarche", "Démarches faites sous mandat", NULL, 0, 0, NULL, false, true},
    {"diagnostic", "Diagnostics (aidant-diag)", NULL, 0, 0, NULL, true, true},
    {"diagnostic_autonomie", "Autonomie au diagnostic", NULL, 0, 0, NULL, true, true},
    {"diagnostic_niveau", "Niveau par compétence au diagnostic", NULL, 0, 0, NULL, true, true},
    {"diagnostic_besoin", "Besoins relevés au diagnostic", NULL, 0, 0, NULL, true, true},
};

#define NDISTS (sizeof(dists) / sizeof(*dists))

const char *cells_title(const char *rubrique)
{
        if (strcmp(rubrique, "total") == 0)
                return "Totaux";
        for (size_t i = 0; i < NDISTS; i++)
                if (strcmp(dists[i].rubrique, rubrique) == 0)
                        return dists[i].title;
        return rubrique;
}

struct rows {
        struct cell_row *v;
        size_t n, cap;
};

static void push(struct rows *r, const struct cell_row *row)
{
        if (r->n == r->cap) {
                r->cap = r->cap != 0 ? r->cap * 2 : 64;
                r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
        }
        r->v[r->n++] = *row;
}

static int compare_text(const void *a, const void *b)
{
        const char *x = *(const char *const *)a, *y = *(const char *const *)b;
        int ux = strcmp(x, "non_communique") == 0, uy = strcmp(y, "non_communique") == 0;

        return ux != uy ? ux - uy : strcmp(x, y);
}

/* The modalities a rubrique holds in cells, sorted (non_communique last); the strings
 * are the keys of cells. */
static const char **found(json_t *cells, const char *rubrique, size_t *n)
{
        size_t len = strlen(rubrique), cap = 0;
        const char **v = NULL, *key;
        json_t *x;

        *n = 0;
        json_object_foreach(cells, key, x)
        {
                if (strncmp(key, rubrique, len) != 0 || key[len] != '\037')
                        continue;
                if (*n == cap) {
                        cap = cap != 0 ? cap * 2 : 16;
                        v = xreallocarray(v, cap, sizeof(*v));
                }
                v[(*n)++] = key + len + 1;
        }
        if (*n > 0)
                qsort(v, *n, sizeof(*v), compare_text);
        return v;
}

static void add_dist(struct rows *r, json_t *cells, size_t d)
{
        long base = dists[d].base != NULL ? cells_get(cells, "total", dists[d].base) : 0;
        struct cell_row row = {dists[d].rubrique, NULL, NULL, dists[d].personnes, 0, base, false};
        size_t n;

        if (dists[d].e != NULL) {
                for (size_t i = dists[d].from; i < dists[d].to && i < dists[d].e->count; i++) {
                        row.modalite = dists[d].e->choices[i].id;
                        row.label = dists[d].e->choices[i].label;
                        row.nombre = cells_get(cells, row.rubrique, row.modalite);
                        if (!field_is_v1_bucket(row.modalite) || row.nombre != 0)
                                push(r, &row);
                }
                return;
        }
        const char **mods = found(cells, dists[d].rubrique, &n);
        long sum = 0;
        for (size_t i = 0; i < n; i++)
                sum += cells_get(cells, row.rubrique, mods[i]);
        for (size_t i = 0; i < n; i++) {
                row.modalite = row.label = mods[i];
                row.nombre = cells_get(cells, row.rubrique, mods[i]);
                if (dists[d].base == NULL && strcmp(row.rubrique, "mandat") != 0)
                        row.base = sum;
                push(r, &row);
        }
        free(mods);
}

struct cell_row *cells_rows(json_t *cells, size_t *n)
{
        struct rows r = {0};

        for (size_t i = 0; i < sizeof(totals) / sizeof(*totals); i++) {
                struct cell_row row = {
                    "total",
                    totals[i].id,
                    totals[i].label,
                    totals[i].personnes,
                    cells_get(cells, "total", totals[i].id),
                    totals[i].base != NULL ? cells_get(cells, "total", totals[i].base) : 0,
                    false};
                push(&r, &row);
        }
        for (size_t d = 0; d < NDISTS; d++) {
                size_t k;
                const char **mods = found(cells, dists[d].rubrique, &k);

                free(mods);
                if (!dists[d].optional || k > 0)
                        add_dist(&r, cells, d);
        }
        *n = r.n;
        return r.v;
}

void cells_part(const struct cell_row *r, char out[32])
{
        long long tenths;

        out[0] = '\0';
        if (r->base <= 0 || r->secret)
                return;
        tenths = ((long long)r->nombre * 2000 + r->base) / (2LL * r->base);
        snprintf(out, 32, "%lld.%lld", tenths / 10, tenths % 10);
}
