/* Validation and normalisation of one record against the schema: the values gathered
 * from the fields and their legacy names, checked and written canonically, with issues. */
#include "xalloc.h"
#include "i18n.h"
#include "rec.h"
#include "schema_impl.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- issues ------------------------------------------------------------------------ */

void schema_issue_add(struct schema_issues *is, const char *field, bool error, char *message)
{
        if (is->n == is->cap) {
                is->cap = is->cap == 0 ? 8 : is->cap * 2;
                is->v = xrealloc(is->v, is->cap * sizeof(*is->v));
        }
        is->v[is->n++] = (struct schema_issue){xstrdup(field), message, error};
        if (error)
                is->errors++;
}

void schema_issues_clear(struct schema_issues *is)
{
        for (size_t i = 0; i < is->n; i++) {
                free(is->v[i].field);
                free(is->v[i].message);
        }
        is->n = 0;
        is->errors = 0;
}

void schema_issues_free(struct schema_issues *is)
{
        schema_issues_clear(is);
        free(is->v);
        is->v = NULL;
        is->cap = 0;
}

/* --- reading values ---------------------------------------------------------------- */

/* What one record is turned into: single values (borrowed from the input) and, for the
 * multi-valued fields, the raw items gathered from the field and its legacy names. */
struct norm {
        json_t *single[SCHEMA_NFIELDS];
        json_t *items[SCHEMA_NFIELDS]; /* new arrays of strings */
        json_t *out[SCHEMA_NFIELDS];   /* new references */
        struct schema_issues *is;
};

static void issue(struct norm *n, const char *field, bool error, char *msg)
{
        schema_issue_add(n->is, field, error, msg);
}

/* The text of a scalar, trimmed (new string), or NULL when null or empty. Sets *bad for
 * objects and arrays. */
static char *scalar_text(json_t *v, bool *bad)
{
        char *s = NULL;

        *bad = false;
        if (json_is_string(v))
                s = text_trim(json_string_value(v));
        else if (json_is_array(v) || json_is_object(v))
                *bad = true;
        else
                s = rec_scalar_text(v); /* numbers as they were given */
        if (s != NULL && s[0] == '\0') {
                free(s);
                s = NULL;
        }
        return s;
}

/* Appends the items of v (a '|' or ';' separated text, or an array of them) to list. */
static void add_items(json_t *list, json_t *v)
{
        bool bad;
        char *s, *save = NULL;

        if (json_is_array(v)) {
                size_t i;
                json_t *e;

                json_array_foreach(v, i, e) add_items(list, e);
                return;
        }
        s = json_is_string(v) ? text_squeeze(json_string_value(v)) : scalar_text(v, &bad);
        if (s == NULL)
                return;
        for (char *t = strtok_r(s, "|;", &save); t != NULL; t = strtok_r(NULL, "|;", &save)) {
                const char *piece;
                size_t len = text_trim_span(t, &piece);

                if (len > 0) /* pieces of valid UTF-8 cut at ASCII bytes */
                        json_array_append_new(list, json_stringn_nocheck(piece, len));
        }
        free(s);
}

static json_t *items_of(struct norm *n, int f)
{
        if (n->items[f] == NULL)
                n->items[f] = json_array();
        return n->items[f];
}

/* --- legacy v0 fields -------------------------------------------------------------- */

/* Values of a legacy list field sent to the v1 field to, else to spill (or dropped with a
 * warning when spill is negative). */
static void legacy_values(struct norm *n, const char *key, json_t *v, int to, int spill)
{
        json_t *raw = json_array(), *e;
        size_t i;
        bool legacy;

        add_items(raw, v);
        json_array_foreach(raw, i, e)
        {
                const char *s = json_string_value(e);

                if (schema_enum_match(to, s, &legacy) != NULL)
                        json_array_append(items_of(n, to), e);
                else if (spill >= 0 && schema_defs[spill].values != NULL &&
                         schema_enum_match(spill, s, &legacy) != NULL)
                        json_array_append(items_of(n, spill), e);
                else if (spill >= 0 && schema_defs[spill].values == NULL) {
                        json_array_append(items_of(n, spill), e);
                        issue(n, key, false,
                              xasprintf(_("\"%s\" is not a value of %s: kept in %s"), s,
                                        schema_fields[to], schema_fields[spill]));
                } else
                        issue(n, key, false,
                              xasprintf(_("\"%s\" has no equivalent in the schema: not kept"), s));
        }
        json_decref(raw);
}

static bool legacy_field(struct norm *n, const char *key, json_t *v)
{
        int to = -1;

        if (strcmp(key, "courriel") == 0)
                add_items(items_of(n, to = schema_field_index("courriels")), v);
        else if (strcmp(key, "labels_autres") == 0)
                add_items(items_of(n, to = schema_field_index("autres_formations_labels")), v);
        else if (strcmp(key, "accessibilite") == 0) {
                to = schema_field_index("fiche_acces_libre");
                if (n->single[to] == NULL)
                        n->single[to] = v;
        } else if (strcmp(key, "labels_nationaux") == 0)
                legacy_values(n, key, v, to = schema_field_index("dispositif_programmes_nationaux"),
                              schema_field_index("autres_formations_labels"));
        else if (strcmp(key, "publics_accueillis") == 0)
                legacy_values(n, key, v, to = schema_field_index("publics_specifiquement_adresses"),
                              schema_field_index("prise_en_charge_specifique"));
        else if (strcmp(key, "conditions_acces") == 0)
                legacy_values(n, key, v, to = schema_field_index("frais_a_charge"), -1);
        if (to < 0)
                return false;
        issue(n, key, false, xasprintf(_("legacy field, read as %s"), schema_fields[to]));
        return true;
}

static void gather(struct norm *n, const char *key, json_t *v)
{
        int f = schema_field_index(key);

        if (f >= 0 && schema_field_is_list(f))
                add_items(items_of(n, f), v);
        else if (f >= 0)
                n->single[f] = v;
        else if (!legacy_field(n, key, v))
                issue(n, key, false, xstrdup(_("unknown field, ignored")));
}

/* --- single values ----------------------------------------------------------------- */

static void norm_resume(struct norm *n, int f, const char *s)
{
        int detail = schema_field_index("presentation_detail");
        char *cut;

        if (text_utf8_len(s) <= 280) {
                n->out[f] = json_string(s);
                return;
        }
        cut = schema_shortened(s);
        n->out[f] = json_string(cut);
        free(cut);
        if (n->single[detail] == NULL) {
                n->out[detail] = json_string(s);
                issue(n, schema_fields[f], false,
                      xstrdup(_("longer than 280 characters: shortened, the full text is in "
                                "presentation_detail")));
        } else {
                issue(n, schema_fields[f], false,
                      xstrdup(_("longer than 280 characters: shortened")));
        }
}

/* --- fields ------------------------------------------------------------------------ */

/* The value as quoted in a message: at most about 60 bytes, cut between characters. */
static char *quoted(const char *s)
{
        size_t len = strlen(s);

        if (len <= 60)
                return xstrdup(s);
        len = 60;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
                len--;
        return xasprintf("%.*s…", (int)len, s);
}

static void bad_value(struct norm *n, int f, const char *value)
{
        char *q = quoted(value), *msg;

        switch (schema_defs[f].kind) {
        case K_PIVOT:
                msg = xasprintf(_("\"%s\" is not a SIRET (14 digits) or an RNA number (W and "
                                  "9 digits)"),
                                q);
                break;
        case K_POSTCODE:
                msg = xasprintf(_("\"%s\" is not a postcode (5 digits)"), q);
                break;
        case K_INSEE:
                msg = xasprintf(_("\"%s\" is not an INSEE commune code"), q);
                break;
        case K_COORD:
                msg = xasprintf(_("\"%s\" is not a coordinate in degrees"), q);
                break;
        case K_PHONE:
                msg = xasprintf(_("\"%s\" is not a French phone number"), q);
                break;
        case K_DATE:
                msg = xasprintf(_("\"%s\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"), q);
                break;
        case K_URL:
        case K_URLS:
                msg = xasprintf(_("\"%s\" is not a web address"), q);
                break;
        case K_EMAILS:
                msg = xasprintf(_("\"%s\" is not an email address"), q);
                break;
        default:
                msg = xasprintf(_("\"%s\" is not a value of the schema"), q);
                break;
        }
        free(q);
        if (n->is->lenient && !schema_defs[f].required) {
                char *left_out = xasprintf(_("%s: left out"), msg);

                free(msg);
                issue(n, schema_fields[f], false, left_out);
                return;
        }
        issue(n, schema_fields[f], true, msg);
}

/* The canonical value of an enumeration item, or NULL after an error. */
static const char *enum_item(struct norm *n, int f, const char *s)
{
        bool legacy = false;
        const char *c = schema_enum_match(f, s, &legacy);

        if (c == NULL)
                bad_value(n, f, s);
        else if (legacy)
                issue(n, schema_fields[f], false,
                      xasprintf(_("legacy value \"%s\" written \"%s\""), s, c));
        return c;
}

static bool has_item(json_t *a, const char *s)
{
        size_t i;
        json_t *e;

        json_array_foreach(a, i, e) if (strcmp(json_string_value(e), s) == 0) return true;
        return false;
}

/* One item of a list: canonical, checked, appended once. */
static void list_item(struct norm *n, int f, json_t *out, const char *item)
{
        enum kind kind = schema_defs[f].kind;
        char *s = NULL;
        const char *val = item;
        bool ok = true;

        if (kind == K_ENUM_LIST) {
                ok = (val = enum_item(n, f, item)) != NULL;
        } else if (kind == K_EMAILS || kind == K_URLS) {
                s = xstrdup(item);
                ok = kind == K_EMAILS ? schema_norm_email(&s) : schema_norm_url(&s);
                val = s;
                if (!ok)
                        bad_value(n, f, item);
        }
        /* items are pieces of checked UTF-8 text, enumeration values are constants */
        if (ok && !has_item(out, val))
                json_array_append_new(out, json_string_nocheck(val));
        free(s);
}

/* Several addresses in one item ("a@x.fr, b@y.fr", "https://a.fr www.b.fr"): true when
 * every word of it looks like one, so that "page facebook : X" stays one (bad) value. */
static bool several(const char *s, int f)
{
        char *copy = xstrdup(s), *save = NULL;
        bool all = true;
        int words = 0;

        for (char *t = strtok_r(copy, ", \t\r\n", &save); t != NULL;
             t = strtok_r(NULL, ", \t\r\n", &save), words++)
                all = all && strchr(t, schema_defs[f].kind == K_EMAILS ? '@' : '.') != NULL;
        free(copy);
        return all && words > 1;
}

static void norm_list(struct norm *n, int f)
{
        json_t *out = json_array(), *e;
        size_t i;

        json_array_foreach(n->items[f], i, e)
        {
                const char *item = json_string_value(e);
                char *s, *save = NULL;

                if ((schema_defs[f].kind != K_EMAILS && schema_defs[f].kind != K_URLS) ||
                    !several(item, f)) {
                        list_item(n, f, out, item);
                        continue;
                }
                s = xstrdup(item);
                for (char *t = strtok_r(s, ", \t\r\n", &save); t != NULL;
                     t = strtok_r(NULL, ", \t\r\n", &save))
                        list_item(n, f, out, t);
                free(s);
        }
        if (json_array_size(out) > 0)
                n->out[f] = out;
        else
                json_decref(out);
}

/* Keeps the first of several phone numbers ("05 56 ... / 06 12 ..."), with a warning. */
static void first_phone(struct norm *n, int f, char **s)
{
        size_t len = strcspn(*s, "/;,|\n");
        char *ou = strstr(*s, " ou ");

        if (ou != NULL && (size_t)(ou - *s) < len)
                len = (size_t)(ou - *s);
        if ((*s)[len] == '\0')
                return;
        issue(n, schema_fields[f], false,
              xasprintf(_("several numbers in \"%s\": only the first one kept"), *s));
        (*s)[len] = '\0';
}

/* itinerance: canonical values, '|' joined. */
static bool norm_enum(struct norm *n, int f, char **s)
{
        json_t *parts = json_array(), *canon = json_array(), *text = json_string(*s), *e;
        size_t i, len = 0;
        bool ok = true;

        add_items(parts, text);
        json_array_foreach(parts, i, e)
        {
                const char *c = enum_item(n, f, json_string_value(e));

                if (c == NULL)
                        ok = false;
                else if (!has_item(canon, c))
                        json_array_append_new(canon, json_string(c));
        }
        free(*s);
        *s = xcalloc(1, 1);
        json_array_foreach(canon, i, e)
        {
                const char *c = json_string_value(e);

                *s = xrealloc(*s, len + strlen(c) + 2);
                len += (size_t)sprintf(*s + len, "%s%s", len > 0 ? "|" : "", c);
        }
        json_decref(parts);
        json_decref(canon);
        json_decref(text);
        return ok && len > 0;
}

/* Normalises s, the text of field f, in place; false when it is not valid. */
static bool norm_text(struct norm *n, int f, json_t *v, char **s)
{
        double d;
        char *q;

        switch (schema_defs[f].kind) {
        case K_ID:
        case K_LINE:
        case K_HOURS:
                q = text_squeeze(*s);
                free(*s);
                *s = q;
                return true;
        case K_PIVOT:
                return schema_norm_pivot(v, s);
        case K_POSTCODE:
                return schema_norm_postcode(v, s);
        case K_INSEE:
                return schema_norm_insee(v, s);
        case K_PHONE:
                first_phone(n, f, s);
                return schema_norm_phone(
                    s, json_string_value(n->out[schema_field_index("code_postal")]));
        case K_DATE:
                return schema_norm_date(s);
        case K_URL:
                return schema_norm_url(s);
        case K_ENUM:
                return norm_enum(n, f, s);
        case K_COORD:
                if (!schema_norm_coord(v, s, f == schema_field_index("latitude") ? 90 : 180, &d))
                        return false;
                n->out[f] = json_real(d);
                return true;
        default:
                return true;
        }
}

static void norm_single(struct norm *n, int f)
{
        json_t *v = n->single[f];
        bool bad;
        char *s = scalar_text(v, &bad);

        if (bad) {
                issue(n, schema_fields[f], true,
                      xstrdup(_("expected a single value, not a list or an object")));
        } else if (s == NULL) {
                return;
        } else if (schema_defs[f].kind == K_RESUME) {
                norm_resume(n, f, s);
        } else if (!norm_text(n, f, v, &s)) {
                char *orig = scalar_text(v, &bad);

                if (schema_defs[f].kind != K_ENUM) /* enum_item said which value */
                        bad_value(n, f, orig);
                free(orig);
        } else if (n->out[f] == NULL) {
                n->out[f] = json_string(s);
        }
        free(s);
}

/* The text of a single value when present and not empty (borrowed), else NULL. */
static bool present(json_t *v)
{
        bool bad;
        char *s = scalar_text(v, &bad);

        free(s);
        return s != NULL || bad;
}

/* Lists often put "<street> - 33000 Bordeaux" in the address and leave the postcode and
 * commune columns out: take them from there. */
static void from_address(struct norm *n, json_t *extra)
{
        int cp = schema_field_index("code_postal"), com = schema_field_index("commune"),
            adr = schema_field_index("adresse");
        const char *a = json_string_value(n->single[adr]), *hit = NULL, *rest;
        size_t len;

        if (a == NULL || present(n->single[cp]))
                return;
        for (const char *p = a; *p != '\0'; p++)
                if (isdigit((unsigned char)*p) && (p == a || !isdigit((unsigned char)p[-1])) &&
                    strspn(p, "0123456789") == 5)
                        hit = p;
        if (hit == NULL)
                return;
        json_object_set_new(extra, "code_postal", json_stringn(hit, 5));
        n->single[cp] = json_object_get(extra, "code_postal");
        for (rest = hit + 5; *rest != '\0' && strchr(" ,-\t", *rest) != NULL; rest++)
                ;
        if (!present(n->single[com]) && *rest != '\0') {
                json_object_set_new(extra, "commune", json_string(rest));
                n->single[com] = json_object_get(extra, "commune");
        }
        for (len = (size_t)(hit - a); len > 0 && strchr(" ,-\t", a[len - 1]) != NULL; len--)
                ;
        if (len > 0) {
                json_object_set_new(extra, "adresse", json_stringn(a, len));
                n->single[adr] = json_object_get(extra, "adresse");
        }
}

static bool has_error(const struct schema_issues *is, size_t from, int f)
{
        for (size_t i = from; i < is->n; i++)
                if (is->v[i].error && strcmp(is->v[i].field, schema_fields[f]) == 0)
                        return true;
        return false;
}

/* Both coordinates or neither: one alone cannot place the point. */
static void pair_coordinates(struct norm *n)
{
        int la = schema_field_index("latitude"), lo = schema_field_index("longitude");

        if ((n->out[la] == NULL) == (n->out[lo] == NULL))
                return;
        issue(n, schema_fields[n->out[la] == NULL ? lo : la], false,
              xstrdup(_("latitude and longitude go together: coordinates not kept")));
        json_decref(n->out[la]);
        json_decref(n->out[lo]);
        n->out[la] = n->out[lo] = NULL;
}

/* Normalises what gather took into n: a new record, or NULL after an error. */
static json_t *normalise(struct norm *n)
{
        struct schema_issues *is = n->is;
        size_t first = is->n, errors = is->errors;
        json_t *extra = json_object(), *rec = NULL;

        from_address(n, extra);
        for (int f = 0; f < SCHEMA_NFIELDS; f++) {
                if (n->items[f] != NULL)
                        norm_list(n, f);
                else
                        norm_single(n, f);
                if (schema_defs[f].required && n->out[f] == NULL && !has_error(is, first, f))
                        issue(n, schema_fields[f], true, xstrdup(_("missing required field")));
        }
        pair_coordinates(n);
        if (is->errors == errors)
                rec = json_object();
        for (int f = 0; f < SCHEMA_NFIELDS; f++) {
                if (rec != NULL && n->out[f] != NULL)
                        json_object_set_new_nocheck(rec, schema_fields[f], n->out[f]);
                else
                        json_decref(n->out[f]);
                json_decref(n->items[f]);
        }
        json_decref(extra);
        return rec;
}

json_t *schema_normalise(json_t *raw, struct schema_issues *is)
{
        struct norm n = {.is = is};
        const char *key;
        json_t *v;

        if (!json_is_object(raw)) {
                schema_issue_add(is, "", true, xstrdup(_("a record must be an object")));
                return NULL;
        }
        json_object_foreach(raw, key, v)
        {
                gather(&n, key, v);
        }
        return normalise(&n);
}

json_t *schema_normalise_fields(const char *const *keys, json_t *const *values, size_t count,
                                struct schema_issues *is)
{
        struct norm n = {.is = is};

        for (size_t i = 0; i < count; i++)
                gather(&n, keys[i], values[i]);
        return normalise(&n);
}
