/* What a vault is checked against when it is opened (see trust.h). The copy kept in the
 * home is {"version", "digest", "verify_key"}: the last manifest seen, and the key that
 * signed it, so that a helper trusts the key of the first opening and no other. */
#include "trust.h"
#include "fs.h"
#include "i18n.h"
#include "manifest.h"
#include "msg.h"
#include "vault.h"
#include "xalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEEN_FOLDER "vault-seen"

static char *seen_path(const struct vault *v)
{
        return xasprintf("%s/" SEEN_FOLDER "/%s", v->home,
                         json_string_value(json_object_get(v->manifest, "id")));
}

/* The copy of the home for the vault id (new reference), or NULL when there is none or
 * it is unreadable (then a warning: it is rewritten at the next change). */
static json_t *seen_read(const char *home, const char *id)
{
        char *path = xasprintf("%s/" SEEN_FOLDER "/%s", home, id);
        json_t *seen = NULL;

        if (access(path, F_OK) == 0) {
                seen = json_load_file(path, 0, NULL);
                if (json_integer_value(json_object_get(seen, "version")) < 1 ||
                    json_string_value(json_object_get(seen, "verify_key")) == NULL) {
                        msg_warn(_("%s: not a copy of a vault's version: ignored"), path);
                        json_decref(seen);
                        seen = NULL;
                }
        }
        free(path);
        return seen;
}

/* A digest of the manifest's canonical JSON: two manifests of one version differ in it. */
static void digest(json_t *m, char out[MANIFEST_HASH_MAX])
{
        char *js = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);

        if (js == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        manifest_hash_buf(js, strlen(js), out);
        free(js);
}

long long trust_seen_version(const struct vault *v)
{
        json_t *seen = seen_read(v->home, json_string_value(json_object_get(v->manifest, "id")));
        long long n = json_integer_value(json_object_get(seen, "version"));

        json_decref(seen);
        return n;
}

void trust_seen_update(struct vault *v)
{
        json_t *seen = seen_read(v->home, json_string_value(json_object_get(v->manifest, "id")));
        char d[MANIFEST_HASH_MAX], vk64[64], *folder, *path;
        long long version = manifest_version(v->manifest);
        struct afile *af;
        json_t *doc;

        if (json_integer_value(json_object_get(seen, "version")) >= version) {
                json_decref(seen);
                return;
        }
        json_decref(seen);
        digest(v->manifest, d);
        sodium_bin2base64(vk64, sizeof(vk64), v->vk, sizeof(v->vk), sodium_base64_VARIANT_ORIGINAL);
        doc = vault_json(json_pack("{s:I, s:s, s:s}", "version", (json_int_t)version, "digest", d,
                                   "verify_key", vk64));
        folder = fs_home_path(v->home, SEEN_FOLDER);
        fs_mkdirs(folder);
        path = seen_path(v);
        af = afile_open(path, 0600);
        if (json_dumpf(doc, af->fp, JSON_COMPACT) != 0 || fputc('\n', af->fp) == EOF)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        afile_commit(af);
        json_decref(doc);
        free(path);
        free(folder);
}

/* The owner checks against their own key, derived from the passphrase. */
static void trust_owner(struct vault *v, json_t *doc, const unsigned char named[32])
{
        const char *rcp =
            json_string_value(json_object_get(json_object_get(doc, "manifest"), "recipient"));
        char mine[AGE_RECIPIENT_MAX];

        age_format_recipient(v->pk, mine);
        if (sodium_memcmp(named, v->vk, 32) != 0 && vault_manifest_signed(doc, named))
                die(EX_NOPERM,
                    _("%s/vault.json is signed by another key than the owner's: it was replaced, "
                      "refusing to use it"),
                    v->dir);
        if (strcmp(rcp, mine) != 0 || !vault_manifest_signed(doc, v->vk))
                die(EX_DATAERR,
                    _("%s/vault.json was not signed by the owner: it was changed by someone "
                      "else, refusing to use it"),
                    v->dir);
}

/* A helper trusts the key this home saw first for the vault, and says so the first time. */
static void trust_helper(struct vault *v, json_t *doc, const unsigned char named[32], json_t *seen)
{
        const char *vk64 = json_string_value(json_object_get(seen, "verify_key"));
        char named64[64];

        sodium_bin2base64(named64, sizeof(named64), named, 32, sodium_base64_VARIANT_ORIGINAL);
        if (vk64 != NULL && strcmp(vk64, named64) != 0)
                die(EX_NOPERM,
                    _("%s/vault.json is signed by another key than the one this computer saw for "
                      "this vault: it was replaced, refusing to use it"),
                    v->dir);
        if (!vault_manifest_signed(doc, named))
                die(EX_DATAERR,
                    _("%s/vault.json: the signature does not match, refusing to use it"), v->dir);
        memcpy(v->vk, named, 32);
        if (seen == NULL)
                msg_notice(_("first opening of this vault here: the key of its owner (%s) is "
                             "remembered; later openings check it"),
                           json_string_value(
                               json_object_get(json_object_get(doc, "manifest"), "recipient")));
}

/* Compares the manifest with the copy of the home. */
static void check_seen(struct vault *v, json_t *seen)
{
        long long version = manifest_version(v->manifest);
        long long saw = json_integer_value(json_object_get(seen, "version"));
        const char *d = json_string_value(json_object_get(seen, "digest"));
        char mine[MANIFEST_HASH_MAX];

        if (seen == NULL)
                return;
        digest(v->manifest, mine);
        if (version < saw)
                vault_add_issue(v, NULL,
                                _("vault.json is an older copy (version %lld; this computer saw "
                                  "version %lld): the vault was rolled back"),
                                version, saw);
        else if (version == saw && d != NULL && strcmp(d, mine) != 0)
                vault_add_issue(v, NULL,
                                _("vault.json is not the version %lld this computer saw: it comes "
                                  "from another copy of the vault"),
                                version);
}

void trust_manifest(struct vault *v)
{
        json_t *doc = manifest_read(v->dir), *seen;
        unsigned char named[32];

        if (manifest_named_key(doc, named) != 0)
                die(EX_DATAERR, _("%s/vault.json: no signing key, refusing to use it"), v->dir);
        seen = seen_read(
            v->home, json_string_value(json_object_get(json_object_get(doc, "manifest"), "id")));
        if (v->owner)
                trust_owner(v, doc, named);
        else
                trust_helper(v, doc, named, seen);
        json_decref(v->manifest);
        v->manifest = json_incref(json_object_get(doc, "manifest"));
        json_decref(doc);
        vault_clear_issues(v);
        check_seen(v, seen);
        json_decref(seen);
        if (v->nissues == 0)
                trust_seen_update(v);
}

static void check_pin(struct vault *v, const char *rel, json_t *pin)
{
        char *path = xasprintf("%s/%s", v->dir, rel), hash[MANIFEST_HASH_MAX];
        long long version = json_integer_value(json_object_get(pin, "version"));

        if (manifest_hash_file(path, hash) != 0) {
                if (errno == ENOENT)
                        vault_add_issue(v, rel,
                                        _("%s is missing (the manifest names its version %lld): "
                                          "it was deleted"),
                                        path, version);
                else
                        vault_add_issue(v, rel, _("cannot read %s: %s"), path, strerror(errno));
        } else if (strcmp(hash, json_string_value(json_object_get(pin, "hash"))) != 0) {
                vault_add_issue(v, rel,
                                _("%s is not the file the manifest names (its version %lld): an "
                                  "older copy put back, or a changed file"),
                                path, version);
        }
        free(path);
}

void trust_pins(struct vault *v)
{
        json_t *files = json_object_get(v->manifest, "files"), *pin;
        const char *rel;

        json_object_foreach(files, rel, pin)
        {
                check_pin(v, rel, pin);
        }
        for (int i = 0; vault_domains[i] != NULL; i++) {
                char *r = xasprintf("%s/index.age", vault_domains[i]);
                char *path = xasprintf("%s/%s", v->dir, r);

                if (json_object_get(files, r) == NULL && access(path, F_OK) == 0)
                        vault_add_issue(v, r,
                                        _("%s is not named by the manifest: a file put there by "
                                          "someone else"),
                                        path);
                free(path);
                free(r);
        }
}
