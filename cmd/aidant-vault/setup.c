/* A vault's life: init (identity under the passphrase and a one-time recovery code),
 * passwd, recover, destroy; and keygen --aidant, a helper's own identity. */
#include "agefile.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "msg.h"
#include "xalloc.h"
#include "guarded.h"
#include "fs.h"
#include "i18n.h"
#include "kdf.h"
#include "sheet.h"
#include "vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CODE_LETTERS "ABCDEFGHJKLMNPQRSTUVWXYZ" /* no I or O: read as 1 and 0 */
#define CODE_LEN     24                         /* 24 letters of 24: 110 bits */
#define SHEET_LONGOPT                                                                              \
        {                                                                                          \
                "recovery-sheet", required_argument, NULL, 'S'                                     \
        }

/* Writes sk as an identity file (age-keygen's format) encrypted with the secret. */
static void write_identity(const char *path, const unsigned char sk[AGE_KEY_LEN], const char *label,
                           const struct secret *pass)
{
        struct age_recipient r = {.scrypt = 1, .pass = pass->buf, .pass_len = pass->len};
        char *secret = guarded_alloc(AGE_SECRET_MAX), rcp[AGE_RECIPIENT_MAX], *text;
        unsigned char pk[AGE_KEY_LEN];
        size_t len;

        r.log_n = kdf_age_log_n();
        age_public_key(sk, pk);
        age_format_recipient(pk, rcp);
        age_format_secret(sk, secret);
        text = xasprintf("# %s\n# public key: %s\n%s\n", label, rcp, secret);
        len = strlen(text);
        agefile_write(path, &r, 1, text, len, NULL);
        agefile_free_buf(text, len);
        sodium_free(secret);
}

/* Makes a new recovery code, writes the identity under it, and prints it; with sheet,
 * writes the recovery sheet there too ("-": the sheet instead, on standard output). */
static void new_recovery(const char *dir, const unsigned char sk[AGE_KEY_LEN], const char *owner,
                         const char *sheet)
{
        struct secret code = {guarded_alloc(CODE_LEN + 1), CODE_LEN};
        char *path = xasprintf("%s/recovery.age", dir), *label;

        for (int i = 0; i < CODE_LEN; i++)
                code.buf[i] = CODE_LETTERS[randombytes_uniform(sizeof(CODE_LETTERS) - 1)];
        code.buf[CODE_LEN] = '\0';
        label = xasprintf("aidant-vault recovery identity of %s", owner);
        write_identity(path, sk, label, &code);
        if (sheet == NULL || strcmp(sheet, "-") != 0) {
                printf("%s\n\n   ", _("Recovery code (write it down by hand and keep it safe; it "
                                      "is shown only this once):"));
                for (int i = 0; i < CODE_LEN; i++)
                        printf("%c%s", code.buf[i], i % 4 == 3 && i + 1 < CODE_LEN ? "-" : "");
                printf("\n\n");
        }
        if (sheet != NULL)
                recovery_sheet_write(sheet, owner, dir, &code, clock_now());
        sodium_free(code.buf);
        free(label);
        free(path);
}

static void write_passphrase_identity(const char *dir, const unsigned char sk[AGE_KEY_LEN],
                                      const char *owner, const struct secret *pass)
{
        char *path = xasprintf("%s/identity.age", dir);
        char *label = xasprintf("aidant-vault identity of %s", owner);

        write_identity(path, sk, label, pass);
        free(label);
        free(path);
}

static int exists(const char *dir, const char *name)
{
        char *p = xasprintf("%s/%s", dir, name);
        int e = access(p, F_OK) == 0;

        free(p);
        return e;
}

static void create_vault(const char *dir, const char *owner, const struct secret *pass,
                         const char *sheet)
{
        unsigned char *sk = guarded_alloc(AGE_KEY_LEN), pk[AGE_KEY_LEN];
        char rcp[AGE_RECIPIENT_MAX], when[32];
        json_t *cfg;

        age_keygen(sk);
        age_public_key(sk, pk);
        age_format_recipient(pk, rcp);
        write_passphrase_identity(dir, sk, owner, pass);
        new_recovery(dir, sk, owner, sheet);
        clock_format_iso(clock_now(), when);
        cfg = json_pack("{s:s, s:s, s:s, s:[]}", "owner", owner, "recipient", rcp, "created", when,
                        "shares");
        /* vault.json comes last: its presence says the vault is complete */
        vault_write_config(dir, cfg, sk);
        json_decref(cfg);
        sodium_free(sk);
}

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"owner", required_argument, NULL, 'w'}, SHEET_LONGOPT, {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        const char *owner = NULL, *sheet = NULL;
        struct secret *pass;
        char *dir;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'w')
                        owner = optarg;
                else if (c == 'S')
                        sheet = optarg;
        cli_no_args(ctx, argc, argv);
        if (owner == NULL || owner[0] == '\0')
                cli_usage_error(ctx, _("--owner is required: the name of the person"));
        dir = vault_dir(ctx, o);
        if (exists(dir, "vault.json"))
                die(EX_CANTCREAT, _("a vault already exists in %s"), dir);
        fs_mkdirs(dir);
        pass = secret_read(&ctx->secrets, SECRET_PASSPHRASE, _("New passphrase of the vault: "), 1);
        create_vault(dir, owner, pass, sheet);
        secret_free(pass);
        msg_notice(_("vault of %s created in %s"), owner, dir);
        free(dir);
        return 0;
}

int cmd_passwd(int argc, char **argv, struct ctx *ctx)
{
        struct vault_opts *o = ctx->opts;
        struct secret *pass;
        struct vault *v;

        cli_no_args(ctx, argc, argv);
        v = vault_open(ctx, o, VAULT_WRITE);
        vault_need_owner(v, "passwd");
        pass = secret_read(&ctx->secrets, SECRET_NEW_PASSPHRASE, _("New passphrase of the vault: "),
                           1);
        write_passphrase_identity(v->dir, v->ids[0].sk,
                                  json_string_value(json_object_get(v->config, "owner")), pass);
        secret_free(pass);
        msg_notice("%s", _("passphrase changed"));
        vault_close(v);
        return 0;
}

int cmd_recover(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {SHEET_LONGOPT, {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        const char *owner, *sheet = NULL;
        struct secret *pass;
        struct vault *v;

        while (cli_getopt(ctx, argc, argv, opts) == 'S')
                sheet = optarg;
        cli_no_args(ctx, argc, argv);
        if (o->identity != NULL || o->as_aidant)
                cli_usage_error(ctx, _("recover is for the owner of the vault only"));
        o->recovery = 1;
        v = vault_open(ctx, o, VAULT_WRITE);
        owner = json_string_value(json_object_get(v->config, "owner"));
        pass = secret_read(&ctx->secrets, SECRET_NEW_PASSPHRASE, _("New passphrase of the vault: "),
                           1);
        write_passphrase_identity(v->dir, v->ids[0].sk, owner, pass);
        secret_free(pass);
        /* the code is one-time: a new one replaces it */
        new_recovery(v->dir, v->ids[0].sk, owner, sheet);
        msg_notice("%s", _("new passphrase set; the old recovery code no longer works"));
        vault_close(v);
        return 0;
}

/* Overwrites a file with random bytes, syncs, then removes it. */
static void shred(const char *path)
{
        struct stat st;
        int fd = open(path, O_WRONLY);

        if (fd < 0) {
                if (errno != ENOENT)
                        die(EX_IOERR, _("cannot overwrite %s: %s"), path, strerror(errno));
                return;
        }
        if (fstat(fd, &st) == 0) {
                unsigned char buf[4096];

                for (off_t done = 0; done < st.st_size; done += (off_t)sizeof(buf)) {
                        randombytes_buf(buf, sizeof(buf));
                        if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
                                die(EX_IOERR, _("cannot overwrite %s: %s"), path, strerror(errno));
                }
        }
        if (fsync(fd) != 0 || close(fd) != 0 || unlink(path) != 0)
                die(EX_IOERR, _("cannot overwrite %s: %s"), path, strerror(errno));
}

/* Removes a domain folder's index and objects. */
static void remove_domain(const char *dir)
{
        DIR *d = opendir(dir);
        struct dirent *e;

        if (d == NULL)
                return;
        while ((e = readdir(d)) != NULL) {
                char *p;

                if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || strcmp(e->d_name, "..") == 0))
                        continue;
                p = xasprintf("%s/%s", dir, e->d_name);
                unlink(p);
                free(p);
        }
        closedir(d);
        rmdir(dir);
}

int cmd_destroy(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"yes", no_argument, NULL, 'y'}, {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        const char *names[] = {"identity.age", "recovery.age", "vault.json", ".lock"};
        struct vault *v;
        int c, yes = 0;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'y')
                        yes = 1;
        cli_no_args(ctx, argc, argv);
        if (!yes)
                cli_usage_error(ctx, _("destroy cannot be undone: confirm with --yes"));
        v = vault_open(ctx, o, VAULT_WRITE);
        vault_need_owner(v, "destroy");
        /* the keys go first: once they are gone nothing below can be read again */
        for (int i = 0; i < 2; i++) {
                char *p = xasprintf("%s/%s", v->dir, names[i]);

                shred(p);
                free(p);
        }
        for (int i = 0; vault_domains[i] != NULL; i++) {
                char *p = vault_path(v, vault_domains[i], NULL);

                remove_domain(p);
                free(p);
        }
        for (int i = 2; i < 4; i++) {
                char *p = xasprintf("%s/%s", v->dir, names[i]);

                unlink(p);
                free(p);
        }
        rmdir(v->dir);
        msg_notice(_("the vault in %s was destroyed"), v->dir);
        vault_close(v);
        return 0;
}

int cmd_keygen(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"aidant", no_argument, NULL, 'a'},
                                             {"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
        unsigned char *sk = guarded_alloc(AGE_KEY_LEN), pk[AGE_KEY_LEN];
        char rcp[AGE_RECIPIENT_MAX], *path = NULL;
        struct secret *pass;
        int c, aidant = 0;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'a')
                        aidant = 1;
                else if (c == 'o')
                        path = xstrdup(optarg);
        }
        if (!aidant || optind < argc)
                cli_usage_error(ctx, _("keygen makes a helper's identity: give --aidant (for a "
                                       "plain age key, see 'age keygen')"));
        if (path == NULL)
                path = fs_home_path(ctx->home, "aidant-identity.age");
        if (access(path, F_OK) == 0)
                die(EX_CANTCREAT, _("%s already exists: remove it first to make a new identity"),
                    path);
        pass = secret_read(&ctx->secrets, SECRET_PASSPHRASE,
                           _("New passphrase of your helper identity: "), 1);
        age_keygen(sk);
        age_public_key(sk, pk);
        age_format_recipient(pk, rcp);
        write_identity(path, sk, "aidant-vault helper identity", pass);
        secret_free(pass);
        sodium_free(sk);
        printf("%s\n", rcp);
        msg_notice(_("identity written to %s; give the public key above to the people who share "
                     "with you"),
                   path);
        free(path);
        return 0;
}
