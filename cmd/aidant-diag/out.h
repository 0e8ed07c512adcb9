/* Output of aidant-diag beyond common/show.h: the demo marks and the printable pages. */
#ifndef DIAG_OUT_H
#define DIAG_OUT_H

#include "doc.h"

#include <jansson.h>
#include <stdbool.h>

struct ctx;

/* In demo mode (--demo), what the record writers do for lists (DESIGN.md, "Demo mode"):
 * one record with "demo": true first (rec is taken, a new reference is returned), the
 * banner above a table of one's own, the band on top of a printable page. */
json_t *out_demo_record(json_t *rec);
void out_demo_banner(const struct ctx *ctx);
void out_demo_page(struct doc *d);
/* The --format of a printable page (text or html); usage error otherwise. */
enum doc_form out_doc_form(const struct ctx *ctx, const char *value);
/* Writes a printable page to -o FILE (atomically, 0600) or to stdout when path is NULL. */
void out_doc(const struct doc *d, enum doc_form form, const char *path);

#endif
