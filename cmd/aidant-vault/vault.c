/* Opening a vault: the lock, the signed configuration, and the unlock by the owner's
 * passphrase or by a helper's identity. The configuration is signed with an Ed25519 key
 * derived from the owner's age key, so only the owner can add a recipient. */
#include "vault.h"
#include "agefile.h"
#include "cli.h"
#include "clock.h"
#include "msg.h"
#include "xalloc.h"
#include "guarded.h"
#include "fs.h"
#include "i18n.h"
#include "rekey.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define FORMAT     "aidant-vault/1"
#define SIGN_LABEL "aidant-vault configuration signature"

static void keep_vault_option(struct ctx *ctx, int c, const char *arg)
{
        struct vault_opts *o = ctx->opts;

        if (c == OPT_VAULT)
                o->dir = arg;
        else if (c == OPT_IDENTITY)
                o->identity = arg;
        else
                o->as_aidant = 1;
}

const struct cli_group vault_groups[] = {
    {VAULT_DIR,
     (const struct option[]){{"vault", required_argument, NULL, OPT_VAULT}, {NULL, 0, NULL, 0}},
     N_("  --vault <dir>             the vault folder (default <home>/vault)\n"),
     keep_vault_option},
    {VAULT_HELPER,
     (const struct option[]){{"identity", required_argument, NULL, OPT_IDENTITY},
                             {"as-aidant", no_argument, NULL, OPT_AS_AIDANT},
                             {NULL, 0, NULL, 0}},
     N_("  --identity <file>         open as a helper with this identity file\n"
        "  --as-aidant               open as a helper with your identity from keygen --aidant\n"),
     keep_vault_option},
    {0, NULL, NULL, NULL},
};

int vault_subcommand(struct ctx *ctx, int argc, char **argv, const struct vault_sub *subs,
                     const char *missing)
{
        if (argc < 2)
                cli_usage_error(ctx, "%s", missing);
        optind = 0;
        for (int i = 0; subs[i].name != NULL; i++)
                if (strcmp(argv[1], subs[i].name) == 0)
                        return subs[i].fn(argc - 1, argv + 1, ctx);
        cli_usage_error(ctx, _("unknown subcommand '%s'"), argv[1]);
}

char *vault_dir(const struct ctx *ctx, const struct vault_opts *o)
{
        if (o->dir != NULL)
                return xstrdup(o->dir);
        return xasprintf("%s/vault", ctx->home);
}

/* The Ed25519 key pair of the configuration, derived from the owner's age key. */
static void sign_keys(const unsigned char sk[AGE_KEY_LEN], unsigned char pk[32],
                      unsigned char sign_sk[64])
{
        unsigned char seed[32];

        crypto_generichash(seed, sizeof(seed), sk, AGE_KEY_LEN, (const unsigned char *)SIGN_LABEL,
                           strlen(SIGN_LABEL));
        crypto_sign_seed_keypair(pk, sign_sk, seed);
        sodium_memzero(seed, sizeof(seed));
}

/* The signed message: a label (what is signed) and the canonical JSON of the value. */
static char *signed_text(const char *label, json_t *value)
{
        char *js = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS);
        char *msg;

        if (js == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        msg = xasprintf("%s %s\n%s", FORMAT, label, js);
        free(js);
        return msg;
}

/* Base64 decoding of exactly len bytes; returns 0 or -1. */
static int b64_exact(unsigned char *out, size_t len, const char *s)
{
        size_t n = 0;

        if (s == NULL || sodium_base642bin(out, len, s, strlen(s), NULL, &n, NULL,
                                           sodium_base64_VARIANT_ORIGINAL) != 0)
                return -1;
        return n == len ? 0 : -1;
}

void vault_sign_json(const struct vault *v, const char *label, json_t *value, char out[128])
{
        unsigned char sig[64];
        char *msg = signed_text(label, value);

        vault_need_owner(v, _("changing the vault"));
        crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), v->sign_sk);
        free(msg);
        sodium_bin2base64(out, 128, sig, sizeof(sig), sodium_base64_VARIANT_ORIGINAL);
}

int vault_verify_json(const struct vault *v, const char *label, json_t *value, const char *sig64)
{
        unsigned char sig[64], vk[32];
        char *msg;
        int ok;

        if (b64_exact(sig, sizeof(sig), sig64) != 0 ||
            b64_exact(vk, sizeof(vk),
                      json_string_value(json_object_get(v->config, "verify_key"))) != 0)
                return 0;
        msg = signed_text(label, value);
        ok = crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), vk) == 0;
        free(msg);
        return ok;
}

void vault_write_config(const char *dir, json_t *cfg, const unsigned char sk[AGE_KEY_LEN])
{
        unsigned char *sign_sk = guarded_alloc(64), pk[32], sig[64];
        char b64[128], *msg, *path = xasprintf("%s/vault.json", dir);
        struct afile *af;
        json_t *doc;

        sign_keys(sk, pk, sign_sk);
        sodium_bin2base64(b64, sizeof(b64), pk, sizeof(pk), sodium_base64_VARIANT_ORIGINAL);
        json_object_set_new(cfg, "verify_key", json_string(b64));
        msg = signed_text("config", cfg);
        crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), sign_sk);
        sodium_free(sign_sk);
        free(msg);
        sodium_bin2base64(b64, sizeof(b64), sig, sizeof(sig), sodium_base64_VARIANT_ORIGINAL);
        doc = json_pack("{s:s, s:O, s:s}", "format", FORMAT, "config", cfg, "signature", b64);
        af = afile_open(path, 0644);
        if (json_dumpf(doc, af->fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
            fputc('\n', af->fp) == EOF)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        afile_commit(af);
        json_decref(doc);
        free(path);
}

void vault_save_config(struct vault *v)
{
        vault_need_owner(v, _("changing the configuration"));
        vault_write_config(v->dir, v->config, v->ids[0].sk);
}

/* Checks the signature with the key named in the configuration (owner_pk when known). */
static int config_signed(json_t *doc, json_t *cfg, const unsigned char *owner_vk)
{
        const char *sig64 = json_string_value(json_object_get(doc, "signature"));
        unsigned char sig[64], vk[32];
        char *msg;
        int ok;

        if (b64_exact(sig, sizeof(sig), sig64) != 0 ||
            b64_exact(vk, sizeof(vk), json_string_value(json_object_get(cfg, "verify_key"))) != 0)
                return 0;
        if (owner_vk != NULL && sodium_memcmp(vk, owner_vk, sizeof(vk)) != 0)
                return 0;
        msg = signed_text("config", cfg);
        ok = crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), vk) == 0;
        free(msg);
        return ok;
}

static void lock_vault(struct vault *v, int mode)
{
        char *path = xasprintf("%s/.lock", v->dir);

        v->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (v->lock_fd < 0 && mode == VAULT_READ)
                v->lock_fd = open(path, O_RDONLY | O_CLOEXEC);
        if (v->lock_fd < 0 && mode == VAULT_WRITE)
                die(EX_CANTCREAT, _("cannot lock the vault %s: %s"), v->dir, strerror(errno));
        if (v->lock_fd >= 0 &&
            flock(v->lock_fd, (mode == VAULT_WRITE ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0)
                die(EX_TEMPFAIL, _("the vault %s is busy: another command is using it, retry"),
                    v->dir);
        free(path);
}

static json_t *read_config(struct vault *v, json_t **doc_out)
{
        char *path = xasprintf("%s/vault.json", v->dir);
        json_error_t je;
        json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je), *cfg;
        const char *fmt = json_string_value(json_object_get(doc, "format"));

        if (doc == NULL && access(path, F_OK) != 0)
                die(EX_CONFIG, _("no vault in %s: run 'aidant-vault init' first"), v->dir);
        if (doc == NULL)
                die(EX_DATAERR, _("%s:%d: not a vault configuration: %s"), path, je.line, je.text);
        cfg = json_object_get(doc, "config");
        if (fmt == NULL || strcmp(fmt, FORMAT) != 0 || !json_is_object(cfg) ||
            !json_is_array(json_object_get(cfg, "shares")) ||
            json_string_value(json_object_get(cfg, "recipient")) == NULL)
                die(EX_DATAERR, _("%s: not a vault configuration of this version"), path);
        free(path);
        *doc_out = doc;
        return json_incref(cfg);
}

/* The open vault stays reachable from here: an exit through die() (which does not
 * return to close it) is then not a leak for the sanitizers. */
static struct vault *open_vault;

static struct vault *vault_new(const char *dir)
{
        struct vault *v = xcalloc(1, sizeof(*v));

        open_vault = v;

        v->dir = xstrdup(dir);
        v->lock_fd = -1;
        v->ids = guarded_alloc(VAULT_MAX_KEYS * sizeof(*v->ids));
        memset(v->ids, 0, VAULT_MAX_KEYS * sizeof(*v->ids));
        v->now = clock_now();
        return v;
}

void vault_recovery_normalise(struct secret *code)
{
        size_t n = 0;

        for (size_t i = 0; i < code->len; i++) {
                char c = code->buf[i];

                if (c >= 'a' && c <= 'z')
                        c = (char)(c - 'a' + 'A');
                if (c >= 'A' && c <= 'Z')
                        code->buf[n++] = c;
        }
        sodium_memzero(code->buf + n, code->len - n);
        code->len = n;
}

/* Decrypts identity.age with the passphrase (or recovery.age with the recovery code)
 * and checks it is the configuration's owner. */
static void unlock_owner(struct vault *v, json_t *doc, const struct vault_opts *o,
                         const struct secret_srcs *src)
{
        char *path = xasprintf("%s/%s", v->dir, o->recovery ? "recovery.age" : "identity.age");
        char *text = NULL;
        char rcp[AGE_RECIPIENT_MAX];
        unsigned char vk[32];
        struct secret *pass;
        struct age_identity id = {.scrypt = 1};
        size_t len;
        int rc, line;

        if (access(path, F_OK) != 0)
                die(EX_NOINPUT, _("%s is missing: the vault is incomplete"), path);
        pass = o->recovery ? secret_read(src, SECRET_RECOVERY_CODE, _("Recovery code: "), 0)
                           : secret_read(src, SECRET_PASSPHRASE, _("Passphrase of the vault: "), 0);
        if (o->recovery)
                vault_recovery_normalise(pass);
        id.pass = pass->buf;
        id.pass_len = pass->len;
        rc = agefile_read(path, &id, 1, 1 << 16, &text, &len, NULL);
        secret_free(pass);
        if (rc == AGE_ERR_NO_MATCH)
                die(EX_NOPERM, "%s",
                    o->recovery ? _("wrong recovery code") : _("wrong passphrase"));
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        if (age_parse_identity_file(text, &v->ids[0].sk, 1, &line) != 1)
                die(EX_DATAERR, _("%s: not an age identity"), path);
        agefile_free_plain(text);
        v->nids = 1;
        v->owner = 1;
        age_public_key(v->ids[0].sk, v->pk);
        age_format_recipient(v->pk, rcp);
        v->sign_sk = guarded_alloc(64);
        sign_keys(v->ids[0].sk, vk, v->sign_sk);
        if (strcmp(rcp, json_string_value(json_object_get(v->config, "recipient"))) != 0 ||
            !config_signed(doc, v->config, vk))
                die(EX_DATAERR,
                    _("%s/vault.json was not signed by the owner: it was changed by someone "
                      "else, refusing to use it"),
                    v->dir);
        free(path);
}

static void unlock_helper(struct vault *v, json_t *doc, const struct ctx *ctx,
                          const struct vault_opts *o)
{
        char *path = o->identity != NULL ? xstrdup(o->identity)
                                         : xasprintf("%s/aidant-identity.age", ctx->home);
        unsigned char(*sks)[AGE_KEY_LEN] = guarded_alloc(VAULT_MAX_KEYS * AGE_KEY_LEN);

        v->nids = agefile_load_identities(path, &ctx->secrets, sks, VAULT_MAX_KEYS);
        for (int i = 0; i < v->nids; i++)
                memcpy(v->ids[i].sk, sks[i], AGE_KEY_LEN);
        sodium_free(sks);
        age_public_key(v->ids[0].sk, v->pk);
        if (!config_signed(doc, v->config, NULL))
                die(EX_DATAERR,
                    _("%s/vault.json: the signature does not match, refusing to use it"), v->dir);
        free(path);
}

struct vault *vault_open(const struct ctx *ctx, const struct vault_opts *o, int mode)
{
        char *dir = vault_dir(ctx, o);
        struct vault *v;
        struct stat st;
        json_t *doc;

        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
                die(EX_CONFIG, _("no vault in %s: run 'aidant-vault init' first"), dir);
        v = vault_new(dir);
        v->progress = ctx->tty_err && !ctx->quiet;
        free(dir);
        lock_vault(v, mode);
        v->config = read_config(v, &doc);
        if (o->identity != NULL || o->as_aidant)
                unlock_helper(v, doc, ctx, o);
        else
                unlock_owner(v, doc, o, &ctx->secrets);
        json_decref(doc);
        if (v->owner)
                rekey_expired(v, mode);
        return v;
}

void vault_close(struct vault *v)
{
        if (v == NULL)
                return;
        if (open_vault == v)
                open_vault = NULL;
        if (v->lock_fd >= 0)
                close(v->lock_fd);
        json_decref(v->config);
        sodium_free(v->ids);
        if (v->sign_sk != NULL)
                sodium_free(v->sign_sk);
        free(v->dir);
        free(v);
}

void vault_need_owner(const struct vault *v, const char *what)
{
        if (!v->owner)
                die(EX_NOPERM, _("%s is for the owner of the vault only"), what);
}

void vault_mac_text(const unsigned char mac[AGE_MAC_LEN], char out[64])
{
        sodium_bin2base64(out, 64, mac, AGE_MAC_LEN, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
}

void vault_new_id(char out[13])
{
        unsigned char r[6];

        randombytes_buf(r, sizeof(r));
        sodium_bin2hex(out, 13, r, sizeof(r));
}
