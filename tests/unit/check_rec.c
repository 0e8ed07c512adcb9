/* Record readers and writers: what an import sees (records, their lines, the errors a
 * user must be able to act on) and what an export writes, on small inputs and on the
 * real regional files of ../shared/data/annuaire. */
#include "rec.h"
#include "skip.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads text as fmt; returns "line:compact-json\n" per record, then "error: ..." if any. */
static char *read_all(const char *text, enum fmt fmt, enum fmt *got_fmt)
{
        struct rec_reader *r = rec_open_mem(text, strlen(text), fmt, "in");
        char *out = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&out, &len);
        struct rec_loc loc;
        json_t *rec;
        int rc;

        while ((rc = rec_next(r, &rec, &loc)) == 1) {
                char *s = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
                ck_assert_str_eq(loc.file, "in");
                fprintf(o, "%ld:%s\n", loc.line, s);
                free(s);
                json_decref(rec);
        }
        if (rc < 0)
                fprintf(o, "error: %s\n", rec_error(r));
        ck_assert_int_eq(rec_next(r, &rec, &loc), rc); /* reading stops where it stopped */
        if (got_fmt != NULL)
                *got_fmt = rec_format(r);
        rec_close(r);
        fclose(o);
        return out;
}

static void assert_read(const char *text, enum fmt fmt, const char *want)
{
        char *got = read_all(text, fmt, NULL);

        ck_assert_str_eq(got, want);
        free(got);
}

START_TEST(csv_records_carry_their_line)
{
        struct rec_reader *r;
        const char *text = "\xEF\xBB\xBFid;nom;ville\r\n1;\"Espace\r\nnumérique\";Niort\r\n"
                           "\r\n2;\"Café \"\"asso\"\"\";Pau\r\n";

        assert_read(text, FMT_AUTO,
                    "2:{\"id\":\"1\",\"nom\":\"Espace\\r\\nnumérique\",\"ville\":\"Niort\"}\n"
                    "5:{\"id\":\"2\",\"nom\":\"Café \\\"asso\\\"\",\"ville\":\"Pau\"}\n");
        r = rec_open_mem(text, strlen(text), FMT_CSV, NULL);
        ck_assert_int_eq(rec_format(r), FMT_CSV);
        ck_assert_ptr_nonnull(rec_columns(r)); /* known before the first record */
        ck_assert_str_eq(rec_columns(r)[0], "id");
        ck_assert_str_eq(rec_columns(r)[2], "ville");
        ck_assert_ptr_null(rec_columns(r)[3]);
        rec_close(r);
}
END_TEST

START_TEST(csv_errors_name_the_line)
{
        assert_read(
            "a,b\n1,2\n\n1,2,3\n", FMT_CSV,
            "2:{\"a\":\"1\",\"b\":\"2\"}\nerror: in:4: row has 3 fields, the header has 2\n");
        assert_read("a,b,a\n1,2,3\n", FMT_CSV,
                    "error: in:1: duplicate column \"a\" in the header\n");
        assert_read("a,b\n1,\"x\ny\xE9\"\n", FMT_CSV,
                    "error: in:2: invalid UTF-8 in field \"b\" (another encoding? --encoding "
                    "cp1252 or latin1)\n");
        assert_read("a,b\n1,2\n3,\"x\n", FMT_CSV,
                    "2:{\"a\":\"1\",\"b\":\"2\"}\nerror: in:3:3: unterminated quoted field\n");
        assert_read("a,\xFF\n", FMT_CSV,
                    "error: in:1: invalid UTF-8 in column 2 of the header (another encoding? "
                    "--encoding cp1252 or latin1)\n");
        assert_read("", FMT_CSV, "");
        assert_read("a,b\n", FMT_CSV, "");
}
END_TEST

/* As read_all, through rec_next_fields: "line:field|field...\n" per record, a NUL in a
 * field shown as "\0", then "error: ..." if any. */
static char *read_fields(struct rec_reader *r)
{
        char *out = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&out, &len);
        const char *const *f;
        const size_t *n;
        struct rec_loc loc;
        int rc;

        while ((rc = rec_next_fields(r, &f, &n, &loc)) > 0) {
                fprintf(o, "%ld:", loc.line);
                for (int i = 0; i < rc; i++) {
                        fputs(i > 0 ? "|" : "", o);
                        for (size_t k = 0; k < n[i]; k++)
                                if (f[i][k] == '\0')
                                        fputs("\\0", o);
                                else
                                        fputc(f[i][k], o);
                        ck_assert_int_eq(f[i][n[i]], '\0');
                }
                fputc('\n', o);
        }
        if (rc < 0)
                fprintf(o, "error: %s\n", rec_error(r));
        ck_assert_int_eq(rec_next_fields(r, &f, &n, &loc), rc); /* it stops where it stopped */
        rec_close(r);
        fclose(o);
        return out;
}

static void assert_fields(const char *text, const char *want)
{
        char *got = read_fields(rec_open_mem(text, strlen(text), FMT_CSV, "in"));

        ck_assert_str_eq(got, want);
        free(got);
}

/* The same rows, lines and errors as rec_next, without a JSON object per row. */
START_TEST(csv_rows_as_fields)
{
        static const char nul[] = "a,b\n1,x\0y\n";
        struct rec_reader *r;
        const char *const *f;
        const size_t *n;
        json_t *rec;
        char *got;

        assert_fields("\xEF\xBB\xBFid;nom;ville\r\n1;\"Espace\r\nnumérique\";Niort\r\n"
                      "\r\n2;\"Café \"\"asso\"\"\";\r\n",
                      "2:1|Espace\r\nnumérique|Niort\n5:2|Café \"asso\"|\n");
        assert_fields("a,b\n1,2\n\n1,2,3\n",
                      "2:1|2\nerror: in:4: row has 3 fields, the header has 2\n");
        assert_fields("a,b\n1,\"x\ny\xE9\"\n",
                      "error: in:2: invalid UTF-8 in field \"b\" (another encoding? --encoding "
                      "cp1252 or latin1)\n");
        assert_fields("a,b\n1,2\n3,\"x\n", "2:1|2\nerror: in:3:3: unterminated quoted field\n");
        assert_fields("a,b,a\n1,2,3\n", "error: in:1: duplicate column \"a\" in the header\n");
        assert_fields("", "");
        assert_fields("a,b\n", "");
        got = read_fields(rec_open_mem(nul, sizeof(nul) - 1, FMT_CSV, "in"));
        ck_assert_str_eq(got, "2:1|x\\0y\n");
        free(got);
        /* padded rows, when the caller allows them */
        r = rec_open_mem("a,b\n1,2,-,\n", 11, FMT_CSV, "in");
        rec_csv_trailing_fields(r, "-");
        got = read_fields(r);
        ck_assert_str_eq(got, "2:1|2\n");
        free(got);
        /* mixed with rec_next: each call takes the next row */
        r = rec_open_mem("a\n1\n2\n3\n", 8, FMT_CSV, "in");
        ck_assert_int_eq(rec_next_fields(r, &f, &n, NULL), 1);
        ck_assert_str_eq(f[0], "1");
        ck_assert_int_eq(rec_next(r, &rec, NULL), 1);
        ck_assert_str_eq(json_string_value(json_object_get(rec, "a")), "2");
        json_decref(rec);
        got = read_fields(r);
        ck_assert_str_eq(got, "4:3\n");
        free(got);
        /* other formats are read with rec_next */
        got = read_fields(rec_open_mem("{\"a\": 1}\n", 9, FMT_AUTO, "in.json"));
        ck_assert_str_eq(got, "error: in.json: not a CSV input\n");
        free(got);
}
END_TEST

START_TEST(json_array_streams_objects_with_their_line)
{
        assert_read("[\n  {\"a\": 1},\n  {\n    \"a\": \"é\"\n  }\n]\n", FMT_AUTO,
                    "2:{\"a\":1}\n3:{\"a\":\"é\"}\n");
        assert_read("[]", FMT_JSON, "");
        assert_read("{\"a\": [1, {\"b\": \"}\"}]}", FMT_AUTO, "1:{\"a\":[1,{\"b\":\"}\"}]}\n");
        assert_read("{\"a\":1}\n{\"a\":2}\n", FMT_JSON, "1:{\"a\":1}\n2:{\"a\":2}\n");
}
END_TEST

START_TEST(json_errors_give_line_and_column)
{
        char *got = read_all("[\n  {\"a\": 1},\n  {\"a\": 2,\n   \"b\": x}\n]\n", FMT_JSON, NULL);

        ck_assert_msg(strncmp(got, "2:{\"a\":1}\nerror: in:4:9: ", 25) == 0, "got %s", got);
        free(got);
        assert_read("[\n  {\"a\": 1}\n  {\"a\": 2}\n]", FMT_JSON,
                    "2:{\"a\":1}\nerror: in:3:3: expected ',' or ']' in the array\n");
        assert_read("[{\"a\": 1}, 3]", FMT_JSON,
                    "1:{\"a\":1}\nerror: in:1:12: expected a JSON object in the array\n");
        assert_read("[{\"a\": 1}", FMT_JSON,
                    "1:{\"a\":1}\nerror: in:1:10: unexpected end of file: "
                    "expected ',' or ']' in the array\n");
        assert_read("[{}] {}", FMT_JSON, "1:{}\nerror: in:1:6: unexpected data after the array\n");
        /* columns count characters, not bytes */
        assert_read("[{\"é\": \"à\"}, x]", FMT_JSON,
                    "1:{\"é\":\"à\"}\nerror: in:1:14: expected a JSON object in the array\n");
        assert_read("\n\n  42", FMT_JSON, "error: in:3:3: expected a JSON object or array\n");
        got = read_all("{\"a\": 1, \"a\": 2}", FMT_JSON, NULL);
        ck_assert_msg(strstr(got, "error: in:1:") == got && strstr(got, "duplicate") != NULL,
                      "got %s", got);
        free(got);
}
END_TEST

START_TEST(ndjson_skips_blank_lines_and_counts_them)
{
        enum fmt f;
        char *got = read_all("{\"a\":1}\n\n{\"a\":2}\r\n  \n{\"b\":[1]}\n", FMT_AUTO, &f);

        ck_assert_int_eq(f, FMT_NDJSON);
        ck_assert_str_eq(got, "1:{\"a\":1}\n3:{\"a\":2}\n5:{\"b\":[1]}\n");
        free(got);
        assert_read("{\"a\":1}\n[1]\n", FMT_NDJSON,
                    "1:{\"a\":1}\nerror: in:2: not a JSON object\n");
        got = read_all("{\"a\":1}\n{\"a\":\n", FMT_NDJSON, NULL);
        ck_assert_msg(strncmp(got, "1:{\"a\":1}\nerror: in:2:", 22) == 0, "got %s", got);
        free(got);
}
END_TEST

START_TEST(yaml_documents_and_sequences)
{
        assert_read("# lieux\n- id: a1\n  nom: \"Médiathèque\"\n  services:\n    - Aide\n"
                    "    - Accès\n  latitude: 43.5\n  vide:\n- id: a2\n",
                    FMT_AUTO,
                    "2:{\"id\":\"a1\",\"nom\":\"Médiathèque\",\"services\":[\"Aide\",\"Accès\"],"
                    "\"latitude\":\"43.5\",\"vide\":null}\n9:{\"id\":\"a2\"}\n");
        assert_read("---\nid: 1\n---\nid: 2\nsub: {a: b}\n...\n---\n", FMT_AUTO,
                    "2:{\"id\":\"1\"}\n4:{\"id\":\"2\",\"sub\":{\"a\":\"b\"}}\n");
        assert_read("id: 1\nid: 2\n", FMT_YAML, "error: in:2: duplicate key \"id\"\n");
        assert_read("- 1\n", FMT_YAML, "error: in:1: expected a mapping\n");
        assert_read("a: &x 1\nb: *x\n", FMT_YAML, "error: in:2: YAML aliases are not supported\n");
        assert_read("a: 1\n  b: 2\n", FMT_YAML,
                    "error: in:2:4: mapping values are not allowed in this context\n");
}
END_TEST

START_TEST(sniffs_the_format_from_the_first_bytes)
{
        static const struct {
                const char *text;
                enum fmt want;
        } cases[] = {
            {"  [\n{}]", FMT_JSON},
            {"{\n \"a\": 1\n}", FMT_JSON},
            {"{\"a\":1}\n{\"a\":2}", FMT_NDJSON},
            {"{\"a\":1}", FMT_JSON},
            {"---\na: 1", FMT_YAML},
            {"nom: x\n", FMT_YAML},
            {"- a: 1", FMT_YAML},
            {"nom,commune\nx,y", FMT_CSV},
            {"nom:x,y\n", FMT_CSV},
            {"", FMT_CSV},
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct rec_reader *r =
                    rec_open_mem(cases[i].text, strlen(cases[i].text), FMT_AUTO, NULL);
                ck_assert_msg(rec_format(r) == cases[i].want, "case %zu: %s", i,
                              fmt_name(rec_format(r)));
                rec_close(r);
        }
}
END_TEST

START_TEST(opens_files_by_extension_and_refuses_folders)
{
        char dir[] = "/tmp/check_rec_XXXXXX", path[64];
        struct rec_reader *r;
        json_t *rec;
        FILE *fp;

        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(path, sizeof(path), "%s/x.ndjson", dir);
        fp = fopen(path, "w");
        fputs("{\"a\":1}", fp); /* one line: sniffing alone would say JSON */
        fclose(fp);
        r = rec_open(path, FMT_AUTO);
        ck_assert_int_eq(rec_format(r), FMT_NDJSON);
        ck_assert_int_eq(rec_next(r, &rec, NULL), 1);
        json_decref(rec);
        ck_assert_int_eq(rec_next(r, &rec, NULL), 0);
        rec_close(r);
        unlink(path);
        snprintf(path, sizeof(path), "%s/missing.csv", dir);
        errno = 0;
        ck_assert_ptr_null(rec_open(path, FMT_AUTO));
        ck_assert_int_eq(errno, ENOENT);
        ck_assert_ptr_null(rec_open(dir, FMT_AUTO));
        ck_assert_int_eq(errno, EISDIR);
        rmdir(dir);
}
END_TEST

/* Counts the records of a real file of the shared data folder data. */
static long count_file(const char *data, const char *rel, enum fmt *fmt)
{
        char path[1024];
        struct rec_reader *r;
        json_t *rec;
        long n = 0;
        int rc;

        snprintf(path, sizeof(path), "%s/annuaire/%s", data, rel);
        r = rec_open(path, FMT_AUTO);
        ck_assert_msg(r != NULL, "%s: cannot open", path);
        while ((rc = rec_next(r, &rec, NULL)) == 1) {
                ck_assert(json_is_string(json_object_get(rec, "nom")));
                json_decref(rec);
                n++;
        }
        ck_assert_msg(rc == 0, "%s", rec_error(r));
        *fmt = rec_format(r);
        rec_close(r);
        return n;
}

START_TEST(reads_the_real_regional_files)
{
        const char *data = shared_data_or_skip("reads_the_real_regional_files");
        enum fmt f;

        if (data == NULL)
                return;
        ck_assert_int_eq(count_file(data,
                                    "20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-"
                                    "alpes-cote-d-azur.json",
                                    &f),
                         646);
        ck_assert_int_eq(f, FMT_JSON);
        ck_assert_int_eq(count_file(data,
                                    "20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-"
                                    "nouvelle-caledonie.json",
                                    &f),
                         90);
        ck_assert_int_eq(count_file(data, "standard-mediation-num-exemple-valide.csv", &f), 1);
        ck_assert_int_eq(f, FMT_CSV);
}
END_TEST

/* Writes the records of the JSON array text in fmt and returns the output. */
static char *write_all(const char *json, enum fmt fmt, const char *const *columns)
{
        json_t *arr = json_loads(json, 0, NULL), *rec;
        char *out = NULL;
        size_t len = 0, i;
        FILE *o = open_memstream(&out, &len);
        struct rec_writer *w = rec_writer_open(o, fmt, columns);

        ck_assert_ptr_nonnull(arr);
        json_array_foreach(arr, i, rec)
        {
                rec_write(w, rec);
        }
        rec_writer_close(w);
        json_decref(arr);
        fclose(o);
        return out;
}

static void assert_written(const char *json, enum fmt fmt, const char *want)
{
        char *got = write_all(json, fmt, NULL);

        ck_assert_str_eq(got, want);
        free(got);
}

static const char sample[] =
    "[{\"nom\": \"Médiathèque\", \"n\": 2, \"lat\": 43.25, \"services\": [\"Aide\", \"Accès\"], "
    "\"rdv\": null, \"libre\": true}, {\"nom\": \"Café, \\\"asso\\\"\", \"n\": 10}]";

START_TEST(writes_json_and_ndjson)
{
        assert_written(sample, FMT_JSON,
                       "[\n  {\n    \"nom\": \"Médiathèque\",\n    \"n\": 2,\n    \"lat\": 43.25,\n"
                       "    \"services\": [\n      \"Aide\",\n      \"Accès\"\n    ],\n"
                       "    \"rdv\": null,\n    \"libre\": true\n  },\n  {\n"
                       "    \"nom\": \"Café, \\\"asso\\\"\",\n    \"n\": 10\n  }\n]\n");
        assert_written(sample, FMT_NDJSON,
                       "{\"nom\":\"Médiathèque\",\"n\":2,\"lat\":43.25,\"services\":[\"Aide\","
                       "\"Accès\"],\"rdv\":null,\"libre\":true}\n"
                       "{\"nom\":\"Café, \\\"asso\\\"\",\"n\":10}\n");
        assert_written("[]", FMT_JSON, "[]\n");
        assert_written("[]", FMT_NDJSON, "");
        assert_written("[{\"x\": 0.1}]", FMT_JSON, "[\n  {\n    \"x\": 0.1\n  }\n]\n");
}
END_TEST

START_TEST(writes_csv_with_joined_lists)
{
        static const char *const cols[] = {"nom", "services", "absent", NULL};
        char *got;

        assert_written(sample, FMT_CSV,
                       "nom,n,lat,services,rdv,libre\nMédiathèque,2,43.25,Aide|Accès,,true\n"
                       "\"Café, \"\"asso\"\"\",10,,,,\n");
        got = write_all(sample, FMT_CSV, cols);
        ck_assert_str_eq(got, "nom,services,absent\nMédiathèque,Aide|Accès,\n"
                              "\"Café, \"\"asso\"\"\",,\n");
        free(got);
        got = write_all("[]", FMT_CSV, cols);
        ck_assert_str_eq(got, "nom,services,absent\n");
        free(got);
        assert_written("[{\"x\": 1e300, \"y\": 0.30000000000000004, \"z\": -7}]", FMT_CSV,
                       "x,y,z\n1e+300,0.30000000000000004,-7\n");
}
END_TEST

START_TEST(writes_yaml_that_reads_back)
{
        const char *json = "[{\"nom\": \"Médiathèque\", \"cp\": \"01000\", \"oui\": \"yes\", "
                           "\"t\": \"a: b\", \"l\": [\"x\", \"- y\"], \"vide\": [], \"nb\": 3, "
                           "\"o\": {\"k\": \"v\"}, \"nl\": \"a\\nb\"}]";
        char *got = write_all(json, FMT_YAML, NULL), *back;

        ck_assert_str_eq(got, "- nom: Médiathèque\n  cp: \"01000\"\n  oui: \"yes\"\n"
                              "  t: \"a: b\"\n  l:\n    - x\n    - \"- y\"\n  vide: []\n"
                              "  nb: 3\n  o:\n    k: v\n  nl: \"a\\nb\"\n");
        back = read_all(got, FMT_YAML, NULL);
        ck_assert_str_eq(back, "1:{\"nom\":\"Médiathèque\",\"cp\":\"01000\",\"oui\":\"yes\","
                               "\"t\":\"a: b\",\"l\":[\"x\",\"- y\"],\"vide\":[],\"nb\":\"3\","
                               "\"o\":{\"k\":\"v\"},\"nl\":\"a\\nb\"}\n");
        free(back);
        free(got);
        assert_written("[]", FMT_YAML, "[]\n");
        /* YAML's own line breaks (NEL, LS) must not be written raw */
        got = write_all("[{\"s\": \"a\\u0085b\\u2028c\"}]", FMT_YAML, NULL);
        ck_assert_str_eq(got, "- s: \"a\\u0085b\\u2028c\"\n");
        back = read_all(got, FMT_YAML, NULL);
        ck_assert_str_eq(back, "1:{\"s\":\"a\xC2\x85"
                               "b\xE2\x80\xA8"
                               "c\"}\n");
        free(back);
        free(got);
}
END_TEST

START_TEST(writes_an_aligned_table)
{
        assert_written("[{\"nom\": \"Médiathèque\", \"cp\": \"01000\"}, {\"nom\": \"Pôle\", "
                       "\"ville\": \"Aix\"}, {\"nom\": \"Maison des services au public de "
                       "Saint-Étienne\", \"cp\": \"42000\"}]",
                       FMT_TABLE,
                       "nom                                       cp     ville\n"
                       "Médiathèque                               01000\n"
                       "Pôle                                             Aix\n"
                       "Maison des services au public de Saint-…  42000\n");
        assert_written("[{\"a\": [\"x\", \"y\"], \"b\": \"l1\\nl2\"}]", FMT_TABLE,
                       "a     b\nx, y  l1 l2\n");
        assert_written("[]", FMT_TABLE, "");
}
END_TEST

START_TEST(writes_geojson_points_and_skips_the_rest)
{
        assert_written("[{\"nom\": \"A\", \"latitude\": 43.5, \"longitude\": 5.25}, "
                       "{\"nom\": \"B\"}, {\"nom\": \"C\", \"latitude\": \"-21,5\", "
                       "\"longitude\": \"165.5\"}, {\"nom\": \"D\", \"latitude\": \"abc\", "
                       "\"longitude\": 1}, {\"nom\": \"E\", \"latitude\": 95, \"longitude\": 1}]",
                       FMT_GEOJSON,
                       "{\"type\": \"FeatureCollection\", \"features\": [\n"
                       "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                       "\"coordinates\": [5.25, 43.5]}, \"properties\": {\"nom\": \"A\"}},\n"
                       "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                       "\"coordinates\": [165.5, -21.5]}, \"properties\": {\"nom\": \"C\"}}\n"
                       "]}\n");
        assert_written("[{\"nom\": \"B\"}]", FMT_GEOJSON,
                       "{\"type\": \"FeatureCollection\", \"features\": [\n]}\n");
}
END_TEST

/* csv -> records -> csv gives the same bytes. */
static void assert_csv_round_trip(const char *text)
{
        struct rec_reader *r = rec_open_mem(text, strlen(text), FMT_AUTO, NULL);
        char *out = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&out, &len);
        struct rec_writer *w = rec_writer_open(o, FMT_CSV, rec_columns(r));
        json_t *rec;

        while (rec_next(r, &rec, NULL) == 1) {
                rec_write(w, rec);
                json_decref(rec);
        }
        ck_assert_ptr_null(rec_error(r));
        rec_writer_close(w);
        rec_close(r);
        fclose(o);
        ck_assert_str_eq(out, text);
        free(out);
}

START_TEST(csv_round_trips)
{
        assert_csv_round_trip("id,nom,services\n1,\"Café, \"\"asso\"\"\",Aide|Accès\n"
                              "2,\"deux\nlignes\",\n3,\"a;b\",\" espace\"\n");
        /* a lone empty field is quoted, or it would read back as a skipped blank line */
        assert_csv_round_trip("nom\nA\n\"\"\nB\n");
}
END_TEST

/* 100,000 rows go through with the reader's memory staying small. */
START_TEST(streams_a_large_csv)
{
        char path[] = "/tmp/check_rec_big_XXXXXX";
        int fd = mkstemp(path);
        FILE *fp = fdopen(fd, "w");
        struct rec_reader *r;
        struct rec_loc loc;
        json_t *rec;
        long n = 0;

        fputs("id,nom,commune,services\n", fp);
        for (int i = 0; i < 100000; i++)
                fprintf(fp, "id-%d,\"Lieu %d, annexe\",Saint-Étienne,Aide|Accès\n", i, i);
        fclose(fp);
        r = rec_open(path, FMT_AUTO);
        while (rec_next(r, &rec, &loc) == 1) {
                n++;
                json_decref(rec);
        }
        ck_assert_ptr_null(rec_error(r));
        ck_assert_int_eq(n, 100000);
        ck_assert_int_eq(loc.line, 100001);
        ck_assert_int_eq(loc.index, 100000);
        rec_close(r);
        unlink(path);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("rec");
        TCase *tc = tcase_create("rec");
        SRunner *sr;
        int failed;

        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, csv_records_carry_their_line);
        tcase_add_test(tc, csv_errors_name_the_line);
        tcase_add_test(tc, csv_rows_as_fields);
        tcase_add_test(tc, json_array_streams_objects_with_their_line);
        tcase_add_test(tc, json_errors_give_line_and_column);
        tcase_add_test(tc, ndjson_skips_blank_lines_and_counts_them);
        tcase_add_test(tc, yaml_documents_and_sequences);
        tcase_add_test(tc, sniffs_the_format_from_the_first_bytes);
        tcase_add_test(tc, opens_files_by_extension_and_refuses_folders);
        tcase_add_test(tc, reads_the_real_regional_files);
        tcase_add_test(tc, writes_json_and_ndjson);
        tcase_add_test(tc, writes_csv_with_joined_lists);
        tcase_add_test(tc, writes_yaml_that_reads_back);
        tcase_add_test(tc, writes_an_aligned_table);
        tcase_add_test(tc, writes_geojson_points_and_skips_the_rest);
        tcase_add_test(tc, csv_round_trips);
        tcase_add_test(tc, streams_a_large_csv);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
