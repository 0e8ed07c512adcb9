/* Re-encrypting a domain to its current recipients: rewriting the headers only (same
 * file keys, when a helper is added), or with fresh file keys (real revocation). */
#ifndef VAULT_REKEY_H
#define VAULT_REKEY_H

struct vault;

/* Rewrites every object and the index of domain for the current recipients; with
 * fresh, every payload is re-encrypted under a new file key. */
void rekey_domain(struct vault *v, const char *domain, int fresh);
/* Owner: removes the shares whose time is over and re-keys their domains (needs the
 * write lock: with a read lock it tries to take it, else leaves it to the next time). */
void rekey_expired(struct vault *v, int mode);

#endif
