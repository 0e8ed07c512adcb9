/* The form reader: any bytes give a form or errors that each name the file and a line,
 * never a crash; a form read is shown as JSON and as an answers template. */
#include "diag_share.h"
#include "form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        diag_share_init();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct form_errors errs = {0};
        struct form *f = form_parse((const char *)data, size, "fuzz", &errs);

        if ((f == NULL) != (errs.n > 0))
                abort();
        for (size_t i = 0; i < errs.n; i++)
                if (strncmp(errs.v[i], "fuzz:", 5) != 0)
                        abort();
        if (f != NULL) {
                json_decref(form_json(f));
                json_decref(form_answers_template(f));
        }
        form_errors_free(&errs);
        form_free(f);
        return 0;
}
