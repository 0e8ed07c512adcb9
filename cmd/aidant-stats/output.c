/* One record printed for people or scripts, and the per-command --format option. */
#include "output.h"
#include "cli.h"
#include "i18n.h"
#include "rec.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

void output_format_option(struct ctx *ctx, const char *value)
{
        int f = fmt_parse(value);

        if (f < 0 || f == FMT_AUTO || f == FMT_GEOJSON)
                cli_usage_error(ctx, _("unknown format '%s'"), value);
        ctx->format = (enum fmt)f;
        ctx->format_set = true;
}

void output_one(const struct ctx *ctx, json_t *rec)
{
        const char *key;
        json_t *v;

        if (ctx->format == FMT_YAML || ctx->format == FMT_CSV) {
                struct rec_writer *w = rec_writer_open(stdout, ctx->format, NULL);

                rec_write(w, rec);
                rec_writer_close(w);
                return;
        }
        if (ctx->format != FMT_TABLE) {
                json_dumpf(rec, stdout,
                           JSON_PRESERVE_ORDER |
                               (ctx->format == FMT_NDJSON ? JSON_COMPACT : JSON_INDENT(2)));
                putchar('\n');
                return;
        }
        json_object_foreach(rec, key, v)
        {
                char *text =
                    json_is_string(v)
                        ? xstrdup(json_string_value(v))
                        : json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);

                printf("%-26s %s\n", key, text != NULL ? text : "");
                free(text);
        }
}
