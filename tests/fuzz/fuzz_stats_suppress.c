/* libFuzzer harness for the suppression engine of export --public and mask: a table read
 * from the input (rows, columns, counts, the threshold), its row and column totals
 * computed, the equations of both margins given; after sup_run every count from 1 to
 * k-1 is suppressed and no equation is left with a single suppressed cell. */
#include "suppress.h"

#include <stdint.h>
#include <stdlib.h>

#define MAXR 12
#define MAXC 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        long v[MAXR + 1][MAXC + 1] = {{0}};
        int cell[MAXR + 1][MAXC + 1], cells[MAXR + 2], signs[MAXR + 2];
        size_t rows, cols, p = 3;
        struct sup *s;
        int k;

        if (size < 3)
                return 0;
        rows = 1 + data[0] % MAXR;
        cols = 1 + data[1] % MAXC;
        k = K_MIN + data[2] % 16;
        s = sup_new(k);
        for (size_t r = 0; r < rows; r++)
                for (size_t c = 0; c < cols; c++) {
                        v[r][c] = p < size ? data[p++] % 64 : 0;
                        v[r][cols] += v[r][c];
                        v[rows][c] += v[r][c];
                        v[rows][cols] += v[r][c];
                }
        for (size_t r = 0; r <= rows; r++)
                for (size_t c = 0; c <= cols; c++)
                        cell[r][c] = sup_cell(s, v[r][c], true, r == rows || c == cols);
        for (size_t r = 0; r <= rows; r++) { /* each row: its total minus its cells */
                for (size_t c = 0; c <= cols; c++) {
                        cells[c] = cell[r][c];
                        signs[c] = c == cols ? 1 : -1;
                }
                sup_equation(s, cells, signs, cols + 1);
        }
        for (size_t c = 0; c <= cols; c++) {
                for (size_t r = 0; r <= rows; r++) {
                        cells[r] = cell[r][c];
                        signs[r] = r == rows ? 1 : -1;
                }
                sup_equation(s, cells, signs, rows + 1);
        }
        sup_run(s);
        for (size_t r = 0; r <= rows; r++) {
                size_t in_row = 0;

                for (size_t c = 0; c <= cols; c++) {
                        if (v[r][c] >= 1 && v[r][c] < k && !sup_secret(s, cell[r][c]))
                                abort();
                        in_row += sup_secret(s, cell[r][c]);
                }
                if (in_row == 1)
                        abort();
        }
        for (size_t c = 0; c <= cols; c++) {
                size_t in_col = 0;

                for (size_t r = 0; r <= rows; r++)
                        in_col += sup_secret(s, cell[r][c]);
                if (in_col == 1)
                        abort();
        }
        sup_free(s);
        return 0;
}
