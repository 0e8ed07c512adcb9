/* Search filters shared by 'search' and 'export': their options, and one SQL query over
 * the place table, its full-text index and its coordinates that yields the matching places. */
#ifndef ANNUAIRE_QUERY_H
#define ANNUAIRE_QUERY_H

#include <getopt.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

struct ctx;

#define QUERY_MAX_SERVICES 9  /* the schema has 9 services: all of them at most */
#define QUERY_MAX_VALUES   12 /* the longest enumeration a filter reads has 11 values */

/* Option values of the filters, outside the range of short options. */
enum {
        QOPT_SERVICE = 0x100,
        QOPT_PUBLIC,
        QOPT_PRISE,
        QOPT_FRAIS,
        QOPT_LABEL,
        QOPT_COMMUNE,
        QOPT_CODE_POSTAL,
        QOPT_NEAR,
        QOPT_RADIUS,
        QOPT_OPEN_AT,
        QOPT_OPEN_NOW,
        QOPT_LIMIT,
        QOPT_QUERY,
};

/* The rows of struct option for the filters, to put in a command's option table. */
#define QUERY_LONGOPTS                                                                             \
        {"service", required_argument, NULL, QOPT_SERVICE},                                        \
            {"public", required_argument, NULL, QOPT_PUBLIC},                                      \
            {"prise-en-charge", required_argument, NULL, QOPT_PRISE},                              \
            {"frais", required_argument, NULL, QOPT_FRAIS},                                        \
            {"label", required_argument, NULL, QOPT_LABEL},                                        \
            {"commune", required_argument, NULL, QOPT_COMMUNE},                                    \
            {"code-postal", required_argument, NULL, QOPT_CODE_POSTAL},                            \
            {"near", required_argument, NULL, QOPT_NEAR},                                          \
            {"radius", required_argument, NULL, QOPT_RADIUS},                                      \
            {"open-at", required_argument, NULL, QOPT_OPEN_AT},                                    \
            {"open-now", no_argument, NULL, QOPT_OPEN_NOW},                                        \
            {"query", required_argument, NULL, QOPT_QUERY},                                        \
        {                                                                                          \
                "limit", required_argument, NULL, QOPT_LIMIT                                       \
        }

/* How places without text or distance are ordered. */
enum query_order {
        QUERY_BY_NAME,   /* search: by folded name */
        QUERY_BY_IMPORT, /* export: in the order they were first stored, no sort */
};

/* The values of one list field that a place must hold: all of them, or at least one. */
struct query_list {
        const char *v[QUERY_MAX_VALUES]; /* canonical enumeration values, each once */
        size_t n;
        bool any; /* at least one (a query document's default), else all */
        bool set; /* given on the command line: the query document's value is left aside */
};

struct query {
        char *text; /* the words of the search, NULL for none */
        struct query_list services, publics, prises, frais, acces;
        const char *document; /* --query FILE or "-", read by query_finish */
        const char *label;    /* canonical value, NULL when free text */
        char *label_free;     /* other label, normalised as dedupe does */
        char *commune;        /* name normalised as dedupe does, or NULL */
        const char *insee;    /* --commune given as an INSEE code */
        const char *code_postal;
        const char *near;
        double radius_km;
        bool radius_set, open_set;
        time_t open_at;
        long limit; /* -1: no limit */
        enum query_order order;
};

void query_init(struct query *q, long default_limit, enum query_order order);
void query_free(struct query *q);
/* Takes one option returned by cli_getopt; returns false when opt is not a filter.
 * Dies with a usage error (64) on a bad value. */
bool query_option(struct query *q, const struct ctx *ctx, int opt, const char *arg);
/* Takes the arguments left after the options as the searched words, reads the --query
 * document for the fields the command line left unset (a bad document dies with 65 and
 * "file:line: field: what", a missing one with 66) and checks the options together
 * (64 on --radius without --near). */
void query_finish(struct query *q, const struct ctx *ctx, int argc, char **argv);
/* Reads the query document at path ("-" for stdin) into the fields of q that are not set
 * (query_doc.c). Dies as query_finish says. */
void query_read_document(struct query *q, const char *path);
/* Reads the query document text[0..len) (NUL-terminated) called name into q as
 * query_read_document does; returns NULL, or the error "name:line: field: what" (a new
 * string). The caller frees q->text with query_free even on error. */
char *query_parse_document(struct query *q, const char *text, size_t len, const char *name);
/* Adds the canonical value v to l once. */
void query_list_add(struct query_list *l, const char *v);

struct query_run;

/* Starts the search on db. A --near postcode or commune resolves to the centroid of
 * the places the directory holds there; when it holds none, says so and returns NULL
 * (the command exits 66, EX_NOINPUT). */
struct query_run *query_start(const struct query *q, sqlite3 *db);
/* The next matching place: a new reference in *rec, with "distance_km" added when
 * --near was given. Returns false at the end. */
bool query_next(struct query_run *r, json_t **rec);
void query_end(struct query_run *r);

/* Settings of a read-mostly connection: the WAL file kept between runs. */
void query_tune_reader(sqlite3 *db);

/* Registers the SQL functions the queries use (aidant_fold, aidant_key, aidant_km,
 * aidant_open). */
void query_register_functions(sqlite3 *db);

#endif
