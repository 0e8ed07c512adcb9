/* show, list, compare, orient: reading the diagnoses back, for people and for scripts
 * (list --format ndjson is the input of aidant-stats). */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "show.h"
#include "rec.h"
#include "ref.h"
#include "pages.h"
#include "store.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct option no_options[] = {{NULL, 0, NULL, 0}};

/* Opens the store and loads the diagnosis named by arg; dies with 66 when it was forgotten. */
static struct denv *load(struct ctx *ctx, const char *arg, struct drow *row)
{
        struct denv *e = denv_open_existing(ctx);

        db_get(e, db_resolve(e, arg), row);
        if (row->forgotten)
                die(EX_NOINPUT, _("diagnosis %s was forgotten (forget --usager)"), arg);
        return e;
}

static const char *one_arg(struct ctx *ctx, int argc, char **argv)
{
        while (cli_getopt(ctx, argc, argv, no_options) != -1)
                ;
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one diagnosis (its number or id)"));
        return argv[optind];
}

static void bar(FILE *out, int level, int max)
{
        for (int i = 0; i < max; i++)
                fputs(i < level ? "█" : "░", out);
}

static void show_level(FILE *out, json_t *fw, const char *code, json_t *v)
{
        int max = ref_levels(fw);

        fprintf(out, "  %-4s ", code);
        if (json_is_integer(v)) {
                bar(out, (int)json_integer_value(v), max);
                fprintf(out, " %d/%d  ", (int)json_integer_value(v), max);
        } else {
                for (int i = 0; i < max; i++)
                        putc(' ', out);
                fprintf(out, " %-*s  ", 3, "-");
        }
        fprintf(out, "%s%s\n", ref_text(ref_competence(fw, code)),
                json_is_integer(v) ? "" : _(" (not assessed)"));
}

static void show_flag_list(FILE *out, const char *title, json_t *ids, const char *kind)
{
        size_t i;
        json_t *v;

        if (json_array_size(ids) == 0)
                return;
        fprintf(out, "\n%s\n", title);
        json_array_foreach(ids, i, v)
        {
                json_t *f = kind != NULL ? ref_flag(kind, json_string_value(v)) : NULL;

                fprintf(out, "  - %s\n", f != NULL ? ref_text(f) : json_string_value(v));
        }
}

void show_table(FILE *out, const struct drow *r)
{
        json_t *res = json_object_get(r->doc, "result");
        json_t *fw = ref_framework(json_string_value(json_object_get(r->doc, "framework")));
        json_t *levels = json_object_get(res, "levels"), *s, *c;
        size_t i;

        fprintf(out, _("diagnosis %lld  id %s  %s  form %s  person %s\n"), r->n, r->id, r->date,
                r->form, r->usager);
        fprintf(
            out, _("autonomy: %s\n"),
            ref_text(ref_flag("autonomie", json_string_value(json_object_get(res, "autonomie")))));
        if (strcmp(r->source, "import") == 0)
                fprintf(out, _("imported, signed by structure %s\n"), r->signer);
        fprintf(out, "\n%s\n", _("strengths first, then every competence:"));
        json_array_foreach(json_object_get(res, "strengths"), i, s)
        {
                show_level(out, fw, json_string_value(s),
                           json_object_get(levels, json_string_value(s)));
        }
        json_array_foreach(json_object_get(fw, "competences"), i, c)
        {
                const char *code = json_string_value(json_object_get(c, "code"));
                json_t *v = json_object_get(levels, code);
                size_t j;
                bool strong = false;

                json_array_foreach(json_object_get(res, "strengths"), j, s)
                {
                        strong = strong || strcmp(json_string_value(s), code) == 0;
                }
                if (!strong)
                        show_level(out, fw, code, v);
        }
        show_flag_list(out, _("barriers:"), json_object_get(res, "barriers"), "barriers");
        show_flag_list(out, _("needs:"), json_object_get(res, "needs"), "needs");
        show_flag_list(out, _("orientation (services):"),
                       json_object_get(json_object_get(res, "orientation"), "services"), NULL);
}

int cmd_show(int argc, char **argv, struct ctx *ctx)
{
        const char *arg = one_arg(ctx, argc, argv);
        struct drow r;
        struct denv *e = load(ctx, arg, &r);

        if (ctx->format == FMT_TABLE) {
                out_demo_banner(ctx);
                show_table(stdout, &r);
        } else {
                json_t *rec = json_pack("{s:I,s:s,s:s,s:s,s:s?,s:O}", "n", (json_int_t)r.n, "id",
                                        r.id, "usager", r.usager, "source", r.source, "signer",
                                        r.signer, "diagnosis", r.doc);

                rec = out_demo_record(rec);
                show_record(ctx, rec);
                json_decref(rec);
        }
        drow_clear(&r);
        denv_close(e);
        return 0;
}

int cmd_list(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"usager", required_argument, NULL, 'u'},
                                                 {"since", required_argument, NULL, 's'},
                                                 {"format", required_argument, NULL, 'F'},
                                                 {NULL, 0, NULL, 0}};
        static const char *const cols[] = {"n",    "id",        "date",   "usager",
                                           "form", "autonomie", "source", NULL};
        const char *usager = NULL;
        char since[11] = "";
        struct rec_writer *w;
        struct denv *e;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'u')
                        usager = optarg;
                else if (c == 'F')
                        show_format_option(ctx, optarg);
                else if (clock_parse_date(optarg, since) != 0)
                        cli_usage_error(ctx, _("--since: '%s' is not a date"), optarg);
        }
        cli_no_args(ctx, argc, argv);
        e = denv_open_existing(ctx);
        w = show_list(ctx, cols);
        if (e->db != NULL) {
                sqlite3_stmt *st =
                    store_prepare(e->db, "SELECT n FROM diagnosis WHERE (?1 IS NULL OR usager = ?1)"
                                         " AND date >= ?2 ORDER BY n");
                store_bind_text(st, 1, usager);
                store_bind_text(st, 2, since);
                while (store_step(e->db, st) == SQLITE_ROW) {
                        struct drow r;
                        json_t *rec;

                        db_get(e, sqlite3_column_int64(st, 0), &r);
                        rec = db_list_record(&r);
                        rec_write(w, rec);
                        json_decref(rec);
                        drow_clear(&r);
                }
                sqlite3_finalize(st);
        }
        rec_writer_close(w);
        denv_close(e);
        return 0;
}

static json_t *compare_rows(json_t *fw, json_t *la, json_t *lb)
{
        json_t *rows = json_array(), *c;
        size_t i;

        json_array_foreach(json_object_get(fw, "competences"), i, c)
        {
                const char *code = json_string_value(json_object_get(c, "code"));
                json_t *a = json_object_get(la, code), *b = json_object_get(lb, code);
                json_t *change = json_is_integer(a) && json_is_integer(b)
                                     ? json_integer(json_integer_value(b) - json_integer_value(a))
                                     : json_null();

                json_array_append_new(
                    rows, json_pack("{s:s,s:s,s:O,s:O,s:o}", "competence", code, "title",
                                    ref_text(c), "before", a != NULL ? a : json_null(), "after",
                                    b != NULL ? b : json_null(), "change", change));
        }
        return rows;
}

int cmd_compare(int argc, char **argv, struct ctx *ctx)
{
        static const char *const cols[] = {"competence", "before", "after",
                                           "change",     "title",  NULL};
        struct drow a, b;
        struct denv *e;
        struct rec_writer *w;
        json_t *rows, *row;
        size_t i;

        while (cli_getopt(ctx, argc, argv, no_options) != -1)
                ;
        if (argc - optind != 2)
                cli_usage_error(ctx, "%s", _("expected two diagnoses"));
        e = load(ctx, argv[optind], &a);
        denv_close(load(ctx, argv[optind + 1], &b));
        if (strcmp(a.usager, b.usager) != 0)
                die(EX_DATAERR, _("diagnoses %lld and %lld are not of the same person"), a.n, b.n);
        if (strcmp(json_string_value(json_object_get(a.doc, "framework")),
                   json_string_value(json_object_get(b.doc, "framework"))) != 0)
                die(EX_DATAERR, "%s", _("the two diagnoses are on different frameworks"));
        rows = compare_rows(ref_framework(json_string_value(json_object_get(a.doc, "framework"))),
                            json_object_get(json_object_get(a.doc, "result"), "levels"),
                            json_object_get(json_object_get(b.doc, "result"), "levels"));
        if (ctx->format == FMT_TABLE)
                printf(_("person %s: diagnosis %lld (%s) -> %lld (%s), autonomy %s -> %s\n"),
                       a.usager, a.n, a.date, b.n, b.date, a.autonomie, b.autonomie);
        w = show_list(ctx, cols);
        json_array_foreach(rows, i, row)
        {
                rec_write(w, row);
        }
        rec_writer_close(w);
        json_decref(rows);
        drow_clear(&a);
        drow_clear(&b);
        denv_close(e);
        return 0;
}

int cmd_orient(int argc, char **argv, struct ctx *ctx)
{
        const char *arg = one_arg(ctx, argc, argv);
        struct drow r;
        struct denv *e = load(ctx, arg, &r);
        json_t *o = json_object_get(json_object_get(r.doc, "result"), "orientation");
        json_t *q = json_pack(
            "{s:O,s:O,s:O,s:[],s:[],s:s,s:s}", "services", json_object_get(o, "services"),
            "prise_en_charge_specifique", json_object_get(o, "prise_en_charge_specifique"),
            "modalites_acces", json_object_get(o, "modalites_acces"),
            "publics_specifiquement_adresses", "frais_a_charge", "text", "", "match", "any");

        if (ctx->format == FMT_TABLE || ctx->format == FMT_CSV)
                ctx->format = FMT_JSON;
        show_record(ctx, q);
        json_decref(q);
        drow_clear(&r);
        denv_close(e);
        return 0;
}
