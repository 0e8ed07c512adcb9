/* export: the portable diagnosis, its canonical JSON (whose BLAKE2b-256 is its id) and the
 * .minisig signature of the structure key (common/structure), that the stock minisign
 * verifies and another structure imports. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "diagnose.h"
#include "fs.h"
#include "i18n.h"
#include "ident.h"
#include "msg.h"
#include "structure.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *parse_export(struct ctx *ctx, int argc, char **argv, const char **out)
{
        static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                                 {NULL, 0, NULL, 0}};

        while (cli_getopt(ctx, argc, argv, longopts) != -1)
                *out = optarg;
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one diagnosis (its number or id)"));
        if (*out == NULL || strcmp(*out, "-") == 0 || (*out)[0] == '\0')
                cli_usage_error(ctx, "%s",
                                _("-o <file> is required: the diagnosis and its signature "
                                  "<file>.minisig are two files"));
        return argv[optind];
}

/* The canonical JSON of a stored diagnosis (new), checked against its id. */
static char *canonical_of(const struct drow *r)
{
        char *canon, id[DIAG_ID_HEX + 1];

        if (r->forgotten)
                die(EX_NOINPUT, _("diagnosis %lld was forgotten (forget --usager)"), r->n);
        canon = diag_canonical(r->doc);
        diag_id(canon, id);
        if (strcmp(id, r->id) != 0)
                die(EX_DATAERR, _("diagnosis %lld is corrupt in the store"), r->n);
        return canon;
}

/* A temporary file next to path holding text, committed with the others. */
static struct afile *write_whole(const char *path, const char *text)
{
        struct afile *af = afile_open(path, 0600);
        size_t len = strlen(text);

        if (fwrite(text, 1, len, af->fp) != len)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        return af;
}

int cmd_export(int argc, char **argv, struct ctx *ctx)
{
        const char *path = NULL, *arg = parse_export(ctx, argc, argv, &path);
        struct structure *s = structure_open(ctx->home, DIAG_INIT_CMD);
        struct denv *e = denv_open_existing(ctx);
        char *canon, *trusted, *sig, *sigpath;
        struct drow r;

        db_get(e, db_resolve(e, arg), &r);
        denv_close(e);
        canon = canonical_of(&r);
        structure_unlock(s, &ctx->secrets);
        trusted = xasprintf("aidant-diag diagnosis id:%s", r.id);
        sig = structure_sign(s, canon, strlen(canon), trusted);
        sigpath = xasprintf("%s.minisig", path);
        /* both written and flushed before either is renamed: never a diagnosis with an
         * older signature */
        struct afile *files[] = {write_whole(path, canon), write_whole(sigpath, sig)};
        afile_commit_all(files, 2);
        msg_notice(_("diagnosis %s signed by the structure %s (key %s): %s and %s"), r.id,
                   structure_name(s), structure_key_id(s), path, sigpath);
        printf("%s\n", r.id);
        free(sigpath);
        free(sig);
        free(trusted);
        free(canon);
        drow_clear(&r);
        structure_close(s);
        return 0;
}
