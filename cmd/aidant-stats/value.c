/* The values of an activity record's fields, read from JSON values or CSV cells: text,
 * whole numbers, enumeration values and lists (matched leniently, written canonically),
 * yes/no, dates, code shapes; and the error naming the field that was refused. */
#include "value.h"
#include "clock.h"
#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void field_error_clear(struct field_error *e)
{
        free(e->message);
        free(e->field);
        e->message = NULL;
        e->field = NULL;
}

int field_fail(struct field_error *e, const char *field, const char *fmt, ...)
{
        va_list ap;

        char *f = xstrdup(field);

        field_error_clear(e);
        va_start(ap, fmt);
        if (vasprintf(&e->message, fmt, ap) < 0)
                die(EX_OSERR, "%s", _("out of memory"));
        va_end(ap);
        e->field = f;
        return -1;
}

/* A value that says nothing: absent, null, or an empty CSV cell. */
json_t *value_get(json_t *in, const char *key)
{
        json_t *v = json_object_get(in, key);

        if (v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
                return NULL;
        return v;
}

/* A string value (numbers written as text too); NULL when absent. */
const char *value_text(json_t *v, char buf[32])
{
        if (v == NULL)
                return NULL;
        if (json_is_string(v))
                return json_string_value(v);
        if (json_is_integer(v)) {
                snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
                return buf;
        }
        return NULL;
}

/* One value of an enumeration, matched exactly after lowercasing and trimming. */
int value_enum(const struct field_enum *en, json_t *v, const char *field, struct field_error *e,
               const char **out)
{
        char buf[32];
        const char *s = value_text(v, buf);
        char *t;
        int i;

        if (s == NULL)
                return field_fail(e, field, _("not a text value"));
        if ((i = field_find(en, s)) >= 0) { /* already canonical: most values */
                *out = en->choices[i].id;
                return 0;
        }
        t = text_squeeze(s);
        for (char *p = t; *p != '\0'; p++)
                *p = (char)tolower((unsigned char)*p);
        i = field_find(en, t);
        if (i < 0) {
                field_fail(e, field, _("unknown value '%s' (did you mean '%s'?)"), s,
                           field_closest(en, s));
                free(t);
                return -1;
        }
        free(t);
        *out = en->choices[i].id;
        return 0;
}

int value_number(json_t *v, const char *field, long min, long max, struct field_error *e, long *out)
{
        char buf[32], *end;
        const char *s = value_text(v, buf);
        long n;

        if (s == NULL)
                return field_fail(e, field, _("not a number"));
        errno = 0;
        n = strtol(s, &end, 10);
        if (errno != 0 || end == s || *end != '\0')
                return field_fail(e, field, _("'%s' is not a whole number"), s);
        if (n < min || n > max)
                return field_fail(e, field, _("%ld is out of range (%ld to %ld)"), n, min, max);
        *out = n;
        return 0;
}

json_t *record_list(json_t *v)
{
        json_t *a;

        if (v == NULL || json_is_null(v))
                return NULL;
        if (json_is_array(v))
                return json_array_size(v) > 0 ? json_incref(v) : NULL;
        if (!json_is_string(v) || json_string_length(v) == 0)
                return NULL;
        a = json_array();
        for (const char *p = json_string_value(v), *q;; p = q + 1) {
                q = strchr(p, '|');
                if (q == NULL)
                        q = p + strlen(p);
                char *raw = xstrndup(p, (size_t)(q - p)), *t = text_squeeze(raw);

                free(raw);
                if (t[0] != '\0')
                        json_array_append_new(a, json_string(t));
                free(t);
                if (*q == '\0')
                        break;
        }
        if (json_array_size(a) == 0) {
                json_decref(a);
                return NULL;
        }
        return a;
}

/* One piece of a '|'-joined list: its index in en, -1 when it is only spaces, or -2 with
 * e set. */
static int enum_piece(const struct field_enum *en, const char *p, size_t n, const char *field,
                      struct field_error *e)
{
        char buf[128];
        const char *id;
        json_t *v;
        int rc;

        if (n < sizeof(buf)) {
                memcpy(buf, p, n);
                buf[n] = '\0';
                if ((rc = field_find(en, buf)) >= 0)
                        return rc;
        }
        v = json_stringn(p, n);
        char *t = text_squeeze(json_string_value(v));

        rc = t[0] == '\0' ? -1 : value_enum(en, v, field, e, &id) != 0 ? -2 : field_find(en, id);
        free(t);
        json_decref(v);
        return rc;
}

/* A list of enumeration values (a JSON array, or text joined with '|'), without
 * repeats, in the enumeration's order. */
int value_enum_list(const struct field_enum *en, json_t *v, const char *field,
                    struct field_error *e, json_t **out)
{
        bool seen[64] = {false}, any = false;
        json_t *x;
        size_t i;

        *out = NULL;
        if (json_is_string(v)) {
                for (const char *p = json_string_value(v), *q;; p = q + 1) {
                        int k;

                        q = strchr(p, '|');
                        if (q == NULL)
                                q = p + strlen(p);
                        if ((k = enum_piece(en, p, (size_t)(q - p), field, e)) == -2)
                                return -1;
                        if (k >= 0)
                                seen[k] = any = true;
                        if (*q == '\0')
                                break;
                }
        } else if (json_is_array(v)) {
                json_array_foreach(v, i, x)
                {
                        const char *id;

                        if (value_enum(en, x, field, e, &id) != 0)
                                return -1;
                        seen[field_find(en, id)] = any = true;
                }
        } else if (v != NULL) {
                return field_fail(e, field, _("not a text value"));
        }
        if (!any)
                return 0;
        *out = json_array();
        for (size_t k = 0; k < en->count; k++)
                if (seen[k])
                        json_array_append_new(*out, json_string(en->choices[k].id));
        return 0;
}

int value_bool(json_t *v, const char *field, struct field_error *e, bool *out)
{
        static const char *const yes[] = {"true", "oui", "yes", "1", "o", NULL};
        static const char *const no[] = {"false", "non", "no", "0", "n", NULL};
        char buf[32];
        const char *s;

        if (json_is_boolean(v)) {
                *out = json_is_true(v);
                return 0;
        }
        s = value_text(v, buf);
        for (int i = 0; s != NULL && yes[i] != NULL; i++) {
                if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
                        *out = strcasecmp(s, yes[i]) == 0;
                        return 0;
                }
        }
        return field_fail(e, field, _("'%s' is not yes or no"), s != NULL ? s : "?");
}

/* A free text value, squeezed; 0 with *out NULL when absent. */
int value_free_text(json_t *in, const char *field, size_t max, struct field_error *e, json_t **out)
{
        char buf[32];
        json_t *v = value_get(in, field);
        const char *s = value_text(v, buf);
        char *t;

        *out = NULL;
        if (v == NULL)
                return 0;
        if (s == NULL)
                return field_fail(e, field, _("not a text value"));
        t = text_squeeze(s);
        if (text_utf8_len(t) > max) {
                free(t);
                return field_fail(e, field, _("longer than %zu characters"), max);
        }
        if (t[0] != '\0')
                *out = json_string(t);
        free(t);
        return 0;
}

/* "YYYY-MM-DD", "DD/MM/YYYY", or either followed by a time (exports carry one). */
int value_date(json_t *v, struct field_error *e, char out[11])
{
        char buf[32], head[11];
        const char *s = value_text(v, buf);

        if (s == NULL)
                return field_fail(e, "date", _("missing"));
        if (clock_parse_date(s, out) == 0)
                return 0;
        if (strlen(s) > 10 && (s[10] == ' ' || s[10] == 'T')) {
                memcpy(head, s, 10);
                head[10] = '\0';
                if (clock_parse_date(head, out) == 0)
                        return 0;
        }
        return field_fail(e, "date", _("'%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)"), s);
}

bool value_shape(const char *s, const char *pattern)
{
        /* pattern: 'd' digit, 'x' digit or A/B (Corsica), anything else literal */
        size_t n = strlen(pattern);

        if (strlen(s) != n)
                return false;
        for (size_t i = 0; i < n; i++) {
                bool ok = pattern[i] == 'd' ? isdigit((unsigned char)s[i]) != 0
                          : pattern[i] == 'x'
                              ? isdigit((unsigned char)s[i]) != 0 || s[i] == 'A' || s[i] == 'B'
                              : s[i] == pattern[i];
                if (!ok)
                        return false;
        }
        return true;
}
