/* The diagnosis document of a portable file, checked before it is believed: the canonical
 * JSON byte for byte, then every field that show, compare, orient, summary and list read,
 * with the type and range they expect. A key trusted is a structure trusted, not a
 * guarantee that its program had no bug: a document that passes here cannot crash them
 * nor put a control character on the terminal. */
#include "clock.h"
#include "diagnose.h"
#include "i18n.h"
#include "portable.h"
#include "ref.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when no string of v (keys included) holds a control character. */
static bool printable(json_t *v)
{
        const char *k;
        json_t *m;
        size_t i;

        if (json_is_string(v)) {
                for (const unsigned char *s = (const unsigned char *)json_string_value(v); *s; s++)
                        if (*s < 0x20 || *s == 0x7f)
                                return false;
                return json_string_length(v) == strlen(json_string_value(v));
        }
        json_object_foreach(v, k, m)
        {
                json_t *key = json_string(k);
                bool ok = key != NULL && printable(key);

                json_decref(key);
                if (!ok || !printable(m))
                        return false;
        }
        json_array_foreach(v, i, m)
        {
                if (!printable(m))
                        return false;
        }
        return true;
}

static bool strings(json_t *a)
{
        size_t i;
        json_t *v;

        if (!json_is_array(a))
                return false;
        json_array_foreach(a, i, v)
        {
                if (!json_is_string(v))
                        return false;
        }
        return true;
}

static const char *str(json_t *obj, const char *key)
{
        return json_string_value(json_object_get(obj, key));
}

/* levels: competence codes of the framework, each null or a level of its range. */
static const char *check_levels(json_t *fw, json_t *levels)
{
        const char *code;
        json_t *v;

        if (!json_is_object(levels))
                return "result.levels";
        json_object_foreach(levels, code, v)
        {
                if (ref_competence(fw, code) == NULL ||
                    !(json_is_null(v) || (json_is_integer(v) && json_integer_value(v) >= 0 &&
                                          json_integer_value(v) <= ref_levels(fw))))
                        return "result.levels";
        }
        return NULL;
}

/* The field of result that is wrong, or NULL. */
static const char *check_result(json_t *fw, json_t *res)
{
        static const char *const where[] = {"services", "prise_en_charge_specifique",
                                            "modalites_acces"};
        json_t *o = json_object_get(res, "orientation"), *v;
        const char *bad = check_levels(fw, json_object_get(res, "levels"));
        size_t i;

        if (bad != NULL)
                return bad;
        if (!strings(json_object_get(res, "strengths")))
                return "result.strengths";
        json_array_foreach(json_object_get(res, "strengths"), i, v)
        {
                if (!json_is_integer(
                        json_object_get(json_object_get(res, "levels"), json_string_value(v))))
                        return "result.strengths";
        }
        if (!strings(json_object_get(res, "barriers")))
                return "result.barriers";
        if (!strings(json_object_get(res, "needs")))
                return "result.needs";
        if (ref_flag("autonomie", str(res, "autonomie")) == NULL)
                return "result.autonomie";
        for (int k = 0; k < 3; k++)
                if (!json_is_object(o) || !strings(json_object_get(o, where[k])))
                        return "result.orientation";
        return NULL;
}

/* The field of the document that is wrong, or NULL. */
static const char *check_document(json_t *doc)
{
        json_t *fw, *answers = json_object_get(doc, "answers"), *v;
        const char *q, *s = json_string_value(json_object_get(doc, "structure"));
        char date[11];

        if (str(doc, "format") == NULL || strcmp(str(doc, "format"), DIAG_FORMAT) != 0)
                return "format";
        if (str(doc, "form") == NULL || str(doc, "form")[0] == '\0')
                return "form";
        if (str(doc, "form_version") == NULL)
                return "form_version";
        fw = ref_framework(str(doc, "framework"));
        if (fw == NULL)
                return "framework";
        if (str(doc, "date") == NULL || clock_parse_date(str(doc, "date"), date) != 0 ||
            strcmp(date, str(doc, "date")) != 0)
                return "date";
        if (str(doc, "usager") == NULL || !diag_valid_pseudonym(str(doc, "usager")))
                return "usager";
        if (!json_is_null(json_object_get(doc, "structure")) && s == NULL)
                return "structure";
        if (!json_is_object(answers))
                return "answers";
        json_object_foreach(answers, q, v)
        {
                if (!strings(v))
                        return "answers";
        }
        return check_result(fw, json_object_get(doc, "result"));
}

json_t *portable_document(const char *buf, size_t len, char id[DIAG_ID_HEX + 1], char **why)
{
        json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL);
        char *canon = json_is_object(doc) ? diag_canonical(doc) : NULL;
        const char *bad = NULL;

        *why = NULL;
        if (canon == NULL || strlen(canon) != len || memcmp(canon, buf, len) != 0)
                *why = xasprintf(_("not a portable diagnosis (%s canonical JSON)"), DIAG_FORMAT);
        else if ((bad = check_document(doc)) != NULL || !printable(doc))
                *why = xasprintf(_("not a portable diagnosis: %s: not as %s writes it"),
                                 bad != NULL ? bad : _("a control character"), DIAG_FORMAT);
        if (*why != NULL) {
                free(canon);
                json_decref(doc);
                return NULL;
        }
        diag_id(canon, id);
        free(canon);
        return doc;
}
