/* The writers meant to be read: YAML (a sequence of mappings, strings quoted only when a
 * YAML reader could take them for something else) and the aligned table. */
#include "rec_impl.h"
#include "xalloc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TABLE_MAX_WIDTH 40  /* code points; longer cells end with "…" */
#define YAML_LONG_KEY   256 /* bytes; libyaml ends implicit keys at 1024 characters */

/* --- YAML ----------------------------------------------------------------- */

/* The code point at p when YAML does not allow it raw (C1 controls, its own line breaks
 * NEL, LS and PS, BOM, noncharacters), else 0. */
static unsigned yaml_unprintable(const unsigned char *p)
{
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
                return p[1];
        if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
                return p[2] == 0xA8 ? 0x2028 : 0x2029;
        if (p[0] == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) || (p[1] == 0xBF && p[2] >= 0xBE)))
                return 0xF000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        return 0;
}

/* Plain scalars that a YAML 1.1 or 1.2 reader would not read back as the same string. */
static bool yaml_needs_quotes(const char *s, size_t n)
{
        static const char *const words[] = {"true", "false", "yes", "no", "on", "off",
                                            "null", "y",     "n",   "~",  NULL};

        if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` .+0123456789", s[0]) != NULL ||
            s[n - 1] == ' ' || s[n - 1] == ':')
                return true;
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c < 0x20 || c == 0x7F || yaml_unprintable((const unsigned char *)s + i) != 0 ||
                    (c == ':' && s[i + 1] == ' ') || (c == '#' && s[i - 1] == ' '))
                        return true;
        }
        for (int i = 0; words[i] != NULL; i++)
                if (strcasecmp(s, words[i]) == 0)
                        return true;
        return false;
}

/* A double-quoted YAML scalar, escaping what YAML would not read back raw. */
static void yaml_quoted(FILE *out, const char *s, size_t n)
{
        unsigned cp;

        putc('"', out);
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c == '"' || c == '\\')
                        fprintf(out, "\\%c", c);
                else if (c == '\n')
                        fputs("\\n", out);
                else if (c == '\t')
                        fputs("\\t", out);
                else if (c < 0x20 || c == 0x7F)
                        fprintf(out, "\\x%02x", c);
                else if ((cp = yaml_unprintable((const unsigned char *)s + i)) != 0) {
                        fprintf(out, "\\u%04X", cp);
                        i += cp < 0x800 ? 1 : 2;
                } else
                        putc(c, out);
        }
        putc('"', out);
}

static void yaml_string(FILE *out, const char *s, size_t n)
{
        if (yaml_needs_quotes(s, n))
                yaml_quoted(out, s, n);
        else
                fwrite(s, 1, n, out);
}

/* Nested lists and objects in flow style ({a: [b]}), strings always quoted. */
static void yaml_flow(struct rec_writer *w, json_t *v)
{
        json_t *item;
        size_t i;

        if (json_is_object(v)) {
                const char *key;
                bool first = true;
                putc('{', w->out);
                json_object_foreach(v, key, item)
                {
                        fputs(first ? "" : ", ", w->out);
                        first = false;
                        if (strlen(key) > YAML_LONG_KEY)
                                fputs("? ", w->out);
                        yaml_quoted(w->out, key, strlen(key));
                        fputs(": ", w->out);
                        yaml_flow(w, item);
                }
                putc('}', w->out);
        } else if (json_is_array(v)) {
                putc('[', w->out);
                json_array_foreach(v, i, item)
                {
                        fputs(i > 0 ? ", " : "", w->out);
                        yaml_flow(w, item);
                }
                putc(']', w->out);
        } else if (json_is_string(v)) {
                yaml_quoted(w->out, json_string_value(v), json_string_length(v));
        } else if (json_is_null(v)) {
                fputs("null", w->out);
        } else {
                rec_cell_text(&w->cell, v, "");
                fputs(w->cell.s, w->out);
        }
}

static void yaml_scalar(struct rec_writer *w, json_t *v)
{
        if (json_is_string(v)) {
                yaml_string(w->out, json_string_value(v), json_string_length(v));
        } else if (json_is_null(v)) {
                fputs("null", w->out);
        } else if (json_is_object(v) || json_is_array(v)) {
                yaml_flow(w, v);
        } else {
                rec_cell_text(&w->cell, v, "");
                fputs(w->cell.s, w->out);
        }
}

static void yaml_mapping(struct rec_writer *w, json_t *obj, int indent, bool inline_first);

/* Writes what follows "key:" or "- ". */
static void yaml_child(struct rec_writer *w, json_t *v, int indent)
{
        size_t i;
        json_t *item;

        if (json_is_object(v) && json_object_size(v) > 0) {
                putc('\n', w->out);
                yaml_mapping(w, v, indent + 2, false);
        } else if (json_is_array(v) && json_array_size(v) > 0) {
                putc('\n', w->out);
                json_array_foreach(v, i, item)
                {
                        fprintf(w->out, "%*s- ", indent + 2, "");
                        if (json_is_object(item) && json_object_size(item) > 0) {
                                yaml_mapping(w, item, indent + 4, true);
                        } else {
                                yaml_scalar(w, item);
                                putc('\n', w->out);
                        }
                }
        } else {
                putc(' ', w->out);
                yaml_scalar(w, v);
                putc('\n', w->out);
        }
}

static void yaml_mapping(struct rec_writer *w, json_t *obj, int indent, bool inline_first)
{
        const char *key;
        json_t *v;
        bool first = true;

        json_object_foreach(obj, key, v)
        {
                if (!first || !inline_first)
                        fprintf(w->out, "%*s", indent, "");
                first = false;
                if (strlen(key) > YAML_LONG_KEY) { /* an explicit key, value on the next line */
                        fputs("? ", w->out);
                        yaml_quoted(w->out, key, strlen(key));
                        fprintf(w->out, "\n%*s", indent, "");
                } else {
                        yaml_string(w->out, key, strlen(key));
                }
                putc(':', w->out);
                yaml_child(w, v, indent);
        }
}

void rec_yaml_write(struct rec_writer *w, json_t *rec)
{
        fputs("- ", w->out);
        if (json_object_size(rec) == 0)
                fputs("{}\n", w->out);
        else
                yaml_mapping(w, rec, 2, true);
}

/* --- table ---------------------------------------------------------------- */

/* The table's columns: those given, else every key in order of first appearance. */
static void table_columns(struct rec_writer *w)
{
        json_t *seen = json_object(), *rec, *v;
        const char *key;
        size_t i, n = 0;

        if (w->columns != NULL) {
                json_decref(seen);
                return;
        }
        json_array_foreach(w->rows, i, rec)
        {
                json_object_foreach(rec, key, v)
                {
                        json_object_set_new(seen, key, json_true());
                }
        }
        w->columns = xcalloc(json_object_size(seen) + 1, sizeof(*w->columns));
        json_object_foreach(seen, key, v)
        {
                w->columns[n++] = xstrdup(key);
        }
        w->ncolumns = n;
        json_decref(seen);
}

/* A cell on one line: control characters become spaces. */
static char *table_cell(struct rec_writer *w, json_t *v)
{
        rec_cell_text(&w->cell, v, ", ");
        for (size_t i = 0; i < w->cell.len; i++)
                if ((unsigned char)w->cell.s[i] < 0x20)
                        w->cell.s[i] = ' ';
        return xstrndup(w->cell.s, w->cell.len);
}

/* Prints s cut with "…" to width code points, after the padding that the cells before
 * left pending (so that lines never end with spaces); adds its own padding to *pad. */
static void table_print(FILE *out, const char *s, size_t width, int *pad)
{
        size_t n = text_utf8_len(s);

        if (n > 0) {
                fprintf(out, "%*s", *pad, "");
                *pad = 0;
        }
        if (n > width) {
                const char *p = s;
                for (size_t k = 0; *p != '\0' && k < width - 1; k++) {
                        p++;
                        while ((*p & 0xC0) == 0x80)
                                p++;
                }
                fwrite(s, 1, (size_t)(p - s), out);
                fputs("…", out);
                n = width;
        } else {
                fputs(s, out);
        }
        *pad += (int)(width - n + 2);
}

void rec_table_render(struct rec_writer *w)
{
        size_t nrows = json_array_size(w->rows), nc, *width, i, c;
        char **cells;
        json_t *rec;

        rec_demo_banner(w->out);
        table_columns(w);
        nc = w->ncolumns;
        if (nc == 0)
                return;
        width = xcalloc(nc, sizeof(*width));
        cells = xcalloc((nrows + 1) * nc, sizeof(*cells));
        for (c = 0; c < nc; c++)
                cells[c] = xstrdup(w->columns[c]);
        json_array_foreach(w->rows, i, rec)
        {
                for (c = 0; c < nc; c++)
                        cells[(i + 1) * nc + c] =
                            table_cell(w, json_object_get(rec, w->columns[c]));
        }
        for (i = 0; i < (nrows + 1) * nc; i++) {
                size_t n = text_utf8_len(cells[i]);
                if (n > width[i % nc])
                        width[i % nc] = n > TABLE_MAX_WIDTH ? TABLE_MAX_WIDTH : n;
        }
        for (i = 0; i <= nrows; i++) {
                int pad = 0;
                for (c = 0; c < nc; c++)
                        table_print(w->out, cells[i * nc + c], width[c], &pad);
                putc('\n', w->out);
        }
        for (i = 0; i < (nrows + 1) * nc; i++)
                free(cells[i]);
        free(cells);
        free(width);
}
