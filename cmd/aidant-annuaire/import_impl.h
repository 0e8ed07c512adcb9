/* What import and validate share between their modules (import.c, import_report.c): the
 * state of a run and the report's entries. */
#ifndef ANNUAIRE_IMPORT_IMPL_H
#define ANNUAIRE_IMPORT_IMPL_H

#include "db.h"
#include "idset.h"
#include "mapping.h"
#include "rec.h"
#include "schema.h"

#include <jansson.h>
#include <stdbool.h>

#define SHOWN_REJECTS 20 /* reject lines printed on stderr; the report has them all */

struct run {
        struct ctx *ctx;
        struct db *db; /* NULL for validate, and for --dry-run without a store */
        struct mapping *map;
        const char *source;    /* --source */
        enum fmt from;         /* --from */
        enum rec_encoding enc; /* --encoding */
        bool dry_run, keep_going, replace, validate;
        bool silent; /* no report: the demo's filling */
        const char *rejects_path;
        struct afile *rej_file;
        struct rec_writer *rej_out;
        char **files;
        int nfiles, file; /* the file being read */
        struct idset seen;
        json_t *sources;  /* object: the sources met, for --replace-source */
        json_t *rejects;  /* array of {file, line, record, id, field, message} */
        json_t *warnings; /* array of the same plus count */
        json_t *warned;   /* this file's warnings by "field\037message": index in warnings */
        long read, valid, inserted, updated, unchanged, rejected, removed;
        struct schema_issues is;
        int id_col, source_col; /* of the CSV file being read without a mapping, or -1 */
        json_t **vals;          /* a CSV row's fields as strings (process_fields) */
        size_t nvals;
};

/* Rejected records go to --rejects in the format its name says, else the input's; raw
 * NULL only opens it. */
void write_reject(struct run *r, struct rec_reader *rd, json_t *raw);
/* Counts a rejected record, notes it for the report, says it on stderr (the first ones). */
void reject(struct run *r, struct rec_reader *rd, const struct rec_loc *loc, const char *id,
            const char *field, const char *message, json_t *raw);
/* Adds the warnings of r->is to the report, grouped by field and message. */
void add_warnings(struct run *r, const struct rec_loc *loc, const char *id);
/* Prints the report in the --format asked (unless silent). */
void print_report(struct run *r);

#endif
