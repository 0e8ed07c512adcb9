/* JSON text for the writers, in Jansson's layouts but several times faster on records
 * (spans written whole, no callback per token) and with reals in their shortest form
 * that reads back exactly (Jansson prints 43.52609 as 43.526090000000003). */
#include "rec_impl.h"

#include <string.h>

static void put_spaces(FILE *out, int n)
{
        static const char spaces[] = "                                ";

        for (; n > 0; n -= (int)sizeof(spaces) - 1)
                fwrite(spaces, 1, n < (int)sizeof(spaces) - 1 ? (size_t)n : sizeof(spaces) - 1,
                       out);
}

/* A JSON string: UTF-8 written as it is, only quotes, backslashes and controls escaped. */
static void put_string(FILE *out, const char *s, size_t n)
{
        static const char hex[] = "0123456789abcdef";
        const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
        char u[7] = "\\u00";

        putc('"', out);
        for (; p < end; p++) {
                unsigned char c = *p;
                if (c >= 0x20 && c != '"' && c != '\\')
                        continue;
                fwrite(run, 1, (size_t)(p - run), out);
                run = p + 1;
                if (c == '"' || c == '\\') {
                        putc('\\', out);
                        putc(c, out);
                        continue;
                }
                const char *esc = c == '\n'   ? "\\n"
                                  : c == '\t' ? "\\t"
                                  : c == '\r' ? "\\r"
                                  : c == '\b' ? "\\b"
                                  : c == '\f' ? "\\f"
                                              : NULL;
                if (esc != NULL) {
                        fputs(esc, out);
                        continue;
                }
                u[4] = hex[c >> 4];
                u[5] = hex[c & 15];
                fwrite(u, 1, 6, out);
        }
        fwrite(run, 1, (size_t)(end - run), out);
        putc('"', out);
}

static void put_number(FILE *out, json_t *v)
{
        char num[40];

        if (json_is_integer(v)) {
                fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
                return;
        }
        rec_format_real(json_real_value(v), num);
        if (strpbrk(num, ".eE") == NULL)
                strcat(num, ".0"); /* stays a real when read back */
        fputs(num, out);
}

/* Writes what separates two members or elements and starts the next line if indented. */
static void put_separator(FILE *out, const struct rec_json_style *st, bool first, int level)
{
        if (!first)
                putc(',', out);
        if (st->indent > 0) {
                putc('\n', out);
                put_spaces(out, st->indent * level);
        } else if (!first && st->spaced) {
                putc(' ', out);
        }
}

static void put_container(FILE *out, json_t *v, const struct rec_json_style *st, int level)
{
        bool obj = json_is_object(v);
        json_t *item;
        size_t i;

        if ((obj ? json_object_size(v) : json_array_size(v)) == 0) {
                fputs(obj ? "{}" : "[]", out);
                return;
        }
        putc(obj ? '{' : '[', out);
        if (obj) {
                const char *key;
                i = 0;
                json_object_foreach(v, key, item)
                {
                        put_separator(out, st, i++ == 0, level + 1);
                        rec_json_put_key(out, key, st);
                        rec_json_put(out, item, st, level + 1);
                }
        } else {
                json_array_foreach(v, i, item)
                {
                        put_separator(out, st, i == 0, level + 1);
                        rec_json_put(out, item, st, level + 1);
                }
        }
        if (st->indent > 0) {
                putc('\n', out);
                put_spaces(out, st->indent * level);
        }
        putc(obj ? '}' : ']', out);
}

void rec_json_put(FILE *out, json_t *v, const struct rec_json_style *st, int level)
{
        switch (json_typeof(v)) {
        case JSON_OBJECT:
        case JSON_ARRAY:
                put_container(out, v, st, level);
                break;
        case JSON_STRING:
                put_string(out, json_string_value(v), json_string_length(v));
                break;
        case JSON_INTEGER:
        case JSON_REAL:
                put_number(out, v);
                break;
        case JSON_TRUE:
                fputs("true", out);
                break;
        case JSON_FALSE:
                fputs("false", out);
                break;
        default:
                fputs("null", out);
                break;
        }
}

void rec_json_put_key(FILE *out, const char *key, const struct rec_json_style *st)
{
        put_string(out, key, strlen(key));
        fputs(st->indent > 0 || st->spaced ? ": " : ":", out);
}
