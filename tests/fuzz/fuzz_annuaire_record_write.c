/* libFuzzer harness for the writer of stored records (db_record_text): any JSON object
 * must come out byte for byte as Jansson's compact, order-preserving dump. */
#include "db.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
        static char *buf;
        static size_t cap;
        json_t *ref = json_loadb((const char *)data, size, JSON_ALLOW_NUL, NULL);
        char *dump;

        if (!json_is_object(ref)) {
                json_decref(ref);
                return 0;
        }
        dump = json_dumps(ref, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
        if (strcmp(dump, db_record_text(ref, &buf, &cap)) != 0)
                abort();
        free(dump);
        json_decref(ref);
        return 0;
}
