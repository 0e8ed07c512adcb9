/* libFuzzer harness for the record validator: every record the readers find in the input
 * (any format, sniffed) is normalised strictly and leniently; a normalised record must
 * normalise to itself. */
#include "rec.h"
#include "schema.h"

#include <stddef.h>
#include <stdint.h>

static void check(json_t *raw, bool lenient)
{
        struct schema_issues is = {.lenient = lenient};
        json_t *rec = schema_normalise(raw, &is), *again;

        if (rec != NULL) {
                schema_issues_clear(&is);
                again = schema_normalise(rec, &is);
                if (again == NULL || !json_equal(again, rec))
                        __builtin_trap();
                json_decref(again);
        }
        json_decref(rec);
        schema_issues_free(&is);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *r = rec_open_mem((const char *)data, size, FMT_AUTO, "fuzz");
        json_t *raw;
        int n = 0;

        while (n++ < 64 && rec_next(r, &raw, NULL) == 1) {
                check(raw, false);
                check(raw, true);
                json_decref(raw);
        }
        rec_close(r);
        return 0;
}
