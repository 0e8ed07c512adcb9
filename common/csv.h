/* RFC 4180 CSV: a streaming row parser (quoted fields, embedded newlines, "" escapes,
 * BOM, CRLF, ',' ';' or tab sniffed from the first line) and field quoting for writers. */
#ifndef AIDANT_CSV_H
#define AIDANT_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv_reader;

/* Reads rows from prefix[0..n) (bytes already taken from fp, may be empty) then from fp,
 * which stays open. sep is ',', ';' or '\t', or 0 to sniff it from the first line. */
struct csv_reader *csv_open(FILE *fp, const char *prefix, size_t n, char sep);
/* Reads the next row, skipping empty lines. Returns its number of fields, 0 at the end,
 * -1 on a syntax or read error (csv_error, csv_error_line). Fields are raw bytes: the
 * caller checks their encoding. */
int csv_next(struct csv_reader *r);
/* Field i of the current row, NUL-terminated (it may also hold NUL bytes: use *len). */
const char *csv_field(const struct csv_reader *r, int i, size_t *len);
/* All the fields of the current row, one after the other, each followed by a NUL. */
const char *csv_row_bytes(const struct csv_reader *r, size_t *len);
/* Line where the current row starts (1-based). */
long csv_row_line(const struct csv_reader *r);
/* What went wrong (translated, without position) and on which line. */
const char *csv_error(const struct csv_reader *r);
long csv_error_line(const struct csv_reader *r);
/* The column (1-based, in characters) the error is at when it has one (the quote of an
 * unterminated quoted field), else 0. */
long csv_error_column(const struct csv_reader *r);
/* The separator in use (after sniffing). */
char csv_separator(const struct csv_reader *r);
void csv_close(struct csv_reader *r);

/* Writes s[0..n) as one field, quoted when it holds sep, any separator a reader could
 * sniff (',' ';' tab), a quote, CR or LF, or starts or ends with a space (which a reader
 * could trim). */
void csv_write_field(FILE *out, const char *s, size_t n, char sep);

#endif
