/* Credentials (CAF, ameli, impots.gouv logins): secret set, get and list. Each one is an
 * age object holding {"name", "login", "url", "password"}; the index keeps all but the
 * password, so listing never decrypts a password. */
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
#include "text.h"
#include "txn.h"
#include "vault.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SECRET_OBJ_MAX (1 << 16)

/* The entry named name in the domains this session reads; *domain, *index (new
 * reference) set; NULL when absent. */
static json_t *find_secret(struct vault *v, const char *name, const char **domain, json_t **index)
{
        for (int i = 0; vault_domains[i] != NULL; i++) {
                int here =
                    vault_index_exists(v, vault_domains[i]) && vault_can_read(v, vault_domains[i]);
                size_t k;
                json_t *idx, *e;

                if (!here)
                        continue;
                idx = vault_index_load(v, vault_domains[i]);
                json_array_foreach(json_object_get(idx, "entries"), k, e)
                {
                        const char *n = json_string_value(json_object_get(e, "name"));

                        if (n != NULL && strcmp(n, name) == 0) {
                                *domain = vault_domains[i];
                                *index = idx;
                                return e;
                        }
                }
                json_decref(idx);
        }
        return NULL;
}

/* Writes the secret object, staged in t, and returns its index entry (new reference). */
json_t *vault_stage_secret(struct txn *t, const char *domain, json_t *obj)
{
        struct vault *v = t->v;
        struct age_recipient r[VAULT_MAX_KEYS];
        unsigned char mac[AGE_MAC_LEN];
        char id[13], mac64[64], when[32], *path, *rel, *text, *dir = vault_path(v, domain, NULL);
        int n = vault_recipients(v, domain, r);

        fs_mkdirs(dir);
        free(dir);
        for (;;) {
                vault_new_id(id);
                path = vault_path(v, domain, id);
                if (access(path, F_OK) != 0)
                        break;
                free(path);
        }
        free(path);
        rel = xasprintf("%s/%s.age", domain, id);
        path = txn_stage(t, rel);
        text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (text == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        agefile_write(path, r, n, text, strlen(text), mac);
        secret_wipe_free(text);
        crash_point("object-staged");
        vault_mac_text(mac, mac64);
        clock_format_iso(v->now, when);
        free(rel);
        free(path);
        return vault_json(json_pack("{s:s, s:s, s:O, s:O?, s:O?, s:s, s:s}", "id", id, "kind",
                                    "secret", "name", json_object_get(obj, "name"), "login",
                                    json_object_get(obj, "login"), "url",
                                    json_object_get(obj, "url"), "added", when, "mac", mac64));
}

struct set_args {
        const char *name, *domain, *login, *url;
};

/* The secret object {name, login, url, password} (new reference); dies 65 when the
 * password is not UTF-8 text (typed on a terminal in another encoding). */
static json_t *secret_object(const struct set_args *a, const struct secret *pw)
{
        json_t *obj;

        if (!text_valid_utf8(pw->buf, pw->len))
                die(EX_DATAERR, "%s",
                    _("the password is not UTF-8 text (typed on a terminal in another encoding?): "
                      "nothing was stored"));
        obj = vault_json(json_pack("{s:s, s:s?, s:s?, s:s%}", "name", a->name, "login", a->login,
                                   "url", a->url, "password", pw->buf, pw->len));
        return obj;
}

static void secret_set(const struct ctx *ctx, struct vault_opts *o, const struct set_args *a)
{
        const char *old_domain = NULL;
        json_t *idx, *old_idx = NULL, *old, *obj;
        struct vault *v = vault_unlock(ctx, o);
        struct secret *pw;
        struct txn t;
        int same;

        vault_need_owner(v, "secret set");
        /* the password is typed before the vault is locked: the lock is not held meanwhile */
        pw = secret_read(&ctx->secrets, SECRET_PASSWORD, _("Password: "), 0);
        obj = secret_object(a, pw);
        secret_free(pw);
        vault_lock(v, VAULT_WRITE);
        vault_need_consistent(v);
        old = find_secret(v, a->name, &old_domain, &old_idx);
        same = old != NULL && strcmp(old_domain, a->domain) == 0;
        idx = same ? json_incref(old_idx) : vault_index_load(v, a->domain);
        txn_begin(v, &t);
        json_array_append_new(json_object_get(idx, "entries"),
                              vault_stage_secret(&t, a->domain, obj));
        json_decref(obj);
        if (old != NULL)
                vault_drop_entry(&t, old_domain, old_idx, old);
        vault_index_stage(&t, a->domain, idx);
        if (old != NULL && !same)
                vault_index_stage(&t, old_domain, old_idx);
        txn_commit(&t);
        json_decref(old_idx);
        json_decref(idx);
        msg_notice(_("secret %s stored in %s"), a->name, a->domain);
        vault_close(v);
}

static int sub_set(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"domain", required_argument, NULL, 'd'},
                                             {"login", required_argument, NULL, 'l'},
                                             {"url", required_argument, NULL, 'u'},
                                             {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        struct set_args a = {0};
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'd')
                        a.domain = optarg;
                else if (c == 'l')
                        a.login = optarg;
                else if (c == 'u')
                        a.url = optarg;
        }
        if (argc - optind != 1)
                cli_usage_error(ctx, _("give one secret name"));
        if (a.domain == NULL || !vault_domain_valid(a.domain))
                cli_usage_error(ctx, _("--domain is required and must be a known domain"));
        a.name = argv[optind];
        vault_need_text(ctx, _("the secret's name"), a.name);
        vault_need_text(ctx, "--login", a.login);
        vault_need_text(ctx, "--url", a.url);
        secret_set(ctx, o, &a);
        return 0;
}

/* Decrypts the secret object of entry e (new reference). */
static json_t *read_secret(struct vault *v, const char *domain, json_t *e)
{
        char *path = vault_path(v, domain, json_string_value(json_object_get(e, "id")));
        unsigned char mac[AGE_MAC_LEN];
        char *text, mac64[64];
        size_t len;
        json_t *obj;
        int rc = agefile_read(path, v->ids, v->nids, SECRET_OBJ_MAX, &text, &len, mac);

        if (rc == AGE_ERR_IO && errno == ENOENT)
                die(EX_NOINPUT, _("%s is missing: the vault is incomplete"), path);
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        vault_mac_text(mac, mac64);
        if (strcmp(mac64, json_string_value(json_object_get(e, "mac"))) != 0)
                die(EX_DATAERR, _("%s: the object does not match its index entry"), path);
        obj = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
        agefile_free_plain(text);
        if (!json_is_object(obj) || !json_is_string(json_object_get(obj, "password")))
                die(EX_DATAERR, _("%s: not a secret"), path);
        free(path);
        return obj;
}

/* One field of the secret name, or dies 66 when it has none. */
static const char *secret_field(json_t *obj, const char *field, const char *name)
{
        const char *val = json_string_value(json_object_get(obj, field));

        if (val == NULL)
                die(EX_NOINPUT, _("the secret %s has no %s"), name, field);
        return val;
}

static int sub_get(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"field", required_argument, NULL, 'f'},
                                             {NULL, 0, NULL, 0}};
        static const char *const cols[] = {"name", "domain", "login", "url", "password", NULL};
        struct vault_opts *o = ctx->opts;
        const char *field = NULL, *domain;
        json_t *idx, *e, *obj;
        struct vault *v;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'f')
                        field = optarg;
        if (argc - optind != 1)
                cli_usage_error(ctx, _("give one secret name"));
        if (field != NULL && strcmp(field, "password") != 0 && strcmp(field, "login") != 0 &&
            strcmp(field, "url") != 0)
                cli_usage_error(ctx, _("--field: password, login or url"));
        v = vault_open(ctx, o, VAULT_READ);
        e = find_secret(v, argv[optind], &domain, &idx);
        if (e == NULL)
                die(EX_NOINPUT, _("no secret named %s among the domains you can read"),
                    argv[optind]);
        obj = read_secret(v, domain, e);
        json_object_set_new(obj, "domain", vault_json(json_string(domain)));
        if (field != NULL) {
                printf("%s\n", secret_field(obj, field, argv[optind]));
        } else {
                struct rec_writer *w = rec_writer_open(stdout, ctx->format, cols);

                rec_write(w, obj);
                rec_writer_close(w);
        }
        json_decref(obj);
        json_decref(idx);
        vault_close(v);
        return 0;
}

static int sub_list(int argc, char **argv, struct ctx *ctx)
{
        static const char *const cols[] = {"name", "domain", "login", "url", "added", NULL};
        struct vault_opts *o = ctx->opts;
        struct rec_writer *w;
        struct vault *v;

        cli_no_args(ctx, argc, argv);
        v = vault_open(ctx, o, VAULT_READ);
        w = rec_writer_open(stdout, ctx->format, cols);
        for (int i = 0; vault_domains[i] != NULL; i++) {
                int here =
                    vault_index_exists(v, vault_domains[i]) && vault_can_read(v, vault_domains[i]);
                json_t *idx, *e;
                size_t k;

                if (!here)
                        continue;
                idx = vault_index_load(v, vault_domains[i]);
                json_array_foreach(json_object_get(idx, "entries"), k, e)
                {
                        json_t *out;

                        if (strcmp(json_string_value(json_object_get(e, "kind")), "secret") != 0)
                                continue;
                        out = vault_json(json_pack(
                            "{s:O, s:s, s:O?, s:O?, s:O?}", "name", json_object_get(e, "name"),
                            "domain", vault_domains[i], "login", json_object_get(e, "login"), "url",
                            json_object_get(e, "url"), "added", json_object_get(e, "added")));
                        rec_write(w, out);
                        json_decref(out);
                }
                json_decref(idx);
        }
        rec_writer_close(w);
        vault_close(v);
        return 0;
}

int cmd_secret(int argc, char **argv, struct ctx *ctx)
{
        static const struct vault_sub subs[] = {
            {"set", sub_set}, {"get", sub_get}, {"list", sub_list}, {NULL, NULL}};

        return vault_subcommand(ctx, argc, argv, subs, _("missing subcommand: set, get or list"));
}
