/* show_record, show_list, show_format_option: how a tool prints what it was asked. */
#include "show.h"
#include "cli.h"
#include "i18n.h"
#include "jsonw.h"
#include "rec.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

static void show_lines(json_t *rec)
{
        const char *key;
        json_t *v;
        size_t width = 0;

        json_object_foreach(rec, key, v)
        {
                size_t n = text_utf8_len(key);
                width = n > width ? n : width;
        }
        rec_demo_banner(stdout);
        json_object_foreach(rec, key, v)
        {
                char *text =
                    json_is_string(v) ? xstrdup(json_string_value(v))
                    : json_is_null(v)
                        ? xstrdup("")
                        : json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);

                printf("%s%*s %s\n", key, (int)(width - text_utf8_len(key)), "",
                       text != NULL ? text : "");
                free(text);
        }
}

void show_record(const struct ctx *ctx, json_t *rec)
{
        struct rec_writer *w;

        switch (ctx->format) {
        case FMT_YAML:
        case FMT_CSV:
                w = rec_writer_open(stdout, ctx->format, NULL);
                rec_write(w, rec);
                rec_writer_close(w);
                break;
        case FMT_TABLE:
                show_lines(rec);
                break;
        case FMT_GEOJSON:
                cli_usage_error(ctx, _("format '%s' is not available for this command"),
                                fmt_name(ctx->format));
        default:
                jsonw_print(stdout, rec,
                            ctx->format == FMT_NDJSON ? &jsonw_compact : &jsonw_pretty);
        }
}

struct rec_writer *show_list(const struct ctx *ctx, const char *const *columns)
{
        if (ctx->format == FMT_GEOJSON)
                cli_usage_error(ctx, _("format '%s' is not available for this command"),
                                fmt_name(ctx->format));
        return rec_writer_open(stdout, ctx->format, columns);
}

void show_format_option(struct ctx *ctx, const char *value)
{
        int f = fmt_parse(value);

        if (f < 0 || f == FMT_AUTO)
                cli_usage_error(ctx, _("unknown format '%s'"), value);
        if (f == FMT_GEOJSON)
                cli_usage_error(ctx, _("format '%s' is not available for this command"), value);
        ctx->format = (enum fmt)f;
        ctx->format_set = true;
}
