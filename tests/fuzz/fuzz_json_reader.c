/* JSON, NDJSON and sniffed input: no crash, no leak, and every failure explained. */
#include "rec.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* the first byte picks the format so that one corpus covers the three paths */
        static const enum fmt fmts[] = {FMT_JSON, FMT_NDJSON, FMT_AUTO};
        struct rec_reader *r;
        struct rec_loc loc;
        json_t *rec;
        long last_line = 0;
        int rc;

        if (size == 0)
                return 0;
        r = rec_open_mem((const char *)data + 1, size - 1, fmts[data[0] % 3], "fuzz");
        while ((rc = rec_next(r, &rec, &loc)) == 1) {
                if (!json_is_object(rec) || loc.line < last_line || loc.line < 1)
                        abort(); /* records are objects, in the order of the file */
                last_line = loc.line;
                json_decref(rec);
        }
        if (rc < 0 && rec_error(r) == NULL)
                abort();
        rec_close(r);
        return 0;
}
