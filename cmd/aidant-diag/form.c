/* The form reader: a YAML document walked with libyaml's document API, so that each
 * question and choice keeps its line; every error is collected, not only the first. */
#include "form.h"
#include "ref.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct reader {
        yaml_document_t doc;
        const char *name;
        struct form_errors *errs;
        json_t *framework;
};

void form_errors_free(struct form_errors *e)
{
        for (size_t i = 0; i < e->n; i++)
                free(e->v[i]);
        free(e->v);
        e->v = NULL;
        e->n = 0;
}

static void add_error(struct form_errors *e, char *msg)
{
        e->v = xreallocarray(e->v, e->n + 1, sizeof(*e->v));
        e->v[e->n++] = msg;
}

__attribute__((format(printf, 4, 5))) static void bad(struct reader *r, const yaml_node_t *n,
                                                      const char *field, const char *fmt, ...)
{
        va_list ap;
        char *what;
        int len;

        va_start(ap, fmt);
        len = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        what = xmalloc((size_t)len + 1);
        va_start(ap, fmt);
        vsnprintf(what, (size_t)len + 1, fmt, ap);
        va_end(ap);
        add_error(r->errs,
                  xasprintf("%s:%lu: %s: %s", r->name,
                            (unsigned long)(n != NULL ? n->start_mark.line + 1 : 1), field, what));
        free(what);
}

static yaml_node_t *node_at(struct reader *r, int i)
{
        return yaml_document_get_node(&r->doc, i);
}

/* The scalar's text, or NULL (with an error) when n is not a scalar or holds a NUL. */
static const char *scalar(struct reader *r, yaml_node_t *n, const char *field)
{
        if (n == NULL || n->type != YAML_SCALAR_NODE) {
                bad(r, n, field, "%s", _("expected a text"));
                return NULL;
        }
        if (strlen((const char *)n->data.scalar.value) != n->data.scalar.length) {
                bad(r, n, field, "%s", _("contains a NUL character"));
                return NULL;
        }
        return (const char *)n->data.scalar.value;
}

/* Fills out[i] with the value of the key names[i] of mapping n; reports unknown and
 * repeated keys. Returns false (with an error) when n is not a mapping. */
static bool fields(struct reader *r, yaml_node_t *n, const char *field, const char *const *names,
                   yaml_node_t **out)
{
        size_t count = 0;

        while (names[count] != NULL)
                out[count++] = NULL;
        if (n == NULL || n->type != YAML_MAPPING_NODE) {
                bad(r, n, field, "%s", _("expected a mapping (key: value)"));
                return false;
        }
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
                yaml_node_t *k = node_at(r, p->key);
                const char *key = k != NULL && k->type == YAML_SCALAR_NODE
                                      ? (const char *)k->data.scalar.value
                                      : "";
                size_t i;

                for (i = 0; i < count && strcmp(names[i], key) != 0; i++)
                        ;
                if (i == count)
                        bad(r, k, field, _("unknown field '%s'"), key);
                else if (out[i] != NULL)
                        bad(r, k, field, _("field '%s' given twice"), key);
                else
                        out[i] = node_at(r, p->value);
        }
        return true;
}

static bool valid_id(const char *s)
{
        size_t n = strlen(s);

        if (n == 0 || n > 64 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
                return false;
        for (size_t i = 0; i < n; i++)
                if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_' &&
                    s[i] != '-')
                        return false;
        return true;
}

/* The id of a mapping, before its fields are read (so that their errors name it). */
static const char *peek_id(struct reader *r, yaml_node_t *n)
{
        if (n == NULL || n->type != YAML_MAPPING_NODE)
                return NULL;
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
                yaml_node_t *k = node_at(r, p->key), *v = node_at(r, p->value);

                if (k != NULL && k->type == YAML_SCALAR_NODE &&
                    strcmp((const char *)k->data.scalar.value, "id") == 0 && v != NULL &&
                    v->type == YAML_SCALAR_NODE && valid_id((const char *)v->data.scalar.value))
                        return (const char *)v->data.scalar.value;
        }
        return NULL;
}

static char *read_id(struct reader *r, yaml_node_t *n, const char *field)
{
        const char *s;

        if (n == NULL) {
                bad(r, NULL, field, "%s", _("missing"));
                return NULL;
        }
        s = scalar(r, n, field);
        if (s == NULL)
                return NULL;
        if (!valid_id(s)) {
                bad(r, n, field, _("'%s' is not an id (a-z, 0-9, '_', '-')"), s);
                return NULL;
        }
        return xstrdup(s);
}

/* A text: one string (French) or {fr, en}. required says whether it may be absent. */
static void read_text(struct reader *r, yaml_node_t *n, const char *field, bool required,
                      struct text *t)
{
        static const char *const names[] = {"fr", "en", NULL};
        yaml_node_t *v[2];
        const char *s;

        if (n == NULL) {
                if (required)
                        bad(r, NULL, field, "%s", _("missing"));
                return;
        }
        if (n->type == YAML_SCALAR_NODE) {
                s = scalar(r, n, field);
                t->fr = s != NULL ? xstrdup(s) : NULL;
        } else if (fields(r, n, field, names, v)) {
                if (v[0] == NULL)
                        bad(r, n, field, "%s", _("the French text (fr) is missing"));
                else if ((s = scalar(r, v[0], field)) != NULL)
                        t->fr = xstrdup(s);
                if (v[1] != NULL && (s = scalar(r, v[1], field)) != NULL)
                        t->en = xstrdup(s);
        }
        if (t->fr != NULL && t->fr[0] == '\0')
                bad(r, n, field, "%s", _("empty text"));
}

static void free_text(struct text *t)
{
        free(t->fr);
        free(t->en);
}

static bool read_bool(struct reader *r, yaml_node_t *n, const char *field)
{
        const char *s = n != NULL ? scalar(r, n, field) : NULL;

        if (s == NULL)
                return false;
        if (strcmp(s, "true") == 0)
                return true;
        if (strcmp(s, "false") != 0)
                bad(r, n, field, _("'%s' is neither true nor false"), s);
        return false;
}

static int read_level(struct reader *r, yaml_node_t *n, const char *field, int max)
{
        const char *s = n != NULL ? scalar(r, n, field) : NULL;
        size_t i;

        if (s == NULL)
                return FORM_NO_LEVEL;
        for (i = 0; isdigit((unsigned char)s[i]); i++)
                ;
        if (i == 0 || s[i] != '\0' || i > 2 || atoi(s) > max) {
                bad(r, n, field, _("level '%s' is out of range (0 to %d)"), s, max);
                return FORM_NO_LEVEL;
        }
        return atoi(s);
}

/* A list of scalars; each is checked by ok (NULL: any). Returns the count. */
static size_t read_list(struct reader *r, yaml_node_t *n, const char *field, char ***out,
                        bool (*ok)(struct reader *r, yaml_node_t *item, const char *s,
                                   const char *field))
{
        size_t count = 0;

        *out = NULL;
        if (n == NULL)
                return 0;
        if (n->type != YAML_SEQUENCE_NODE) {
                bad(r, n, field, "%s", _("expected a list"));
                return 0;
        }
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
                yaml_node_t *item = node_at(r, *it);
                const char *s = scalar(r, item, field);
                size_t j;

                if (s == NULL || !ok(r, item, s, field))
                        continue;
                for (j = 0; j < count && strcmp((*out)[j], s) != 0; j++)
                        ;
                if (j < count) {
                        bad(r, item, field, _("'%s' is listed twice"), s);
                        continue;
                }
                *out = xreallocarray(*out, count + 1, sizeof(**out));
                (*out)[count++] = xstrdup(s);
        }
        return count;
}

static bool known_flag(struct reader *r, yaml_node_t *item, const char *s, const char *field)
{
        if (ref_flag("barriers", s) != NULL || ref_flag("needs", s) != NULL)
                return true;
        bad(r, item, field, _("unknown flag '%s' (see share/aidant/diag/flags.yaml)"), s);
        return false;
}

static bool known_competence(struct reader *r, yaml_node_t *item, const char *s, const char *field)
{
        if (r->framework == NULL || ref_competence(r->framework, s) != NULL)
                return true;
        bad(r, item, field, _("unknown competence code '%s' of framework %s"), s,
            json_string_value(json_object_get(r->framework, "id")));
        return false;
}

static void read_choice(struct reader *r, yaml_node_t *n, const char *qfield, int max,
                        struct choice *c)
{
        static const char *const names[] = {"id", "text", "level", "flags", "autonomie", NULL};
        yaml_node_t *v[5];
        const char *id = peek_id(r, n);
        char *field =
            id != NULL ? xasprintf("%s.choices[%s]", qfield, id) : xasprintf("%s.choices", qfield);

        c->level = FORM_NO_LEVEL;
        c->line = n != NULL ? (long)n->start_mark.line + 1 : 0;
        if (fields(r, n, field, names, v)) {
                c->id = read_id(r, v[0], field);
                read_text(r, v[1], field, true, &c->text);
                c->level = read_level(r, v[2], field, max);
                const char *s;

                c->nflags = read_list(r, v[3], field, &c->flags, known_flag);
                if (v[4] != NULL && (s = scalar(r, v[4], field)) != NULL) {
                        if (ref_flag("autonomie", s) == NULL)
                                bad(r, v[4], field, _("unknown autonomy '%s'"), s);
                        else
                                c->autonomie = xstrdup(s);
                }
        }
        free(field);
}

static void check_question(struct reader *r, yaml_node_t *n, const char *field,
                           const struct question *q)
{
        bool leveled = false;

        if (q->nchoices < 2)
                bad(r, n, field, "%s", _("a question needs at least two choices"));
        for (size_t i = 0; i < q->nchoices; i++) {
                leveled = leveled || q->choices[i].level != FORM_NO_LEVEL;
                for (size_t j = 0; j < i; j++)
                        if (q->choices[i].id != NULL && q->choices[j].id != NULL &&
                            strcmp(q->choices[i].id, q->choices[j].id) == 0) {
                                add_error(r->errs,
                                          xasprintf(_("%s:%ld: %s: choice id '%s' given twice "
                                                      "(first on line %ld)"),
                                                    r->name, q->choices[i].line, field,
                                                    q->choices[i].id, q->choices[j].line));
                        }
        }
        if (q->ncompetences > 0 && !leveled)
                bad(r, n, field, "%s", _("informs competences but no choice has a level"));
        if (q->ncompetences == 0 && leveled)
                bad(r, n, field, "%s",
                    _("a choice has a level but the question informs no "
                      "competence"));
}

/* Where each competence of q stands in the framework's list (for the scoring). */
static void index_competences(struct reader *r, struct question *q)
{
        json_t *comps = json_object_get(r->framework, "competences"), *c;
        size_t i;

        q->competence_index =
            xcalloc(q->ncompetences > 0 ? q->ncompetences : 1, sizeof(*q->competence_index));
        json_array_foreach(comps, i, c)
        {
                const char *code = json_string_value(json_object_get(c, "code"));

                for (size_t k = 0; k < q->ncompetences; k++)
                        if (strcmp(q->competences[k], code) == 0)
                                q->competence_index[k] = i;
        }
}

static void read_question(struct reader *r, yaml_node_t *n, int max, struct question *q)
{
        static const char *const names[] = {"id",       "text",    "competences",
                                            "multiple", "choices", NULL};
        yaml_node_t *v[5];
        const char *id = peek_id(r, n);
        char *field = id != NULL ? xasprintf("questions[%s]", id) : xstrdup("questions");

        q->line = n != NULL ? (long)n->start_mark.line + 1 : 0;
        if (!fields(r, n, field, names, v)) {
                free(field);
                return;
        }
        q->id = read_id(r, v[0], field);
        read_text(r, v[1], field, true, &q->text);
        q->ncompetences = read_list(r, v[2], field, &q->competences, known_competence);
        index_competences(r, q);
        q->multiple = read_bool(r, v[3], field);
        if (v[4] == NULL || v[4]->type != YAML_SEQUENCE_NODE) {
                bad(r, v[4] != NULL ? v[4] : n, field, "%s", _("expected a list of choices"));
        } else {
                yaml_node_item_t *it = v[4]->data.sequence.items.start;
                size_t count = (size_t)(v[4]->data.sequence.items.top - it);

                q->choices = xcalloc(count > 0 ? count : 1, sizeof(*q->choices));
                for (; it < v[4]->data.sequence.items.top; it++)
                        read_choice(r, node_at(r, *it), field, max, &q->choices[q->nchoices++]);
        }
        check_question(r, n, field, q);
        free(field);
}

static void read_framework(struct reader *r, yaml_node_t *n, struct form *f)
{
        const char *s = n != NULL ? scalar(r, n, "framework") : NULL;

        f->max_level = 8;
        if (n == NULL)
                bad(r, NULL, "framework", "%s", _("missing"));
        if (s == NULL)
                return;
        r->framework = ref_framework(s);
        if (r->framework == NULL) {
                bad(r, n, "framework", _("unknown framework '%s' (pix, digcomp or clea)"), s);
                return;
        }
        f->framework = xstrdup(s);
        f->max_level = ref_levels(r->framework);
}

static void read_questions(struct reader *r, yaml_node_t *n, struct form *f)
{
        yaml_node_item_t *it;

        if (n == NULL || n->type != YAML_SEQUENCE_NODE ||
            n->data.sequence.items.start == n->data.sequence.items.top) {
                bad(r, n, "questions", "%s", _("expected a list of at least one question"));
                return;
        }
        it = n->data.sequence.items.start;
        f->questions = xcalloc((size_t)(n->data.sequence.items.top - it), sizeof(*f->questions));
        for (; it < n->data.sequence.items.top; it++) {
                struct question *q = &f->questions[f->nquestions++];

                read_question(r, node_at(r, *it), f->max_level, q);
                for (size_t j = 0; q->id != NULL && j + 1 < f->nquestions; j++)
                        if (f->questions[j].id != NULL && strcmp(f->questions[j].id, q->id) == 0)
                                add_error(r->errs,
                                          xasprintf(_("%s:%ld: questions[%s]: question id given "
                                                      "twice (first on line %ld)"),
                                                    r->name, q->line, q->id, f->questions[j].line));
        }
}

static void read_form(struct reader *r, yaml_node_t *root, struct form *f)
{
        static const char *const names[] = {"id",      "framework", "title", "description",
                                            "scoring", "questions", NULL};
        yaml_node_t *v[6];

        if (!fields(r, root, "form", names, v))
                return;
        f->id = read_id(r, v[0], "id");
        read_framework(r, v[1], f);
        read_text(r, v[2], "title", true, &f->title);
        read_text(r, v[3], "description", false, &f->description);
        read_text(r, v[4], "scoring", false, &f->scoring);
        read_questions(r, v[5], f);
}

struct form *form_parse(const char *buf, size_t len, const char *name, struct form_errors *errs)
{
        struct reader r = {.name = name, .errs = errs};
        yaml_parser_t parser;
        struct form *f = xcalloc(1, sizeof(*f));
        unsigned char h[32];

        crypto_generichash(h, sizeof(h), (const unsigned char *)buf, len, NULL, 0);
        sodium_bin2hex(f->hash, sizeof(f->hash), h, sizeof(h));
        memcpy(f->version, f->hash, 16);
        f->version[16] = '\0';
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
        if (!yaml_parser_load(&parser, &r.doc)) {
                add_error(errs, xasprintf("%s:%lu: yaml: %s", name,
                                          (unsigned long)parser.problem_mark.line + 1,
                                          parser.problem != NULL ? parser.problem : "?"));
                yaml_parser_delete(&parser);
                form_free(f);
                return NULL;
        }
        if (yaml_document_get_root_node(&r.doc) == NULL)
                add_error(errs, xasprintf(_("%s:1: form: the file is empty"), name));
        else
                read_form(&r, yaml_document_get_root_node(&r.doc), f);
        yaml_document_delete(&r.doc);
        yaml_parser_delete(&parser);
        if (errs->n > 0) {
                form_free(f);
                return NULL;
        }
        return f;
}

void form_free(struct form *f)
{
        if (f == NULL)
                return;
        for (size_t i = 0; i < f->nquestions; i++) {
                struct question *q = &f->questions[i];

                for (size_t j = 0; j < q->nchoices; j++) {
                        struct choice *c = &q->choices[j];

                        for (size_t k = 0; k < c->nflags; k++)
                                free(c->flags[k]);
                        free(c->flags);
                        free(c->id);
                        free(c->autonomie);
                        free_text(&c->text);
                }
                for (size_t k = 0; k < q->ncompetences; k++)
                        free(q->competences[k]);
                free(q->competences);
                free(q->competence_index);
                free(q->choices);
                free(q->id);
                free_text(&q->text);
        }
        free(f->questions);
        free(f->id);
        free(f->framework);
        free_text(&f->title);
        free_text(&f->description);
        free_text(&f->scoring);
        free(f);
}
