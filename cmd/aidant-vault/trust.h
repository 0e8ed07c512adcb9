/* The checks of a vault as it is opened: the manifest against the trusted key (the
 * owner's own, or for a helper the key this home saw first for that vault), its version
 * against the last one this home saw (<home>/vault-seen/<id>), and every pinned file
 * against its pin. What they find are the vault's issues (vault.h). */
#ifndef VAULT_TRUST_H
#define VAULT_TRUST_H

struct vault;

/* Reads vault.json into v->manifest and trusts it or dies: 65 when its signature does not
 * hold, 77 when it is signed by a key that is not the owner's. A version older than the
 * one seen in this home is an issue. */
void trust_manifest(struct vault *v);
/* Compares every pinned file with its pin; records an issue for each that differs, is
 * missing, or is an index the manifest does not name. */
void trust_pins(struct vault *v);
/* Remembers the manifest's version in the home when it is newer than the one seen. */
void trust_seen_update(struct vault *v);
/* The version this home saw last for the vault (0 when none). */
long long trust_seen_version(const struct vault *v);

#endif
