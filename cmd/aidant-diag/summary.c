/* summary: the printable page for the person, in text or HTML: what they can do first,
 * what to work on, where to go, and the verification code of the diagnosis. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "doc.h"
#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "ref.h"
#include "pages.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The code a person reads out or types to find the diagnosis: its first 8 hex digits,
 * upper case (printed in two groups of four). */
static void verification_code(const char *id, char out[9])
{
        for (int i = 0; i < 8; i++)
                out[i] = (char)toupper((unsigned char)id[i]);
        out[8] = '\0';
}

static void levels_section(struct doc *p, json_t *fw, json_t *res, bool strong)
{
        json_t *levels = json_object_get(res, "levels"), *c;
        size_t i;
        int max = ref_levels(fw);

        json_array_foreach(json_object_get(fw, "competences"), i, c)
        {
                const char *code = json_string_value(json_object_get(c, "code"));
                json_t *v = json_object_get(levels, code);
                char *line;

                if (!json_is_integer(v) || (json_integer_value(v) >= 3) != strong)
                        continue;
                line = xasprintf(_("level %d of %d"), (int)json_integer_value(v), max);
                doc_item(p, ref_text(c), "%s", line);
                free(line);
        }
}

static void flags_section(struct doc *p, const char *title, json_t *ids, const char *kind)
{
        size_t i;
        json_t *v;

        if (json_array_size(ids) == 0)
                return;
        doc_section(p, title);
        json_array_foreach(ids, i, v)
        {
                json_t *f = kind != NULL ? ref_flag(kind, json_string_value(v)) : NULL;

                doc_item(p, NULL, "%s", f != NULL ? ref_text(f) : json_string_value(v));
        }
}

struct doc *summary_page(const struct drow *r)
{
        json_t *res = json_object_get(r->doc, "result");
        json_t *fw = ref_framework(json_string_value(json_object_get(r->doc, "framework")));
        struct doc *p = doc_new(_("Your digital skills"));
        char code[9], *date = doc_date(r->date);

        verification_code(r->id, code);
        doc_lang(p, ref_french() ? "fr" : "en");
        out_demo_page(p);
        doc_subtitle(p, _("Diagnosis of %s"), date != NULL ? date : r->date);
        doc_field(p, _("Framework"), "%s", ref_text(json_object_get(fw, "title")));
        doc_field(
            p, _("Autonomy"), "%s",
            ref_text(ref_flag("autonomie", json_string_value(json_object_get(res, "autonomie")))));
        doc_section(p, _("What you can already do"));
        if (json_array_size(json_object_get(res, "strengths")) == 0)
                doc_para(p, "%s",
                         _("Every step counts: we will start from what you do every day."));
        levels_section(p, fw, res, true);
        doc_section(p, _("What you can learn next"));
        levels_section(p, fw, res, false);
        flags_section(p, _("What gets in the way"), json_object_get(res, "barriers"), "barriers");
        flags_section(p, _("What you would like to learn"), json_object_get(res, "needs"), "needs");
        flags_section(p, _("Where to find help"),
                      json_object_get(json_object_get(res, "orientation"), "services"), NULL);
        doc_section(p, _("Verification"));
        doc_code(p, _("Verification code"), code, 4);
        doc_para(p, "%s",
                 _("Show this page at another desk: with this code, the helper finds your "
                   "diagnosis and you do not have to answer the questions again."));
        free(date);
        return p;
}

int cmd_summary(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                                 {"output", required_argument, NULL, 'o'},
                                                 {NULL, 0, NULL, 0}};
        const char *out = NULL;
        enum doc_form form = DOC_TEXT;
        struct denv *e;
        struct drow r;
        struct doc *p;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'o')
                        out = optarg;
                else
                        form = out_doc_form(ctx, optarg);
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one diagnosis (its number or id)"));
        e = denv_open_existing(ctx);
        db_get(e, db_resolve(e, argv[optind]), &r);
        if (r.forgotten)
                die(EX_NOINPUT, _("diagnosis %s was forgotten (forget --usager)"), argv[optind]);
        p = summary_page(&r);
        out_doc(p, form, out);
        doc_free(p);
        drow_clear(&r);
        denv_close(e);
        return 0;
}
