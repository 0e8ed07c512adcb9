/* The document model shared by the builders (doc.c) and the renderers (doc_html.c,
 * doc_text.c, doc_qr.c); not for the tools, which use doc.h. */
#ifndef AIDANT_DOC_IMPL_H
#define AIDANT_DOC_IMPL_H

#include "doc.h"
#include "strbuf.h"

enum doc_kind {
        DK_BANNER,
        DK_LETTERHEAD, /* title: the name; items: the lines (a) */
        DK_SECTION,
        DK_PARA,
        DK_NOTE,
        DK_FIELDS,     /* items: label (a), value (b) */
        DK_LIST,       /* items: title (a, may be NULL), text (b) */
        DK_TABLE,      /* cells: header then rows, ncols a row */
        DK_SIGNATURES, /* items: who (a), name (b, may be NULL) */
        DK_QR,         /* title: caption; qr: the modules */
        DK_CODE,       /* title: label; text: the code; ncols: group size */
        DK_FOOTER,
        DK_BARS, /* title: caption; items: label (a), value (b, "" when secret) */
};

struct doc_item {
        char *a, *b;
};

/* The modules of a QR code, quiet zone excluded: dark[y * width + x]. */
struct doc_qrcode {
        int width;
        unsigned char *dark;
};

struct doc_block {
        enum doc_kind kind;
        unsigned flags;
        int only; /* 0 both forms, else 1 + the doc_form it is for */
        int ncols;
        char *title, *text;
        struct doc_item *items;
        size_t nitems;
        char **cells;
        size_t ncells;
        struct doc_qrcode qr;
};

struct doc {
        char *title, *subtitle, *lang;
        unsigned style;
        struct doc_block *blocks;
        size_t nblocks;
};

/* True when block b is rendered in that form. */
#define DOC_SHOWN(b, form) ((b)->only == 0 || (b)->only == 1 + (int)(form))

/* The number of blocks at the start that come before the title (banner, letterhead). */
size_t doc_head_blocks(const struct doc *d);

/* The renderers, appending to out. */
void doc_render_html(const struct doc *d, struct strbuf *out);
void doc_render_text(const struct doc *d, struct strbuf *out);

/* Encodes data into q (dies with 65 when too long); doc_qr_svg appends an SVG of it. */
void doc_qr_encode(struct doc_qrcode *q, const void *data, size_t len);
void doc_qr_svg(const struct doc_qrcode *q, struct strbuf *out);

/* The code cut in groups of group characters separated by sep (group 0: unchanged). */
void doc_code_groups(const char *code, int group, const char *sep, struct strbuf *out);

#endif
