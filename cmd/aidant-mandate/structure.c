/* init and pubkey: the structure, its Ed25519 key in minisign's formats (generated, or
 * imported from `minisign -G`), and the first journal entry. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "i18n.h"
#include "journal.h"
#include "kdf.h"
#include "store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct init_opts {
        const char *name, *siret, *import;
        bool unencrypted;
};

static void parse_init(struct ctx *ctx, int argc, char **argv, struct init_opts *o)
{
        static const struct option longopts[] = {
            {"name", required_argument, NULL, 'n'},
            {"siret", required_argument, NULL, 's'},
            {"unencrypted", no_argument, NULL, 'U'},
            {"import-key", required_argument, NULL, 'k'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'n')
                        o->name = optarg;
                else if (c == 's')
                        o->siret = optarg;
                else if (c == 'U')
                        o->unencrypted = true;
                else if (c == 'k')
                        o->import = optarg;
        }
        cli_no_args(ctx, argc, argv);
        if (o->name == NULL || o->name[0] == '\0' || o->siret == NULL)
                cli_usage_error(ctx, "%s", _("--name and --siret are required"));
        if (strlen(o->siret) != 14 || strspn(o->siret, "0123456789") != 14)
                cli_usage_error(ctx, _("--siret: '%s' is not 14 digits"), o->siret);
        if (o->unencrypted && o->import != NULL)
                cli_usage_error(ctx, "%s",
                                _("--unencrypted and --import-key cannot be used together"));
}

/* Generates a key; the secret key file is encrypted unless unencrypted. */
static char *new_key(struct env *e, const struct init_opts *o)
{
        uint64_t ops, mem;
        struct secret *pass;
        char *text;

        e->sk = sig_seckey_new();
        sig_keygen(e->sk, &e->pk);
        if (o->unencrypted) {
                msg_warn("%s", _("the structure key is stored unencrypted: anyone who can read the "
                                 "data folder can sign in the structure's name"));
                return sig_keyfile_format(e->sk, NULL, 0, 0, 0);
        }
        pass = secret_read(&e->ctx->secrets, SECRET_PASSPHRASE,
                           _("Passphrase for the structure key: "), 1);
        kdf_sig_limits(&ops, &mem);
        text = sig_keyfile_format(e->sk, pass->buf, pass->len, ops, mem);
        secret_free(pass);
        return text;
}

/* Dies for a key file that cannot be imported (77 wrong passphrase, 65 otherwise); its
 * text is freed first, so no sanitizer sees it leak whatever the optimiser keeps. */
static noreturn void refuse_key(const char *path, char *text, enum sig_status st)
{
        free(text);
        if (st == SIG_EPASS)
                die(EX_NOPERM, _("%s: wrong passphrase"), path);
        die(EX_DATAERR, "%s: %s", path, sig_strerror(st));
}

/* Loads a key written by `minisign -G`; the file is kept as it is. */
static char *import_key(struct env *e, const struct init_opts *o)
{
        size_t len;
        char *text = env_read(o->import, &len);
        struct sig_keyfile kf;
        enum sig_status st = sig_keyfile_parse(text, len, &kf);
        struct secret *pass = NULL;

        if (st != SIG_OK)
                refuse_key(o->import, text, st);
        if (kf.encrypted)
                pass = secret_read(&e->ctx->secrets, SECRET_PASSPHRASE,
                                   _("Passphrase of the key to import: "), 0);
        e->sk = sig_seckey_new();
        st = sig_keyfile_open(&kf, pass != NULL ? pass->buf : NULL, pass != NULL ? pass->len : 0,
                              e->sk);
        secret_free(pass);
        if (st != SIG_OK)
                refuse_key(o->import, text, st);
        sig_seckey_public(e->sk, &e->pk);
        return text;
}

static void record_structure(struct env *e, const struct init_opts *o)
{
        sqlite3_stmt *st = store_prepare(
            e->db,
            "INSERT INTO structure (id, name, siret, keyid, created) VALUES (1, ?, ?, ?, ?)");
        json_t *f = journal_fields("create_structure");

        store_begin(e->db);
        store_bind_text(st, 1, o->name);
        store_bind_text(st, 2, o->siret);
        store_bind_text(st, 3, e->keyid);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)e->now);
        store_step(e->db, st);
        sqlite3_finalize(st);
        json_object_set_new(
            f, "structure",
            json_pack("{s:s,s:s,s:s}", "name", o->name, "siret", o->siret, "keyid", e->keyid));
        journal_append(e, f);
        json_decref(f);
        journal_checkpoint(e);
        store_commit(e->db);
}

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
        struct init_opts o = {0};
        struct env *e;
        char *key, *pub;

        parse_init(ctx, argc, argv, &o);
        e = env_open_uninit(ctx);
        if (access(e->pub_path, F_OK) == 0 || access(e->key_path, F_OK) == 0)
                die(EX_CANTCREAT, _("a structure already exists in %s"), ctx->home);
        key = o.import != NULL ? import_key(e, &o) : new_key(e, &o);
        sig_keyid_hex(e->pk.keyid, e->keyid);
        pub = sig_pubkey_file(&e->pk);
        env_write(e->key_path, key, strlen(key), 0600);
        env_write(e->pub_path, pub, strlen(pub), 0644);
        sodium_memzero(key, strlen(key));
        free(key);
        free(pub);
        env_open_store(e);
        record_structure(e, &o);
        printf(_("structure: %s (SIRET %s)\nkey id: %s\npublic key: %s\n"), o.name, o.siret,
               e->keyid, e->pub_path);
        env_close(e);
        return 0;
}

int cmd_pubkey(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{NULL, 0, NULL, 0}};
        struct env *e;
        char *pub;

        while (cli_getopt(ctx, argc, argv, longopts) != -1)
                ;
        cli_no_args(ctx, argc, argv);
        e = env_open(ctx);
        pub = sig_pubkey_file(&e->pk);
        fputs(pub, stdout);
        free(pub);
        env_close(e);
        return 0;
}
