/* aidant-diag's scoring and form reader: the rules of aidant-diag(1), SCORING, on small
 * forms written here, and the errors of the reader with their lines. */
#include "diagnose.h"
#include "form.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const char form_text_[] =
    "id: t\n"
    "framework: pix\n"
    "title: Test\n"
    "questions:\n"
    "  - id: a\n"
    "    competences: ['1.1', '2.1']\n"
    "    text: A\n"
    "    multiple: true\n"
    "    choices:\n"
    "      - {id: un, text: un, level: 1}\n"
    "      - {id: cinq, text: cinq, level: 5, flags: [vue]}\n"
    "      - {id: zero, text: zero, level: 0, flags: [email, sans_email]}\n"
    "  - id: b\n"
    "    competences: ['1.1']\n"
    "    text: B\n"
    "    choices:\n"
    "      - {id: deux, text: deux, level: 2, autonomie: autonome}\n"
    "      - {id: quatre, text: quatre, level: 4, autonomie: partiellement_autonome}\n";

static struct form *parse(const char *text)
{
        struct form_errors errs = {0};
        struct form *f = form_parse(text, strlen(text), "t.yaml", &errs);

        for (size_t i = 0; i < errs.n; i++)
                fprintf(stderr, "%s\n", errs.v[i]);
        form_errors_free(&errs);
        return f;
}

static json_t *score(const struct form *f, const char *chosen)
{
        json_t *c = json_loads(chosen, 0, NULL);
        json_t *r = diag_score(f, c);

        json_decref(c);
        return r;
}

static long level(json_t *r, const char *code)
{
        json_t *v = json_object_get(json_object_get(r, "levels"), code);

        return json_is_integer(v) ? (long)json_integer_value(v) : -1;
}

START_TEST(levels_are_the_integer_part_of_the_mean)
{
        struct form *f = parse(form_text_);
        json_t *r;

        ck_assert_ptr_nonnull(f);
        /* a: max(1, 5) = 5; b: 2 -> 1.1 = (5 + 2) / 2 = 3; 2.1 = 5 */
        r = score(f, "{\"a\": [\"un\", \"cinq\"], \"b\": [\"deux\"]}");
        ck_assert_int_eq(level(r, "1.1"), 3);
        ck_assert_int_eq(level(r, "2.1"), 5);
        ck_assert_int_eq(level(r, "3.4"), -1);
        /* strengths: highest first */
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r, "strengths"), 0)),
                         "2.1");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r, "strengths"), 1)),
                         "1.1");
        ck_assert_str_eq(json_string_value(json_object_get(r, "autonomie")), "autonome");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r, "barriers"), 0)),
                         "vue");
        json_decref(r);
        form_free(f);
}
END_TEST

START_TEST(autonomy_is_the_least_autonomous_or_from_the_mean)
{
        struct form *f = parse(form_text_);
        json_t *r = score(f, "{\"b\": [\"quatre\"]}");
        char *needs, *barriers;

        ck_assert_str_eq(json_string_value(json_object_get(r, "autonomie")),
                         "partiellement_autonome");
        json_decref(r);
        /* no autonomy answer: mean of assessed levels 0 -> entierement_accompagne */
        r = score(f, "{\"a\": [\"zero\"]}");
        ck_assert_str_eq(json_string_value(json_object_get(r, "autonomie")),
                         "entierement_accompagne");
        /* needs: the flags, then those of the competences below 2 (1.1 -> navigation) */
        needs = json_dumps(json_object_get(r, "needs"), JSON_COMPACT);
        barriers = json_dumps(json_object_get(r, "barriers"), JSON_COMPACT);
        ck_assert_str_eq(needs, "[\"navigation_sur_internet\",\"email\"]");
        ck_assert_str_eq(barriers, "[\"sans_email\"]");
        free(needs);
        free(barriers);
        json_decref(r);
        r = score(f, "{}");
        ck_assert_str_eq(json_string_value(json_object_get(r, "autonomie")),
                         "entierement_accompagne");
        ck_assert_int_eq(json_array_size(json_object_get(r, "strengths")), 0);
        json_decref(r);
        form_free(f);
}
END_TEST

START_TEST(the_same_answers_give_the_same_id)
{
        struct form *f = parse(form_text_);
        struct diag_input in = {"u-1", "2026-11-23", NULL};
        json_t *ans =
            json_loads("{\"answers\": {\"b\": \"deux\", \"a\": [\"cinq\", \"un\"]}}", 0, NULL);
        char *e1 = NULL, *e2 = NULL, id1[17], id2[17];
        json_t *d1 = diag_from_answers(f, ans, "x", &in, &e1);
        json_t *d2 = diag_from_answers(f, ans, "x", &in, &e2);
        char *c1 = diag_canonical(d1), *c2 = diag_canonical(d2);

        ck_assert_ptr_null(e1);
        diag_id(c1, id1);
        diag_id(c2, id2);
        ck_assert_str_eq(c1, c2);
        ck_assert_str_eq(id1, id2);
        /* choices are kept in the form's order */
        ck_assert_ptr_nonnull(strstr(c1, "\"a\":[\"un\",\"cinq\"]"));
        ck_assert_ptr_null(strstr(c1, "\": "));
        ck_assert_ptr_null(strstr(c1, ", \""));
        free(c1);
        free(c2);
        json_decref(d1);
        json_decref(d2);
        json_decref(ans);
        form_free(f);
}
END_TEST

START_TEST(reader_errors_name_their_line)
{
        static const char bad[] =
            "id: t\nframework: pix\ntitle: T\nquestions:\n"
            "  - id: a\n    text: A\n    competences: ['1.1']\n"
            "    choices:\n      - {id: x, text: x}\n      - {id: y, text: y}\n";
        struct form_errors errs = {0};
        struct form *f = form_parse(bad, strlen(bad), "b.yaml", &errs);

        ck_assert_ptr_null(f);
        ck_assert_int_eq(errs.n, 1);
        ck_assert_str_eq(errs.v[0],
                         "b.yaml:5: questions[a]: informs competences but no choice has a level");
        form_errors_free(&errs);
        f = form_parse("", 0, "e.yaml", &errs);
        ck_assert_ptr_null(f);
        ck_assert_str_eq(errs.v[0], "e.yaml:1: form: the file is empty");
        form_errors_free(&errs);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("diag_score");
        TCase *tc = tcase_create("score");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, levels_are_the_integer_part_of_the_mean);
        tcase_add_test(tc, autonomy_is_the_least_autonomous_or_from_the_mean);
        tcase_add_test(tc, the_same_answers_give_the_same_id);
        tcase_add_test(tc, reader_errors_name_their_line);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
