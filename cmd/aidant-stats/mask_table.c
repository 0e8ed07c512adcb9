/* The table mask reads and protects: label columns first, then count columns (French
 * thousands "10 355" read), an optional total row ("Total", "Ensemble") and total column,
 * and column groups that count the same people; its equations for the suppression engine
 * (suppress.h), and the table written back with "s" for each suppressed cell. */
#include "mask_table.h"
#include "csv.h"
#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A count as written in French spreadsheets: digits, maybe grouped by spaces (plain,
 * no-break or narrow no-break). -1 for an empty cell, -2 when it is not a count. */
static long parse_count(const char *s)
{
        long v = 0;
        bool digit = false;

        for (const unsigned char *p = (const unsigned char *)s; *p != '\0';) {
                if (isdigit(*p)) {
                        if (v > 100000000000L)
                                return -2;
                        v = v * 10 + (*p++ - '0');
                        digit = true;
                } else if (*p == ' ' || *p == '\t') {
                        p++;
                } else if (p[0] == 0xC2 && p[1] == 0xA0) {
                        p += 2;
                } else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) {
                        p += 3;
                } else {
                        return -2;
                }
        }
        return digit ? v : -1;
}

static int read_header(struct mask_table *t, struct rec_reader *rd, const char *name, char **why)
{
        const char *const *cols = rec_columns(rd);

        if (cols == NULL) {
                *why = xstrdup(rec_error(rd) != NULL ? rec_error(rd) : _("not a CSV table"));
                return EX_DATAERR;
        }
        for (t->ncols = 0; cols[t->ncols] != NULL; t->ncols++)
                ;
        if (t->ncols <= t->labels) {
                *why =
                    xasprintf(_("%s: no count column after %zu label column(s)"), name, t->labels);
                return EX_DATAERR;
        }
        t->header = xcalloc(t->ncols, sizeof(*t->header));
        for (size_t i = 0; i < t->ncols; i++)
                t->header[i] = xstrdup(cols[i]);
        return 0;
}

static int add_row(struct mask_table *t, json_t *row, const struct rec_loc *loc, char **why)
{
        size_t r = t->nrows++, n = t->nrows * t->ncols;

        t->text = xreallocarray(t->text, n, sizeof(*t->text));
        t->value = xreallocarray(t->value, n, sizeof(*t->value));
        for (size_t c = 0; c < t->ncols; c++) {
                const char *s = json_string_value(json_object_get(row, t->header[c]));
                size_t i = r * t->ncols + c;

                t->text[i] = c < t->labels ? xstrdup(s != NULL ? s : "") : NULL;
                t->value[i] = c < t->labels ? -1 : parse_count(s != NULL ? s : "");
        }
        for (size_t c = t->labels; c < t->ncols; c++)
                if (t->value[r * t->ncols + c] == -2) {
                        *why = xasprintf(_("%s:%ld: %s: '%s' is not a count"), loc->file, loc->line,
                                         t->header[c],
                                         json_string_value(json_object_get(row, t->header[c])));
                        return EX_DATAERR;
                }
        if (t->total_row < 0 && t->labels > 0) {
                char *f = text_fold(t->text[r * t->ncols]);
                if (strcmp(f, "total") == 0 || strcmp(f, "ensemble") == 0)
                        t->total_row = (long)r;
                free(f);
        }
        return 0;
}

int mask_table_read(struct mask_table *t, struct rec_reader *rd, const char *name, char **why)
{
        struct rec_loc loc;
        json_t *row;
        int rc = 0, code = read_header(t, rd, name, why);

        while (code == 0 && (rc = rec_next(rd, &row, &loc)) == 1) {
                code = add_row(t, row, &loc, why);
                json_decref(row);
        }
        if (code == 0 && rc < 0) {
                *why = xstrdup(rec_error(rd));
                code = EX_DATAERR;
        }
        return code;
}

/* The columns an equation of row r sums: a group, or every count column but the total. */
static size_t row_terms(const struct mask_table *t, size_t r, size_t from, size_t to, int *cells,
                        int *signs)
{
        size_t n = 0;

        for (size_t c = from; c < to; c++) {
                int x = t->cell[r * t->ncols + c];

                if ((long)c == t->total_col)
                        continue;
                if (x < 0)
                        return 0; /* an empty cell: the equation says nothing */
                cells[n] = x;
                signs[n++] = -1;
        }
        return n;
}

static void row_equations(const struct mask_table *t, struct sup *s, size_t r, int *cells,
                          int *signs)
{
        size_t n, m;

        if (t->total_col >= 0) {
                int total = t->cell[r * t->ncols + (size_t)t->total_col];

                if (total < 0)
                        return;
                for (size_t g = 0; g < (t->ngroups > 0 ? t->ngroups : 1); g++) {
                        n = t->ngroups > 0 ? row_terms(t, r, t->groups[g][0], t->groups[g][1] + 1,
                                                       cells, signs)
                                           : row_terms(t, r, t->labels, t->ncols, cells, signs);
                        if (n == 0)
                                continue;
                        cells[n] = total;
                        signs[n++] = 1;
                        sup_equation(s, cells, signs, n);
                }
                return;
        }
        /* groups that count the same people: each equal to the next */
        for (size_t g = 0; g + 1 < t->ngroups; g++) {
                n = row_terms(t, r, t->groups[g][0], t->groups[g][1] + 1, cells, signs);
                m = n > 0 ? row_terms(t, r, t->groups[g + 1][0], t->groups[g + 1][1] + 1, cells + n,
                                      signs + n)
                          : 0;
                if (m == 0)
                        continue;
                for (size_t i = 0; i < n; i++)
                        signs[i] = 1;
                sup_equation(s, cells, signs, n + m);
        }
}

static void column_equations(const struct mask_table *t, struct sup *s, int *cells, int *signs)
{
        for (size_t c = t->labels; c < t->ncols && t->total_row >= 0; c++) {
                size_t n = 0;
                int total = t->cell[(size_t)t->total_row * t->ncols + c];

                for (size_t r = 0; r < t->nrows && total >= 0; r++) {
                        int x = t->cell[r * t->ncols + c];
                        if ((long)r == t->total_row)
                                continue;
                        if (x < 0) {
                                total = -1;
                                break;
                        }
                        cells[n] = x;
                        signs[n++] = -1;
                }
                if (total < 0)
                        continue;
                cells[n] = total;
                signs[n++] = 1;
                sup_equation(s, cells, signs, n);
        }
}

struct sup *mask_table_suppress(struct mask_table *t, int k)
{
        struct sup *s = sup_new(k);
        size_t big = t->nrows > t->ncols ? t->nrows : t->ncols;
        int *cells = xcalloc(big + 1, sizeof(int)), *signs = xcalloc(big + 1, sizeof(int));

        t->cell = xcalloc(t->nrows * t->ncols, sizeof(*t->cell));
        for (size_t r = 0; r < t->nrows; r++)
                for (size_t c = 0; c < t->ncols; c++) {
                        size_t i = r * t->ncols + c;
                        bool margin = (long)r == t->total_row || (long)c == t->total_col;

                        t->cell[i] = t->value[i] >= 0 ? sup_cell(s, t->value[i], true, margin) : -1;
                }
        for (size_t r = 0; r < t->nrows; r++)
                row_equations(t, s, r, cells, signs);
        column_equations(t, s, cells, signs);
        free(cells);
        free(signs);
        return s;
}

void mask_table_write(const struct mask_table *t, const struct sup *s, FILE *out)
{
        for (size_t c = 0; c < t->ncols; c++) {
                if (c > 0)
                        fputc(t->sep, out);
                csv_write_field(out, t->header[c], strlen(t->header[c]), t->sep);
        }
        fputc('\n', out);
        for (size_t r = 0; r < t->nrows; r++) {
                for (size_t c = 0; c < t->ncols; c++) {
                        size_t i = r * t->ncols + c;

                        if (c > 0)
                                fputc(t->sep, out);
                        if (c < t->labels)
                                csv_write_field(out, t->text[i], strlen(t->text[i]), t->sep);
                        else if (t->cell[i] >= 0 && sup_secret(s, t->cell[i]))
                                fputc('s', out);
                        else if (t->value[i] >= 0)
                                fprintf(out, "%ld", t->value[i]);
                }
                fputc('\n', out);
        }
}

void mask_table_free(struct mask_table *t)
{
        for (size_t i = 0; t->text != NULL && i < t->nrows * t->ncols; i++)
                free(t->text[i]);
        for (size_t c = 0; t->header != NULL && c < t->ncols; c++)
                free(t->header[c]);
        free(t->header);
        free(t->text);
        free(t->value);
        free(t->cell);
}
