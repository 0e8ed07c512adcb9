/* frameworks, forms, form check|show|print: the reference data and the questionnaires. */
#include "cli.h"
#include "commands.h"
#include "doc.h"
#include "form.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "show.h"
#include "rec.h"
#include "ref.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The DigComp pairs of a Pix competence, "1.1 (exact), 1.2 (approximate)" (new string). */
static char *pairs_of(const char *from, const char *code)
{
        const char *to = strcmp(from, "pix") == 0 ? "digcomp" : "pix";
        struct strbuf sb = STRBUF_INIT;
        size_t i;
        json_t *p;

        json_array_foreach(json_object_get(ref_crosswalk(), "pairs"), i, p)
        {
                if (strcmp(json_string_value(json_object_get(p, from)), code) != 0)
                        continue;
                strbuf_addf(&sb, "%s%s (%s)", sb.len > 0 ? ", " : "",
                            json_string_value(json_object_get(p, to)),
                            json_string_value(json_object_get(p, "match")));
        }
        return strbuf_detach(&sb, NULL);
}

static void list_competences(struct ctx *ctx, const char *id, bool crosswalk)
{
        static const char *const cols[] = {"code", "domain", "title", "crosswalk", NULL};
        json_t *fw = ref_framework(id), *c;
        struct rec_writer *w;
        size_t i;

        if (fw == NULL)
                die(EX_NOINPUT, _("unknown framework '%s' (pix, digcomp or clea)"), id);
        if (crosswalk && strcmp(id, "clea") == 0)
                cli_usage_error(ctx, "%s", _("--crosswalk: only between pix and digcomp"));
        w = show_list(ctx,
                      crosswalk ? cols : (const char *const[]){"code", "domain", "title", NULL});
        json_array_foreach(json_object_get(fw, "competences"), i, c)
        {
                const char *code = json_string_value(json_object_get(c, "code"));
                json_t *rec = json_pack("{s:s,s:O,s:s}", "code", code, "domain",
                                        json_object_get(c, "domain"), "title", ref_text(c));

                if (crosswalk) {
                        char *pairs = pairs_of(id, code);

                        json_object_set_new(rec, "crosswalk", json_string(pairs));
                        free(pairs);
                }
                rec_write(w, rec);
                json_decref(rec);
        }
        rec_writer_close(w);
}

int cmd_frameworks(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"crosswalk", no_argument, NULL, 'x'},
                                                 {NULL, 0, NULL, 0}};
        static const char *const cols[] = {"id", "title", "competences", "levels", NULL};
        bool crosswalk = false;
        struct rec_writer *w;

        while (cli_getopt(ctx, argc, argv, longopts) != -1)
                crosswalk = true;
        if (argc - optind > 1)
                cli_usage_error(ctx, _("unexpected argument '%s'"), argv[optind + 1]);
        if (argc - optind == 1) {
                list_competences(ctx, argv[optind], crosswalk);
                return 0;
        }
        if (crosswalk)
                cli_usage_error(ctx, "%s", _("--crosswalk needs a framework: pix or digcomp"));
        w = show_list(ctx, cols);
        for (int i = 0; ref_framework_ids[i] != NULL; i++) {
                json_t *fw = ref_framework(ref_framework_ids[i]);
                json_t *rec =
                    json_pack("{s:s,s:s,s:I,s:i}", "id", ref_framework_ids[i], "title",
                              ref_text(json_object_get(fw, "title")), "competences",
                              (json_int_t)json_array_size(json_object_get(fw, "competences")),
                              "levels", ref_levels(fw));

                rec_write(w, rec);
                json_decref(rec);
        }
        rec_writer_close(w);
        return 0;
}

int cmd_forms(int argc, char **argv, struct ctx *ctx)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};
        static const char *const cols[] = {"id",      "title",   "questions", "framework",
                                           "version", "shipped", NULL};
        struct rec_writer *w;
        json_t *list, *it;
        size_t i;

        while (cli_getopt(ctx, argc, argv, none) != -1)
                ;
        cli_no_args(ctx, argc, argv);
        list = form_list(ctx->home);
        w = show_list(ctx, cols);
        json_array_foreach(list, i, it)
        {
                struct form *f =
                    form_find(ctx->home, json_string_value(json_object_get(it, "path")));
                json_t *rec =
                    json_pack("{s:s,s:s,s:I,s:s,s:s,s:O,s:O}", "id", f->id, "title",
                              form_text(&f->title), "questions", (json_int_t)f->nquestions,
                              "framework", f->framework, "version", f->version, "shipped",
                              json_object_get(it, "shipped"), "path", json_object_get(it, "path"));

                rec_write(w, rec);
                json_decref(rec);
                form_free(f);
        }
        rec_writer_close(w);
        json_decref(list);
        return 0;
}

static int form_check(struct ctx *ctx, int argc, char **argv)
{
        int bad = 0;

        if (argc < 1)
                cli_usage_error(ctx, "%s", _("form check needs a file"));
        for (int i = 0; i < argc; i++) {
                struct form_errors errs = {0};
                size_t len;
                char *buf = fs_read_file(argv[i], 4L * 1024 * 1024, &len);
                struct form *f;

                if (buf == NULL)
                        die(EX_NOINPUT, _("cannot read %s: %s"), argv[i], strerror(errno));
                f = form_parse(buf, len, argv[i], &errs);
                for (size_t k = 0; k < errs.n; k++)
                        msg_error(EX_NO, "%s", errs.v[k]);
                if (f != NULL)
                        printf(_("%s: valid form '%s', %zu questions, version %s\n"), argv[i],
                               f->id, f->nquestions, f->version);
                bad += f == NULL;
                form_errors_free(&errs);
                form_free(f);
                free(buf);
        }
        return bad > 0 ? EX_NO : 0;
}

/* The form for people: each question numbered, its choices numbered. */
static void show_text(const struct form *f)
{
        printf("%s (%s, %s %s)\n", form_text(&f->title), f->id, _("version"), f->version);
        for (size_t i = 0; i < f->nquestions; i++) {
                const struct question *q = &f->questions[i];

                printf("\n%zu. [%s] %s%s\n", i + 1, q->id, form_text(&q->text),
                       q->multiple ? _(" (several answers)") : "");
                for (size_t j = 0; j < q->nchoices; j++) {
                        const struct choice *c = &q->choices[j];

                        printf("   %zu) %s  [%s", j + 1, form_text(&c->text), c->id);
                        if (c->level != FORM_NO_LEVEL)
                                printf(_(", level %d"), c->level);
                        printf("]\n");
                }
        }
}

static int form_show(struct ctx *ctx, int argc, char **argv)
{
        static const struct option longopts[] = {{"answers-template", no_argument, NULL, 't'},
                                                 {"format", required_argument, NULL, 'f'},
                                                 {NULL, 0, NULL, 0}};
        bool tmpl = false;
        struct form *f;
        json_t *doc;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 't')
                        tmpl = true;
                else
                        show_format_option(ctx, optarg);
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("form show needs one form id"));
        f = form_find(ctx->home, argv[optind]);
        if (ctx->format == FMT_TABLE && !tmpl) {
                show_text(f);
                form_free(f);
                return 0;
        }
        doc = tmpl ? form_answers_template(f) : form_json(f);
        if (ctx->format == FMT_TABLE)
                ctx->format = FMT_JSON;
        show_record(ctx, doc);
        json_decref(doc);
        form_free(f);
        return 0;
}

static void print_question(struct doc *p, size_t i, const struct question *q)
{
        char *h = xasprintf("%zu. %s", i + 1, form_text(&q->text));

        doc_section(p, h);
        if (q->multiple)
                doc_para(p, "%s", _("(tick every answer that fits)"));
        for (size_t j = 0; j < q->nchoices; j++)
                doc_item(p, NULL, "\u2610 %s", form_text(&q->choices[j].text));
        free(h);
}

static int form_print(struct ctx *ctx, int argc, char **argv)
{
        static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                                 {"output", required_argument, NULL, 'o'},
                                                 {NULL, 0, NULL, 0}};
        const char *out = NULL;
        enum doc_form form = DOC_TEXT;
        struct form *f;
        struct doc *p;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'o')
                        out = optarg;
                else
                        form = out_doc_form(ctx, optarg);
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("form print needs one form id"));
        f = form_find(ctx->home, argv[optind]);
        p = doc_new(form_text(&f->title));
        doc_lang(p, ref_french() ? "fr" : "en");
        out_demo_page(p);
        if (f->description.fr != NULL)
                doc_para(p, "%s", form_text(&f->description));
        doc_field(p, _("Date"), "%s", "____ / ____ / ________");
        doc_field(p, _("Pseudonym"), "%s", "________________");
        for (size_t i = 0; i < f->nquestions; i++)
                print_question(p, i, &f->questions[i]);
        doc_footer(p,
                   _("Form %s, version %s. Type the answers with 'aidant-diag record --form %s'."),
                   f->id, f->version, f->id);
        out_doc(p, form, out);
        doc_free(p);
        form_free(f);
        return 0;
}

int cmd_form(int argc, char **argv, struct ctx *ctx)
{
        const char *sub = argc > 1 ? argv[1] : "";

        if (strcmp(sub, "check") == 0) {
                static const struct option none[] = {{NULL, 0, NULL, 0}};

                while (cli_getopt(ctx, argc - 1, argv + 1, none) != -1)
                        ;
                return form_check(ctx, argc - 1 - optind, argv + 1 + optind);
        }
        if (strcmp(sub, "show") == 0)
                return form_show(ctx, argc - 1, argv + 1);
        if (strcmp(sub, "print") == 0)
                return form_print(ctx, argc - 1, argv + 1);
        if (sub[0] == '\0')
                cli_usage_error(ctx, "%s", _("missing subcommand: check, show or print"));
        cli_usage_error(ctx, _("unknown subcommand '%s'"), sub);
}
