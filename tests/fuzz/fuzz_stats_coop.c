/* libFuzzer harness for the Coop dialect: CSV rows gathered by "ID CRA" into activities,
 * each checked as an activity record. */
#include "dialect.h"
#include "rec.h"

#include <stddef.h>
#include <stdint.h>

static void check(json_t *fields)
{
        struct field_error e = {0};

        json_decref(record_check(fields, &e));
        field_error_clear(&e);
        json_decref(fields);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r = rec_open_mem((const char *)data, size, FMT_CSV, "fuzz");
        struct coop_group g = {0};
        json_t *row, *done;

        while (rec_next(r, &row, NULL) == 1) {
                struct field_error e = {0};

                if (coop_row(&g, row, &e, &done) == 1)
                        check(done);
                field_error_clear(&e);
                json_decref(row);
        }
        done = coop_finish(&g);
        if (done != NULL)
                check(done);
        rec_close(r);
        return 0;
}
