/* import: records from files in one of three dialects, in one transaction (all or
 * nothing unless --keep-going), each reject named by file, line and field; records are
 * keyed by id, so importing a file again changes nothing. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "dialect.h"
#include "fs.h"
#include "i18n.h"
#include "import.h"
#include "msg.h"
#include "rec.h"
#include "record.h"
#include "text.h"
#include "writer.h"
#include "xalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SHOWN_REJECTS  20
#define LISTED_REJECTS 1000

enum dialect { NATIVE, COOP, CNFS_V1 };

struct run {
        struct ctx *ctx;
        struct db *db;
        enum dialect dialect;
        enum fmt from;
        enum rec_encoding enc;
        bool keep_going, dry_run;
        const char *rejects_path;
        struct afile *rej_file;
        struct rec_writer *rej_out;
        long read, inserted, updated, unchanged, rejected;
        json_t *rejects; /* the first LISTED_REJECTS: {file, line, record, id, field, message} */
        json_t *seen;    /* content hash -> times met, for records without an id */
        struct writer *writer; /* stores the checked records (not in a dry run) */
};

static void write_reject(struct run *r, struct rec_reader *rd, json_t *raw)
{
        if (r->rejects_path == NULL || raw == NULL)
                return;
        if (r->rej_out == NULL) {
                enum fmt f = fmt_from_path(r->rejects_path);

                if (f == FMT_AUTO)
                        f = rec_format(rd);
                r->rej_file = afile_open(r->rejects_path, 0600);
                r->rej_out =
                    rec_writer_open(r->rej_file->fp, f, f == FMT_CSV ? rec_columns(rd) : NULL);
        }
        rec_write(r->rej_out, raw);
}

static void reject(struct run *r, struct rec_reader *rd, const struct rec_loc *loc, const char *id,
                   const struct field_error *e, json_t *raw)
{
        r->rejected++;
        if (json_array_size(r->rejects) < LISTED_REJECTS)
                json_array_append_new(
                    r->rejects, json_pack("{s:s,s:I,s:I,s:s?,s:s,s:s}", "file", loc->file, "line",
                                          (json_int_t)loc->line, "record", (json_int_t)loc->index,
                                          "id", id, "field", e->field, "message", e->message));
        write_reject(r, rd, raw);
        if (r->rejected > SHOWN_REJECTS)
                return;
        if (r->keep_going)
                msg_warn(_("%s:%ld: %s: %s"), loc->file, loc->line, e->field, e->message);
        else
                msg_error(EX_DATAERR, _("%s:%ld: %s: %s"), loc->file, loc->line, e->field,
                          e->message);
}

/* A record without an id is named by its content (and how many times it came), so that
 * reading the file again finds the same ids. */
static void name_by_content(struct run *r, json_t *rec)
{
        char *text = record_text(rec), hex[33], key[40];
        unsigned char h[16];
        json_t *n;

        crypto_generichash(h, sizeof(h), (const unsigned char *)text, strlen(text), NULL, 0);
        sodium_bin2hex(hex, sizeof(hex), h, 8);
        free(text);
        n = json_object_get(r->seen, hex);
        n = n != NULL ? json_integer(json_integer_value(n) + 1) : json_integer(1);
        json_object_set_new(r->seen, hex, n);
        if (json_integer_value(n) == 1)
                snprintf(key, sizeof(key), "h-%s", hex);
        else
                snprintf(key, sizeof(key), "h-%s-%lld", hex, (long long)json_integer_value(n));
        json_object_set_new(rec, "id", json_string(key));
}

/* Checks and stores one record: fields is the dialect's mapping (taken). */
static void store(struct run *r, struct rec_reader *rd, const struct rec_loc *loc, json_t *fields,
                  json_t *raw)
{
        struct field_error e = {0};
        json_t *rec = record_check(fields, &e);
        const char *id = json_string_value(json_object_get(fields, "id"));

        if (rec == NULL) {
                reject(r, rd, loc, id, &e, raw);
                field_error_clear(&e);
                json_decref(fields);
                return;
        }
        json_decref(fields);
        if (r->dialect == NATIVE && json_object_get(rec, "source") == NULL)
                json_object_set_new(rec, "source", json_string("native"));
        if (json_object_get(rec, "id") == NULL)
                name_by_content(r, rec);
        if (r->writer != NULL)
                writer_put(r->writer, rec);
        else
                json_decref(rec);
}

static void start_writing(struct run *r)
{
        if (!r->dry_run)
                r->writer = writer_start(r->db);
}

/* Once every file is read: the writer's counts. */
static void end_writing(struct run *r)
{
        struct writer_counts c;

        if (r->writer == NULL)
                return;
        c = writer_finish(r->writer);
        r->writer = NULL;
        r->inserted = c.inserted;
        r->updated = c.updated;
        r->unchanged = c.unchanged;
}

/* The Coop's rows are gathered by activity; first is where the pending one began. */
struct pending {
        struct coop_group g;
        struct rec_loc first;
        json_t *rows; /* its raw rows, for --rejects */
};

static void coop_one(struct run *r, struct rec_reader *rd, struct pending *p, json_t *row,
                     const struct rec_loc *loc)
{
        struct field_error e = {0};
        json_t *done;
        int rc = coop_row(&p->g, row, &e, &done);

        if (rc < 0) {
                reject(r, rd, loc, NULL, &e, row);
                field_error_clear(&e);
                return;
        }
        if (rc == 1)
                store(r, rd, &p->first, done, json_array_get(p->rows, 0));
        if (rc == 1 || json_array_size(p->rows) == 0) {
                json_array_clear(p->rows);
                p->first = *loc;
        }
        json_array_append(p->rows, row);
}

static void progress(const struct run *r, bool last)
{
        if (!r->ctx->tty_err || r->ctx->quiet)
                return;
        fputc('\r', stderr);
        fprintf(stderr, _("%ld records read, %ld rejected"), r->read, r->rejected);
        if (last)
                fputc('\n', stderr);
}

/* A native CSV row as the object of its non-empty cells (and of its id, which a reject
 * names even when empty): an empty cell says nothing to the checks (value_get), so they
 * see the same record, and half the values of a row are never made. */
static json_t *row_object(const char *const *cols, const char *const *f, const size_t *lens, int n)
{
        json_t *o = json_object();

        for (int i = 0; i < n; i++)
                if (lens[i] > 0 || strcmp(cols[i], "id") == 0)
                        json_object_set_new_nocheck(o, cols[i],
                                                    json_stringn_nocheck(f[i], lens[i]));
        return o;
}

/* Native CSV without --rejects (which writes the rows whole) is read as raw fields (the
 * reader refuses a header that names a column twice). */
static bool by_fields(const struct run *r, struct rec_reader *rd)
{
        return r->dialect == NATIVE && r->rejects_path == NULL && rec_format(rd) == FMT_CSV &&
               rec_columns(rd) != NULL;
}

/* rec_next, or the row read as fields: 1, 0 at the end, -1 on an error. */
static int next_row(struct rec_reader *rd, bool fields, json_t **row, struct rec_loc *loc)
{
        const char *const *f;
        const size_t *lens;
        int n;

        if (!fields)
                return rec_next(rd, row, loc);
        if ((n = rec_next_fields(rd, &f, &lens, loc)) <= 0)
                return n;
        *row = row_object(rec_columns(rd), f, lens, n);
        return 1;
}

static int import_file(struct run *r, const char *path)
{
        struct rec_reader *rd = rec_open_encoded(path, r->from, r->enc);
        struct pending p = {{0}, {0}, json_array()};
        struct rec_loc loc;
        json_t *row;
        bool raw;
        int rc;

        if (rd == NULL)
                die(EX_NOINPUT, _("cannot open %s: %s"), path, strerror(errno));
        if (r->dialect == CNFS_V1)
                rec_csv_trailing_fields(rd, "null");
        raw = by_fields(r, rd);
        while ((rc = next_row(rd, raw, &row, &loc)) == 1) {
                struct field_error e = {0};

                r->read++;
                json_t *fields = NULL;

                if (r->dialect == COOP)
                        coop_one(r, rd, &p, row, &loc);
                else if (r->dialect == CNFS_V1 && (fields = v1_map(row, &e)) == NULL)
                        reject(r, rd, &loc, NULL, &e, row);
                else
                        store(r, rd, &loc, fields != NULL ? fields : json_incref(row), row);
                field_error_clear(&e);
                json_decref(row);
                if (r->read % 4096 == 0)
                        progress(r, false);
        }
        if (r->dialect == COOP) {
                json_t *last = coop_finish(&p.g);
                if (last != NULL)
                        store(r, rd, &p.first, last, json_array_get(p.rows, 0));
        }
        json_decref(p.rows);
        if (rc < 0) {
                msg_error(EX_DATAERR, "%s", rec_error(rd));
                rec_close(rd);
                return -1;
        }
        rec_close(rd);
        return 0;
}

static void print_report(const struct run *r, bool stored)
{
        json_t *o =
            json_pack("{s:I,s:I,s:I,s:I,s:I,s:b,s:O}", "read", (json_int_t)r->read, "inserted",
                      (json_int_t)r->inserted, "updated", (json_int_t)r->updated, "unchanged",
                      (json_int_t)r->unchanged, "rejected", (json_int_t)r->rejected, "stored",
                      stored, "rejects", r->rejects);
        if (r->ctx->format == FMT_TABLE) {
                static const char *const rows[] = {N_("read"), N_("inserted"), N_("updated"),
                                                   N_("unchanged"), N_("rejected")};

                for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
                        int pad = 12 - (int)text_utf8_len(_(rows[i]));
                        printf("%s%*s%9lld\n", _(rows[i]), pad, "",
                               (long long)json_integer_value(json_object_get(o, rows[i])));
                }
                printf("%s%*s%9s\n", _("stored"), 12 - (int)text_utf8_len(_("stored")), "",
                       stored ? _("yes") : _("no"));
        } else {
                json_dumpf(o, stdout,
                           JSON_PRESERVE_ORDER |
                               (r->ctx->format == FMT_NDJSON ? JSON_COMPACT : JSON_INDENT(2)));
                putchar('\n');
        }
        json_decref(o);
}

/* The rejects file, the report, then the commit: a full disk on any of them leaves the
 * store as it was. Returns the exit code. */
static int finish(struct run *r, bool read_error)
{
        bool failed = read_error || (r->rejected > 0 && !r->keep_going);
        bool stored = !failed && !r->dry_run;

        progress(r, true);
        if (r->rej_out != NULL) {
                rec_writer_close(r->rej_out);
                afile_commit(r->rej_file);
        }
        if (r->rejected > SHOWN_REJECTS)
                msg_error(EX_DATAERR, _("... and %ld more rejected records"),
                          r->rejected - SHOWN_REJECTS);
        if (stored)
                db_flush(r->db); /* a full disk is said before the report */
        print_report(r, stored);
        if (fflush(stdout) != 0 || ferror(stdout)) {
                db_rollback(r->db);
                return EX_IOERR;
        }
        if (!stored) {
                db_rollback(r->db);
                if (failed && !read_error)
                        msg_error(EX_DATAERR, _("%ld of %ld records rejected: nothing stored"),
                                  r->rejected, r->read);
                return failed ? EX_DATAERR : 0;
        }
        db_commit(r->db);
        if (r->rejected > 0)
                msg_warn(_("%ld of %ld records rejected and left out; the others were stored"),
                         r->rejected, r->read);
        return 0;
}

static void parse(struct ctx *ctx, int argc, char **argv, struct run *r)
{
        static const struct option opts[] = {
            {"dialect", required_argument, NULL, 'd'},
            {"from", required_argument, NULL, 'f'},
            {"keep-going", no_argument, NULL, 'k'},
            {"rejects", required_argument, NULL, 'r'},
            {"dry-run", no_argument, NULL, 'n'},
            {"encoding", required_argument, NULL, 'e'},
            {NULL, 0, NULL, 0},
        };
        static const char *const dialects[] = {"native", "coop", "cnfs-v1", NULL};
        int c, f;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'd') {
                        int i;
                        for (i = 0; dialects[i] != NULL && strcmp(dialects[i], optarg) != 0; i++)
                                ;
                        if (dialects[i] == NULL)
                                cli_usage_error(ctx,
                                                _("--dialect: '%s' is not native, coop or cnfs-v1"),
                                                optarg);
                        r->dialect = (enum dialect)i;
                } else if (c == 'f') {
                        f = fmt_parse(optarg);
                        if (f <= FMT_AUTO || f == FMT_TABLE || f == FMT_GEOJSON)
                                cli_usage_error(ctx,
                                                _("--from: '%s' is not json, ndjson, yaml or csv"),
                                                optarg);
                        r->from = (enum fmt)f;
                } else if (c == 'e') {
                        if ((f = rec_encoding_parse(optarg)) < 0)
                                cli_usage_error(
                                    ctx, _("--encoding: '%s' is not utf-8, cp1252 or latin1"),
                                    optarg);
                        r->enc = (enum rec_encoding)f;
                } else if (c == 'k') {
                        r->keep_going = true;
                } else if (c == 'r') {
                        r->rejects_path = optarg;
                } else {
                        r->dry_run = true;
                }
        }
        if (r->rejects_path != NULL && !r->keep_going)
                cli_usage_error(ctx, "%s", _("--rejects goes with --keep-going"));
}

void import_shipped(struct ctx *ctx, struct db *db, const char *path)
{
        struct run r = {.ctx = ctx, .db = db};

        r.rejects = json_array();
        r.seen = json_object();
        start_writing(&r);
        if (import_file(&r, path) != 0 || r.rejected > 0)
                die(EX_SOFTWARE, _("%s: the shipped records are refused"), path);
        end_writing(&r);
        json_decref(r.rejects);
        json_decref(r.seen);
}

int cmd_import(int argc, char **argv, struct ctx *ctx)
{
        struct run r = {.ctx = ctx};
        bool read_error = false;
        int code;

        parse(ctx, argc, argv, &r);
        r.db = db_open(ctx);
        r.rejects = json_array();
        r.seen = json_object();
        db_begin(r.db);
        start_writing(&r);
        if (optind == argc)
                read_error = import_file(&r, "-") != 0;
        for (int i = optind; i < argc && !read_error; i++)
                read_error = import_file(&r, argv[i]) != 0;
        end_writing(&r);
        code = finish(&r, read_error);
        json_decref(r.rejects);
        json_decref(r.seen);
        db_close(r.db);
        return code;
}
