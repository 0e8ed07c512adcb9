/* The names of a vault's people, never in a clear file: the owner's, and each helper's
 * by their recipient, in names.age, encrypted to the owner only and pinned by the
 * manifest like every other signed part. */
#ifndef VAULT_NAMES_H
#define VAULT_NAMES_H

struct txn;
struct vault;

/* The owner's name ("" when the vault has none); for the owner only. */
const char *names_owner(struct vault *v);
/* A helper's name, or NULL when unknown (or when a helper asks: names are the owner's). */
const char *names_helper(struct vault *v, const char *recipient);
/* The name, else the recipient itself. */
const char *names_helper_or_key(struct vault *v, const char *recipient);
/* The recipient of the helper named name, or NULL. */
const char *names_find_helper(struct vault *v, const char *name);

/* Changes, written (staged and pinned) when the change t is committed. */
void names_set_owner(struct txn *t, const char *owner);
void names_set_helper(struct txn *t, const char *recipient, const char *name);
/* Forgets the names of the helpers no share names any more. */
void names_forget_unshared(struct txn *t);
/* Writes names.age in t when something changed (called by txn_commit). */
void names_stage(struct txn *t);

#endif
