/* CSV reader and writer: no crash on any input, and whatever the reader accepts, the
 * writer writes back so that reading it again gives the same records. */
#include "rec.h"

#include <stdint.h>
#include <stdlib.h>

/* Reads buf as CSV into an array; NULL when the reader reported an error. */
static json_t *read_csv(const char *buf, size_t len, struct rec_reader **rp)
{
        struct rec_reader *r = rec_open_mem(buf, len, FMT_CSV, "fuzz");
        json_t *all = json_array(), *rec;
        int rc;

        while ((rc = rec_next(r, &rec, NULL)) == 1)
                json_array_append_new(all, rec);
        if (rc < 0) {
                if (rec_error(r) == NULL)
                        abort(); /* every failure must say why */
                json_decref(all);
                all = NULL;
        }
        *rp = r;
        return all;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r, *r2;
        json_t *first = read_csv((const char *)data, size, &r), *again, *rec;
        char *out = NULL;
        size_t len = 0, i;
        FILE *o = open_memstream(&out, &len);
        struct rec_writer *w = rec_writer_open(o, FMT_CSV, rec_columns(r));

        json_array_foreach(first, i, rec)
        {
                rec_write(w, rec);
        }
        rec_writer_close(w);
        fclose(o);
        again = read_csv(out, len, &r2);
        if (first != NULL && json_array_size(first) > 0 && !json_equal(first, again))
                abort();
        json_decref(first);
        json_decref(again);
        rec_close(r2);
        rec_close(r);
        free(out);
        return 0;
}
