/* dedupe and unmerge: pairs of places of one commune scored on name, address and
 * distance; merges recorded in the merge table with the kept record as it was, so that
 * unmerge restores both places exactly. */
#include "dedupe.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "geo.h"
#include "i18n.h"
#include "query.h"
#include "rec.h"
#include "schema.h"
#include "store.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- scoring ------------------------------------------------------------------------------- */

static const char *const abbreviations[][2] = {
    {"st", "saint"},      {"ste", "sainte"},  {"asso", "association"}, {"assoc", "association"},
    {"av", "avenue"},     {"ave", "avenue"},  {"bd", "boulevard"},     {"bld", "boulevard"},
    {"bvd", "boulevard"}, {"pl", "place"},    {"rte", "route"},        {"chem", "chemin"},
    {"imp", "impasse"},   {"fg", "faubourg"}, {"fbg", "faubourg"},     {"sq", "square"},
    {"all", "allee"},     {"crs", "cours"},   {"qu", "quai"},          {"ctre", "centre"},
};

static const char *expand(const char *word)
{
        for (size_t i = 0; i < sizeof(abbreviations) / sizeof(*abbreviations); i++)
                if (strcmp(word, abbreviations[i][0]) == 0)
                        return abbreviations[i][1];
        return word;
}

char *dedupe_normalise(const char *s)
{
        char *folded = text_fold(s != NULL ? s : "");
        size_t cap = strlen(folded) * 4 + 1, n = 0;
        char *out = xmalloc(cap);
        char *p = folded;

        while (*p != '\0') {
                char *w;
                const char *e;

                while (*p != '\0' && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
                        p++;
                for (w = p; *p != '\0' && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80);
                     p++)
                        ;
                if (w == p)
                        continue;
                if (*p != '\0')
                        *p++ = '\0';
                e = expand(w);
                if (n + strlen(e) + 2 > cap) {
                        cap = (n + strlen(e) + 2) * 2;
                        out = xrealloc(out, cap);
                }
                n += (size_t)sprintf(out + n, n > 0 ? " %s" : "%s", e);
        }
        out[n] = '\0';
        free(folded);
        return out;
}

static double similarity(const char *a, const char *b, bool normalised)
{
        char *na, *nb;
        double s;

        if (normalised)
                return text_similarity(a != NULL ? a : "", b != NULL ? b : "");
        na = dedupe_normalise(a);
        nb = dedupe_normalise(b);
        s = text_similarity(na, nb);
        free(na);
        free(nb);
        return s;
}

double dedupe_distance_score(const struct dedupe_place *a, const struct dedupe_place *b,
                             double *metres)
{
        if (!a->has_geo || !b->has_geo) {
                *metres = -1;
                return -1;
        }
        *metres = geo_distance_km(a->lat, a->lon, b->lat, b->lon) * 1000.0;
        return *metres <= 50.0 ? 100.0 : 100.0 * 50.0 / *metres;
}

void dedupe_score(const struct dedupe_place *a, const struct dedupe_place *b,
                  struct dedupe_score *out)
{
        bool normalised = a->normalised && b->normalised;

        out->name = similarity(a->nom, b->nom, normalised);
        out->address = similarity(a->adresse, b->adresse, normalised);
        out->distance = dedupe_distance_score(a, b, &out->metres);
        if (out->distance >= 0)
                out->total = (out->name + out->address + out->distance) / 3.0;
        else /* no distance to weigh: name and address alone decide */
                out->total = (out->name + out->address) / 2.0;
}

double dedupe_threshold(const struct dedupe_place *a, const struct dedupe_place *b, double forced)
{
        if (forced >= 0)
                return forced;
        if (a->source != NULL && b->source != NULL && strcmp(a->source, b->source) == 0)
                return DEDUPE_THRESHOLD_INSIDE;
        return DEDUPE_THRESHOLD_ACROSS;
}

bool dedupe_newer(const char *date_a, const char *date_b)
{
        if (date_a == NULL)
                return false;
        return date_b == NULL || strcmp(date_a, date_b) > 0;
}

/* --- merging records ---------------------------------------------------------------------- */

static void union_into(json_t *arr, json_t *v)
{
        size_t i, n = json_is_array(v) ? json_array_size(v) : 1;

        for (i = 0; i < n; i++) {
                json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
                size_t j;
                json_t *have;
                bool seen = false;

                if (e == NULL || json_is_null(e))
                        continue;
                json_array_foreach(arr, j, have) seen = seen || json_equal(have, e);
                if (!seen)
                        json_array_append_new(arr, json_deep_copy(e));
        }
}

/* recs[0] first, then the others from the most recently updated. */
static size_t *merge_order(json_t *const *recs, size_t n)
{
        size_t *order = xcalloc(n, sizeof(*order));

        for (size_t i = 0; i < n; i++)
                order[i] = i;
        for (size_t i = 2; i < n; i++) {
                for (size_t j = i; j > 1; j--) {
                        const char *a =
                            json_string_value(json_object_get(recs[order[j]], "date_maj"));
                        const char *b =
                            json_string_value(json_object_get(recs[order[j - 1]], "date_maj"));

                        if (!dedupe_newer(a, b))
                                break;
                        size_t t = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = t;
                }
        }
        return order;
}

static void merge_field(json_t *out, const char *key, json_t *const *recs, const size_t *order,
                        size_t n)
{
        if (json_object_get(out, key) != NULL)
                return;
        if (schema_is_list(key)) {
                json_t *arr = json_array();

                for (size_t i = 0; i < n; i++)
                        union_into(arr, json_object_get(recs[order[i]], key));
                if (json_array_size(arr) > 0)
                        json_object_set_new(out, key, arr);
                else
                        json_decref(arr);
                return;
        }
        for (size_t i = 0; i < n; i++) {
                json_t *v = json_object_get(recs[order[i]], key);

                if (v != NULL && !json_is_null(v)) {
                        json_object_set_new(out, key, json_deep_copy(v));
                        return;
                }
        }
}

json_t *dedupe_merge_records(json_t *const *recs, size_t n)
{
        size_t *order = merge_order(recs, n);
        json_t *out = json_object();

        for (size_t f = 0; schema_fields[f] != NULL; f++)
                merge_field(out, schema_fields[f], recs, order, n);
        /* keys outside the schema (kept by import as found) follow, first seen wins */
        for (size_t i = 0; i < n; i++) {
                const char *key;
                json_t *v;

                json_object_foreach(recs[order[i]], key, v) merge_field(out, key, recs, order, n);
        }
        free(order);
        return out;
}

/* --- finding pairs ------------------------------------------------------------------------ */

struct row {
        sqlite3_int64 rid;
        struct dedupe_place p; /* nom and adresse normalised once for all pairs */
        char *strs[7];         /* owned: id, source, nom, adresse, date_maj, normalised ones */
};

struct pair {
        struct dedupe_score s;
        char *strs[6]; /* id, nom, source of a, then of b */
};

struct cluster {
        char **ids; /* ids[0] is kept */
        size_t n;
};

struct found {
        struct pair *pairs;
        size_t npairs, cap_pairs;
        struct cluster *clusters;
        size_t nclusters, cap_clusters;
};

static void row_read(sqlite3_stmt *st, struct row *r)
{
        for (int i = 0; i < 5; i++) {
                const char *t = (const char *)sqlite3_column_text(st, i + 1);

                r->strs[i] = t != NULL ? xstrdup(t) : NULL;
        }
        r->strs[5] = dedupe_normalise(r->strs[2]);
        r->strs[6] = dedupe_normalise(r->strs[3]);
        r->rid = sqlite3_column_int64(st, 0);
        r->p.id = r->strs[0];
        r->p.source = r->strs[1];
        r->p.nom = r->strs[5];
        r->p.adresse = r->strs[6];
        r->p.date_maj = r->strs[4];
        r->p.normalised = true;
        r->p.has_geo =
            sqlite3_column_type(st, 6) != SQLITE_NULL && sqlite3_column_type(st, 7) != SQLITE_NULL;
        r->p.lat = sqlite3_column_double(st, 6);
        r->p.lon = sqlite3_column_double(st, 7);
}

static void row_free(struct row *r)
{
        for (int i = 0; i < 7; i++)
                free(r->strs[i]);
}

static void add_pair(struct found *f, const struct row *a, const struct row *b,
                     const struct dedupe_score *s)
{
        struct pair *p;

        if (f->npairs == f->cap_pairs) {
                f->cap_pairs = f->cap_pairs * 2 + 16;
                f->pairs = xrealloc(f->pairs, f->cap_pairs * sizeof(*f->pairs));
        }
        p = &f->pairs[f->npairs++];
        p->s = *s;
        p->strs[0] = xstrdup(a->p.id);
        p->strs[1] = xstrdup(a->strs[2]); /* the names as the lists write them */
        p->strs[2] = xstrdup(a->p.source);
        p->strs[3] = xstrdup(b->p.id);
        p->strs[4] = xstrdup(b->strs[2]);
        p->strs[5] = xstrdup(b->p.source);
}

static size_t find_root(size_t *parent, size_t i)
{
        while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
        return i;
}

/* The members of the cluster of root, the newest first (the first imported on a tie). */
static void add_cluster(struct found *f, const struct row *rows, size_t n, size_t *parent,
                        size_t root)
{
        struct cluster c = {xcalloc(n, sizeof(char *)), 0};
        size_t kept = n;

        for (size_t i = 0; i < n; i++)
                if (find_root(parent, i) == root &&
                    (kept == n || dedupe_newer(rows[i].p.date_maj, rows[kept].p.date_maj)))
                        kept = i;
        c.ids[c.n++] = xstrdup(rows[kept].p.id);
        for (size_t i = 0; i < n; i++)
                if (i != kept && find_root(parent, i) == root)
                        c.ids[c.n++] = xstrdup(rows[i].p.id);
        if (f->nclusters == f->cap_clusters) {
                f->cap_clusters = f->cap_clusters * 2 + 8;
                f->clusters = xrealloc(f->clusters, f->cap_clusters * sizeof(*f->clusters));
        }
        f->clusters[f->nclusters++] = c;
}

static void scan_group(struct row *rows, size_t n, double forced, struct found *f)
{
        size_t *parent = xcalloc(n, sizeof(*parent));
        size_t *size = xcalloc(n, sizeof(*size));

        for (size_t i = 0; i < n; i++)
                parent[i] = i;
        for (size_t i = 0; i < n; i++) {
                for (size_t j = i + 1; j < n; j++) {
                        double t = dedupe_threshold(&rows[i].p, &rows[j].p, forced), m;
                        double d = dedupe_distance_score(&rows[i].p, &rows[j].p, &m);
                        struct dedupe_score s;

                        /* even identical names and addresses cannot lift a far pair */
                        if (d >= 0 && (200.0 + d) / 3.0 < t)
                                continue;
                        dedupe_score(&rows[i].p, &rows[j].p, &s);
                        if (s.total < t)
                                continue;
                        add_pair(f, &rows[i], &rows[j], &s);
                        parent[find_root(parent, j)] = find_root(parent, i);
                }
        }
        for (size_t i = 0; i < n; i++)
                size[find_root(parent, i)]++;
        for (size_t i = 0; i < n; i++)
                if (parent[i] == i && size[i] > 1)
                        add_cluster(f, rows, n, parent, i);
        free(size);
        free(parent);
}

/* Groups of places that share a commune: INSEE code, else postcode and folded name. */
static void find_duplicates(sqlite3 *db, double forced, struct found *f)
{
        sqlite3_stmt *st = store_prepare(
            db, "SELECT rid, id, source, nom, json_extract(record, '$.adresse'), date_maj,"
                " latitude, longitude,"
                " coalesce(code_insee, code_postal || ' ' || aidant_key(commune)) AS k"
                " FROM place WHERE merged_into IS NULL ORDER BY k, rid");
        struct row *rows = NULL;
        size_t n = 0, cap = 0;
        char *key = NULL;

        for (;;) {
                bool more = store_step(db, st) == SQLITE_ROW;
                const char *k = more ? (const char *)sqlite3_column_text(st, 8) : NULL;

                if (key != NULL && (!more || strcmp(key, k) != 0)) {
                        scan_group(rows, n, forced, f);
                        for (size_t i = 0; i < n; i++)
                                row_free(&rows[i]);
                        n = 0;
                        free(key);
                        key = NULL;
                }
                if (!more)
                        break;
                if (key == NULL)
                        key = xstrdup(k);
                if (n == cap) {
                        cap = cap * 2 + 16;
                        rows = xrealloc(rows, cap * sizeof(*rows));
                }
                row_read(st, &rows[n++]);
        }
        free(rows);
        sqlite3_finalize(st);
}

static void found_free(struct found *f)
{
        for (size_t i = 0; i < f->npairs; i++)
                for (int k = 0; k < 6; k++)
                        free(f->pairs[i].strs[k]);
        for (size_t i = 0; i < f->nclusters; i++) {
                for (size_t k = 0; k < f->clusters[i].n; k++)
                        free(f->clusters[i].ids[k]);
                free(f->clusters[i].ids);
        }
        free(f->pairs);
        free(f->clusters);
}

/* --- listing pairs ------------------------------------------------------------------------- */

static const char *const pair_columns[] = {"score", "name",  "address", "distance", "metres",
                                           "id_a",  "nom_a", "id_b",    "nom_b",    NULL};

static int by_score(const void *a, const void *b)
{
        const struct pair *x = a, *y = b;

        if (x->s.total != y->s.total)
                return x->s.total < y->s.total ? 1 : -1;
        return strcmp(x->strs[0], y->strs[0]);
}

/* Scores to a tenth: the rounding a reader compares with the threshold. */
static json_t *tenth(double v)
{
        return v < 0 ? json_null() : json_real(round(v * 10.0) / 10.0);
}

static void write_pairs(const struct ctx *ctx, struct found *f)
{
        struct rec_writer *w = rec_writer_open(stdout, ctx->format, pair_columns);

        if (f->npairs > 0)
                qsort(f->pairs, f->npairs, sizeof(*f->pairs), by_score);
        for (size_t i = 0; i < f->npairs; i++) {
                const struct pair *p = &f->pairs[i];
                json_t *rec = json_pack(
                    "{s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s?, s:s, s:s, s:s?}", "score",
                    tenth(p->s.total), "name", tenth(p->s.name), "address", tenth(p->s.address),
                    "distance", tenth(p->s.distance), "metres",
                    p->s.metres < 0 ? json_null() : json_integer((json_int_t)round(p->s.metres)),
                    "id_a", p->strs[0], "nom_a", p->strs[1], "source_a", p->strs[2], "id_b",
                    p->strs[3], "nom_b", p->strs[4], "source_b", p->strs[5]);

                rec_write(w, rec);
                json_decref(rec);
        }
        rec_writer_close(w);
}

/* --- applying merges ----------------------------------------------------------------------- */

static const char *const merge_columns[] = {"merge", "kept", "nom", "merged", NULL};
static const char *const unmerge_columns[] = {"merge", "kept", "restored", NULL};

/* The stored text and source of a place, exactly as they are, for the merge record. */
static bool stored(sqlite3 *db, const char *id, char **text, char **source)
{
        sqlite3_stmt *st = store_prepare(db, "SELECT record, source FROM place WHERE id = ?");
        bool found = false;

        store_bind_text(st, 1, id);
        if (store_step(db, st) == SQLITE_ROW) {
                *text = xstrdup((const char *)sqlite3_column_text(st, 0));
                *source = xstrdup((const char *)sqlite3_column_text(st, 1));
                found = true;
        }
        sqlite3_finalize(st);
        return found;
}

static void set_merged_into(sqlite3 *db, const char *id, const char *kept)
{
        sqlite3_stmt *st = store_prepare(db, "UPDATE place SET merged_into = ? WHERE id = ?");

        store_bind_text(st, 1, kept);
        store_bind_text(st, 2, id);
        store_step(db, st);
        sqlite3_finalize(st);
}

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

/* One cluster: the kept place gets the merged record, the others are hidden. */
static json_t *apply_cluster(struct db *db, const struct cluster *c)
{
        json_t **recs = xcalloc(c->n, sizeof(*recs));
        json_t *merged_ids = json_array(), *merged, *out;
        char *before, *source;
        sqlite3_int64 mid;

        if (!stored(db->sql, c->ids[0], &before, &source))
                die(EX_SOFTWARE, "dedupe: %s vanished", c->ids[0]);
        for (size_t i = 0; i < c->n; i++)
                recs[i] = db_get(db, c->ids[i]);
        merged = dedupe_merge_records(recs, c->n);
        db_put(db, merged, source);
        for (size_t i = 1; i < c->n; i++) {
                set_merged_into(db->sql, c->ids[i], c->ids[0]);
                json_array_append_new(merged_ids, json_string(c->ids[i]));
        }
        mid = record_merge(db->sql, c->ids[0], merged_ids, before);
        out = json_pack("{s:I, s:s, s:O?, s:O}", "merge", (json_int_t)mid, "kept", c->ids[0], "nom",
                        json_object_get(merged, "nom"), "merged", merged_ids);
        for (size_t i = 0; i < c->n; i++)
                json_decref(recs[i]);
        json_decref(merged);
        json_decref(merged_ids);
        free(recs);
        free(before);
        free(source);
        return out;
}

static void apply_all(const struct ctx *ctx, struct db *db, const struct found *f)
{
        json_t **done = xcalloc(f->nclusters + 1, sizeof(*done));
        struct rec_writer *w;

        for (size_t i = 0; i < f->nclusters; i++)
                done[i] = apply_cluster(db, &f->clusters[i]);
        store_commit(db->sql);
        w = rec_writer_open(stdout, ctx->format, merge_columns);
        for (size_t i = 0; i < f->nclusters; i++) {
                rec_write(w, done[i]);
                json_decref(done[i]);
        }
        rec_writer_close(w);
        free(done);
}

int cmd_dedupe(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"threshold", required_argument, NULL, 't'},
                                             {"apply", no_argument, NULL, 'a'},
                                             {NULL, 0, NULL, 0}};
        struct found f = {0};
        double forced = -1;
        bool apply = false;
        struct db *db;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 't')
                        forced = (double)cli_number(ctx, "--threshold", optarg, 0, 100);
                else if (c == 'a')
                        apply = true;
        }
        cli_no_args(ctx, argc, argv);
        db = db_open(ctx);
        query_register_functions(db->sql);
        if (apply)
                store_begin(db->sql); /* what is merged is what was found */
        find_duplicates(db->sql, forced, &f);
        if (apply)
                apply_all(ctx, db, &f);
        else
                write_pairs(ctx, &f);
        if (f.npairs == 0)
                msg_notice("%s", _("no duplicate found"));
        else if (!apply)
                msg_notice(_("pairs of duplicates found: %zu ('dedupe --apply' merges them)"),
                           f.npairs);
        found_free(&f);
        db_close(db);
        return 0;
}

/* --- unmerge ----------------------------------------------------------------------------- */

struct merge_row {
        sqlite3_int64 mid;
        char *kept, *before, *undone_at;
        json_t *merged;
};

static bool load_merge(sqlite3 *db, sqlite3_int64 mid, struct merge_row *m)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT kept, merged, before, undone_at FROM merge WHERE mid = ?");
        const char *u;
        bool found = false;

        sqlite3_bind_int64(st, 1, mid);
        if (store_step(db, st) == SQLITE_ROW) {
                m->mid = mid;
                m->kept = xstrdup((const char *)sqlite3_column_text(st, 0));
                m->merged = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
                m->before = xstrdup((const char *)sqlite3_column_text(st, 2));
                u = (const char *)sqlite3_column_text(st, 3);
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
 * this one under it could not restore the places exactly. */
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

/* Puts the kept record back as it was and shows the merged places again. Returns 0, or
 * the exit code after saying why nothing was changed. */
static int restore(struct db *db, const struct merge_row *m)
{
        char *text, *source;
        json_t *before = json_loads(m->before, 0, NULL);
        sqlite3_stmt *st;
        char at[32];
        size_t i;
        json_t *v;

        if (before == NULL)
                return msg_error(EX_DATAERR, _("the record of merge %lld is damaged"),
                                 (long long)m->mid);
        if (!stored(db->sql, m->kept, &text, &source)) {
                json_decref(before);
                return msg_error(EX_NOINPUT,
                                 _("merge %lld: place %s is no longer in the directory"),
                                 (long long)m->mid, m->kept);
        }
        db_put(db, before, source);
        json_array_foreach(m->merged, i, v) set_merged_into(db->sql, json_string_value(v), NULL);
        clock_format_iso(clock_now(), at);
        st = store_prepare(db->sql, "UPDATE merge SET undone_at = ? WHERE mid = ?");
        store_bind_text(st, 1, at);
        sqlite3_bind_int64(st, 2, m->mid);
        store_step(db->sql, st);
        sqlite3_finalize(st);
        json_decref(before);
        free(text);
        free(source);
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
        free(m.before);
        free(m.undone_at);
        db_close(db);
        return code;
}
