/* The --format option a command may also take after its name. */
#include "output.h"
#include "cli.h"
#include "i18n.h"

void output_format_option(struct ctx *ctx, const char *value)
{
        int f = fmt_parse(value);

        if (f < 0 || f == FMT_AUTO || f == FMT_GEOJSON)
                cli_usage_error(ctx, _("unknown format '%s'"), value);
        ctx->format = (enum fmt)f;
        ctx->format_set = true;
}
