/* The answers reader: any JSON, NDJSON or YAML against the quick form gives diagnoses
 * or an error naming the place, never a crash; a diagnosis scores the same again. */
#include "diag_share.h"
#include "diagnose.h"
#include "rec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct form *form;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        diag_share_init();
        form = form_find(NULL, "rapide");
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r = rec_open_mem((const char *)data, size, FMT_AUTO, "fuzz");
        struct diag_input in = {"u-fuzz", "2026-11-23", NULL};
        struct rec_loc loc;
        json_t *rec;

        while (rec_next(r, &rec, &loc) == 1) {
                char *error = NULL;
                json_t *doc = diag_from_answers(form, rec, "fuzz:1", &in, &error);

                if ((doc == NULL) != (error != NULL) ||
                    (error != NULL && strncmp(error, "fuzz:1: ", 8)))
                        abort();
                if (doc != NULL) {
                        json_t *again = diag_score(form, json_object_get(doc, "answers"));

                        if (!json_equal(again, json_object_get(doc, "result")))
                                abort();
                        json_decref(again);
                }
                free(error);
                json_decref(doc);
                json_decref(rec);
        }
        rec_close(r);
        return 0;
}
