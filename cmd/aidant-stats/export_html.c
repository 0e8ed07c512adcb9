/* The public export as one printable page (common/doc: A4 print stylesheet, no script, no
 * network): the totals as a table, each distribution as a bar chart, "s" for a
 * suppressed count. */
#include "doc.h"
#include "export.h"
#include "i18n.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void totals(struct doc *d, const struct export_month *m)
{
        const char *header[] = {_("Indicator"), _("Count"), _("Share")};

        doc_table(d, 3, header);
        for (size_t i = 0; i < m->nrows && strcmp(m->rows[i].rubrique, "total") == 0; i++) {
                char n[32], part[32];
                const char *cells[3] = {m->rows[i].label, n, part};

                snprintf(n, sizeof(n), "%ld", m->rows[i].nombre);
                if (m->rows[i].secret)
                        snprintf(n, sizeof(n), "s");
                cells_part(&m->rows[i], part);
                if (part[0] != '\0')
                        strcat(part, " %");
                doc_row(d, cells);
        }
}

/* One chart per distribution: the rows of a rubrique, from i; returns the next one. */
static size_t chart(struct doc *d, const struct export_month *m, size_t i)
{
        size_t j = i, n = 0;
        const char **labels;
        long *values;

        while (j < m->nrows && strcmp(m->rows[j].rubrique, m->rows[i].rubrique) == 0)
                j++;
        labels = xcalloc(j - i, sizeof(*labels));
        values = xcalloc(j - i, sizeof(*values));
        for (size_t k = i; k < j; k++, n++) {
                labels[n] = m->rows[k].label;
                values[n] = m->rows[k].secret ? -1 : m->rows[k].nombre;
        }
        doc_bars(d, cells_title(m->rows[i].rubrique), labels, values, n);
        free(labels);
        free(values);
        return j;
}

int export_html(const struct export_series *s, FILE *out)
{
        struct doc *d = doc_new(_("Observatory of digital help"));
        int rc;

        if (s->demo)
                doc_banner(d, "%s", "DÉMONSTRATION — sans valeur");
        if (s->n > 0)
                doc_subtitle(d, s->n == 1 ? _("Month %s") : _("Months %s to %s"),
                             s->months[0].month, s->months[s->n - 1].month);
        doc_note(d,
                 _("No personal data. Every count of people from 1 to %d is suppressed (s), "
                   "with the counts that would give it away; the same cells are suppressed "
                   "in every month of this series."),
                 s->k - 1);
        for (size_t m = 0; m < s->n; m++) {
                const struct export_month *em = &s->months[m];
                size_t i = 0;

                doc_section(d, em->month);
                totals(d, em);
                while (i < em->nrows && strcmp(em->rows[i].rubrique, "total") == 0)
                        i++;
                while (i < em->nrows)
                        i = chart(d, em, i);
        }
        doc_footer(d, "%s",
                   _("aidant-stats: shares of the accompaniments for activity "
                     "distributions, of the beneficiaries for beneficiary ones."));
        rc = doc_write(d, DOC_HTML, out);
        doc_free(d);
        return rc;
}
