/* Output helpers of aidant-diag. */
#include "out.h"
#include "cli.h"
#include "demo.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "rec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *out_demo_record(json_t *rec)
{
        json_t *marked;

        if (!demo_active())
                return rec;
        marked = json_pack("{s:b}", "demo", 1);
        json_object_update(marked, rec);
        json_decref(rec);
        return marked;
}

void out_demo_banner(const struct ctx *ctx)
{
        if (ctx->format == FMT_TABLE)
                rec_demo_banner(stdout);
}

void out_demo_page(struct doc *d)
{
        if (demo_active())
                doc_banner(d, "%s", DEMO_MARK);
}

enum doc_form out_doc_form(const struct ctx *ctx, const char *value)
{
        enum doc_form f;

        if (doc_form_parse(value, &f) != 0)
                cli_usage_error(ctx, _("--format: '%s' is neither text nor html"), value);
        return f;
}

void out_doc(const struct doc *d, enum doc_form form, const char *path)
{
        struct afile *af;

        if (path == NULL) {
                if (doc_write(d, form, stdout) != 0)
                        die(EX_IOERR, _("cannot write the output: %s"), strerror(errno));
                return;
        }
        af = afile_open(path, 0600);
        if (doc_write(d, form, af->fp) != 0)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        afile_commit(af);
}
