/* libFuzzer harness for the cnfs-v1 import: CSV rows (padded rows accepted) mapped from
 * the v1 report fields, then checked as activity records. */
#include "dialect.h"
#include "rec.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r = rec_open_mem((const char *)data, size, FMT_CSV, "fuzz");
        json_t *row;

        rec_csv_trailing_fields(r, "null");
        while (rec_next(r, &row, NULL) == 1) {
                struct field_error e = {0};
                json_t *fields = v1_map(row, &e), *rec = NULL;

                if (fields != NULL)
                        rec = record_check(fields, &e);
                field_error_clear(&e);
                json_decref(rec);
                json_decref(fields);
                json_decref(row);
        }
        rec_close(r);
        return 0;
}
