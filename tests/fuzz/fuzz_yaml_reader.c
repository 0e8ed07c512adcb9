/* YAML reader and writer: no crash, every failure explained, and records written as
 * YAML read back as the same strings. */
#include "rec.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r = rec_open_mem((const char *)data, size, FMT_YAML, "fuzz");
        json_t *all = json_array(), *rec;
        char *out = NULL;
        size_t len = 0, i;
        FILE *o;
        struct rec_writer *w;
        int rc;

        while ((rc = rec_next(r, &rec, NULL)) == 1)
                json_array_append_new(all, rec);
        if (rc < 0 && rec_error(r) == NULL)
                abort();
        rec_close(r);
        o = open_memstream(&out, &len);
        w = rec_writer_open(o, FMT_YAML, NULL);
        json_array_foreach(all, i, rec)
        {
                rec_write(w, rec);
        }
        rec_writer_close(w);
        fclose(o);
        r = rec_open_mem(out, len, FMT_YAML, "again");
        for (i = 0; (rc = rec_next(r, &rec, NULL)) == 1; i++) {
                if (!json_equal(rec, json_array_get(all, i)))
                        abort();
                json_decref(rec);
        }
        if (rc < 0 || i != json_array_size(all))
                abort();
        rec_close(r);
        json_decref(all);
        free(out);
        return 0;
}
