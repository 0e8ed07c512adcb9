/* Printable documents: the papers a person keeps (attestations, recovery sheet, diagnosis
 * summary, observatory report), described as data and rendered by one renderer to HTML
 * with a print stylesheet (A4, 12 pt or more, black on white, no script, no network) or
 * to plain text for a terminal or a plain printer. No tool writes its own layout.
 *
 * How to use it:
 *
 *     struct doc *d = doc_new(_("Mandate attestation"));
 *     doc_letterhead(d, structure_name);           // who issues the paper, then its lines
 *     doc_letterhead_line(d, "%s", address);
 *     doc_subtitle(d, _("No. %lld of %s"), id, date);
 *     doc_section(d, _("The person helped"));
 *     doc_field(d, _("Name"), "%s", name);         // consecutive fields make one table
 *     doc_section(d, _("Démarches"));
 *     doc_item(d, title, "%s", covers);            // consecutive items make one list
 *     doc_para(d, "%s", text);
 *     doc_qr(d, payload, len, _("Scan to check"));  // floats beside what follows
 *     doc_signature(d, _("The person helped"), name); // consecutive ones side by side
 *     char *html = doc_render(d, DOC_HTML);        // or DOC_TEXT; new string
 *     doc_free(d);
 *
 * Every text is copied, so arguments may be freed right after the call. Format strings
 * are printf's: pass "%s" with text that comes from people or files. Texts are UTF-8; the
 * renderer escapes them for HTML and wraps them for text. Words people read (dates,
 * gendered forms) come from doc_date, doc_date_of and doc_gendered below. */
#ifndef AIDANT_DOC_H
#define AIDANT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct doc;

enum doc_form { DOC_TEXT, DOC_HTML };

/* Document styles (doc_style). DOC_EASY: the easy-to-read layout (FALC): larger type
 * (14 pt), wider line spacing, every paragraph on its own line, columns only for lists
 * of names. */
enum { DOC_EASY = 1 };

/* Block flags (doc_para_flags, doc_list_columns). */
enum {
        DOC_STRONG = 1, /* bold */
        DOC_LARGE = 2,  /* larger type */
        DOC_KEEP = 4,   /* never split across pages (HTML) */
};

/* A new empty document titled title (the <h1>, the <title>, the first line of text). */
struct doc *doc_new(const char *title);
/* Wipes the texts (a document may hold a secret: a recovery code) and frees. */
void doc_free(struct doc *d);
/* Sets the document style (DOC_EASY or 0). */
void doc_style(struct doc *d, unsigned style);
/* The language of the document for HTML (default "fr"). */
void doc_lang(struct doc *d, const char *lang);

/* A band at the very top, in a frame: "DÉMONSTRATION — sans valeur", "Version facile à
 * lire". */
void doc_banner(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The issuer of the paper at the top left: its name (bold), then lines (address, phone). */
void doc_letterhead(struct doc *d, const char *name);
void doc_letterhead_line(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One line under the title (number and date of the paper). */
void doc_subtitle(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A section heading. */
void doc_section(struct doc *d, const char *heading);
/* A paragraph; doc_para_flags with DOC_STRONG or DOC_LARGE. */
void doc_para(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_para_flags(struct doc *d, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A framed paragraph for what must not be missed. */
void doc_note(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A label and its value; consecutive fields make one two-column table. */
void doc_field(struct doc *d, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A list item: title in bold (may be NULL), then text; consecutive items make one list. */
void doc_item(struct doc *d, const char *title, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Lays out the current list in n columns in HTML when it has more than n items (the text
 * form keeps one; so does DOC_EASY unless the items are titles without text). */
void doc_list_columns(struct doc *d, int n);

/* A table of ncols columns: the header cells, then doc_row for each row (ncols cells).
 * A cell that starts with a digit, '-' or '+' is aligned right. */
void doc_table(struct doc *d, int ncols, const char *const *header);
void doc_row(struct doc *d, const char *const *cells);

/* A horizontal bar chart under a caption: one bar per label, its length in proportion to
 * the largest value, the value written after it. A negative value is a secret (a count
 * suppressed for privacy): shown as "s" without a bar. HTML draws it as an inline SVG;
 * text as rows of '#'. */
void doc_bars(struct doc *d, const char *caption, const char *const *labels, const long *values,
              size_t n);

/* A signature block (who signs, their name, room for the date and the signature);
 * consecutive blocks stand side by side. name may be NULL (a blank line to fill in). */
void doc_signature(struct doc *d, const char *who, const char *name);

/* A QR code of the bytes (byte mode, error correction M), with a caption. In HTML it is
 * an inline SVG that floats to the right of the blocks that follow; the text form leaves
 * it out (say what it holds in the text too). Dies with 65 when the data is too long for
 * a QR code. */
void doc_qr(struct doc *d, const void *data, size_t len, const char *caption);
/* A code to copy by hand, in large monospace characters cut in groups of group
 * characters (0: as it is), under its label. */
void doc_code(struct doc *d, const char *label, const char *code, int group);
/* The last line of the page (references, how to check). */
void doc_footer(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Keeps the last block for that form only (a footer that says "scan the QR code" in
 * HTML and names the text file to check in text). */
void doc_only(struct doc *d, enum doc_form form);

/* The document in that form, new string. */
char *doc_render(const struct doc *d, enum doc_form form);
/* Writes the rendered document to fp (its rendering wiped after); returns 0, or -1 on a
 * write error. */
int doc_write(const struct doc *d, enum doc_form form, FILE *fp);
/* "html"/"htm" → DOC_HTML, "text"/"txt" → DOC_TEXT; returns 0, or -1 when unknown. */
int doc_form_parse(const char *name, enum doc_form *out);
/* DOC_HTML when the file name ends in .html or .htm, else DOC_TEXT. */
enum doc_form doc_form_of_path(const char *path);

/* Words people read. */

/* A calendar date in words, "17 mai 1948" in French, "17 May 1948" in English
 * ("1er mai" on the first day): from "YYYY-MM-DD" (NULL when s is not a date), or from
 * the local date of t. New strings. */
char *doc_date(const char *iso);
char *doc_date_of(time_t t);

/* Who a text speaks of, to agree words with them: a recorded civility, or none. */
enum doc_gender { DOC_NEUTRAL, DOC_FEMININE, DOC_MASCULINE };
/* "madame"/"mme" → feminine, "monsieur"/"m" → masculine (any case), else neutral. */
enum doc_gender doc_gender_of(const char *civility);
/* The form that fits: pass three complete phrasings (never "né ou née"), e.g.
 * doc_gendered(g, _("Mrs %s, born on %s"), _("Mr %s, born on %s"), _("%s, born on %s")). */
const char *doc_gendered(enum doc_gender g, const char *feminine, const char *masculine,
                         const char *neutral);

#endif
