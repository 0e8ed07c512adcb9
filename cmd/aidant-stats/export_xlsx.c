/* The public export as a spreadsheet for the funders (libxlsxwriter): the long table on
 * one sheet, numbers as numbers, suppressed cells empty with secret = 1. The document
 * date is the end of the series, so the same data gives the same bytes. */
#include "export.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

static time_t series_end(const struct export_series *s)
{
        struct tm tm = {0};

        if (s->n == 0)
                return 86400;
        tm.tm_year = atoi(s->months[s->n - 1].month) - 1900;
        tm.tm_mon = atoi(s->months[s->n - 1].month + 5); /* the month after: its 1st */
        tm.tm_mday = 1;
        return timegm(&tm);
}

static void sheet(lxw_workbook *wb, const struct export_series *s)
{
        static const char *const head[] = {"mois",  "rubrique", "modalite", "libelle",
                                           "unite", "nombre",   "part",     "secret"};
        lxw_worksheet *ws = workbook_add_worksheet(wb, "observatoire");
        lxw_format *bold = workbook_add_format(wb), *pct = workbook_add_format(wb);
        lxw_row_t row = 1;

        format_set_bold(bold);
        format_set_num_format(pct, "0.0");
        for (lxw_col_t c = 0; c < 8; c++)
                worksheet_write_string(ws, 0, c, head[c], bold);
        for (size_t m = 0; m < s->n; m++) {
                for (size_t i = 0; i < s->months[m].nrows; i++, row++) {
                        const struct cell_row *r = &s->months[m].rows[i];
                        char part[32];

                        cells_part(r, part);
                        worksheet_write_string(ws, row, 0, s->months[m].month, NULL);
                        worksheet_write_string(ws, row, 1, r->rubrique, NULL);
                        worksheet_write_string(ws, row, 2, r->modalite, NULL);
                        worksheet_write_string(ws, row, 3, r->label, NULL);
                        worksheet_write_string(ws, row, 4, r->personnes ? "personnes" : "activites",
                                               NULL);
                        if (!r->secret)
                                worksheet_write_number(ws, row, 5, (double)r->nombre, NULL);
                        if (part[0] != '\0')
                                worksheet_write_number(ws, row, 6, atof(part), pct);
                        worksheet_write_number(ws, row, 7, r->secret ? 1 : 0, NULL);
                }
        }
        worksheet_set_column(ws, 0, 2, 22, NULL);
        worksheet_set_column(ws, 3, 3, 40, NULL);
        worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 0, 7);
        worksheet_freeze_panes(ws, 1, 0);
}

int export_xlsx(const struct export_series *s, const char *path)
{
        lxw_workbook *wb = workbook_new(path);
        lxw_doc_properties props = {0};
        char subject[128];

        if (wb == NULL)
                return -1;
        snprintf(subject, sizeof(subject), "k = %d%s", s->k, s->demo ? " — DÉMONSTRATION" : "");
        props.title = (char *)_("Observatory of digital help");
        props.subject = subject;
        props.created = series_end(s);
        workbook_set_properties(wb, &props);
        sheet(wb, s);
        return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
