/* Record writers: streamed JSON array, NDJSON, CSV and GeoJSON here; YAML and the human
 * table in rec_table.c. Each record is written as it comes, except for the table. */
#include "rec_impl.h"
#include "csv.h"
#include "demo.h"
#include "jsonw.h"
#include "msg.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rec_buf_add(struct rec_buf *b, const char *s, size_t n)
{
        if (b->len + n + 1 > b->cap) {
                b->cap = (b->len + n + 1) * 2;
                b->s = xrealloc(b->s, b->cap);
        }
        memcpy(b->s + b->len, s, n);
        b->len += n;
        b->s[b->len] = '\0';
}

static void buf_str(struct rec_buf *b, const char *s)
{
        rec_buf_add(b, s, strlen(s));
}

static void scalar_text(struct rec_buf *b, json_t *v)
{
        char num[JSONW_REAL_MAX];

        switch (json_typeof(v)) {
        case JSON_STRING:
                rec_buf_add(b, json_string_value(v), json_string_length(v));
                break;
        case JSON_INTEGER:
                snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
                buf_str(b, num);
                break;
        case JSON_REAL:
                rec_buf_add(b, num, jsonw_real(json_real_value(v), num));
                break;
        case JSON_TRUE:
                buf_str(b, "true");
                break;
        case JSON_FALSE:
                buf_str(b, "false");
                break;
        case JSON_NULL:
                break;
        default: { /* an object in a cell: compact JSON */
                struct strbuf t = STRBUF_INIT;

                jsonw_value(&t, v, &jsonw_compact, 0);
                rec_buf_add(b, t.buf, t.len);
                strbuf_release(&t);
        }
        }
}

char *rec_scalar_text(json_t *v)
{
        struct rec_buf b = {NULL, 0, 0};

        if (!json_is_string(v) && !json_is_number(v) && !json_is_boolean(v))
                return NULL;
        rec_buf_add(&b, "", 0);
        scalar_text(&b, v);
        return b.s;
}

void rec_cell_text(struct rec_buf *b, json_t *v, const char *join)
{
        size_t i;
        json_t *item;

        b->len = 0;
        rec_buf_add(b, "", 0);
        if (v == NULL)
                return;
        if (!json_is_array(v)) {
                scalar_text(b, v);
                return;
        }
        json_array_foreach(v, i, item)
        {
                if (i > 0)
                        buf_str(b, join);
                scalar_text(b, item);
        }
}

/* --- JSON and NDJSON ------------------------------------------------------ */

/* The record's text is made whole, then written at once. */
static void json_write(struct rec_writer *w, json_t *rec)
{
        strbuf_reset(&w->text);
        strbuf_addstr(&w->text, w->count == 0 ? "[\n  " : ",\n  ");
        jsonw_value(&w->text, rec, &jsonw_pretty, 1);
        fwrite(w->text.buf, 1, w->text.len, w->out);
}

static void ndjson_write(struct rec_writer *w, json_t *rec)
{
        strbuf_reset(&w->text);
        jsonw_value(&w->text, rec, &jsonw_compact, 0);
        strbuf_addch(&w->text, '\n');
        fwrite(w->text.buf, 1, w->text.len, w->out);
}

/* --- CSV ------------------------------------------------------------------ */

static void columns_from(struct rec_writer *w, json_t *rec)
{
        const char *key;
        json_t *v;
        size_t n = 0;

        w->columns = xcalloc(json_object_size(rec) + 1, sizeof(*w->columns));
        json_object_foreach(rec, key, v)
        {
                w->columns[n++] = xstrdup(key);
        }
        w->ncolumns = n;
}

/* Ends a CSV row; a row made of one empty field is written "" so that it is not read
 * back as an empty line, which readers skip. */
static void csv_end_row(struct rec_writer *w, size_t last_len)
{
        if (w->ncolumns == 1 && last_len == 0)
                fputs("\"\"", w->out);
        putc('\n', w->out);
}

static void csv_header(struct rec_writer *w)
{
        size_t len = 0;

        for (size_t i = 0; i < w->ncolumns; i++) {
                if (i > 0)
                        putc(',', w->out);
                len = strlen(w->columns[i]);
                csv_write_field(w->out, w->columns[i], len, ',');
        }
        csv_end_row(w, len);
}

static void csv_write(struct rec_writer *w, json_t *rec)
{
        if (w->columns == NULL)
                columns_from(w, rec);
        if (w->count == 0)
                csv_header(w);
        for (size_t i = 0; i < w->ncolumns; i++) {
                if (i > 0)
                        putc(',', w->out);
                rec_cell_text(&w->cell, json_object_get(rec, w->columns[i]), "|");
                csv_write_field(w->out, w->cell.s, w->cell.len, ',');
        }
        csv_end_row(w, w->cell.len);
}

/* --- GeoJSON -------------------------------------------------------------- */

/* A coordinate as a number, or as a string holding one (CSV and YAML give strings;
 * a decimal comma is accepted). */
static bool coordinate(json_t *v, double min, double max, double *out)
{
        char tmp[64], *end;
        const char *s;

        if (json_is_number(v)) {
                *out = json_number_value(v);
        } else if (json_is_string(v) && json_string_length(v) > 0 &&
                   json_string_length(v) < sizeof(tmp)) {
                s = json_string_value(v);
                strcpy(tmp, s);
                char *comma = strchr(tmp, ',');
                if (comma != NULL && strchr(comma + 1, ',') == NULL && strchr(tmp, '.') == NULL)
                        *comma = '.';
                errno = 0;
                *out = jsonw_strtod(tmp, &end);
                while (*end == ' ')
                        end++;
                if (errno != 0 || *end != '\0' || end == tmp || tmp[0] == ' ')
                        return false;
        } else {
                return false;
        }
        return isfinite(*out) && *out >= min && *out <= max;
}

/* The opening of the FeatureCollection; a demo one says so in a member of its own. */
static const char *geojson_head(const struct rec_writer *w)
{
        return w->demo ? "{\"type\": \"FeatureCollection\", \"demo\": true, \"features\": [\n"
                       : "{\"type\": \"FeatureCollection\", \"features\": [\n";
}

static bool geojson_write(struct rec_writer *w, json_t *rec)
{
        double lat, lon;
        char num[JSONW_REAL_MAX];
        json_t *v;
        const char *key;
        bool first = true;
        struct strbuf *t = &w->text;

        if (!coordinate(json_object_get(rec, "latitude"), -90, 90, &lat) ||
            !coordinate(json_object_get(rec, "longitude"), -180, 180, &lon))
                return false;
        strbuf_reset(t);
        strbuf_addstr(t, w->count == 0 ? geojson_head(w) : ",\n");
        strbuf_addstr(t, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                         "\"coordinates\": [");
        strbuf_add(t, num, jsonw_real(lon, num));
        strbuf_addstr(t, ", ");
        strbuf_add(t, num, jsonw_real(lat, num));
        strbuf_addstr(t, "]}, \"properties\": {");
        json_object_foreach(rec, key, v)
        {
                if (strcmp(key, "latitude") == 0 || strcmp(key, "longitude") == 0)
                        continue;
                strbuf_addstr(t, first ? "" : ", ");
                first = false;
                jsonw_key(t, key, &jsonw_spaced);
                jsonw_value(t, v, &jsonw_spaced, 0);
        }
        strbuf_addstr(t, "}}");
        fwrite(t->buf, 1, t->len, w->out);
        return true;
}

/* --- the writer ------------------------------------------------------------ */

struct rec_writer *rec_writer_open(FILE *out, enum fmt fmt, const char *const *columns)
{
        struct rec_writer *w = xcalloc(1, sizeof(*w));

        w->out = out;
        w->fmt = fmt == FMT_AUTO ? FMT_JSON : fmt;
        if (columns != NULL) {
                while (columns[w->ncolumns] != NULL)
                        w->ncolumns++;
                w->columns = xcalloc(w->ncolumns + 1, sizeof(*w->columns));
                for (size_t i = 0; i < w->ncolumns; i++)
                        w->columns[i] = xstrdup(columns[i]);
        }
        if (w->fmt == FMT_TABLE)
                w->rows = json_array();
        w->demo = demo_active();
        return w;
}

void rec_demo_banner(FILE *out)
{
        if (demo_active())
                fprintf(out, "%s\n", DEMO_MARK);
}

void rec_write(struct rec_writer *w, json_t *rec)
{
        json_t *marked = NULL;

        /* a demo record says so in every format that has keys: it cannot be published as
         * a real one (tables have their banner, GeoJSON its collection's member) */
        if (w->demo && (w->fmt == FMT_JSON || w->fmt == FMT_NDJSON || w->fmt == FMT_YAML ||
                        w->fmt == FMT_AUTO))
                rec = marked = jsonw_demo_marked(rec);
        switch (w->fmt) {
        case FMT_NDJSON:
                ndjson_write(w, rec);
                break;
        case FMT_YAML:
                rec_yaml_write(w, rec);
                break;
        case FMT_CSV:
                csv_write(w, rec);
                break;
        case FMT_TABLE:
                json_array_append(w->rows, rec);
                break;
        case FMT_GEOJSON:
                /* records without coordinates are left out: counted apart */
                if (!geojson_write(w, rec)) {
                        w->skipped++;
                        return;
                }
                break;
        default:
                json_write(w, rec);
                break;
        }
        json_decref(marked);
        w->count++;
}

static void close_document(struct rec_writer *w)
{
        switch (w->fmt) {
        case FMT_YAML:
                if (w->count == 0)
                        fputs("[]\n", w->out);
                break;
        case FMT_CSV:
                if (w->count == 0 && w->columns != NULL)
                        csv_header(w);
                break;
        case FMT_TABLE:
                rec_table_render(w);
                break;
        case FMT_GEOJSON:
                if (w->count == 0)
                        fputs(geojson_head(w), w->out);
                fputs(w->count == 0 ? "]}\n" : "\n]}\n", w->out);
                break;
        case FMT_NDJSON:
                break;
        default:
                fputs(w->count == 0 ? "[]\n" : "\n]\n", w->out);
                break;
        }
}

long rec_writer_skipped(const struct rec_writer *w)
{
        return w->skipped;
}

void rec_writer_close(struct rec_writer *w)
{
        if (w == NULL)
                return;
        close_document(w);
        for (size_t i = 0; i < w->ncolumns; i++)
                free(w->columns[i]);
        free(w->columns);
        free(w->cell.s);
        strbuf_release(&w->text);
        json_decref(w->rows);
        free(w);
}
