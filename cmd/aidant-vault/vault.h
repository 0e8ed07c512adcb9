/* A vault folder: the signed clear configuration (vault.json), the owner's identity
 * under the passphrase (identity.age) and under the recovery code (recovery.age), and
 * per domain an encrypted index and the objects (<domain>/index.age, <domain>/<id>.age). */
#ifndef VAULT_VAULT_H
#define VAULT_VAULT_H

#include "age.h"
#include "cli.h"
#include "secret.h"

#include <getopt.h>
#include <jansson.h>
#include <time.h>

struct ctx;

/* The vault's option groups (cli.h): --vault, and --identity/--as-aidant (helper mode). */
enum { VAULT_DIR = CLI_TOOL_GROUP(0), VAULT_HELPER = CLI_TOOL_GROUP(1) };
enum { OPT_VAULT = 0x1100, OPT_IDENTITY, OPT_AS_AIDANT };
extern const struct cli_group vault_groups[];

/* Their values, in ctx->opts. */
struct vault_opts {
        const char *dir;
        const char *identity; /* a helper's identity file: helper mode */
        int as_aidant;        /* the helper's own identity from keygen --aidant */
        int recovery;         /* unlock with the recovery code instead of the passphrase */
};

/* A command with subcommands (secret set|get|list, age encrypt|decrypt|keygen): runs
 * the row of subs (ended by a NULL name) named argv[1], with argv[1] as argv[0]; a usage
 * error saying missing (translated) when there is none, or naming an unknown one. */
struct vault_sub {
        const char *name;
        int (*fn)(int argc, char **argv, struct ctx *ctx);
};
int vault_subcommand(struct ctx *ctx, int argc, char **argv, const struct vault_sub *subs,
                     const char *missing);

#define VAULT_MAX_KEYS 16

struct vault {
        char *dir;
        int lock_fd;
        json_t *config;           /* the signed part of vault.json */
        int owner;                /* unlocked with the owner's passphrase */
        struct age_identity *ids; /* guarded memory */
        int nids;
        unsigned char pk[AGE_KEY_LEN]; /* owner: their public key; helper: the first key's */
        unsigned char *sign_sk;        /* owner only: Ed25519 key of the configuration */
        time_t now;
        int progress; /* stderr is a terminal: long work shows a progress line */
};

enum { VAULT_READ, VAULT_WRITE };

/* The folder of the vault: --vault, else <home>/vault. The caller frees it. */
char *vault_dir(const struct ctx *ctx, const struct vault_opts *o);
/* Opens and locks (75 when busy) an existing vault and reads its configuration; dies 66
 * when there is none. Then unlocks it: as the owner with the passphrase, or as a helper
 * with an identity file (o->identity, o->as_aidant). The owner's unlock checks the
 * configuration's signature and re-keys the domains whose sharing has expired. */
struct vault *vault_open(const struct ctx *ctx, const struct vault_opts *o, int mode);
void vault_close(struct vault *v);
/* Dies with 77 unless the owner unlocked the vault. */
void vault_need_owner(const struct vault *v, const char *what);

/* Signs the configuration with the owner's key and writes vault.json. */
void vault_save_config(struct vault *v);
/* Signs cfg with the key derived from sk and writes dir/vault.json. */
void vault_write_config(const char *dir, json_t *cfg, const unsigned char sk[AGE_KEY_LEN]);

/* Signs a JSON value (canonical form, with a label saying what it is) with the owner's
 * key; out gets the base64 signature. Checks one with the configuration's key. */
void vault_sign_json(const struct vault *v, const char *label, json_t *value, char out[128]);
int vault_verify_json(const struct vault *v, const char *label, json_t *value, const char *sig64);

/* The domains a vault knows, NULL-terminated, and their labels (N_()). */
extern const char *const vault_domains[];
const char *vault_domain_label(const char *domain);
int vault_domain_valid(const char *domain);

/* The recipients of a domain: the owner and the helpers whose sharing is still valid.
 * Returns how many were stored in r (at most VAULT_MAX_KEYS). */
int vault_recipients(const struct vault *v, const char *domain, struct age_recipient *r);
/* Whether this session can read domain: 0, or dies with 77 and a message. */
void vault_check_access(const struct vault *v, const char *domain);
/* Dies with 77 saying why this helper reads nothing: not shared, or access ended. */
_Noreturn void vault_no_access(const struct vault *v);
/* Whether this session may read the domain, without a message. */
int vault_can_read(const struct vault *v, const char *domain);

/* The index of a domain (new reference): {"domain": d, "entries": [...]}; an empty one
 * when the domain has nothing yet. Dies 65 when it does not authenticate. */
json_t *vault_index_load(struct vault *v, const char *domain);
void vault_index_save(struct vault *v, const char *domain, json_t *index);
/* Checks an index's plaintext; returns a new reference, or NULL with why (static text). */
json_t *vault_index_parse(const char *buf, size_t len, const char *domain, const char **why);

/* "<dir>/<domain>/<id>.age", or "<dir>/<domain>" when id is NULL; the caller frees it. */
char *vault_path(const struct vault *v, const char *domain, const char *id);
/* Finds the entry id among the domains this session can read: returns its domain and
 * sets *index (new reference) and *entry (borrowed from it). Dies 66 when absent,
 * 77 when the object is in a domain not shared with this session. */
const char *vault_find(struct vault *v, const char *id, json_t **index, json_t **entry);
/* Keeps the letters of a recovery code, in uppercase, in place. */
void vault_recovery_normalise(struct secret *code);

/* A new object id: 12 lowercase hex digits. */
void vault_new_id(char out[13]);

/* Header MAC as stored in index entries (base64). */
void vault_mac_text(const unsigned char mac[AGE_MAC_LEN], char out[64]);

#endif
