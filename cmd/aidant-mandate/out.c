/* out_rows: the rows of a query printed as a list or, for one, as a record. */
#include "out.h"
#include "cli.h"
#include "rec.h"
#include "show.h"
#include "store.h"

#include <stdio.h>

void out_rows(const struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st, const char *const *columns,
              bool single, json_t *(*make)(sqlite3_stmt *st, const void *arg), const void *arg)
{
        struct rec_writer *o = single ? NULL : show_list(ctx, columns);

        while (store_step(db, st) == SQLITE_ROW) {
                json_t *rec = make(st, arg);

                if (o != NULL)
                        rec_write(o, rec);
                else
                        show_record(ctx, rec);
                json_decref(rec);
        }
        sqlite3_finalize(st);
        if (o != NULL)
                rec_writer_close(o);
}
