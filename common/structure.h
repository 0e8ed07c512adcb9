/* The structure identity (DESIGN.md, "The structure identity"): the one signing key of a
 * structure, shared by every tool that signs in its name (mandate attestations and
 * checkpoints, portable diagnoses, network statistics). A tool never makes a second key.
 *
 * One folder, <home>/structure/ (0700):
 *   structure.key   the minisign secret key, encrypted with the passphrase (scrypt, as
 *                   `minisign -G`), or unencrypted when created so for servers (0600)
 *   structure.pub   the minisign public key: give it out, `minisign -V -p` checks with it
 *                   (0644, the only file of the home others may read)
 *   structure.json  {"name", "siret", "key_id", "address", "phone", "created"} (0600)
 * A <home>/mandate/structure.key (and .pub) of an older aidant-mandate moves there the
 * first time any function below looks at the home.
 *
 * Typical uses (home is ctx->home; secrets is &ctx->secrets):
 *   init:    struct structure_new n = {.name = name, .siret = siret};
 *            s = structure_create(home, &n, secrets, &created);  // reuses one that exists
 *   sign:    s = structure_open(home, "aidant-diag init");       // 78 naming that command
 *            structure_unlock(s, secrets);                       // 77 on a wrong passphrase
 *            sig = structure_sign(s, data, len, "aidant-diag diagnosis id:0123abcd");
 *            structure_close(s);
 *   verify:  structure_trusted_key(home, pubkey_file, &pk);      // --pubkey FILE or the home's
 *            code = structure_verify(&pk, data, len, sig, siglen, &check);  // 0, 65 or 77
 *            structure_check_clear(&check);
 * Functions that "die" print one line and exit with the code of DESIGN.md ("Exit codes").
 * Every string returned as "new" is the caller's to free(). */
#ifndef AIDANT_STRUCTURE_H
#define AIDANT_STRUCTURE_H

#include "secret.h"
#include "sig.h"

#include <stdbool.h>
#include <stddef.h>

struct structure;

/* What a new structure is made of. name and siret are required to create one; when one
 * exists they may be NULL (or must agree with it). The rest may be NULL. */
struct structure_new {
        const char *name;       /* one line of UTF-8 */
        const char *siret;      /* 14 digits */
        const char *address;    /* printed on papers (attestations); one line of UTF-8 */
        const char *phone;      /* idem */
        bool unencrypted;       /* secret key without passphrase (unattended servers) */
        const char *import_key; /* a secret key file made by `minisign -G`, used as it is */
};

/* Whether s is usable as a name, address or phone: non-empty valid UTF-8 without control
 * characters (so one line). Callers check arguments with these to give usage errors (64). */
bool structure_text_ok(const char *s);
/* Whether s is 14 digits. */
bool structure_siret_ok(const char *s);

/* Whether <home>/structure/ holds a structure (after moving an older one there). */
bool structure_exists(const char *home);

/* Creates the structure from n: a new key pair whose passphrase is the SECRET_PASSPHRASE
 * of secrets (asked twice on a terminal; "demo" in demo mode), or n->import_key opened
 * with that passphrase. When a structure exists it is reused (*created = false) and n
 * only has to agree with it: a different name or SIRET dies with 73; address and phone,
 * when given, replace the stored ones. Dies with 64 (missing secret), 65 (invalid n or
 * key file), 77 (wrong passphrase of an imported key), 73/74 (cannot write). The folder
 * is written whole or not at all, even when two tools create it at once. Returns the
 * structure, opened and (when created) unlocked. */
struct structure *structure_create(const char *home, const struct structure_new *n,
                                   const struct secret_srcs *secrets, bool *created);

/* Opens the structure of home. Dies with 78 when there is none, the message naming
 * init_cmd ("aidant-mandate init") as the command to run, and with 78 when its files do
 * not agree (structure.pub against structure.json) or cannot be read. */
struct structure *structure_open(const char *home, const char *init_cmd);
/* Wipes the secret key, if loaded, and frees. NULL is allowed. */
void structure_close(struct structure *s);

/* Loads the secret key: its passphrase is the SECRET_PASSPHRASE of secrets (the terminal
 * when it has no source; "demo" in demo mode). An unencrypted key opens without.
 * Dies with 77 on a wrong passphrase, 64 without a source nor a terminal, 78 when the key
 * file is unusable or is not the pair of structure.pub. Does nothing when loaded. */
void structure_unlock(struct structure *s, const struct secret_srcs *secrets);
/* Loads the secret key only when it is stored unencrypted; tells whether it is loaded. */
bool structure_unlock_if_open(struct structure *s);
bool structure_unlocked(const struct structure *s);

/* The .minisig text (new) of msg, signed with the unlocked key (dies 70 when it is not).
 * Its trusted comment is trusted (one line: what the file is, in key:value words)
 * followed by " structure:<key id>", and in demo mode by " " DEMO_MARK. Stock `minisign
 * -V` checks it with structure.pub. */
char *structure_sign(struct structure *s, const void *msg, size_t len, const char *trusted);
/* The same, written to sig_path (0600, whole or not at all). */
void structure_sign_to(struct structure *s, const void *msg, size_t len, const char *trusted,
                       const char *sig_path);

/* Accessors; the strings live as long as s. address and phone may be NULL. */
const char *structure_name(const struct structure *s);
const char *structure_siret(const struct structure *s);
const char *structure_key_id(const struct structure *s); /* 16 hex digits, as minisign */
const char *structure_address(const struct structure *s);
const char *structure_phone(const struct structure *s);
const struct sig_pubkey *structure_pubkey(const struct structure *s);
const char *structure_pubkey_path(const struct structure *s);
/* The public key file's text as minisign writes it (new). */
char *structure_pubkey_text(const struct structure *s);

/* Changes the address and phone printed on papers (NULL keeps a value, "" removes it);
 * structure.json is rewritten whole. Dies with 65 when a value is not structure_text_ok. */
void structure_set(struct structure *s, const char *address, const char *phone);

/* The key a verifier trusts: the public key file pubkey_file when given (--pubkey FILE,
 * so that the files checked need not be trusted), else the home's structure.pub.
 * Dies with 66 (file missing), 65 (not a minisign public key), 78 (no structure and no
 * file). */
void structure_trusted_key(const char *home, const char *pubkey_file, struct sig_pubkey *out);

/* What structure_verify found. */
struct structure_check {
        char key_id[17]; /* the key that made the signature ("" when it does not parse) */
        char *trusted;   /* its trusted comment (NULL when it does not parse) */
        bool demo;       /* signed in demo mode (DEMO_MARK in the trusted comment) */
        char why[256];   /* when not valid: the reason, translated, one line */
};

/* Checks sig (a .minisig text) of msg against the trusted key. Returns 0 when valid;
 * 65 when it is not a signature or does not match msg or its trusted comment (tampered);
 * 77 when it is made by another key than the trusted one, or is a demo signature while
 * not in demo mode (a valid signature that proves nothing). Fills c (clear it after). */
int structure_verify(const struct sig_pubkey *trusted, const void *msg, size_t len, const char *sig,
                     size_t siglen, struct structure_check *c);
void structure_check_clear(struct structure_check *c);

/* The value of key in a trusted comment of "key:value" words, new string, or NULL:
 * structure_field("x seq:12 structure:AB", "seq") is "12". */
char *structure_field(const char *trusted, const char *key);

#endif
