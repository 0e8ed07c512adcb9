/* The texts the store keeps of a record: the record itself as compact JSON (jsonw: its
 * numbers as they were given), and the words of its full-text index. */
#include "db.h"
#include "jsonw.h"
#include "msg.h"
#include "xalloc.h"

#include <ctype.h>
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

void db_fts_words(json_t *rec, struct strbuf *b)
{
        size_t start = b->len;

        for (size_t i = 0; i < sizeof(fts_fields) / sizeof(*fts_fields); i++) {
                json_t *v = json_object_get(rec, fts_fields[i]);
                size_t n = json_is_array(v) ? json_array_size(v) : 1;

                for (size_t j = 0; j < n; j++) {
                        const char *s =
                            json_string_value(json_is_array(v) ? json_array_get(v, j) : v);

                        if (s == NULL)
                                continue;
                        if (b->len > start)
                                strbuf_addch(b, ' ');
                        strbuf_addstr(b, s);
                }
        }
}

char *db_fts_text(json_t *rec)
{
        struct strbuf b = STRBUF_INIT;

        db_fts_words(rec, &b);
        return strbuf_detach(&b, NULL);
}

/* --- the stored text of a record: compact JSON, by the one writer of JSON text ------ */

void db_record_text(json_t *rec, struct strbuf *b)
{
        jsonw_value(b, rec, &jsonw_compact, 0);
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

/* The length of the JSON number at p (RFC 8259's grammar: no "4.", "+1" or "01"), or 0. */
static size_t number_length(const char *p)
{
        const char *s = p;

        p += *p == '-';
        if (*p == '0')
                p++;
        else if (isdigit((unsigned char)*p))
                while (isdigit((unsigned char)*p))
                        p++;
        else
                return 0;
        if (*p == '.') {
                if (!isdigit((unsigned char)*++p))
                        return 0;
                while (isdigit((unsigned char)*p))
                        p++;
        }
        if (*p == 'e' || *p == 'E') {
                p++;
                p += *p == '+' || *p == '-';
                if (!isdigit((unsigned char)*p))
                        return 0;
                while (isdigit((unsigned char)*p))
                        p++;
        }
        return (size_t)(p - s);
}

/* A real, the only kind of number records hold (coordinates), whatever LC_NUMERIC says. */
static json_t *read_real(struct reader *r)
{
        size_t len = number_length(r->p);
        char *end;
        double d;

        if (len == 0 || strcspn(r->p, ".eE") >= len) /* integers are left to Jansson */
                return NULL;
        d = jsonw_strtod(r->p, &end);
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

/* --- one text of a stored record, without reading the others: dedupe reads the address
 * of every place ------------------------------------------------------------------------ */

/* The end of the string that starts at p (its opening quote), or NULL. */
static const char *skip_string(const char *p)
{
        for (p++; *p != '"'; p++) {
                if (*p == '\0')
                        return NULL;
                if (*p == '\\' && *++p == '\0')
                        return NULL;
        }
        return p + 1;
}

/* The end of the value at p: a string, a list of strings and numbers, or a number. */
static const char *skip_value(const char *p)
{
        if (*p == '"')
                return skip_string(p);
        if (*p == '[') {
                for (p++; p != NULL && *p != ']';) {
                        if (*p == ',')
                                p++;
                        else if (*p == '"')
                                p = skip_string(p);
                        else if (number_length(p) > 0)
                                p += number_length(p);
                        else
                                return NULL;
                }
                return p != NULL ? p + 1 : NULL;
        }
        return number_length(p) > 0 ? p + number_length(p) : NULL;
}

/* The text of key in a record of another shape, as json_extract would give a string. */
static char *string_by_parsing(const char *text, const char *key)
{
        json_t *rec = db_record_parse(text);
        const char *s = json_string_value(json_object_get(rec, key));
        char *copy = s != NULL ? xstrdup(s) : NULL;

        json_decref(rec);
        return copy;
}

char *db_record_string(const char *text, const char *key)
{
        size_t klen = strlen(key);
        const char *p = text;

        if (*p++ != '{')
                return string_by_parsing(text, key);
        while (*p == '"') {
                const char *name = p + 1, *end = skip_string(p);

                if (end == NULL || end[0] != ':' || memchr(name, '\\', (size_t)(end - name)))
                        return string_by_parsing(text, key);
                if ((size_t)(end - 1 - name) == klen && memcmp(name, key, klen) == 0) {
                        struct reader r = {end + 1, NULL, 0};
                        json_t *v = read_string(&r);
                        char *s = v != NULL ? xstrndup(json_string_value(v), json_string_length(v))
                                            : string_by_parsing(text, key);

                        json_decref(v);
                        free(r.buf);
                        return s;
                }
                if ((p = skip_value(end + 1)) == NULL)
                        return string_by_parsing(text, key);
                if (*p == ',')
                        p++;
        }
        return *p == '}' ? NULL : string_by_parsing(text, key);
}
