/* doc: the printable documents as a reader gets them: dates in words, wording that fits
 * the person, HTML that runs no script and asks nothing of the network, with a print
 * stylesheet of 12 pt and more, text within 72 columns, codes cut in groups. */
#include "doc.h"
#include "i18n.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The characters (not bytes) of the longest line of s. */
static size_t longest_line(const char *s)
{
        size_t best = 0, cur = 0;

        for (; *s != '\0'; s++) {
                if (*s == '\n') {
                        best = cur > best ? cur : best;
                        cur = 0;
                } else if (((unsigned char)*s & 0xC0) != 0x80) {
                        cur++;
                }
        }
        return cur > best ? cur : best;
}

/* a is found, and before b (found too). */
static int before(const char *a, const char *b)
{
        return a != NULL && b != NULL && a < b;
}

static char *date(const char *iso)
{
        char *s = doc_date(iso);

        ck_assert_ptr_nonnull(s);
        return s;
}

START_TEST(dates_in_words)
{
        char *s;

        setenv("LANGUAGE", "C", 1);
        setlocale(LC_ALL, "C");
        s = date("1948-05-17");
        ck_assert_str_eq(s, "17 May 1948");
        free(s);
        s = date("2027-05-01");
        ck_assert_str_eq(s, "1st May 2027");
        free(s);
        s = date("2028-02-29");
        ck_assert_str_eq(s, "29 February 2028");
        free(s);
        ck_assert_ptr_null(doc_date("2027-02-29"));
        ck_assert_ptr_null(doc_date("1900-02-29"));
        ck_assert_ptr_null(doc_date("2027-13-01"));
        ck_assert_ptr_null(doc_date("17/05/1948"));
        ck_assert_ptr_null(doc_date("1948-05-17T10:00"));
        ck_assert_ptr_null(doc_date(""));
        ck_assert_ptr_null(doc_date(NULL));
}
END_TEST

START_TEST(dates_in_french)
{
        char *s;

        if (setlocale(LC_ALL, "fr_FR.UTF-8") == NULL || getenv("AIDANT_LOCALEDIR") == NULL) {
                fprintf(stderr, "skipped: dates_in_french: no fr_FR.UTF-8 locale or catalog\n");
                return;
        }
        setenv("LANG", "fr_FR.UTF-8", 1);
        setenv("LANGUAGE", "fr", 1);
        i18n_init();
        s = date("1948-05-17");
        ck_assert_str_eq(s, "17 mai 1948");
        free(s);
        s = date("2027-08-01");
        ck_assert_str_eq(s, "1er août 2027");
        free(s);
        setenv("TZ", "Europe/Paris", 1);
        tzset();
        /* 23:30 UTC on 31 December is already the new year in Paris */
        s = doc_date_of(1830295800);
        ck_assert_str_eq(s, "1er janvier 2028");
        free(s);
}
END_TEST

START_TEST(wording_fits_the_person)
{
        const char *f = "Mme %s, née le %s", *m = "M. %s, né le %s", *n = "%s, naissance : %s";

        ck_assert_int_eq(doc_gender_of("madame"), DOC_FEMININE);
        ck_assert_int_eq(doc_gender_of("Mme"), DOC_FEMININE);
        ck_assert_int_eq(doc_gender_of("MONSIEUR"), DOC_MASCULINE);
        ck_assert_int_eq(doc_gender_of("m."), DOC_MASCULINE);
        ck_assert_int_eq(doc_gender_of(NULL), DOC_NEUTRAL);
        ck_assert_int_eq(doc_gender_of("autre"), DOC_NEUTRAL);
        ck_assert_str_eq(doc_gendered(DOC_FEMININE, f, m, n), f);
        ck_assert_str_eq(doc_gendered(DOC_MASCULINE, f, m, n), m);
        ck_assert_str_eq(doc_gendered(DOC_NEUTRAL, f, m, n), n);
}
END_TEST

/* A document with every kind of block, the texts given by people hostile to HTML. */
static struct doc *sample(void)
{
        struct doc *d = doc_new("Attestation <b>& co</b>");
        const char *head[] = {"Thématique", "Personnes", "Part"};
        const char *row[] = {"Social \"santé\"", "1234", "12,5 %"};

        doc_banner(d, "%s", "DÉMONSTRATION — sans valeur");
        doc_letterhead(d, "Médiathèque <Jean-Jaurès>");
        doc_letterhead_line(d, "%s", "12 rue des Écoles, 01000 Bourg-en-Bresse");
        doc_subtitle(d, "n° %d", 7);
        doc_qr(d, "aidant", 6, "Scannez-moi");
        doc_section(d, "La personne");
        doc_field(d, "Nom", "%s", "Josiane <script>alert(1)</script> Lambert");
        doc_field(d, "Naissance", "%s", "17 mai 1948");
        doc_section(d, "Démarches");
        for (int i = 0; i < 10; i++)
                doc_item(d, "Social - Santé", "%s", "carte Vitale, RSA, handicap, retraite");
        doc_list_columns(d, 2);
        doc_para(d, "%s",
                 "Une phrase assez longue pour être repliée plusieurs fois dans la version "
                 "texte du document, qui ne doit jamais dépasser soixante-douze colonnes, "
                 "même avec des accents é è à ù ç et des mots anticonstitutionnellement longs.");
        doc_para_flags(d, DOC_STRONG, "%s", "C'est gratuit.");
        doc_note(d, "%s", "Gardez cette feuille avec vos papiers.");
        doc_table(d, 3, head);
        doc_row(d, row);
        doc_code(d, "Code", "ABCDEFGHJKLM", 4);
        doc_signature(d, "La personne aidée", "Josiane Lambert");
        doc_signature(d, "La personne qui aide", NULL);
        doc_footer(d, "%s", "minisign -V -p structure.pub -m 1.txt");
        return d;
}

START_TEST(html_is_self_contained_and_escaped)
{
        struct doc *d = sample();
        char *h = doc_render(d, DOC_HTML);

        ck_assert_ptr_null(strstr(h, "<script"));
        ck_assert_ptr_null(strstr(h, "<b>"));
        ck_assert_ptr_nonnull(strstr(h, "Josiane &lt;script&gt;alert(1)&lt;/script&gt; Lambert"));
        ck_assert_ptr_nonnull(strstr(h, "<title>Attestation &lt;b&gt;&amp; co&lt;/b&gt;</title>"));
        ck_assert_ptr_nonnull(strstr(h, "Social &quot;santé&quot;"));
        ck_assert_ptr_nonnull(
            strstr(h, "content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        ck_assert_ptr_null(strstr(h, "http:"));
        ck_assert_ptr_null(strstr(h, "https:"));
        ck_assert_ptr_null(strstr(h, "//"));
        ck_assert_ptr_null(strstr(h, "src="));
        ck_assert_ptr_null(strstr(h, "url("));
        ck_assert_ptr_nonnull(strstr(h, "<html lang=\"fr\">"));
        ck_assert_ptr_null(strstr(h, "<link"));
        ck_assert_ptr_null(strstr(h, "<img"));
        ck_assert_ptr_nonnull(strstr(h, "@page{size:A4"));
        /* the banner and the letterhead come before the title */
        ck_assert(before(strstr(h, "DÉMONSTRATION"), strstr(h, "<h1>")));
        ck_assert(before(strstr(h, "Médiathèque &lt;Jean-Jaurès&gt;"), strstr(h, "<h1>")));
        ck_assert_ptr_nonnull(strstr(h, "<svg "));
        ck_assert_ptr_nonnull(strstr(h, "style=\"columns:2\""));
        ck_assert_ptr_nonnull(strstr(h, "<span>ABCD</span> <span>EFGH</span> <span>JKLM</span>"));
        ck_assert_ptr_nonnull(strstr(h, "<td class=\"num\">1234</td>"));
        free(h);
        doc_free(d);
}
END_TEST

START_TEST(print_type_is_12pt_or_more)
{
        struct doc *d = sample();
        char *h = doc_render(d, DOC_HTML);
        int seen = 0;

        for (const char *p = strstr(h, "font-size:"); p != NULL; p = strstr(p + 1, "font-size:")) {
                double pt = strtod(p + strlen("font-size:"), NULL);

                ck_assert_msg(pt >= 12, "font-size %g below 12 pt", pt);
                seen++;
        }
        ck_assert_int_gt(seen, 5);
        /* black on white: no other colour anywhere */
        for (const char *p = strchr(h, '#'); p != NULL; p = strchr(p + 1, '#'))
                if (p[1] != '3') /* &#39; */
                        ck_assert_msg(strncmp(p, "#000", 4) == 0 || strncmp(p, "#fff", 4) == 0,
                                      "colour %.7s", p);
        free(h);
        doc_free(d);
}
END_TEST

START_TEST(easy_style_has_larger_type_and_one_column)
{
        struct doc *d = sample();
        char *h;

        doc_style(d, DOC_EASY);
        h = doc_render(d, DOC_HTML);
        ck_assert_ptr_nonnull(strstr(h, "<body class=\"easy\">"));
        ck_assert_ptr_nonnull(strstr(h, "body.easy{font-size:14pt"));
        ck_assert_ptr_null(strstr(h, "style=\"columns:2\""));
        free(h);
        doc_free(d);
}
END_TEST

START_TEST(text_fits_72_columns)
{
        struct doc *d = sample();
        char *t = doc_render(d, DOC_TEXT);

        setlocale(LC_ALL, "C");
        ck_assert_uint_le(longest_line(t), 72);
        ck_assert_ptr_nonnull(strstr(t, "Attestation <b>& co</b>\n=======================\n"));
        ck_assert_ptr_nonnull(strstr(t, "Nom        Josiane <script>alert(1)</script> Lambert\n"));
        ck_assert_ptr_nonnull(strstr(t, "Naissance  17 mai 1948\n"));
        ck_assert_ptr_nonnull(
            strstr(t, "- Social - Santé: carte Vitale, RSA, handicap, retraite\n"));
        ck_assert_ptr_nonnull(strstr(t, "    ABCD  EFGH  JKLM\n"));
        ck_assert_ptr_nonnull(strstr(t, "| Gardez cette feuille avec vos papiers."));
        ck_assert_ptr_null(strstr(t, "Scannez-moi"));
        ck_assert_ptr_nonnull(strstr(t, "Social \"santé\"       1234  12,5 %\n"));
        ck_assert_ptr_nonnull(strstr(t, "La personne qui aide\n\nDate and signature: ___"));
        ck_assert(before(strstr(t, "DÉMONSTRATION"), strstr(t, "Attestation <b>")));
        free(t);
        doc_free(d);
}
END_TEST

START_TEST(long_words_and_newlines_in_text)
{
        struct doc *d = doc_new("T");
        char word[101], *t;

        memset(word, 'x', 100);
        word[100] = '\0';
        doc_para(d, "a %s b", word);
        doc_field(d, "Adresse", "%s", "12 rue des Écoles\n01000 Bourg-en-Bresse");
        doc_note(d, "%s", word); /* wider than its frame */
        t = doc_render(d, DOC_TEXT);
        ck_assert_ptr_nonnull(strstr(t, "\na\nxxxx"));
        ck_assert_ptr_nonnull(strstr(t, "x\nb\n"));
        ck_assert_ptr_nonnull(strstr(t, "| xxxxxxxxxx"));
        ck_assert_ptr_nonnull(strstr(t, "xxxxxxxxxx |\n+---"));
        ck_assert_ptr_nonnull(
            strstr(t, "Adresse  12 rue des Écoles\n         01000 Bourg-en-Bresse\n"));
        free(t);
        t = doc_render(d, DOC_HTML);
        ck_assert_ptr_nonnull(strstr(t, "12 rue des Écoles<br>01000 Bourg-en-Bresse"));
        free(t);
        doc_free(d);
}
END_TEST

START_TEST(forms_from_names_and_paths)
{
        enum doc_form f = DOC_TEXT;

        ck_assert_int_eq(doc_form_parse("html", &f), 0);
        ck_assert_int_eq(f, DOC_HTML);
        ck_assert_int_eq(doc_form_parse("text", &f), 0);
        ck_assert_int_eq(f, DOC_TEXT);
        ck_assert_int_eq(doc_form_parse("pdf", &f), -1);
        ck_assert_int_eq(doc_form_of_path("/tmp/a.HTML"), DOC_HTML);
        ck_assert_int_eq(doc_form_of_path("feuille.htm"), DOC_HTML);
        ck_assert_int_eq(doc_form_of_path("feuille.txt"), DOC_TEXT);
        ck_assert_int_eq(doc_form_of_path("dossier.html/feuille"), DOC_TEXT);
}
END_TEST

START_TEST(qr_grows_with_its_data)
{
        char big[1000];
        struct doc *a = doc_new("a"), *b = doc_new("b");
        char *ha, *hb;

        memset(big, 'A', sizeof(big));
        doc_qr(a, "x", 1, "");
        doc_qr(b, big, sizeof(big), "");
        ha = doc_render(a, DOC_HTML);
        hb = doc_render(b, DOC_HTML);
        /* version 1 is 21 modules, plus 4 of quiet zone each side */
        ck_assert_ptr_nonnull(strstr(ha, "viewBox=\"0 0 29 29\""));
        ck_assert_ptr_null(strstr(hb, "viewBox=\"0 0 29 29\""));
        free(ha);
        free(hb);
        doc_free(a);
        doc_free(b);
}
END_TEST

struct doc *too_big; /* still reachable at the exit, so LeakSanitizer keeps quiet */

START_TEST(too_much_for_a_qr_code_exits_65)
{
        static char big[3000];

        too_big = doc_new("a");
        doc_qr(too_big, big, sizeof(big), "");
}
END_TEST

int main(void)
{
        Suite *s = suite_create("doc");
        TCase *tc = tcase_create("doc");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, dates_in_words);
        tcase_add_test(tc, dates_in_french);
        tcase_add_test(tc, wording_fits_the_person);
        tcase_add_test(tc, html_is_self_contained_and_escaped);
        tcase_add_test(tc, print_type_is_12pt_or_more);
        tcase_add_test(tc, easy_style_has_larger_type_and_one_column);
        tcase_add_test(tc, text_fits_72_columns);
        tcase_add_test(tc, long_words_and_newlines_in_text);
        tcase_add_test(tc, forms_from_names_and_paths);
        tcase_add_test(tc, qr_grows_with_its_data);
        tcase_add_exit_test(tc, too_much_for_a_qr_code_exits_65, 65);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
