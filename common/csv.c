/* RFC 4180 CSV parser that streams through a large read buffer, copying each field's
 * bytes once into a row buffer, and the quoting rule for writers. */
#include "csv.h"
#include "xalloc.h"
#include "i18n.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BUF (256 * 1024)

enum field_end { END_SEP, END_ROW, END_EOF };

struct csv_reader {
        FILE *fp;
        char *buf;
        size_t pos, len, cap;
        bool eof, started;
        char sep;
        unsigned char stop[256]; /* bytes that end an unquoted field */
        char *row;               /* the row's fields, each followed by a NUL */
        size_t row_len, row_cap;
        size_t *start, *flen; /* each field's offset in row and length */
        int nf, fcap;
        long line;     /* line of the next unread byte */
        long row_line; /* line where the current row starts */
        /* columns, for the message of a quote left open: offsets from the start of the
         * input of buf[0], of the current line, and of the point up to which the line's
         * characters are counted */
        size_t base, line_start, counted_to;
        long counted, quote_column;
        const char *err;
        long err_line, err_column;
        char err_buf[128];
};

struct csv_reader *csv_open(FILE *fp, const char *prefix, size_t n, char sep)
{
        struct csv_reader *r = xcalloc(1, sizeof(*r));

        r->fp = fp;
        r->cap = fp == NULL ? n + 1 : n > CSV_BUF ? n : CSV_BUF;
        r->buf = xmalloc(r->cap);
        if (n > 0)
                memcpy(r->buf, prefix, n);
        r->len = n;
        r->sep = sep;
        r->line = 1;
        r->row_cap = 4096;
        r->row = xmalloc(r->row_cap);
        r->fcap = 64;
        r->start = xmalloc((size_t)r->fcap * sizeof(*r->start));
        r->flen = xmalloc((size_t)r->fcap * sizeof(*r->flen));
        return r;
}

void csv_close(struct csv_reader *r)
{
        if (r == NULL)
                return;
        free(r->buf);
        free(r->row);
        free(r->start);
        free(r->flen);
        free(r);
}

static int fail(struct csv_reader *r, long line, const char *msg)
{
        r->err = msg;
        r->err_line = line;
        return -1;
}

/* Makes bytes available at r->pos: 1 when there are, 0 at the end, -1 on a read error. */
static int fill(struct csv_reader *r)
{
        size_t n;

        if (r->pos < r->len)
                return 1;
        if (r->eof || r->fp == NULL)
                return 0;
        n = fread(r->buf, 1, r->cap, r->fp);
        r->base += r->len;
        r->pos = 0;
        r->len = n;
        if (n > 0)
                return 1;
        r->eof = true;
        if (ferror(r->fp)) {
                snprintf(r->err_buf, sizeof(r->err_buf), _("cannot read: %s"), strerror(errno));
                return fail(r, r->line, r->err_buf);
        }
        return 0;
}

/* Keeps room for n more bytes and a NUL in the row buffer. */
static void row_reserve(struct csv_reader *r, size_t n)
{
        if (r->row_len + n + 1 > r->row_cap) {
                while (r->row_len + n + 1 > r->row_cap)
                        r->row_cap *= 2;
                r->row = xrealloc(r->row, r->row_cap);
        }
}

static void row_append(struct csv_reader *r, const char *p, size_t n)
{
        row_reserve(r, n);
        memcpy(r->row + r->row_len, p, n);
        r->row_len += n;
}

static void field_begin(struct csv_reader *r)
{
        if (r->nf == r->fcap) {
                r->fcap *= 2;
                r->start = xrealloc(r->start, (size_t)r->fcap * sizeof(*r->start));
                r->flen = xrealloc(r->flen, (size_t)r->fcap * sizeof(*r->flen));
        }
        r->start[r->nf] = r->row_len;
}

static void field_end(struct csv_reader *r)
{
        r->flen[r->nf] = r->row_len - r->start[r->nf];
        row_reserve(r, 0);
        r->row[r->row_len++] = '\0';
        r->nf++;
}

/* Picks the separator that appears most often, outside quotes, on the first line. */
static void sniff_separator(struct csv_reader *r)
{
        size_t counts[3] = {0, 0, 0};
        static const char seps[3] = {',', ';', '\t'};
        bool quoted = false;

        for (size_t i = r->pos; i < r->len && (quoted || r->buf[i] != '\n'); i++) {
                char c = r->buf[i];
                if (c == '"')
                        quoted = !quoted;
                else if (!quoted)
                        for (int k = 0; k < 3; k++)
                                counts[k] += c == seps[k];
        }
        r->sep = ',';
        if (counts[1] > counts[0] && counts[1] >= counts[2])
                r->sep = ';';
        else if (counts[2] > counts[0] && counts[2] > counts[1])
                r->sep = '\t';
}

static int start(struct csv_reader *r)
{
        if (fill(r) < 0)
                return -1;
        /* a short first read could split the BOM: it is at most 3 bytes */
        if (r->len - r->pos < 3 && !r->eof && r->fp != NULL && r->len < r->cap) {
                size_t n = fread(r->buf + r->len, 1, r->cap - r->len, r->fp);
                r->len += n;
        }
        if (r->len - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
                r->pos += 3;
        r->line_start = r->pos; /* a BOM is not a column */
        if (r->sep == 0)
                sniff_separator(r);
        r->stop[(unsigned char)r->sep] = 1;
        r->stop['\n'] = 1;
        r->stop['\r'] = 1;
        r->started = true;
        return 0;
}

/* After a field ends on byte c: consumes the rest of a CRLF and counts the line. */
static int end_of(struct csv_reader *r, char c)
{
        if (c == r->sep)
                return END_SEP;
        if (c == '\r') {
                if (fill(r) < 0)
                        return -1;
                if (r->pos < r->len && r->buf[r->pos] == '\n')
                        r->pos++;
        }
        r->line++;
        r->line_start = r->base + r->pos;
        return END_ROW;
}

static int read_plain(struct csv_reader *r)
{
        for (;;) {
                int f = fill(r);
                if (f < 0)
                        return -1;
                if (f == 0) {
                        field_end(r);
                        return END_EOF;
                }
                const unsigned char *p = (const unsigned char *)r->buf + r->pos;
                const unsigned char *end = (const unsigned char *)r->buf + r->len, *q = p;
                while (q < end && r->stop[*q] == 0)
                        q++;
                row_append(r, (const char *)p, (size_t)(q - p));
                r->pos += (size_t)(q - p);
                if (q < end) {
                        r->pos++;
                        field_end(r);
                        return end_of(r, (char)*q);
                }
        }
}

/* Counts the line breaks of the quoted text r->buf[pos..pos+n). */
static void count_newlines(struct csv_reader *r, size_t pos, size_t n)
{
        const char *p = r->buf + pos, *end = p + n;

        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
                r->line++;
                p++;
                r->line_start = r->base + (size_t)(p - r->buf);
        }
}

/* The column (in characters) of the quote at r->pos, counted on from where the last quote
 * of the line was: each byte of a line is looked at once. Bytes of the line that a refill
 * took away count one character each. */
static void note_quote(struct csv_reader *r)
{
        size_t at = r->base + r->pos, from;

        if (r->counted_to < r->line_start || r->counted_to > at) {
                r->counted_to = r->line_start;
                r->counted = 0;
        }
        if (r->counted_to < r->base) {
                r->counted += (long)(r->base - r->counted_to);
                r->counted_to = r->base;
        }
        for (from = r->counted_to - r->base; from < r->pos; from++)
                r->counted += ((unsigned char)r->buf[from] & 0xC0) != 0x80;
        r->counted_to = at;
        r->quote_column = r->counted + 1;
}

static int read_quoted(struct csv_reader *r)
{
        long start_line = r->line;

        for (;;) {
                int f = fill(r);
                if (f < 0)
                        return -1;
                if (f == 0) {
                        r->err_column = r->quote_column;
                        return fail(r, start_line, _("unterminated quoted field"));
                }
                const char *p = r->buf + r->pos;
                const char *q = memchr(p, '"', r->len - r->pos);
                size_t n = q != NULL ? (size_t)(q - p) : r->len - r->pos;
                count_newlines(r, r->pos, n);
                row_append(r, p, n);
                r->pos += n;
                if (q == NULL)
                        continue;
                r->pos++;
                if ((f = fill(r)) < 0)
                        return -1;
                if (f > 0 && r->buf[r->pos] == '"') {
                        row_append(r, "\"", 1);
                        r->pos++;
                        continue;
                }
                field_end(r);
                if (f == 0)
                        return END_EOF;
                char c = r->buf[r->pos++];
                if (c == r->sep || c == '\n' || c == '\r')
                        return end_of(r, c);
                return fail(r, r->line, _("unexpected character after a closing quote"));
        }
}

/* Skips empty lines; returns 1 when a row starts, 0 at the end, -1 on error. */
static int skip_empty_lines(struct csv_reader *r)
{
        for (;;) {
                int f = fill(r);
                if (f <= 0)
                        return f;
                char c = r->buf[r->pos];
                if (c != '\n' && c != '\r')
                        return 1;
                r->pos++;
                if (end_of(r, c) < 0)
                        return -1;
        }
}

int csv_next(struct csv_reader *r)
{
        int f, end;

        if (r->err != NULL)
                return -1;
        if (!r->started && start(r) < 0)
                return -1;
        if ((f = skip_empty_lines(r)) <= 0)
                return f;
        r->row_line = r->line;
        r->row_len = 0;
        r->nf = 0;
        do {
                field_begin(r);
                if (r->buf[r->pos] == '"') { /* fill() succeeded: a byte is there */
                        note_quote(r);
                        r->pos++;
                        end = read_quoted(r);
                } else {
                        end = read_plain(r);
                }
                if (end < 0)
                        return -1;
                if (end == END_SEP && (f = fill(r)) <= 0) { /* "a,b," at the very end */
                        if (f < 0)
                                return -1;
                        field_begin(r);
                        field_end(r);
                        end = END_EOF;
                }
        } while (end == END_SEP);
        return r->nf;
}

const char *csv_field(const struct csv_reader *r, int i, size_t *len)
{
        if (len != NULL)
                *len = r->flen[i];
        return r->row + r->start[i];
}

const char *csv_row_bytes(const struct csv_reader *r, size_t *len)
{
        *len = r->row_len;
        return r->row;
}

long csv_row_line(const struct csv_reader *r)
{
        return r->row_line;
}

const char *csv_error(const struct csv_reader *r)
{
        return r->err;
}

long csv_error_line(const struct csv_reader *r)
{
        return r->err_line;
}

long csv_error_column(const struct csv_reader *r)
{
        return r->err_column;
}

char csv_separator(const struct csv_reader *r)
{
        return r->sep;
}

void csv_write_field(FILE *out, const char *s, size_t n, char sep)
{
        bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');

        for (size_t i = 0; i < n && !quote; i++)
                quote = s[i] == sep || s[i] == ',' || s[i] == ';' || s[i] == '\t' || s[i] == '"' ||
                        s[i] == '\n' || s[i] == '\r';
        if (!quote) {
                fwrite(s, 1, n, out);
                return;
        }
        putc('"', out);
        for (const char *p = s, *end = s + n; p < end;) {
                const char *q = memchr(p, '"', (size_t)(end - p));
                size_t k = q != NULL ? (size_t)(q - p) + 1 : (size_t)(end - p);
                fwrite(p, 1, k, out);
                if (q != NULL)
                        putc('"', out);
                p += k;
        }
        putc('"', out);
}
