/* summary: the printable page for the person, in text or HTML: what they can do first,
 * what to work on, where to go, and the verification code of the diagnosis. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "page.h"
#include "ref.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The code a person reads out or types to find the diagnosis: its first 8 hex digits,
 * upper case, in two groups ("1A2B-3C4D"). */
static void verification_code(const char *id, char out[10])
{
        for (int i = 0, j = 0; i < 8; i++) {
                if (i == 4)
                        out[j++] = '-';
                out[j++] = (char)toupper((unsigned char)id[i]);
        }
        out[9] = '\0';
}

static void levels_section(struct page *p, json_t *fw, json_t *res, bool strong)
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
                line = xasprintf(_("%s (level %d of %d)"), ref_text(c), (int)json_integer_value(v),
                                 max);
                page_item(p, false, line);
                free(line);
        }
}

static void flags_section(struct page *p, const char *title, json_t *ids, const char *kind)
{
        size_t i;
        json_t *v;

        if (json_array_size(ids) == 0)
                return;
        page_heading(p, title);
        json_array_foreach(ids, i, v)
        {
                json_t *f = kind != NULL ? ref_flag(kind, json_string_value(v)) : NULL;

                page_item(p, false, f != NULL ? ref_text(f) : json_string_value(v));
        }
}

static struct page *summary_page(const struct drow *r)
{
        json_t *res = json_object_get(r->doc, "result");
        json_t *fw = ref_framework(json_string_value(json_object_get(r->doc, "framework")));
        struct page *p = page_new(_("Your digital skills"));
        char code[10];

        verification_code(r->id, code);
        page_pair(p, _("Date"), r->date);
        page_pair(p, _("Framework"), ref_text(json_object_get(fw, "title")));
        page_pair(
            p, _("Autonomy"),
            ref_text(ref_flag("autonomie", json_string_value(json_object_get(res, "autonomie")))));
        page_heading(p, _("What you can already do"));
        if (json_array_size(json_object_get(res, "strengths")) == 0)
                page_para(p, _("Every step counts: we will start from what you do every day."));
        levels_section(p, fw, res, true);
        page_heading(p, _("What you can learn next"));
        levels_section(p, fw, res, false);
        flags_section(p, _("What gets in the way"), json_object_get(res, "barriers"), "barriers");
        flags_section(p, _("What you would like to learn"), json_object_get(res, "needs"), "needs");
        flags_section(p, _("Where to find help"),
                      json_object_get(json_object_get(res, "orientation"), "services"), NULL);
        page_heading(p, _("Verification"));
        page_pair(p, _("Verification code"), code);
        page_para(p, _("Show this page at another desk: with this code, the helper finds your "
                       "diagnosis and you do not have to answer the questions again."));
        return p;
}

int cmd_summary(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                                 {"output", required_argument, NULL, 'o'},
                                                 {NULL, 0, NULL, 0}};
        const char *out = NULL;
        bool html = false;
        struct denv *e;
        struct drow r;
        struct page *p;
        char *text;
        size_t len;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'o')
                        out = optarg;
                else
                        html = out_page_html(ctx, optarg);
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one diagnosis (its number or id)"));
        e = denv_open_existing(ctx);
        db_get(e, db_resolve(e, argv[optind]), &r);
        if (r.forgotten)
                die(EX_NOINPUT, _("diagnosis %s was forgotten (forget --usager)"), argv[optind]);
        p = summary_page(&r);
        text = page_render(p, html, &len);
        out_text(out, text, len);
        free(text);
        page_free(p);
        drow_clear(&r);
        denv_close(e);
        return 0;
}
