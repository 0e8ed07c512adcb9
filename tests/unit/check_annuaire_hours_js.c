/* The opening_hours evaluator against opening_hours.js (npm package opening_hours, the
 * reference implementation): every real horaires value of ../shared/data and values made
 * by a seeded generator of the supported subset, at instants that cross midnight, public
 * holidays and the changes of summer time, in each place's own time zone. Skipped, and
 * said so, without node and npm, or when the package cannot be installed. */
#include "clock.h"
#include "holidays.h"
#include "ohours.h"
#include "skip.h"
#include "strbuf.h"
#include "xalloc.h"

#include <check.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PEER_VERSION "3.15.0"
#define MAX_TIMES    192
#define GENERATED    1200

struct value {
        char *spec, *insee;
};

struct values {
        struct value *v;
        size_t n;
};

struct tally {
        int values, both, ours_only, peer_only, neither;
        long instants, agree, known;
        int shown;
};

/* --- the peer --------------------------------------------------------------------- */

/* The folder opening_hours.js is installed in (a new string), or NULL after a "skipped:"
 * line. It is installed once in the build folder, outside the sources. */
static char *peer_or_skip(const char *test)
{
        const char *build = getenv("AIDANT_BUILD");
        char *dir =
            xasprintf("%s/peers/opening_hours-" PEER_VERSION, build != NULL ? build : "build");
        char *pkg = xasprintf("%s/node_modules/opening_hours/package.json", dir);
        struct stat st;

        if (system("command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1") != 0) {
                fprintf(stderr, "skipped: %s: node and npm are not installed\n", test);
                free(pkg), free(dir);
                return NULL;
        }
        if (stat(pkg, &st) != 0) {
                char *cmd =
                    xasprintf("mkdir -p '%s' && npm install --prefix '%s' --no-audit --no-fund "
                              "--no-save --silent opening_hours@" PEER_VERSION " >/dev/null 2>&1",
                              dir, dir);
                if (system(cmd) != 0 || stat(pkg, &st) != 0) {
                        fprintf(stderr, "skipped: %s: npm could not install opening_hours@%s\n",
                                test, PEER_VERSION);
                        free(cmd), free(pkg), free(dir);
                        return NULL;
                }
                free(cmd);
        }
        free(pkg);
        return dir;
}

/* The region opening_hours.js chooses public holidays by, for an INSEE code. */
static const char *peer_state(const char *insee)
{
        static const char *const states[][2] = {
            {"57", "Moselle"},
            {"67", "Bas-Rhin"},
            {"68", "Haut-Rhin"},
            {"971", "Guadeloupe"},
            {"972", "Martinique"},
            {"973", "Guyane"},
            {"974", "La Réunion"},
            {"975", "Saint-Pierre-et-Miquelon"},
            {"976", "Mayotte"},
            {"977", "Saint-Barthélemy"},
            {"978", "Saint-Martin"},
            {"986", "Wallis-et-Futuna"},
            {"987", "Polynésie française"},
            {"988", "Nouvelle-Calédonie"},
        };

        for (size_t i = 0; insee != NULL && i < sizeof(states) / sizeof(*states); i++)
                if (strncmp(insee, states[i][0], strlen(states[i][0])) == 0)
                        return states[i][1];
        return "Île-de-France";
}

/* Days where the two lists of holidays differ on purpose (holidays.c follows the decrees,
 * opening_hours.js an older list): Saint-Martin moved its day to 28 May in 2018,
 * Wallis-et-Futuna's official list has no 29 June, Saint-Barthélemy's no Vendredi saint. */
static bool known_difference(const char *insee, int month, int day)
{
        int em, ed;

        if (insee == NULL)
                return false;
        holiday_easter(2026, &em, &ed);
        if (strncmp(insee, "978", 3) == 0)
                return month == 5 && (day == 27 || day == 28);
        if (strncmp(insee, "986", 3) == 0)
                return month == 6 && day == 29;
        if (strncmp(insee, "977", 3) == 0)
                return cal_days(2026, month, day) == cal_days(2026, em, ed) - 2;
        return false;
}

/* --- instants ------------------------------------------------------------------------- */

static time_t local_instant(int y, int mo, int d, int h, int mi)
{
        struct tm tm = {.tm_year = y - 1900,
                        .tm_mon = mo - 1,
                        .tm_mday = d,
                        .tm_hour = h,
                        .tm_min = mi,
                        .tm_isdst = -1};

        return mktime(&tm);
}

/* The instants a value is compared at, in the place's zone: a week around the clock, the
 * territory's holidays of 2026 and the nights the clocks change (Paris and Miquelon). */
static int instants(const char *insee, time_t *t)
{
        static const int hm[] = {0,   1,   30,  119, 450,  540,  615,  719,
                                 720, 765, 840, 960, 1080, 1199, 1350, 1439};
        static const char *const utc[] = {
            "2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:01:00Z",
            "2026-03-29T06:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T00:59:00Z",
            "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T07:00:00Z",
            "2026-03-08T04:59:00Z", "2026-03-08T05:00:00Z", "2026-03-08T05:01:00Z",
            "2026-11-01T03:59:00Z", "2026-11-01T04:00:00Z", "2026-11-01T04:01:00Z",
        };
        struct holiday h[HOLIDAYS_MAX];
        struct clock_zone z;
        int n = 0, nh;

        clock_zone_enter(&z, holiday_zone(insee));
        for (int d = 22; d <= 29; d++)
                for (size_t k = 0; k < sizeof(hm) / sizeof(*hm); k++)
                        t[n++] = local_instant(2026, 11, d, hm[k] / 60, hm[k] % 60);
        nh = holiday_list(2026, insee, h);
        for (int k = 0; k < nh; k++) {
                t[n++] = local_instant(2026, h[k].month, h[k].day, 10, 30);
                t[n++] = local_instant(2026, h[k].month, h[k].day, 23, 30);
        }
        t[n++] = local_instant(2026, 4, 3, 10, 30); /* the known differences */
        t[n++] = local_instant(2026, 5, 27, 10, 30);
        t[n++] = local_instant(2026, 6, 29, 10, 30);
        clock_zone_leave(&z);
        for (size_t k = 0; k < sizeof(utc) / sizeof(*utc); k++)
                ck_assert_int_eq(clock_parse(utc[k], &t[n++]), 0);
        ck_assert_int_le(n, MAX_TIMES);
        return n;
}

static bool on_known_difference(const char *insee, time_t t)
{
        struct clock_zone z;
        struct tm tm;

        clock_zone_enter(&z, holiday_zone(insee));
        localtime_r(&t, &tm);
        clock_zone_leave(&z);
        return known_difference(insee, tm.tm_mon + 1, tm.tm_mday);
}

/* --- comparing ---------------------------------------------------------------------- */

static const char *state_name(enum ohours_state st)
{
        return st == OH_OPEN ? "open" : st == OH_CLOSED ? "closed" : "unknown";
}

static void compare_one(const struct value *v, json_t *peer, struct tally *t)
{
        struct ohours *oh = ohours_parse(v->spec, NULL);
        json_t *states = json_object_get(peer, "states");
        time_t times[MAX_TIMES];
        int n = instants(v->insee, times);

        t->values++;
        if ((oh == NULL || states == NULL) && t->shown++ < 12)
                fprintf(stderr, "'%s' is evaluated by %s%s%s\n", v->spec,
                        oh != NULL       ? "aidant only"
                        : states != NULL ? "opening_hours.js only"
                                         : "neither",
                        states == NULL ? ": " : "",
                        states == NULL ? json_string_value(json_object_get(peer, "error")) : "");
        if (oh == NULL || states == NULL) {
                if (oh == NULL && states == NULL)
                        t->neither++;
                else if (oh == NULL)
                        t->peer_only++;
                else
                        t->ours_only++;
                ohours_free(oh);
                return;
        }
        t->both++;
        ck_assert_int_eq(json_array_size(states), n);
        for (int k = 0; k < n; k++) {
                const char *ours = state_name(ohours_state_at(oh, times[k], v->insee, NULL));
                const char *theirs = json_string_value(json_array_get(states, (size_t)k));
                char iso[21];

                t->instants++;
                if (strcmp(ours, theirs) == 0) {
                        t->agree++;
                } else if (on_known_difference(v->insee, times[k])) {
                        t->known++;
                } else if (t->shown++ < 12) {
                        clock_format_utc(times[k], iso);
                        fprintf(stderr,
                                "differs: '%s' (insee %s) at %s: ours %s, opening_hours.js %s\n",
                                v->spec, v->insee != NULL ? v->insee : "-", iso, ours, theirs);
                }
        }
        ohours_free(oh);
}

/* Runs the peer on the values of one zone (NULL: the local one) and compares. */
static void compare_zone(const char *peer, const struct values *vals, const char *zone,
                         struct tally *t)
{
        char in[] = "/tmp/aidant-ohjs-in-XXXXXX", out[] = "/tmp/aidant-ohjs-out-XXXXXX";
        const char *root = getenv("AIDANT_ROOT");
        FILE *f = fdopen(mkstemp(in), "w"), *r;
        char *cmd, *line = NULL;
        size_t cap = 0;
        time_t times[MAX_TIMES];

        close(mkstemp(out));
        for (size_t i = 0; i < vals->n; i++) {
                const char *z = holiday_zone(vals->v[i].insee);
                json_t *o, *a;
                int n;

                if (z == NULL ? zone != NULL : zone == NULL || strcmp(z, zone) != 0)
                        continue;
                a = json_array();
                n = instants(vals->v[i].insee, times);
                for (int k = 0; k < n; k++)
                        json_array_append_new(a, json_integer((json_int_t)times[k] * 1000));
                o = json_pack("{s:s, s:s, s:o}", "spec", vals->v[i].spec, "state",
                              peer_state(vals->v[i].insee), "times", a);
                json_dumpf(o, f, JSON_COMPACT);
                fputc('\n', f);
                json_decref(o);
        }
        fclose(f);
        cmd =
            xasprintf("TZ='%s' OPENING_HOURS_JS='%s/node_modules/opening_hours' node "
                      "'%s/tests/peer/opening_hours_eval.js' <'%s' >'%s'",
                      zone != NULL ? zone : getenv("TZ"), peer, root != NULL ? root : ".", in, out);
        ck_assert_msg(system(cmd) == 0, "the peer failed: %s", cmd);
        r = fopen(out, "r");
        for (size_t i = 0; i < vals->n; i++) {
                const char *z = holiday_zone(vals->v[i].insee);
                json_t *res;

                if (z == NULL ? zone != NULL : zone == NULL || strcmp(z, zone) != 0)
                        continue;
                ck_assert_msg(getline(&line, &cap, r) > 0, "the peer stopped early");
                res = json_loads(line, 0, NULL);
                ck_assert_ptr_nonnull(res);
                compare_one(&vals->v[i], res, t);
                json_decref(res);
        }
        free(line);
        fclose(r);
        unlink(in);
        unlink(out);
        free(cmd);
}

static void compare_all(const char *peer, const struct values *vals, struct tally *t)
{
        json_t *zones = json_object();
        const char *zone;
        json_t *v;

        for (size_t i = 0; i < vals->n; i++) {
                const char *z = holiday_zone(vals->v[i].insee);

                json_object_set_new(zones, z != NULL ? z : "", json_true());
        }
        json_object_foreach(zones, zone, v)
        {
                compare_zone(peer, vals, zone[0] != '\0' ? zone : NULL, t);
        }
        json_decref(zones);
}

static void report(const char *what, const struct tally *t)
{
        printf("opening_hours.js %s, %s: %d values (%d evaluated by both, %d by aidant only, "
               "%d by opening_hours.js only, %d by neither); %ld instants compared, %ld agree "
               "(%.2f%%), %ld on the days where the holiday lists differ on purpose\n",
               PEER_VERSION, what, t->values, t->both, t->ours_only, t->peer_only, t->neither,
               t->instants, t->agree, t->instants > 0 ? 100.0 * t->agree / t->instants : 0.0,
               t->known);
}

static void add_value(struct values *vals, const char *spec, const char *insee)
{
        vals->v = xreallocarray(vals->v, vals->n + 1, sizeof(*vals->v));
        vals->v[vals->n].spec = xstrdup(spec);
        vals->v[vals->n].insee = insee != NULL ? xstrdup(insee) : NULL;
        vals->n++;
}

static void free_values(struct values *vals)
{
        for (size_t i = 0; i < vals->n; i++) {
                free(vals->v[i].spec);
                free(vals->v[i].insee);
        }
        free(vals->v);
}

/* --- the values ---------------------------------------------------------------------- */

static const char *const regional[] = {
    "20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json",
    "20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json",
    "20231003-bus-france-services-en-charente-lieux-de-mediation-numeriques-nouvelle-"
    "aquitaine.json",
    "20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-nouvelle-caledonie.json",
};

/* Every distinct (horaires, code_insee) of the regional lists. */
static void real_values(const char *data, struct values *vals)
{
        json_t *seen = json_object();

        for (size_t f = 0; f < sizeof(regional) / sizeof(*regional); f++) {
                char *path = xasprintf("%s/annuaire/%s", data, regional[f]);
                json_t *all = json_load_file(path, 0, NULL), *rec;
                size_t i;

                ck_assert_msg(json_is_array(all), "cannot read %s", path);
                json_array_foreach(all, i, rec)
                {
                        const char *spec = json_string_value(json_object_get(rec, "horaires"));
                        const char *insee = json_string_value(json_object_get(rec, "code_insee"));
                        char *key;

                        if (spec == NULL || spec[0] == '\0')
                                continue;
                        key = xasprintf("%s\t%s", spec, insee != NULL ? insee : "");
                        if (json_object_get(seen, key) == NULL)
                                add_value(vals, spec, insee);
                        json_object_set_new(seen, key, json_true());
                        free(key);
                }
                json_decref(all);
                free(path);
        }
        json_decref(seen);
}

static uint64_t seed = 0x20261123a1da17ULL;

static unsigned rnd(unsigned n)
{
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return (unsigned)(seed % n);
}

static const char *pick(const char *const *v, size_t n)
{
        return v[rnd((unsigned)n)];
}

#define PICK(v) pick(v, sizeof(v) / sizeof(*v))

static void gen_times(struct strbuf *sb)
{
        int n = 1 + (int)rnd(3), from = 6 * 60 + 30 * (int)rnd(8);

        if (rnd(6) == 0) {
                static const char *const nights[] = {"22:00-02:00", "18:00-01:30", "20:00-26:00",
                                                     "23:30-00:30", "00:00-24:00"};
                strbuf_addstr(sb, PICK(nights));
                return;
        }
        for (int i = 0; i < n && from < 23 * 60; i++) {
                int to = from + 30 * (1 + (int)rnd(12));

                if (to > 24 * 60)
                        to = 24 * 60;
                strbuf_addf(sb, "%s%02d:%02d-%02d:%02d", i > 0 ? "," : "", from / 60, from % 60,
                            to / 60, to % 60);
                from = to + 30 * (int)rnd(6);
        }
}

/* One rule of the supported subset, in the canonical syntax both sides read; true when
 * it ends with times, a state or a comment (a ',' may follow: after days it would be
 * read as one more day). */
static bool gen_rule(struct strbuf *sb)
{
        static const char *const months[] = {"Jan-Mar ", "Dec 24-26 ", "Jul-Aug ",      "Nov ",
                                             "Dec 25 ",  "Oct-Mar ",   "Nov 20-Dec 05 "};
        static const char *const days[] = {"Mo-Fr",   "Sa,Su", "Tu-Th", "Mo,We,Fr", "Su",
                                           "Fr-Mo",   "PH",    "Sa,PH", "Mo[1]",    "Fr[-1]",
                                           "We[2,4]", "Mo-Sa", "Th"};
        static const char *const states[] = {" off", " closed", " open", " unknown"};
        size_t len = sb->len;
        bool dated = false, in_months = false, timed = false;

        if (rnd(7) == 0)
                strbuf_addstr(sb, PICK(months)), dated = in_months = true;
        if (rnd(9) == 0)
                strbuf_addstr(sb, "week 1-53/2 "), dated = true;
        if (rnd(6) != 0) {
                const char *d = PICK(days);

                /* opening_hours.js refuses an nth weekday inside a month range */
                while (in_months && strchr(d, '[') != NULL)
                        d = PICK(days);
                strbuf_addstr(sb, d);
                strbuf_addch(sb, ' ');
                dated = true;
        }
        if (rnd(5) != 0 || !dated)
                gen_times(sb), timed = true;
        while (sb->len > len && sb->buf[sb->len - 1] == ' ')
                sb->buf[--sb->len] = '\0';
        if (rnd(6) == 0)
                strbuf_addstr(sb, PICK(states)), timed = true;
        if (rnd(7) == 0)
                strbuf_addstr(sb, " \"sur rendez-vous\""), timed = true;
        return timed;
}

static void generated_values(struct values *vals, int count)
{
        static const char *const insee[] = {"75056", "13055", "67482", "57463", "97105",
                                            "97209", "97302", "97411", "97502", "97611",
                                            "97701", "97801", "98613", "98735", "98818"};
        struct strbuf sb = STRBUF_INIT;

        for (int i = 0; i < count; i++) {
                int rules = 1 + (int)rnd(3);
                bool comma_ok = false;

                strbuf_reset(&sb);
                for (int k = 0; k < rules; k++) {
                        if (k > 0)
                                strbuf_addstr(&sb, comma_ok && rnd(5) == 0 ? ", " : "; ");
                        comma_ok = gen_rule(&sb);
                }
                if (rnd(25) == 0)
                        strbuf_addstr(&sb, rnd(2) == 0 ? "; PH off" : "; 24/7; Su off");
                add_value(vals, strbuf_str(&sb), rnd(4) == 0 ? NULL : PICK(insee));
        }
        strbuf_release(&sb);
}

START_TEST(real_values_agree_with_opening_hours_js)
{
        const char *data = shared_data_or_skip("real_values_agree_with_opening_hours_js");
        char *peer = data != NULL ? peer_or_skip("real_values_agree_with_opening_hours_js") : NULL;
        struct values vals = {0};
        struct tally t = {0};

        if (peer == NULL)
                return;
        real_values(data, &vals);
        compare_all(peer, &vals, &t);
        report("real values", &t);
        ck_assert_int_gt(t.both, 300);
        ck_assert_msg(t.agree + t.known == t.instants, "%ld instants differ",
                      t.instants - t.agree - t.known);
        free_values(&vals);
        free(peer);
}
END_TEST

START_TEST(generated_values_agree_with_opening_hours_js)
{
        char *peer = peer_or_skip("generated_values_agree_with_opening_hours_js");
        struct values vals = {0};
        struct tally t = {0};

        if (peer == NULL)
                return;
        generated_values(&vals, GENERATED);
        compare_all(peer, &vals, &t);
        report("generated values", &t);
        ck_assert_int_eq(t.both, GENERATED);
        ck_assert_msg(t.agree + t.known == t.instants, "%ld instants differ",
                      t.instants - t.agree - t.known);
        free_values(&vals);
        free(peer);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("annuaire_hours_js");
        TCase *tc = tcase_create("opening_hours.js");
        SRunner *sr;
        int failed;

        setenv("TZ", "Europe/Paris", 1);
        tcase_set_timeout(tc, 600);
        tcase_add_test(tc, real_values_agree_with_opening_hours_js);
        tcase_add_test(tc, generated_values_agree_with_opening_hours_js);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
