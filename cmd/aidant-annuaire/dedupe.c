/* dedupe: pairs of places of one commune scored on name, address and distance, as the
 * national pipeline scores them, the pairs an unmerge set apart left out; the merges
 * themselves are in merge.c. */
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

struct found {
        sqlite3 *db;
        long apart; /* pairs an unmerge set apart, not proposed */
        struct pair *pairs;
        size_t npairs, cap_pairs;
        struct dedupe_cluster *clusters;
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
        struct dedupe_cluster c = {xcalloc(n, sizeof(char *)), 0};
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

/* True when joining the clusters of i and j would put together two places an unmerge set
 * apart: the pair is listed, but not merged through a third place either. */
static bool joins_apart(const struct found *f, const struct row *rows, size_t n, size_t *parent,
                        size_t i, size_t j)
{
        size_t ri = find_root(parent, i), rj = find_root(parent, j);

        if (ri == rj)
                return false;
        for (size_t a = 0; a < n; a++) {
                if (find_root(parent, a) != ri)
                        continue;
                for (size_t b = 0; b < n; b++)
                        if (find_root(parent, b) == rj &&
                            merge_apart(f->db, rows[a].p.id, rows[b].p.id))
                                return true;
        }
        return false;
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
                        if (merge_apart(f->db, rows[i].p.id, rows[j].p.id)) {
                                f->apart++; /* a decision, remembered */
                                continue;
                        }
                        add_pair(f, &rows[i], &rows[j], &s);
                        if (!joins_apart(f, rows, n, parent, i, j))
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

/* --- the command ----------------------------------------------------------------------- */

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
        f.db = db->sql;
        find_duplicates(db->sql, forced, &f);
        if (apply)
                merge_apply(ctx, db, f.clusters, f.nclusters);
        else
                write_pairs(ctx, &f);
        if (f.apart > 0)
                msg_notice(_("pairs set apart by unmerge, not proposed: %ld"), f.apart);
        if (f.npairs == 0)
                msg_notice("%s", _("no duplicate found"));
        else if (!apply)
                msg_notice(_("pairs of duplicates found: %zu ('dedupe --apply' merges them)"),
                           f.npairs);
        found_free(&f);
        db_close(db);
        return 0;
}
