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

const char *cells_key(json_t *cells, const char *rubrique, const char *modalite)
{
        char key[256];
        void *it;

        key_of(key, sizeof(key), rubrique, modalite);
        it = json_object_iter_at(cells, key);
        return it != NULL ? json_object_iter_key(it) + strlen(rubrique) + 1 : NULL;
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
 * it, the cell its shares are taken of (rubrique and modalite; NULL: no share, "=":
 * the cell of the same framework in diagnostic_referentiel), unit, and whether it is
 * shown only when it holds something (what ingest adds). */
static const struct {
        const char *rubrique, *title;
        const struct field_enum *e;
        size_t from, to;
        const char *base_rub, *base_mod;
        bool personnes, optional;
} dists[] = {
    {"type_lieu", "Canaux d’accompagnement", &enum_type_lieu, 0, 99, "total", "accompagnements",
     true, false},
    {"duree", "Durée des accompagnements", &enum_duree, 0, 99, "total", "accompagnements", true,
     false},
    {"thematique", "Thématiques d’accompagnement", &enum_thematique, 0, THEMATIQUE_DEMARCHES_FROM,
     "total", "accompagnements", true, false},
    {"thematique_demarche", "Thématiques des démarches administratives", &enum_thematique,
     THEMATIQUE_DEMARCHES_FROM, 99, "total", "accompagnements", true, false},
    {"materiel", "Matériel numérique utilisé", &enum_materiel, 0, 99, "total", "accompagnements",
     true, false},
    {"genre", "Genre des bénéficiaires", &enum_genre, 0, 99, "total", "beneficiaires", true, false},
    {"tranche_age", "Tranche d’âge des bénéficiaires", &enum_tranche_age, 0, 99, "total",
     "beneficiaires", true, false},
    {"statut_social", "Statut des bénéficiaires", &enum_statut_social, 0, 99, "total",
     "beneficiaires", true, false},
    {"commune", "Commune des bénéficiaires", NULL, 0, 0, "total", "beneficiaires", true, false},
    {"mandat", "Mandats (aidant-mandate)", &enum_mandat, 0, 99, NULL, NULL, false, true},
    {"mandat_demarche", "Démarches faites sous mandat", &enum_thematique, THEMATIQUE_DEMARCHES_FROM,
     THEMATIQUE_DEMARCHES_TO, "mandat", "demarches", false, true},
    {"mandat_personnes", "Personnes des démarches sous mandat", &enum_mandat_personnes, 0, 99, NULL,
     NULL, true, true},
    {"diagnostic", "Diagnostics (aidant-diag)", &enum_diagnostic, 0, 99, "diagnostic",
     "diagnostics", true, true},
    {"diagnostic_formulaire", "Formulaire du diagnostic", NULL, 0, 0, "diagnostic", "diagnostics",
     true, true},
    {"diagnostic_referentiel", "Référentiel du diagnostic", NULL, 0, 0, "diagnostic", "diagnostics",
     true, true},
    {"diagnostic_autonomie", "Autonomie au diagnostic", &enum_autonomie, 0, 99, "diagnostic",
     "diagnostics", true, true},
    {"diagnostic_niveau", "Niveau par compétence au diagnostic", NULL, 0, 0, "=", NULL, true, true},
    {"diagnostic_frein", "Freins relevés au diagnostic", NULL, 0, 0, "diagnostic", "diagnostics",
     true, true},
    {"diagnostic_besoin", "Besoins relevés au diagnostic", &enum_thematique, 0, 99, "diagnostic",
     "diagnostics", true, true},
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

/* The base of a row's share: the cell the distribution names, or for a competence's
 * level ("pix:1.1:3") the diagnoses of its framework. */
static void set_base(struct cell_row *row, json_t *cells, size_t d)
{
        char fw[64];
        const char *colon;

        row->base_rub = dists[d].base_rub;
        row->base_mod = dists[d].base_mod;
        if (row->base_rub != NULL && strcmp(row->base_rub, "=") == 0) {
                colon = strchr(row->modalite, ':');
                snprintf(fw, sizeof(fw), "%.*s", (int)(colon != NULL ? colon - row->modalite : 0),
                         row->modalite);
                row->base_rub = "diagnostic_referentiel";
                row->base_mod = cells_key(cells, row->base_rub, fw);
                if (row->base_mod == NULL)
                        row->base_rub = NULL;
        }
        row->base = row->base_rub != NULL ? cells_get(cells, row->base_rub, row->base_mod) : 0;
}

static void add_dist(struct rows *r, json_t *cells, size_t d)
{
        struct cell_row row = {.rubrique = dists[d].rubrique, .personnes = dists[d].personnes};
        size_t n;

        if (dists[d].e != NULL) {
                for (size_t i = dists[d].from; i < dists[d].to && i < dists[d].e->count; i++) {
                        row.modalite = dists[d].e->choices[i].id;
                        row.label = dists[d].e->choices[i].label;
                        row.nombre = cells_get(cells, row.rubrique, row.modalite);
                        set_base(&row, cells, d);
                        if (!field_is_v1_bucket(row.modalite) || row.nombre != 0)
                                push(r, &row);
                }
                return;
        }
        const char **mods = found(cells, dists[d].rubrique, &n);
        for (size_t i = 0; i < n; i++) {
                row.modalite = row.label = mods[i];
                row.nombre = cells_get(cells, row.rubrique, mods[i]);
                set_base(&row, cells, d);
                push(r, &row);
        }
        free(mods);
}

struct cell_row *cells_rows(json_t *cells, size_t *n)
{
        struct rows r = {0};

        for (size_t i = 0; i < sizeof(totals) / sizeof(*totals); i++) {
                struct cell_row row = {
                    .rubrique = "total",
                    .modalite = totals[i].id,
                    .label = totals[i].label,
                    .personnes = totals[i].personnes,
                    .nombre = cells_get(cells, "total", totals[i].id),
                    .base = totals[i].base != NULL ? cells_get(cells, "total", totals[i].base) : 0,
                    .base_rub = totals[i].base != NULL ? "total" : NULL,
                    .base_mod = totals[i].base,
                };

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
        if (r->base <= 0 || r->secret || r->base_secret)
                return;
        tenths = ((long long)r->nombre * 2000 + r->base) / (2LL * r->base);
        snprintf(out, 32, "%lld.%lld", tenths / 10, tenths % 10);
}
