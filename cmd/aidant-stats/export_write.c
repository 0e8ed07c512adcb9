/* The public export as a long CSV (mois, rubrique, modalite, unite, nombre, part,
 * secret: one row per cell, so that a spreadsheet pivots it) and as JSON. The same cells
 * always give the same bytes. */
#include "csv.h"
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void field(FILE *out, const char *s)
{
        csv_write_field(out, s, strlen(s), ',');
}

int export_csv(const struct export_series *s, FILE *out)
{
        fputs("mois,rubrique,modalite,unite,nombre,part,secret\n", out);
        for (size_t m = 0; m < s->n; m++) {
                const struct export_month *em = &s->months[m];

                for (size_t i = 0; i < em->nrows; i++) {
                        const struct cell_row *r = &em->rows[i];
                        char part[32];

                        cells_part(r, part);
                        fprintf(out, "%s,", em->month);
                        field(out, r->rubrique);
                        fputc(',', out);
                        field(out, r->modalite);
                        fprintf(out, ",%s,", r->personnes ? "personnes" : "activites");
                        if (!r->secret)
                                fprintf(out, "%ld", r->nombre);
                        fprintf(out, ",%s,%d\n", part, r->secret ? 1 : 0);
                }
        }
        return ferror(out) ? -1 : 0;
}

int export_json(const struct export_series *s, FILE *out)
{
        json_t *doc = json_object(), *months = json_array(), *cells = json_array();

        if (s->demo)
                json_object_set_new(doc, "demo", json_true());
        json_object_set_new(doc, "k", json_integer(s->k));
        for (size_t m = 0; m < s->n; m++) {
                const struct export_month *em = &s->months[m];

                json_array_append_new(months, json_string(em->month));
                for (size_t i = 0; i < em->nrows; i++) {
                        const struct cell_row *r = &em->rows[i];
                        char part[32];
                        json_t *o = json_object();

                        cells_part(r, part);
                        json_object_set_new(o, "mois", json_string(em->month));
                        json_object_set_new(o, "rubrique", json_string(r->rubrique));
                        json_object_set_new(o, "modalite", json_string(r->modalite));
                        json_object_set_new(o, "unite",
                                            json_string(r->personnes ? "personnes" : "activites"));
                        json_object_set_new(o, "nombre",
                                            r->secret ? json_null() : json_integer(r->nombre));
                        json_object_set_new(o, "part",
                                            part[0] != '\0' ? json_real(atof(part)) : json_null());
                        json_object_set_new(o, "secret", json_boolean(r->secret));
                        json_array_append_new(cells, o);
                }
        }
        json_object_set_new(doc, "mois", months);
        json_object_set_new(doc, "cellules", cells);
        json_dumpf(doc, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
        fputc('\n', out);
        json_decref(doc);
        return ferror(out) ? -1 : 0;
}
