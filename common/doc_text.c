/* Printable documents as plain text, 72 columns, for a terminal or a plain printer:
 * words wrapped on spaces (UTF-8 counted in characters), labels aligned, tables in
 * columns, frames drawn with ASCII. */
#include "doc_impl.h"
#include "i18n.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define WIDTH 72

/* Characters (not bytes) of the first n bytes of s. */
static size_t cols(const char *s, size_t n)
{
        size_t c = 0;

        for (size_t i = 0; i < n && s[i] != '\0'; i++)
                if (((unsigned char)s[i] & 0xC0) != 0x80)
                        c++;
        return c;
}

static void pad(struct strbuf *out, size_t n, char c)
{
        for (size_t i = 0; i < n; i++)
                strbuf_addch(out, c);
}

/* Appends text wrapped to width: the first line after first (already on the line, of
 * first_cols characters), the next ones indented by indent spaces. Newlines in text
 * start new lines. Ends with a newline. */
static void wrap(struct strbuf *out, const char *text, size_t first_cols, size_t indent,
                 size_t width)
{
        size_t col = first_cols;
        bool line_empty = true;
        const char *p = text;

        while (*p != '\0') {
                size_t n = strcspn(p, " \n"), w = cols(p, n);

                if (n > 0) {
                        if (!line_empty && col + 1 + w > width) {
                                strbuf_addch(out, '\n');
                                pad(out, indent, ' ');
                                col = indent;
                                line_empty = true;
                        }
                        if (!line_empty) {
                                strbuf_addch(out, ' ');
                                col++;
                        }
                        strbuf_add(out, p, n);
                        col += w;
                        line_empty = false;
                }
                p += n;
                if (*p == '\n') {
                        strbuf_addch(out, '\n');
                        pad(out, indent, ' ');
                        col = indent;
                        line_empty = true;
                }
                if (*p != '\0')
                        p++;
        }
        strbuf_addch(out, '\n');
}

static void underline(struct strbuf *out, const char *text, char c)
{
        strbuf_addf(out, "%s\n", text);
        pad(out, cols(text, strlen(text)), c);
        strbuf_addch(out, '\n');
}

static void framed(struct strbuf *out, const char *text, char edge)
{
        struct strbuf body = STRBUF_INIT;
        const char *p;

        strbuf_addch(out, '+');
        pad(out, WIDTH - 2, edge);
        strbuf_addstr(out, "+\n");
        wrap(&body, text, 0, 0, WIDTH - 4);
        for (p = strbuf_str(&body); *p != '\0';) {
                size_t n = strcspn(p, "\n");

                size_t c = cols(p, n);

                strbuf_addstr(out, "| ");
                strbuf_add(out, p, n);
                pad(out, c < WIDTH - 4 ? WIDTH - 4 - c : 0, ' '); /* a long word overflows */
                strbuf_addstr(out, " |\n");
                p += n + (p[n] == '\n');
        }
        strbuf_addch(out, '+');
        pad(out, WIDTH - 2, edge);
        strbuf_addstr(out, "+\n");
        strbuf_release(&body);
}

static void fields(struct strbuf *out, const struct doc_block *b)
{
        size_t w = 0;

        for (size_t i = 0; i < b->nitems; i++) {
                size_t c = cols(b->items[i].a, strlen(b->items[i].a));

                w = c > w ? c : w;
        }
        if (w > 28)
                w = 28;
        for (size_t i = 0; i < b->nitems; i++) {
                size_t c = cols(b->items[i].a, strlen(b->items[i].a));

                strbuf_addstr(out, b->items[i].a);
                pad(out, c < w ? w - c + 2 : 2, ' ');
                wrap(out, b->items[i].b, (c < w ? w : c) + 2, w + 2, WIDTH);
        }
}

static void list(struct strbuf *out, const struct doc_block *b)
{
        for (size_t i = 0; i < b->nitems; i++) {
                struct strbuf line = STRBUF_INIT;

                if (b->items[i].a != NULL) {
                        strbuf_addstr(&line, b->items[i].a);
                        if (b->items[i].b[0] != '\0')
                                strbuf_addstr(&line, _(": "));
                }
                strbuf_addstr(&line, b->items[i].b);
                strbuf_addstr(out, "- ");
                wrap(out, strbuf_str(&line), 2, 2, WIDTH);
                strbuf_release(&line);
        }
}

static void table(struct strbuf *out, const struct doc_block *b)
{
        size_t n = (size_t)b->ncols, *w = xcalloc(n, sizeof(*w));

        for (size_t i = 0; i < b->ncells; i++) {
                size_t c = cols(b->cells[i], strlen(b->cells[i]));

                w[i % n] = c > w[i % n] ? c : w[i % n];
        }
        for (size_t i = 0; i < b->ncells; i++) {
                const char *c = b->cells[i];
                size_t k = i % n, gap = w[k] - cols(c, strlen(c));
                bool right = i >= n && k > 0 && ((c[0] >= '0' && c[0] <= '9') || c[0] == '-');

                if (right)
                        pad(out, gap, ' ');
                strbuf_addstr(out, c);
                if (k + 1 < n)
                        pad(out, (right ? 0 : gap) + 2, ' ');
                if (k + 1 == n) {
                        strbuf_addch(out, '\n');
                        if (i + 1 == n) {
                                size_t total = 2 * (n - 1);

                                for (size_t j = 0; j < n; j++)
                                        total += w[j];
                                pad(out, total, '-');
                                strbuf_addch(out, '\n');
                        }
                }
        }
        free(w);
}

static void signatures(struct strbuf *out, const struct doc_block *b)
{
        for (size_t i = 0; i < b->nitems; i++) {
                strbuf_addf(out, "%s%s\n", i > 0 ? "\n" : "", b->items[i].a);
                if (b->items[i].b != NULL)
                        strbuf_addf(out, "%s\n", b->items[i].b);
                strbuf_addf(out, "\n%s ______________________________________\n",
                            _("Date and signature:"));
        }
}

static void code(struct strbuf *out, const struct doc_block *b)
{
        strbuf_addf(out, "%s\n\n    ", b->title);
        doc_code_groups(b->text, b->ncols, "  ", out);
        strbuf_addch(out, '\n');
}

/* Bars as rows of '#' (at most 30), the value after them ("s" for a secret one). */
static void bars(struct strbuf *out, const struct doc_block *b)
{
        long max = 1;

        strbuf_addf(out, "%s\n", b->title);
        for (size_t i = 0; i < b->nitems; i++)
                if (atol(b->items[i].b) > max)
                        max = atol(b->items[i].b);
        for (size_t i = 0; i < b->nitems; i++) {
                long n = b->items[i].b[0] != '\0' ? atol(b->items[i].b) * 30 / max : 0;

                strbuf_addf(out, "  %s\n    ", b->items[i].a);
                pad(out, (size_t)n, '#');
                strbuf_addf(out, " %s\n", b->items[i].b[0] != '\0' ? b->items[i].b : "s");
        }
        strbuf_addch(out, '\n');
}

static void block(struct strbuf *out, const struct doc_block *b)
{
        switch (b->kind) {
        case DK_BANNER:
                framed(out, b->text, '=');
                break;
        case DK_LETTERHEAD:
                strbuf_addf(out, "%s\n", b->title != NULL ? b->title : "");
                for (size_t i = 0; i < b->nitems; i++)
                        wrap(out, b->items[i].b, 0, 0, WIDTH);
                break;
        case DK_SECTION:
                underline(out, b->text, '-');
                break;
        case DK_PARA:
                wrap(out, b->text, 0, 0, WIDTH);
                break;
        case DK_NOTE:
                framed(out, b->text, '-');
                break;
        case DK_FIELDS:
                fields(out, b);
                break;
        case DK_LIST:
                list(out, b);
                break;
        case DK_TABLE:
                table(out, b);
                break;
        case DK_BARS:
                bars(out, b);
                break;
        case DK_SIGNATURES:
                signatures(out, b);
                break;
        case DK_QR: /* no picture in text: what it holds is said by the text itself */
                break;
        case DK_CODE:
                code(out, b);
                break;
        case DK_FOOTER:
                pad(out, WIDTH, '-');
                strbuf_addch(out, '\n');
                wrap(out, b->text, 0, 0, WIDTH);
                break;
        }
}

void doc_render_text(const struct doc *d, struct strbuf *out)
{
        bool easy = (d->style & DOC_EASY) != 0;
        size_t i = 0, head = doc_head_blocks(d);

        for (; i < head; i++)
                block(out, &d->blocks[i]);
        if (i > 0)
                strbuf_addch(out, '\n');
        underline(out, d->title, '=');
        if (d->subtitle != NULL)
                wrap(out, d->subtitle, 0, 0, WIDTH);
        for (; i < d->nblocks; i++) {
                enum doc_kind k = d->blocks[i].kind, prev = i > 0 ? d->blocks[i - 1].kind : k;

                /* a blank line between blocks, none under a heading; paragraphs of the
                 * easy-to-read style are one idea a line, without blank lines */
                if (k == DK_QR || !DOC_SHOWN(&d->blocks[i], DOC_TEXT))
                        continue;
                if (k == DK_SECTION || (prev != DK_SECTION && (k != prev || !easy)))
                        strbuf_addch(out, '\n');
                block(out, &d->blocks[i]);
        }
}
