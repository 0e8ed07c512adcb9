/* The kinds of documents people actually hold, with their French names, for --type. */
#ifndef VAULT_TYPES_H
#define VAULT_TYPES_H

struct doc_type {
        const char *id;     /* as given to --type */
        const char *label;  /* N_() */
        const char *domain; /* where it usually goes */
};

extern const struct doc_type doc_types[]; /* ends with a row whose id is NULL */

/* The type named id, or NULL. */
const struct doc_type *types_find(const char *id);

#endif
