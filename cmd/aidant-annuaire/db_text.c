/* The texts the store keeps of a record: the record itself as compact JSON (byte for byte
 * what Jansson writes, faster), and the words of its full-text index. */
#include "db.h"
#include "msg.h"
#include "xalloc.h"

#include <locale.h>
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
        static const char hex[] = "0123456789ABCDEF"; /* as Jansson writes them */
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
                } else if (c >= '\b' && c <= '\r' && c != '\v') {
                        *o++ = "btn\0fr"[c - '\b'];
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
        if ((e = strchr(num, 'e')) != NULL) { /* 1e-05 is written 1e-5, 1e+21 1e21 */
                char *digits = e + 1 + (e[1] == '-');
                size_t skip = (*digits == '+') + strspn(digits + (*digits == '+'), "0");

                if (digits[skip] != '\0')
                        memmove(digits, digits + skip, strlen(digits + skip) + 1);
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

/* --- reading a stored record back: searches and exports read every record they show,
 * and Jansson's general reader was most of a search's time. Records hold strings,
 * numbers and lists of them; anything else is left to Jansson. --------------------------- */

struct reader {
        const char *p;
        char *buf; /* a decoded string */
        size_t cap;
};

static void utf8_put(char *o, size_t *n, unsigned cp)
{
        if (cp < 0x80) {
                o[(*n)++] = (char)cp;
        } else if (cp < 0x800) {
                o[(*n)++] = (char)(0xC0 | cp >> 6);
                o[(*n)++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
                o[(*n)++] = (char)(0xE0 | cp >> 12);
                o[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
                o[(*n)++] = (char)(0x80 | (cp & 0x3F));
        } else {
                o[(*n)++] = (char)(0xF0 | cp >> 18);
                o[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3F));
                o[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
                o[(*n)++] = (char)(0x80 | (cp & 0x3F));
        }
}

/* Four hex digits at p, or -1. */
static long hex4(const char *p)
{
        long v = 0;

        for (int i = 0; i < 4; i++) {
                int c = (unsigned char)p[i], d = c >= '0' && c <= '9'   ? c - '0'
                                                 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                        : -1;

                if (d < 0)
                        return -1;
                v = v * 16 + d;
        }
        return v;
}

/* One escape after the backslash at *p; false when it is not one JSON has. */
static bool unescape(struct reader *r, size_t *n)
{
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *hit = *r->p != '\0' ? strchr(from, *r->p) : NULL;
        long cp, lo;

        if (hit != NULL) {
                r->buf[(*n)++] = to[hit - from];
                r->p++;
                return true;
        }
        if (*r->p != 'u' || (cp = hex4(r->p + 1)) <= 0) /* \u0000 needs JSON_ALLOW_NUL */
                return false;
        r->p += 5;
        if (cp >= 0xD800 && cp <= 0xDBFF) { /* a pair of surrogates */
                if (r->p[0] != '\\' || r->p[1] != 'u' || (lo = hex4(r->p + 2)) < 0xDC00 ||
                    lo > 0xDFFF)
                        return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                r->p += 6;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
        }
        utf8_put(r->buf, n, (unsigned)cp);
        return true;
}

/* The string at *r->p (its opening quote), as a new value, or NULL. */
static json_t *read_string(struct reader *r)
{
        const char *end;
        size_t n = 0;

        if (*r->p != '"')
                return NULL;
        r->p++;
        end = r->p + strcspn(r->p, "\"");
        if ((size_t)(end - r->p) + 1 > r->cap) { /* a decoded string is never longer */
                r->cap = (size_t)(end - r->p) * 2 + 64;
                r->buf = xrealloc(r->buf, r->cap);
        }
        while (*r->p != '"') {
                if (*r->p == '\0' || (unsigned char)*r->p < 0x20)
                        return NULL;
                if (*r->p != '\\')
                        r->buf[n++] = *r->p++;
                else if (r->p++, !unescape(r, &n))
                        return NULL;
                if (n + 4 > r->cap) { /* an escaped quote let the text run past end */
                        r->cap = r->cap * 2 + 64;
                        r->buf = xrealloc(r->buf, r->cap);
                }
        }
        r->p++;
        return json_stringn(r->buf, n);
}

/* A real, the only kind of number records hold (coordinates), whatever LC_NUMERIC says. */
static json_t *read_real(struct reader *r)
{
        static locale_t c_locale;
        size_t len = strspn(r->p, "0123456789+-.eE");
        char *end;
        double d;

        if (len == 0 || strcspn(r->p, ".eE") >= len) /* integers are left to Jansson */
                return NULL;
        if (c_locale == (locale_t)0)
                c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (c_locale == (locale_t)0)
                return NULL;
        d = strtod_l(r->p, &end, c_locale);
        if (end != r->p + len || !isfinite(d))
                return NULL;
        r->p = end;
        return json_real(d);
}

static json_t *read_value(struct reader *r, bool in_list);

/* Steps over c when it is next (never over the end of the text). */
static bool eat(struct reader *r, char c)
{
        if (*r->p != c)
                return false;
        r->p++;
        return true;
}

static json_t *read_list(struct reader *r)
{
        json_t *list = json_array(), *v;

        r->p++;
        while (!eat(r, ']')) {
                if ((json_array_size(list) > 0 && !eat(r, ',')) ||
                    (v = read_value(r, true)) == NULL) {
                        json_decref(list);
                        return NULL;
                }
                json_array_append_new(list, v);
        }
        return list;
}

static json_t *read_value(struct reader *r, bool in_list)
{
        if (*r->p == '"')
                return read_string(r);
        if (*r->p == '[' && !in_list)
                return read_list(r);
        return read_real(r);
}

/* The members of the record, in their order; false when it is not of the expected shape. */
static bool read_members(struct reader *r, json_t *rec)
{
        while (*r->p != '}') {
                json_t *key, *v;
                bool ok;

                if (json_object_size(rec) > 0 && !eat(r, ','))
                        return false;
                if ((key = read_string(r)) == NULL ||
                    strlen(json_string_value(key)) != json_string_length(key)) {
                        json_decref(key); /* Jansson refuses a NUL in a key: so do we */
                        return false;
                }
                ok = eat(r, ':') && (v = read_value(r, false)) != NULL;
                if (ok)
                        json_object_setn_new_nocheck(rec, json_string_value(key),
                                                     json_string_length(key), v);
                json_decref(key);
                if (!ok)
                        return false;
        }
        r->p++;
        return *r->p == '\0';
}

json_t *db_record_parse(const char *text)
{
        struct reader r = {text, NULL, 0};
        json_t *rec = NULL;

        if (*r.p == '{') {
                r.p++;
                rec = json_object();
                if (!read_members(&r, rec)) {
                        json_decref(rec);
                        rec = NULL;
                }
        }
        free(r.buf);
        return rec != NULL ? rec : json_loads(text, 0, NULL);
}
