/* Internals shared by the record readers (rec.c, rec_json.c, rec_yaml.c): the buffered
 * input that format sniffing reads ahead in, and the reader's state. Not for tools. */
#ifndef AIDANT_REC_IMPL_H
#define AIDANT_REC_IMPL_H

#include "rec.h"
#include "strbuf.h"

#include <stdbool.h>

#define REC_BUF        (256 * 1024)
#define REC_MAX_RECORD (64L * 1024 * 1024) /* one JSON record is held whole in memory */

struct rec_in {
        FILE *fp;
        char *buf;
        size_t pos, len, cap;
        bool eof;
        int error; /* errno of a read error, 0 if none */
};

/* Makes bytes available at in->pos: 1 when there are, 0 at the end, -1 on a read error. */
int rec_in_fill(struct rec_in *in);

struct rec_reader {
        struct rec_in in;
        FILE *owned; /* closed by rec_close (not stdin) */
        char *name;  /* for messages: the path, or "<stdin>" */
        enum fmt fmt;
        /* reads one record: 1 with *out and *line set, 0 at the end, -1 after rec_fail */
        int (*next)(struct rec_reader *r, json_t **out, long *line);
        void (*free_state)(struct rec_reader *r);
        void *state;
        char *error;
        long index;
        bool done;
        const char *const *columns;
        enum rec_encoding enc; /* of the input */
        FILE *decoded;         /* the stream that decodes it into UTF-8, or NULL */
        bool csv_extra_ok;     /* rec_csv_trailing_fields: extra empty fields are dropped */
        const char *csv_extra_filler;
};

/* Sets the reader's error "name:line[:column]: what" (column 0 leaves it out) and
 * returns -1. */
int rec_fail(struct rec_reader *r, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* rec_fail for the read error recorded in r->in. */
int rec_fail_read(struct rec_reader *r, long line);

/* Settles the input's encoding from the bytes read ahead (rec_enc.c) and, for an encoding
 * other than UTF-8, decodes them and the rest of the input into UTF-8. */
void rec_decode_start(struct rec_reader *r, enum rec_encoding enc);

void rec_json_start(struct rec_reader *r);
void rec_yaml_start(struct rec_reader *r);

/* A growable NUL-terminated string. */
struct rec_buf {
        char *s;
        size_t len, cap;
};

void rec_buf_add(struct rec_buf *b, const char *s, size_t n);

struct rec_writer {
        FILE *out;
        enum fmt fmt;
        char **columns; /* NULL until given or taken from the first record */
        size_t ncolumns;
        long count;   /* records written */
        long skipped; /* records left out */
        bool demo;    /* demo mode: records and documents marked */
        json_t *rows; /* table: the records, rendered at the end */
        struct rec_buf cell;
        struct strbuf text; /* a record's JSON text */
};

/* Sets b to v as one cell: strings as they are, numbers as given (jsonw_real), null
 * empty, arrays joined with join, objects as compact JSON. v may be NULL (empty). */
void rec_cell_text(struct rec_buf *b, json_t *v, const char *join);
void rec_yaml_write(struct rec_writer *w, json_t *rec);
void rec_table_render(struct rec_writer *w);

#endif
