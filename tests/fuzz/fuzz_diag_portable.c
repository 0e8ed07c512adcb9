/* The portable file reader: any bytes give a diagnosis document or the reason why not,
 * never a crash; a document accepted is its own canonical JSON, and show's table, the
 * summary page and the list record of the commands that read it back take it. */
#include "diag_share.h"
#include "diagnose.h"
#include "portable.h"
#include "pages.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *null;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        diag_share_init();
        null = fopen("/dev/null", "w");
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char id[DIAG_ID_HEX + 1], *why, *canon;
        json_t *doc = portable_document((const char *)data, size, id, &why);
        struct drow r = {
            .n = 1, .id = id, .usager = "u-here", .source = "import", .signer = "0123456789ABCDEF"};

        if ((doc == NULL) == (why == NULL))
                abort();
        free(why);
        if (doc == NULL)
                return 0;
        canon = diag_canonical(doc);
        if (strlen(canon) != size || memcmp(canon, data, size) != 0)
                abort();
        free(canon);
        r.date = (char *)json_string_value(json_object_get(doc, "date"));
        r.form = (char *)json_string_value(json_object_get(doc, "form"));
        r.framework = (char *)json_string_value(json_object_get(doc, "framework"));
        r.autonomie =
            (char *)json_string_value(json_object_get(json_object_get(doc, "result"), "autonomie"));
        r.doc = doc;
        show_table(null, &r);
        doc_free(summary_page(&r));
        json_decref(db_list_record(&r));
        json_decref(doc);
        return 0;
}
