/* libFuzzer harness for the native import: any input read as records (format sniffed),
 * each checked as an activity record and counted into cells. */
#include "cells.h"
#include "rec.h"
#include "record.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static void count(void *arg, const char *rubrique, const char *modalite, long n)
{
        cells_add(arg, rubrique, modalite, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r = rec_open_mem((const char *)data, size, FMT_AUTO, "fuzz");
        json_t *row, *cells = cells_new();

        while (rec_next(r, &row, NULL) == 1) {
                struct field_error e = {0};
                json_t *rec = record_check(row, &e);

                if (rec != NULL) {
                        record_cells(rec, count, cells);
                        free(record_text(rec));
                }
                field_error_clear(&e);
                json_decref(rec);
                json_decref(row);
        }
        rec_close(r);
        json_decref(cells);
        return 0;
}
