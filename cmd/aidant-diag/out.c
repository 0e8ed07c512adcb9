/* Output helpers of aidant-diag. */
#include "out.h"
#include "cli.h"
#include "demo.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "rec.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec_writer *out_list(const struct ctx *ctx, const char *const *columns)
{
        if (ctx->format == FMT_GEOJSON)
                cli_usage_error(ctx, _("format '%s' is not available for this command"),
                                fmt_name(ctx->format));
        return rec_writer_open(stdout, ctx->format, columns);
}

void out_record(const struct ctx *ctx, json_t *rec)
{
        const char *key;
        json_t *v;

        if (ctx->format == FMT_YAML || ctx->format == FMT_CSV) {
                struct rec_writer *w = out_list(ctx, NULL);

                rec_write(w, rec);
                rec_writer_close(w);
        } else if (ctx->format == FMT_TABLE) {
                json_object_foreach(rec, key, v)
                {
                        char *s = json_is_string(v) ? xstrdup(json_string_value(v))
                                                    : json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
                                                                        JSON_PRESERVE_ORDER);

                        printf("%-12s %s\n", key, json_is_null(v) ? "" : s);
                        free(s);
                }
        } else {
                json_dumpf(rec, stdout,
                           JSON_PRESERVE_ORDER |
                               (ctx->format == FMT_NDJSON ? JSON_COMPACT : JSON_INDENT(2)));
                putchar('\n');
        }
}

json_t *out_demo_record(json_t *rec)
{
        json_t *marked;

        if (!demo_active())
                return rec;
        marked = json_pack("{s:b}", "demo", 1);
        json_object_update(marked, rec);
        json_decref(rec);
        return marked;
}

void out_demo_banner(const struct ctx *ctx)
{
        if (ctx->format == FMT_TABLE)
                rec_demo_banner(stdout);
}

void out_demo_page(struct doc *d)
{
        if (demo_active())
                doc_banner(d, "%s", DEMO_MARK);
}

void out_format(struct ctx *ctx, const char *value)
{
        int f = fmt_parse(value);

        if (f < 0 || f == FMT_AUTO)
                cli_usage_error(ctx, _("unknown format '%s'"), value);
        ctx->format = (enum fmt)f;
        ctx->format_set = true;
}

enum doc_form out_doc_form(const struct ctx *ctx, const char *value)
{
        enum doc_form f;

        if (doc_form_parse(value, &f) != 0)
                cli_usage_error(ctx, _("--format: '%s' is neither text nor html"), value);
        return f;
}

void out_doc(const struct doc *d, enum doc_form form, const char *path)
{
        struct afile *af;

        if (path == NULL) {
                if (doc_write(d, form, stdout) != 0)
                        die(EX_IOERR, _("cannot write the output: %s"), strerror(errno));
                return;
        }
        af = afile_open(path, 0600);
        if (doc_write(d, form, af->fp) != 0)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        afile_commit(af);
}
