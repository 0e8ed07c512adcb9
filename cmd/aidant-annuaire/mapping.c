/* Column mappings of the national pipeline (<source>.config.json): columns, keyword rules
 * [{colonnes, termes, sauf, cible}], and hours as OSM text or French week descriptions
 * (read by week_text.c). */
#include "mapping.h"
#include "week_text.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "rec.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rule {
        int *cols; /* indexes in mapping.columns; none: the target always applies */
        size_t ncols;
        char **terms; /* folded; NULL: any non-empty value matches */
        size_t nterms;
        char **except; /* folded */
        size_t nexcept;
        char *target;
};

enum how { M_NONE, M_COLUMN, M_OSM, M_WEEK, M_RULES };

struct target {
        enum how how;
        int col; /* M_COLUMN, M_OSM, M_WEEK */
        struct rule *rules;
        size_t nrules;
};

struct mapping {
        struct target t[SCHEMA_NFIELDS];
        char **columns; /* every column named, once */
        size_t ncolumns;
};

/* --- loading ------------------------------------------------------------------------ */

static int column_index(struct mapping *m, const char *name)
{
        for (size_t i = 0; i < m->ncolumns; i++)
                if (strcmp(m->columns[i], name) == 0)
                        return (int)i;
        m->columns = xrealloc(m->columns, (m->ncolumns + 1) * sizeof(char *));
        m->columns[m->ncolumns] = xstrdup(name);
        return (int)m->ncolumns++;
}

/* A JSON array of strings as new folded strings; false when it is something else. */
static bool folded_strings(json_t *a, char ***out, size_t *n)
{
        size_t i;
        json_t *e;

        *out = NULL;
        *n = 0;
        if (a == NULL)
                return true;
        if (!json_is_array(a))
                return false;
        *out = xcalloc(json_array_size(a) + 1, sizeof(char *));
        json_array_foreach(a, i, e)
        {
                if (!json_is_string(e))
                        return false;
                (*out)[(*n)++] = text_fold(json_string_value(e));
        }
        return true;
}

static char *load_rule(struct mapping *m, struct rule *r, json_t *j)
{
        json_t *cols = json_object_get(j, "colonnes"), *e;
        size_t i;

        if (!json_is_object(j) || !json_is_string(json_object_get(j, "cible")))
                return xstrdup(_("a rule is an object with a \"cible\" text"));
        r->target = xstrdup(json_string_value(json_object_get(j, "cible")));
        if (cols != NULL && !json_is_array(cols))
                return xstrdup(_("\"colonnes\" must be a list of column names"));
        r->cols = xcalloc(json_array_size(cols) + 1, sizeof(int));
        json_array_foreach(cols, i, e)
        {
                if (!json_is_string(e))
                        return xstrdup(_("\"colonnes\" must be a list of column names"));
                r->cols[r->ncols++] = column_index(m, json_string_value(e));
        }
        if (!folded_strings(json_object_get(j, "termes"), &r->terms, &r->nterms) ||
            !folded_strings(json_object_get(j, "sauf"), &r->except, &r->nexcept))
                return xstrdup(_("\"termes\" and \"sauf\" must be lists of texts"));
        return NULL;
}

static char *load_target(struct mapping *m, struct target *t, json_t *j)
{
        static const char *const keys[] = {"colonne", "osm", "semaine"};
        static const enum how hows[] = {M_COLUMN, M_OSM, M_WEEK};

        if (json_is_array(j)) {
                size_t i;
                json_t *e;

                t->how = M_RULES;
                t->rules = xcalloc(json_array_size(j) + 1, sizeof(struct rule));
                json_array_foreach(j, i, e)
                {
                        char *why = load_rule(m, &t->rules[t->nrules++], e);

                        if (why != NULL)
                                return why;
                }
                return NULL;
        }
        for (size_t i = 0; json_is_object(j) && i < 3; i++) {
                json_t *c = json_object_get(j, keys[i]);

                if (c == NULL)
                        continue;
                if (!json_is_string(c))
                        return xasprintf(_("\"%s\" must name a column"), keys[i]);
                if (json_string_length(c) > 0) {
                        t->how = hows[i];
                        t->col = column_index(m, json_string_value(c));
                }
                return NULL;
        }
        return xstrdup(_("expected {\"colonne\": ...}, {\"osm\": ...}, {\"semaine\": ...} or a "
                         "list of rules"));
}

struct mapping *mapping_from_json(json_t *config, char **error)
{
        struct mapping *m;
        const char *key;
        json_t *v;

        if (sodium_init() < 0)
                die(EX_SOFTWARE, "sodium_init");
        if (!json_is_object(config)) {
                *error = xstrdup(_("a mapping is an object whose keys are schema fields"));
                return NULL;
        }
        m = xcalloc(1, sizeof(*m));
        json_object_foreach(config, key, v)
        {
                int f = schema_field_index(key);
                char *why;

                if (f < 0) {
                        *error = xasprintf(_("%s: not a field of the schema"), key);
                        mapping_free(m);
                        return NULL;
                }
                if ((why = load_target(m, &m->t[f], v)) != NULL) {
                        *error = xasprintf("%s: %s", key, why);
                        free(why);
                        mapping_free(m);
                        return NULL;
                }
        }
        return m;
}

struct mapping *mapping_load(const char *path, char **error)
{
        struct rec_reader *r = rec_open(path, fmt_from_path(path));
        struct mapping *m = NULL;
        json_t *config = NULL;
        int got;

        if (r == NULL) {
                *error = xasprintf("%s: %s", path, strerror(errno));
                return NULL;
        }
        got = rec_next(r, &config, NULL);
        if (got < 0) {
                *error = xstrdup(rec_error(r));
        } else if (got == 0) {
                *error = xasprintf(_("%s: empty mapping"), path);
        } else {
                char *why = NULL;

                m = mapping_from_json(config, &why);
                if (m == NULL) {
                        *error = xasprintf("%s: %s", path, why);
                        free(why);
                }
        }
        json_decref(config);
        rec_close(r);
        return m;
}

static void free_strings(char **v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i]);
        free(v);
}

void mapping_free(struct mapping *m)
{
        if (m == NULL)
                return;
        for (int f = 0; f < SCHEMA_NFIELDS; f++) {
                for (size_t i = 0; i < m->t[f].nrules; i++) {
                        struct rule *r = &m->t[f].rules[i];

                        free(r->cols);
                        free_strings(r->terms, r->nterms);
                        free_strings(r->except, r->nexcept);
                        free(r->target);
                }
                free(m->t[f].rules);
        }
        free_strings(m->columns, m->ncolumns);
        free(m);
}

bool mapping_has(const struct mapping *m, const char *field)
{
        int f = schema_field_index(field);

        return f >= 0 && m->t[f].how != M_NONE;
}

/* --- applying ----------------------------------------------------------------------- */

/* The text of a raw value (new string), or NULL when absent, null or empty. */
static char *raw_text(json_t *v)
{
        char *s = rec_scalar_text(v);

        if (s != NULL && s[strspn(s, " \t\r\n")] == '\0') {
                free(s);
                s = NULL;
        }
        return s;
}

/* Folded column values of one row, computed once each: rules test them many times. */
static const char *folded(const struct mapping *m, json_t *row, char **cache, int col)
{
        if (cache[col] == NULL) {
                char *s = raw_text(json_object_get(row, m->columns[col]));

                cache[col] = s == NULL ? xstrdup("") : text_fold(s);
                free(s);
        }
        return cache[col];
}

static bool contains_any(const char *s, char **terms, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (terms[i][0] != '\0' && strstr(s, terms[i]) != NULL)
                        return true;
        return false;
}

static bool rule_matches(const struct mapping *m, const struct rule *r, json_t *row, char **cache)
{
        if (r->ncols == 0)
                return true;
        for (size_t i = 0; i < r->ncols; i++) {
                const char *v = folded(m, row, cache, r->cols[i]);

                if (v[0] == '\0')
                        continue;
                if (r->terms == NULL)
                        return true;
                if (contains_any(v, r->terms, r->nterms) && !contains_any(v, r->except, r->nexcept))
                        return true;
        }
        return false;
}

static json_t *rule_targets(const struct mapping *m, const struct target *t, json_t *row,
                            char **cache)
{
        json_t *out = json_array();

        for (size_t i = 0; i < t->nrules; i++) {
                const struct rule *r = &t->rules[i];
                bool seen = false;
                size_t j;
                json_t *e;

                if (!rule_matches(m, r, row, cache))
                        continue;
                json_array_foreach(out, j, e) seen =
                    seen || strcmp(json_string_value(e), r->target) == 0;
                if (!seen)
                        json_array_append_new(out, json_string(r->target));
        }
        return out;
}

static void put_hours(json_t *rec, json_t *v, const char *field, struct schema_issues *is)
{
        char *text = raw_text(v), *osm;

        if (text == NULL)
                return;
        osm = week_text_hours(text);
        if (osm == NULL) {
                schema_issue_add(is, field, false,
                                 xstrdup(_("hours kept as written: not in opening_hours form")));
                json_object_set_new(rec, field, json_string(text));
        } else {
                json_object_set_new(rec, field, json_string(osm));
        }
        free(osm);
        free(text);
}

static void put_targets(json_t *rec, int f, json_t *targets)
{
        if (json_array_size(targets) == 0) {
                json_decref(targets);
        } else if (schema_is_list(schema_fields[f])) {
                json_object_set_new(rec, schema_fields[f], targets);
        } else { /* itinerance: one text, '|' joined */
                size_t i, len = 0;
                json_t *e;
                char *s = xcalloc(1, 1);

                json_array_foreach(targets, i, e)
                {
                        const char *t = json_string_value(e);

                        s = xrealloc(s, len + strlen(t) + 2);
                        len += (size_t)sprintf(s + len, "%s%s", len > 0 ? "|" : "", t);
                }
                json_object_set_new(rec, schema_fields[f], json_string(s));
                free(s);
                json_decref(targets);
        }
}

/* "Bus France Services" gives "bus-france-services". */
static char *slug(const char *list)
{
        char *f = text_fold(list), *o = f;

        for (const char *p = f; *p != '\0'; p++) {
                if (isalnum((unsigned char)*p))
                        *o++ = *p;
                else if (o > f && o[-1] != '-')
                        *o++ = '-';
        }
        while (o > f && o[-1] == '-')
                o--;
        *o = '\0';
        return f;
}

char *mapping_local_id(const char *list, const char *id)
{
        char *s, *full;

        if (id[0] == '\0' || id[strspn(id, "0123456789")] != '\0')
                return xstrdup(id);
        s = slug(list);
        full = xasprintf("%s-%s", s, id);
        free(s);
        return full;
}

char *mapping_content_id(const char *list, json_t *row)
{
        char *text = json_dumps(row, JSON_COMPACT | JSON_SORT_KEYS), hex[17], *s, *id;
        unsigned char h[8];

        if (text == NULL)
                die(EX_SOFTWARE, "json_dumps");
        crypto_generichash(h, sizeof(h), (const unsigned char *)text, strlen(text), NULL, 0);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        s = slug(list);
        id = xasprintf("%s-%s", s, hex);
        free(s);
        free(text);
        return id;
}

static void put_defaults(const struct mapping *m, json_t *rec, json_t *row, const char *source,
                         const char *default_date, struct schema_issues *is)
{
        char *id = raw_text(json_object_get(rec, "id"));
        char *full = id != NULL ? mapping_local_id(source, id) : mapping_content_id(source, row);

        json_object_set_new(rec, "id", json_string(full));
        free(full);
        free(id);
        if (json_object_get(rec, "source") == NULL)
                json_object_set_new(rec, "source", json_string(source));
        if (json_object_get(rec, "pivot") == NULL)
                json_object_set_new(rec, "pivot", json_string("00000000000000"));
        if (json_object_get(rec, "date_maj") == NULL && default_date != NULL) {
                json_object_set_new(rec, "date_maj", json_string(default_date));
                schema_issue_add(
                    is, "date_maj", false,
                    xasprintf(_("no update date: the file's date (%s) is used"), default_date));
        }
}

json_t *mapping_apply(const struct mapping *m, json_t *row, const char *source,
                      const char *default_date, struct schema_issues *is)
{
        json_t *rec = json_object();
        char **cache = xcalloc(m->ncolumns + 1, sizeof(char *));

        for (int f = 0; f < SCHEMA_NFIELDS; f++) {
                const struct target *t = &m->t[f];
                json_t *v = t->how == M_NONE || t->how == M_RULES
                                ? NULL
                                : json_object_get(row, m->columns[t->col]);
                char *text = raw_text(v);

                if (t->how == M_RULES)
                        put_targets(rec, f, rule_targets(m, t, row, cache));
                else if (t->how == M_WEEK)
                        put_hours(rec, v, schema_fields[f], is);
                else if (text != NULL && json_is_string(v))
                        json_object_set_new(rec, schema_fields[f], json_string(text));
                else if (text != NULL)
                        json_object_set(rec, schema_fields[f], v); /* numbers stay numbers */
                free(text);
        }
        put_defaults(m, rec, row, source, default_date, is);
        free_strings(cache, m->ncolumns);
        return rec;
}

void mapping_check_columns(const struct mapping *m, json_t *row, struct schema_issues *is)
{
        for (size_t i = 0; i < m->ncolumns; i++)
                if (json_object_get(row, m->columns[i]) == NULL)
                        schema_issue_add(
                            is, m->columns[i], false,
                            xstrdup(_("the mapping names this column but the list has none")));
}
