/* libFuzzer harness for ingest: NDJSON entries of the mandate journal (first byte 'm') or
 * of the diagnoses (else), each counted into a real stats.db in a temporary home, the
 * transaction rolled back after each input. Any entry is counted or refused by field. */
#include "cli.h"
#include "db.h"
#include "ingest.h"
#include "rec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct ctx ctx;
static struct db *db;
static char home[] = "/tmp/fuzz-stats-ingest.XXXXXX";

/* The temporary home goes with the process. */
static void cleanup(void)
{
        static const char *const files[] = {"stats.db", "stats.db-wal", "stats.db-shm"};
        char path[sizeof(home) + 16];

        db_close(db);
        for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
                snprintf(path, sizeof(path), "%s/%s", home, files[i]);
                unlink(path);
        }
        rmdir(home);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct ingest in = {0};
        struct rec_reader *r;
        json_t *entry;

        if (db == NULL) {
                if (mkdtemp(home) == NULL)
                        abort();
                ctx.home = home;
                ctx.quiet = true;
                db = db_create(&ctx);
                atexit(cleanup);
        }
        if (size == 0)
                return 0;
        in.db = db;
        db_begin(db);
        r = rec_open_mem((const char *)data + 1, size - 1, FMT_NDJSON, "fuzz");
        while (rec_next(r, &entry, NULL) == 1) {
                struct field_error e = {0};

                ingest_entry(&in, entry, data[0] == 'm', &e);
                field_error_clear(&e);
                json_decref(entry);
        }
        rec_close(r);
        db_flush(db);
        db_rollback(db);
        return 0;
}
