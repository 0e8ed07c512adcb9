/* Printable documents in HTML: one self-contained page with its print stylesheet (A4,
 * 12 pt and more, black on white), no script, no request to the network (a Content
 * Security Policy forbids both), the QR code inline as SVG. */
#include "doc_impl.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

static const char stylesheet[] =
    "@page{size:A4;margin:10mm 14mm}"
    "*{box-sizing:border-box}"
    "html{font-family:Arial,'Liberation Sans',Helvetica,'DejaVu Sans',sans-serif;"
    "font-size:12pt;line-height:1.25;color:#000;background:#fff}"
    "body{margin:0}"
    "main{max-width:182mm;margin:0 auto}"
    "@media screen{main{margin:8mm auto;padding:0 4mm}}"
    "p{margin:0 0 1.3mm}"
    "h1{font-size:20pt;line-height:1.15;margin:2mm 0 1mm}"
    "h2{font-size:14pt;margin:3mm 0 1.2mm;padding-bottom:.4mm;"
    "border-bottom:1.5pt solid #000;break-after:avoid;overflow:hidden}"
    ".banner{border:2pt solid #000;padding:1mm 3mm;text-align:center;font-weight:bold;"
    "font-size:14pt;margin-bottom:3mm}"
    ".letterhead{border-left:3pt solid #000;padding-left:3mm;margin-bottom:2mm}"
    ".letterhead p{margin:0}"
    ".letterhead .org{font-weight:bold;font-size:14pt}"
    ".subtitle{font-size:13pt;margin-bottom:2mm}"
    ".strong{font-weight:bold}"
    ".large{font-size:15pt}"
    ".note{border:1.5pt solid #000;padding:1.5mm 3mm;margin:2mm 0;overflow:hidden}"
    "table{border-collapse:collapse}"
    "table.fields{margin:0 0 1.5mm}"
    "table.fields th{text-align:left;font-weight:normal;vertical-align:top;"
    "padding:0 4mm .4mm 0;white-space:nowrap}"
    "table.fields td{font-weight:bold;vertical-align:top;padding:0 0 .4mm}"
    "table.data{width:100%;margin:1mm 0 2mm}"
    "table.data th,table.data td{border:1pt solid #000;padding:.6mm 2mm;text-align:left;"
    "vertical-align:top}"
    "table.data th{font-weight:bold}"
    "table.data td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "ul{margin:0 0 1.5mm;padding-left:5mm}"
    "li{margin:0 0 .5mm;break-inside:avoid}"
    "ul.cols,h2:has(+ul.cols){clear:both}"
    "ul.cols{column-gap:7mm}"
    ".signatures{display:flex;gap:6mm;margin:3mm 0 2mm;break-inside:avoid;clear:both}"
    ".signature{flex:1;border:1pt solid #000;padding:1.5mm 3mm;min-height:23mm}"
    ".signature p{margin:0 0 1mm}"
    ".signature .who{font-weight:bold}"
    ".signature .hint{margin-top:1mm}"
    "figure.qr{float:right;width:36mm;margin:0 0 1mm 4mm;text-align:center;"
    "break-inside:avoid}"
    "figure.qr svg{display:block;width:36mm;height:36mm}"
    "figure.qr figcaption{font-size:12pt;line-height:1.2}"
    ".code{margin:2mm 0;break-inside:avoid}"
    ".code .value{font-family:'DejaVu Sans Mono','Liberation Mono','Courier New',monospace;"
    "font-weight:bold;font-size:26pt;letter-spacing:.08em;border:2pt solid #000;"
    "padding:2mm 4mm;display:inline-block}"
    ".code .value span{margin-right:.6em}"
    ".code .value span:last-child,.code .value span:has(+br){margin-right:0}"
    "figure.bars{margin:1mm 0 3mm;break-inside:avoid}"
    "figure.bars svg{display:block;width:100%;height:auto;font-size:12pt}"
    "footer{clear:both;margin-top:3mm;padding-top:1mm;border-top:1pt solid #000}"
    ".keep{break-inside:avoid}"
    "body.easy{font-size:14pt;line-height:1.35}"
    "body.easy p{margin:0 0 1.1mm}"
    "body.easy li{margin-bottom:1.2mm}"
    "body.easy h2{font-size:16pt;margin-top:3mm}";

/* Text escaped for HTML; a newline becomes a line break. */
static void esc(struct strbuf *out, const char *s)
{
        for (; *s != '\0'; s++) {
                switch (*s) {
                case '<':
                        strbuf_addstr(out, "&lt;");
                        break;
                case '>':
                        strbuf_addstr(out, "&gt;");
                        break;
                case '&':
                        strbuf_addstr(out, "&amp;");
                        break;
                case '"':
                        strbuf_addstr(out, "&quot;");
                        break;
                case '\'':
                        strbuf_addstr(out, "&#39;");
                        break;
                case '\n':
                        strbuf_addstr(out, "<br>");
                        break;
                default:
                        strbuf_addch(out, *s);
                }
        }
}

static void para(struct strbuf *out, const char *cls, const char *text)
{
        strbuf_addstr(out, "<p");
        if (cls != NULL && cls[0] != '\0')
                strbuf_addf(out, " class=\"%s\"", cls);
        strbuf_addch(out, '>');
        esc(out, text);
        strbuf_addstr(out, "</p>\n");
}

static void flags_class(struct strbuf *cls, unsigned flags)
{
        if (flags & DOC_STRONG)
                strbuf_addstr(cls, " strong");
        if (flags & DOC_LARGE)
                strbuf_addstr(cls, " large");
        if (flags & DOC_KEEP)
                strbuf_addstr(cls, " keep");
}

static void letterhead(struct strbuf *out, const struct doc_block *b)
{
        strbuf_addstr(out, "<header class=\"letterhead\">\n");
        para(out, "org", b->title != NULL ? b->title : "");
        for (size_t i = 0; i < b->nitems; i++)
                para(out, NULL, b->items[i].b);
        strbuf_addstr(out, "</header>\n");
}

static void fields(struct strbuf *out, const struct doc_block *b)
{
        strbuf_addstr(out, "<table class=\"fields\">\n");
        for (size_t i = 0; i < b->nitems; i++) {
                strbuf_addstr(out, "<tr><th scope=\"row\">");
                esc(out, b->items[i].a);
                strbuf_addstr(out, "</th><td>");
                esc(out, b->items[i].b);
                strbuf_addstr(out, "</td></tr>\n");
        }
        strbuf_addstr(out, "</table>\n");
}

/* True when no item of the list has a text: names only, short enough for columns even in
 * the easy-to-read style. */
static bool names_only(const struct doc_block *b)
{
        for (size_t i = 0; i < b->nitems; i++)
                if (b->items[i].b[0] != '\0')
                        return false;
        return true;
}

static void list(struct strbuf *out, const struct doc_block *b, bool easy)
{
        if ((!easy || names_only(b)) && b->ncols > 1 && b->nitems > (size_t)b->ncols)
                strbuf_addf(out, "<ul class=\"cols\" style=\"columns:%d\">\n", b->ncols);
        else
                strbuf_addstr(out, "<ul>\n");
        for (size_t i = 0; i < b->nitems; i++) {
                strbuf_addstr(out, "<li>");
                if (b->items[i].a != NULL) {
                        strbuf_addstr(out, "<strong>");
                        esc(out, b->items[i].a);
                        strbuf_addstr(out, "</strong>");
                        if (b->items[i].b[0] != '\0')
                                strbuf_addstr(out, "&nbsp;: ");
                }
                esc(out, b->items[i].b);
                strbuf_addstr(out, "</li>\n");
        }
        strbuf_addstr(out, "</ul>\n");
}

static bool numeric(const char *s)
{
        return (s[0] >= '0' && s[0] <= '9') || ((s[0] == '-' || s[0] == '+') && s[1] != '\0');
}

static void table(struct strbuf *out, const struct doc_block *b)
{
        size_t cols = (size_t)b->ncols;

        strbuf_addstr(out, "<table class=\"data\">\n<thead><tr>");
        for (size_t i = 0; i < cols && i < b->ncells; i++) {
                strbuf_addstr(out, "<th scope=\"col\">");
                esc(out, b->cells[i]);
                strbuf_addstr(out, "</th>");
        }
        strbuf_addstr(out, "</tr></thead>\n<tbody>\n");
        for (size_t r = cols; r + cols <= b->ncells; r += cols) {
                strbuf_addstr(out, "<tr>");
                for (size_t i = 0; i < cols; i++) {
                        const char *c = b->cells[r + i];

                        strbuf_addstr(out, numeric(c) && i > 0 ? "<td class=\"num\">" : "<td>");
                        esc(out, c);
                        strbuf_addstr(out, "</td>");
                }
                strbuf_addstr(out, "</tr>\n");
        }
        strbuf_addstr(out, "</tbody>\n</table>\n");
}

static void signatures(struct strbuf *out, const struct doc_block *b)
{
        strbuf_addstr(out, "<div class=\"signatures\">\n");
        for (size_t i = 0; i < b->nitems; i++) {
                strbuf_addstr(out, "<div class=\"signature\">\n");
                para(out, "who", b->items[i].a);
                para(out, NULL, b->items[i].b != NULL ? b->items[i].b : "");
                para(out, "hint", _("Date and signature:"));
                strbuf_addstr(out, "</div>\n");
        }
        strbuf_addstr(out, "</div>\n");
}

/* The code in groups, each a <span> so the stylesheet spaces them (the spaces between
 * spans keep the groups apart when the text is copied); more than four groups go on two
 * balanced lines. */
static void code(struct strbuf *out, const struct doc_block *b)
{
        struct strbuf g = STRBUF_INIT;
        char *grouped, *p, *next;
        size_t n = 1, per_line, k = 0;

        doc_code_groups(b->text, b->ncols, " ", &g);
        grouped = strbuf_detach(&g, NULL);
        for (p = grouped; *p != '\0'; p++)
                n += *p == ' ';
        per_line = n <= 4 ? n : (n + 1) / 2;
        strbuf_addstr(out, "<div class=\"code\">\n");
        para(out, "strong", b->title);
        strbuf_addstr(out, "<p class=\"value\">");
        for (p = grouped; p != NULL; p = next) {
                next = strchr(p, ' ');
                if (next != NULL)
                        *next++ = '\0';
                strbuf_addstr(out, "<span>");
                esc(out, p);
                strbuf_addstr(out, "</span>");
                if (next != NULL)
                        strbuf_addstr(out, ++k % per_line == 0 ? " <br>" : " ");
        }
        strbuf_addstr(out, "</p>\n</div>\n");
        free(grouped);
}

/* An inline SVG of horizontal bars: labels on the left, bars scaled to the largest value,
 * the value after each bar ("s" for a secret one). */
static void bars(struct strbuf *out, const struct doc_block *b)
{
        long max = 1;
        int row = 17, height = (int)b->nitems * row + 4; /* units of 1 pt on a 180 mm page */

        for (size_t i = 0; i < b->nitems; i++)
                if (atol(b->items[i].b) > max)
                        max = atol(b->items[i].b);
        strbuf_addf(out,
                    "<figure class=\"bars\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                    "viewBox=\"0 0 510 %d\" role=\"img\" aria-label=\"",
                    height);
        esc(out, b->title);
        strbuf_addstr(out, "\">\n");
        for (size_t i = 0; i < b->nitems; i++) {
                int y = (int)i * row + 2;
                long v = atol(b->items[i].b);
                long w = b->items[i].b[0] != '\0' ? v * 220 / max : 0;

                strbuf_addf(out, "<text x=\"218\" y=\"%d\" text-anchor=\"end\">", y + 12);
                esc(out, b->items[i].a);
                strbuf_addf(out,
                            "</text><rect x=\"224\" y=\"%d\" width=\"%ld\" height=\"12\"/>"
                            "<text x=\"%ld\" y=\"%d\">%s</text>\n",
                            y + 1, w, 229 + w, y + 12,
                            b->items[i].b[0] != '\0' ? b->items[i].b : "s");
        }
        strbuf_addstr(out, "</svg><figcaption>");
        esc(out, b->title);
        strbuf_addstr(out, "</figcaption></figure>\n");
}

static void block(struct strbuf *out, const struct doc_block *b, bool easy)
{
        struct strbuf cls = STRBUF_INIT;

        if (!DOC_SHOWN(b, DOC_HTML))
                return;
        switch (b->kind) {
        case DK_BANNER:
                para(out, "banner", b->text);
                break;
        case DK_LETTERHEAD:
                letterhead(out, b);
                break;
        case DK_SECTION:
                strbuf_addstr(out, "<h2>");
                esc(out, b->text);
                strbuf_addstr(out, "</h2>\n");
                break;
        case DK_PARA:
                flags_class(&cls, b->flags);
                para(out, strbuf_str(&cls) + (cls.len > 0), b->text);
                break;
        case DK_NOTE:
                para(out, "note", b->text);
                break;
        case DK_FIELDS:
                fields(out, b);
                break;
        case DK_LIST:
                list(out, b, easy);
                break;
        case DK_TABLE:
                table(out, b);
                break;
        case DK_SIGNATURES:
                signatures(out, b);
                break;
        case DK_QR:
                strbuf_addstr(out, "<figure class=\"qr\">");
                doc_qr_svg(&b->qr, out);
                strbuf_addstr(out, "<figcaption>");
                esc(out, b->title);
                strbuf_addstr(out, "</figcaption></figure>\n");
                break;
        case DK_CODE:
                code(out, b);
                break;
        case DK_BARS:
                bars(out, b);
                break;
        case DK_FOOTER:
                strbuf_addstr(out, "<footer>");
                esc(out, b->text);
                strbuf_addstr(out, "</footer>\n");
                break;
        }
        strbuf_release(&cls);
}

void doc_render_html(const struct doc *d, struct strbuf *out)
{
        bool easy = (d->style & DOC_EASY) != 0;
        size_t i = 0, head = doc_head_blocks(d);

        strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"");
        esc(out, d->lang);
        strbuf_addstr(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                           "'none'; style-src 'unsafe-inline'\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
        esc(out, d->title);
        strbuf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body%s>\n<main>\n", stylesheet,
                    easy ? " class=\"easy\"" : "");
        /* the banner and the letterhead come before the title */
        for (; i < head; i++)
                block(out, &d->blocks[i], easy);
        strbuf_addstr(out, "<h1>");
        esc(out, d->title);
        strbuf_addstr(out, "</h1>\n");
        if (d->subtitle != NULL)
                para(out, "subtitle", d->subtitle);
        for (; i < d->nblocks; i++)
                block(out, &d->blocks[i], easy);
        strbuf_addstr(out, "</main>\n</body>\n</html>\n");
}
