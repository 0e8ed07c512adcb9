/* Record readers and writers: a stream of JSON objects read from JSON (one object or an
 * array), NDJSON, YAML (one or several documents) or CSV, and written to json, ndjson,
 * yaml, csv, table or geojson. Readers stream with constant memory and report errors
 * with file:line. */
#ifndef AIDANT_REC_H
#define AIDANT_REC_H

#include "fmt.h"

#include <jansson.h>
#include <stdio.h>

struct rec_reader;

/* Where a record starts: for messages "file:line". */
struct rec_loc {
        const char *file; /* as given, "-" shown as "<stdin>" */
        long line;        /* 1-based line where the record starts */
        long index;       /* 1-based record number in the file */
};

/* Opens path ("-" or NULL for stdin) in format fmt; FMT_AUTO takes the extension, then
 * sniffs the first bytes. CSV: RFC 4180, UTF-8 with optional BOM, ',' or ';' sniffed,
 * CRLF accepted, first row is the header, values are strings. The encoding is detected
 * (REC_ENC_AUTO, below). Returns NULL when the file cannot be opened (errno set). */
struct rec_reader *rec_open(const char *path, enum fmt fmt);
/* The text encodings of an input. Readers give UTF-8 whatever the input's encoding. */
enum rec_encoding {
        REC_ENC_AUTO = 0, /* UTF-8, or Windows-1252 when the start of the input is not UTF-8
                           * and reads as that (a spreadsheet saved by a French Excel),
                           * with one warning */
        REC_ENC_UTF8,
        REC_ENC_CP1252, /* Windows-1252 */
        REC_ENC_LATIN1, /* ISO 8859-1 */
};

/* The encoding named s ("utf-8", "cp1252", "latin1", or their other usual names), or -1. */
int rec_encoding_parse(const char *s);
/* As rec_open, the input in encoding enc (rec_open takes REC_ENC_AUTO). */
struct rec_reader *rec_open_encoded(const char *path, enum fmt fmt, enum rec_encoding enc);
/* The encoding read (after detection: never REC_ENC_AUTO). */
enum rec_encoding rec_encoding(const struct rec_reader *r);

/* Reads buf[0..len) (copied), in UTF-8, as if it were a file called name (for messages; NULL gives
 * "<memory>"). FMT_AUTO sniffs. Never NULL. */
struct rec_reader *rec_open_mem(const char *buf, size_t len, enum fmt fmt, const char *name);
/* Reads the next record. Returns 1 with a new reference in *out, 0 at the end, -1 on a
 * syntax error (rec_error says "file:line: what"; reading stops). loc may be NULL. */
int rec_next(struct rec_reader *r, json_t **out, struct rec_loc *loc);
const char *rec_error(const struct rec_reader *r);
/* CSV only: reads the next record as its raw fields, without building a JSON object. Sets
 * *fields and *lens to the row's fields in the order of rec_columns (each NUL-terminated,
 * in UTF-8 as rec_next gives them; a field may hold a NUL, hence *lens), valid until the
 * next read or rec_close. Returns the number of fields (that of the header), 0 at the end,
 * -1 on an error (rec_error says "file:line[:column]: what", as rec_next). Can be mixed
 * with rec_next. For any other format it reads nothing and returns -1, rec_error saying
 * "file: not a CSV input": read those with rec_next. loc may be NULL. */
int rec_next_fields(struct rec_reader *r, const char *const **fields, const size_t **lens,
                    struct rec_loc *loc);
/* The record rec_next gives for the fields of a CSV row (those of rec_next_fields), as a
 * new reference: an object of the columns' names and the fields as strings. */
json_t *rec_fields_json(const struct rec_reader *r, const char *const *fields, const size_t *lens);
/* The format actually read (after sniffing). */
enum fmt rec_format(const struct rec_reader *r);
/* CSV only: the header row, NULL-terminated, or NULL for other formats. */
const char *const *rec_columns(const struct rec_reader *r);
/* CSV only: rows may have more fields than the header when every field past the header
 * is empty or equals filler (NULL: empty only), as some exports pad their rows; those
 * fields are dropped. Call before the first rec_next. */
void rec_csv_trailing_fields(struct rec_reader *r, const char *filler);
void rec_close(struct rec_reader *r);

/* The text of a string, a number (as it was given: jsonw_real) or a boolean, as a new
 * string; NULL for null, lists and objects. */
char *rec_scalar_text(json_t *v);

struct rec_writer;

/* Writes records to out. columns (NULL-terminated) fixes the CSV/table columns and their
 * order; NULL takes the keys of the first record. JSON is a streamed array, UTF-8 not
 * escaped, keys in insertion order; in CSV, arrays are '|'-joined; geojson writes a
 * FeatureCollection of Points from "latitude"/"longitude" (coordinates lon,lat), the other
 * fields as properties, skipping records without coordinates. */
struct rec_writer *rec_writer_open(FILE *out, enum fmt fmt, const char *const *columns);
/* Writes one record (borrowed reference). */
void rec_write(struct rec_writer *w, json_t *rec);
/* In demo mode, the banner line of what people read (tables): DEMO_MARK. The writers
 * mark the rest themselves: records with "demo": true, a GeoJSON collection too. */
void rec_demo_banner(FILE *out);
/* The number of records the writer left out (geojson: those without coordinates). */
long rec_writer_skipped(const struct rec_writer *w);
/* Ends the document (closing bracket, table rendering) and frees w; out stays open. */
void rec_writer_close(struct rec_writer *w);

#endif
