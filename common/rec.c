/* Record readers: opening, format sniffing and dispatch, plus the CSV and NDJSON readers
 * (JSON and YAML live in rec_json.c and rec_yaml.c). */
#include "rec_impl.h"
#include "csv.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int rec_in_fill(struct rec_in *in)
{
        size_t n;

        if (in->pos < in->len)
                return 1;
        if (in->eof || in->fp == NULL)
                return 0;
        n = fread(in->buf, 1, in->cap, in->fp);
        in->pos = 0;
        in->len = n;
        if (n > 0)
                return 1;
        in->eof = true;
        if (ferror(in->fp)) {
                in->error = errno != 0 ? errno : EIO;
                return -1;
        }
        return 0;
}

int rec_fail(struct rec_reader *r, long line, long column, const char *fmt, ...)
{
        va_list ap;
        char *what;

        va_start(ap, fmt);
        if (vasprintf(&what, fmt, ap) < 0)
                die(EX_OSERR, "%s", _("out of memory"));
        va_end(ap);
        free(r->error);
        if (column > 0)
                r->error = xasprintf(_("%s:%ld:%ld: %s"), r->name, line, column, what);
        else
                r->error = xasprintf(_("%s:%ld: %s"), r->name, line, what);
        free(what);
        return -1;
}

int rec_fail_read(struct rec_reader *r, long line)
{
        return rec_fail(r, line, 0, _("cannot read: %s"), strerror(r->in.error));
}

/* --- format sniffing ------------------------------------------------------ */

static bool is_blank(char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One object per line: the first line closes its object and the next one opens another. */
static bool looks_ndjson(const char *p, size_t n)
{
        const char *nl = memchr(p, '\n', n), *end = p + n, *last;

        if (nl == NULL)
                return false;
        for (last = nl; last > p && is_blank(last[-1]); last--)
                ;
        if (last == p || last[-1] != '}')
                return false;
        for (p = nl; p < end && is_blank(*p); p++)
                ;
        return p < end && *p == '{';
}

/* "key:" at the start of a line, the key made of word characters, dots, spaces or dashes. */
static bool looks_yaml_key(const char *p, size_t n)
{
        size_t i = 0;

        while (i < n && (p[i] == '_' || p[i] == '-' || p[i] == '.' || p[i] == ' ' ||
                         (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
                         (p[i] >= '0' && p[i] <= '9')))
                i++;
        return i > 0 && i < n && p[i] == ':' && (i + 1 == n || is_blank(p[i + 1]));
}

static enum fmt sniff(const char *p, size_t n)
{
        size_t i = 0;

        while (i < n && is_blank(p[i]))
                i++;
        p += i;
        n -= i;
        if (n == 0)
                return FMT_CSV;
        if (*p == '[')
                return FMT_JSON;
        if (*p == '{')
                return looks_ndjson(p, n) ? FMT_NDJSON : FMT_JSON;
        if ((n >= 3 && memcmp(p, "---", 3) == 0) || (n >= 5 && memcmp(p, "%YAML", 5) == 0) ||
            (n >= 2 && memcmp(p, "- ", 2) == 0) || *p == '#' || looks_yaml_key(p, n))
                return FMT_YAML;
        return FMT_CSV;
}

/* --- CSV ------------------------------------------------------------------ */

struct csv_state {
        struct csv_reader *csv;
        char **names; /* the header, NULL-terminated */
        size_t *name_len;
        int ncols;
        const char **fields; /* the current row's fields (in the csv reader's buffer) */
        size_t *lens;
};

/* The line of byte off of the current row, for messages about multi-line rows. */
static long row_line_at(const struct csv_reader *c, size_t off)
{
        size_t len;
        const char *row = csv_row_bytes(c, &len);
        long line = csv_row_line(c);

        for (size_t i = 0; i < off && i < len; i++)
                line += row[i] == '\n';
        return line;
}

/* Names the field holding ill-formed UTF-8 (or a NUL in the header). */
static int fail_encoding(struct rec_reader *r, struct csv_state *st, int n, bool header)
{
        size_t rowlen, len;
        const char *row = csv_row_bytes(st->csv, &rowlen);

        for (int i = 0; i < n; i++) {
                const char *f = csv_field(st->csv, i, &len);
                if (text_valid_utf8(f, len) && !(header && strlen(f) != len))
                        continue;
                long line = row_line_at(st->csv, (size_t)(f - row));
                if (header)
                        return rec_fail(
                            r, line, 0,
                            _("invalid UTF-8 in column %d of the header (another encoding? "
                              "--encoding cp1252 or latin1)"),
                            i + 1);
                return rec_fail(r, line, 0,
                                _("invalid UTF-8 in field \"%s\" (another encoding? --encoding "
                                  "cp1252 or latin1)"),
                                st->names[i]);
        }
        return rec_fail(r, csv_row_line(st->csv), 0, _("invalid UTF-8"));
}

static int csv_fail(struct rec_reader *r, struct csv_state *st)
{
        return rec_fail(r, csv_error_line(st->csv), csv_error_column(st->csv), "%s",
                        csv_error(st->csv));
}

static int csv_read_header(struct rec_reader *r, struct csv_state *st)
{
        int n = csv_next(st->csv);
        size_t rowlen;

        if (n < 0)
                return csv_fail(r, st);
        st->names = xcalloc((size_t)n + 1, sizeof(*st->names));
        st->name_len = xcalloc((size_t)n + 1, sizeof(*st->name_len));
        st->fields = xcalloc((size_t)n + 1, sizeof(*st->fields));
        st->lens = xcalloc((size_t)n + 1, sizeof(*st->lens));
        st->ncols = n;
        if (n == 0)
                return 0;
        const char *row = csv_row_bytes(st->csv, &rowlen);
        if (!text_valid_utf8(row, rowlen))
                return fail_encoding(r, st, n, true);
        for (int i = 0; i < n; i++) {
                size_t len;
                const char *f = csv_field(st->csv, i, &len);
                if (strlen(f) != len)
                        return fail_encoding(r, st, n, true);
                for (int j = 0; j < i; j++)
                        if (strcmp(st->names[j], f) == 0)
                                return rec_fail(r, row_line_at(st->csv, (size_t)(f - row)), 0,
                                                _("duplicate column \"%s\" in the header"), f);
                while (i == 0 && len >= 3 && memcmp(f, "\xEF\xBB\xBF", 3) == 0) {
                        f += 3; /* a BOM after blank lines: still not part of a name */
                        len -= 3;
                }
                st->names[i] = xstrndup(f, len);
                st->name_len[i] = len;
        }
        return 1;
}

/* The fields past the header are all empty or the filler (rec_csv_trailing_fields). */
static bool only_filler(const struct rec_reader *r, const struct csv_state *st, int n)
{
        for (int i = st->ncols; i < n; i++) {
                size_t len;
                const char *f = csv_field(st->csv, i, &len);

                if (len != 0 &&
                    (r->csv_extra_filler == NULL || strcmp(f, r->csv_extra_filler) != 0))
                        return false;
        }
        return true;
}

/* Reads the next row into st->fields and st->lens, checked: its number of fields (the
 * header's), 0 at the end, -1 after rec_fail. */
static int csv_read_row(struct rec_reader *r, struct csv_state *st, long *line)
{
        size_t rowlen;
        int n;

        if (st->ncols == 0 || (n = csv_next(st->csv)) == 0)
                return 0;
        if (n < 0)
                return csv_fail(r, st);
        *line = csv_row_line(st->csv);
        if (n > st->ncols && r->csv_extra_ok && only_filler(r, st, n))
                n = st->ncols;
        if (n != st->ncols)
                return rec_fail(r, *line, 0, _("row has %d fields, the header has %d"), n,
                                st->ncols);
        const char *row = csv_row_bytes(st->csv, &rowlen);
        if (!text_valid_utf8(row, rowlen))
                return fail_encoding(r, st, n, false);
        for (int i = 0; i < n; i++)
                st->fields[i] = csv_field(st->csv, i, &st->lens[i]);
        return n;
}

static int csv_next_record(struct rec_reader *r, json_t **out, long *line)
{
        struct csv_state *st = r->state;
        int n = csv_read_row(r, st, line);

        if (n <= 0)
                return n;
        *out = rec_fields_json(r, st->fields, st->lens);
        return 1;
}

json_t *rec_fields_json(const struct rec_reader *r, const char *const *fields, const size_t *lens)
{
        const struct csv_state *st = r->state;
        json_t *obj = json_object();

        for (int i = 0; i < st->ncols; i++) {
                json_t *v = json_stringn_nocheck(fields[i], lens[i]);
#if JANSSON_VERSION_HEX >= 0x020e00 /* known key lengths save a strlen per field */
                json_object_setn_new_nocheck(obj, st->names[i], st->name_len[i], v);
#else
                json_object_set_new_nocheck(obj, st->names[i], v);
#endif
        }
        return obj;
}

static void csv_free(struct rec_reader *r)
{
        struct csv_state *st = r->state;

        if (st->names != NULL)
                for (int i = 0; i < st->ncols; i++)
                        free(st->names[i]);
        free(st->names);
        free(st->name_len);
        free(st->fields);
        free(st->lens);
        csv_close(st->csv);
        free(st);
}

static void csv_start(struct rec_reader *r)
{
        struct csv_state *st = xcalloc(1, sizeof(*st));

        st->csv = csv_open(r->in.fp, r->in.buf + r->in.pos, r->in.len - r->in.pos, 0);
        r->in.pos = r->in.len;
        r->state = st;
        r->next = csv_next_record;
        r->free_state = csv_free;
        if (r->error == NULL) /* rec_columns() is available right after rec_open() */
                csv_read_header(r, st);
}

/* --- NDJSON --------------------------------------------------------------- */

struct ndjson_state {
        char *line;
        size_t len, cap;
        long lineno;
};

/* Reads one line (without its newline) into st->line: 1, 0 at the end, -1 on error. */
static int ndjson_read_line(struct rec_reader *r, struct ndjson_state *st)
{
        int f;

        st->len = 0;
        while ((f = rec_in_fill(&r->in)) > 0) {
                const char *p = r->in.buf + r->in.pos;
                size_t avail = r->in.len - r->in.pos;
                const char *nl = memchr(p, '\n', avail);
                size_t n = nl != NULL ? (size_t)(nl - p) : avail;
                if (st->len + n + 1 > st->cap) {
                        if ((long)(st->len + n) > REC_MAX_RECORD)
                                return rec_fail(r, st->lineno + 1, 0, _("line too long"));
                        st->cap = (st->len + n + 1) * 2;
                        st->line = xrealloc(st->line, st->cap);
                }
                memcpy(st->line + st->len, p, n);
                st->len += n;
                r->in.pos += n + (nl != NULL);
                if (nl != NULL)
                        break;
        }
        if (f < 0)
                return rec_fail_read(r, st->lineno + 1);
        if (f == 0 && st->len == 0)
                return 0;
        st->lineno++;
        return 1;
}

static int ndjson_next(struct rec_reader *r, json_t **out, long *line)
{
        struct ndjson_state *st = r->state;
        json_error_t e;

        for (;;) {
                int f = ndjson_read_line(r, st);
                if (f <= 0)
                        return f;
                size_t i = 0;
                while (i < st->len && is_blank(st->line[i]))
                        i++;
                if (i < st->len)
                        break;
        }
        *line = st->lineno;
        *out = json_loadb(st->line, st->len, JSON_REJECT_DUPLICATES, &e);
        if (*out == NULL)
                return rec_fail(r, st->lineno, e.column, "%s", e.text);
        if (!json_is_object(*out)) {
                json_decref(*out);
                return rec_fail(r, st->lineno, 0, _("not a JSON object"));
        }
        return 1;
}

static void ndjson_free(struct rec_reader *r)
{
        struct ndjson_state *st = r->state;

        free(st->line);
        free(st);
}

static void ndjson_start(struct rec_reader *r)
{
        r->state = xcalloc(1, sizeof(struct ndjson_state));
        r->next = ndjson_next;
        r->free_state = ndjson_free;
}

/* --- opening and reading -------------------------------------------------- */

/* Reads ahead so that sniffing sees the first bytes; skips a UTF-8 BOM. */
static int read_ahead(struct rec_reader *r)
{
        struct rec_in *in = &r->in;

        while (in->len < in->cap && !in->eof && in->fp != NULL) {
                size_t n = fread(in->buf + in->len, 1, in->cap - in->len, in->fp);
                in->len += n;
                if (n == 0) {
                        in->eof = true;
                        if (ferror(in->fp))
                                return -1;
                }
        }
        if (in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
                in->pos = 3;
        return 0;
}

/* Reads from fp, or from mem[0..len) when fp is NULL. */
static struct rec_reader *reader_new(FILE *fp, const char *mem, size_t len, const char *name,
                                     enum fmt fmt, enum rec_encoding enc)
{
        struct rec_reader *r = xcalloc(1, sizeof(*r));

        r->in.fp = fp;
        r->in.cap = fp == NULL ? len + 1 : REC_BUF; /* in memory: nothing more to read */
        r->in.buf = xmalloc(r->in.cap);
        if (fp == NULL && len > 0)
                memcpy(r->in.buf, mem, len);
        r->in.len = fp == NULL ? len : 0;
        r->in.eof = fp == NULL;
        r->name = xstrdup(name);
        if (read_ahead(r) < 0)
                rec_fail(r, 1, 0, _("cannot read: %s"), strerror(errno));
        rec_decode_start(r, enc);
        if (fmt == FMT_AUTO || fmt == FMT_TABLE)
                fmt = sniff(r->in.buf + r->in.pos, r->in.len - r->in.pos);
        r->fmt = fmt == FMT_GEOJSON ? FMT_JSON : fmt;
        switch (r->fmt) {
        case FMT_CSV:
                csv_start(r);
                break;
        case FMT_NDJSON:
                ndjson_start(r);
                break;
        case FMT_YAML:
                rec_yaml_start(r);
                break;
        default:
                rec_json_start(r);
                break;
        }
        return r;
}

struct rec_reader *rec_open(const char *path, enum fmt fmt)
{
        return rec_open_encoded(path, fmt, REC_ENC_AUTO);
}

struct rec_reader *rec_open_encoded(const char *path, enum fmt fmt, enum rec_encoding enc)
{
        bool is_stdin = path == NULL || strcmp(path, "-") == 0;
        struct stat sb;
        FILE *fp = is_stdin ? stdin : fopen(path, "rb");
        struct rec_reader *r;

        if (fp == NULL)
                return NULL;
        if (!is_stdin && fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
                fclose(fp);
                errno = EISDIR;
                return NULL;
        }
        if (fmt == FMT_AUTO && !is_stdin)
                fmt = fmt_from_path(path);
        r = reader_new(fp, NULL, 0, is_stdin ? "<stdin>" : path, fmt, enc);
        r->owned = is_stdin ? NULL : fp;
        return r;
}

struct rec_reader *rec_open_mem(const char *buf, size_t len, enum fmt fmt, const char *name)
{
        return reader_new(NULL, buf, len, name != NULL ? name : "<memory>", fmt, REC_ENC_UTF8);
}

/* After a reader's step that returned rc (with the record's line): counts the record and
 * fills loc, or marks the end. Returns rc, or -1 when an error was set. */
static int counted(struct rec_reader *r, int rc, long line, struct rec_loc *loc)
{
        if (rc <= 0) {
                r->done = true;
                return rc < 0 || r->error != NULL ? -1 : 0;
        }
        r->index++;
        if (loc != NULL) {
                loc->file = r->name;
                loc->line = line;
                loc->index = r->index;
        }
        return rc;
}

int rec_next(struct rec_reader *r, json_t **out, struct rec_loc *loc)
{
        long line = 0;
        int rc;

        *out = NULL;
        if (r->error != NULL)
                return -1;
        if (r->done)
                return 0;
        rc = r->next(r, out, &line);
        return counted(r, rc, line, loc);
}

int rec_next_fields(struct rec_reader *r, const char *const **fields, const size_t **lens,
                    struct rec_loc *loc)
{
        struct csv_state *st = r->state;
        long line = 0;
        int n;

        *fields = NULL;
        *lens = NULL;
        if (r->error == NULL && r->fmt != FMT_CSV) {
                r->error = xasprintf(_("%s: not a CSV input"), r->name);
                r->done = true;
        }
        if (r->error != NULL)
                return -1;
        if (r->done)
                return 0;
        n = csv_read_row(r, st, &line);
        n = counted(r, n, line, loc);
        if (n > 0) {
                *fields = st->fields;
                *lens = st->lens;
        }
        return n;
}

const char *rec_error(const struct rec_reader *r)
{
        return r->error;
}

enum fmt rec_format(const struct rec_reader *r)
{
        return r->fmt;
}

const char *const *rec_columns(const struct rec_reader *r)
{
        const struct csv_state *st = r->fmt == FMT_CSV ? r->state : NULL;

        if (st == NULL || st->names == NULL || r->error != NULL)
                return NULL;
        return (const char *const *)st->names;
}

void rec_csv_trailing_fields(struct rec_reader *r, const char *filler)
{
        r->csv_extra_ok = true;
        r->csv_extra_filler = filler;
}

void rec_close(struct rec_reader *r)
{
        if (r == NULL)
                return;
        if (r->free_state != NULL)
                r->free_state(r);
        if (r->decoded != NULL)
                fclose(r->decoded);
        if (r->owned != NULL)
                fclose(r->owned);
        free(r->in.buf);
        free(r->name);
        free(r->error);
        free(r);
}
