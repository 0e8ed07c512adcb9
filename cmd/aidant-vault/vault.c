/* Opening a vault: the unlock by the owner's passphrase or by a helper's identity, then
 * the lock, the checks of the manifest (check.c) and the settling of what a killed
 * command left (txn.c). The manifest and the indexes are signed with an Ed25519 key
 * derived from the owner's age key, so only the owner can add a recipient. */
#include "vault.h"
#include "agefile.h"
#include "trust.h"
#include "cli.h"
#include "clock.h"
#include "fs.h"
#include "guarded.h"
#include "i18n.h"
#include "manifest.h"
#include "msg.h"
#include "pending.h"
#include "rekey.h"
#include "store.h"
#include "text.h"
#include "txn.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* The Ed25519 key pair of the manifest and indexes, derived from the owner's age key. */
static void sign_keys(const unsigned char sk[AGE_KEY_LEN], unsigned char pk[32],
                      unsigned char sign_sk[64])
{
        unsigned char seed[32];

        crypto_generichash(seed, sizeof(seed), sk, AGE_KEY_LEN, (const unsigned char *)SIGN_LABEL,
                           strlen(SIGN_LABEL));
        crypto_sign_seed_keypair(pk, sign_sk, seed);
        sodium_memzero(seed, sizeof(seed));
}

/* The signed message: a label (what is signed) and the canonical JSON of the value
 * (an index's titles: wiped when freed). */
static char *signed_text(const char *label, json_t *value)
{
        char *js = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS);
        char *msg;

        if (js == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        msg = xasprintf("%s %s\n%s", MANIFEST_FORMAT, label, js);
        secret_wipe_free(js);
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
        secret_wipe_free(msg);
        sodium_bin2base64(out, 128, sig, sizeof(sig), sodium_base64_VARIANT_ORIGINAL);
}

/* Whether sig64 signs value under label with the key vk. */
static int signed_by(const unsigned char vk[32], const char *label, json_t *value,
                     const char *sig64)
{
        unsigned char sig[64];
        char *msg;
        int ok;

        if (b64_exact(sig, sizeof(sig), sig64) != 0)
                return 0;
        msg = signed_text(label, value);
        ok = crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), vk) == 0;
        secret_wipe_free(msg);
        return ok;
}

int vault_verify_json(const struct vault *v, const char *label, json_t *value, const char *sig64)
{
        return signed_by(v->vk, label, value, sig64);
}

int vault_manifest_signed(json_t *doc, const unsigned char vk[32])
{
        return signed_by(vk, "manifest", json_object_get(doc, "manifest"),
                         json_string_value(json_object_get(doc, "signature")));
}

void vault_save_manifest(struct vault *v)
{
        char sig[128], vk64[64];
        json_t *doc;

        vault_need_owner(v, _("changing the vault"));
        sodium_bin2base64(vk64, sizeof(vk64), v->vk, sizeof(v->vk), sodium_base64_VARIANT_ORIGINAL);
        json_object_set_new(v->manifest, "verify_key", json_string(vk64));
        vault_sign_json(v, "manifest", v->manifest, sig);
        doc = vault_json(json_pack("{s:s, s:O, s:s}", "format", MANIFEST_FORMAT, "manifest",
                                   v->manifest, "signature", sig));
        manifest_write(v->dir, doc);
        json_decref(doc);
        trust_seen_update(v);
}

/* The open vault stays reachable from here: an exit through die() (which does not
 * return to close it) is then not a leak for the sanitizers. */
static struct vault *open_vault;

static struct vault *vault_new(const char *dir, const char *home)
{
        struct vault *v = xcalloc(1, sizeof(*v));

        open_vault = v;
        v->dir = xstrdup(dir);
        v->home = home;
        v->lock_fd = -1;
        v->ids = guarded_alloc(VAULT_MAX_KEYS * sizeof(*v->ids));
        memset(v->ids, 0, VAULT_MAX_KEYS * sizeof(*v->ids));
        v->now = clock_now();
        return v;
}

/* The owner's keys from their age key: the public key, the signing key pair. */
static void set_owner_keys(struct vault *v, const unsigned char sk[AGE_KEY_LEN])
{
        memcpy(v->ids[0].sk, sk, AGE_KEY_LEN);
        v->nids = 1;
        v->owner = 1;
        age_public_key(v->ids[0].sk, v->pk);
        v->sign_sk = guarded_alloc(64);
        sign_keys(v->ids[0].sk, v->vk, v->sign_sk);
}

struct vault *vault_create(const char *dir, const char *home, const unsigned char sk[AGE_KEY_LEN])
{
        struct vault *v = vault_new(dir, home);
        char rcp[AGE_RECIPIENT_MAX], id[MANIFEST_ID_LEN + 1], when[32];
        unsigned char r[MANIFEST_ID_LEN / 2];

        set_owner_keys(v, sk);
        age_format_recipient(v->pk, rcp);
        randombytes_buf(r, sizeof(r));
        sodium_bin2hex(id, sizeof(id), r, sizeof(r));
        clock_format_iso(v->now, when);
        /* version 0: the first commit writes version 1 */
        v->manifest = vault_json(json_pack("{s:s, s:i, s:s, s:s, s:s, s:[], s:{}}", "id", id,
                                           "version", 0, "recipient", rcp, "verify_key", "",
                                           "created", when, "shares", "files"));
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

/* Decrypts identity.age with the passphrase (or recovery.age with the recovery code). */
/* The identity file to unlock: name, or "name.next" when a change of passphrase was
 * killed after its commit, before the new file took its name (the manifest, checked
 * once unlocked, pins it). New string. */
static char *identity_file(const struct vault *v, json_t *doc, const char *name)
{
        const char *pin = manifest_pin_hash(json_object_get(doc, "manifest"), name);
        char *next = xasprintf("%s/%s.next", v->dir, name), hash[MANIFEST_HASH_MAX];

        if (pin != NULL && manifest_hash_file(next, hash) == 0 && strcmp(hash, pin) == 0)
                return next;
        free(next);
        return xasprintf("%s/%s", v->dir, name);
}

static void unlock_owner(struct vault *v, json_t *doc, const struct vault_opts *o,
                         const struct secret_srcs *src)
{
        char *path = identity_file(v, doc, o->recovery ? "recovery.age" : "identity.age");
        unsigned char *sk = guarded_alloc(AGE_KEY_LEN);
        struct age_identity id = {.scrypt = 1};
        struct secret *pass;
        char *text = NULL;
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
        if (age_parse_identity_file(text, (unsigned char(*)[AGE_KEY_LEN])sk, 1, &line) != 1)
                die(EX_DATAERR, _("%s: not an age identity"), path);
        agefile_free_plain(text);
        set_owner_keys(v, sk);
        guarded_free(sk);
        free(path);
}

static void unlock_helper(struct vault *v, const struct ctx *ctx, const struct vault_opts *o)
{
        char *path = o->identity != NULL ? xstrdup(o->identity)
                                         : xasprintf("%s/aidant-identity.age", ctx->home);
        unsigned char(*sks)[AGE_KEY_LEN] = guarded_alloc(VAULT_MAX_KEYS * AGE_KEY_LEN);

        v->nids = agefile_load_identities(path, &ctx->secrets, sks, VAULT_MAX_KEYS);
        for (int i = 0; i < v->nids; i++)
                memcpy(v->ids[i].sk, sks[i], AGE_KEY_LEN);
        guarded_free(sks);
        age_public_key(v->ids[0].sk, v->pk);
        free(path);
}

struct vault *vault_unlock(const struct ctx *ctx, const struct vault_opts *o)
{
        char *dir = vault_dir(ctx, o);
        struct vault *v;
        struct stat st;
        json_t *doc;

        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
                die(EX_CONFIG, _("no vault in %s: run 'aidant-vault init' first"), dir);
        pending_sweep(ctx->home);
        v = vault_new(dir, ctx->home);
        v->progress = ctx->tty_err && !ctx->quiet;
        free(dir);
        /* before the passphrase: a folder that is no vault is said first */
        doc = manifest_read(v->dir);
        if (o->identity != NULL || o->as_aidant)
                unlock_helper(v, ctx, o);
        else
                unlock_owner(v, doc, o, &ctx->secrets);
        json_decref(doc);
        return v;
}

/* Waits for the lock at most the busy timeout: 0, or -1 when it stayed busy. */
static int flock_wait(int fd, int op)
{
        long waited = 0, timeout = store_busy_timeout_ms();

        while (flock(fd, op | LOCK_NB) != 0) {
                long step = 5 + (long)randombytes_uniform(15); /* ms, so that waiters spread */
                struct timespec ts = {0, step * 1000000L};

                if (errno != EWOULDBLOCK && errno != EINTR)
                        return -1;
                if (waited >= timeout)
                        return -1;
                nanosleep(&ts, NULL);
                waited += step;
        }
        return 0;
}

static void lock_vault(struct vault *v, int mode)
{
        char *path = xasprintf("%s/.lock", v->dir);
        int op = mode == VAULT_WRITE ? LOCK_EX : LOCK_SH;

        if (v->lock_fd < 0)
                v->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (v->lock_fd < 0 && mode == VAULT_READ)
                v->lock_fd = open(path, O_RDONLY | O_CLOEXEC);
        if (v->lock_fd < 0 && mode == VAULT_WRITE)
                die(EX_CANTCREAT, _("cannot lock the vault %s: %s"), v->dir, strerror(errno));
        if (v->lock_fd >= 0 && flock_wait(v->lock_fd, op) != 0)
                die(EX_TEMPFAIL, _("the vault %s is busy: another command is using it, retry"),
                    v->dir);
        v->locked = v->lock_fd >= 0 ? op : 0;
        free(path);
}

/* The checks, and the settling of a killed command's leftovers under the exclusive lock
 * (a reader takes it for that moment: the lock is then dropped, so everything is read
 * again once it is held). */
static void settle_and_check(struct vault *v)
{
        trust_manifest(v);
        if (txn_unsettled(v) && v->locked != 0) {
                if (v->locked != LOCK_EX) {
                        lock_vault(v, VAULT_WRITE);
                        trust_manifest(v);
                }
                txn_settle(v);
        }
        trust_pins(v);
}

/* A reader goes on beside issues (a file an issue names dies when read, saying why),
 * with a word about them. */
static void warn_issues(const struct vault *v)
{
        if (v->checking || v->nissues == 0)
                return;
        for (int i = 0; i < v->nissues; i++)
                if (v->issues[i].file == NULL)
                        msg_warn("%s", v->issues[i].text);
        msg_warn(_("the vault is not as its owner left it (%d problems): see 'aidant-vault "
                   "verify'"),
                 v->nissues);
}

void vault_lock(struct vault *v, int mode)
{
        lock_vault(v, mode);
        settle_and_check(v);
        if (mode == VAULT_READ)
                warn_issues(v);
        if (!v->owner || v->nissues > 0 || !rekey_pending(v) || v->locked == 0)
                return;
        /* an interrupted unshare, or a sharing that has ended: re-keyed now */
        if (v->locked != LOCK_EX) {
                lock_vault(v, VAULT_WRITE);
                settle_and_check(v);
        }
        if (v->nissues == 0)
                rekey_resume(v);
}

struct vault *vault_open(const struct ctx *ctx, const struct vault_opts *o, int mode)
{
        struct vault *v = vault_unlock(ctx, o);

        vault_lock(v, mode);
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
        json_decref(v->manifest);
        json_decref(v->names);
        guarded_free(v->ids);
        guarded_free(v->sign_sk);
        vault_clear_issues(v);
        free(v->issues);
        free(v->dir);
        free(v);
}

void vault_need_owner(const struct vault *v, const char *what)
{
        if (!v->owner)
                die(EX_NOPERM, _("%s is for the owner of the vault only"), what);
}

void vault_clear_issues(struct vault *v)
{
        for (int i = 0; i < v->nissues; i++) {
                free(v->issues[i].file);
                free(v->issues[i].text);
        }
        v->nissues = 0;
}

void vault_add_issue(struct vault *v, const char *file, const char *fmt, ...)
{
        va_list ap;
        char *text;

        va_start(ap, fmt);
        text = xvasprintf(fmt, ap);
        va_end(ap);
        v->issues = xreallocarray(v->issues, (size_t)v->nissues + 1, sizeof(*v->issues));
        v->issues[v->nissues].file = file != NULL ? xstrdup(file) : NULL;
        v->issues[v->nissues++].text = text;
}

const struct vault_issue *vault_issue_of(const struct vault *v, const char *rel)
{
        for (int i = 0; i < v->nissues; i++)
                if (v->issues[i].file != NULL && strcmp(v->issues[i].file, rel) == 0)
                        return &v->issues[i];
        return NULL;
}

void vault_need_consistent(const struct vault *v)
{
        if (v->nissues == 0)
                return;
        for (int i = 0; i < v->nissues; i++)
                msg_error(EX_DATAERR, "%s", v->issues[i].text);
        die(EX_DATAERR, "%s",
            _("the vault is not as its owner left it: nothing is written until the owner checks "
              "it ('aidant-vault verify') and accepts it ('verify --accept')"));
}

int vault_read_pinned(struct vault *v, const char *rel, size_t max, char **out, size_t *len)
{
        const struct vault_issue *issue = vault_issue_of(v, rel);
        char *path = xasprintf("%s/%s", v->dir, rel), hash[MANIFEST_HASH_MAX];
        const char *pin = manifest_pin_hash(v->manifest, rel);
        size_t n;
        char *raw;
        int rc;

        if (issue != NULL)
                die(EX_DATAERR, "%s", issue->text);
        raw = fs_read_file(path, max + (1 << 16), &n);
        if (raw == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), path,
                    strerror(errno));
        /* the bytes decrypted are the bytes hashed: no change between the two */
        manifest_hash_buf(raw, n, hash);
        if (pin == NULL || strcmp(pin, hash) != 0)
                die(EX_DATAERR,
                    _("%s is not the file the manifest names: changed since it was "
                      "checked"),
                    path);
        rc = agefile_read_buf(raw, n, v->ids, v->nids, max, out, len, NULL);
        free(raw);
        free(path);
        return rc;
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

void vault_need_text(const struct ctx *ctx, const char *what, const char *text)
{
        if (text != NULL && !text_valid_utf8(text, strlen(text)))
                cli_usage_error(ctx, _("%s: not UTF-8 text (typed or named in another encoding?)"),
                                what);
}

json_t *vault_json(json_t *value)
{
        if (value == NULL)
                die(EX_SOFTWARE, "%s", _("cannot build a JSON value (out of memory?)"));
        return value;
}
