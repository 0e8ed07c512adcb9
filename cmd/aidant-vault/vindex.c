/* Domains, who may read them, and their encrypted indexes (titles, types, file names,
 * expiry dates never stand in clear). */
#include "agefile.h"
#include "clock.h"
#include "manifest.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"
#include "txn.h"
#include "vault.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INDEX_MAX (64 << 20)

const char *const vault_domains[] = {"identite", "social",  "sante",   "logement", "emploi",
                                     "impots",   "energie", "famille", NULL};

static const char *const domain_labels[] = {
    N_("identity"), N_("social benefits"), N_("health"), N_("housing"),
    N_("work"),     N_("taxes"),           N_("energy"), N_("family"),
};

int vault_domain_valid(const char *domain)
{
        for (int i = 0; vault_domains[i] != NULL; i++)
                if (strcmp(vault_domains[i], domain) == 0)
                        return 1;
        return 0;
}

const char *vault_domain_label(const char *domain)
{
        for (int i = 0; vault_domains[i] != NULL; i++)
                if (strcmp(vault_domains[i], domain) == 0)
                        return _(domain_labels[i]);
        return domain;
}

/* Whether a share is still valid now. */
static int share_valid(const struct vault *v, json_t *share)
{
        const char *until = json_string_value(json_object_get(share, "until"));
        time_t t;

        return until == NULL || (clock_parse(until, &t) == 0 && v->now < t);
}

int vault_recipients(const struct vault *v, const char *domain, struct age_recipient *r)
{
        size_t i;
        json_t *s;
        int n = 1;

        memset(r, 0, sizeof(*r));
        if (age_parse_recipient(json_string_value(json_object_get(v->manifest, "recipient")),
                                r[0].pk) != 0)
                die(EX_DATAERR, _("%s/vault.json: the owner's recipient is not valid"), v->dir);
        json_array_foreach(json_object_get(v->manifest, "shares"), i, s)
        {
                const char *d = json_string_value(json_object_get(s, "domain"));
                const char *rcp = json_string_value(json_object_get(s, "recipient"));

                if (d == NULL || rcp == NULL || strcmp(d, domain) != 0 || !share_valid(v, s) ||
                    n == VAULT_MAX_KEYS)
                        continue;
                memset(&r[n], 0, sizeof(r[n]));
                if (age_parse_recipient(rcp, r[n].pk) == 0)
                        n++;
        }
        return n;
}

/* The first share of this session's key from *i on, for domain (any when NULL), or
 * NULL; *i is left at its place in the shares. */
static json_t *next_my_share(const struct vault *v, const char *domain, size_t *i)
{
        json_t *shares = json_object_get(v->manifest, "shares");
        char rcp[AGE_RECIPIENT_MAX];

        age_format_recipient(v->pk, rcp);
        for (; *i < json_array_size(shares); (*i)++) {
                json_t *s = json_array_get(shares, *i);
                const char *d = json_string_value(json_object_get(s, "domain"));
                const char *r = json_string_value(json_object_get(s, "recipient"));

                if (r == NULL || strcmp(r, rcp) != 0)
                        continue;
                if (domain == NULL || (d != NULL && strcmp(d, domain) == 0))
                        return s;
        }
        return NULL;
}

/* The share of this session's key for domain, or NULL. */
static json_t *my_share(const struct vault *v, const char *domain)
{
        size_t i = 0;

        return next_my_share(v, domain, &i);
}

int vault_can_read(const struct vault *v, const char *domain)
{
        json_t *s;

        if (v->owner)
                return 1;
        s = my_share(v, domain);
        return s != NULL && share_valid(v, s);
}

void vault_check_access(const struct vault *v, const char *domain)
{
        json_t *s;

        if (v->owner)
                return;
        s = my_share(v, domain);
        if (s == NULL)
                die(EX_NOPERM, _("the domain %s is not shared with you"), domain);
        if (!share_valid(v, s))
                die(EX_NOPERM, _("your access to the domain %s ended on %s"), domain,
                    json_string_value(json_object_get(s, "until")));
}

void vault_no_access(const struct vault *v)
{
        json_t *s;

        for (size_t i = 0; (s = next_my_share(v, NULL, &i)) != NULL; i++)
                vault_check_access(v, json_string_value(json_object_get(s, "domain")));
        die(EX_NOPERM, "%s", _("nothing in this vault is shared with you"));
}

char *vault_path(const struct vault *v, const char *domain, const char *id)
{
        if (id == NULL)
                return xasprintf("%s/%s", v->dir, domain);
        return xasprintf("%s/%s/%s.age", v->dir, domain, id);
}

static int entry_valid(json_t *e)
{
        const char *kind = json_string_value(json_object_get(e, "kind"));
        const char *id = json_string_value(json_object_get(e, "id"));

        if (!json_is_object(e) || kind == NULL || id == NULL || strlen(id) != 12 ||
            strspn(id, "0123456789abcdef") != 12 ||
            json_string_value(json_object_get(e, "mac")) == NULL)
                return 0;
        if (strcmp(kind, "document") == 0)
                return json_string_value(json_object_get(e, "title")) != NULL;
        if (strcmp(kind, "secret") == 0)
                return json_string_value(json_object_get(e, "name")) != NULL;
        return 0;
}

json_t *vault_index_parse(const char *buf, size_t len, const char *domain, const char **why)
{
        json_t *idx = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL), *e;
        const char *d = json_string_value(json_object_get(idx, "domain"));
        json_t *entries = json_object_get(idx, "entries");
        size_t i;

        *why = N_("not an index (JSON)");
        if (idx == NULL || d == NULL || !json_is_array(entries) ||
            json_integer_value(json_object_get(idx, "version")) < 1)
                goto bad;
        *why = N_("the index belongs to another domain");
        if (strcmp(d, domain) != 0)
                goto bad;
        *why = N_("an entry of the index is malformed");
        json_array_foreach(entries, i, e) if (!entry_valid(e)) goto bad;
        *why = NULL;
        return idx;
bad:
        json_decref(idx);
        return NULL;
}

/* Anyone a domain is shared with could write an index encrypted to the owner: only the
 * owner's signature makes it trusted. Removes the signature from idx. */
static void check_signature(const struct vault *v, json_t *idx, const char *path)
{
        json_t *sig = json_incref(json_object_get(idx, "signature"));

        json_object_del(idx, "signature");
        if (!vault_verify_json(v, "index", idx, json_string_value(sig)))
                die(EX_DATAERR,
                    _("%s was not signed by the owner: it was changed by someone else, refusing "
                      "to use it"),
                    path);
        json_decref(sig);
}

json_t *vault_index_read_any(struct vault *v, const char *domain, const char **why)
{
        char *path = xasprintf("%s/%s/index.age", v->dir, domain), *text;
        json_t *idx = NULL, *sig;
        size_t len;
        int rc = agefile_read(path, v->ids, v->nids, INDEX_MAX, &text, &len, NULL);

        free(path);
        *why = age_status_text(rc);
        if (rc != AGE_OK)
                return NULL;
        idx = vault_index_parse(text, len, domain, why);
        agefile_free_plain(text);
        if (idx == NULL)
                return NULL;
        sig = json_incref(json_object_get(idx, "signature"));
        json_object_del(idx, "signature");
        if (!vault_verify_json(v, "index", idx, json_string_value(sig))) {
                *why = N_("not signed by the owner");
                json_decref(idx);
                idx = NULL;
        }
        json_decref(sig);
        return idx;
}

int vault_index_exists(const struct vault *v, const char *domain)
{
        char *rel = xasprintf("%s/index.age", domain);
        int pinned = manifest_pin_hash(v->manifest, rel) != NULL || vault_issue_of(v, rel) != NULL;

        free(rel);
        return pinned;
}

json_t *vault_index_load(struct vault *v, const char *domain)
{
        char *rel = xasprintf("%s/index.age", domain), *path = vault_path(v, domain, NULL), *text;
        const char *why;
        size_t len;
        json_t *idx;
        int rc;

        vault_check_access(v, domain);
        if (!vault_index_exists(v, domain)) {
                free(path);
                free(rel);
                return vault_json(
                    json_pack("{s:s, s:i, s:[]}", "domain", domain, "version", 1, "entries"));
        }
        rc = vault_read_pinned(v, rel, INDEX_MAX, &text, &len);
        if (rc == AGE_ERR_NO_MATCH && !v->owner)
                die(EX_NOPERM,
                    _("%s/index.age: not readable with your key: the domain was re-keyed"), path);
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s/index.age: %s", path, _(age_status_text(rc)));
        idx = vault_index_parse(text, len, domain, &why);
        agefile_free_plain(text);
        if (idx == NULL)
                die(EX_DATAERR, "%s/index.age: %s", path, _(why));
        free(path);
        path = xasprintf("%s/%s", v->dir, rel);
        check_signature(v, idx, path);
        free(path);
        free(rel);
        return idx;
}

void vault_index_stage(struct txn *t, const char *domain, json_t *index)
{
        struct vault *v = t->v;
        struct age_recipient r[VAULT_MAX_KEYS];
        char *dir = vault_path(v, domain, NULL), *rel = xasprintf("%s/index.age", domain);
        int n = vault_recipients(v, domain, r);
        char sig[128], *text, *path;

        json_object_del(index, "signature");
        json_object_set_new(index, "version", json_integer(t->version));
        vault_sign_json(v, "index", index, sig);
        json_object_set_new(index, "signature", json_string(sig));
        text = json_dumps(index, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_object_del(index, "signature");
        if (text == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        fs_mkdirs(dir);
        path = txn_stage(t, rel);
        agefile_write(path, r, n, text, strlen(text), NULL);
        secret_wipe_free(text);
        txn_pin(t, rel);
        free(path);
        free(rel);
        free(dir);
}

void vault_drop_entry(struct txn *t, const char *domain, json_t *index, json_t *e)
{
        json_t *entries = json_object_get(index, "entries");
        char *rel = xasprintf("%s/%s.age", domain, json_string_value(json_object_get(e, "id")));

        txn_remove(t, rel);
        free(rel);
        for (size_t i = 0; i < json_array_size(entries); i++)
                if (json_array_get(entries, i) == e)
                        json_array_remove(entries, i);
}

/* The entry id in the index of domain (new reference in *index), or NULL. */
static json_t *find_in(struct vault *v, const char *domain, const char *id, json_t **index)
{
        size_t k;
        json_t *e;

        *index = vault_index_load(v, domain);
        json_array_foreach(json_object_get(*index, "entries"), k, e)
        {
                if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0)
                        return e;
        }
        json_decref(*index);
        return NULL;
}

const char *vault_find(struct vault *v, const char *id, json_t **index, json_t **entry)
{
        if (strlen(id) != 12 || strspn(id, "0123456789abcdef") != 12)
                die(EX_NOINPUT, _("no document or secret %s in the vault"), id);
        /* where the object file is tells the domain, and whether it is shared */
        for (int i = 0; vault_domains[i] != NULL; i++) {
                char *path = vault_path(v, vault_domains[i], id);
                int here = access(path, F_OK) == 0;

                free(path);
                if (!here)
                        continue;
                vault_check_access(v, vault_domains[i]);
                if ((*entry = find_in(v, vault_domains[i], id, index)) != NULL)
                        return vault_domains[i];
        }
        /* an entry whose object is gone: found so that the caller says so */
        for (int i = 0; vault_domains[i] != NULL; i++) {
                int here =
                    vault_index_exists(v, vault_domains[i]) && vault_can_read(v, vault_domains[i]);

                if (here && (*entry = find_in(v, vault_domains[i], id, index)) != NULL)
                        return vault_domains[i];
        }
        die(EX_NOINPUT, _("no document or secret %s in the vault"), id);
}
