/* Re-keying a domain to its current recipients, as one change: every object staged with
 * a new header (same file key, when a helper is added) or re-encrypted under a fresh file
 * key (real revocation), then the index with their MACs. A revocation is first recorded
 * in the manifest (the share gone, the domain marked), so that a killed unshare is always
 * finished forward by the owner's next command, never undone. */
#ifndef VAULT_REKEY_H
#define VAULT_REKEY_H

struct txn;
struct vault;

/* Stages every object and the index of domain for the current recipients, in t. */
void rekey_stage(struct txn *t, const char *domain, int fresh);
/* Marks domain as to be re-keyed (fresh or headers only) when t is committed. */
void rekey_intend(struct txn *t, const char *domain, int fresh);
/* Re-keys the domains marked, one change each (the owner, the exclusive lock held). */
void rekey_marked(struct vault *v);
/* Whether the owner has re-keying to do: a domain marked, or a sharing that has ended. */
int rekey_pending(const struct vault *v);
/* Does it: the shares whose time is over removed and their domains marked (one change),
 * then every marked domain re-keyed. */
void rekey_resume(struct vault *v);

#endif
