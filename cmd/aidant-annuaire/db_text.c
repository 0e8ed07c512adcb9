/* The texts the store keeps of a record: the record itself as compact JSON (byte for byte
 * what Jansson writes, faster), and the words of its full-text index. */
#include "db.h"
#include "err.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fts_fields[] = {
    "nom",
    "commune",
    "code_postal",
    "adresse",
    "services",
    "typologie",
    "presentation_resume",
    "presentation_detail",
    "structure_parente",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
};

char *db_fts_text(json_t *rec)
{
        size_t cap = 256, len = 0;
        char *out = xmalloc(cap);

        out[0] = '\0';
        for (size_t i = 0; i < sizeof(fts_fields) / sizeof(*fts_fields); i++) {
                json_t *v = json_object_get(rec, fts_fields[i]);
                size_t n = json_is_array(v) ? json_array_size(v) : 1;

                for (size_t j = 0; j < n; j++) {
                        const char *s =
                            json_string_value(json_is_array(v) ? json_array_get(v, j) : v);
                        size_t sl;

                        if (s == NULL)
                                continue;
                        sl = strlen(s);
                        if (len + sl + 2 > cap) {
                                cap = (len + sl + 2) * 2;
                                out = xrealloc(out, cap);
                        }
                        if (len > 0)
                                out[len++] = ' ';
                        memcpy(out + len, s, sl + 1);
                        len += sl;
                }
        }
        return out;
}

/* --- the stored text of a record: compact JSON, written directly because imports store
 * every record and Jansson's general writer was a tenth of their time -------------------- */

struct text {
        char *p;
        size_t n, cap;
};

static void reserve(struct text *t, size_t n)
{
        if (t->n + n + 1 > t->cap) {
                t->cap = (t->n + n + 1) * 2;
                t->p = xrealloc(t->p, t->cap);
        }
}

static void put_bytes(struct text *t, const char *s, size_t n)
{
        reserve(t, n);
        memcpy(t->p + t->n, s, n);
        t->n += n;
}

/* s, of len bytes, quoted: room for the longest escapes is made once. */
static void put_string(struct text *t, const char *s, size_t len)
{
        static const char hex[] = "0123456789abcdef";
        char *o;

        reserve(t, 6 * len + 2);
        o = t->p + t->n;
        *o++ = '"';
        for (const char *end = s + len; s < end; s++) {
                unsigned char c = (unsigned char)*s;

                if (c >= 0x20 && c != '"' && c != '\\') {
                        *o++ = (char)c;
                        continue;
                }
                *o++ = '\\';
                if (c == '"' || c == '\\') {
                        *o++ = (char)c;
                } else if (c == '\n' || c == '\t' || c == '\r') {
                        *o++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
                } else {
                        memcpy(o, "u00", 3);
                        o[3] = hex[c >> 4];
                        o[4] = hex[c & 15];
                        o += 5;
                }
        }
        *o++ = '"';
        t->n = (size_t)(o - t->p);
}

/* A real as Jansson writes it with 9 digits, whatever LC_NUMERIC says, and always with a
 * point or an exponent so that it reads back as a real. */
static void put_real(struct text *t, double v)
{
        char num[40], *e;

        snprintf(num, sizeof(num), "%.9g", v);
        for (char *p = num; *p != '\0'; p++)
                if (*p == ',')
                        *p = '.';
        if ((e = strchr(num, 'e')) != NULL) { /* 1e-05 is written 1e-5 */
                char *digits = e + 1 + (e[1] == '-' || e[1] == '+');
                size_t zeros = strspn(digits, "0");

                if (digits[zeros] != '\0')
                        memmove(digits, digits + zeros, strlen(digits + zeros) + 1);
        }
        if (strpbrk(num, ".e") == NULL)
                strcat(num, ".0");
        put_bytes(t, num, strlen(num));
}

/* Strings, lists of strings and finite reals; false for anything else (Jansson writes it). */
static bool put_value(struct text *t, json_t *v)
{
        size_t i;
        json_t *e;

        if (json_is_string(v)) {
                const char *s = json_string_value(v);
                size_t len = json_string_length(v);

                if (memchr(s, '\0', len) != NULL) /* Jansson writes it as \u0000 */
                        return false;
                put_string(t, s, len);
        } else if (json_is_real(v) && isfinite(json_real_value(v))) {
                put_real(t, json_real_value(v));
        } else if (json_is_array(v)) {
                put_bytes(t, "[", 1);
                json_array_foreach(v, i, e)
                {
                        if (i > 0)
                                put_bytes(t, ",", 1);
                        if (!json_is_string(e) || !put_value(t, e))
                                return false;
                }
                put_bytes(t, "]", 1);
        } else {
                return false;
        }
        return true;
}

const char *db_record_text(json_t *rec, char **buf, size_t *cap)
{
        struct text t = {*buf, 0, *cap};
        const char *key;
        json_t *v;
        bool ok = true;

        put_bytes(&t, "{", 1);
        json_object_foreach(rec, key, v)
        {
                if (t.n > 1)
                        put_bytes(&t, ",", 1);
                put_string(&t, key, strlen(key));
                put_bytes(&t, ":", 1);
                if (!(ok = put_value(&t, v)))
                        break;
        }
        put_bytes(&t, "}", 1);
        if (!ok) {
                char *dump =
                    json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));

                if (dump == NULL)
                        die(EX_SOFTWARE, "json_dumps");
                t.n = 0;
                put_bytes(&t, dump, strlen(dump));
                free(dump);
        }
        t.p[t.n] = '\0';
        *buf = t.p;
        *cap = t.cap;
        return t.p;
}
