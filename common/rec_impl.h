/* Internals shared by the record readers (rec.c, rec_json.c, rec_yaml.c): the buffered
 * input that format sniffing reads ahead in, and the reader's state. Not for tools. */
#ifndef AIDANT_REC_IMPL_H
#define AIDANT_REC_IMPL_H

#include "rec.h"

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
};

/* Sets the reader's error "name:line[:column]: what" (column 0 leaves it out) and
 * returns -1. */
int rec_fail(struct rec_reader *r, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* rec_fail for the read error recorded in r->in. */
int rec_fail_read(struct rec_reader *r, long line);

void rec_json_start(struct rec_reader *r);
void rec_yaml_start(struct rec_reader *r);

#endif
