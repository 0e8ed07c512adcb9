/* libFuzzer harness for the column mappings: a JSON array [config, row...] is loaded as
 * a mapping, applied to each row, and the result normalised; string cells also go through
 * the French week reader. */
#include "mapping.h"
#include "week_text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static void week_texts(json_t *row)
{
        const char *key;
        json_t *v;

        json_object_foreach(row, key, v)
        {
                if (json_is_string(v))
                        free(week_text_hours(json_string_value(v)));
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        json_t *all = json_loadb((const char *)data, size, 0, NULL), *row;
        struct schema_issues is = {.lenient = true};
        struct mapping *m;
        char *error = NULL;
        size_t i;

        m = mapping_from_json(json_array_get(all, 0), &error);
        json_array_foreach(all, i, row)
        {
                if (i == 0 || !json_is_object(row) || m == NULL)
                        continue;
                json_t *rec = mapping_apply(m, row, "fuzz", "2026-01-01", &is);

                json_decref(schema_normalise(rec, &is));
                json_decref(rec);
                week_texts(row);
                mapping_check_columns(m, row, &is);
                schema_issues_clear(&is);
        }
        mapping_free(m);
        free(error);
        schema_issues_free(&is);
        json_decref(all);
        return 0;
}
