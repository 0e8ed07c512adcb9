/* merge: the coordinator's side of the network files. Each file's signature is checked
 * against the keys trusted (--pubkey FILE, else the structures' public keys kept in
 * <home>/reseau, files .pub), its month of cells stored under the structure's SIRET as a
 * source, all files in one transaction. A month a structure already sent is refused
 * unless --replace (the same file again changes nothing). */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "network.h"
#include "rec.h"
#include "store.h"
#include "structure.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILE_MAX     (64u << 20)
#define PART_NETWORK "r"

struct keys {
        struct sig_pubkey *v;
        size_t n;
};

static void add_key(struct ctx *ctx, struct keys *k, const char *path)
{
        k->v = xreallocarray(k->v, k->n + 1, sizeof(*k->v));
        structure_trusted_key(ctx->home, path, &k->v[k->n++]);
}

/* --pubkey files, else every .pub file of <home>/reseau. */
static void trusted_keys(struct ctx *ctx, struct keys *k)
{
        char *dir;
        DIR *d;
        struct dirent *e;

        if (k->n > 0)
                return;
        dir = fs_home_path(ctx->home, "reseau");
        if ((d = opendir(dir)) != NULL) {
                while ((e = readdir(d)) != NULL) {
                        size_t n = strlen(e->d_name);
                        if (n > 4 && strcmp(e->d_name + n - 4, ".pub") == 0) {
                                char *path = xasprintf("%s/%s", dir, e->d_name);
                                add_key(ctx, k, path);
                                free(path);
                        }
                }
                closedir(d);
        }
        free(dir);
}

/* Verifies path against the trusted keys: 0, or dies with 65 (changed) or 77 (a key
 * that is not trusted). *trusted gets the signature's trusted comment (new). */
static void verify(const struct keys *k, const char *path, const char *text, size_t len,
                   char **trusted)
{
        char *sig_path = xasprintf("%s.minisig", path), *sig;
        size_t siglen;
        int code = EX_NOPERM;
        char why[256] = "", signer[17] = "";

        sig = fs_read_file_or_die(sig_path, FILE_MAX, &siglen);
        for (size_t i = 0; i < k->n && code != 0; i++) {
                struct structure_check c = {0};
                int rc = structure_verify(&k->v[i], text, len, sig, siglen, &c);

                if (rc == 0) {
                        *trusted = xstrdup(c.trusted);
                        code = 0;
                } else if (rc == EX_DATAERR) { /* the key that signed it: the file changed */
                        code = EX_DATAERR;
                        snprintf(why, sizeof(why), "%s", c.why);
                }
                if (c.key_id[0] != '\0')
                        snprintf(signer, sizeof(signer), "%s", c.key_id);
                structure_check_clear(&c);
                if (code == EX_DATAERR)
                        break;
        }
        free(sig);
        free(sig_path);
        if (k->n == 0)
                die(EX_NOPERM,
                    _("%s: no structure key is trusted: give --pubkey <file> or put the "
                      "structures' keys in %s/reseau/"),
                    path, "$AIDANT_HOME");
        if (code == EX_DATAERR)
                die(EX_DATAERR, _("%s: changed after it was signed: %s"), path, why);
        if (code != 0)
                die(EX_NOPERM, _("%s: signed by key %s, which is not trusted"), path,
                    signer[0] != '\0' ? signer : "?");
}

/* The trusted comment must say what the file says. */
static void same_claims(const char *path, const struct network_file *f, const char *trusted)
{
        char *siret = structure_field(trusted, "siret"), *month = structure_field(trusted, "month"),
             *key = structure_field(trusted, "structure");
        bool ok = siret != NULL && month != NULL && key != NULL && strcmp(siret, f->siret) == 0 &&
                  strcmp(month, f->month) == 0 && strcmp(key, f->key_id) == 0;

        free(siret);
        free(month);
        free(key);
        if (!ok)
                die(EX_DATAERR,
                    _("%s: the file does not say what its signature says (SIRET, "
                      "month or key)"),
                    path);
}

struct merge {
        struct ctx *ctx;
        struct db *db;
        bool replace;
        struct rec_writer *w;
};

/* Stores the month; returns what happened: "new", "replaced" or "unchanged". */
static const char *store_month(struct merge *m, const char *path, const struct network_file *f,
                               const char *hash)
{
        sqlite3_stmt *st = store_prepare(m->db->sql, "SELECT hash FROM network"
                                                     " WHERE siret = ? AND month = ?");
        const char *what = "new";
        json_t *c;
        size_t i;

        store_bind_text(st, 1, f->siret);
        store_bind_text(st, 2, f->month);
        if (store_step(m->db->sql, st) == SQLITE_ROW) {
                bool same = strcmp((const char *)sqlite3_column_text(st, 0), hash) == 0;

                sqlite3_finalize(st);
                if (same)
                        return "unchanged";
                if (!m->replace)
                        die(EX_DATAERR,
                            _("%s: %s already sent %s in another file (--replace takes this "
                              "one instead)"),
                            path, f->siret, f->month);
                st = store_prepare(m->db->sql, "DELETE FROM agg WHERE source = ? AND month = ?");
                store_bind_text(st, 1, f->siret);
                store_bind_text(st, 2, f->month);
                store_step(m->db->sql, st);
                what = "replaced";
        }
        sqlite3_finalize(st);
        st = store_prepare(m->db->sql,
                           "INSERT OR REPLACE INTO network (siret, month, keyid, name, hash,"
                           " received) VALUES (?, ?, ?, ?, ?, ?)");
        store_bind_text(st, 1, f->siret);
        store_bind_text(st, 2, f->month);
        store_bind_text(st, 3, f->key_id);
        store_bind_text(st, 4, f->name);
        store_bind_text(st, 5, hash);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)m->db->now);
        store_step(m->db->sql, st);
        sqlite3_finalize(st);
        json_array_foreach(f->cells, i, c)
        {
                db_cell(m->db, f->month, f->siret, PART_NETWORK,
                        json_string_value(json_array_get(c, 0)),
                        json_string_value(json_array_get(c, 1)),
                        (long)json_integer_value(json_array_get(c, 2)));
        }
        return what;
}

static void merge_file(struct merge *m, const struct keys *k, const char *path)
{
        size_t len;
        char *text = fs_read_file_or_die(path, FILE_MAX, &len), *trusted = NULL, why[256], hash[65];
        unsigned char h[32];
        struct network_file f;
        json_t *o;

        verify(k, path, text, len, &trusted);
        if (network_read(text, len, &f, why) != 0)
                die(EX_DATAERR, "%s: %s", path, why);
        same_claims(path, &f, trusted);
        crypto_generichash(h, sizeof(h), (const unsigned char *)text, len, NULL, 0);
        sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
        o = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s}", "file", path, "siret", f.siret, "nom", f.name,
                      "mois", f.month, "cellules", (json_int_t)json_array_size(f.cells), "merge",
                      store_month(m, path, &f, hash));
        rec_write(m->w, o);
        json_decref(o);
        network_clear(&f);
        free(trusted);
        free(text);
}

int cmd_merge(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"pubkey", required_argument, NULL, 'p'},
            {"replace", no_argument, NULL, 'r'},
            {NULL, 0, NULL, 0},
        };
        static const char *const cols[] = {"file",     "siret", "nom", "mois",
                                           "cellules", "merge", NULL};
        struct merge m = {.ctx = ctx};
        struct keys k = {0};
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'p')
                        add_key(ctx, &k, optarg);
                else
                        m.replace = true;
        }
        if (optind >= argc)
                cli_usage_error(ctx, "%s", _("which network files? (merge <file>...)"));
        m.db = db_open(ctx);
        trusted_keys(ctx, &k);
        db_begin(m.db);
        m.w = rec_writer_open(stdout, ctx->format, cols);
        for (int i = optind; i < argc; i++)
                merge_file(&m, &k, argv[i]);
        db_flush(m.db);
        rec_writer_close(m.w);
        if (fflush(stdout) != 0 || ferror(stdout)) {
                db_rollback(m.db);
                die(EX_IOERR, _("cannot write the output: %s"), strerror(errno));
        }
        db_commit(m.db);
        free(k.v);
        db_close(m.db);
        return 0;
}
