/* A vault folder: the signed manifest (vault.json, manifest.h), the owner's identity
 * under the passphrase (identity.age) and under the recovery code (recovery.age), the
 * names of its people (names.age), and per domain an encrypted index and the objects
 * (<domain>/index.age, <domain>/<id>.age). Changes go through txn.h. */
#ifndef VAULT_VAULT_H
#define VAULT_VAULT_H

#include "age.h"
#include "cli.h"
#include "secret.h"

#include <getopt.h>
#include <stdio.h>
#include <jansson.h>
#include <time.h>

struct ctx;
struct txn;

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

/* What the checks at opening found: a pinned file rolled back, replaced, deleted or
 * added, or the whole manifest older than the one this home saw. */
struct vault_issue {
        char *file; /* relative path ("social/index.age"), NULL for vault.json itself */
        char *text; /* the sentence, translated */
};

struct vault {
        char *dir;
        const char *home; /* the user's home: the copy of the last version seen */
        int lock_fd;
        int locked;               /* LOCK_SH, LOCK_EX, or 0 (a vault on a read-only medium) */
        json_t *manifest;         /* the signed part of vault.json */
        int owner;                /* unlocked with the owner's passphrase */
        struct age_identity *ids; /* guarded memory */
        int nids;
        unsigned char pk[AGE_KEY_LEN]; /* owner: their public key; helper: the first key's */
        unsigned char vk[32];          /* the trusted key of the manifest and the indexes */
        unsigned char *sign_sk;        /* owner only: the Ed25519 key that signs them */
        json_t *names;                 /* owner: names.age, once read */
        struct vault_issue *issues;
        int nissues;
        struct txn *txn; /* the change being made, if any */
        int checking;    /* verify: the issues are its report, not warnings */
        time_t now;
        int progress; /* stderr is a terminal: long work shows a progress line */
};

enum { VAULT_READ, VAULT_WRITE };

/* The folder of the vault: --vault, else <home>/vault. The caller frees it. */
char *vault_dir(const struct ctx *ctx, const struct vault_opts *o);
/* Unlocks an existing vault (dies 66 when there is none): as the owner with the
 * passphrase (or the recovery code), or as a helper with an identity file. Nothing is
 * locked yet: a command reads the other secrets it needs, then calls vault_lock. */
struct vault *vault_unlock(const struct ctx *ctx, const struct vault_opts *o);
/* Locks the vault (waiting up to the busy timeout, then 75), reads and checks the
 * manifest against the trusted key and the version seen before, settles what a killed
 * command left, and, for the owner, finishes an interrupted re-keying and re-keys the
 * domains whose sharing has expired. */
void vault_lock(struct vault *v, int mode);
/* vault_unlock then vault_lock. */
struct vault *vault_open(const struct ctx *ctx, const struct vault_opts *o, int mode);
void vault_close(struct vault *v);
/* Dies with 77 unless the owner unlocked the vault. */
void vault_need_owner(const struct vault *v, const char *what);
/* Before a write: dies 65 after naming each issue found at opening. */
void vault_need_consistent(const struct vault *v);
/* The issue found about the file rel, or NULL. */
const struct vault_issue *vault_issue_of(const struct vault *v, const char *rel);
void vault_clear_issues(struct vault *v);
/* Records an issue (file may be NULL). */
void vault_add_issue(struct vault *v, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Signs v->manifest with the owner's key and writes vault.json (the commit of a txn). */
void vault_save_manifest(struct vault *v);
/* Whether the manifest document doc is signed by the key vk. */
int vault_manifest_signed(json_t *doc, const unsigned char vk[32]);
/* Creates a vault in dir for owner, protected by pass, with a recovery code (printed when
 * show_code, and on the sheet when sheet is not NULL); returns it, open as its owner. */
struct vault *vault_init_dir(const struct ctx *ctx, const char *dir, const char *owner,
                             const struct secret *pass, const char *sheet, int show_code);
/* A new vault's owner, in memory: the keys of sk, an empty manifest (no file yet). */
struct vault *vault_create(const char *dir, const char *home, const unsigned char sk[AGE_KEY_LEN]);

/* Signs a JSON value (canonical form, with a label saying what it is) with the owner's
 * key; out gets the base64 signature. Checks one with the trusted key. */
void vault_sign_json(const struct vault *v, const char *label, json_t *value, char out[128]);
int vault_verify_json(const struct vault *v, const char *label, json_t *value, const char *sig64);

/* Reads a pinned file whole (at most max bytes), checks it is the one the manifest pins
 * (dies 65 naming the issue otherwise) and decrypts it: see agefile_read. */
int vault_read_pinned(struct vault *v, const char *rel, size_t max, char **out, size_t *len);

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

/* The index of a domain (new reference): {"domain", "version", "entries": [...]}; an
 * empty one when the domain has nothing yet. Dies 65 when it is not the one the manifest
 * pins or does not authenticate. */
json_t *vault_index_load(struct vault *v, const char *domain);
/* Writes the index as part of the change t (staged, pinned at t's version). */
void vault_index_stage(struct txn *t, const char *domain, json_t *index);
/* Checks an index's plaintext; returns a new reference, or NULL with why (static text). */
json_t *vault_index_parse(const char *buf, size_t len, const char *domain, const char **why);
/* The index file of domain as it is, pinned or not (verify, accept): decrypted and its
 * signature checked; NULL with why (N_()) when it does not hold. New reference. */
json_t *vault_index_read_any(struct vault *v, const char *domain, const char **why);
/* Whether the domain has an index (a pinned one: an unpinned file is an issue). */
int vault_index_exists(const struct vault *v, const char *domain);

/* "<dir>/<domain>/<id>.age", or "<dir>/<domain>" when id is NULL; the caller frees it. */
char *vault_path(const struct vault *v, const char *domain, const char *id);
/* Finds the entry id among the domains this session can read: returns its domain and
 * sets *index (new reference) and *entry (borrowed from it). Dies 66 when absent,
 * 77 when the object is in a domain not shared with this session. */
const char *vault_find(struct vault *v, const char *id, json_t **index, json_t **entry);
/* Opens the object of entry e and checks it is the one the entry names (its header MAC):
 * returns the open file and its file key in key; on failure prints why (66 missing, 65
 * replaced or altered, 77 no key opens it) and returns NULL with *code set. */
FILE *vault_open_object(struct vault *v, const char *domain, json_t *e,
                        unsigned char key[AGE_FILE_KEY_LEN], int *code);
/* What a document is, for its index entry. */
struct vault_doc_meta {
        const char *domain, *title, *type; /* title NULL: the file name; type NULL: autre */
        char expires[11];                  /* YYYY-MM-DD, or empty */
};
/* Encrypts the document in (its file name name) into m->domain for the recipients r, as
 * part of the change t; returns its index entry (new reference). */
json_t *vault_stage_document(struct txn *t, FILE *in, const char *name,
                             const struct vault_doc_meta *m, const struct age_recipient *r, int n);
/* Writes a credential (the object {name, login, url, password}) into domain as part of
 * t; returns its index entry, without the password (new reference). */
json_t *vault_stage_secret(struct txn *t, const char *domain, json_t *obj);
/* Removes the entry e from index (its object goes when the change t is committed). */
void vault_drop_entry(struct txn *t, const char *domain, json_t *index, json_t *e);
/* Keeps the letters of a recovery code, in uppercase, in place. */
void vault_recovery_normalise(struct secret *code);

/* A new object id: 12 lowercase hex digits. */
void vault_new_id(char out[13]);

/* Header MAC as stored in index entries (base64). */
void vault_mac_text(const unsigned char mac[AGE_MAC_LEN], char out[64]);

/* Dies 64 (a usage error naming what) when text is not UTF-8: it would go into JSON. */
void vault_need_text(const struct ctx *ctx, const char *what, const char *text);
/* json_pack and friends for values known good: dies 70 when v is NULL. */
json_t *vault_json(json_t *v);

#endif
