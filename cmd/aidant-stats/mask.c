/* mask: the public export's suppression applied to any CSV table of people counts —
 * label columns first, then count columns (French thousands "10 355" read), an optional
 * total row and total column, and column groups that count the same people (ages and
 * statuses of one population). Suppressed cells are written "s". */
#include "cli.h"
#include "commands.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "rec.h"
#include "csv.h"
#include "suppress.h"
#include "text.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 16

struct table {
        char **header;
        size_t ncols, labels; /* columns; the first `labels` are labels */
        size_t nrows;
        char **text;    /* label cells, nrows * ncols (NULL for count columns) */
        long *value;    /* count cells, nrows * ncols; -1 when empty */
        int *cell;      /* the engine's cell, -1 when empty */
        long total_row; /* -1 when none */
        long total_col; /* column index, -1 when none */
        size_t groups[MAX_GROUPS][2];
        size_t ngroups;
        char sep;
};

struct mask_opts {
        int k;
        long labels;
        const char *total_col, *output;
        const char *groups[MAX_GROUPS];
        size_t ngroups;
};

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

/* The separator of the header line, to write the table back as it came. */
static char sniff_separator(const char *path)
{
        FILE *fp = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
        int c, commas = 0, semis = 0;

        if (fp == NULL)
                return ',';
        while ((c = fgetc(fp)) != EOF && c != '\n') {
                commas += c == ',';
                semis += c == ';';
        }
        fclose(fp);
        return semis > commas ? ';' : ',';
}

static void read_header(struct table *t, struct rec_reader *rd, const char *path)
{
        const char *const *cols = rec_columns(rd);

        if (cols == NULL)
                die(EX_DATAERR, "%s", rec_error(rd) != NULL ? rec_error(rd) : _("not a CSV table"));
        for (t->ncols = 0; cols[t->ncols] != NULL; t->ncols++)
                ;
        if (t->ncols <= t->labels)
                die(EX_DATAERR, _("%s: no count column after %zu label column(s)"), path,
                    t->labels);
        t->header = xcalloc(t->ncols, sizeof(*t->header));
        for (size_t i = 0; i < t->ncols; i++)
                t->header[i] = xstrdup(cols[i]);
}

static void add_row(struct table *t, json_t *row, const struct rec_loc *loc)
{
        size_t r = t->nrows++, n = t->nrows * t->ncols;

        t->text = xreallocarray(t->text, n, sizeof(*t->text));
        t->value = xreallocarray(t->value, n, sizeof(*t->value));
        for (size_t c = 0; c < t->ncols; c++) {
                const char *s = json_string_value(json_object_get(row, t->header[c]));
                size_t i = r * t->ncols + c;

                t->text[i] = c < t->labels ? xstrdup(s != NULL ? s : "") : NULL;
                t->value[i] = c < t->labels ? -1 : parse_count(s != NULL ? s : "");
                if (t->value[i] == -2)
                        die(EX_DATAERR, _("%s:%ld: %s: '%s' is not a count"), loc->file, loc->line,
                            t->header[c], s);
        }
        if (t->total_row < 0 && t->labels > 0) {
                char *f = text_fold(t->text[r * t->ncols]);
                if (strcmp(f, "total") == 0 || strcmp(f, "ensemble") == 0)
                        t->total_row = (long)r;
                free(f);
        }
}

static void read_table(struct table *t, const char *path)
{
        struct rec_reader *rd = rec_open(path, FMT_CSV);
        struct rec_loc loc;
        json_t *row;
        int rc;

        if (rd == NULL)
                die(EX_NOINPUT, _("cannot open %s: %s"), path, strerror(errno));
        read_header(t, rd, path);
        while ((rc = rec_next(rd, &row, &loc)) == 1) {
                add_row(t, row, &loc);
                json_decref(row);
        }
        if (rc < 0)
                die(EX_DATAERR, "%s", rec_error(rd));
        rec_close(rd);
        t->sep = sniff_separator(path);
}

/* The columns an equation of row r sums: a group, or every count column but the total. */
static size_t row_terms(const struct table *t, size_t r, size_t from, size_t to, int *cells,
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

static void row_equations(const struct table *t, struct sup *s, size_t r, int *cells, int *signs)
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

static void column_equations(const struct table *t, struct sup *s, int *cells, int *signs)
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

static struct sup *suppress(struct table *t, int k)
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

static void write_table(const struct table *t, const struct sup *s, FILE *out)
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

/* "3-7" (count columns, from 1) into absolute column indices. */
static void parse_group(struct ctx *ctx, struct table *t, const char *spec)
{
        char *end;
        long a = strtol(spec, &end, 10), b = a;
        size_t counts = t->ncols - t->labels;

        if (*end == '-')
                b = strtol(end + 1, &end, 10);
        if (*end != '\0' || a < 1 || b < a || (size_t)b > counts)
                cli_usage_error(ctx, _("--group: '%s' is not a range of count columns (1 to %zu)"),
                                spec, counts);
        t->groups[t->ngroups][0] = t->labels + (size_t)a - 1;
        t->groups[t->ngroups++][1] = t->labels + (size_t)b - 1;
}

static void parse_opts(struct ctx *ctx, int argc, char **argv, struct mask_opts *o)
{
        static const struct option opts[] = {
            {"k", required_argument, NULL, 'k'},         {"labels", required_argument, NULL, 'l'},
            {"total-col", required_argument, NULL, 't'}, {"group", required_argument, NULL, 'g'},
            {"output", required_argument, NULL, 'o'},    {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'k')
                        o->k = (int)cli_number(ctx, "--k", optarg, K_MIN, 1000000);
                else if (c == 'l')
                        o->labels = cli_number(ctx, "--labels", optarg, 0, 1000);
                else if (c == 't')
                        o->total_col = optarg;
                else if (c == 'o')
                        o->output = optarg;
                else if (o->ngroups == MAX_GROUPS)
                        cli_usage_error(ctx, _("at most %d groups"), MAX_GROUPS);
                else
                        o->groups[o->ngroups++] = optarg;
        }
        if (optind + 1 != argc)
                cli_usage_error(ctx, "%s", _("mask takes one CSV file"));
}

int cmd_mask(int argc, char **argv, struct ctx *ctx)
{
        struct mask_opts o = {K_DEFAULT, 1, NULL, NULL, {NULL}, 0};
        struct table t = {.total_row = -1, .total_col = -1};
        struct afile *af = NULL;
        struct sup *s;
        size_t n;

        parse_opts(ctx, argc, argv, &o);
        t.labels = (size_t)o.labels;
        read_table(&t, argv[optind]);
        for (size_t g = 0; g < o.ngroups; g++)
                parse_group(ctx, &t, o.groups[g]);
        for (size_t c = t.labels; o.total_col != NULL && c < t.ncols; c++)
                if (strcmp(t.header[c], o.total_col) == 0)
                        t.total_col = (long)c;
        if (o.total_col != NULL && t.total_col < 0)
                cli_usage_error(ctx, _("--total-col: no count column '%s'"), o.total_col);
        s = suppress(&t, o.k);
        n = sup_run(s);
        if (o.output != NULL)
                af = afile_open(o.output, 0644);
        write_table(&t, s, af != NULL ? af->fp : stdout);
        if (af != NULL)
                afile_commit(af);
        msg_notice(_("%zu cells suppressed: %zu under %d, %zu to protect them"), n, sup_primary(s),
                   o.k, n - sup_primary(s));
        if (sup_unchecked(s) > 0)
                msg_warn(_("%zu suppressed cells are in a system of equations too large to solve "
                           "at once: each equation protects them, not all together"),
                         sup_unchecked(s));
        sup_free(s);
        for (size_t i = 0; i < t.nrows * t.ncols; i++)
                free(t.text[i]);
        for (size_t c = 0; c < t.ncols; c++)
                free(t.header[c]);
        free(t.header);
        free(t.text);
        free(t.value);
        free(t.cell);
        return 0;
}
