/* verify: every issue the opening found (a file rolled back, replaced, deleted or added,
 * the whole vault older than the copy this home saw), every object of the domains this
 * session reads authenticated against its index entry, and the files no index names.
 * With --accept, the owner takes the vault as it now is: a backup put back on purpose. */
#include "agefile.h"
#include "trust.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "i18n.h"
#include "manifest.h"
#include "msg.h"
#include "txn.h"
#include "vault.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The domain of an index's relative path ("social/index.age"), or NULL. */
static const char *index_domain(const char *rel)
{
        for (int i = 0; vault_domains[i] != NULL; i++) {
                size_t n = strlen(vault_domains[i]);

                if (strncmp(rel, vault_domains[i], n) == 0 && strcmp(rel + n, "/index.age") == 0)
                        return vault_domains[i];
        }
        return NULL;
}

/* Says more about an index that is not the pinned one, when this session can read it. */
static void explain_index(struct vault *v, const char *rel, const char *domain)
{
        char *path = xasprintf("%s/%s", v->dir, rel);
        long long pinned = manifest_pin_version(v->manifest, rel), version;
        const char *why;
        json_t *idx;

        if (access(path, F_OK) != 0 || !vault_can_read(v, domain)) {
                free(path);
                return;
        }
        idx = vault_index_read_any(v, domain, &why);
        version = json_integer_value(json_object_get(idx, "version"));
        if (idx == NULL)
                msg_error(EX_DATAERR, _("%s: %s: it was not written by the owner"), path, _(why));
        else if (pinned > 0 && version < pinned)
                msg_error(EX_DATAERR,
                          _("%s is an older copy (its version %lld, the manifest names %lld): it "
                            "would bring back what was removed or changed since"),
                          path, version, pinned);
        else if (pinned > 0 && version > pinned)
                msg_error(EX_DATAERR,
                          _("%s is newer than the manifest says (its version %lld, the manifest "
                            "names %lld): vault.json is an older copy"),
                          path, version, pinned);
        json_decref(idx);
        free(path);
}

static int report_issues(struct vault *v)
{
        for (int i = 0; i < v->nissues; i++) {
                const char *domain =
                    v->issues[i].file != NULL ? index_domain(v->issues[i].file) : NULL;

                msg_error(EX_NO, "%s", v->issues[i].text);
                if (domain != NULL)
                        explain_index(v, v->issues[i].file, domain);
        }
        return v->nissues;
}

/* Whether the index names the object file name ("<id>.age"). */
static int index_names(json_t *idx, const char *name)
{
        size_t i, len = strlen(name);
        json_t *e;

        json_array_foreach(json_object_get(idx, "entries"), i, e)
        {
                const char *id = json_string_value(json_object_get(e, "id"));

                if (strlen(id) == len - 4 && strncmp(id, name, len - 4) == 0)
                        return 1;
        }
        return 0;
}

/* Calls fn on each object file of the domain that idx (NULL: none) does not name. */
static int each_foreign(struct vault *v, const char *domain, json_t *idx,
                        void (*fn)(struct vault *v, const char *domain, const char *name,
                                   void *arg),
                        void *arg)
{
        char *dir = vault_path(v, domain, NULL);
        DIR *d = opendir(dir);
        struct dirent *de;
        int n = 0;

        while (d != NULL && (de = readdir(d)) != NULL) {
                size_t len = strlen(de->d_name);

                if (len != 16 || strcmp(de->d_name + 12, ".age") != 0 ||
                    strspn(de->d_name, "0123456789abcdef") != 12 ||
                    (idx != NULL && index_names(idx, de->d_name)))
                        continue;
                n++;
                fn(v, domain, de->d_name, arg);
        }
        if (d != NULL)
                closedir(d);
        free(dir);
        return n;
}

static void say_foreign(struct vault *v, const char *domain, const char *name, void *arg)
{
        (void)arg;
        msg_error(EX_NO,
                  _("%s/%s/%s is not in the index: an object put back after its removal, or "
                    "copied in"),
                  v->dir, domain, name);
}

/* Authenticates every object of a domain; returns the number of failures. */
static int verify_domain(struct vault *v, const char *domain, int *count)
{
        json_t *idx = vault_index_load(v, domain), *e;
        unsigned char key[AGE_FILE_KEY_LEN];
        int bad = 0, code;
        size_t i;

        json_array_foreach(json_object_get(idx, "entries"), i, e)
        {
                const char *id = json_string_value(json_object_get(e, "id"));
                FILE *in = vault_open_object(v, domain, e, key, &code);
                int rc;

                (*count)++;
                if (in == NULL) {
                        bad++;
                        continue;
                }
                rc = agefile_copy_payload(in, NULL, key);
                fclose(in);
                if (rc != AGE_OK) {
                        msg_error(agefile_exit(rc), "%s: %s", id, _(age_status_text(rc)));
                        bad++;
                }
        }
        sodium_memzero(key, sizeof(key));
        bad += each_foreign(v, domain, idx, say_foreign, NULL);
        json_decref(idx);
        return bad;
}

/* The domains verify reads: all for the owner, those shared and valid for a helper. */
static int verified(const struct vault *v, const char *domain)
{
        char *rel = xasprintf("%s/index.age", domain);
        int yes = vault_can_read(v, domain) && vault_issue_of(v, rel) == NULL;

        free(rel);
        return yes;
}

/* --accept, for one file an issue names: pin it as it is, or forget it when it is gone. */
static void accept_file(struct txn *t, const char *rel)
{
        struct vault *v = t->v;
        char *path = xasprintf("%s/%s", v->dir, rel), hash[MANIFEST_HASH_MAX];
        const char *domain = index_domain(rel), *why = NULL;
        long long version = t->version;

        if (access(path, F_OK) != 0) {
                manifest_unpin(v->manifest, rel);
                msg_warn(_("%s: accepted as deleted"), path);
                free(path);
                return;
        }
        if (domain != NULL) {
                json_t *idx = vault_index_read_any(v, domain, &why);

                version = json_integer_value(json_object_get(idx, "version"));
                json_decref(idx);
        } else if (strcmp(rel, "names.age") == 0) {
                char *text;
                size_t len;
                int rc = agefile_read(path, v->ids, v->nids, 1 << 20, &text, &len, NULL);

                why = rc == AGE_OK ? NULL : age_status_text(rc);
                agefile_free_plain(text);
        } else if (strcmp(rel, "recovery.age") == 0) {
                msg_warn(_("%s: accepted as it is: the recovery code that opens it is the one it "
                           "was made with"),
                         path);
        }
        if (why != NULL)
                die(EX_DATAERR,
                    _("%s: %s: it cannot be accepted; put back a good copy, or remove it to "
                      "accept its loss"),
                    path, _(why));
        if (manifest_hash_file(path, hash) != 0)
                die(EX_IOERR, _("cannot read %s: %s"), path, strerror(errno));
        manifest_pin(v->manifest, rel, version, hash);
        free(path);
}

/* --accept, for an object no index names: taken back untitled when it opens with the
 * owner's key (a document put back, or left by an index deleted), removed otherwise. */
static void adopt(struct vault *v, const char *domain, const char *name, void *arg)
{
        json_t *idx = arg, *e;
        char *path = xasprintf("%s/%s/%s", v->dir, domain, name), *id = xstrndup(name, 12);
        char *title = xasprintf(_("document %s, found again"), id), mac64[64], when[32];
        unsigned char key[AGE_FILE_KEY_LEN], mac[AGE_MAC_LEN];
        FILE *in = fopen(path, "rb");
        long long size = 0;
        int rc = in == NULL ? AGE_ERR_IO : agefile_open(in, v->ids, v->nids, key, mac);

        if (rc == AGE_OK)
                rc = agefile_copy_payload(in, NULL, key);
        if (in != NULL) {
                size = ftell(in);
                fclose(in);
        }
        sodium_memzero(key, sizeof(key));
        if (rc != AGE_OK) {
                if (unlink(path) == 0)
                        msg_warn(_("%s: %s: removed"), path, _(age_status_text(rc)));
        } else {
                vault_mac_text(mac, mac64);
                clock_format_iso(v->now, when);
                e = vault_json(json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "id", id,
                                         "kind", "document", "title", title, "type", "autre",
                                         "file", name, "size", (json_int_t)size, "added", when,
                                         "mac", mac64));
                json_array_append_new(json_object_get(idx, "entries"), e);
                msg_warn(_("%s: taken back into the index, untitled"), path);
        }
        free(title);
        free(id);
        free(path);
}

static void accept_vault(struct vault *v)
{
        long long seen = trust_seen_version(v);
        struct txn t;

        vault_need_owner(v, "verify --accept");
        txn_begin(v, &t);
        if (seen >= t.version)
                t.version = seen + 1; /* above what this home saw: a rollback accepted */
        for (int i = 0; i < v->nissues; i++)
                if (v->issues[i].file != NULL)
                        accept_file(&t, v->issues[i].file);
        vault_clear_issues(v);
        for (int i = 0; vault_domains[i] != NULL; i++) {
                json_t *idx = vault_index_load(v, vault_domains[i]);

                if (each_foreign(v, vault_domains[i], idx, adopt, idx) > 0)
                        vault_index_stage(&t, vault_domains[i], idx);
                json_decref(idx);
        }
        txn_commit(&t);
        msg_notice(_("the vault is accepted as it now is (version %lld)"),
                   manifest_version(v->manifest));
}

int cmd_verify(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"accept", no_argument, NULL, 'a'},
                                             {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        int c, bad = 0, count = 0, other, accept = 0;
        struct vault *v;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                accept = c == 'a';
        cli_no_args(ctx, argc, argv);
        v = vault_unlock(ctx, o);
        v->checking = 1;
        vault_lock(v, accept ? VAULT_WRITE : VAULT_READ);
        other = report_issues(v);
        if (accept)
                accept_vault(v);
        if (accept && other > 0)
                vault_lock(v, VAULT_WRITE); /* the vault as accepted, checked again */
        for (int i = 0; vault_domains[i] != NULL; i++)
                if (verified(v, vault_domains[i]))
                        bad += verify_domain(v, vault_domains[i], &count);
        other = accept ? report_issues(v) : other;
        if (other > 0)
                printf(_("%d objects checked, %d failed; %d other problems\n"), count, bad, other);
        else
                printf(_("%d objects checked, %d failed\n"), count, bad);
        vault_close(v);
        return bad + other == 0 ? 0 : EX_NO;
}
