/* Re-keying a domain: after a share is added (new header, same payload), after a share
 * is removed or has expired (fresh file keys: the helper's old keys open nothing). */
#include "rekey.h"
#include "age_stream.h"
#include "agefile.h"
#include "clock.h"
#include "msg.h"
#include "fs.h"
#include "i18n.h"
#include "vault.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>

/* Copies the rest of in (nonce and payload, still encrypted) to out. */
static int copy_raw(FILE *in, FILE *out)
{
        char buf[65536];
        size_t got;

        while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
                if (fwrite(buf, 1, got, out) != got)
                        return AGE_ERR_IO;
        return ferror(in) ? AGE_ERR_IO : AGE_OK;
}

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

/* Rewrites one object for the recipients r; returns the new header MAC in mac. */
static void rewrite_object(struct vault *v, const char *path, json_t *entry,
                           const struct age_recipient *r, int n, int fresh)
{
        unsigned char key[AGE_FILE_KEY_LEN], mac[AGE_MAC_LEN];
        FILE *in = open_object(path);
        struct afile *af;
        char mac64[64];
        int rc;

        rc = agefile_open(in, v->ids, v->nids, key, mac);
        vault_mac_text(mac, mac64);
        if (rc == AGE_OK && strcmp(mac64, json_string_value(json_object_get(entry, "mac"))) != 0)
                rc = AGE_ERR_HMAC;
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        af = afile_open(path, 0600);
        if (fresh) {
                unsigned char new_key[AGE_FILE_KEY_LEN];
                struct age_stream *w;

                randombytes_buf(new_key, sizeof(new_key));
                rc = age_header_write(af->fp, r, n, new_key, mac);
                w = rc == AGE_OK ? age_writer_open(af->fp, new_key) : NULL;
                rc = w == NULL ? AGE_ERR_IO : agefile_each_chunk(in, key, reseal_chunk, w);
                if (w != NULL && age_writer_close(w) != AGE_OK && rc == AGE_OK)
                        rc = AGE_ERR_IO;
                sodium_memzero(new_key, sizeof(new_key));
        } else {
                rc = age_header_write(af->fp, r, n, key, mac);
                if (rc == AGE_OK)
                        rc = copy_raw(in, af->fp);
        }
        sodium_memzero(key, sizeof(key));
        fclose(in);
        if (rc != AGE_OK) {
                afile_abort(af);
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        }
        afile_commit(af);
        vault_mac_text(mac, mac64);
        json_object_set_new(entry, "mac", json_string(mac64));
}

void rekey_domain(struct vault *v, const char *domain, int fresh)
{
        struct age_recipient r[VAULT_MAX_KEYS];
        json_t *idx = vault_index_load(v, domain), *e;
        json_t *entries = json_object_get(idx, "entries");
        int n = vault_recipients(v, domain, r);
        size_t i;

        vault_need_owner(v, _("re-keying"));
        json_array_foreach(entries, i, e)
        {
                char *path = vault_path(v, domain, json_string_value(json_object_get(e, "id")));

                if (v->progress) {
                        fputc('\r', stderr);
                        fprintf(stderr, _("re-keying %s: %zu/%zu"), domain, i + 1,
                                json_array_size(entries));
                }
                rewrite_object(v, path, e, r, n, fresh);
                free(path);
        }
        if (v->progress && json_array_size(entries) > 0)
                fputc('\n', stderr);
        vault_index_save(v, domain, idx);
        json_decref(idx);
}

static int expired(const struct vault *v, json_t *share)
{
        const char *until = json_string_value(json_object_get(share, "until"));
        time_t t;

        return until != NULL && clock_parse(until, &t) == 0 && v->now >= t;
}

void rekey_expired(struct vault *v, int mode)
{
        json_t *shares = json_object_get(v->config, "shares"), *s;
        size_t i;
        int any = 0;

        json_array_foreach(shares, i, s) any |= expired(v, s);
        if (!any)
                return;
        if (mode == VAULT_READ && (v->lock_fd < 0 || flock(v->lock_fd, LOCK_EX | LOCK_NB) != 0))
                return; /* another command holds the vault: the next unlock will do it */
        json_array_foreach(shares, i, s)
        {
                const char *d = json_string_value(json_object_get(s, "domain"));

                if (!expired(v, s))
                        continue;
                rekey_domain(v, d, 1);
                msg_notice(_("the sharing of %s with %s ended on %s: the domain was re-keyed"), d,
                           json_string_value(json_object_get(s, "name")),
                           json_string_value(json_object_get(s, "until")));
        }
        for (i = json_array_size(shares); i-- > 0;)
                if (expired(v, json_array_get(shares, i)))
                        json_array_remove(shares, i);
        vault_save_config(v);
}
