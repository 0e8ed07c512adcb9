/* The age plumbing: "age encrypt", "age decrypt" and "age keygen", compatible with the
 * stock age and age-keygen tools, for interoperability and tests. */
#include "agefile.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "msg.h"
#include "guarded.h"
#include "fs.h"
#include "i18n.h"
#include "pending.h"
#include "kdf.h"
#include "vault.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 64

static FILE *open_input(const char *path)
{
        FILE *fp;

        if (path == NULL || strcmp(path, "-") == 0)
                return stdin;
        fp = fopen(path, "rb");
        if (fp == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), path,
                    strerror(errno));
        return fp;
}

static void close_input(FILE *fp)
{
        if (fp != stdin)
                fclose(fp);
}

static int encrypt_to(const struct ctx *ctx, struct age_recipient *r, int n, const char *in_path,
                      const char *out_path)
{
        struct agefile_out o = {NULL, stdout, NULL, NULL};
        FILE *in;
        int rc;

        if (out_path != NULL && strcmp(out_path, "-") != 0)
                agefile_out_open(&o, out_path, 0644, NULL);
        else if (ctx->tty_out)
                die(EX_USAGE, "%s", _("refusing to write binary data to a terminal: use -o"));
        in = open_input(in_path);
        rc = agefile_encrypt(in, o.fp, r, n, NULL, NULL);
        close_input(in);
        if (rc != AGE_OK)
                die(EX_IOERR, _("cannot encrypt: %s"), strerror(errno));
        if (o.fp != stdout)
                agefile_out_commit(&o);
        return 0;
}

static int age_encrypt(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"recipient", required_argument, NULL, 'r'},
                                             {"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
        const struct secret_srcs *src = &ctx->secrets;
        bool given = src->fd[SECRET_PASSPHRASE] >= 0 || src->file[SECRET_PASSPHRASE] != NULL;
        struct age_recipient r[MAX_KEYS];
        struct secret *pass = NULL;
        const char *out = NULL;
        int n = 0, c, code;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'r') {
                        if (n == MAX_KEYS)
                                cli_usage_error(ctx, _("too many recipients"));
                        memset(&r[n], 0, sizeof(r[n]));
                        if (age_parse_recipient(optarg, r[n++].pk) != 0)
                                die(EX_DATAERR, _("'%s' is not an age recipient (age1...)"),
                                    optarg);
                } else if (c == 'o') {
                        out = optarg;
                }
        }
        given = src->fd[SECRET_PASSPHRASE] >= 0 || src->file[SECRET_PASSPHRASE] != NULL;
        if (argc - optind > 1)
                cli_usage_error(ctx, _("at most one input file"));
        pending_sweep(ctx->home);
        if (n > 0 && given)
                cli_usage_error(ctx, _("a passphrase cannot be combined with recipients"));
        if (n == 0 && !given)
                cli_usage_error(ctx, _("no recipient: give -r or --passphrase-fd"));
        if (n == 0) {
                pass = secret_read(src, SECRET_PASSPHRASE, _("Passphrase: "), 1);
                r[0] = (struct age_recipient){.scrypt = 1,
                                              .pass = pass->buf,
                                              .pass_len = pass->len,
                                              .log_n = kdf_age_log_n()};
                n = 1;
        }
        code = encrypt_to(ctx, r, n, optind < argc ? argv[optind] : NULL, out);
        secret_free(pass);
        return code;
}

/* Identities from -i files, or the passphrase when there is none. */
static int decrypt_with(const struct ctx *ctx, struct age_identity *ids, int n, const char *in_path,
                        const char *out_path)
{
        unsigned char key[AGE_FILE_KEY_LEN];
        FILE *in = open_input(in_path);
        const char *what = in_path != NULL ? in_path : "<stdin>";
        int rc = agefile_open(in, ids, n, key, NULL), code;
        struct agefile_target t = {out_path, ctx->home, ctx->tty_out};

        if (rc != AGE_OK) {
                /* returned, not died: the caller frees the passphrase it read */
                close_input(in);
                if (rc == AGE_ERR_NO_MATCH)
                        return msg_error(EX_NOPERM,
                                         _("%s: no identity matches (wrong key or passphrase)"),
                                         what);
                return msg_error(agefile_exit(rc), "%s: %s", what, _(age_status_text(rc)));
        }
        code = agefile_decrypt_to(in, what, key, &t);
        sodium_memzero(key, sizeof(key));
        close_input(in);
        return code;
}

static int age_decrypt(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"identity", required_argument, NULL, 'i'},
                                             {"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
        struct age_identity *ids = guarded_alloc(MAX_KEYS * sizeof(*ids));
        unsigned char(*sks)[AGE_KEY_LEN] = guarded_alloc(MAX_KEYS * AGE_KEY_LEN);
        const char *idf[MAX_KEYS], *out = NULL;
        struct secret *pass = NULL;
        int n = 0, nf = 0, c, code;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'i' && nf < MAX_KEYS)
                        idf[nf++] = optarg;
                else if (c == 'o')
                        out = optarg;
        }
        if (argc - optind > 1)
                cli_usage_error(ctx, _("at most one input file"));
        pending_sweep(ctx->home);
        for (int f = 0; f < nf; f++)
                n += agefile_load_identities(idf[f], &ctx->secrets, sks + n, MAX_KEYS - n);
        for (int k = 0; k < n; k++) {
                memset(&ids[k], 0, sizeof(ids[k]));
                memcpy(ids[k].sk, sks[k], AGE_KEY_LEN);
        }
        if (nf == 0) {
                pass = secret_read(&ctx->secrets, SECRET_PASSPHRASE, _("Passphrase: "), 0);
                memset(&ids[0], 0, sizeof(ids[0]));
                ids[0] =
                    (struct age_identity){.scrypt = 1, .pass = pass->buf, .pass_len = pass->len};
                n = 1;
        }
        code = decrypt_with(ctx, ids, n, optind < argc ? argv[optind] : NULL, out);
        secret_free(pass);
        guarded_free(sks);
        guarded_free(ids);
        return code;
}

/* Writes a new identity in age-keygen's format; the recipient also goes to stderr. */
static int age_keygen_cmd(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
        unsigned char *sk = guarded_alloc(AGE_KEY_LEN), pk[AGE_KEY_LEN];
        char *secret = guarded_alloc(AGE_SECRET_MAX), rcp[AGE_RECIPIENT_MAX], when[32];
        struct agefile_out o = {NULL, stdout, NULL, NULL};
        const char *out = NULL;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'o')
                        out = optarg;
        cli_no_args(ctx, argc, argv);
        if (out != NULL)
                agefile_out_open(&o, out, 0600, ctx->home);
        age_keygen(sk);
        age_public_key(sk, pk);
        age_format_secret(sk, secret);
        age_format_recipient(pk, rcp);
        clock_format_iso(clock_now(), when);
        fprintf(o.fp, "# created: %s\n# public key: %s\n%s\n", when, rcp, secret);
        if (out != NULL)
                agefile_out_commit(&o);
        if (out != NULL || !ctx->tty_out)
                fprintf(stderr, _("Public key: %s\n"), rcp);
        guarded_free(secret);
        guarded_free(sk);
        return 0;
}

int cmd_age(int argc, char **argv, struct ctx *ctx)
{
        static const struct vault_sub subs[] = {{"encrypt", age_encrypt},
                                                {"decrypt", age_decrypt},
                                                {"keygen", age_keygen_cmd},
                                                {NULL, NULL}};

        return vault_subcommand(ctx, argc, argv, subs,
                                _("missing subcommand: encrypt, decrypt or keygen"));
}
