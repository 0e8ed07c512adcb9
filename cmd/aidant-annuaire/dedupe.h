/* Places listed twice: the score of a pair as the national pipeline computes it (name,
 * address, distance), the merge of duplicates, and its undoing. */
#ifndef ANNUAIRE_DEDUPE_H
#define ANNUAIRE_DEDUPE_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

struct ctx;
struct db;

/* Default thresholds: places from two lists, places of the same list. */
#define DEDUPE_THRESHOLD_ACROSS 83.0
#define DEDUPE_THRESHOLD_INSIDE 90.0

/* What a pair is compared on. */
struct dedupe_place {
        const char *id, *source, *nom, *adresse, *date_maj;
        double lat, lon;
        bool has_geo;
        bool normalised; /* nom and adresse already went through dedupe_normalise */
};

struct dedupe_score {
        double name, address; /* similarities 0..100 */
        double distance;      /* 100 within 50 m, else 100 * 50 / metres; -1 when unknown */
        double metres;        /* -1 when one of the places has no coordinates */
        double total;         /* mean of the known components */
};

/* A name or an address as compared (new string): case and accents folded, punctuation
 * as spaces, "st" -> "saint", "ste" -> "sainte", "asso" -> "association", and the
 * usual street abbreviations ("av" -> "avenue", "bd" -> "boulevard", ...) spelled out. */
char *dedupe_normalise(const char *s);
void dedupe_score(const struct dedupe_place *a, const struct dedupe_place *b,
                  struct dedupe_score *out);
/* The distance component alone (-1 when a place has no coordinates). */
double dedupe_distance_score(const struct dedupe_place *a, const struct dedupe_place *b,
                             double *metres);
/* The threshold for a pair: forced when >= 0, else the default across or inside a list. */
double dedupe_threshold(const struct dedupe_place *a, const struct dedupe_place *b, double forced);
/* True when a's date_maj is newer than b's (the one a merge keeps). */
bool dedupe_newer(const char *date_a, const char *date_b);

/* The merge of n normalised records (borrowed), the first being the one kept: the
 * single values of the most recently updated record that has one, the union of the
 * lists in that order. Returns a new reference whose "id" is recs[0]'s. */
json_t *dedupe_merge_records(json_t *const *recs, size_t n);

/* Places found to be one: ids[0] is kept. */
struct dedupe_cluster {
        char **ids;
        size_t n;
};

/* A pair found, with the ids, names and sources of its places (owned). */
struct dedupe_pair {
        struct dedupe_score s;
        char *strs[6]; /* id, nom, source of a, then of b */
};

/* What dedupe_find found: the pairs in the order found, and the clusters they join. */
struct dedupe_found {
        sqlite3 *db;
        bool any_apart; /* an unmerge set pairs apart: each pair found is checked */
        long apart;     /* pairs an unmerge set apart, not proposed */
        struct dedupe_pair *pairs;
        size_t npairs, cap_pairs;
        struct dedupe_cluster *clusters;
        size_t nclusters, cap_clusters;
};

/* dedupe_find.c: the pairs of places of one commune (INSEE code, else postcode and
 * folded name) whose score reaches the threshold (forced when >= 0), the pairs an
 * unmerge set apart left out, in the order of the communes then of the places; the
 * clusters of places joined by the pairs, two places set apart never in one. */
void dedupe_find(sqlite3 *db, double forced, struct dedupe_found *f);
void dedupe_found_free(struct dedupe_found *f);

/* merge.c: merges each cluster in the transaction db's store began, commits, and prints
 * one row per merge {merge, kept, nom, merged}. */
void merge_apply(const struct ctx *ctx, struct db *db, const struct dedupe_cluster *c, size_t n);
/* Shows the kept place anew: the merge of its own record (as its list last gave it) and
 * of the places merged into it, or its own record when none is left; then the place it
 * is itself merged into, if any. Imports call it for the ids db_take_refresh gives. */
void merge_refresh(struct db *db, const char *kept);
/* True when an unmerge set the places a and b apart: dedupe proposes them no more. */
bool merge_apart(sqlite3 *db, const char *a, const char *b);

#endif
