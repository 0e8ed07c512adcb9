/* mask: the public export's suppression applied to any CSV table of people counts (the
 * table and its equations in mask_table.c). Suppressed cells are written "s". */
#include "cli.h"
#include "commands.h"
#include "fs.h"
#include "i18n.h"
#include "mask_table.h"
#include "msg.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mask_opts {
        int k;
        long labels;
        const char *total_col, *output;
        const char *groups[MASK_MAX_GROUPS];
        size_t ngroups;
};

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

static void read_table(struct mask_table *t, const char *path)
{
        struct rec_reader *rd = rec_open(path, FMT_CSV);
        char *why = NULL;
        int code;

        if (rd == NULL)
                die(EX_NOINPUT, _("cannot open %s: %s"), path, strerror(errno));
        code = mask_table_read(t, rd, path, &why);
        if (code != 0)
                die(code, "%s", why);
        rec_close(rd);
        t->sep = sniff_separator(path);
}

/* "3-7" (count columns, from 1) into absolute column indices. */
static void parse_group(struct ctx *ctx, struct mask_table *t, const char *spec)
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
                else if (o->ngroups == MASK_MAX_GROUPS)
                        cli_usage_error(ctx, _("at most %d groups"), MASK_MAX_GROUPS);
                else
                        o->groups[o->ngroups++] = optarg;
        }
        if (optind + 1 != argc)
                cli_usage_error(ctx, "%s", _("mask takes one CSV file"));
}

int cmd_mask(int argc, char **argv, struct ctx *ctx)
{
        struct mask_opts o = {K_DEFAULT, 1, NULL, NULL, {NULL}, 0};
        struct mask_table t = {.total_row = -1, .total_col = -1};
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
        s = mask_table_suppress(&t, o.k);
        n = sup_run(s);
        if (o.output != NULL)
                af = afile_open(o.output, 0644);
        mask_table_write(&t, s, af != NULL ? af->fp : stdout);
        if (af != NULL)
                afile_commit(af);
        msg_notice(_("%zu cells suppressed: %zu under %d, %zu to protect them"), n, sup_primary(s),
                   o.k, n - sup_primary(s));
        if (sup_unchecked(s) > 0)
                msg_warn(_("%zu suppressed cells are in a system of equations too large to solve "
                           "at once: each equation protects them, not all together"),
                         sup_unchecked(s));
        sup_free(s);
        mask_table_free(&t);
        return 0;
}
