/* libFuzzer harness for the reader of stored records (db_record_parse): on any text it
 * must agree with Jansson, which wrote the format it reads, and never read past the end. */
#include "db.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
        char *text = malloc(size + 1);
        json_t *mine, *ref;

        memcpy(text, data, size);
        text[size] = '\0';
        mine = db_record_parse(text);
        ref = json_loads(text, 0, NULL);
        if ((mine == NULL) != (ref == NULL) || (mine != NULL && !json_equal(mine, ref)))
                abort();
        json_decref(mine);
        json_decref(ref);
        free(text);
        return 0;
}
