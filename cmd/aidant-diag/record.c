/* record: answers documents (JSON, YAML, NDJSON; one or many) made into diagnoses, all
 * or nothing: every bad answer is named with file:line and question id. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "diagnose.h"
#include "i18n.h"
#include "ident.h"
#include "msg.h"
#include "rec.h"
#include "store.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct batch {
        struct denv *e;
        const struct form *f;
        struct diag_input in;
        long long first, count;
        long bad;
};

/* Stores one answers document, or reports its errors. */
static void record_one(struct batch *b, json_t *answers, const struct rec_loc *loc)
{
        char *where = xasprintf("%s:%ld", loc->file, loc->line), *error = NULL, *canon;
        json_t *doc = diag_from_answers(b->f, answers, where, &b->in, &error);
        char id[DIAG_ID_HEX + 1];
        long long n;

        if (doc == NULL) {
                for (char *line = strtok(error, "\n"); line != NULL; line = strtok(NULL, "\n"))
                        msg_error(EX_DATAERR, "%s", line);
                b->bad++;
                free(error);
                free(where);
                return;
        }
        canon = diag_canonical(doc);
        diag_id(canon, id);
        if ((n = db_find_id(b->e, id)) != 0) {
                msg_error(EX_DATAERR, _("%s: these answers are already stored as diagnosis %lld"),
                          where, n);
                b->bad++;
        } else if (b->bad == 0) {
                n = db_insert(b->e, doc, canon, id,
                              json_string_value(json_object_get(doc, "usager")), "local", NULL);
                if (b->count++ == 0)
                        b->first = n;
        }
        free(canon);
        json_decref(doc);
        free(where);
}

static void record_file(struct batch *b, const char *path, enum fmt from)
{
        struct rec_reader *r = rec_open(path, from);
        struct rec_loc loc;
        json_t *rec;
        int rc;

        if (r == NULL)
                die(EX_NOINPUT, _("cannot read %s: %s"), path, strerror(errno));
        while ((rc = rec_next(r, &rec, &loc)) == 1) {
                record_one(b, rec, &loc);
                json_decref(rec);
        }
        if (rc < 0) {
                msg_error(EX_DATAERR, "%s", rec_error(r));
                b->bad++;
        }
        rec_close(r);
}

int cmd_record(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"form", required_argument, NULL, 'f'},
                                                 {"usager", required_argument, NULL, 'u'},
                                                 {"from", required_argument, NULL, 'F'},
                                                 {NULL, 0, NULL, 0}};
        const char *form_id = NULL;
        enum fmt from = FMT_AUTO;
        struct batch b = {0};
        char keyid[17];
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'f') {
                        form_id = optarg;
                } else if (c == 'u') {
                        if (!diag_valid_pseudonym(optarg))
                                cli_usage_error(ctx, "%s",
                                                _("--usager: a pseudonym is letters, digits, '-' "
                                                  "or '_' (never a name)"));
                        b.in.usager = optarg;
                } else {
                        int f = fmt_parse(optarg);

                        if (f != FMT_JSON && f != FMT_NDJSON && f != FMT_YAML)
                                cli_usage_error(ctx, _("--from: '%s' is not json, ndjson or yaml"),
                                                optarg);
                        from = (enum fmt)f;
                }
        }
        if (form_id == NULL)
                cli_usage_error(ctx, "%s", _("--form is required"));
        b.f = form_find(ctx->home, form_id);
        b.e = denv_open(ctx);
        b.in.date = b.e->today;
        b.in.structure = ident_keyid(ctx->home, keyid) ? keyid : NULL;
        store_begin(b.e->db);
        if (optind >= argc)
                record_file(&b, "-", from);
        for (int i = optind; i < argc; i++)
                record_file(&b, argv[i], from);
        if (b.bad > 0) {
                store_rollback(b.e->db);
                die(EX_DATAERR, _("nothing was stored: %ld answers documents with errors"), b.bad);
        }
        store_commit(b.e->db);
        for (long long i = 0; i < b.count; i++)
                printf("%lld\n", b.first + i);
        if (b.count == 0)
                msg_notice("%s", _("no answers documents: nothing stored"));
        denv_close(b.e);
        form_free((struct form *)b.f);
        return 0;
}
