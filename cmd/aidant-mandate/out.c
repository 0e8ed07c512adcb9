/* A small writer for the lists of aidant-mandate: tables are aligned once all rows are
 * known; JSON and NDJSON stream. */
#include "out.h"
#include "cli.h"
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
        enum fmt fmt;
        const char *const *columns;
        size_t ncol, count;
        json_t *rows; /* table rows kept for alignment */
};

struct out *out_open(const struct ctx *ctx, const char *const *columns)
{
        struct out *o = xcalloc(1, sizeof(*o));

        o->fmt = ctx->format;
        if (o->fmt != FMT_JSON && o->fmt != FMT_NDJSON && o->fmt != FMT_CSV && o->fmt != FMT_TABLE)
                cli_usage_error(ctx, _("format '%s' is not available for this command"),
                                fmt_name(o->fmt));
        o->columns = columns;
        while (columns[o->ncol] != NULL)
                o->ncol++;
        o->rows = json_array();
        if (o->fmt == FMT_JSON)
                fputs("[", stdout);
        if (o->fmt == FMT_CSV)
                for (size_t i = 0; i < o->ncol; i++)
                        printf("%s%s", columns[i], i + 1 < o->ncol ? "," : "\n");
        return o;
}

/* The text of a field: strings as they are, arrays '|'-joined, null empty. */
static char *cell(json_t *v)
{
        if (json_is_string(v))
                return xstrdup(json_string_value(v));
        if (json_is_integer(v))
                return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
        if (json_is_boolean(v))
                return xstrdup(json_is_true(v) ? "true" : "false");
        if (json_is_array(v)) {
                size_t i;
                json_t *x;
                char *acc = xstrdup("");

                json_array_foreach(v, i, x)
                {
                        char *c = cell(x), *n = xasprintf("%s%s%s", acc, i > 0 ? "|" : "", c);

                        free(c);
                        free(acc);
                        acc = n;
                }
                return acc;
        }
        return xstrdup("");
}

static void csv_field(const char *s)
{
        if (strpbrk(s, ",\"\r\n") == NULL) {
                fputs(s, stdout);
                return;
        }
        putchar('"');
        for (; *s != '\0'; s++) {
                if (*s == '"')
                        putchar('"');
                putchar(*s);
        }
        putchar('"');
}

void out_write(struct out *o, json_t *rec)
{
        o->count++;
        if (o->fmt == FMT_JSON || o->fmt == FMT_NDJSON) {
                if (o->fmt == FMT_JSON)
                        fputs(o->count > 1 ? ",\n" : "\n", stdout);
                json_dumpf(rec, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
                if (o->fmt == FMT_NDJSON)
                        putchar('\n');
                return;
        }
        if (o->fmt == FMT_TABLE) {
                json_array_append(o->rows, rec);
                return;
        }
        for (size_t i = 0; i < o->ncol; i++) {
                char *c = cell(json_object_get(rec, o->columns[i]));

                csv_field(c);
                putchar(i + 1 < o->ncol ? ',' : '\n');
                free(c);
        }
}

/* Display width of UTF-8 text: one column per code point. */
static size_t width(const char *s)
{
        size_t w = 0;

        for (; *s != '\0'; s++)
                if (((unsigned char)*s & 0xc0) != 0x80)
                        w++;
        return w;
}

static void table(struct out *o)
{
        size_t *w = xcalloc(o->ncol, sizeof(*w)), r;
        json_t *row;

        for (size_t i = 0; i < o->ncol; i++)
                w[i] = width(o->columns[i]);
        json_array_foreach(o->rows, r, row) for (size_t i = 0; i < o->ncol; i++)
        {
                char *c = cell(json_object_get(row, o->columns[i]));

                w[i] = width(c) > w[i] ? width(c) : w[i];
                free(c);
        }
        for (size_t i = 0; i < o->ncol; i++)
                printf("%s%*s", o->columns[i],
                       i + 1 < o->ncol ? (int)(w[i] - width(o->columns[i]) + 2) : 0, "");
        putchar('\n');
        json_array_foreach(o->rows, r, row) for (size_t i = 0; i < o->ncol; i++)
        {
                char *c = cell(json_object_get(row, o->columns[i]));

                printf("%s%*s", c, i + 1 < o->ncol ? (int)(w[i] - width(c) + 2) : 0, "");
                if (i + 1 == o->ncol)
                        putchar('\n');
                free(c);
        }
        free(w);
}

void out_close(struct out *o)
{
        if (o->fmt == FMT_JSON)
                fputs(o->count > 0 ? "\n]\n" : "]\n", stdout);
        if (o->fmt == FMT_TABLE)
                table(o);
        json_decref(o->rows);
        free(o);
}

void out_format_option(struct ctx *ctx, const char *value)
{
        int f = fmt_parse(value);

        if (f < 0 || f == FMT_AUTO)
                cli_usage_error(ctx, _("unknown format '%s'"), value);
        ctx->format = (enum fmt)f;
        ctx->format_set = true;
}

void out_one(const struct ctx *ctx, json_t *rec)
{
        const char *key;
        json_t *v;

        if (ctx->format != FMT_TABLE) {
                json_dumpf(rec, stdout,
                           JSON_PRESERVE_ORDER |
                               (ctx->format == FMT_NDJSON ? JSON_COMPACT : JSON_INDENT(2)));
                putchar('\n');
                return;
        }
        json_object_foreach(rec, key, v)
        {
                char *c = json_is_object(v) || (json_is_array(v) && json_array_size(v) > 0 &&
                                                !json_is_string(json_array_get(v, 0)))
                              ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER)
                              : cell(v);

                printf("%-14s %s\n", key, c);
                free(c);
        }
}
