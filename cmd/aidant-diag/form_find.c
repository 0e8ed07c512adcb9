/* Finding forms by id (the structure's own, then the shipped ones), looking up their
 * questions and choices, and their JSON: `form show` and the answers template. */
#include "form.h"
#include "cli.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "ref.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_MAX_BYTES (4L * 1024 * 1024)

static bool is_path(const char *id)
{
        size_t n = strlen(id);

        return strchr(id, '/') != NULL || (n > 5 && strcmp(id + n - 5, ".yaml") == 0);
}

static char *read_form_file(const char *home, const char *id, char **path, size_t *len)
{
        if (is_path(id)) {
                *path = xstrdup(id);
                return fs_read_file(*path, FORM_MAX_BYTES, len);
        }
        if (home != NULL) {
                char *buf;

                *path = xasprintf("%s/diag/forms/%s.yaml", home, id);
                buf = fs_read_file(*path, FORM_MAX_BYTES, len);
                if (buf != NULL || errno != ENOENT)
                        return buf;
                free(*path);
        }
        *path = cli_share_path("diag/forms/");
        {
                char *p = xasprintf("%s%s.yaml", *path, id);

                free(*path);
                *path = p;
        }
        return fs_read_file(*path, FORM_MAX_BYTES, len);
}

struct form *form_find(const char *home, const char *id)
{
        struct form_errors errs = {0};
        char *path = NULL, *buf;
        size_t len = 0;
        struct form *f;

        buf = read_form_file(home, id, &path, &len);
        if (buf == NULL) {
                if (errno == ENOENT && !is_path(id))
                        die(EX_NOINPUT, _("unknown form '%s' (see 'aidant-diag forms')"), id);
                die(EX_NOINPUT, _("cannot read the form %s: %s"), path, strerror(errno));
        }
        f = form_parse(buf, len, path, &errs);
        free(buf);
        if (f == NULL) {
                for (size_t i = 0; i < errs.n && i < 5; i++)
                        msg_error(EX_DATAERR, "%s", errs.v[i]);
                die(EX_DATAERR, _("the form %s is invalid ('aidant-diag form check %s')"), id,
                    path);
        }
        free(path);
        return f;
}

static void list_dir(json_t *list, const char *dir, bool shipped)
{
        DIR *d = opendir(dir);
        struct dirent *e;

        if (d == NULL)
                return;
        while ((e = readdir(d)) != NULL) {
                size_t n = strlen(e->d_name);
                char *id;
                size_t i;
                json_t *it;
                bool seen = false;

                if (n <= 5 || strcmp(e->d_name + n - 5, ".yaml") != 0 || e->d_name[0] == '.')
                        continue;
                id = xstrndup(e->d_name, n - 5);
                json_array_foreach(list, i, it)
                {
                        seen =
                            seen || strcmp(json_string_value(json_object_get(it, "id")), id) == 0;
                }
                if (!seen)
                        json_array_append_new(list,
                                              json_pack("{s:s,s:s++,s:b}", "id", id, "path", dir,
                                                        "/", e->d_name, "shipped", shipped));
                free(id);
        }
        closedir(d);
}

static int by_id(const void *a, const void *b)
{
        return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "id")),
                      json_string_value(json_object_get(*(json_t *const *)b, "id")));
}

json_t *form_list(const char *home)
{
        json_t *list = json_array(), *sorted = json_array();
        char *own = home != NULL ? xasprintf("%s/diag/forms", home) : NULL;
        char *share = cli_share_path("diag/forms");
        json_t **items;
        size_t n, i;

        if (own != NULL)
                list_dir(list, own, false);
        list_dir(list, share, true);
        n = json_array_size(list);
        items = xcalloc(n > 0 ? n : 1, sizeof(*items));
        for (i = 0; i < n; i++)
                items[i] = json_array_get(list, i);
        qsort(items, n, sizeof(*items), by_id);
        for (i = 0; i < n; i++)
                json_array_append(sorted, items[i]);
        free(items);
        json_decref(list);
        free(own);
        free(share);
        return sorted;
}

const struct question *form_question(const struct form *f, const char *id)
{
        for (size_t i = 0; i < f->nquestions; i++)
                if (strcmp(f->questions[i].id, id) == 0)
                        return &f->questions[i];
        return NULL;
}

const struct choice *form_choice(const struct question *q, const char *id)
{
        for (size_t i = 0; i < q->nchoices; i++)
                if (strcmp(q->choices[i].id, id) == 0)
                        return &q->choices[i];
        return NULL;
}

const char *form_text(const struct text *t)
{
        if (t->fr == NULL)
                return t->en != NULL ? t->en : "";
        return ref_french() || t->en == NULL ? t->fr : t->en;
}

static json_t *text_json(const struct text *t)
{
        return json_pack("{s:s?,s:s?}", "fr", t->fr, "en", t->en);
}

static json_t *strings(char **v, size_t n)
{
        json_t *a = json_array();

        for (size_t i = 0; i < n; i++)
                json_array_append_new(a, json_string(v[i]));
        return a;
}

json_t *form_json(const struct form *f)
{
        json_t *qs = json_array();

        for (size_t i = 0; i < f->nquestions; i++) {
                const struct question *q = &f->questions[i];
                json_t *cs = json_array();

                for (size_t j = 0; j < q->nchoices; j++) {
                        const struct choice *c = &q->choices[j];
                        json_t *cj =
                            json_pack("{s:s,s:o}", "id", c->id, "text", text_json(&c->text));

                        if (c->level != FORM_NO_LEVEL)
                                json_object_set_new(cj, "level", json_integer(c->level));
                        if (c->nflags > 0)
                                json_object_set_new(cj, "flags", strings(c->flags, c->nflags));
                        if (c->autonomie != NULL)
                                json_object_set_new(cj, "autonomie", json_string(c->autonomie));
                        json_array_append_new(cs, cj);
                }
                json_array_append_new(
                    qs, json_pack("{s:s,s:o,s:b,s:o,s:o}", "id", q->id, "competences",
                                  strings(q->competences, q->ncompetences), "multiple", q->multiple,
                                  "text", text_json(&q->text), "choices", cs));
        }
        return json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "id", f->id, "version", f->version, "hash",
                         f->hash, "framework", f->framework, "title", text_json(&f->title),
                         "questions", qs);
}

json_t *form_answers_template(const struct form *f)
{
        json_t *answers = json_object();

        for (size_t i = 0; i < f->nquestions; i++) {
                const struct question *q = &f->questions[i];
                json_t *first = json_string(q->choices[0].id);

                json_object_set_new(answers, q->id, q->multiple ? json_pack("[o]", first) : first);
        }
        return json_pack("{s:s,s:s,s:o}", "form", f->id, "version", f->version, "answers", answers);
}
