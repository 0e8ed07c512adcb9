/* Merges of duplicates and their undoing: a kept place shows the merge of the record its
 * list gave (kept in "own") and of the places merged into it, hidden; a re-import of any
 * of them shows the merge anew instead of undoing it; unmerge shows them apart again and
 * remembers the decision, so that dedupe proposes the pairs no more. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "dedupe.h"
#include "i18n.h"
#include "msg.h"
#include "rec.h"
#include "store.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64 /* merges of merges: a kept place merged into another, and so on */

static const char *const merge_columns[] = {"merge", "kept", "nom", "merged", NULL};
static const char *const unmerge_columns[] = {"merge", "kept", "restored", NULL};

static void exec_id(sqlite3 *db, const char *sql, const char *a)
{
        sqlite3_stmt *st = store_prepare(db, sql);

        store_bind_text(st, 1, a);
        store_step(db, st);
        sqlite3_finalize(st);
}

static void exec_ids(sqlite3 *db, const char *sql, const char *a, const char *b)
{
        sqlite3_stmt *st = store_prepare(db, sql);

        store_bind_text(st, 1, a);
        store_bind_text(st, 2, b);
        store_step(db, st);
        sqlite3_finalize(st);
}

static void set_merged_into(sqlite3 *db, const char *id, const char *kept)
{
        exec_ids(db, "UPDATE place SET merged_into = ?1 WHERE id = ?2", kept, id);
}

/* A text column of the place id as a new string, NULL when null or no such place. */
static char *column_of(sqlite3 *db, const char *sql, const char *id)
{
        sqlite3_stmt *st = store_prepare(db, sql);
        char *v = NULL;

        store_bind_text(st, 1, id);
        if (store_step(db, st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
                v = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
}

static json_t *parsed(const char *text, const char *id)
{
        json_t *rec = text != NULL ? db_record_parse(text) : NULL;

        if (rec == NULL)
                die(EX_DATAERR, _("the stored record of %s is damaged"), id);
        return rec;
}

/* The records kept merges from: the place's own, then those of the places merged into
 * it in the order they were stored. Returns their number; *recs is new. */
static size_t merge_sources(sqlite3 *db, const char *kept, const char *own, json_t ***recs)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT id, record FROM place WHERE merged_into = ? ORDER BY rid");
        size_t n = 1, cap = 8;

        *recs = xcalloc(cap, sizeof(**recs));
        (*recs)[0] = parsed(own, kept);
        store_bind_text(st, 1, kept);
        while (store_step(db, st) == SQLITE_ROW) {
                if (n == cap)
                        *recs = xreallocarray(*recs, cap *= 2, sizeof(**recs));
                (*recs)[n++] = parsed((const char *)sqlite3_column_text(st, 1),
                                      (const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
        return n;
}

static void refresh(struct db *db, const char *kept, int depth)
{
        char *own = column_of(db->sql, "SELECT own FROM place WHERE id = ?", kept);
        char *source = column_of(db->sql, "SELECT source FROM place WHERE id = ?", kept);
        char *into = column_of(db->sql, "SELECT merged_into FROM place WHERE id = ?", kept);
        json_t **recs, *shown;
        size_t n;

        if (own != NULL && source != NULL) {
                n = merge_sources(db->sql, kept, own, &recs);
                shown = n > 1 ? dedupe_merge_records(recs, n) : json_incref(recs[0]);
                db_put(db, shown, source);
                if (n == 1) /* nothing is merged into it any more: it is its own again */
                        exec_id(db->sql, "UPDATE place SET own = NULL WHERE id = ?", kept);
                json_decref(shown);
                for (size_t i = 0; i < n; i++)
                        json_decref(recs[i]);
                free(recs);
        }
        if (into != NULL && depth < MAX_DEPTH)
                refresh(db, into, depth + 1);
        free(own);
        free(source);
        free(into);
}

void merge_refresh(struct db *db, const char *kept)
{
        refresh(db, kept, 0);
}

/* --- dedupe --apply ------------------------------------------------------------------------ */

static sqlite3_int64 record_merge(sqlite3 *db, const char *kept, json_t *merged, const char *before)
{
        sqlite3_stmt *st =
            store_prepare(db, "INSERT INTO merge (at, kept, merged, before) VALUES (?, ?, ?, ?)");
        char at[32], *ids = json_dumps(merged, JSON_COMPACT);

        clock_format_iso(clock_now(), at);
        store_bind_text(st, 1, at);
        store_bind_text(st, 2, kept);
        store_bind_text(st, 3, ids);
        store_bind_text(st, 4, before);
        store_step(db, st);
        sqlite3_finalize(st);
        free(ids);
        return sqlite3_last_insert_rowid(db);
}

/* One cluster, ids[0] kept: the others are hidden into it and it shows their merge. */
static json_t *apply_cluster(struct db *db, char *const *ids, size_t n)
{
        char *before = column_of(db->sql, "SELECT record FROM place WHERE id = ?", ids[0]);
        json_t *merged_ids = json_array(), *shown, *out;
        sqlite3_int64 mid;

        if (before == NULL)
                die(EX_SOFTWARE, "dedupe: %s vanished", ids[0]);
        exec_id(db->sql, "UPDATE place SET own = record WHERE id = ? AND own IS NULL", ids[0]);
        for (size_t i = 1; i < n; i++) {
                set_merged_into(db->sql, ids[i], ids[0]);
                json_array_append_new(merged_ids, json_string(ids[i]));
        }
        merge_refresh(db, ids[0]);
        mid = record_merge(db->sql, ids[0], merged_ids, before);
        shown = db_get(db, ids[0]);
        out = json_pack("{s:I, s:s, s:O?, s:O}", "merge", (json_int_t)mid, "kept", ids[0], "nom",
                        json_object_get(shown, "nom"), "merged", merged_ids);
        json_decref(shown);
        json_decref(merged_ids);
        free(before);
        return out;
}

void merge_apply(const struct ctx *ctx, struct db *db, const struct dedupe_cluster *c, size_t n)
{
        json_t **done = xcalloc(n + 1, sizeof(*done));
        struct rec_writer *w;

        for (size_t i = 0; i < n; i++)
                done[i] = apply_cluster(db, c[i].ids, c[i].n);
        store_commit(db->sql);
        w = rec_writer_open(stdout, ctx->format, merge_columns);
        for (size_t i = 0; i < n; i++) {
                rec_write(w, done[i]);
                json_decref(done[i]);
        }
        rec_writer_close(w);
        free(done);
}

/* --- pairs set apart ----------------------------------------------------------------------- */

bool merge_apart(sqlite3 *db, const char *a, const char *b)
{
        static const char sql[] = "SELECT 1 FROM apart WHERE a = ?1 AND b = ?2";
        sqlite3_stmt *st = store_prepare(db, sql);
        bool apart;

        if (strcmp(a, b) > 0) {
                const char *t = a;
                a = b;
                b = t;
        }
        store_bind_text(st, 1, a);
        store_bind_text(st, 2, b);
        apart = store_step(db, st) == SQLITE_ROW;
        sqlite3_finalize(st);
        return apart;
}

static void set_apart(sqlite3 *db, sqlite3_int64 mid, const char *a, const char *b)
{
        sqlite3_stmt *st = store_prepare(db, "INSERT OR REPLACE INTO apart (a, b, mid, at) VALUES "
                                             "(min(?1, ?2), max(?1, ?2), ?3, ?4)");
        char at[32];

        clock_format_iso(clock_now(), at);
        store_bind_text(st, 1, a);
        store_bind_text(st, 2, b);
        sqlite3_bind_int64(st, 3, mid);
        store_bind_text(st, 4, at);
        store_step(db, st);
        sqlite3_finalize(st);
}

/* --- unmerge ------------------------------------------------------------------------------- */

struct merge_row {
        sqlite3_int64 mid;
        char *kept, *undone_at;
        json_t *merged;
};

static bool load_merge(sqlite3 *db, sqlite3_int64 mid, struct merge_row *m)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT kept, merged, undone_at FROM merge WHERE mid = ?");
        const char *u;
        bool found = false;

        sqlite3_bind_int64(st, 1, mid);
        if (store_step(db, st) == SQLITE_ROW) {
                m->mid = mid;
                m->kept = xstrdup((const char *)sqlite3_column_text(st, 0));
                m->merged = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
                u = (const char *)sqlite3_column_text(st, 2);
                m->undone_at = u != NULL ? xstrdup(u) : NULL;
                found = true;
                if (!json_is_array(m->merged))
                        die(EX_DATAERR, _("the record of merge %lld is damaged"), (long long)mid);
        }
        sqlite3_finalize(st);
        return found;
}

static bool involves(const struct merge_row *m, const char *kept, json_t *merged)
{
        size_t i;
        json_t *v;
        bool hit = strcmp(m->kept, kept) == 0;

        json_array_foreach(merged, i, v) hit = hit || strcmp(m->kept, json_string_value(v)) == 0;
        json_array_foreach(m->merged, i, v)
        {
                const char *id = json_string_value(v);
                size_t j;
                json_t *w;

                hit = hit || strcmp(id, kept) == 0;
                json_array_foreach(merged, j, w) hit = hit || strcmp(id, json_string_value(w)) == 0;
        }
        return hit;
}

/* A later merge that still stands over the same places must be undone first: undoing
 * this one under it could not show the places as they were. */
static sqlite3_int64 later_merge(sqlite3 *db, const struct merge_row *m)
{
        sqlite3_stmt *st = store_prepare(
            db, "SELECT mid, kept, merged FROM merge WHERE mid > ? AND undone_at IS NULL"
                " ORDER BY mid DESC");
        sqlite3_int64 found = 0;

        sqlite3_bind_int64(st, 1, m->mid);
        while (found == 0 && store_step(db, st) == SQLITE_ROW) {
                struct merge_row later = {0};

                later.kept = (char *)sqlite3_column_text(st, 1);
                later.merged = json_loads((const char *)sqlite3_column_text(st, 2), 0, NULL);
                if (json_is_array(later.merged) && involves(&later, m->kept, m->merged))
                        found = sqlite3_column_int64(st, 0);
                json_decref(later.merged);
        }
        sqlite3_finalize(st);
        return found;
}

/* Shows the merged places again, the kept one as the merges still standing make it, and
 * sets every pair of the merge apart. Returns 0, or the exit code after saying why. */
static int restore(struct db *db, const struct merge_row *m)
{
        sqlite3_stmt *st;
        char at[32], *exists = column_of(db->sql, "SELECT id FROM place WHERE id = ?", m->kept);
        size_t i, j;
        json_t *v, *w;

        if (exists == NULL)
                return msg_error(EX_NOINPUT,
                                 _("merge %lld: place %s is no longer in the directory"),
                                 (long long)m->mid, m->kept);
        free(exists);
        json_array_foreach(m->merged, i, v)
        {
                set_merged_into(db->sql, json_string_value(v), NULL);
                set_apart(db->sql, m->mid, m->kept, json_string_value(v));
                json_array_foreach(m->merged, j, w) if (j > i)
                    set_apart(db->sql, m->mid, json_string_value(v), json_string_value(w));
        }
        merge_refresh(db, m->kept);
        clock_format_iso(clock_now(), at);
        st = store_prepare(db->sql, "UPDATE merge SET undone_at = ? WHERE mid = ?");
        store_bind_text(st, 1, at);
        sqlite3_bind_int64(st, 2, m->mid);
        store_step(db->sql, st);
        sqlite3_finalize(st);
        return 0;
}

static int undo(struct db *db, sqlite3_int64 mid, struct merge_row *m)
{
        sqlite3_int64 later;

        if (!load_merge(db->sql, mid, m))
                return msg_error(EX_NOINPUT, _("there is no merge %lld"), (long long)mid);
        if (m->undone_at != NULL)
                return msg_error(EX_DATAERR, _("merge %lld was already undone on %s"),
                                 (long long)mid, m->undone_at);
        later = later_merge(db->sql, m);
        if (later != 0)
                return msg_error(
                    EX_DATAERR,
                    _("merge %lld involves the same places and came later: undo it first"),
                    (long long)later);
        return restore(db, m);
}

int cmd_unmerge(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{NULL, 0, NULL, 0}};
        struct merge_row m = {0};
        sqlite3_int64 mid;
        struct db *db;
        int code;

        while (cli_getopt(ctx, argc, argv, opts) != -1)
                ;
        if (optind + 1 != argc)
                cli_usage_error(ctx, "%s",
                                _("give one merge id (see the output of dedupe --apply)"));
        mid = cli_number(ctx, "merge-id", argv[optind], 1, 1000000000L);
        db = db_open(ctx);
        store_begin(db->sql);
        code = undo(db, mid, &m);
        if (code == 0) {
                json_t *rec = json_pack("{s:I, s:s, s:O}", "merge", (json_int_t)mid, "kept", m.kept,
                                        "restored", m.merged);
                struct rec_writer *w = rec_writer_open(stdout, ctx->format, unmerge_columns);

                store_commit(db->sql);
                rec_write(w, rec);
                rec_writer_close(w);
                json_decref(rec);
        } else {
                store_rollback(db->sql);
        }
        json_decref(m.merged);
        free(m.kept);
        free(m.undone_at);
        db_close(db);
        return code;
}
