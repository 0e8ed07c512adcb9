/* Search filters: their options, checked and canonicalised, and the SQL that applies
 * them with bound values only: FTS5 for words, the coordinates' index then haversine for
 * --near. */
#include "query.h"
#include "cli.h"
#include "clock.h"
#include "db.h"
#include "dedupe.h"
#include "msg.h"
#include "xalloc.h"
#include "geo.h"
#include "i18n.h"
#include "jsonw.h"
#include "ohours.h"
#include "schema.h"
#include "store.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_RADIUS_KM 10.0
#define MAX_BINDS         64

void query_init(struct query *q, long default_limit, enum query_order order)
{
        memset(q, 0, sizeof(*q));
        q->radius_km = DEFAULT_RADIUS_KM;
        q->limit = default_limit;
        q->order = order;
}

void query_free(struct query *q)
{
        free(q->text);
        free(q->label_free);
        free(q->commune);
}

static bool all_digits(const char *s, size_t n)
{
        size_t i;

        for (i = 0; s[i] != '\0'; i++)
                if (!isdigit((unsigned char)s[i]))
                        return false;
        return i == n || n == 0;
}

static bool is_insee(const char *s)
{
        if (strlen(s) != 5 || !all_digits(s + 2, 3))
                return false;
        if (s[0] == '2')
                return s[1] == 'A' || s[1] == 'B' || (s[1] >= '1' && s[1] <= '9');
        return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]);
}

static const char *canonical(const struct ctx *ctx, const char *field, const char *opt,
                             const char *arg)
{
        const char *v = schema_enum_canonical(field, arg);

        if (v == NULL)
                cli_usage_error(ctx, _("%s: '%s' is not one of the values of the schema"), opt,
                                arg);
        return v;
}

static void set_label(struct query *q, const char *arg)
{
        q->label = schema_enum_canonical("dispositif_programmes_nationaux", arg);
        if (q->label == NULL)
                q->label = schema_enum_canonical("formations_labels", arg);
        if (q->label == NULL) {
                free(q->label_free);
                q->label_free = dedupe_normalise(arg);
        }
}

/* A --near value that starts like a number must be coordinates or a postcode: a typo
 * there is a usage error, not a commune to look up. */
static void check_near(const struct ctx *ctx, const char *arg)
{
        double lat, lon;

        if (!isdigit((unsigned char)arg[0]) && arg[0] != '-' && arg[0] != '+')
                return;
        if (strchr(arg, ',') != NULL) {
                if (geo_parse_latlon(arg, &lat, &lon) != 0)
                        cli_usage_error(ctx, _("--near: '%s' is not LAT,LON in degrees"), arg);
        } else if (!all_digits(arg, 5) && !is_insee(arg)) {
                cli_usage_error(ctx, _("--near: '%s' is not LAT,LON, a postcode or a commune"),
                                arg);
        }
}

static double parse_radius(const struct ctx *ctx, const char *arg)
{
        char *end;
        double km;

        errno = 0;
        km = jsonw_strtod(arg, &end);
        if (errno != 0 || end == arg || *end != '\0' || !isfinite(km) || km <= 0.0 || km > 20000.0)
                cli_usage_error(ctx, _("--radius: '%s' is not a distance in km from 0 to 20000"),
                                arg);
        return km;
}

static void set_open_at(struct query *q, const struct ctx *ctx, const char *arg)
{
        if (q->open_set)
                cli_usage_error(ctx, "%s", _("--open-at and --open-now go one at a time"));
        if (arg == NULL)
                q->open_at = clock_now();
        else if (clock_parse(arg, &q->open_at) != 0)
                cli_usage_error(ctx, _("--open-at: '%s' is not a date and time (YYYY-MM-DDTHH:MM)"),
                                arg);
        q->open_set = true;
}

static void set_place(struct query *q, const struct ctx *ctx, int opt, const char *arg)
{
        if (opt == QOPT_CODE_POSTAL) {
                if (!all_digits(arg, 5))
                        cli_usage_error(ctx, _("--code-postal: '%s' is not a postcode of 5 digits"),
                                        arg);
                q->code_postal = arg;
        } else if (is_insee(arg)) {
                q->insee = arg;
        } else {
                free(q->commune);
                q->commune = dedupe_normalise(arg);
        }
}

void query_list_add(struct query_list *l, const char *v)
{
        for (size_t i = 0; i < l->n; i++)
                if (strcmp(l->v[i], v) == 0)
                        return;
        if (l->n < QUERY_MAX_VALUES)
                l->v[l->n++] = v;
}

/* A flag's value: the list is the command line's, all its values must match; a flag
 * that takes one value keeps the last one. */
static void flag_value(struct query_list *l, const char *v, bool repeatable)
{
        if (!l->set || !repeatable)
                l->n = 0;
        l->set = true;
        l->any = false;
        query_list_add(l, v);
}

bool query_option(struct query *q, const struct ctx *ctx, int opt, const char *arg)
{
        switch (opt) {
        case QOPT_SERVICE:
                flag_value(&q->services, canonical(ctx, "services", "--service", arg), true);
                return true;
        case QOPT_PUBLIC:
                flag_value(&q->publics,
                           canonical(ctx, "publics_specifiquement_adresses", "--public", arg),
                           false);
                return true;
        case QOPT_PRISE:
                flag_value(&q->prises,
                           canonical(ctx, "prise_en_charge_specifique", "--prise-en-charge", arg),
                           false);
                return true;
        case QOPT_FRAIS:
                flag_value(&q->frais, canonical(ctx, "frais_a_charge", "--frais", arg), false);
                return true;
        case QOPT_QUERY:
                q->document = arg;
                return true;
        case QOPT_LABEL:
                set_label(q, arg);
                return true;
        case QOPT_COMMUNE:
        case QOPT_CODE_POSTAL:
                set_place(q, ctx, opt, arg);
                return true;
        case QOPT_NEAR:
                check_near(ctx, arg);
                q->near = arg;
                return true;
        case QOPT_RADIUS:
                q->radius_km = parse_radius(ctx, arg);
                q->radius_set = true;
                return true;
        case QOPT_OPEN_AT:
        case QOPT_OPEN_NOW:
                set_open_at(q, ctx, opt == QOPT_OPEN_AT ? arg : NULL);
                return true;
        case QOPT_LIMIT:
                q->limit = cli_number(ctx, "--limit", arg, 1, 1000000000L);
                return true;
        default:
                return false;
        }
}

void query_finish(struct query *q, const struct ctx *ctx, int argc, char **argv)
{
        size_t len = 0;

        if (q->radius_set && q->near == NULL)
                cli_usage_error(ctx, "%s", _("--radius needs --near"));
        for (int i = optind; i < argc; i++)
                len += strlen(argv[i]) + 1;
        if (len > 0) {
                q->text = xcalloc(1, len);
                for (int i = optind; i < argc; i++) {
                        if (i > optind)
                                strcat(q->text, " ");
                        strcat(q->text, argv[i]);
                }
        }
        if (q->document != NULL)
                query_read_document(q, q->document);
}

/* --- SQL functions ----------------------------------------------------------------- */

static void sql_fold(sqlite3_context *c, int n, sqlite3_value **v)
{
        const char *s = (const char *)sqlite3_value_text(v[0]);

        if (s == NULL)
                sqlite3_result_null(c);
        else
                sqlite3_result_text(c, text_fold(s), -1, free);
}

/* Names compared as dedupe compares them: "Aix-les-Bains" is "AIX LES BAINS". */
static void sql_key(sqlite3_context *c, int n, sqlite3_value **v)
{
        const char *s = (const char *)sqlite3_value_text(v[0]);

        if (s == NULL)
                sqlite3_result_null(c);
        else
                sqlite3_result_text(c, dedupe_normalise(s), -1, free);
}

static void sql_km(sqlite3_context *c, int n, sqlite3_value **v)
{
        for (int i = 0; i < 4; i++) {
                if (sqlite3_value_type(v[i]) == SQLITE_NULL) {
                        sqlite3_result_null(c);
                        return;
                }
        }
        sqlite3_result_double(
            c, geo_distance_km(sqlite3_value_double(v[0]), sqlite3_value_double(v[1]),
                               sqlite3_value_double(v[2]), sqlite3_value_double(v[3])));
}

/* 1 when the hours say open at the time, in the place's time zone and with the holidays
 * of its territory (INSEE code, else postcode); unknown or unreadable hours are not open. */
static void sql_open(sqlite3_context *c, int n, sqlite3_value **v)
{
        const char *spec = (const char *)sqlite3_value_text(v[0]);
        const char *insee = (const char *)sqlite3_value_text(v[2]);
        time_t t = (time_t)sqlite3_value_int64(v[1]);

        sqlite3_result_int(c, spec != NULL && ohours_open_at(spec, t, insee) == OH_OPEN);
}

void query_register_functions(sqlite3 *db)
{
        int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

        if (sqlite3_create_function(db, "aidant_fold", 1, flags, NULL, sql_fold, NULL, NULL) !=
                SQLITE_OK ||
            sqlite3_create_function(db, "aidant_key", 1, flags, NULL, sql_key, NULL, NULL) !=
                SQLITE_OK ||
            sqlite3_create_function(db, "aidant_km", 4, flags, NULL, sql_km, NULL, NULL) !=
                SQLITE_OK ||
            sqlite3_create_function(db, "aidant_open", 3, flags, NULL, sql_open, NULL, NULL) !=
                SQLITE_OK)
                store_die(db, _("database"));
}

void query_tune_reader(sqlite3 *db)
{
        int keep = 1;

        /* A search is one short process: keeping the WAL file between runs saves it creating
         * one. It reads a few pages of an index: plain reads cost less than mapping the
         * file and taking a page fault for each. */
        sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
}

/* --- building the statement ----------------------------------------------------------- */

struct bind {
        enum { B_TEXT, B_REAL, B_INT } kind;
        const char *text;
        double real;
        sqlite3_int64 i;
};

struct sql {
        char *s;
        size_t len, cap;
        struct bind b[MAX_BINDS];
        int nb;
};

static void sql_add(struct sql *q, const char *frag)
{
        size_t n = strlen(frag);

        if (q->len + n + 1 > q->cap) {
                q->cap = (q->len + n + 1) * 2;
                q->s = xrealloc(q->s, q->cap);
        }
        memcpy(q->s + q->len, frag, n + 1);
        q->len += n;
}

static struct bind *sql_bind(struct sql *q)
{
        if (q->nb >= MAX_BINDS)
                die(EX_SOFTWARE, "query: too many parameters");
        return &q->b[q->nb++];
}

static void add_text(struct sql *q, const char *frag, const char *value)
{
        struct bind *b = sql_bind(q);

        sql_add(q, frag);
        b->kind = B_TEXT;
        b->text = value;
}

static void add_real(struct sql *q, const char *frag, double value)
{
        struct bind *b = sql_bind(q);

        sql_add(q, frag);
        b->kind = B_REAL;
        b->real = value;
}

static void add_int(struct sql *q, const char *frag, sqlite3_int64 value)
{
        struct bind *b = sql_bind(q);

        sql_add(q, frag);
        b->kind = B_INT;
        b->i = value;
}

/* The user's words as an FTS5 expression of quoted prefix tokens, "word"* "word"*, so
 * that no character of theirs is read as FTS5 syntax. NULL when no word is left. */
static char *match_expression(const char *text)
{
        char *out = xmalloc(strlen(text) * 2 + 4 * strlen(text) + 1);
        size_t n = 0;
        const char *p = text;

        while (*p != '\0') {
                const char *w;
                bool word = false;

                while (*p != '\0' && isspace((unsigned char)*p))
                        p++;
                for (w = p; *p != '\0' && !isspace((unsigned char)*p); p++)
                        word = word || isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80;
                if (!word)
                        continue;
                if (n > 0)
                        out[n++] = ' ';
                out[n++] = '"';
                for (; w < p; w++) {
                        if (*w == '"')
                                out[n++] = '"';
                        out[n++] = *w;
                }
                out[n++] = '"';
                out[n++] = '*';
        }
        out[n] = '\0';
        if (n == 0) {
                free(out);
                return NULL;
        }
        return out;
}

/* The place holds every value of l, or one of them at least. */
static void add_list_filter(struct sql *q, const char *path, const struct query_list *l)
{
        for (size_t i = 0; i < l->n; i++) {
                if (i == 0 || !l->any) {
                        /* path is one of the fixed JSON paths of this file, never user text */
                        sql_add(q, " AND EXISTS (SELECT 1 FROM json_each(p.record, '");
                        sql_add(q, path);
                        sql_add(q, "') WHERE value IN (");
                }
                add_text(q, i == 0 || !l->any ? "?" : ", ?", l->v[i]);
                if (i + 1 == l->n || !l->any)
                        sql_add(q, "))");
        }
}

/* Conditions appended to an open WHERE clause. */
static void add_filters(struct sql *q, const struct query *f)
{
        add_list_filter(q, "$.services", &f->services);
        add_list_filter(q, "$.publics_specifiquement_adresses", &f->publics);
        add_list_filter(q, "$.prise_en_charge_specifique", &f->prises);
        add_list_filter(q, "$.frais_a_charge", &f->frais);
        add_list_filter(q, "$.modalites_acces", &f->acces);
        if (f->label != NULL) {
                add_text(q,
                         " AND EXISTS (SELECT 1 FROM json_each(p.record,"
                         " '$.dispositif_programmes_nationaux') WHERE value = ?",
                         f->label);
                add_text(q,
                         " UNION ALL SELECT 1 FROM json_each(p.record, '$.formations_labels')"
                         " WHERE value = ?)",
                         f->label);
        }
        if (f->label_free != NULL)
                add_text(q,
                         " AND EXISTS (SELECT 1 FROM json_each(p.record,"
                         " '$.autres_formations_labels') WHERE instr(aidant_key(value), ?) > 0)",
                         f->label_free);
        if (f->commune != NULL)
                add_text(q, " AND aidant_key(p.commune) = ?", f->commune);
        if (f->insee != NULL)
                add_text(q, " AND p.code_insee = ?", f->insee);
        if (f->code_postal != NULL)
                add_text(q, " AND p.code_postal = ?", f->code_postal);
        if (f->open_set)
                add_int(q,
                        " AND aidant_open(json_extract(p.record, '$.horaires'), ?,"
                        " coalesce(p.code_insee, p.code_postal)) = 1",
                        (sqlite3_int64)f->open_at);
}

/* The cell of a latitude in the index of coordinates: tenths of a degree, truncated as
 * SQLite's CAST truncates. */
static sqlite3_int64 lat_cell(double lat)
{
        return (sqlite3_int64)(lat * 10.0);
}

/* --near: the index of coordinates is ordered by cells of a tenth of a degree of latitude
 * (11 km), then longitude: cell by cell it gives the places in the box around the circle,
 * and haversine keeps those in the circle and orders them. The inner query reads the index
 * only (it holds the name and the id the order needs) and the records are read only for
 * the places kept. */
static void build_near(struct sql *q, const struct query *f, const char *match, double lat,
                       double lon)
{
        struct geo_box box;

        geo_box_around(lat, lon, f->radius_km, &box);
        add_int(q, "WITH cells(c) AS (SELECT ?", lat_cell(box.min_lat));
        add_int(q, " UNION ALL SELECT c + 1 FROM cells WHERE c < ?)", lat_cell(box.max_lat));
        add_real(q,
                 " SELECT p.record, s.km FROM (SELECT p.rid AS rid,"
                 " aidant_km(p.latitude, p.longitude, ?",
                 lat);
        add_real(q,
                 ", ?) AS km, aidant_fold(p.nom) AS name, p.id AS pid FROM cells CROSS JOIN"
                 " place_geo AS p ON CAST(p.latitude * 10 AS INTEGER) = cells.c",
                 lon);
        add_real(q, " WHERE p.longitude >= ?", box.min_lon);
        add_real(q, " AND p.longitude <= ?", box.max_lon);
        add_real(q, " AND p.latitude >= ?", box.min_lat);
        add_real(q, " AND p.latitude <= ?", box.max_lat);
        sql_add(q, " AND p.merged_into IS NULL");
        add_real(q, " AND km <= ?", f->radius_km);
        if (match != NULL)
                add_text(q, " AND p.rid IN (SELECT rowid FROM place_fts(?))", match);
        add_filters(q, f);
        sql_add(q, " ORDER BY km, name, pid");
        if (f->limit > 0)
                add_int(q, " LIMIT ?", f->limit);
        sql_add(q, ") AS s CROSS JOIN place AS p ON p.rid = s.rid ORDER BY s.km, s.name, s.pid");
}

static void build_plain(struct sql *q, const struct query *f, const char *match)
{
        if (match != NULL) {
                add_text(q,
                         "SELECT p.record, NULL FROM place_fts(?) AS t"
                         " CROSS JOIN place AS p ON p.rid = t.rowid WHERE p.merged_into IS NULL",
                         match);
        } else {
                sql_add(q, "SELECT p.record, NULL FROM place AS p WHERE p.merged_into IS NULL");
        }
        add_filters(q, f);
        if (match != NULL)
                sql_add(q, " ORDER BY t.rank, aidant_fold(p.nom), p.id");
        else if (f->order == QUERY_BY_NAME)
                sql_add(q, " ORDER BY aidant_fold(p.nom), p.id");
        else
                sql_add(q, " ORDER BY p.rid");
}

/* --- running it --------------------------------------------------------------------------- */

struct query_run {
        sqlite3 *db;
        sqlite3_stmt *st;
        bool near;
        char *match;
};

/* The centroid of the places of a postcode or a commune (name or INSEE code). */
static bool centroid(sqlite3 *db, const char *where, const char *value, double *lat, double *lon)
{
        static const char *const sql[] = {
            "SELECT avg(latitude), avg(longitude) FROM place WHERE code_postal = ?"
            " AND latitude IS NOT NULL AND merged_into IS NULL",
            "SELECT avg(latitude), avg(longitude) FROM place WHERE code_insee = ?"
            " AND latitude IS NOT NULL AND merged_into IS NULL",
            "SELECT avg(latitude), avg(longitude) FROM place WHERE aidant_key(commune) = ?"
            " AND latitude IS NOT NULL AND merged_into IS NULL",
        };
        int i = strcmp(where, "cp") == 0 ? 0 : strcmp(where, "insee") == 0 ? 1 : 2;
        sqlite3_stmt *st = store_prepare(db, sql[i]);
        bool found = false;

        store_bind_text(st, 1, value);
        if (store_step(db, st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
                *lat = sqlite3_column_double(st, 0);
                *lon = sqlite3_column_double(st, 1);
                found = true;
        }
        sqlite3_finalize(st);
        return found;
}

/* Returns false after saying why when the directory cannot place it. */
static bool resolve_near(sqlite3 *db, const char *near, double *lat, double *lon)
{
        char *folded;
        bool found;

        if (geo_parse_latlon(near, lat, lon) == 0)
                return true;
        if (all_digits(near, 5) && centroid(db, "cp", near, lat, lon))
                return true;
        if (is_insee(near) && centroid(db, "insee", near, lat, lon))
                return true;
        folded = dedupe_normalise(near);
        found = centroid(db, "name", folded, lat, lon);
        free(folded);
        if (!found)
                msg_error(EX_NOINPUT,
                          _("--near: no place of the directory with coordinates is in '%s', "
                            "give LAT,LON instead"),
                          near);
        return found;
}

static void bind_all(sqlite3_stmt *st, const struct sql *q)
{
        for (int i = 0; i < q->nb; i++) {
                const struct bind *b = &q->b[i];

                if (b->kind == B_TEXT)
                        store_bind_text(st, i + 1, b->text);
                else if (b->kind == B_REAL)
                        sqlite3_bind_double(st, i + 1, b->real);
                else
                        sqlite3_bind_int64(st, i + 1, b->i);
        }
}

struct query_run *query_start(const struct query *q, sqlite3 *db)
{
        struct query_run *r = xcalloc(1, sizeof(*r));
        struct sql s = {0};
        double lat = 0, lon = 0;

        query_register_functions(db);
        query_tune_reader(db);
        r->db = db;
        r->match = q->text != NULL ? match_expression(q->text) : NULL;
        r->near = q->near != NULL;
        if (r->near) {
                if (!resolve_near(db, q->near, &lat, &lon)) {
                        query_end(r);
                        return NULL;
                }
                build_near(&s, q, r->match, lat, lon);
        } else {
                build_plain(&s, q, r->match);
        }
        if (q->limit > 0 && !r->near)
                add_int(&s, " LIMIT ?", q->limit);
        r->st = store_prepare(db, s.s);
        bind_all(r->st, &s);
        free(s.s);
        return r;
}

bool query_next(struct query_run *r, json_t **rec)
{
        const char *text;
        json_error_t e;

        if (store_step(r->db, r->st) != SQLITE_ROW)
                return false;
        text = (const char *)sqlite3_column_text(r->st, 0);
        *rec = db_record_parse(text);
        if (*rec == NULL) {
                json_decref(json_loads(text, 0, &e)); /* for Jansson's account of the damage */
                die(EX_DATAERR, _("a stored record is damaged: %s"), e.text);
        }
        if (r->near) {
                /* to the metre: more digits would only be noise */
                double km = round(sqlite3_column_double(r->st, 1) * 1000.0) / 1000.0;

                json_object_set_new(*rec, "distance_km", json_real(km));
        }
        return true;
}

void query_end(struct query_run *r)
{
        if (r == NULL)
                return;
        sqlite3_finalize(r->st);
        free(r->match);
        free(r);
}
