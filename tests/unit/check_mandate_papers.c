/* papers: what the mandate and revocation attestations say, whatever the structure
 * records (address, phone), and the exact statement their QR code signs. */
#include "papers.h"
#include "demo.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static const int all[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

static struct paper_mandate mandate(const char *civility, const char *address, const char *phone)
{
        struct paper_mandate m = {
            .s = {"Médiathèque Jean-Jaurès", "21010053100017", address, phone, "5A3F0B2C1D4E6F70"},
            .p = {"Josiane", "Lambert", "1948-05-17", civility, "u-0123456789"},
            .id = 7,
            .helper = "Camille Rivière",
            .demarches = all,
            .ndemarches = 10,
            .created = 1795424400, /* 2026-11-23T10:00:00+01:00 */
            .expires = 1826960400, /* 2027-11-23T10:00:00+01:00 */
            .consent = "paper",
            .code = "ABCD-EFGH",
            .qr = "statement",
            .qr_len = 9,
        };
        return m;
}

/* The text with every run of blanks and newlines made one space, so that a check does
 * not depend on where the lines wrap. */
static char *flat(char *s)
{
        char *w = s;

        for (const char *r = s; *r != '\0'; r++)
                if (!(*r == ' ' || *r == '\n') || (w > s && w[-1] != ' '))
                        *w++ = *r == '\n' ? ' ' : *r;
        *w = '\0';
        return s;
}

static char *render(const struct paper_mandate *m, bool easy, enum doc_form form)
{
        struct doc *d = paper_mandate_doc(m, easy);
        char *s = doc_render(d, form);

        doc_free(d);
        return form == DOC_TEXT ? flat(s) : s;
}

static void setup(void)
{
        setenv("TZ", "Europe/Paris", 1);
        setenv("LANGUAGE", "C", 1);
        setlocale(LC_ALL, "C");
}

START_TEST(the_statement_holds_what_the_paper_says)
{
        struct paper_mandate m = mandate(NULL, NULL, NULL);
        char *s = paper_mandate_statement(&m);

        ck_assert_str_eq(s, "aidant-mandate attestation 7\n"
                            "structure: Médiathèque Jean-Jaurès\n"
                            "siret: 21010053100017\n"
                            "key: 5A3F0B2C1D4E6F70\n"
                            "usager: Josiane Lambert\n"
                            "birth: 1948-05-17\n"
                            "demarches: papiers,famille,social,travail,logement,transports,"
                            "argent,justice,etranger,loisirs\n"
                            "from: 2026-11-23\n"
                            "until: 2027-11-23\n"
                            "code: ABCD-EFGH\n");
        free(s);
}
END_TEST

START_TEST(address_and_phone_say_whom_to_ask)
{
        struct paper_mandate m =
            mandate("madame", "12 rue des Écoles, 01000 Bourg-en-Bresse", "04 74 00 00 00");
        char *t = render(&m, false, DOC_TEXT), *e = render(&m, true, DOC_TEXT);
        char *h = render(&m, false, DOC_HTML);

        ck_assert_ptr_nonnull(strstr(t, "Médiathèque Jean-Jaurès 12 rue des Écoles, 01000 "
                                        "Bourg-en-Bresse Phone: 04 74 00 00 00 · SIRET "));
        ck_assert_ptr_nonnull(strstr(t, "ask Médiathèque Jean-Jaurès, 12 rue des Écoles, 01000"));
        ck_assert_ptr_nonnull(strstr(t, "phone 04 74 00 00 00, which records it"));
        ck_assert_ptr_nonnull(strstr(t, "Mrs Josiane Lambert, born on 17 May 1948, authorises"));
        ck_assert_ptr_nonnull(strstr(t, "on a paper form signed by the person"));
        ck_assert_ptr_nonnull(strstr(e, "The address: 12 rue des Écoles, 01000 Bourg-en-Bresse."));
        ck_assert_ptr_nonnull(strstr(e, "Or call 04 74 00 00 00."));
        ck_assert_ptr_nonnull(strstr(e, "You are Mrs Josiane Lambert."));
        /* the easy version's letterhead leaves the phone to its text */
        ck_assert_ptr_null(strstr(e, "SIRET"));
        /* the text names the file minisign checks; only the HTML has the QR code */
        ck_assert_ptr_nonnull(strstr(t, "minisign -V -p structure.pub -m 7.txt"));
        ck_assert_ptr_nonnull(strstr(e, "-m 7.easy.txt"));
        ck_assert_ptr_null(strstr(t, "scan"));
        ck_assert_ptr_nonnull(strstr(h, "<svg "));
        ck_assert_ptr_nonnull(strstr(h, "scan the QR"));
        free(t);
        free(e);
        free(h);
}
END_TEST

START_TEST(without_address_or_phone_nothing_is_left_blank)
{
        struct paper_mandate m = mandate(NULL, NULL, "");
        char *t = render(&m, false, DOC_TEXT), *e = render(&m, true, DOC_TEXT);

        ck_assert_ptr_null(strstr(t, "Phone"));
        ck_assert_ptr_null(strstr(t, ", phone"));
        ck_assert_ptr_null(strstr(e, "Or call"));
        ck_assert_ptr_null(strstr(e, "The address"));
        ck_assert_ptr_nonnull(strstr(t, "Josiane Lambert (date of birth: 17 May 1948) authorises"));
        ck_assert_ptr_nonnull(strstr(e, "Your name: Josiane Lambert."));
        free(t);
        free(e);
}
END_TEST

START_TEST(revocation_says_what_stops_and_what_goes_on)
{
        static const int gone[1] = {6}, kept[2] = {2, 4};
        struct paper_revocation r = {
            .s = {"Médiathèque Jean-Jaurès", "21010053100017", NULL, NULL, "5A3F0B2C1D4E6F70"},
            .p = {"Ahmed", "Haddad", "1950-05-01", "monsieur", "u-0123456789"},
            .mandat = 7,
            .demarches = gone,
            .ndemarches = 1,
            .kept = kept,
            .nkept = 2,
            .when = 1795424400,
            .expires = 1826960400,
            .by = "aidant",
            .reason = NULL,
            .code = "WXYZ-2345",
            .file = "7-12",
            .qr = "statement",
            .qr_len = 9,
        };
        struct doc *d = paper_revocation_doc(&r, false);
        char *t = flat(doc_render(d, DOC_TEXT)), *s = paper_revocation_statement(&r);

        ck_assert_ptr_nonnull(strstr(t, "The structure Médiathèque Jean-Jaurès has ended the "
                                        "mandate of Mr Ahmed Haddad, born on 1st May 1950,"));
        ck_assert_ptr_nonnull(strstr(t, "Asked by the structure"));
        ck_assert_ptr_null(strstr(t, "Reason"));
        ck_assert_ptr_nonnull(strstr(t, "- Argent - Impôts - Consommation: taxes"));
        ck_assert_ptr_nonnull(strstr(t, "stay covered until 23 November 2027:"));
        ck_assert_ptr_nonnull(strstr(t, "- Social - Santé - Logement "));
        ck_assert_ptr_nonnull(strstr(t, "-m 7-12.txt"));
        ck_assert_ptr_nonnull(strstr(s, "aidant-mandate revocation 7\n"));
        ck_assert_ptr_nonnull(strstr(s, "\ndemarches: argent\nrevoked: 2026-11-23T10:00:00+01:00\n"
                                        "by: aidant\n"));
        free(t);
        free(s);
        doc_free(d);
}
END_TEST

/* In the demo sandbox every form says so: the four papers and the statement a phone shows;
 * outside it none does. */
START_TEST(a_demo_paper_says_so_in_every_form)
{
        static const int gone[1] = {6};
        struct paper_mandate m = mandate("madame", "2 place de la République", NULL);
        struct paper_revocation r = {.s = m.s,
                                     .p = m.p,
                                     .mandat = 7,
                                     .demarches = gone,
                                     .ndemarches = 1,
                                     .when = m.created,
                                     .expires = m.expires,
                                     .by = "usager",
                                     .code = "WXYZ-2345",
                                     .file = "7-12",
                                     .qr = "statement",
                                     .qr_len = 9};

        for (int demo = 1; demo >= 0; demo--) {
                demo_set(demo);
                for (int i = 0; i < 8; i++) {
                        bool easy = i & 1, revocation = i & 4;
                        enum doc_form form = i & 2 ? DOC_HTML : DOC_TEXT;
                        struct doc *d = revocation ? paper_revocation_doc(&r, easy)
                                                   : paper_mandate_doc(&m, easy);
                        char *s = doc_render(d, form);

                        ck_assert_msg((strstr(s, DEMO_MARK) != NULL) == demo, "form %d demo %d", i,
                                      demo);
                        free(s);
                        doc_free(d);
                }
                for (int i = 0; i < 2; i++) {
                        char *s = i ? paper_revocation_statement(&r) : paper_mandate_statement(&m);

                        ck_assert_int_eq(strstr(s, "\ndemo: " DEMO_MARK "\n") != NULL, demo);
                        free(s);
                }
        }
}
END_TEST

int main(void)
{
        Suite *s = suite_create("mandate_papers");
        TCase *tc = tcase_create("papers");
        SRunner *sr;
        int failed;

        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, the_statement_holds_what_the_paper_says);
        tcase_add_test(tc, address_and_phone_say_whom_to_ask);
        tcase_add_test(tc, without_address_or_phone_nothing_is_left_blank);
        tcase_add_test(tc, revocation_says_what_stops_and_what_goes_on);
        tcase_add_test(tc, a_demo_paper_says_so_in_every_form);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
