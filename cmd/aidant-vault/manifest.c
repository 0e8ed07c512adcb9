/* vault.json: reading it strictly, its pins (the version and hash of each other signed
 * file), and writing it whole or not at all. Signing is in vault.c. */
#include "manifest.h"
#include "crash.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "vault.h"
#include "xalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OLDER_FORMAT_PREFIX "aidant-vault/"

static int is_hex(const char *s, size_t n)
{
        return s != NULL && strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

/* "<domain>/<12 hex>.age": the only kind of path a manifest asks to remove. */
static int object_path_valid(const char *rel)
{
        const char *slash = rel != NULL ? strchr(rel, '/') : NULL;
        char domain[16];
        size_t n;

        if (slash == NULL || (n = (size_t)(slash - rel)) >= sizeof(domain))
                return 0;
        memcpy(domain, rel, n);
        domain[n] = '\0';
        return vault_domain_valid(domain) && strlen(slash + 1) == 16 &&
               strspn(slash + 1, "0123456789abcdef") == 12 && strcmp(slash + 13, ".age") == 0;
}

/* The files a manifest pins: the three of the owner and one index per domain. */
static int pinned_path_valid(const char *rel)
{
        size_t n;

        if (strcmp(rel, "identity.age") == 0 || strcmp(rel, "recovery.age") == 0 ||
            strcmp(rel, "names.age") == 0)
                return 1;
        n = strlen(rel);
        if (n < 11 || strcmp(rel + n - 10, "/index.age") != 0 || n - 10 >= 16)
                return 0;
        for (int i = 0; vault_domains[i] != NULL; i++)
                if (strlen(vault_domains[i]) == n - 10 &&
                    strncmp(rel, vault_domains[i], n - 10) == 0)
                        return 1;
        return 0;
}

static int shares_valid(json_t *shares)
{
        size_t i;
        json_t *s;

        if (!json_is_array(shares))
                return 0;
        json_array_foreach(shares, i, s)
        {
                const char *d = json_string_value(json_object_get(s, "domain"));
                unsigned char pk[32];

                if (d == NULL || !vault_domain_valid(d) ||
                    age_parse_recipient(json_string_value(json_object_get(s, "recipient")), pk) !=
                        0 ||
                    json_string_value(json_object_get(s, "since")) == NULL)
                        return 0;
                if (json_object_get(s, "until") != NULL &&
                    !json_is_string(json_object_get(s, "until")))
                        return 0;
        }
        return 1;
}

static int pins_valid(json_t *files)
{
        const char *rel;
        json_t *pin;

        if (!json_is_object(files))
                return 0;
        json_object_foreach(files, rel, pin)
        {
                if (!pinned_path_valid(rel) ||
                    json_integer_value(json_object_get(pin, "version")) < 1 ||
                    json_string_value(json_object_get(pin, "hash")) == NULL)
                        return 0;
        }
        return 1;
}

/* The interrupted work a manifest records: domains to re-key, objects to remove. */
static int pending_valid(json_t *m)
{
        json_t *rekey = json_object_get(m, "rekey"), *remove = json_object_get(m, "remove"), *x;
        const char *d;
        size_t i;

        if (rekey != NULL && !json_is_object(rekey))
                return 0;
        json_object_foreach(rekey, d, x)
        {
                const char *how = json_string_value(x);

                if (!vault_domain_valid(d) || how == NULL ||
                    (strcmp(how, "fresh") != 0 && strcmp(how, "headers") != 0))
                        return 0;
        }
        if (remove != NULL && !json_is_array(remove))
                return 0;
        json_array_foreach(remove, i, x)
        {
                if (!object_path_valid(json_string_value(x)))
                        return 0;
        }
        return 1;
}

static int manifest_valid(json_t *m)
{
        unsigned char pk[32];

        return json_is_object(m) &&
               is_hex(json_string_value(json_object_get(m, "id")), MANIFEST_ID_LEN) &&
               json_integer_value(json_object_get(m, "version")) >= 1 &&
               age_parse_recipient(json_string_value(json_object_get(m, "recipient")), pk) == 0 &&
               json_string_value(json_object_get(m, "verify_key")) != NULL &&
               shares_valid(json_object_get(m, "shares")) &&
               pins_valid(json_object_get(m, "files")) && pending_valid(m);
}

json_t *manifest_parse(const char *text, size_t len, const char **format, const char **why)
{
        json_error_t je;
        json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
        const char *fmt = json_string_value(json_object_get(doc, "format"));

        *format = NULL;
        *why = N_("not JSON");
        if (doc == NULL)
                return NULL;
        *why = N_("a vault of another format");
        if (fmt != NULL && strncmp(fmt, OLDER_FORMAT_PREFIX, strlen(OLDER_FORMAT_PREFIX)) == 0 &&
            strcmp(fmt, MANIFEST_FORMAT) != 0) {
                *format = fmt;
                return doc; /* the caller says which format, then lets it go */
        }
        *why = N_("not a vault manifest");
        if (fmt == NULL || !manifest_valid(json_object_get(doc, "manifest")) ||
            json_string_value(json_object_get(doc, "signature")) == NULL) {
                json_decref(doc);
                return NULL;
        }
        *why = NULL;
        return doc;
}

json_t *manifest_read(const char *dir)
{
        char *path = xasprintf("%s/vault.json", dir);
        const char *format, *why;
        size_t len;
        char *text = fs_read_file(path, 16 << 20, &len);
        json_t *doc;

        if (text == NULL && errno == ENOENT)
                die(EX_CONFIG, _("no vault in %s: run 'aidant-vault init' first"), dir);
        if (text == NULL)
                die(EX_IOERR, _("cannot read %s: %s"), path, strerror(errno));
        doc = manifest_parse(text, len, &format, &why);
        free(text);
        if (format != NULL)
                die(EX_CONFIG,
                    _("%s: a vault of another format (%s); this version reads %s only: open it "
                      "with the version that made it and copy the documents out"),
                    path, format, MANIFEST_FORMAT);
        if (doc == NULL)
                die(EX_DATAERR, "%s: %s", path, _(why));
        free(path);
        return doc;
}

int manifest_named_key(json_t *doc, unsigned char vk[32])
{
        const char *s =
            json_string_value(json_object_get(json_object_get(doc, "manifest"), "verify_key"));
        size_t n = 0;

        if (s == NULL || sodium_base642bin(vk, 32, s, strlen(s), NULL, &n, NULL,
                                           sodium_base64_VARIANT_ORIGINAL) != 0)
                return -1;
        return n == 32 ? 0 : -1;
}

long long manifest_version(json_t *m)
{
        return json_integer_value(json_object_get(m, "version"));
}

const char *manifest_pin_hash(json_t *m, const char *rel)
{
        return json_string_value(
            json_object_get(json_object_get(json_object_get(m, "files"), rel), "hash"));
}

long long manifest_pin_version(json_t *m, const char *rel)
{
        return json_integer_value(
            json_object_get(json_object_get(json_object_get(m, "files"), rel), "version"));
}

void manifest_pin(json_t *m, const char *rel, long long version, const char *hash)
{
        json_t *files = json_object_get(m, "files");
        json_t *pin = json_pack("{s:I, s:s}", "version", (json_int_t)version, "hash", hash);

        if (pin == NULL || !json_is_object(files) || json_object_set_new(files, rel, pin) != 0)
                die(EX_SOFTWARE, "%s", _("out of memory"));
}

void manifest_unpin(json_t *m, const char *rel)
{
        json_object_del(json_object_get(m, "files"), rel);
}

void manifest_hash_buf(const void *buf, size_t len, char out[MANIFEST_HASH_MAX])
{
        unsigned char h[32];

        crypto_generichash(h, sizeof(h), buf, len, NULL, 0);
        sodium_bin2base64(out, MANIFEST_HASH_MAX, h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
}

int manifest_hash_file(const char *path, char out[MANIFEST_HASH_MAX])
{
        crypto_generichash_state st;
        unsigned char buf[16384], h[32];
        FILE *fp = fopen(path, "rb");
        size_t got;
        int bad;

        if (fp == NULL)
                return -1;
        crypto_generichash_init(&st, NULL, 0, sizeof(h));
        while ((got = fread(buf, 1, sizeof(buf), fp)) > 0)
                crypto_generichash_update(&st, buf, got);
        bad = ferror(fp);
        fclose(fp);
        if (bad) {
                errno = EIO;
                return -1;
        }
        crypto_generichash_final(&st, h, sizeof(h));
        sodium_bin2base64(out, MANIFEST_HASH_MAX, h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
        return 0;
}

void manifest_write(const char *dir, json_t *doc)
{
        char *path = xasprintf("%s/vault.json", dir);
        struct afile *af = afile_open(path, 0600);

        if (json_dumpf(doc, af->fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
            fputc('\n', af->fp) == EOF)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        crash_point("manifest-written");
        afile_commit(af);
        crash_point("manifest-committed");
        free(path);
}
