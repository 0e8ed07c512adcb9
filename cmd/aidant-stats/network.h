/* The network file: one month of a structure's exact counts (no personal datum), signed
 * with the structure key, that the network's coordinator merges:
 *   {"format": "aidant-stats-reseau/1", "siret", "nom", "key_id", "mois",
 *    "cellules": [[rubrique, modalite, nombre], ...]}
 * with its .minisig beside it. */
#ifndef STATS_NETWORK_H
#define STATS_NETWORK_H

#include <jansson.h>
#include <stddef.h>

#define NETWORK_FORMAT "aidant-stats-reseau/1"

struct network_file {
        json_t *doc; /* the whole document (owned) */
        const char *siret, *name, *key_id, *month;
        json_t *cells; /* borrowed from doc: checked [rubrique, modalite, nombre] triples */
};

/* Reads a network file's text. Returns 0, or -1 with why set (one translated line:
 * the field and what is wrong). Clear f after either. */
int network_read(const char *text, size_t len, struct network_file *f, char why[256]);
void network_clear(struct network_file *f);

struct ctx;
struct db;

/* export --for-network: the month's own cells of the structure (not what it merged),
 * written to path (-o) or to dir/reseau-<siret>-<month>.json, each with its .minisig. */
void network_export(struct ctx *ctx, struct db *db, const char *month, const char *path,
                    const char *dir);

#endif
