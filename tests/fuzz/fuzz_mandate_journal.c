/* libFuzzer harness for the journal reader: the input's lines become the stored entries
 * of an in-memory journal, each signed by a genuine journal key certified by a genuine
 * structure key (and, when the first byte is 'C', a checkpoint signed at the last one);
 * then the whole journal is verified. Any store must give a verdict with a reason. */
#include "jkey.h"
#include "journal.h"
#include "xalloc.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct sig_seckey *ssk; /* the structure key */
static struct env jenv;        /* only its journal key is used */
static struct sig_pubkey spk;

static void keys(void)
{
        struct sig_pubkey jpk;

        ssk = sig_seckey_new();
        sig_keygen(ssk, &spk);
        sig_keyid_hex(spk.keyid, jenv.keyid);
        jenv.jk = sig_seckey_new();
        sig_keygen(jenv.jk, &jpk);
        sig_keyid_hex(jpk.keyid, jenv.jkeyid);
        jenv.pk = jpk; /* kept for the certificate */
}

/* Runs sql with ?1 the body, ?2 its signature by the structure key, ?3 extra. */
static void exec_signed(sqlite3 *db, const char *sql, const char *body, const char *extra)
{
        char *sig = sig_sign(ssk, (const unsigned char *)body, strlen(body), "x", "fuzz");
        sqlite3_stmt *st;

        sqlite3_prepare_v2(db, sql, -1, &st, NULL);
        sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, sig, -1, free);
        sqlite3_bind_text(st, 3, extra, -1, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_finalize(st);
}

static void add_rows(sqlite3 *db, const char *text, size_t size)
{
        const char *p = text, *end = text + size;
        char sig[JKEY_SIG_B64];
        long long seq = 1;
        sqlite3_stmt *st;

        sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO journal VALUES (?, ?, ?)", -1, &st, NULL);
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

                jkey_sign(&jenv, ENTRY_DOMAIN, p, len, sig);
                sqlite3_bind_int64(st, 1, seq++);
                sqlite3_bind_text(st, 2, p, (int)len, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 3, sig, -1, SQLITE_TRANSIENT);
                sqlite3_step(st);
                sqlite3_reset(st);
                p += len + 1;
        }
        sqlite3_finalize(st);
}

static void add_checkpoint(sqlite3 *db)
{
        long long seq;
        char head[65], *body;

        journal_head(db, &seq, head);
        body = journal_checkpoint_body(jenv.keyid, seq, head, JOURNAL_ZERO_HASH, jenv.jkeyid,
                                       "2026-11-23T10:00:00Z", "none");
        exec_signed(db,
                    "INSERT INTO checkpoint VALUES ((SELECT max(seq) FROM journal), ?3, ?1, ?2)",
                    body, head);
        free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct journal_report r;
        char *pub, *cert;
        sqlite3 *db;

        if (ssk == NULL)
                keys();
        sqlite3_open(":memory:", &db);
        sqlite3_exec(
            db,
            "CREATE TABLE journal (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL, sig TEXT);"
            "CREATE TABLE checkpoint (seq INTEGER PRIMARY KEY, head TEXT NOT NULL,"
            " body TEXT NOT NULL, minisig TEXT NOT NULL);"
            "CREATE TABLE journal_key (keyid TEXT PRIMARY KEY, from_seq INTEGER NOT NULL"
            " UNIQUE, body TEXT NOT NULL, minisig TEXT NOT NULL);"
            "CREATE TABLE head (id INTEGER PRIMARY KEY, body TEXT NOT NULL, sig TEXT);"
            "CREATE TABLE aidant (id, disabled_at, charter_hash);"
            "CREATE TABLE usager (pseudo, forgotten_at);"
            "CREATE TABLE mandat (id, usager, aidant, created, expires, code,"
            " attestation_hash, renewed_from);"
            "CREATE TABLE autorisation (mandat, demarche, revoked_at, revoked_by);",
            NULL, NULL, NULL);
        pub = sig_pubkey_base64(&jenv.pk);
        cert = xasprintf("aidant-mandate journal key\nstructure: %s\nkey: %s\npublic key: %s\n"
                         "from: 1\ntime: 2026-11-23T10:00:00Z\n",
                         jenv.keyid, jenv.jkeyid, pub);
        exec_signed(db, "INSERT INTO journal_key VALUES (?3, 1, ?1, ?2)", cert, jenv.jkeyid);
        add_rows(db, (const char *)data, size);
        if (size > 0 && data[0] == 'C')
                add_checkpoint(db);
        if (journal_verify(db, NULL, &spk, &r) != 0 && r.msg[0] == '\0')
                __builtin_trap();
        free(pub);
        free(cert);
        sqlite3_close(db);
        return 0;
}
