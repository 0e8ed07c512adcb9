/* JSON text and numbers for every writer: the record writers, the directory's stored
 * records, the reports. Spans are appended whole (no callback per token): several times
 * faster than Jansson's writer on records, and numbers as they were given (Jansson
 * prints 43.52609 as 43.526090000000003). */
#include "jsonw.h"
#include "demo.h"
#include "msg.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct jsonw_style jsonw_compact = {0, false}, jsonw_spaced = {0, true},
                         jsonw_pretty = {2, true};

static locale_t c_numeric(void)
{
        static locale_t c;

        if (c == (locale_t)0)
                c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (c == (locale_t)0)
                die(EX_OSERR, "newlocale: C");
        return c;
}

double jsonw_strtod(const char *s, char **end)
{
        return strtod_l(s, end, c_numeric());
}

size_t jsonw_real(double d, char out[JSONW_REAL_MAX])
{
        locale_t was;
        int n = 0;

        if (!isfinite(d)) {
                memcpy(out, "null", 5);
                return 4;
        }
        /* a double that has a shortest form of at most 15 digits prints it with %.15g
         * (DBL_DIG); the others need 16 or 17 */
        was = uselocale(c_numeric());
        for (int prec = 15; prec <= 17; prec++) {
                n = snprintf(out, JSONW_REAL_MAX, "%.*g", prec, d);
                if (prec == 17 || strtod_l(out, NULL, c_numeric()) == d)
                        break;
        }
        uselocale(was);
        return (size_t)n;
}

void jsonw_string(struct strbuf *b, const char *s, size_t n)
{
        static const char hex[] = "0123456789ABCDEF";
        const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
        char u[6] = {'\\', 'u', '0', '0'};

        strbuf_addch(b, '"');
        for (; p < end; p++) {
                unsigned char c = *p;
                const char *esc;

                if (c >= 0x20 && c != '"' && c != '\\')
                        continue;
                strbuf_add(b, run, (size_t)(p - run));
                run = p + 1;
                esc = c == '"'    ? "\\\""
                      : c == '\\' ? "\\\\"
                      : c == '\n' ? "\\n"
                      : c == '\t' ? "\\t"
                      : c == '\r' ? "\\r"
                      : c == '\b' ? "\\b"
                      : c == '\f' ? "\\f"
                                  : NULL;
                if (esc != NULL) {
                        strbuf_add(b, esc, 2);
                        continue;
                }
                u[4] = hex[c >> 4];
                u[5] = hex[c & 15];
                strbuf_add(b, u, 6);
        }
        strbuf_add(b, run, (size_t)(end - run));
        strbuf_addch(b, '"');
}

static void put_number(struct strbuf *b, json_t *v)
{
        char num[JSONW_REAL_MAX];
        size_t n;

        if (json_is_integer(v)) {
                strbuf_addf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
                return;
        }
        n = jsonw_real(json_real_value(v), num);
        strbuf_add(b, num, n);
        if (isfinite(json_real_value(v)) && strpbrk(num, ".e") == NULL)
                strbuf_add(b, ".0", 2); /* stays a real when read back */
}

static void put_indent(struct strbuf *b, int n)
{
        static const char spaces[] = "\n                                ";

        strbuf_add(b, spaces, 1);
        for (; n > 0; n -= (int)sizeof(spaces) - 2)
                strbuf_add(b, spaces + 1,
                           n < (int)sizeof(spaces) - 2 ? (size_t)n : sizeof(spaces) - 2);
}

/* What separates two members or elements, and the start of the next line if indented. */
static void put_separator(struct strbuf *b, const struct jsonw_style *st, bool first, int level)
{
        if (!first)
                strbuf_addch(b, ',');
        if (st->indent > 0) {
                put_indent(b, st->indent * level);
        } else if (!first && st->spaced) {
                strbuf_addch(b, ' ');
        }
}

static void put_container(struct strbuf *b, json_t *v, const struct jsonw_style *st, int level)
{
        bool obj = json_is_object(v);
        json_t *item;
        size_t i = 0;

        if ((obj ? json_object_size(v) : json_array_size(v)) == 0) {
                strbuf_addstr(b, obj ? "{}" : "[]");
                return;
        }
        strbuf_addch(b, obj ? '{' : '[');
        if (obj) {
                const char *key;

                json_object_foreach(v, key, item)
                {
                        put_separator(b, st, i++ == 0, level + 1);
                        jsonw_key(b, key, st);
                        jsonw_value(b, item, st, level + 1);
                }
        } else {
                json_array_foreach(v, i, item)
                {
                        put_separator(b, st, i == 0, level + 1);
                        jsonw_value(b, item, st, level + 1);
                }
        }
        if (st->indent > 0)
                put_indent(b, st->indent * level);
        strbuf_addch(b, obj ? '}' : ']');
}

void jsonw_value(struct strbuf *b, json_t *v, const struct jsonw_style *st, int level)
{
        switch (json_typeof(v)) {
        case JSON_OBJECT:
        case JSON_ARRAY:
                put_container(b, v, st, level);
                break;
        case JSON_STRING:
                jsonw_string(b, json_string_value(v), json_string_length(v));
                break;
        case JSON_INTEGER:
        case JSON_REAL:
                put_number(b, v);
                break;
        case JSON_TRUE:
                strbuf_addstr(b, "true");
                break;
        case JSON_FALSE:
                strbuf_addstr(b, "false");
                break;
        default:
                strbuf_addstr(b, "null");
                break;
        }
}

void jsonw_key(struct strbuf *b, const char *key, const struct jsonw_style *st)
{
        jsonw_string(b, key, strlen(key));
        strbuf_addstr(b, st->indent > 0 || st->spaced ? ": " : ":");
}

json_t *jsonw_demo_marked(json_t *obj)
{
        json_t *marked;

        if (!json_is_object(obj))
                return json_incref(obj);
        marked = json_object();
        json_object_set_new(marked, "demo", json_true());
        json_object_update(marked, obj);
        json_object_set_new(marked, "demo", json_true()); /* even over a "demo" of obj */
        return marked;
}

bool jsonw_print(FILE *out, json_t *v, const struct jsonw_style *st)
{
        struct strbuf b = STRBUF_INIT;
        json_t *shown = demo_active() ? jsonw_demo_marked(v) : json_incref(v);
        bool ok;

        jsonw_value(&b, shown, st, 0);
        json_decref(shown);
        strbuf_addch(&b, '\n');
        ok = fwrite(b.buf, 1, b.len, out) == b.len;
        strbuf_release(&b);
        return ok;
}
