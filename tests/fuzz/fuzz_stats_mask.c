/* libFuzzer harness for mask's table reader: any input read as a CSV table of people
 * counts (one label column, a "Total" row when it has one); when it reads, its
 * suppression is run and every count from 1 to k-1 must come out suppressed. */
#include "mask_table.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rec_reader *rd = rec_open_mem((const char *)data, size, FMT_CSV, "fuzz");
        struct mask_table t = {.labels = 1, .total_row = -1, .total_col = -1, .sep = ','};
        char *why = NULL;

        if (mask_table_read(&t, rd, "fuzz", &why) == 0 && t.nrows * t.ncols < 4096) {
                struct sup *s = mask_table_suppress(&t, K_DEFAULT);
                FILE *out = fopen("/dev/null", "w");

                sup_run(s);
                for (size_t i = 0; i < t.nrows * t.ncols; i++)
                        if (t.value[i] >= 1 && t.value[i] < K_DEFAULT && !sup_secret(s, t.cell[i]))
                                abort();
                if (out != NULL) {
                        mask_table_write(&t, s, out);
                        fclose(out);
                }
                sup_free(s);
        }
        free(why);
        mask_table_free(&t);
        rec_close(rd);
        return 0;
}
