/* Printable pages: blocks kept in order, rendered as wrapped text or as HTML. */
#include "page.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum block_kind { B_HEADING, B_PARA, B_ITEM, B_BOX, B_PAIR };

struct block {
        enum block_kind kind;
        char *a, *b;
};

struct page {
        char *title;
        struct block *v;
        size_t n;
};

struct page *page_new(const char *title)
{
        struct page *p = xcalloc(1, sizeof(*p));

        p->title = xstrdup(title);
        return p;
}

static void add(struct page *p, enum block_kind k, const char *a, const char *b)
{
        p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
        p->v[p->n].kind = k;
        p->v[p->n].a = xstrdup(a);
        p->v[p->n].b = b != NULL ? xstrdup(b) : NULL;
        p->n++;
}

void page_heading(struct page *p, const char *text)
{
        add(p, B_HEADING, text, NULL);
}

void page_para(struct page *p, const char *text)
{
        add(p, B_PARA, text, NULL);
}

void page_item(struct page *p, bool box, const char *text)
{
        add(p, box ? B_BOX : B_ITEM, text, NULL);
}

void page_pair(struct page *p, const char *key, const char *value)
{
        add(p, B_PAIR, key, value);
}

/* Appends s wrapped at 78 columns (code points), continuation lines indented by indent. */
static void wrap(struct strbuf *sb, const char *lead, const char *s, size_t indent)
{
        size_t col = text_utf8_len(lead);
        const char *w = s;

        strbuf_addstr(sb, lead);
        while (*w != '\0') {
                size_t n = strcspn(w, " ");
                char *word = xstrndup(w, n);
                size_t wl = text_utf8_len(word);

                if (col > indent && col + 1 + wl > 78) {
                        strbuf_addch(sb, '\n');
                        for (col = 0; col < indent; col++)
                                strbuf_addch(sb, ' ');
                } else if (col > indent || (col == indent && w != s)) {
                        strbuf_addch(sb, ' ');
                        col++;
                }
                strbuf_addstr(sb, word);
                col += wl;
                free(word);
                w += n;
                while (*w == ' ')
                        w++;
        }
        strbuf_addch(sb, '\n');
}

static void underline(struct strbuf *sb, const char *s, char c)
{
        size_t n = text_utf8_len(s);

        strbuf_addstr(sb, s);
        strbuf_addch(sb, '\n');
        for (size_t i = 0; i < n; i++)
                strbuf_addch(sb, c);
        strbuf_addch(sb, '\n');
}

static void render_text(const struct page *p, struct strbuf *sb)
{
        underline(sb, p->title, '=');
        for (size_t i = 0; i < p->n; i++) {
                const struct block *b = &p->v[i];

                if (b->kind == B_HEADING) {
                        strbuf_addch(sb, '\n');
                        wrap(sb, "", b->a, 0);
                } else if (b->kind == B_PARA) {
                        wrap(sb, "", b->a, 0);
                } else if (b->kind == B_ITEM || b->kind == B_BOX) {
                        wrap(sb, b->kind == B_BOX ? "  [ ] " : "  - ", b->a, 6);
                } else {
                        char *lead = xasprintf("%s:", b->a);

                        wrap(sb, lead, b->b, 2);
                        free(lead);
                }
        }
}

static void escape(struct strbuf *sb, const char *s)
{
        for (; *s != '\0'; s++) {
                if (*s == '<')
                        strbuf_addstr(sb, "&lt;");
                else if (*s == '>')
                        strbuf_addstr(sb, "&gt;");
                else if (*s == '&')
                        strbuf_addstr(sb, "&amp;");
                else if (*s == '"')
                        strbuf_addstr(sb, "&quot;");
                else
                        strbuf_addch(sb, *s);
        }
}

static const char style[] =
    "body{font-family:sans-serif;font-size:12pt;max-width:42em;margin:2em auto;line-height:1.4}"
    "h1{font-size:16pt}h2{font-size:13pt;margin-top:1.2em}ul{padding-left:1.2em}"
    "li.box{list-style:none}li.box::before{content:'\\2610\\00a0'}"
    "dt{font-weight:bold;float:left;margin-right:.5em}"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid}li{break-inside:avoid}}";

static void render_html(const struct page *p, struct strbuf *sb)
{
        bool in_list = false;

        strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<title>");
        escape(sb, p->title);
        strbuf_addf(sb, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
        escape(sb, p->title);
        strbuf_addstr(sb, "</h1>\n");
        for (size_t i = 0; i < p->n; i++) {
                const struct block *b = &p->v[i];
                bool item = b->kind == B_ITEM || b->kind == B_BOX;

                if (item && !in_list)
                        strbuf_addstr(sb, "<ul>\n");
                if (!item && in_list)
                        strbuf_addstr(sb, "</ul>\n");
                in_list = item;
                strbuf_addstr(sb, b->kind == B_HEADING ? "<h2>"
                                  : b->kind == B_PARA  ? "<p>"
                                  : b->kind == B_BOX   ? "<li class=\"box\">"
                                  : b->kind == B_ITEM  ? "<li>"
                                                       : "<p><b>");
                escape(sb, b->a);
                if (b->kind == B_PAIR) {
                        strbuf_addstr(sb, ":</b> ");
                        escape(sb, b->b);
                }
                strbuf_addstr(sb, b->kind == B_HEADING ? "</h2>\n" : item ? "</li>\n" : "</p>\n");
        }
        if (in_list)
                strbuf_addstr(sb, "</ul>\n");
        strbuf_addstr(sb, "</body>\n</html>\n");
}

char *page_render(const struct page *p, bool html, size_t *len)
{
        struct strbuf sb = STRBUF_INIT;

        if (html)
                render_html(p, &sb);
        else
                render_text(p, &sb);
        return strbuf_detach(&sb, len);
}

void page_free(struct page *p)
{
        for (size_t i = 0; i < p->n; i++) {
                free(p->v[i].a);
                free(p->v[i].b);
        }
        free(p->v);
        free(p->title);
        free(p);
}
