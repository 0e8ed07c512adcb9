/* mandate.db and the structure's files: the schema, the environment every command
 * opens (store, structure key, paths) and the lookups of helpers, people and mandates. */
#ifndef MANDATE_DB_H
#define MANDATE_DB_H

#include "secret.h"
#include "sig.h"
#include "structure.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

struct ctx;
struct afile;

#define DEMARCHE_COUNT 10

/* The ten démarche ids of Aidants Connect and their labels (N_()). */
extern const char *const demarche_ids[DEMARCHE_COUNT];
extern const char *const demarche_labels[DEMARCHE_COUNT];
/* Index of a démarche id, or -1. */
int demarche_find(const char *id);

struct env {
        struct ctx *ctx;
        sqlite3 *db;
        char *dir;             /* <home>/mandate: journal key, attestations, revocations */
        struct structure *st;  /* the structure identity (common/structure.h) */
        struct sig_pubkey pk;  /* its public key */
        char keyid[17];        /* and key id */
        struct sig_seckey *jk; /* the journal key, once loaded (jkey.h) */
        char jkeyid[17];
        bool jk_new; /* made by this command: saved after the commit */
        time_t now;
        char cp_link[65]; /* the link a new checkpoint signs (journal.c), once checked */
};

/* Opens the structure and the store of an initialised aidant-mandate and checks the
 * store against its signed head (head_trust: 65 when it does not hold); dies with 78 when
 * `init` was not run or the store is of an older format. For commands that read. */
struct env *env_open(struct ctx *ctx);
/* The same without the check: for commands that change the store (journal_begin checks
 * it under the write lock), or that report on it (journal, verify). */
struct env *env_open_writer(struct ctx *ctx);
/* The paths and clock for `init` (no structure yet); env_attach opens the structure st
 * (owned from now on) and the store. */
struct env *env_open_uninit(struct ctx *ctx);
void env_attach(struct env *e, struct structure *st);
void env_close(struct env *e);

/* Loads the structure's secret key, reading the passphrase (ctx->secrets) when it is encrypted.
 * Dies with 77 on a wrong passphrase, 78 when the key file is unusable. */
void env_secret_key(struct env *e);
/* Loads the secret key only when it is stored unencrypted (unattended servers). */
bool env_secret_key_if_open(struct env *e);
/* Whether the store holds a journal (init was run). */
bool env_has_journal(struct env *e);

/* A helper: dies with 66 when unknown. */
struct aidant_row {
        long long id;
        char *name;
        bool disabled;
        bool charter_ok; /* accepted the current charter */
};
void aidant_get(struct env *e, const char *id, struct aidant_row *out);
void aidant_row_clear(struct aidant_row *a);
/* The BLAKE2b-256 (hex) of share/aidant/charte.md; dies with 78 when it cannot be read. */
void charter_hash(char hex[65]);

/* Dies with 66 when the person is unknown; forgotten tells whether it was erased. */
void usager_get(struct env *e, const char *pseudo, bool *forgotten);

/* Prints the usage error for a bad démarche list; fills idx, returns the count. */
int demarches_parse(const struct ctx *ctx, const char *list, int idx[DEMARCHE_COUNT]);

/* Sets key of o to v (a new reference, taken); dies with 65 when v is NULL, as
 * json_string and json_pack give for text that is not UTF-8, so no field is ever dropped. */
void jset(json_t *o, const char *key, json_t *v);
/* Appends v (taken) to the array a; dies with 65 when v is NULL, as jset. */
void jpush(json_t *a, json_t *v);
/* v, or a death with 65 when it is NULL: what json_pack gives for text that is not UTF-8. */
json_t *jchecked(json_t *v);
#define jpack(...) jchecked(json_pack(__VA_ARGS__))
/* json_dumps that never returns NULL (dies with 70), new string. */
char *jdump(const json_t *v, size_t flags);
/* Dies with a usage error (64) when value, the value of option opt, is not one line of
 * UTF-8 text (it goes into JSON and the journal). NULL is allowed. */
void arg_text(const struct ctx *ctx, const char *opt, const char *value);

/* Writes the reason a check fails into why (translated, printf's format) and returns 1:
 * how the checks of the journal say what does not hold. */
int why_not(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Hex BLAKE2b-256 of bytes. */
void hash_hex(const void *data, size_t len, char hex[65]);
/* A BLAKE2b-256 digest already computed, in lowercase hex. */
void digest_hex(const unsigned char h[32], char hex[65]);

/* Reads a file of the structure folder; dies with 66/74 naming it. */
char *env_read(const char *path, size_t *len);
/* Writes a whole file atomically with mode. */
void env_write(const char *path, const char *data, size_t len, int mode);
/* The same, left to commit (afile_commit, or afile_commit_all with others). */
struct afile *env_stage(const char *path, const char *data, size_t len, int mode);

#endif
