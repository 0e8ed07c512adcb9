/* Record formats shared by the readers, the writers and --format. */
#ifndef AIDANT_FMT_H
#define AIDANT_FMT_H

enum fmt {
        FMT_AUTO = 0, /* not chosen: sniffed on input, table/json on output */
        FMT_JSON,
        FMT_NDJSON,
        FMT_YAML,
        FMT_CSV,
        FMT_TABLE,
        FMT_GEOJSON,
};

/* Returns the format named s ("json", "ndjson", ...) or -1. */
int fmt_parse(const char *s);
const char *fmt_name(enum fmt f);
/* The format a file name implies by its extension (.json, .ndjson/.jsonl, .yaml/.yml,
 * .csv, .geojson), or FMT_AUTO. */
enum fmt fmt_from_path(const char *path);

#endif
