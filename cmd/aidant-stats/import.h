/* Imports for other commands than import itself. */
#ifndef STATS_IMPORT_H
#define STATS_IMPORT_H

struct ctx;
struct db;

/* Imports a native file the program ships (the demo's month) inside the caller's
 * transaction; a refused record is an internal error (70). */
void import_shipped(struct ctx *ctx, struct db *db, const char *path);

#endif
