/* The reference data of share/aidant/diag, each file read once on first use. */
#include "ref.h"
#include "cli.h"
#include "i18n.h"
#include "msg.h"
#include "rec.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

const char *const ref_framework_ids[] = {"pix", "digcomp", "clea", NULL};

static json_t *loaded; /* rel path -> document, kept until exit */

json_t *ref_load(const char *rel)
{
        char *path = cli_share_path(rel);
        struct rec_reader *r = rec_open(path, FMT_YAML);
        json_t *doc = NULL;

        if (r == NULL)
                die(EX_CONFIG, _("cannot read the reference data %s"), path);
        if (rec_next(r, &doc, NULL) != 1 || !json_is_object(doc))
                die(EX_CONFIG, _("invalid reference data: %s"),
                    rec_error(r) != NULL ? rec_error(r) : path);
        rec_close(r);
        free(path);
        return doc;
}

static json_t *cached(const char *rel)
{
        json_t *doc;

        if (loaded == NULL)
                loaded = json_object();
        doc = json_object_get(loaded, rel);
        if (doc == NULL) {
                doc = ref_load(rel);
                json_object_set_new(loaded, rel, doc);
        }
        return doc;
}

json_t *ref_framework(const char *id)
{
        static json_t *frameworks[3]; /* in the order of ref_framework_ids */
        char rel[64];

        for (int i = 0; id != NULL && ref_framework_ids[i] != NULL; i++) {
                if (strcmp(ref_framework_ids[i], id) != 0)
                        continue;
                if (frameworks[i] == NULL) {
                        snprintf(rel, sizeof(rel), "diag/frameworks/%s.yaml", id);
                        frameworks[i] = cached(rel);
                }
                return frameworks[i];
        }
        return NULL;
}

json_t *ref_competence(json_t *framework, const char *code)
{
        size_t i;
        json_t *c;

        json_array_foreach(json_object_get(framework, "competences"), i, c)
        {
                if (strcmp(json_string_value(json_object_get(c, "code")), code) == 0)
                        return c;
        }
        return NULL;
}

int ref_levels(json_t *framework)
{
        const char *s = json_string_value(json_object_get(framework, "levels"));

        return s != NULL ? atoi(s) : 0;
}

json_t *ref_crosswalk(void)
{
        return cached("diag/crosswalk.yaml");
}

static json_t *flags_doc;   /* flags.yaml */
static json_t *flags_index; /* list -> {id -> entry}: every diagnosis looks flags up */
static json_t *flags_pos;   /* list -> {id -> rank in the list} */

json_t *ref_flags(void)
{
        const char *list;
        json_t *entries;

        if (flags_doc != NULL)
                return flags_doc;
        flags_doc = cached("diag/flags.yaml");
        flags_index = json_object();
        flags_pos = json_object();
        json_object_foreach(flags_doc, list, entries)
        {
                json_t *byid = json_object(), *rank = json_object(), *f;
                size_t i;

                json_array_foreach(entries, i, f)
                {
                        const char *id = json_string_value(json_object_get(f, "id"));

                        if (id == NULL)
                                continue;
                        json_object_set(byid, id, f);
                        json_object_set_new(rank, id, json_integer((json_int_t)i));
                }
                json_object_set_new(flags_index, list, byid);
                json_object_set_new(flags_pos, list, rank);
        }
        json_object_set_new(loaded, "flags index", flags_index);
        json_object_set_new(loaded, "flags ranks", flags_pos);
        return flags_doc;
}

json_t *ref_flag(const char *list, const char *id)
{
        ref_flags();
        return id != NULL ? json_object_get(json_object_get(flags_index, list), id) : NULL;
}

int ref_flag_pos(const char *list, const char *id)
{
        json_t *v;

        ref_flags();
        v = json_object_get(json_object_get(flags_pos, list), id);
        return v != NULL ? (int)json_integer_value(v) : -1;
}

bool ref_french(void)
{
        const char *l = setlocale(LC_MESSAGES, NULL);

        return l != NULL && strncmp(l, "fr", 2) == 0;
}

const char *ref_text(json_t *obj)
{
        const char *fr = json_string_value(json_object_get(obj, "fr"));
        const char *en = json_string_value(json_object_get(obj, "en"));

        if (fr == NULL)
                return en != NULL ? en : "";
        return ref_french() || en == NULL ? fr : en;
}
