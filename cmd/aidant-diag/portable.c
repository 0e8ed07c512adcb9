/* verify and import: a portable diagnosis checked with minisign's formats (common/sig),
 * against one key given for the call, the trusted keys, or the structure's own. */
#include "portable.h"
#include "cli.h"
#include "commands.h"
#include "diagnose.h"
#include "fs.h"
#include "i18n.h"
#include "ident.h"
#include "msg.h"
#include "sig.h"
#include "store.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PORTABLE_MAX (16L * 1024 * 1024)

static char *read_or_die(const char *path, size_t *len)
{
        char *buf = fs_read_file(path, PORTABLE_MAX, len);

        if (buf == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), path,
                    strerror(errno));
        return buf;
}

/* The key named keyid among the trusted ones (its name in *name), or the structure's. */
static bool known_key(struct denv *e, const char *keyid, struct sig_pubkey *pk, char **name)
{
        sqlite3_stmt *st;
        bool found = false;

        if (ident_pubkey(e->ctx->home, pk)) {
                char own[17];

                sig_keyid_hex(pk->keyid, own);
                if (strcmp(own, keyid) == 0) {
                        *name = xstrdup(_("this structure"));
                        return true;
                }
        }
        if (e->db == NULL)
                return false;
        st = store_prepare(e->db, "SELECT pubkey, name FROM trust WHERE keyid = ?");
        store_bind_text(st, 1, keyid);
        if (store_step(e->db, st) == SQLITE_ROW) {
                const char *text = (const char *)sqlite3_column_text(st, 0);

                found = sig_pubkey_parse(text, strlen(text), pk) == SIG_OK;
                *name = xstrdup((const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_finalize(st);
        return found;
}

static void pubkey_of(struct denv *e, const char *file, const char *keyid, struct sig_pubkey *pk,
                      char **name)
{
        size_t len;
        char *text, have[17];

        if (file == NULL) {
                if (!known_key(e, keyid, pk, name))
                        die(EX_NOPERM,
                            _("signed by key %s, which is not trusted ('aidant-diag trust add' or "
                              "--pubkey)"),
                            keyid);
                return;
        }
        text = read_or_die(file, &len);
        if (sig_pubkey_parse(text, len, pk) != SIG_OK)
                die(EX_DATAERR, _("%s: not a minisign public key"), file);
        free(text);
        sig_keyid_hex(pk->keyid, have);
        if (strcmp(have, keyid) != 0)
                die(EX_NOPERM, _("signed by key %s, not by the key of %s (%s)"), keyid, file, have);
}

/* The document of a portable file: canonical JSON of a diagnosis (65 otherwise). */
static json_t *document_of(const char *path, const char *buf, size_t len, char id[17])
{
        size_t n = len > 0 && buf[len - 1] == '\n' ? len - 1 : len;
        json_t *doc = json_loadb(buf, n, JSON_REJECT_DUPLICATES, NULL), *res;
        char *canon = doc != NULL ? diag_canonical(doc) : NULL;
        bool ok = canon != NULL && strlen(canon) == n && memcmp(canon, buf, n) == 0;

        res = json_object_get(doc, "result");
        ok = ok && json_is_object(doc) && json_is_string(json_object_get(doc, "format")) &&
             strcmp(json_string_value(json_object_get(doc, "format")), DIAG_FORMAT) == 0;
        ok = ok && json_is_string(json_object_get(doc, "form")) &&
             json_is_string(json_object_get(doc, "framework")) &&
             json_is_string(json_object_get(doc, "date")) && json_is_object(res) &&
             json_is_object(json_object_get(res, "levels")) &&
             json_is_string(json_object_get(res, "autonomie")) &&
             json_is_object(json_object_get(res, "orientation"));
        if (!ok) {
                free(canon);
                json_decref(doc);
                die(EX_DATAERR, _("%s: not a portable diagnosis (%s canonical JSON)"), path,
                    DIAG_FORMAT);
        }
        diag_id(canon, id);
        free(canon);
        return doc;
}

void portable_read(struct denv *e, const char *path, const char *pubkey_file, int no_code,
                   struct portable *out)
{
        char *sigpath = xasprintf("%s.minisig", path), *buf, *sigtext;
        size_t len, slen;
        struct sig_signature s;
        struct sig_pubkey pk;
        enum sig_status st;

        memset(out, 0, sizeof(*out));
        buf = read_or_die(path, &len);
        sigtext = read_or_die(sigpath, &slen);
        if ((st = sig_signature_parse(sigtext, slen, &s)) != SIG_OK)
                die(EX_DATAERR, "%s: %s", sigpath, sig_strerror(st));
        sig_keyid_hex(s.keyid, out->keyid);
        pubkey_of(e, pubkey_file, out->keyid, &pk, &out->signer_name);
        st = sig_verify(&pk, &s, (const unsigned char *)buf, len);
        if (st != SIG_OK)
                die(no_code, _("%s: %s: the file was changed after it was signed"), path,
                    sig_strerror(st));
        out->trusted = xstrdup(s.trusted);
        out->doc = document_of(path, buf, len, out->id);
        sig_signature_clear(&s);
        free(sigtext);
        free(buf);
        free(sigpath);
}

void portable_clear(struct portable *p)
{
        json_decref(p->doc);
        free(p->signer_name);
        free(p->trusted);
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
        portable_read(e, argv[optind], pubkey, EX_NO, &p);
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
        portable_read(e, argv[optind], pubkey, EX_DATAERR, &p);
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
