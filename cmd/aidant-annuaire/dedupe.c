/* dedupe: pairs of places of one commune scored on name, address and distance, as the
 * national pipeline scores them, and listed or merged; the search for pairs is in
 * dedupe_find.c, the merges themselves in merge.c. */
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
        if (word[0] == '\0' || word[1] == '\0' || strlen(word) > 5) /* no abbreviation */
                return word;
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
                size_t el;

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
                el = strlen(e);
                if (n + el + 2 > cap) {
                        cap = (n + el + 2) * 2;
                        out = xrealloc(out, cap);
                }
                if (n > 0)
                        out[n++] = ' ';
                memcpy(out + n, e, el);
                n += el;
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

/* --- listing pairs ------------------------------------------------------------------------- */

static const char *const pair_columns[] = {"score", "name",  "address", "distance", "metres",
                                           "id_a",  "nom_a", "id_b",    "nom_b",    NULL};

static int by_score(const void *a, const void *b)
{
        const struct dedupe_pair *x = a, *y = b;

        if (x->s.total != y->s.total)
                return x->s.total < y->s.total ? 1 : -1;
        return strcmp(x->strs[0], y->strs[0]);
}

/* Scores to a tenth: the rounding a reader compares with the threshold. */
static json_t *tenth(double v)
{
        return v < 0 ? json_null() : json_real(round(v * 10.0) / 10.0);
}

static void write_pairs(const struct ctx *ctx, struct dedupe_found *f)
{
        struct rec_writer *w = rec_writer_open(stdout, ctx->format, pair_columns);

        if (f->npairs > 0)
                qsort(f->pairs, f->npairs, sizeof(*f->pairs), by_score);
        for (size_t i = 0; i < f->npairs; i++) {
                const struct dedupe_pair *p = &f->pairs[i];
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
        struct dedupe_found f = {0};
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
        dedupe_find(db->sql, forced, &f);
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
        dedupe_found_free(&f);
        db_close(db);
        return 0;
}
