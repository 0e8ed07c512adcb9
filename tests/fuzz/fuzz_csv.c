/* CSV reader and writer: no crash on any input, the raw fields (rec_next_fields) are the
 * records' values, and whatever the reader accepts, the writer writes back so that reading
 * it again gives the same records. */
#include "rec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* rec_next_fields gives the records' values in the header's order, and fails where
 * rec_next does. */
static void check_fields(const char *buf, size_t len, json_t *all, int rc)
{
        struct rec_reader *r = rec_open_mem(buf, len, FMT_CSV, "fuzz");
        const char *const *f, *const *names = rec_columns(r);
        const size_t *n;
        int got;

        for (size_t k = 0; (got = rec_next_fields(r, &f, &n, NULL)) > 0; k++)
                for (int i = 0; i < got; i++) {
                        json_t *v = json_object_get(json_array_get(all, k), names[i]);
                        if (json_string_length(v) != n[i] ||
                            memcmp(json_string_value(v), f[i], n[i]) != 0)
                                abort();
                }
        if ((got < 0) != (rc < 0) || (got < 0 && rec_error(r) == NULL))
                abort();
        rec_close(r);
}

/* Reads buf as CSV into an array; NULL when the reader reported an error. */
static json_t *read_csv(const char *buf, size_t len, struct rec_reader **rp)
{
        struct rec_reader *r = rec_open_mem(buf, len, FMT_CSV, "fuzz");
        json_t *all = json_array(), *rec;
        int rc;

        while ((rc = rec_next(r, &rec, NULL)) == 1)
                json_array_append_new(all, rec);
        check_fields(buf, len, all, rc);
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
