/* export --public: the observatory files of a series of months, with one suppression
 * mask, written atomically to -o FILE, to --output-dir DIR (observatoire-<YYYY-MM>.<ext>,
 * a month once published keeps its file), or to standard output; export --for-network:
 * one month's exact counts, signed (network.c). */
#include "cli.h"
#include "commands.h"
#include "compute.h"
#include "db.h"
#include "export.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "network.h"
#include "period.h"
#include "suppress.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum form { F_CSV, F_JSON, F_XLSX, F_HTML };
static const char *const forms[] = {"csv", "json", "xlsx", "html", NULL};

struct export_opts {
        struct period p;
        bool public, network;
        int k;
        int form; /* -1 until known */
        const char *output, *dir;
};

static int form_of_path(const char *path)
{
        const char *dot = strrchr(path, '.');

        for (int i = 0; dot != NULL && forms[i] != NULL; i++)
                if (strcmp(dot + 1, forms[i]) == 0)
                        return i;
        return -1;
}

static void parse(struct ctx *ctx, int argc, char **argv, struct export_opts *o)
{
        static const struct option opts[] = {
            PERIOD_LONGOPTS,
            {"public", no_argument, NULL, 'P'},
            {"for-network", no_argument, NULL, 'N'},
            {"k", required_argument, NULL, 'k'},
            {"format", required_argument, NULL, 'f'},
            {"output", required_argument, NULL, 'o'},
            {"output-dir", required_argument, NULL, 'd'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (period_option(ctx, &o->p, c, optarg))
                        continue;
                if (c == 'P') {
                        o->public = true;
                } else if (c == 'N') {
                        o->network = true;
                } else if (c == 'k') {
                        o->k = (int)cli_number(ctx, "--k", optarg, K_MIN, 1000000);
                } else if (c == 'o') {
                        o->output = optarg;
                } else if (c == 'd') {
                        o->dir = optarg;
                } else {
                        for (o->form = 0; forms[o->form] != NULL; o->form++)
                                if (strcmp(forms[o->form], optarg) == 0)
                                        break;
                        if (forms[o->form] == NULL)
                                cli_usage_error(ctx,
                                                _("--format: '%s' is not csv, json, xlsx or html"),
                                                optarg);
                }
        }
        cli_no_args(ctx, argc, argv);
        if (o->public == o->network)
                cli_usage_error(ctx, "%s", _("say what to export: --public or --for-network"));
        if (o->network &&
            ((!o->p.by_month && (o->p.since[0] != '\0' || o->p.until[0] != '\0')) || o->form >= 0))
                cli_usage_error(ctx, "%s", _("a network file is one --month, in JSON"));
        if (o->network && o->output == NULL && o->dir == NULL)
                cli_usage_error(ctx, "%s",
                                _("a network file needs -o <file> or --output-dir <dir>"));
        if (o->output != NULL && o->dir != NULL)
                cli_usage_error(ctx, "%s", _("-o and --output-dir exclude each other"));
        if (!o->p.by_month && o->p.since[0] == '\0' && o->p.until[0] == '\0')
                period_option(ctx, &o->p, 'M', "last");
        period_finish(ctx, &o->p);
        if (!o->p.whole_months)
                cli_usage_error(ctx, "%s",
                                _("an export covers whole months (--since a 1st, "
                                  "--until a last day)"));
        if (o->form < 0 && o->output != NULL)
                o->form = form_of_path(o->output);
        if (o->form < 0)
                o->form = F_CSV;
        if (o->form == F_XLSX && o->output == NULL && o->dir == NULL)
                cli_usage_error(ctx, "%s", _("an xlsx file needs -o <file> or --output-dir <dir>"));
}

static void build(struct db *db, const struct export_opts *o, struct export_series *s)
{
        char m[8];

        s->k = o->k;
        s->n = (size_t)month_span(o->p.first, o->p.last) + 1;
        s->months = xcalloc(s->n, sizeof(*s->months));
        memcpy(m, o->p.first, 8);
        for (size_t i = 0; i < s->n; i++, month_next(m, m)) {
                struct period one = o->p;

                memcpy(one.first, m, 8);
                memcpy(one.last, m, 8);
                memcpy(s->months[i].month, m, 8);
                s->months[i].cells = compute_period(db, &one, NULL);
                s->months[i].rows = cells_rows(s->months[i].cells, &s->months[i].nrows);
        }
        export_mask(s);
}

static int write_form(const struct export_series *s, int form, FILE *fp, const char *path)
{
        switch (form) {
        case F_JSON:
                return export_json(s, fp);
        case F_XLSX:
                return export_xlsx(s, path);
        case F_HTML:
                return export_html(s, fp);
        default:
                return export_csv(s, fp);
        }
}

/* Writes the series to path, whole or not at all. */
static void write_file(const struct export_series *s, int form, const char *path)
{
        struct afile *af = afile_open(path, 0644);

        if (write_form(s, form, af->fp, af->tmp) != 0) {
                int e = errno;
                afile_abort(af);
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(e));
        }
        afile_commit(af);
}

static void write_dir(const struct export_series *s, int form, const char *dir)
{
        fs_mkdirs(dir);
        for (size_t i = 0; i < s->n; i++) {
                struct export_series one = *s;
                char *path =
                    xasprintf("%s/observatoire-%s.%s", dir, s->months[i].month, forms[form]);

                one.months = &s->months[i];
                one.n = 1;
                if (access(path, F_OK) == 0) {
                        msg_notice(_("%s is kept: a month once published keeps its file"), path);
                } else {
                        write_file(&one, form, path);
                        msg_notice(_("wrote %s"), path);
                }
                free(path);
        }
}

int cmd_export(int argc, char **argv, struct ctx *ctx)
{
        struct export_opts o = {.k = K_DEFAULT, .form = -1};
        struct export_series s = {0};
        struct db *db;

        parse(ctx, argc, argv, &o);
        db = db_open(ctx);
        if (o.network) {
                network_export(ctx, db, o.p.first, o.output, o.dir);
                db_close(db);
                return 0;
        }
        s.demo = ctx->demo;
        build(db, &o, &s);
        if (o.dir != NULL)
                write_dir(&s, o.form, o.dir);
        else if (o.output != NULL)
                write_file(&s, o.form, o.output);
        else if (write_form(&s, o.form, stdout, NULL) != 0)
                die(EX_IOERR, _("cannot write the output: %s"), strerror(errno));
        for (size_t i = 0; i < s.n; i++) {
                free(s.months[i].rows);
                json_decref(s.months[i].cells);
        }
        free(s.months);
        db_close(db);
        return 0;
}
