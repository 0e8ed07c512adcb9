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
#include "names.h"
#include "txn.h"
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

        r.log_n = kdf_age_log_n();
        age_public_key(sk, pk);
        age_format_recipient(pk, rcp);
        age_format_secret(sk, secret);
        text = xasprintf("# %s\n# public key: %s\n%s\n", label, rcp, secret);
        agefile_write(path, &r, 1, text, strlen(text), NULL);
        secret_wipe_free(text);
        guarded_free(secret);
}

/* Writes the identity file rel of the vault (identity.age, recovery.age) in the change t. */
static void stage_identity(struct txn *t, const char *rel, const char *label,
                           const struct secret *pass)
{
        char *path = txn_stage(t, rel);

        write_identity(path, t->v->ids[0].sk, label, pass);
        txn_pin(t, rel);
        free(path);
}

/* Prints the recovery code; with sheet, writes the recovery sheet there too ("-": the
 * sheet instead, on standard output). */
static void show_recovery(const struct secret *code, const char *owner, const char *dir,
                          const char *sheet)
{
        if (sheet == NULL || strcmp(sheet, "-") != 0) {
                printf("%s\n\n   ", _("Recovery code (write it down by hand and keep it safe; it "
                                      "is shown only this once):"));
                for (size_t i = 0; i < code->len; i++)
                        printf("%c%s", code->buf[i], i % 4 == 3 && i + 1 < code->len ? "-" : "");
                printf("\n\n");
        }
        if (sheet != NULL)
                recovery_sheet_write(sheet, owner, dir, code, clock_now());
        fflush(stdout);
}

/* Makes a new recovery code and writes the identity under it in t; shows the code before
 * the change is committed: a code never works before it was shown. */
static void new_recovery(struct txn *t, const char *owner, const char *sheet, int show)
{
        struct secret code = {guarded_alloc(CODE_LEN + 1), CODE_LEN};
        char *label = xasprintf("aidant-vault recovery identity of %s", owner);

        for (int i = 0; i < CODE_LEN; i++)
                code.buf[i] = CODE_LETTERS[randombytes_uniform(sizeof(CODE_LETTERS) - 1)];
        code.buf[CODE_LEN] = '\0';
        stage_identity(t, "recovery.age", label, &code);
        if (show)
                show_recovery(&code, owner, t->v->dir, sheet);
        guarded_free(code.buf);
        free(label);
}

static void stage_passphrase_identity(struct txn *t, const char *owner, const struct secret *pass)
{
        char *label = xasprintf("aidant-vault identity of %s", owner);

        stage_identity(t, "identity.age", label, pass);
        free(label);
}

static int exists(const char *dir, const char *name)
{
        char *p = xasprintf("%s/%s", dir, name);
        int e = access(p, F_OK) == 0;

        free(p);
        return e;
}

struct vault *vault_init_dir(const struct ctx *ctx, const char *dir, const char *owner,
                             const struct secret *pass, const char *sheet, int show_code)
{
        unsigned char *sk = guarded_alloc(AGE_KEY_LEN);
        struct vault *v;
        struct txn t;

        fs_mkdirs(dir);
        age_keygen(sk);
        v = vault_create(dir, ctx->home, sk);
        guarded_free(sk);
        txn_begin(v, &t);
        stage_passphrase_identity(&t, owner, pass);
        names_set_owner(&t, owner);
        new_recovery(&t, owner, sheet, show_code);
        /* vault.json comes last: its presence says the vault is complete */
        txn_commit(&t);
        return v;
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
        vault_need_text(ctx, "--owner", owner);
        dir = vault_dir(ctx, o);
        if (exists(dir, "vault.json"))
                die(EX_CANTCREAT, _("a vault already exists in %s"), dir);
        pass = secret_read(&ctx->secrets, SECRET_PASSPHRASE, _("New passphrase of the vault: "), 1);
        vault_close(vault_init_dir(ctx, dir, owner, pass, sheet, 1));
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
        struct txn t;

        cli_no_args(ctx, argc, argv);
        v = vault_unlock(ctx, o);
        vault_need_owner(v, "passwd");
        /* typed before the vault is locked: the lock is not held meanwhile */
        pass = secret_read(&ctx->secrets, SECRET_NEW_PASSPHRASE, _("New passphrase of the vault: "),
                           1);
        vault_lock(v, VAULT_WRITE);
        vault_need_consistent(v);
        txn_begin(v, &t);
        stage_passphrase_identity(&t, names_owner(v), pass);
        txn_commit(&t);
        secret_free(pass);
        msg_notice("%s", _("passphrase changed"));
        vault_close(v);
        return 0;
}

int cmd_recover(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {SHEET_LONGOPT, {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        const char *sheet = NULL;
        struct secret *pass;
        struct vault *v;
        struct txn t;

        while (cli_getopt(ctx, argc, argv, opts) == 'S')
                sheet = optarg;
        cli_no_args(ctx, argc, argv);
        if (o->identity != NULL || o->as_aidant)
                cli_usage_error(ctx, _("recover is for the owner of the vault only"));
        o->recovery = 1;
        v = vault_unlock(ctx, o);
        pass = secret_read(&ctx->secrets, SECRET_NEW_PASSPHRASE, _("New passphrase of the vault: "),
                           1);
        vault_lock(v, VAULT_WRITE);
        vault_need_consistent(v);
        txn_begin(v, &t);
        stage_passphrase_identity(&t, names_owner(v), pass);
        secret_free(pass);
        /* the code is one-time: a new one replaces it */
        new_recovery(&t, names_owner(v), sheet, 1);
        txn_commit(&t);
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
        const char *names[] = {"identity.age", "recovery.age", "names.age", "vault.json", ".lock"};
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
        for (int i = 0; i < 3; i++) {
                char *p = xasprintf("%s/%s", v->dir, names[i]);

                shred(p);
                free(p);
        }
        for (int i = 0; vault_domains[i] != NULL; i++) {
                char *p = vault_path(v, vault_domains[i], NULL);

                remove_domain(p);
                free(p);
        }
        for (int i = 3; i < 5; i++) {
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
        guarded_free(sk);
        printf("%s\n", rcp);
        msg_notice(_("identity written to %s; give the public key above to the people who share "
                     "with you"),
                   path);
        free(path);
        return 0;
}
