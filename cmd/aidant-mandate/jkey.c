/* The journal key, its file and its certificates by the structure key; see jkey.h.
 * A certificate is a text signed in minisign's format, so that it too verifies with the
 * stock minisign and the structure's public key. */
#include "jkey.h"
#include "clock.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "store.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ROTATE_HINT "aidant-mandate checkpoint --rotate"

static char *key_path(const struct env *e)
{
        return xasprintf("%s/journal.key", e->dir);
}

static char *cert_body(const char *skid, const char *jkid, const char *pub, long long from,
                       const char *time)
{
        return xasprintf("aidant-mandate journal key\nstructure: %s\nkey: %s\npublic key: %s\n"
                         "from: %lld\ntime: %s\n",
                         skid, jkid, pub, from, time);
}

void jkey_create(struct env *e, long long from_seq)
{
        struct sig_pubkey pk;
        char now[21], *pub, *body, *trusted, *sig;
        sqlite3_stmt *st;

        sig_seckey_free(e->jk);
        e->jk = sig_seckey_new();
        e->jk_new = true;
        sig_keygen(e->jk, &pk);
        sig_keyid_hex(pk.keyid, e->jkeyid);
        clock_format_utc(e->now, now);
        pub = sig_pubkey_base64(&pk);
        body = cert_body(e->keyid, e->jkeyid, pub, from_seq, now);
        trusted = xasprintf("aidant-mandate journal-key key:%s from:%lld", e->jkeyid, from_seq);
        sig = structure_sign(e->st, body, strlen(body), trusted);
        st = store_prepare(e->db, "INSERT INTO journal_key (keyid, from_seq, body, minisig)"
                                  " VALUES (?, ?, ?, ?)");
        store_bind_text(st, 1, e->jkeyid);
        sqlite3_bind_int64(st, 2, from_seq);
        store_bind_text(st, 3, body);
        store_bind_text(st, 4, sig);
        store_step(e->db, st);
        sqlite3_finalize(st);
        free(pub);
        free(body);
        free(trusted);
        free(sig);
}

void jkey_save(struct env *e)
{
        char *path = key_path(e);
        char *text = sig_keyfile_format(e->jk, NULL, 0, 0, 0);

        env_write(path, text, strlen(text), 0600);
        sodium_memzero(text, strlen(text));
        free(text);
        free(path);
}

/* The key id certified last, new string; dies with 65 when there is none. */
static char *current_keyid(sqlite3 *db)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT keyid FROM journal_key ORDER BY from_seq DESC LIMIT 1");
        char *id = NULL;

        if (store_step(db, st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
                id = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        if (id == NULL)
                die(EX_DATAERR, "%s",
                    _("the store does not hold: no journal key is certified (run "
                      "'aidant-mandate verify')"));
        return id;
}

void jkey_load(struct env *e)
{
        char *path, *text, *want;
        struct sig_keyfile kf;
        size_t len;

        if (e->jk != NULL)
                return;
        path = key_path(e);
        text = fs_read_file(path, 1 << 16, &len);
        if (text == NULL)
                die(EX_CONFIG, _("cannot read the journal key %s: %s; make a new one with '%s'"),
                    path, strerror(errno), ROTATE_HINT);
        e->jk = sig_seckey_new();
        if (sig_keyfile_parse(text, len, &kf) != SIG_OK || kf.encrypted ||
            sig_keyfile_open(&kf, NULL, 0, e->jk) != SIG_OK)
                die(EX_CONFIG, _("%s is not a journal key; make a new one with '%s'"), path,
                    ROTATE_HINT);
        sodium_memzero(&kf, sizeof(kf));
        sodium_memzero(text, len);
        free(text);
        sig_keyid_hex(e->jk->keyid, e->jkeyid);
        want = current_keyid(e->db);
        if (strcmp(want, e->jkeyid) != 0)
                die(EX_CONFIG,
                    _("%s is the key %s but the journal key certified last is %s; make a new "
                      "one with '%s'"),
                    path, e->jkeyid, want, ROTATE_HINT);
        free(want);
        free(path);
}

/* domain, a newline, then text: what is signed. */
static unsigned char *framed(const char *domain, const char *text, size_t len, size_t *out)
{
        size_t dl = strlen(domain);
        unsigned char *m = xmalloc(dl + 1 + len);

        memcpy(m, domain, dl);
        m[dl] = '\n';
        memcpy(m + dl + 1, text, len);
        *out = dl + 1 + len;
        return m;
}

void jkey_sign(const struct env *e, const char *domain, const char *text, size_t len,
               char out[JKEY_SIG_B64])
{
        unsigned char sig[crypto_sign_BYTES];
        size_t n;
        unsigned char *m = framed(domain, text, len, &n);

        crypto_sign_detached(sig, NULL, m, n, e->jk->sk);
        sodium_bin2base64(out, JKEY_SIG_B64, sig, sizeof(sig), sodium_base64_VARIANT_ORIGINAL);
        free(m);
}

bool jkey_verify(const struct sig_pubkey *pk, const char *domain, const char *text, size_t len,
                 const char *sig)
{
        unsigned char raw[crypto_sign_BYTES];
        size_t got = 0, n;
        unsigned char *m;
        bool ok;

        if (sig == NULL ||
            sodium_base642bin(raw, sizeof(raw), sig, strlen(sig), NULL, &got, NULL,
                              sodium_base64_VARIANT_ORIGINAL) != 0 ||
            got != sizeof(raw))
                return false;
        m = framed(domain, text, len, &n);
        ok = crypto_sign_verify_detached(raw, m, n, pk->pk) == 0;
        free(m);
        return ok;
}

/* The value after "<name>: " on a line of body, copied into out; false when absent. */
static bool body_line(const char *body, const char *name, char *out, size_t cap)
{
        char *key = xasprintf("\n%s: ", name);
        const char *p = strstr(body, key);

        if (p != NULL) {
                size_t n;

                p += strlen(key);
                n = strcspn(p, "\n");
                if (n < cap) {
                        memcpy(out, p, n);
                        out[n] = '\0';
                }
                p = n < cap ? p : NULL;
        }
        free(key);
        return p != NULL;
}

static int cert_fail(char *why, size_t whylen, long long from, const char *what)
{
        snprintf(why, whylen, _("the journal key certified from entry %lld does not hold: %s"),
                 from, what);
        return 1;
}

/* Checks one journal_key row into c. */
static int check_cert(sqlite3_stmt *st, const struct sig_pubkey *trusted, struct jkey_cert *c,
                      char *why, size_t whylen)
{
        const char *keyid = (const char *)sqlite3_column_text(st, 0);
        const char *body = (const char *)sqlite3_column_text(st, 2);
        const char *sig = (const char *)sqlite3_column_text(st, 3);
        struct structure_check chk;
        char line[128], *want;
        int code;

        c->from_seq = sqlite3_column_int64(st, 1);
        if (keyid == NULL || body == NULL || sig == NULL)
                return cert_fail(why, whylen, c->from_seq, _("its row is incomplete"));
        code = structure_verify(trusted, body, strlen(body), sig, strlen(sig), &chk);
        structure_check_clear(&chk);
        if (code != 0)
                return cert_fail(why, whylen, c->from_seq, chk.why);
        want = xasprintf("%lld", c->from_seq);
        if (!body_line(body, "key", c->keyid, sizeof(c->keyid)) || strcmp(c->keyid, keyid) != 0 ||
            !body_line(body, "from", line, sizeof(line)) || strcmp(line, want) != 0 ||
            !body_line(body, "public key", line, sizeof(line)) ||
            sig_pubkey_parse(line, strlen(line), &c->pk) != SIG_OK) {
                free(want);
                return cert_fail(why, whylen, c->from_seq,
                                 _("its signed text says another key or entry than its row"));
        }
        free(want);
        sig_keyid_hex(c->pk.keyid, line);
        if (strcmp(line, c->keyid) != 0)
                return cert_fail(why, whylen, c->from_seq,
                                 _("its signed text says another key or entry than its row"));
        return 0;
}

int jkey_certs(sqlite3 *db, const struct sig_pubkey *trusted, struct jkey_cert **certs, size_t *n,
               char *why, size_t whylen)
{
        sqlite3_stmt *st = store_prepare(
            db, "SELECT keyid, from_seq, body, minisig FROM journal_key ORDER BY from_seq");
        size_t cap = 4;
        int bad = 0;

        *certs = xmalloc(cap * sizeof(**certs));
        *n = 0;
        while (bad == 0 && store_step(db, st) == SQLITE_ROW) {
                if (*n == cap)
                        *certs = xreallocarray(*certs, cap *= 2, sizeof(**certs));
                bad = check_cert(st, trusted, &(*certs)[*n], why, whylen);
                (*n)++;
        }
        sqlite3_finalize(st);
        if (bad == 0 && (*n == 0 || (*certs)[0].from_seq != 1)) {
                snprintf(why, whylen, "%s",
                         _("no journal key is certified by the structure key from entry 1"));
                bad = 1;
        }
        return bad;
}

const struct jkey_cert *jkey_for(const struct jkey_cert *certs, size_t n, long long seq)
{
        const struct jkey_cert *c = NULL;

        for (size_t i = 0; i < n && certs[i].from_seq <= seq; i++)
                c = &certs[i];
        return c;
}
