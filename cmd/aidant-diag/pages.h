/* The pages of a stored diagnosis for people: show's table (show.c) and the person's
 * summary (summary.c); also what the fuzz harness of the portable reader renders. */
#ifndef DIAG_PAGES_H
#define DIAG_PAGES_H

#include "db.h"
#include "doc.h"

#include <stdio.h>

/* The table of `show`: strengths first, a bar per competence, barriers, needs and
 * orientation, written to out. */
void show_table(FILE *out, const struct drow *r);
/* The summary page for the person, with its verification code (new; doc_free). */
struct doc *summary_page(const struct drow *r);

#endif
