/* libFuzzer harness for the journal reader: the input's lines become the stored entries
 * of an in-memory journal (with a bogus checkpoint row when the first byte is 'C'), then
 * the chain is verified; any store must give a verdict with a reason, never a crash. */
#include "journal.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void add_rows(sqlite3 *db, const char *text, size_t size)
{
        sqlite3_stmt *st;
        const char *p = text, *end = text + size;
        long long seq = 1;

        sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO journal VALUES (?, ?)", -1, &st, NULL);
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

                sqlite3_bind_int64(st, 1, seq++);
                sqlite3_bind_text(st, 2, p, (int)len, SQLITE_TRANSIENT);
                sqlite3_step(st);
                sqlite3_reset(st);
                p += len + 1;
        }
        sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const char pub[] = "RWTtNsrrznXVN78WST/qhZ35czLpKYvQ4w6+IMgsZ3cET2mV5mMe1Pt9";
        struct sig_pubkey pk;
        struct journal_report r;
        sqlite3 *db;

        sig_pubkey_parse(pub, strlen(pub), &pk);
        sqlite3_open(":memory:", &db);
        sqlite3_exec(db,
                     "CREATE TABLE journal (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL);"
                     "CREATE TABLE checkpoint (seq INTEGER PRIMARY KEY, head TEXT NOT NULL,"
                     " body TEXT NOT NULL, minisig TEXT NOT NULL);",
                     NULL, NULL, NULL);
        if (size > 0 && data[0] == 'C')
                sqlite3_exec(db,
                             "INSERT INTO checkpoint VALUES (2, '00', 'x', 'untrusted comment: x')",
                             NULL, NULL, NULL);
        add_rows(db, (const char *)data, size);
        if (journal_verify(db, &pk, &r) != 0 && r.msg[0] == '\0')
                __builtin_trap();
        sqlite3_close(db);
        return 0;
}
