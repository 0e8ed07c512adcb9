/* search --query: the query document an orientation writes (one JSON or YAML object of
 * lists of needs, words and "match"), its values matched leniently as imports match them;
 * a field the command line sets is the command line's. */
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "query.h"
#include "rec.h"
#include "schema.h"
#include "xalloc.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_MAX (1024 * 1024) /* a query document is a few lines */

static const struct {
        const char *field;
        size_t offset;
} lists[] = {
    {"services", offsetof(struct query, services)},
    {"prise_en_charge_specifique", offsetof(struct query, prises)},
    {"modalites_acces", offsetof(struct query, acces)},
    {"publics_specifiquement_adresses", offsetof(struct query, publics)},
    {"frais_a_charge", offsetof(struct query, frais)},
};

#define NLISTS (sizeof(lists) / sizeof(*lists))

struct doc {
        const char *name; /* for messages */
        const char *text;
        long line; /* where the object starts */
};

/* True when the line at p names key as a JSON ("key":) or YAML (key: or 'key':) key. */
static bool line_has_key(const char *p, size_t n, const char *key)
{
        size_t k = strlen(key);

        for (size_t i = 0; i + k + 2 <= n; i++) {
                char q = p[i];
                size_t j = i + 1 + k;

                if ((q != '"' && q != '\'') || memcmp(p + i + 1, key, k) != 0 || p[i + 1 + k] != q)
                        continue;
                for (j++; j < n && (p[j] == ' ' || p[j] == '\t'); j++)
                        ;
                if (j < n && p[j] == ':')
                        return true;
        }
        while (n > 0 && (*p == ' ' || *p == '\t' || *p == '-')) {
                p++;
                n--;
        }
        return n > k && memcmp(p, key, k) == 0 && p[k] == ':';
}

/* The line at or after from (1-based) where the document names key, else from. */
static long line_after(const struct doc *d, long from, const char *key, bool as_key)
{
        const char *p = d->text;
        long line = 1;

        for (; *p != '\0' && line < from; p++)
                line += *p == '\n';
        while (*p != '\0') {
                const char *nl = strchr(p, '\n');
                size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

                if (as_key ? line_has_key(p, n, key) : memmem(p, n, key, strlen(key)) != NULL)
                        return line;
                if (nl == NULL)
                        break;
                p = nl + 1;
                line++;
        }
        return from;
}

static long key_line(const struct doc *d, const char *key)
{
        return line_after(d, d->line, key, true);
}

/* The error of a field, on the line of value when there is one: "file:line: field: what"
 * (new string; what is taken over). */
static char *bad(const struct doc *d, const char *field, const char *value, char *what)
{
        long line = key_line(d, field);
        char *msg;

        for (int i = 0; value != NULL && i < 4; i++) { /* as JSON or YAML may write it */
                static const char *const forms[] = {"\"%s\"", "'%s'", "- %s", "%s"};
                char *form = xasprintf(forms[i], value);
                long at = line_after(d, line, form, false);

                free(form);
                if (at != line || i == 3) {
                        line = at;
                        break;
                }
        }
        /* TRANSLATORS: file:line: field: what */
        msg = xasprintf(_("%s:%ld: %s: %s"), d->name, line, field, what);
        free(what);
        return msg;
}

/* One list of the document, its values canonical; a single text is a list of one.
 * Returns NULL or the error. */
static char *read_list(const struct doc *d, const char *field, json_t *v, struct query_list *l)
{
        json_t *one = json_is_string(v) ? json_pack("[O]", v) : json_incref(v), *e;
        char *error = NULL;
        size_t i;

        if (!json_is_array(one) && !json_is_null(one))
                error = bad(d, field, NULL, xstrdup(_("expected a list of values of the schema")));
        json_array_foreach(one, i, e)
        {
                const char *s = json_string_value(e), *c;

                if (s == NULL) {
                        error = bad(d, field, NULL,
                                    xstrdup(_("expected a list of values of the schema")));
                        break;
                }
                c = schema_enum_canonical(field, s);
                if (c == NULL) {
                        error = bad(d, field, s,
                                    xasprintf(_("'%s' is not one of the values of the schema"), s));
                        break;
                }
                query_list_add(l, c);
        }
        json_decref(one);
        return error;
}

/* "match": *any true for "any" (the default), false for "all". Returns NULL or the error. */
static char *read_match(const struct doc *d, json_t *v, bool *any)
{
        const char *s = json_string_value(v);

        *any = v == NULL || json_is_null(v) || (s != NULL && strcmp(s, "any") == 0);
        if (*any || (s != NULL && strcmp(s, "all") == 0))
                return NULL;
        return bad(d, "match", NULL, xstrdup(_("expected \"any\" or \"all\"")));
}

static char *read_text(const struct doc *d, json_t *v, struct query *q)
{
        if (!json_is_string(v) && !json_is_null(v))
                return bad(d, "text", NULL, xstrdup(_("expected a text")));
        if (q->text == NULL && json_string_length(v) > 0)
                q->text = xstrdup(json_string_value(v));
        return NULL;
}

static char *read_field(const struct doc *d, const char *key, json_t *v, bool any, struct query *q)
{
        size_t i = 0;

        while (i < NLISTS && strcmp(lists[i].field, key) != 0)
                i++;
        if (i < NLISTS) {
                struct query_list *l = (struct query_list *)((char *)q + lists[i].offset);
                struct query_list got = {.any = any};
                char *error = read_list(d, key, v, &got);

                if (error == NULL && !l->set)
                        *l = got;
                return error;
        }
        if (strcmp(key, "text") == 0)
                return read_text(d, v, q);
        if (strcmp(key, "match") == 0)
                return NULL;
        return bad(d, key, NULL,
                   xstrdup(_("not a field of a query document (services, "
                             "prise_en_charge_specifique, modalites_acces, "
                             "publics_specifiquement_adresses, frais_a_charge, text, match)")));
}

/* The document's single object (new reference in *obj), or the error. */
static char *read_object(struct doc *d, size_t len, json_t **obj)
{
        struct rec_reader *rd = rec_open_mem(d->text, len, FMT_AUTO, d->name);
        struct rec_loc loc;
        json_t *more = NULL;
        char *error = NULL;
        int got = rec_next(rd, obj, &loc);

        if (got > 0) {
                d->line = loc.line;
                got = rec_next(rd, &more, &loc);
                if (got > 0)
                        error = xasprintf(
                            _("%s:%ld: one query document expected, another one starts here"),
                            d->name, loc.line);
        } else if (got == 0) {
                error = xasprintf(_("%s:1: the query document is empty"), d->name);
        }
        if (got < 0)
                error = xstrdup(rec_error(rd));
        json_decref(more);
        rec_close(rd);
        if (error != NULL) {
                json_decref(*obj);
                *obj = NULL;
        }
        return error;
}

char *query_parse_document(struct query *q, const char *text, size_t len, const char *name)
{
        struct doc d = {name, text, 1};
        json_t *obj, *v;
        const char *key;
        bool any = true;
        char *error = read_object(&d, len, &obj);

        if (error == NULL)
                error = read_match(&d, json_object_get(obj, "match"), &any);
        json_object_foreach(obj, key, v)
        {
                if (error == NULL)
                        error = read_field(&d, key, v, any, q);
        }
        json_decref(obj);
        return error;
}

static char *read_all(const char *path, size_t *len)
{
        char *buf;
        size_t cap = 4096, n = 0, got;

        if (strcmp(path, "-") != 0)
                return fs_read_file(path, DOC_MAX, len);
        buf = xmalloc(cap);
        while ((got = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
                n += got;
                if (n + 1 == cap) {
                        if (cap > DOC_MAX) {
                                free(buf);
                                errno = EFBIG;
                                return NULL;
                        }
                        cap *= 2;
                        buf = xrealloc(buf, cap);
                }
        }
        if (ferror(stdin)) {
                free(buf);
                errno = EIO;
                return NULL;
        }
        buf[n] = '\0';
        *len = n;
        return buf;
}

void query_read_document(struct query *q, const char *path)
{
        size_t len = 0;
        char *text = read_all(path, &len), *error;

        if (text == NULL)
                die(errno == EIO ? EX_IOERR : EX_NOINPUT, "%s: %s", path, strerror(errno));
        error = query_parse_document(q, text, len, strcmp(path, "-") == 0 ? "<stdin>" : path);
        free(text);
        if (error != NULL) {
                msg_error(EX_DATAERR, "%s", error);
                free(error);
                exit(EX_DATAERR);
        }
}
