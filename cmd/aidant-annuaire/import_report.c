/* The report of import and validate: what was read, stored, rejected and warned about,
 * as JSON or a table, and the rejects file. */
#include "cli.h"
#include "fs.h"
#include "i18n.h"
#include "import_impl.h"
#include "jsonw.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* --- the report ------------------------------------------------------------------- */

static json_t *entry(const struct rec_loc *loc, const char *id, const char *field,
                     const char *message)
{
        json_t *e = json_object();

        json_object_set_new(e, "file", json_string(loc->file));
        json_object_set_new(e, "line", json_integer(loc->line));
        json_object_set_new(e, "record", json_integer(loc->index));
        json_object_set_new(e, "id", id != NULL ? json_string(id) : json_null());
        json_object_set_new(e, "field", json_string(field));
        json_object_set_new(e, "message", json_string(message));
        return e;
}

/* Rejected records go to --rejects in the format its name says, else the input's. */
void write_reject(struct run *r, struct rec_reader *rd, json_t *raw)
{
        if (r->rejects_path == NULL)
                return;
        if (r->rej_out == NULL) {
                enum fmt f = fmt_from_path(r->rejects_path);

                if (f == FMT_AUTO)
                        f = rd != NULL ? rec_format(rd) : FMT_JSON;
                r->rej_file = afile_open(r->rejects_path, 0644);
                r->rej_out = rec_writer_open(r->rej_file->fp, f,
                                             f == FMT_CSV && rd != NULL ? rec_columns(rd) : NULL);
        }
        if (raw != NULL)
                rec_write(r->rej_out, raw);
}

void reject(struct run *r, struct rec_reader *rd, const struct rec_loc *loc, const char *id,
            const char *field, const char *message, json_t *raw)
{
        r->rejected++;
        json_array_append_new(r->rejects, entry(loc, id, field, message));
        write_reject(r, rd, raw);
        if (r->rejected > SHOWN_REJECTS)
                return;
        if (r->keep_going)
                msg_warn(_("%s:%ld: %s: %s (record %ld, id %s)"), loc->file, loc->line, field,
                         message, loc->index, id != NULL ? id : "-");
        else
                msg_error(EX_DATAERR, _("%s:%ld: %s: %s (record %ld, id %s)"), loc->file, loc->line,
                          field, message, loc->index, id != NULL ? id : "-");
}

/* Warnings are grouped per file by field and message, with a count. */
void add_warnings(struct run *r, const struct rec_loc *loc, const char *id)
{
        for (size_t i = 0; i < r->is.n; i++) {
                const struct schema_issue *w = &r->is.v[i];
                char *key;
                json_t *at, *e;

                if (w->error)
                        continue;
                key = xasprintf("%s\037%s", w->field, w->message);
                at = json_object_get(r->warned, key);
                if (at != NULL) {
                        e = json_array_get(r->warnings, (size_t)json_integer_value(at));
                        json_object_set_new(
                            e, "count",
                            json_integer(json_integer_value(json_object_get(e, "count")) + 1));
                } else {
                        json_object_set_new(r->warned, key,
                                            json_integer((json_int_t)json_array_size(r->warnings)));
                        e = entry(loc, id, w->field, w->message);
                        json_object_set_new(e, "count", json_integer(1));
                        json_array_append_new(r->warnings, e);
                }
                free(key);
        }
}

static long warning_count(const struct run *r)
{
        long n = 0;
        size_t i;
        json_t *e;

        json_array_foreach(r->warnings, i, e) n +=
            (long)json_integer_value(json_object_get(e, "count"));
        return n;
}

static void print_list(json_t *list, const char *title, bool counts)
{
        size_t i;
        json_t *e;

        if (json_array_size(list) == 0)
                return;
        printf("%s\n", title);
        json_array_foreach(list, i, e)
        {
                if (i == SHOWN_REJECTS) {
                        printf(_("  ... and %zu more\n"), json_array_size(list) - i);
                        break;
                }
                printf("  %s:%lld: %s: %s", json_string_value(json_object_get(e, "file")),
                       (long long)json_integer_value(json_object_get(e, "line")),
                       json_string_value(json_object_get(e, "field")),
                       json_string_value(json_object_get(e, "message")));
                if (counts && json_integer_value(json_object_get(e, "count")) > 1)
                        printf(" (×%lld)",
                               (long long)json_integer_value(json_object_get(e, "count")));
                putchar('\n');
        }
}

/* The rows of the summary table, in the report's order: the keys of the JSON report and
 * their labels. When nothing was stored the counts say what would have been. */
static const struct {
        const char *key, *label;
} rows[] = {
    {"read", N_("read")},           {"valid", N_("valid")},
    {"inserted", N_("inserted")},   {"would_insert", N_("to insert")},
    {"updated", N_("updated")},     {"would_update", N_("to update")},
    {"unchanged", N_("unchanged")}, {"rejected", N_("rejected")},
    {"removed", N_("removed")},     {"would_remove", N_("to remove")},
    {"warnings", N_("warnings")},   {"stored", N_("stored")},
};

static void print_table(const struct run *r, json_t *report)
{
        rec_demo_banner(stdout);
        for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
                json_t *v = json_object_get(report, rows[i].key);
                const char *label = _(rows[i].label);
                int pad = 12 - (int)text_utf8_len(label); /* columns, not bytes */

                if (pad < 1)
                        pad = 1;
                if (json_is_integer(v))
                        printf("%s%*s%8lld\n", label, pad, "", (long long)json_integer_value(v));
                else if (json_is_boolean(v))
                        printf("%s%*s%8s\n", label, pad, "", json_is_true(v) ? _("yes") : _("no"));
        }
        print_list(r->rejects, _("rejects:"), false);
        print_list(r->warnings, _("warnings:"), true);
}

void print_report(struct run *r)
{
        json_t *o;
        bool stored = r->db != NULL && !r->dry_run && (r->rejected == 0 || r->keep_going);

        if (r->silent)
                return;
        o = json_object();

        json_object_set_new(o, "read", json_integer(r->read));
        if (r->validate) {
                json_object_set_new(o, "valid", json_integer(r->valid));
        } else {
                json_object_set_new(o, stored ? "inserted" : "would_insert",
                                    json_integer(r->inserted));
                json_object_set_new(o, stored ? "updated" : "would_update",
                                    json_integer(r->updated));
                json_object_set_new(o, "unchanged", json_integer(r->unchanged));
        }
        json_object_set_new(o, "rejected", json_integer(r->rejected));
        if (!r->validate)
                json_object_set_new(o, stored ? "removed" : "would_remove",
                                    json_integer(r->removed));
        json_object_set_new(o, "warnings", json_integer(warning_count(r)));
        if (!r->validate)
                json_object_set_new(o, "stored", json_boolean(stored));
        if (r->ctx->format == FMT_TABLE) {
                print_table(r, o);
        } else {
                json_object_set(o, "rejects", r->rejects);
                json_object_set(o, "warnings_list", r->warnings);
                jsonw_print(stdout, o,
                            r->ctx->format == FMT_NDJSON ? &jsonw_compact : &jsonw_pretty);
        }
        json_decref(o);
}
