/* verify and import: a portable diagnosis checked by common/structure against the key
 * given for the call, the structure's own key, or a trusted key (trust.c). */
#include "portable.h"
#include "cli.h"
#include "commands.h"
#include "diagnose.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "store.h"
#include "structure.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PORTABLE_MAX (16L * 1024 * 1024)

/* What structure_verify says of sig against the key that made it, when that key is
 * trusted: the --pubkey file alone, else the structure's own key, else the key of that id
 * among the trusted ones. *name is who that key is (new, NULL for --pubkey). */
static int check_signature(struct denv *e, const char *pubkey_file, const char *buf, size_t len,
                           const char *sig, size_t slen, struct structure_check *c, char **name)
{
        struct sig_pubkey pk = {0};
        char own[17] = "";
        int code;

        *name = NULL;
        if (pubkey_file != NULL) {
                structure_trusted_key(e->ctx->home, pubkey_file, &pk);
                return structure_verify(&pk, buf, len, sig, slen, c);
        }
        if (structure_exists(e->ctx->home)) {
                structure_trusted_key(e->ctx->home, NULL, &pk);
                sig_keyid_hex(pk.keyid, own);
        }
        /* without a key of its own, the key of zeros only names the key that signed */
        code = structure_verify(&pk, buf, len, sig, slen, c);
        if (code != EX_NOPERM || strcmp(c->key_id, own) == 0) {
                if (own[0] != '\0' && strcmp(c->key_id, own) == 0)
                        *name = xstrdup(_("this structure"));
                return code;
        }
        if (!trust_find(e, c->key_id, &pk, name)) {
                snprintf(c->why, sizeof(c->why),
                         _("signed by key %s, which is not trusted ('aidant-diag trust add' or "
                           "--pubkey)"),
                         c->key_id);
                return EX_NOPERM;
        }
        structure_check_clear(c);
        return structure_verify(&pk, buf, len, sig, slen, c);
}

/* The document of a portable file (document.c), or 65 naming what is wrong. */
static json_t *document_of(const char *path, const char *buf, size_t len, char id[17])
{
        char *why;
        json_t *doc = portable_document(buf, len, id, &why);

        if (doc == NULL)
                die(EX_DATAERR, "%s: %s", path, why);
        return doc;
}

/* The diagnosis id the trusted comment names, when it names one, is the file's. */
static void check_named_id(const char *path, const char *trusted, const char *id)
{
        char *named = structure_field(trusted, "id");

        if (named != NULL && strcmp(named, id) != 0) {
                char copy[17];

                snprintf(copy, sizeof(copy), "%s", named);
                free(named);
                die(EX_DATAERR, _("%s: the signature names diagnosis %s, the file is %s"), path,
                    copy, id);
        }
        free(named);
}

void portable_read(struct denv *e, const char *path, const char *pubkey_file, struct portable *out)
{
        char *sigpath = xasprintf("%s.minisig", path), *buf, *sig;
        struct structure_check c;
        size_t len, slen;
        int code;

        memset(out, 0, sizeof(*out));
        buf = fs_read_file_or_die(path, PORTABLE_MAX, &len);
        sig = fs_read_file_or_die(sigpath, PORTABLE_MAX, &slen);
        code = check_signature(e, pubkey_file, buf, len, sig, slen, &c, &out->signer_name);
        if (code != 0) {
                msg_error(code, _("%s: does not hold: %s"), c.key_id[0] != '\0' ? path : sigpath,
                          c.why);
                structure_check_clear(&c);
                free(out->signer_name);
                free(sig);
                free(buf);
                free(sigpath);
                exit(code);
        }
        snprintf(out->keyid, sizeof(out->keyid), "%s", c.key_id);
        out->demo = c.demo;
        out->doc = document_of(path, buf, len, out->id);
        check_named_id(path, c.trusted, out->id);
        structure_check_clear(&c);
        free(sig);
        free(buf);
        free(sigpath);
}

void portable_clear(struct portable *p)
{
        json_decref(p->doc);
        free(p->signer_name);
}

static void portable_options(struct ctx *ctx, int argc, char **argv, const char **pubkey,
                             const char **usager)
{
        static const struct option longopts[] = {{"pubkey", required_argument, NULL, 'p'},
                                                 {"usager", required_argument, NULL, 'u'},
                                                 {NULL, 0, NULL, 0}};
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'p')
                        *pubkey = optarg;
                else if (usager == NULL)
                        cli_usage_error(ctx, _("unknown option '%s'"), argv[optind - 1]);
                else if (!diag_valid_pseudonym(optarg))
                        cli_usage_error(ctx, "%s",
                                        _("--usager: a pseudonym is letters, digits, '-' or '_' "
                                          "(never a name)"));
                else
                        *usager = optarg;
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one portable diagnosis file"));
}

int cmd_verify(int argc, char **argv, struct ctx *ctx)
{
        const char *pubkey = NULL;
        struct denv *e;
        struct portable p;

        portable_options(ctx, argc, argv, &pubkey, NULL);
        e = denv_open_existing(ctx);
        portable_read(e, argv[optind], pubkey, &p);
        printf(_("valid: diagnosis %s of %s, signed by %s (key %s)\n"), p.id,
               json_string_value(json_object_get(p.doc, "date")),
               p.signer_name != NULL ? p.signer_name : _("the key given"), p.keyid);
        portable_clear(&p);
        denv_close(e);
        return 0;
}

int cmd_import(int argc, char **argv, struct ctx *ctx)
{
        const char *pubkey = NULL, *usager = NULL;
        struct denv *e;
        struct portable p;
        long long n;

        portable_options(ctx, argc, argv, &pubkey, &usager);
        e = denv_open(ctx);
        portable_read(e, argv[optind], pubkey, &p);
        store_begin(e->db);
        n = db_find_id(e, p.id);
        if (n != 0) {
                store_rollback(e->db);
                msg_notice(_("diagnosis %s is already in the history as %lld"), p.id, n);
        } else {
                char pseudo[16], *canon;

                if (usager == NULL)
                        diag_new_pseudonym(pseudo);
                canon = diag_canonical(p.doc);
                n = db_insert(e, p.doc, canon, p.id, usager != NULL ? usager : pseudo, "import",
                              p.keyid);
                store_commit(e->db);
                free(canon);
        }
        printf("%lld\n", n);
        portable_clear(&p);
        denv_close(e);
        return 0;
}
