/* A change to a vault, all or nothing across its files. Every new file is first written
 * beside the live one as "<name>.next"; then vault.json is written with the new pins and
 * version (the commit: one rename); then the ".next" files take their names and the
 * objects the change removes go. A command killed at any point leaves the old state or
 * the new one pinned, and the next command that opens the vault settles it: temporary
 * files removed, a committed change finished, an uncommitted one undone. */
#ifndef VAULT_TXN_H
#define VAULT_TXN_H

#include <jansson.h>
#include <stddef.h>

struct vault;

struct txn {
        struct vault *v;
        long long version; /* of the commit */
        char **staged;     /* relative paths written as <rel>.next, in the order of staging */
        size_t nstaged;
        json_t *remove;    /* relative paths of the objects to remove once committed */
        int names_changed; /* names.age is written at the commit */
};

/* Starts a change (the owner's, the exclusive lock held). */
void txn_begin(struct vault *v, struct txn *t);
/* The file to write rel's new content to ("<dir>/<rel>.next"; the caller frees it).
 * Objects are staged before the index that names them: they take their names first. */
char *txn_stage(struct txn *t, const char *rel);
/* Pins the staged file rel (the hash of what was written) at the commit's version. */
void txn_pin(struct txn *t, const char *rel);
/* Removes the object rel ("<domain>/<id>.age") once the change is committed. */
void txn_remove(struct txn *t, const char *rel);
/* Signs and writes the manifest, then puts the staged files in place and removes the
 * objects; frees what t holds. */
void txn_commit(struct txn *t);

/* Whether an interrupted command left something to settle in the vault. */
int txn_unsettled(const struct vault *v);
/* Settles it (the exclusive lock held, the manifest trusted). */
void txn_settle(struct vault *v);

/* Whether a file name is a temporary one of common/fs ("<name>.tmp-XXXXXX"). */
int txn_is_temporary(const char *name);

#endif
