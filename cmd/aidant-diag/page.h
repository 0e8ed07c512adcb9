/* Printable pages of aidant-diag (the paper form, the person's summary): a list of
 * blocks rendered as plain text (78 columns) or as HTML with a print stylesheet. */
#ifndef DIAG_PAGE_H
#define DIAG_PAGE_H

#include <stdbool.h>
#include <stddef.h>

struct page;

struct page *page_new(const char *title);
void page_heading(struct page *p, const char *text);
void page_para(struct page *p, const char *text);
/* A list item; with box, a square to tick by hand. */
void page_item(struct page *p, bool box, const char *text);
/* "key: value" line. */
void page_pair(struct page *p, const char *key, const char *value);
/* The whole page as text or HTML (new string, *len its length). */
char *page_render(const struct page *p, bool html, size_t *len);
void page_free(struct page *p);

#endif
