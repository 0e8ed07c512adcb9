/* libFuzzer harness for the document renderers: each input line is a block (its first
 * byte says which) of hostile text; both forms must render and the HTML must never let
 * the text open a tag of its own. */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void add(struct doc *d, char op, const char *s, size_t n)
{
        const char *cells[2] = {s, s};

        switch ((unsigned char)op % 10) {
        case 0:
                doc_para(d, "%s", s);
                break;
        case 1:
                doc_field(d, s, "%s", s);
                break;
        case 2:
                doc_item(d, n % 2 ? s : NULL, "%s", s);
                doc_list_columns(d, 2);
                break;
        case 3:
                doc_section(d, s);
                break;
        case 4:
                doc_table(d, 2, cells);
                doc_row(d, cells);
                break;
        case 5:
                doc_signature(d, s, n % 2 ? s : NULL);
                break;
        case 6:
                if (n > 0)
                        doc_qr(d, s, n < 500 ? n : 500, s);
                break;
        case 7:
                doc_code(d, s, s, (int)(n % 6));
                break;
        case 8:
                doc_letterhead(d, s);
                doc_letterhead_line(d, "%s", s);
                break;
        default:
                doc_note(d, "%s", s);
                free(doc_date(s));
                break;
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *s = malloc(size + 1), *line, *next, *html, *text;
        struct doc *d = doc_new("fuzz");

        memcpy(s, data, size);
        s[size] = '\0';
        for (line = s; line != NULL && *line != '\0'; line = next) {
                next = strchr(line, '\n');
                if (next != NULL)
                        *next++ = '\0';
                add(d, line[0], line + 1, strlen(line + 1));
        }
        doc_style(d, size % 2 ? DOC_EASY : 0);
        html = doc_render(d, DOC_HTML);
        text = doc_render(d, DOC_TEXT);
        if (strstr(html, "<script") != NULL || strstr(html, "<img") != NULL)
                __builtin_trap();
        free(html);
        free(text);
        doc_free(d);
        free(s);
        return 0;
}
