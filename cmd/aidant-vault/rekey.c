/* Re-keying a domain: after a share is added (new header, same payload), after a share
 * is removed or has expired (fresh file keys: the helper's old keys open nothing). */
#include "rekey.h"
#include "age_stream.h"
#include "agefile.h"
#include "clock.h"
#include "crash.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "names.h"
#include "txn.h"
#include "vault.h"
#include "xalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* A sink of agefile_each_chunk that seals the chunk again into the writer arg. */
static int reseal_chunk(void *arg, const unsigned char *buf, size_t len)
{
        return age_writer_write(arg, buf, len);
}

/* Opens an object the index lists, or dies: a missing one means the vault is incomplete. */
static FILE *open_object(const char *path)
{
        FILE *in = fopen(path, "rb");

        if (in == NULL)
                die(EX_NOINPUT, _("%s is missing: the vault is incomplete"), path);
        return in;
}

/* Writes the object in again to out for the recipients r; mac gets the new header's. */
static int reseal(FILE *in, FILE *out, const unsigned char key[AGE_FILE_KEY_LEN],
                  const struct age_recipient *r, int n, int fresh, unsigned char mac[AGE_MAC_LEN])
{
        unsigned char new_key[AGE_FILE_KEY_LEN];
        struct agefile_payload p;
        int rc;

        if (!fresh) {
                rc = agefile_payload_open(&p, out, r, n, key, mac, 0);
                return agefile_payload_close(&p, rc == AGE_OK ? agefile_payload_copy(&p, in) : rc);
        }
        randombytes_buf(new_key, sizeof(new_key));
        rc = agefile_payload_open(&p, out, r, n, new_key, mac, 1);
        sodium_memzero(new_key, sizeof(new_key));
        if (rc == AGE_OK)
                rc = agefile_each_chunk(in, key, reseal_chunk, p.w);
        return agefile_payload_close(&p, rc);
}

/* Stages one object for the recipients r and sets its entry's new header MAC. */
static void stage_object(struct txn *t, const char *domain, json_t *entry,
                         const struct age_recipient *r, int n, int fresh)
{
        struct vault *v = t->v;
        const char *id = json_string_value(json_object_get(entry, "id"));
        char *path = vault_path(v, domain, id), *rel = xasprintf("%s/%s.age", domain, id);
        char *next = txn_stage(t, rel), mac64[64];
        unsigned char key[AGE_FILE_KEY_LEN], mac[AGE_MAC_LEN];
        FILE *in = open_object(path);
        struct afile *af;
        int rc;

        rc = agefile_open(in, v->ids, v->nids, key, mac);
        vault_mac_text(mac, mac64);
        if (rc == AGE_OK && strcmp(mac64, json_string_value(json_object_get(entry, "mac"))) != 0)
                rc = AGE_ERR_HMAC;
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        af = afile_open(next, 0600);
        rc = reseal(in, af->fp, key, r, n, fresh, mac);
        sodium_memzero(key, sizeof(key));
        fclose(in);
        if (rc != AGE_OK) {
                afile_abort(af);
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        }
        crash_point("object-written");
        afile_commit(af);
        crash_point("object-staged");
        vault_mac_text(mac, mac64);
        json_object_set_new(entry, "mac", json_string(mac64));
        free(next);
        free(rel);
        free(path);
}

void rekey_stage(struct txn *t, const char *domain, int fresh)
{
        struct age_recipient r[VAULT_MAX_KEYS];
        struct vault *v = t->v;
        json_t *idx, *entries, *e;
        int n = vault_recipients(v, domain, r);
        size_t i;

        if (!vault_index_exists(v, domain))
                return; /* nothing in the domain yet: nothing to re-key */
        idx = vault_index_load(v, domain);
        entries = json_object_get(idx, "entries");
        json_array_foreach(entries, i, e)
        {
                if (v->progress) {
                        fputc('\r', stderr);
                        fprintf(stderr, _("re-keying %s: %zu/%zu"), domain, i + 1,
                                json_array_size(entries));
                }
                stage_object(t, domain, e, r, n, fresh);
        }
        if (v->progress && json_array_size(entries) > 0)
                fputc('\n', stderr);
        vault_index_stage(t, domain, idx);
        json_decref(idx);
}

void rekey_intend(struct txn *t, const char *domain, int fresh)
{
        json_t *m = t->v->manifest, *marks = json_object_get(m, "rekey");

        if (marks == NULL) {
                marks = json_object();
                json_object_set_new(m, "rekey", marks);
        }
        /* a fresh re-keying asked before stays fresh */
        if (!fresh && json_object_get(marks, domain) != NULL)
                return;
        json_object_set_new(marks, domain, json_string(fresh ? "fresh" : "headers"));
}

void rekey_marked(struct vault *v)
{
        json_t *marks = json_object_get(v->manifest, "rekey");

        while (json_object_size(marks) > 0) {
                const char *domain = json_object_iter_key(json_object_iter(marks));
                char *d = xstrdup(domain);
                int fresh = strcmp(json_string_value(json_object_get(marks, d)), "fresh") == 0;
                struct txn t;

                txn_begin(v, &t);
                rekey_stage(&t, d, fresh);
                json_object_del(marks, d);
                if (json_object_size(marks) == 0)
                        json_object_del(v->manifest, "rekey");
                txn_commit(&t);
                marks = json_object_get(v->manifest, "rekey");
                free(d);
        }
}

static int expired(const struct vault *v, json_t *share)
{
        const char *until = json_string_value(json_object_get(share, "until"));
        time_t t;

        return until != NULL && clock_parse(until, &t) == 0 && v->now >= t;
}

int rekey_pending(const struct vault *v)
{
        json_t *s;
        size_t i;

        if (json_object_size(json_object_get(v->manifest, "rekey")) > 0)
                return 1;
        json_array_foreach(json_object_get(v->manifest, "shares"), i,
                           s) if (expired(v, s)) return 1;
        return 0;
}

/* Removes the shares whose time is over, marking their domains, in one change. */
static void end_expired(struct vault *v)
{
        json_t *shares = json_object_get(v->manifest, "shares");
        struct txn t;
        int any = 0;

        for (size_t i = json_array_size(shares); i-- > 0;)
                any |= expired(v, json_array_get(shares, i));
        if (!any)
                return;
        txn_begin(v, &t);
        for (size_t i = json_array_size(shares); i-- > 0;) {
                json_t *s = json_array_get(shares, i);
                const char *d = json_string_value(json_object_get(s, "domain"));
                const char *rcp = json_string_value(json_object_get(s, "recipient"));

                if (!expired(v, s))
                        continue;
                msg_notice(_("the sharing of %s with %s ended on %s: the domain is re-keyed"), d,
                           names_helper_or_key(v, rcp),
                           json_string_value(json_object_get(s, "until")));
                rekey_intend(&t, d, 1);
                json_array_remove(shares, i);
        }
        names_forget_unshared(&t);
        txn_commit(&t);
}

void rekey_resume(struct vault *v)
{
        end_expired(v);
        rekey_marked(v);
}
