/* Documents: add, list, get and rm. */
#include "agefile.h"
#include "cli.h"
#include "clock.h"
#include "crash.h"
#include "commands.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"
#include "rec.h"
#include "types.h"
#include "text.h"
#include "txn.h"
#include "vault.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REMIND_DAYS 30 /* documents expiring this soon are recalled on every list */

/* Encrypts the document in (named name) into the domain of m, staged in t, to the
 * recipients r; returns its index entry (new reference). */
json_t *vault_stage_document(struct txn *t, FILE *in, const char *name,
                             const struct vault_doc_meta *m, const struct age_recipient *r, int n)
{
        struct vault *v = t->v;
        unsigned char mac[AGE_MAC_LEN];
        char id[13], mac64[64], when[32], *path, *rel;
        struct afile *af;
        long long size;
        json_t *e;

        path = vault_path(v, m->domain, NULL);
        fs_mkdirs(path);
        free(path);
        for (;;) {
                vault_new_id(id);
                path = vault_path(v, m->domain, id);
                if (access(path, F_OK) != 0)
                        break;
                free(path);
        }
        free(path);
        rel = xasprintf("%s/%s.age", m->domain, id);
        path = txn_stage(t, rel);
        af = afile_open(path, 0600);
        if (agefile_encrypt(in, af->fp, r, n, mac, &size) != AGE_OK)
                die(EX_IOERR, _("cannot encrypt %s: %s"), name, strerror(errno));
        crash_point("object-written");
        afile_commit(af);
        crash_point("object-staged");
        vault_mac_text(mac, mac64);
        clock_format_iso(v->now, when);
        e = vault_json(json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "id", id, "kind",
                                 "document", "title", m->title != NULL ? m->title : name, "type",
                                 m->type != NULL ? m->type : "autre", "file", name, "size",
                                 (json_int_t)size, "added", when));
        if (m->expires[0] != '\0')
                json_object_set_new(e, "expires", vault_json(json_string(m->expires)));
        json_object_set_new(e, "mac", vault_json(json_string(mac64)));
        free(rel);
        free(path);
        return e;
}

/* Encrypts one file into the domain, staged in t; returns its index entry (new ref). */
static json_t *add_file(struct txn *t, const char *file, const struct vault_doc_meta *m,
                        const struct age_recipient *r, int n)
{
        char *copy = xstrdup(file);
        FILE *in = fopen(file, "rb");
        json_t *e;

        if (in == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), file,
                    strerror(errno));
        e = vault_stage_document(t, in, basename(copy), m, r, n);
        fclose(in);
        free(copy);
        return e;
}

static void parse_add_meta(const struct ctx *ctx, struct vault_doc_meta *m, int c, const char *arg)
{
        if (c == 'd') {
                if (!vault_domain_valid(arg))
                        cli_usage_error(ctx, _("unknown domain '%s' (see 'aidant-vault domains')"),
                                        arg);
                m->domain = arg;
        } else if (c == 't') {
                vault_need_text(ctx, "--title", arg);
                m->title = arg;
        } else if (c == 'T') {
                if (types_find(arg) == NULL)
                        cli_usage_error(ctx,
                                        _("unknown document type '%s' (see 'aidant-vault "
                                          "types')"),
                                        arg);
                m->type = arg;
        } else if (c == 'e') {
                if (clock_parse_date(arg, m->expires) != 0)
                        cli_usage_error(ctx, _("--expires: '%s' is not a date"), arg);
        }
}

/* A file to add: readable, and named in UTF-8 (its name goes into the index). */
static void need_file(const char *file)
{
        char *copy, *base;
        bool utf8;

        if (access(file, R_OK) != 0)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), file,
                    strerror(errno));
        copy = xstrdup(file);
        base = basename(copy);
        utf8 = text_valid_utf8(base, strlen(base));
        free(copy); /* before a refusal: nothing left for the leak checker */
        if (!utf8)
                die(EX_DATAERR,
                    _("%s: the file name is not UTF-8 (made on another system?): rename the file"),
                    file);
}

/* Prints the ids of the last n entries. */
static void print_new_ids(json_t *entries, size_t n)
{
        for (size_t i = json_array_size(entries) - n; i < json_array_size(entries); i++)
                printf("%s\n",
                       json_string_value(json_object_get(json_array_get(entries, i), "id")));
}

int cmd_add(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"domain", required_argument, NULL, 'd'},
                                             {"title", required_argument, NULL, 't'},
                                             {"type", required_argument, NULL, 'T'},
                                             {"expires", required_argument, NULL, 'e'},
                                             {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        struct age_recipient r[VAULT_MAX_KEYS];
        struct vault_doc_meta m = {0};
        struct vault *v;
        struct txn t;
        json_t *idx;
        int c, n;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                parse_add_meta(ctx, &m, c, optarg);
        if (optind >= argc)
                cli_usage_error(ctx, _("no file to add"));
        if (m.domain == NULL)
                cli_usage_error(ctx, _("--domain is required"));
        if (m.title != NULL && argc - optind > 1)
                cli_usage_error(ctx, _("--title names one file: add the files one by one"));
        for (int i = optind; i < argc; i++)
                need_file(argv[i]);
        v = vault_open(ctx, o, VAULT_WRITE);
        vault_need_owner(v, "add");
        vault_need_consistent(v);
        idx = vault_index_load(v, m.domain);
        n = vault_recipients(v, m.domain, r);
        txn_begin(v, &t);
        for (int i = optind; i < argc; i++)
                json_array_append_new(json_object_get(idx, "entries"),
                                      add_file(&t, argv[i], &m, r, n));
        vault_index_stage(&t, m.domain, idx);
        txn_commit(&t);
        /* the ids, once they are in the vault */
        print_new_ids(json_object_get(idx, "entries"), (size_t)(argc - optind));
        json_decref(idx);
        vault_close(v);
        return 0;
}

/* The domains a listing covers: one (access checked) or every readable one. */
static int listed_domains(const struct vault *v, const char *only, const char **out)
{
        int n = 0;

        if (only != NULL) {
                vault_check_access(v, only);
                out[n++] = only;
                return n;
        }
        for (int i = 0; vault_domains[i] != NULL; i++)
                if (vault_can_read(v, vault_domains[i]))
                        out[n++] = vault_domains[i];
        if (n == 0)
                vault_no_access(v);
        return n;
}

/* Recalls on stderr a document that has expired or soon will. */
static void remind(const struct vault *v, json_t *e)
{
        const char *exp = json_string_value(json_object_get(e, "expires"));
        const char *title = json_string_value(json_object_get(e, "title"));
        time_t t;

        if (exp == NULL || clock_parse(exp, &t) != 0)
                return;
        if (t < v->now)
                msg_notice(_("%s expired on %s: renew it"), title, exp);
        else if (t - v->now < REMIND_DAYS * 86400L)
                msg_notice(_("%s expires on %s"), title, exp);
}

static void list_domain(struct vault *v, const char *domain, time_t limit, struct rec_writer *w)
{
        json_t *idx = vault_index_load(v, domain), *e;
        size_t i;

        json_array_foreach(json_object_get(idx, "entries"), i, e)
        {
                const char *exp = json_string_value(json_object_get(e, "expires"));
                time_t t;
                json_t *out;

                if (strcmp(json_string_value(json_object_get(e, "kind")), "document") != 0)
                        continue;
                if (limit != 0 && (exp == NULL || clock_parse(exp, &t) != 0 || t > limit))
                        continue;
                remind(v, e);
                out = json_pack("{s:O, s:s, s:O, s:O?, s:O?, s:O?, s:O?, s:O?}", "id",
                                json_object_get(e, "id"), "domain", domain, "title",
                                json_object_get(e, "title"), "type", json_object_get(e, "type"),
                                "expires", json_object_get(e, "expires"), "file",
                                json_object_get(e, "file"), "size", json_object_get(e, "size"),
                                "added", json_object_get(e, "added"));
                rec_write(w, out);
                json_decref(out);
        }
        json_decref(idx);
}

int cmd_list(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"domain", required_argument, NULL, 'd'},
                                             {"expiring-within", required_argument, NULL, 'x'},
                                             {NULL, 0, NULL, 0}};
        static const char *const cols[] = {"id",   "domain", "title", "type", "expires",
                                           "file", "size",   "added", NULL};
        struct vault_opts *o = ctx->opts;
        const char *only = NULL, *domains[16];
        struct duration within = {0, 0};
        struct rec_writer *w;
        struct vault *v;
        time_t limit = 0;
        int c, n;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'd' && !vault_domain_valid(optarg))
                        cli_usage_error(ctx, _("unknown domain '%s' (see 'aidant-vault domains')"),
                                        optarg);
                if (c == 'd')
                        only = optarg;
                if (c == 'x' && duration_parse(optarg, &within) != 0)
                        cli_usage_error(
                            ctx, _("--expiring-within: '%s' is not a duration (90d, 6m)"), optarg);
        }
        cli_no_args(ctx, argc, argv);
        v = vault_open(ctx, o, VAULT_READ);
        if (within.amount > 0)
                limit = duration_apply(v->now, &within, 1);
        n = listed_domains(v, only, domains);
        w = rec_writer_open(stdout, ctx->format, cols);
        for (int i = 0; i < n; i++)
                if (vault_index_exists(v, domains[i]))
                        list_domain(v, domains[i], limit, w);
        rec_writer_close(w);
        vault_close(v);
        return 0;
}

FILE *vault_open_object(struct vault *v, const char *domain, json_t *e,
                        unsigned char key[AGE_FILE_KEY_LEN], int *code)
{
        const char *id = json_string_value(json_object_get(e, "id"));
        char *path = vault_path(v, domain, id), mac64[64];
        unsigned char mac[AGE_MAC_LEN];
        FILE *in = fopen(path, "rb");
        int rc;

        free(path);
        if (in == NULL) {
                *code = msg_error(EX_NOINPUT,
                                  _("%s: the object is missing: the vault is incomplete"), id);
                return NULL;
        }
        rc = agefile_open(in, v->ids, v->nids, key, mac);
        vault_mac_text(mac, mac64);
        if (rc == AGE_OK && strcmp(mac64, json_string_value(json_object_get(e, "mac"))) != 0) {
                fclose(in);
                *code = msg_error(
                    EX_DATAERR,
                    _("%s: the object does not match its index entry (replaced by another "
                      "file?)"),
                    id);
                return NULL;
        }
        if (rc != AGE_OK) {
                fclose(in);
                *code = msg_error(agefile_exit(rc), "%s: %s", id, _(age_status_text(rc)));
                return NULL;
        }
        return in;
}

int cmd_get(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        unsigned char key[AGE_FILE_KEY_LEN];
        const char *out = NULL, *domain;
        json_t *idx, *e;
        struct vault *v;
        FILE *in;
        int c, code = 0;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'o')
                        out = optarg;
        if (argc - optind != 1)
                cli_usage_error(ctx, _("give one document id"));
        v = vault_open(ctx, o, VAULT_READ);
        domain = vault_find(v, argv[optind], &idx, &e);
        in = vault_open_object(v, domain, e, key, &code);
        if (in != NULL) {
                struct agefile_target t = {out, ctx->home, ctx->tty_out};

                code = agefile_decrypt_to(in, argv[optind], key, &t);
                fclose(in);
        }
        sodium_memzero(key, sizeof(key));
        json_decref(idx);
        vault_close(v);
        return code;
}

int cmd_rm(int argc, char **argv, struct ctx *ctx)
{
        struct vault_opts *o = ctx->opts;
        const char *domain;
        json_t *idx, *e;
        struct vault *v;
        struct txn t;

        while (cli_getopt(ctx, argc, argv, NULL) != -1)
                ; /* it has only the vault options */
        if (argc - optind != 1)
                cli_usage_error(ctx, _("give one document or secret id"));
        v = vault_open(ctx, o, VAULT_WRITE);
        vault_need_owner(v, "rm");
        vault_need_consistent(v);
        domain = vault_find(v, argv[optind], &idx, &e);
        txn_begin(v, &t);
        vault_drop_entry(&t, domain, idx, e);
        vault_index_stage(&t, domain, idx);
        txn_commit(&t);
        msg_notice(_("%s removed"), argv[optind]);
        json_decref(idx);
        vault_close(v);
        return 0;
}
