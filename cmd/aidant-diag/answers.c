/* An answers document {form, version, usager?, date?, answers: {question: choice |
 * [choices] | null}} checked against its form and made into a diagnosis document. */
#include "diagnose.h"
#include "clock.h"
#include "i18n.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 4, 5))) static json_t *fail(char **error, const char *where,
                                                          const char *field, const char *fmt, ...)
{
        va_list ap;
        char *what;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        what = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(what, (size_t)n + 1, fmt, ap);
        va_end(ap);
        *error = xasprintf("%s: %s: %s", where, field, what);
        free(what);
        return NULL;
}

static char *choice_ids(const struct question *q)
{
        const char **ids = xcalloc(q->nchoices, sizeof(*ids));
        size_t len = 1, i;
        char *out;

        for (i = 0; i < q->nchoices; i++) {
                ids[i] = q->choices[i].id;
                len += strlen(ids[i]) + 2;
        }
        out = xmalloc(len);
        out[0] = '\0';
        for (i = 0; i < q->nchoices; i++) {
                if (i > 0)
                        strcat(out, ", ");
                strcat(out, ids[i]);
        }
        free(ids);
        return out;
}

static bool chose(json_t *ids, const char *id)
{
        size_t i;
        json_t *v;

        json_array_foreach(ids, i, v)
        {
                if (strcmp(json_string_value(v), id) == 0)
                        return true;
        }
        return false;
}

/* The choices of one answer, in the form's order: new array, or NULL with *error. */
static json_t *one_answer(const struct question *q, json_t *v, const char *where, char **error)
{
        json_t *given = json_is_array(v) ? json_incref(v) : json_pack("[O]", v), *out, *it;
        size_t i;

        if (json_is_array(v) && !q->multiple) {
                json_decref(given);
                return fail(error, where, q->id, "%s",
                            _("one choice only: this question is not multiple"));
        }
        json_array_foreach(given, i, it)
        {
                if (!json_is_string(it) || form_choice(q, json_string_value(it)) == NULL) {
                        char *ids = choice_ids(q), *s = json_dumps(it, JSON_ENCODE_ANY);

                        fail(error, where, q->id, _("%s is not one of its choices (%s)"), s, ids);
                        free(s);
                        free(ids);
                        json_decref(given);
                        return NULL;
                }
        }
        out = json_array();
        for (i = 0; i < q->nchoices; i++)
                if (chose(given, q->choices[i].id))
                        json_array_append_new(out, json_string(q->choices[i].id));
        json_decref(given);
        return out;
}

/* Appends the error of one bad answer to *error (lines joined by newlines). */
static void more(char **error, char *one)
{
        char *all = *error == NULL ? xstrdup(one) : xasprintf("%s\n%s", *error, one);

        free(*error);
        free(one);
        *error = all;
}

/* {question: [choices]} of the answered questions, or NULL with every bad answer in
 * *error, one a line. */
static json_t *chosen_of(const struct form *f, json_t *answers, const char *where, char **error)
{
        json_t *chosen = json_object(), *v;
        const char *qid;

        if (!json_is_object(answers)) {
                json_decref(chosen);
                return fail(error, where, "answers", "%s",
                            _("expected an object {question id: choice id}"));
        }
        json_object_foreach(answers, qid, v)
        {
                const struct question *q = form_question(f, qid);
                char *one = NULL;
                json_t *c;

                if (q == NULL) {
                        fail(&one, where, qid, _("no such question in form %s"), f->id);
                        more(error, one);
                        continue;
                }
                if (json_is_null(v) || (json_is_array(v) && json_array_size(v) == 0))
                        continue; /* skipped */
                c = one_answer(q, v, where, &one);
                if (c == NULL)
                        more(error, one);
                else
                        json_object_set_new(chosen, qid, c);
        }
        if (*error != NULL) {
                json_decref(chosen);
                return NULL;
        }
        return chosen;
}

static json_t *check_header(const struct form *f, json_t *doc, const char *where, char **error)
{
        static const char *const known[] = {"form", "version", "usager", "date", "answers", NULL};
        const char *key, *s;
        json_t *v;

        if (!json_is_object(doc))
                return fail(error, where, "answers", "%s", _("expected an answers document"));
        json_object_foreach(doc, key, v)
        {
                int i;

                for (i = 0; known[i] != NULL && strcmp(known[i], key) != 0; i++)
                        ;
                if (known[i] == NULL)
                        return fail(error, where, key, "%s", _("unknown field"));
        }
        s = json_string_value(json_object_get(doc, "form"));
        if (json_object_get(doc, "form") != NULL && (s == NULL || strcmp(s, f->id) != 0))
                return fail(error, where, "form", _("these answers are not for form %s"), f->id);
        s = json_string_value(json_object_get(doc, "version"));
        if (json_object_get(doc, "version") != NULL && (s == NULL || strcmp(s, f->version) != 0))
                return fail(error, where, "version",
                            _("these answers are for another version of form %s (this one is %s)"),
                            f->id, f->version);
        v = json_object_get(doc, "usager");
        if (v != NULL && (!json_is_string(v) || !diag_valid_pseudonym(json_string_value(v))))
                return fail(error, where, "usager", "%s",
                            _("a pseudonym is letters, digits, '-' or '_' (never a name)"));
        return doc;
}

json_t *diag_from_answers(const struct form *f, json_t *doc, const char *where,
                          const struct diag_input *in, char **error)
{
        json_t *chosen, *dj;
        char date[11], pseudo[16];
        const char *usager;

        *error = NULL;
        if (check_header(f, doc, where, error) == NULL)
                return NULL;
        dj = json_object_get(doc, "date");
        if (dj != NULL &&
            (!json_is_string(dj) || clock_parse_date(json_string_value(dj), date) != 0))
                return fail(error, where, "date", "%s", _("not a date (YYYY-MM-DD)"));
        if (dj == NULL)
                snprintf(date, sizeof(date), "%s", in->date);
        chosen = chosen_of(f, json_object_get(doc, "answers"), where, error);
        if (chosen == NULL)
                return NULL;
        usager = json_string_value(json_object_get(doc, "usager"));
        if (usager == NULL)
                usager = in->usager;
        if (usager == NULL) {
                diag_new_pseudonym(pseudo);
                usager = pseudo;
        }
        return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:s,s:o,s:o}", "format", DIAG_FORMAT,
                         "form", f->id, "form_version", f->version, "form_hash", f->hash,
                         "framework", f->framework, "date", date, "structure", in->structure,
                         "usager", usager, "answers", chosen, "result", diag_score(f, chosen));
}
