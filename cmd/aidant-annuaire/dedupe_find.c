/* dedupe's search: the pairs of places of one commune whose score reaches the threshold,
 * and the clusters they join. A commune's places are looked up on a grid of their
 * coordinates, so that a place is compared with its neighbours only: a pair farther apart
 * than the distance the threshold allows cannot reach it, whatever its names. */
#include "db.h"
#include "dedupe.h"
#include "geo.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SMALL_GROUP 16 /* places: compared pair by pair, without a grid */

struct bag {
        unsigned count[32];
        unsigned n;
        bool ok; /* valid UTF-8: else the bound is not used */
};

struct row {
        sqlite3_int64 rid;
        struct dedupe_place p; /* nom and adresse normalised once for all pairs */
        char *strs[7];         /* owned: id, source, nom, adresse, date_maj, normalised ones */
        struct bag nom, adr;   /* of the texts text_similarity compares */
};

/* The code points of the folded text of s (the texts text_similarity compares) by their
 * five low bits: two texts whose bags differ by k code points are at least k edits
 * apart. An ASCII text dedupe_normalise wrote is folded already. */
static void bag_of(const char *s, struct bag *b)
{
        bool ascii = true;
        char *f;
        const unsigned char *p;

        memset(b, 0, sizeof(*b));
        for (p = (const unsigned char *)s; *p != '\0' && ascii; p++)
                ascii = *p < 0x80;
        f = ascii ? NULL : text_fold(s);
        p = (const unsigned char *)(f != NULL ? f : s);
        b->ok = text_valid_utf8((const char *)p, strlen((const char *)p));
        for (; *p != '\0' && b->ok; p++) {
                uint32_t cp = *p;

                if (cp >= 0xC0) { /* the lead byte of a sequence of valid UTF-8 */
                        int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;

                        cp &= 0x3Fu >> more;
                        while (more-- > 0)
                                cp = (cp << 6) | (*++p & 0x3Fu);
                }
                b->n++;
                b->count[cp & 31]++;
        }
        free(f);
}

/* The most text_similarity can give two texts of these bags (100 when not known). */
static double similarity_bound(const struct bag *a, const struct bag *b)
{
        unsigned more_a = 0, more_b = 0, most = a->n > b->n ? a->n : b->n;

        if (!a->ok || !b->ok || most == 0)
                return 100.0;
        for (int i = 0; i < 32; i++) {
                if (a->count[i] > b->count[i])
                        more_a += a->count[i] - b->count[i];
                else
                        more_b += b->count[i] - a->count[i];
        }
        return 100.0 * (1.0 - (double)(more_a > more_b ? more_a : more_b) / (double)most);
}

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
        bag_of(r->p.nom, &r->nom);
        bag_of(r->p.adresse, &r->adr);
}

static void row_free(struct row *r)
{
        for (int i = 0; i < 7; i++)
                free(r->strs[i]);
}

static void add_pair(struct dedupe_found *f, const struct row *a, const struct row *b,
                     const struct dedupe_score *s)
{
        struct dedupe_pair *p;

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

static void push_cluster(struct dedupe_found *f, struct dedupe_cluster c)
{
        if (f->nclusters == f->cap_clusters) {
                f->cap_clusters = f->cap_clusters * 2 + 8;
                f->clusters = xrealloc(f->clusters, f->cap_clusters * sizeof(*f->clusters));
        }
        f->clusters[f->nclusters++] = c;
}

/* The clusters of the group, in the order of their first place; in each, the newest place
 * first (the first imported on a tie), then the others in their order. */
static void add_clusters(struct dedupe_found *f, const struct row *rows, size_t n, size_t *parent)
{
        size_t *kept = xcalloc(n, sizeof(*kept)), *size = xcalloc(n, sizeof(*size));

        for (size_t i = 0; i < n; i++) {
                size_t r = find_root(parent, i);

                if (size[r]++ == 0 || dedupe_newer(rows[i].p.date_maj, rows[kept[r]].p.date_maj))
                        kept[r] = i;
        }
        for (size_t r = 0; r < n; r++) {
                struct dedupe_cluster c;

                if (parent[r] != r || size[r] < 2)
                        continue;
                c.ids = xcalloc(size[r], sizeof(char *));
                c.n = 0;
                c.ids[c.n++] = xstrdup(rows[kept[r]].p.id);
                for (size_t i = 0; i < n; i++)
                        if (i != kept[r] && find_root(parent, i) == r)
                                c.ids[c.n++] = xstrdup(rows[i].p.id);
                push_cluster(f, c);
        }
        free(kept);
        free(size);
}

/* True when joining the clusters of i and j would put together two places an unmerge set
 * apart: the pair is listed, but not merged through a third place either. */
static bool joins_apart(const struct dedupe_found *f, const struct row *rows, size_t n,
                        size_t *parent, size_t i, size_t j)
{
        size_t ri = find_root(parent, i), rj = find_root(parent, j);

        if (ri == rj || !f->any_apart)
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

/* One pair: scored, and listed and joined when its score reaches the threshold. */
static void consider(struct dedupe_found *f, const struct row *rows, size_t n, size_t *parent,
                     size_t i, size_t j, double forced)
{
        const struct row *a = &rows[i], *b = &rows[j];
        double t = dedupe_threshold(&a->p, &b->p, forced), m;
        double d = dedupe_distance_score(&a->p, &b->p, &m);
        struct dedupe_score s;

        /* even identical names and addresses cannot lift a far pair */
        if (d >= 0 && (200.0 + d) / 3.0 < t)
                return;
        /* nor names or addresses made of too different letters (the bound leaves a
         * margin for rounding: a pair it lets through is scored exactly) */
        if ((similarity_bound(&a->nom, &b->nom) + similarity_bound(&a->adr, &b->adr) +
             (d >= 0 ? d : 0)) /
                (d >= 0 ? 3.0 : 2.0) <
            t - 1e-6)
                return;
        dedupe_score(&a->p, &b->p, &s);
        if (s.total < t)
                return;
        if (f->any_apart && merge_apart(f->db, a->p.id, b->p.id)) {
                f->apart++; /* a decision, remembered */
                return;
        }
        add_pair(f, a, b, &s);
        if (!joins_apart(f, rows, n, parent, i, j))
                parent[find_root(parent, j)] = find_root(parent, i);
}

/* --- the grid ----------------------------------------------------------------------- */

/* A place with coordinates, in the grid's order: rows of cells of the height of the
 * farthest distance that can still pair, then longitude. */
struct cell_place {
        long long cell;
        double lat, lon;
        size_t row;
};

struct grid {
        struct cell_place *v;
        size_t n;
        double km;     /* the farthest distance of a pair that can reach the threshold */
        double height; /* of a row of cells, in degrees of latitude */
        size_t *nogeo; /* the places without coordinates, in their order */
        size_t nnogeo;
};

static int by_cell(const void *x, const void *y)
{
        const struct cell_place *a = x, *b = y;

        if (a->cell != b->cell)
                return a->cell < b->cell ? -1 : 1;
        if (a->lon != b->lon)
                return a->lon < b->lon ? -1 : 1;
        return a->row < b->row ? -1 : a->row > b->row;
}

/* The distance beyond which no pair reaches the lowest threshold in use: the distance
 * component must then be at least 3 t - 200 (100 within 50 m, else 5000 / metres).
 * Returns 0 when any distance can pair. */
static double pairing_km(double forced)
{
        double t = forced >= 0 ? forced : fmin(DEDUPE_THRESHOLD_ACROSS, DEDUPE_THRESHOLD_INSIDE);
        double need = 3.0 * t - 200.0;

        if (need <= 0)
                return 0;
        /* 5 % and a metre more, for the rounding of the box against the distance */
        return fmax(50.0, 5000.0 / need) / 1000.0 * 1.05 + 0.001;
}

static bool grid_build(struct grid *g, const struct row *rows, size_t n, double forced)
{
        memset(g, 0, sizeof(*g));
        g->km = pairing_km(forced);
        if (g->km <= 0 || n <= SMALL_GROUP)
                return false;
        g->height = g->km / GEO_EARTH_RADIUS_KM * 180.0 / M_PI;
        g->v = xcalloc(n, sizeof(*g->v));
        g->nogeo = xcalloc(n, sizeof(*g->nogeo));
        for (size_t i = 0; i < n; i++) {
                if (!rows[i].p.has_geo) {
                        g->nogeo[g->nnogeo++] = i;
                        continue;
                }
                g->v[g->n++] = (struct cell_place){(long long)floor(rows[i].p.lat / g->height),
                                                   rows[i].p.lat, rows[i].p.lon, i};
        }
        qsort(g->v, g->n, sizeof(*g->v), by_cell);
        return true;
}

static void grid_free(struct grid *g)
{
        free(g->v);
        free(g->nogeo);
}

/* The first place of the grid at or after (cell, lon). */
static size_t grid_seek(const struct grid *g, long long cell, double lon)
{
        size_t lo = 0, hi = g->n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                const struct cell_place *c = &g->v[mid];

                if (c->cell < cell || (c->cell == cell && c->lon < lon))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

static int by_index(const void *x, const void *y)
{
        size_t a = *(const size_t *)x, b = *(const size_t *)y;

        return a < b ? -1 : a > b;
}

/* The places after row i (in the group's order) that can pair with it: its neighbours on
 * the grid and the places without coordinates, in order. Returns their number in out. */
static size_t partners(const struct grid *g, const struct row *rows, size_t i, size_t *out)
{
        const struct row *r = &rows[i];
        size_t k = 0;
        struct geo_box box;
        long long cell = (long long)floor(r->p.lat / g->height);

        geo_box_around(r->p.lat, r->p.lon, g->km, &box);
        for (long long c = cell - 1; c <= cell + 1; c++) {
                for (size_t at = grid_seek(g, c, box.min_lon);
                     at < g->n && g->v[at].cell == c && g->v[at].lon <= box.max_lon; at++) {
                        const struct cell_place *p = &g->v[at];

                        if (p->row > i && p->lat >= box.min_lat && p->lat <= box.max_lat)
                                out[k++] = p->row;
                }
        }
        for (size_t x = 0; x < g->nnogeo; x++)
                if (g->nogeo[x] > i)
                        out[k++] = g->nogeo[x];
        qsort(out, k, sizeof(*out), by_index);
        return k;
}

/* Every pair of the group that can reach the threshold, i before j, in the order of i
 * then j: the merges a scan makes do not depend on how the pairs were found. */
static void scan_group(struct row *rows, size_t n, double forced, struct dedupe_found *f)
{
        size_t *parent = xcalloc(n, sizeof(*parent)), *near = xcalloc(n, sizeof(*near));
        struct grid g;
        bool gridded = grid_build(&g, rows, n, forced);

        for (size_t i = 0; i < n; i++)
                parent[i] = i;
        for (size_t i = 0; i < n; i++) {
                if (gridded && rows[i].p.has_geo) {
                        size_t k = partners(&g, rows, i, near);

                        for (size_t x = 0; x < k; x++)
                                consider(f, rows, n, parent, i, near[x], forced);
                } else {
                        for (size_t j = i + 1; j < n; j++)
                                consider(f, rows, n, parent, i, j, forced);
                }
        }
        add_clusters(f, rows, n, parent);
        if (gridded)
                grid_free(&g);
        free(near);
        free(parent);
}

/* record_text(record, key): a string of a stored record, its other members not decoded
 * (json_extract reads them all). */
static void sql_record_text(sqlite3_context *c, int argc, sqlite3_value **argv)
{
        const char *record = (const char *)sqlite3_value_text(argv[0]);
        const char *key = (const char *)sqlite3_value_text(argv[1]);
        char *s = record != NULL && key != NULL ? db_record_string(record, key) : NULL;

        if (s != NULL)
                sqlite3_result_text(c, s, -1, free);
        else
                sqlite3_result_null(c);
}

void dedupe_find(sqlite3 *db, double forced, struct dedupe_found *f)
{
        sqlite3_stmt *st, *any;
        struct row *rows = NULL;
        size_t n = 0, cap = 0;
        char *key = NULL;

        if (sqlite3_create_function(db, "record_text", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                    sql_record_text, NULL, NULL) != SQLITE_OK)
                store_die(db, "record_text");
        /* groups of places that share a commune: INSEE code, else postcode and folded name
         * (the sort carries the address, not the records) */
        st = store_prepare(db,
                           "SELECT rid, id, source, nom, record_text(record, 'adresse'), date_maj,"
                           " latitude, longitude,"
                           " coalesce(code_insee, code_postal || ' ' || aidant_key(commune)) AS k"
                           " FROM place WHERE merged_into IS NULL ORDER BY k, rid");
        any = store_prepare(db, "SELECT EXISTS (SELECT 1 FROM apart)");

        f->db = db;
        f->any_apart = store_step(db, any) == SQLITE_ROW && sqlite3_column_int(any, 0) != 0;
        sqlite3_finalize(any);
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

void dedupe_found_free(struct dedupe_found *f)
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
