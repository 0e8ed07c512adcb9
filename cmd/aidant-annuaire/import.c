/* import and validate: read lists, map raw columns, check and normalise every record
 * against the schema, store them in one transaction (all or nothing unless --keep-going),
 * and report what was read, stored, rejected and warned about. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "dedupe.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"
#include "idset.h"
#include "import_impl.h"
#include "jsonw.h"
#include "mapping.h"
#include "rawrow.h"
#include "rec.h"
#include "schema.h"
#include "store.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A CSV row as rec_next_fields gives it. */
struct fields {
        const char *const *f;
        const size_t *len;
        int n;
};

/* --- one record ------------------------------------------------------------------- */

/* Numeric ids are row numbers: qualified by the list's name so that lists do not take
 * each other's places. */
static void local_id(struct run *r, json_t *in)
{
        json_t *v = json_object_get(in, "id");
        const char *list = json_string_value(json_object_get(in, "source"));
        char *id = json_is_integer(v) ? xasprintf("%lld", (long long)json_integer_value(v))
                                      : xstrdup(json_is_string(v) ? json_string_value(v) : "");
        char *local = mapping_local_id(r->source != NULL ? r->source : list, id);

        if (strcmp(local, id) != 0) {
                json_object_set_new(in, "id", json_string(local));
                schema_issue_add(&r->is, "id", false,
                                 xstrdup(_("ids made of digits only are row numbers: "
                                           "qualified by the name of the list")));
        }
        free(local);
        free(id);
}

/* The record schema_normalise reads: mapped from the raw row, or the row itself with its
 * source filled in (new reference). */
static bool numeric_id(json_t *v)
{
        const char *s = json_string_value(v);

        return json_is_integer(v) ||
               (s != NULL && s[0] != '\0' && s[strspn(s, "0123456789")] == '\0');
}

static json_t *input_record(struct run *r, json_t *raw, const char *list, const char *date)
{
        json_t *in;

        if (r->map != NULL)
                return mapping_apply(r->map, raw, list, date, &r->is);
        if (!json_is_object(raw) ||
            (json_object_get(raw, "source") != NULL && !numeric_id(json_object_get(raw, "id"))))
                return json_incref(raw);
        in = json_copy(raw);
        if (json_object_get(in, "source") == NULL)
                json_object_set_new(in, "source", json_string(list));
        if (numeric_id(json_object_get(in, "id")))
                local_id(r, in);
        return in;
}

/* raw_digest is that of the raw row, or NULL. */
static void store(struct run *r, struct rec_reader *rd, const struct rec_loc *loc, json_t *rec,
                  json_t *raw, const unsigned char *raw_digest)
{
        const char *id = json_string_value(json_object_get(rec, "id"));
        const char *source =
            r->source != NULL ? r->source : json_string_value(json_object_get(rec, "source"));
        char *owner = NULL, *msg;
        int res = DB_INSERTED;

        if (r->db != NULL) /* a row found again by its digest must say nothing again */
                res = db_put_own(r->db, rec, source, r->is.n == 0 ? raw_digest : NULL, &owner);
        if (res < 0) {
                msg = xasprintf(_("this id belongs to a place of the list \"%s\""), owner);
                reject(r, rd, loc, id, "id", msg, raw);
                free(msg);
                free(owner);
                return;
        }
        json_object_set_new(r->sources, source, json_true());
        r->valid++;
        if (r->validate)
                return;
        r->inserted += res == DB_INSERTED;
        r->updated += res == DB_UPDATED;
        r->unchanged += res == DB_UNCHANGED;
}

/* What becomes of a record normalised into rec (NULL when rejected) with the issues in
 * r->is: its reject, or its place in the store. id is the record's or the input's. */
static void settle(struct run *r, struct rec_reader *rd, const struct rec_loc *loc, json_t *rec,
                   const char *id, json_t *raw, const unsigned char *raw_digest)
{
        long dup = id != NULL ? idset_add(&r->seen, id, r->file, loc->line) : -1;

        add_warnings(r, loc, id);
        if (rec == NULL) {
                for (size_t i = 0; i < r->is.n; i++) {
                        if (r->is.v[i].error) {
                                reject(r, rd, loc, id, r->is.v[i].field, r->is.v[i].message, raw);
                                break;
                        }
                }
        } else if (dup >= 0) {
                char *msg = xasprintf(_("duplicate id, already at %s:%ld"),
                                      r->files[r->seen.file[dup]], r->seen.line[dup]);

                reject(r, rd, loc, id, "id", msg, raw);
                free(msg);
        } else {
                store(r, rd, loc, rec, raw, raw_digest);
        }
        schema_issues_clear(&r->is);
}

static void process(struct run *r, struct rec_reader *rd, json_t *raw, const struct rec_loc *loc,
                    const char *list, const char *date, const unsigned char *raw_digest)
{
        json_t *in = input_record(r, raw, list, date);
        json_t *rec = schema_normalise(in, &r->is);

        settle(r, rd, loc, rec, json_string_value(json_object_get(rec != NULL ? rec : in, "id")),
               raw, raw_digest);
        json_decref(rec);
        json_decref(in);
}

/* A CSV row read as fields, without a mapping: when input_record would give it as it is
 * (it has its source, and its id is not a row number), normalised without an object made
 * of it (one only for --rejects). False when it must go the long way. */
static bool process_fields(struct run *r, struct rec_reader *rd, const struct fields *row,
                           const struct rec_loc *loc, const unsigned char *raw_digest)
{
        const char *id = r->id_col >= 0 ? row->f[r->id_col] : NULL;
        json_t *rec, *raw;

        if (r->source_col < 0 ||
            (id != NULL && id[0] != '\0' && id[strspn(id, "0123456789")] == '\0'))
                return false;
        if ((size_t)row->n > r->nvals)
                r->vals = xreallocarray(r->vals, r->nvals = (size_t)row->n, sizeof(*r->vals));
        for (int i = 0; i < row->n; i++)
                r->vals[i] = json_stringn_nocheck(row->f[i], row->len[i]);
        rec = schema_normalise_fields(rec_columns(rd), r->vals, (size_t)row->n, &r->is);
        raw = r->rejects_path != NULL ? rec_fields_json(rd, row->f, row->len) : NULL;
        settle(r, rd, loc, rec, rec != NULL ? json_string_value(json_object_get(rec, "id")) : id,
               raw, raw_digest);
        for (int i = 0; i < row->n; i++)
                json_decref(r->vals[i]);
        json_decref(raw);
        json_decref(rec);
        return true;
}

/* --- files ------------------------------------------------------------------------ */

/* The name of a list from its file: "raw/gironde.json" gives "gironde". */
static char *list_name(const char *path)
{
        const char *base = strrchr(path, '/'), *dot;

        if (strcmp(path, "-") == 0)
                return xstrdup("stdin");
        base = base != NULL ? base + 1 : path;
        dot = strchr(base, '.');
        return dot != NULL && dot > base ? xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
}

/* The date of the file, for lists that have no update date. */
static void file_date(const char *path, char out[11])
{
        struct stat st;

        if (strcmp(path, "-") != 0 && stat(path, &st) == 0)
                clock_format_date(st.st_mtime, out);
        else
                clock_format_date(clock_now(), out);
}

static void progress(const struct run *r, bool done)
{
        if (!r->ctx->tty_err || r->ctx->quiet || (!done && r->read % 1000 != 0))
                return;
        fputc('\r', stderr);
        fprintf(stderr, _("records read: %ld"), r->read);
        if (done)
                fputc('\n', stderr);
}

/* A list whose first record has no field of the schema needs a mapping: one line says
 * so, with the first columns it has, instead of a missing field for every record. */
static bool unmapped(const struct run *r, struct rec_reader *rd, json_t *raw,
                     const struct rec_loc *loc)
{
        const char *key;
        json_t *v;
        char *cols = NULL;
        size_t n = 0;

        if (r->map != NULL || !json_is_object(raw) || json_object_size(raw) == 0)
                return false;
        json_object_foreach(raw, key, v)
        {
                if (schema_field_index(key) >= 0)
                        return false;
        }
        json_object_foreach(raw, key, v)
        {
                char *more = n < 4 ? xasprintf("%s%s\"%s\"", cols != NULL ? cols : "",
                                               n > 0 ? ", " : "", key)
                                   : xasprintf("%s, ...", cols);

                free(cols);
                cols = more;
                if (n++ >= 4)
                        break;
        }
        msg_error(EX_DATAERR,
                  _("%s:%ld: no column is a field of the schema (%s): give the column mapping "
                    "with --map <file>"),
                  loc->file, rec_format(rd) == FMT_CSV ? 1 : loc->line, cols);
        free(cols);
        return true;
}

/* A CSV row whose digest the store knows (stored from it, its normalisation without a
 * word, and unchanged since): counted unchanged without being normalised again. An id met
 * twice goes the long way, to its reject. */
static bool unchanged_row(struct run *r, const unsigned char *digest, const struct rec_loc *loc)
{
        char *id = NULL, *source = NULL;
        bool known = db_find_raw(r->db, digest, &id, &source);

        if (known && idset_add(&r->seen, id, r->file, loc->line) >= 0)
                known = false;
        if (known) {
                json_object_set_new(r->sources, source, json_true());
                r->valid++;
                r->unchanged++;
        }
        if (id != NULL) {
                free(id);
                free(source);
        }
        return known;
}

/* The column named name of a CSV file, or -1. */
static int column(const char *const *columns, const char *name)
{
        for (int i = 0; columns != NULL && columns[i] != NULL; i++)
                if (strcmp(columns[i], name) == 0)
                        return i;
        return -1;
}

/* Reads the next record of rd into *raw. A CSV row read without a mapping (fields true)
 * is read as fields and, but for the first (it tells a list that needs a mapping),
 * settled here when it can be: found unchanged by its digest (into a store, digest set),
 * or normalised from its fields; *raw is NULL then. Returns 1, 0 at the end, -1 on an
 * error (rec_error). */
static int read_record(struct run *r, struct rec_reader *rd, const struct rawrow *head, bool fields,
                       json_t **raw, struct rec_loc *loc, unsigned char *digest)
{
        struct fields row;

        if (!fields)
                return rec_next(rd, raw, loc);
        *raw = NULL;
        if ((row.n = rec_next_fields(rd, &row.f, &row.len, loc)) <= 0)
                return row.n;
        if (digest != NULL)
                rawrow_digest(head, row.f, row.len, row.n, digest);
        if (loc->index == 1 || !((digest != NULL && unchanged_row(r, digest, loc)) ||
                                 process_fields(r, rd, &row, loc, digest)))
                *raw = rec_fields_json(rd, row.f, row.len);
        return 1;
}

/* Reads one file. Returns 0, or 65 after a syntax error (reading stops there). */
static int read_file(struct run *r, const char *path)
{
        struct rec_reader *rd = rec_open_encoded(path, r->from, r->enc);
        char *list = r->source != NULL ? xstrdup(r->source) : list_name(path), date[11];
        unsigned char buf[DB_RAW_DIGEST], *digest = NULL;
        struct rawrow head;
        struct rec_loc loc;
        json_t *raw;
        int got, code = 0;
        bool fields;

        if (rd == NULL)
                die(EX_NOINPUT, "%s: %s", path, strerror(errno));
        file_date(path, date);
        json_object_clear(r->warned);
        fields = rec_format(rd) == FMT_CSV && r->map == NULL;
        r->id_col = column(rec_columns(rd), "id");
        r->source_col = column(rec_columns(rd), "source");
        if (fields && r->db != NULL) {
                rawrow_start(&head, list, rec_columns(rd));
                digest = buf;
        }
        while ((got = read_record(r, rd, &head, fields, &raw, &loc, digest)) == 1) {
                if (raw != NULL && loc.index == 1 && unmapped(r, rd, raw, &loc)) {
                        json_decref(raw);
                        code = EX_DATAERR;
                        break;
                }
                r->read++;
                if (r->map != NULL && loc.index == 1 && json_is_object(raw)) {
                        mapping_check_columns(r->map, raw, &r->is);
                        add_warnings(r, &loc, NULL);
                        schema_issues_clear(&r->is);
                }
                if (raw != NULL)
                        process(r, rd, raw, &loc, list, date, digest);
                json_decref(raw);
                progress(r, false);
        }
        if (got < 0)
                code = msg_error(EX_DATAERR, "%s", rec_error(rd));
        rec_close(rd);
        free(list);
        return code;
}

/* --replace-source: the places of the lists read that the files no longer hold. */
static void remove_missing(struct run *r)
{
        const char *source;
        json_t *v;

        json_object_foreach(r->sources, source, v)
        {
                json_t *ids = db_source_ids(r->db, source), *id;
                size_t i;

                json_array_foreach(ids, i, id)
                {
                        if (!idset_has(&r->seen, json_string_value(id)) &&
                            db_remove(r->db, json_string_value(id)))
                                r->removed++;
                }
                json_decref(ids);
        }
}

/* The exit code, and the closing line when records were rejected. */
static int outcome(const struct run *r, bool failed)
{
        if (r->rejected == 0)
                return 0;
        if (r->validate || failed) {
                if (!r->validate)
                        msg_error(EX_DATAERR, _("%ld of %ld records rejected: nothing stored"),
                                  r->rejected, r->read);
                return EX_DATAERR;
        }
        if (r->valid == 0)
                return msg_error(EX_DATAERR, _("every record was rejected: nothing stored"));
        if (r->dry_run)
                msg_warn(_("%ld of %ld records rejected and left out; the others were checked"),
                         r->rejected, r->read);
        else
                msg_warn(_("%ld of %ld records rejected and left out; the others were stored"),
                         r->rejected, r->read);
        return 0;
}

/* The merges the records read changed show their places anew: a re-import does not
 * undo what dedupe --apply brought in. */
static void refresh_merges(struct db *db)
{
        json_t *ids = db_take_refresh(db), *v;
        const char *id;

        json_object_foreach(ids, id, v)
        {
                merge_refresh(db, id);
        }
        json_decref(ids);
}

/* Writes the rejects file and the report, then commits: a full disk on any of them leaves
 * the store as it was. Returns the exit code. */
static int finish(struct run *r)
{
        bool failed = r->rejected > 0 && !r->keep_going;

        progress(r, true);
        if (r->db != NULL && !failed)
                refresh_merges(r->db);
        if (r->db != NULL && !failed && !r->dry_run)
                db_finish_writes(r->db); /* a full disk is said before the report */
        if (r->db != NULL && !failed && r->replace)
                remove_missing(r);
        if (r->rejects_path != NULL) {
                write_reject(r, NULL, NULL);
                rec_writer_close(r->rej_out);
                r->rej_out = NULL;
                afile_commit(r->rej_file); /* dies with 74: the transaction is not committed */
        }
        if (r->rejected > SHOWN_REJECTS)
                msg_error(EX_DATAERR, _("... and %ld more rejected records (see the report)"),
                          r->rejected - SHOWN_REJECTS);
        print_report(r);
        if (fflush(stdout) != 0 || ferror(stdout)) { /* cli_run says so when it closes it */
                if (r->db != NULL)
                        db_rollback(r->db);
                return EX_IOERR;
        }
        if (r->db != NULL && !failed && !r->dry_run)
                db_commit(r->db);
        else if (r->db != NULL)
                db_rollback(r->db);
        return outcome(r, failed);
}

static const struct option options[] = {
    {"source", required_argument, NULL, 's'},
    {"map", required_argument, NULL, 'm'},
    {"from", required_argument, NULL, 'f'},
    {"dry-run", no_argument, NULL, 'n'},
    {"keep-going", no_argument, NULL, 'k'},
    {"rejects", required_argument, NULL, 'r'},
    {"replace-source", no_argument, NULL, 'R'},
    {"encoding", required_argument, NULL, 'e'},
    {NULL, 0, NULL, 0},
};

/* validate takes --map and --from only. */
static const struct option validate_options[] = {
    {"map", required_argument, NULL, 'm'},
    {"from", required_argument, NULL, 'f'},
    {"encoding", required_argument, NULL, 'e'},
    {NULL, 0, NULL, 0},
};

static void parse(struct run *r, int argc, char **argv, const struct option *opts, const char **map)
{
        int c, f;

        while ((c = cli_getopt(r->ctx, argc, argv, opts)) != -1) {
                switch (c) {
                case 's':
                        if (optarg[0] == '\0')
                                cli_usage_error(r->ctx, _("--source needs a name"));
                        r->source = optarg;
                        break;
                case 'm':
                        *map = optarg;
                        break;
                case 'f':
                        f = fmt_parse(optarg);
                        if (f != FMT_JSON && f != FMT_NDJSON && f != FMT_YAML && f != FMT_CSV)
                                cli_usage_error(r->ctx,
                                                _("--from: '%s' is not json, ndjson, "
                                                  "yaml or csv"),
                                                optarg);
                        r->from = (enum fmt)f;
                        break;
                case 'e':
                        if ((f = rec_encoding_parse(optarg)) < 0)
                                cli_usage_error(r->ctx,
                                                _("--encoding: '%s' is not utf-8, cp1252 or "
                                                  "latin1"),
                                                optarg);
                        r->enc = (enum rec_encoding)f;
                        break;
                case 'n':
                        r->dry_run = true;
                        break;
                case 'k':
                        r->keep_going = true;
                        break;
                case 'r':
                        r->rejects_path = optarg;
                        break;
                case 'R':
                        r->replace = true;
                        break;
                }
        }
}

/* Every input must be there before the store is touched: a missing file is exit 66, not a
 * half import. */
static void check_inputs(struct run *r, const char *map)
{
        char *why = NULL;

        for (int i = 0; i < r->nfiles; i++)
                if (strcmp(r->files[i], "-") != 0 && access(r->files[i], R_OK) != 0)
                        die(EX_NOINPUT, "%s: %s", r->files[i], strerror(errno));
        if (map == NULL)
                return;
        if (access(map, R_OK) != 0)
                die(EX_NOINPUT, "%s: %s", map, strerror(errno));
        r->map = mapping_load(map, &why);
        if (r->map == NULL)
                die(EX_CONFIG, "%s", why);
}

/* The store, in one transaction; a dry run without a store does not create one. */
static void open_store(struct run *r)
{
        if (r->validate)
                return;
        if (r->dry_run) {
                char *path = xasprintf("%s/annuaire.db", r->ctx->home);
                bool exists = access(path, F_OK) == 0;

                free(path);
                if (!exists)
                        return;
        }
        r->db = db_open(r->ctx);
        db_begin(r->db);
}

static void run_free(struct run *r)
{
        if (r->db != NULL)
                db_close(r->db);
        mapping_free(r->map);
        idset_free(&r->seen);
        schema_issues_free(&r->is);
        json_decref(r->sources);
        json_decref(r->rejects);
        json_decref(r->warnings);
        json_decref(r->warned);
        free(r->vals);
}

/* Reads r->files with the mapping file map (or NULL), stores and reports. */
static int run_files(struct run *r, const char *map)
{
        int code = 0;

        check_inputs(r, map);
        r->sources = json_object();
        r->rejects = json_array();
        r->warnings = json_array();
        r->warned = json_object();
        r->is.lenient = r->map != NULL;
        open_store(r);
        for (r->file = 0; r->file < r->nfiles && code == 0; r->file++)
                code = read_file(r, r->files[r->file]);
        if (code == 0) {
                code = finish(r);
        } else {
                if (r->db != NULL)
                        db_rollback(r->db);
                if (r->rej_out != NULL) {
                        rec_writer_close(r->rej_out);
                        afile_abort(r->rej_file);
                }
        }
        run_free(r);
        return code;
}

static int run_command(struct run *r, int argc, char **argv, const struct option *opts)
{
        static char *standard_input[] = {"-", NULL};
        const char *map = NULL;

        parse(r, argc, argv, opts, &map);
        r->files = optind < argc ? argv + optind : standard_input;
        r->nfiles = optind < argc ? argc - optind : 1;
        return run_files(r, map);
}

void import_demo_places(struct ctx *ctx)
{
        static const char *const lists[][3] = {
            {"demo/data/savoie-lieux.csv", "savoie", "demo/data/savoie.config.yaml"},
            {"demo/data/reseau-73.json", NULL, NULL},
        };

        for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++) {
                char *file = cli_share_path(lists[i][0]);
                char *map = lists[i][2] != NULL ? cli_share_path(lists[i][2]) : NULL;
                struct run r = {.ctx = ctx, .source = lists[i][1], .silent = true};

                r.files = &file;
                r.nfiles = 1;
                if (run_files(&r, map) != 0)
                        die(EX_SOFTWARE, _("the demo places could not be imported"));
                free(file);
                free(map);
        }
}

int cmd_import(int argc, char **argv, struct ctx *ctx)
{
        struct run r = {.ctx = ctx};

        return run_command(&r, argc, argv, options);
}

int cmd_validate(int argc, char **argv, struct ctx *ctx)
{
        struct run r = {.ctx = ctx, .validate = true};

        return run_command(&r, argc, argv, validate_options);
}
