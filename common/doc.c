/* Printable documents: building the description (blocks of paragraphs, fields, lists,
 * tables, signatures, QR codes), rendering it through doc_html.c or doc_text.c. */
#include "doc_impl.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct doc *doc_new(const char *title)
{
        struct doc *d = xcalloc(1, sizeof(*d));

        d->title = xstrdup(title);
        d->lang = xstrdup("fr");
        return d;
}

/* Frees a string after wiping it: a document may hold a secret (a recovery code). */
static void wipe(char *s)
{
        if (s != NULL) {
                sodium_memzero(s, strlen(s));
                free(s);
        }
}

static void block_clear(struct doc_block *b)
{
        for (size_t i = 0; i < b->nitems; i++) {
                wipe(b->items[i].a);
                wipe(b->items[i].b);
        }
        for (size_t i = 0; i < b->ncells; i++)
                wipe(b->cells[i]);
        free(b->items);
        free(b->cells);
        wipe(b->title);
        wipe(b->text);
        free(b->qr.dark);
}

void doc_free(struct doc *d)
{
        if (d == NULL)
                return;
        for (size_t i = 0; i < d->nblocks; i++)
                block_clear(&d->blocks[i]);
        free(d->blocks);
        free(d->title);
        free(d->subtitle);
        free(d->lang);
        free(d);
}

void doc_style(struct doc *d, unsigned style)
{
        d->style = style;
}

void doc_lang(struct doc *d, const char *lang)
{
        free(d->lang);
        d->lang = xstrdup(lang);
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
        char *s;

        if (vasprintf(&s, fmt, ap) < 0)
                die(EX_OSERR, "%s", _("out of memory"));
        return s;
}

static struct doc_block *new_block(struct doc *d, enum doc_kind kind)
{
        struct doc_block *b;

        d->blocks = xreallocarray(d->blocks, d->nblocks + 1, sizeof(*d->blocks));
        b = &d->blocks[d->nblocks++];
        memset(b, 0, sizeof(*b));
        b->kind = kind;
        return b;
}

/* The last block when it is of this kind (so consecutive fields, items and signatures
 * gather), else a new one. */
static struct doc_block *open_block(struct doc *d, enum doc_kind kind)
{
        if (d->nblocks > 0 && d->blocks[d->nblocks - 1].kind == kind)
                return &d->blocks[d->nblocks - 1];
        return new_block(d, kind);
}

static void add_item(struct doc_block *b, const char *a, char *b_owned)
{
        b->items = xreallocarray(b->items, b->nitems + 1, sizeof(*b->items));
        b->items[b->nitems].a = a != NULL ? xstrdup(a) : NULL;
        b->items[b->nitems].b = b_owned;
        b->nitems++;
}

static void text_block(struct doc *d, enum doc_kind kind, unsigned flags, const char *fmt,
                       va_list ap) __attribute__((format(printf, 4, 0)));

static void text_block(struct doc *d, enum doc_kind kind, unsigned flags, const char *fmt,
                       va_list ap)
{
        struct doc_block *b = new_block(d, kind);

        b->flags = flags;
        b->text = vformat(fmt, ap);
}

void doc_banner(struct doc *d, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        text_block(d, DK_BANNER, 0, fmt, ap);
        va_end(ap);
}

void doc_letterhead(struct doc *d, const char *name)
{
        new_block(d, DK_LETTERHEAD)->title = xstrdup(name);
}

void doc_letterhead_line(struct doc *d, const char *fmt, ...)
{
        struct doc_block *b = open_block(d, DK_LETTERHEAD);
        va_list ap;

        va_start(ap, fmt);
        add_item(b, NULL, vformat(fmt, ap));
        va_end(ap);
}

void doc_subtitle(struct doc *d, const char *fmt, ...)
{
        va_list ap;

        free(d->subtitle);
        va_start(ap, fmt);
        d->subtitle = vformat(fmt, ap);
        va_end(ap);
}

void doc_section(struct doc *d, const char *heading)
{
        new_block(d, DK_SECTION)->text = xstrdup(heading);
}

void doc_para(struct doc *d, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        text_block(d, DK_PARA, 0, fmt, ap);
        va_end(ap);
}

void doc_para_flags(struct doc *d, unsigned flags, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        text_block(d, DK_PARA, flags, fmt, ap);
        va_end(ap);
}

void doc_note(struct doc *d, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        text_block(d, DK_NOTE, 0, fmt, ap);
        va_end(ap);
}

void doc_footer(struct doc *d, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        text_block(d, DK_FOOTER, 0, fmt, ap);
        va_end(ap);
}

void doc_field(struct doc *d, const char *label, const char *fmt, ...)
{
        struct doc_block *b = open_block(d, DK_FIELDS);
        va_list ap;

        va_start(ap, fmt);
        add_item(b, label, vformat(fmt, ap));
        va_end(ap);
}

void doc_item(struct doc *d, const char *title, const char *fmt, ...)
{
        struct doc_block *b = open_block(d, DK_LIST);
        va_list ap;

        va_start(ap, fmt);
        add_item(b, title, vformat(fmt, ap));
        va_end(ap);
}

void doc_list_columns(struct doc *d, int n)
{
        if (d->nblocks > 0 && d->blocks[d->nblocks - 1].kind == DK_LIST)
                d->blocks[d->nblocks - 1].ncols = n;
}

void doc_table(struct doc *d, int ncols, const char *const *header)
{
        struct doc_block *b = new_block(d, DK_TABLE);

        b->ncols = ncols > 0 ? ncols : 1;
        doc_row(d, header);
}

void doc_bars(struct doc *d, const char *caption, const char *const *labels, const long *values,
              size_t n)
{
        struct doc_block *b = new_block(d, DK_BARS);

        b->title = xstrdup(caption);
        for (size_t i = 0; i < n; i++)
                add_item(b, labels[i], values[i] < 0 ? xstrdup("") : xasprintf("%ld", values[i]));
}

void doc_row(struct doc *d, const char *const *cells)
{
        struct doc_block *b;

        if (d->nblocks == 0 || d->blocks[d->nblocks - 1].kind != DK_TABLE)
                die(EX_SOFTWARE, "doc_row without doc_table");
        b = &d->blocks[d->nblocks - 1];
        b->cells = xreallocarray(b->cells, b->ncells + (size_t)b->ncols, sizeof(*b->cells));
        for (int i = 0; i < b->ncols; i++)
                b->cells[b->ncells++] = xstrdup(cells[i] != NULL ? cells[i] : "");
}

void doc_signature(struct doc *d, const char *who, const char *name)
{
        add_item(open_block(d, DK_SIGNATURES), who, name != NULL ? xstrdup(name) : NULL);
}

void doc_qr(struct doc *d, const void *data, size_t len, const char *caption)
{
        struct doc_qrcode q;
        struct doc_block *b;

        doc_qr_encode(&q, data, len);
        b = new_block(d, DK_QR);
        b->title = xstrdup(caption != NULL ? caption : "");
        b->qr = q;
}

void doc_code(struct doc *d, const char *label, const char *code, int group)
{
        struct doc_block *b = new_block(d, DK_CODE);

        b->title = xstrdup(label);
        b->text = xstrdup(code);
        b->ncols = group;
}

void doc_code_groups(const char *code, int group, const char *sep, struct strbuf *out)
{
        size_t n = 0;

        for (const char *p = code; *p != '\0'; p++) {
                if (group > 0 && n > 0 && n % (size_t)group == 0 && (*p & 0xC0) != 0x80)
                        strbuf_addstr(out, sep);
                strbuf_addch(out, *p);
                if ((*p & 0xC0) != 0x80)
                        n++;
        }
}

void doc_only(struct doc *d, enum doc_form form)
{
        if (d->nblocks > 0)
                d->blocks[d->nblocks - 1].only = 1 + (int)form;
}

size_t doc_head_blocks(const struct doc *d)
{
        size_t i = 0;

        while (i < d->nblocks &&
               (d->blocks[i].kind == DK_BANNER || d->blocks[i].kind == DK_LETTERHEAD))
                i++;
        return i;
}

char *doc_render(const struct doc *d, enum doc_form form)
{
        struct strbuf out = STRBUF_INIT;

        if (form == DOC_HTML)
                doc_render_html(d, &out);
        else
                doc_render_text(d, &out);
        return strbuf_detach(&out, NULL);
}

int doc_write(const struct doc *d, enum doc_form form, FILE *fp)
{
        char *s = doc_render(d, form);
        size_t n = strlen(s);
        int r = fwrite(s, 1, n, fp) == n ? 0 : -1;

        wipe(s);
        return r;
}

int doc_form_parse(const char *name, enum doc_form *out)
{
        if (strcmp(name, "html") == 0 || strcmp(name, "htm") == 0)
                *out = DOC_HTML;
        else if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
                *out = DOC_TEXT;
        else
                return -1;
        return 0;
}

enum doc_form doc_form_of_path(const char *path)
{
        const char *dot = strrchr(path, '.');
        enum doc_form f = DOC_TEXT;

        if (dot != NULL && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
                f = DOC_HTML;
        return f;
}
