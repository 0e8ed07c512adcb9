/* The demo sandbox of aidant-mandate (--demo): a fictitious library with its structure
 * key (passphrase "demo"), three helpers, three people, their mandates and a few acts,
 * all made through the commands themselves, so that the demo journal is a real one. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "msg.h"
#include "structure.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs the command named args[0] with args (NULL-terminated) as its arguments; what it
 * prints on stdout is returned (new string, its last newline removed), not shown. The
 * sandbox is filled while the user's command line is read: its getopt place is kept. */
static char *run(struct ctx *ctx, const char *const *args)
{
        const struct command *saved = ctx->cmd, *c = ctx->tool->commands;
        char *argv[16], *out = NULL;
        FILE *tmp = tmpfile();
        int argc = 0, keep, code, outer = optind; /* the command line being read */
        size_t len = 0;

        while (c->name != NULL && strcmp(c->name, args[0]) != 0)
                c++;
        if (tmp == NULL || c->name == NULL)
                die(EX_SOFTWARE, "demo: %s", args[0]);
        for (; argc < 15 && args[argc] != NULL; argc++)
                argv[argc] = (char *)args[argc];
        argv[argc] = NULL;
        fflush(stdout);
        keep = dup(STDOUT_FILENO);
        dup2(fileno(tmp), STDOUT_FILENO);
        ctx->cmd = c;
        optind = 0;
        code = c->fn(argc, argv, ctx);
        fflush(stdout);
        dup2(keep, STDOUT_FILENO);
        close(keep);
        ctx->cmd = saved;
        optind = outer;
        if (code != 0)
                die(code, "demo: %s", args[0]);
        rewind(tmp);
        if (getline(&out, &len, tmp) < 0) {
                free(out);
                out = xstrdup("");
        }
        out[strcspn(out, "\n")] = '\0';
        fclose(tmp);
        return out;
}

static void run_quiet(struct ctx *ctx, const char *const *args)
{
        free(run(ctx, args));
}

void mandate_demo_fill(struct ctx *ctx)
{
        char *db = xasprintf("%s/mandate.db", ctx->home), *josiane, *mamadou, *lucie, *m;
        bool set_up = access(db, F_OK) == 0;
        int quiet = msg_quiet;

        free(db);
        if (set_up)
                return; /* filled by an earlier run that stopped before marking it */
        msg_quiet = 1;
        if (structure_exists(ctx->home))
                run_quiet(ctx, (const char *const[]){"init", NULL});
        else
                run_quiet(ctx,
                          (const char *const[]){"init", "--name", "Médiathèque Jean-Jaurès (démo)",
                                                "--siret", "21010053100017", "--address",
                                                "2 place de la République, 73000 Chambéry",
                                                "--phone", "04 79 00 00 00", NULL});
        run_quiet(ctx, (const char *const[]){"aidant", "add", "--name", "Camille Rivière",
                                             "--email", "camille.riviere@example.org", NULL});
        run_quiet(ctx, (const char *const[]){"aidant", "add", "--name", "Louis Garnier", NULL});
        run_quiet(ctx, (const char *const[]){"aidant", "add", "--name", "Inès Haddad", NULL});
        run_quiet(ctx, (const char *const[]){"aidant", "accept-charter", "1", NULL});
        run_quiet(ctx, (const char *const[]){"aidant", "accept-charter", "2", NULL});
        josiane = run(ctx, (const char *const[]){"usager", "add", "--given", "Josiane", "--family",
                                                 "Lambert", "--birth", "1948-05-17", "--civilite",
                                                 "madame", NULL});
        mamadou = run(ctx, (const char *const[]){"usager", "add", "--given", "Mamadou", "--family",
                                                 "Diallo", "--birth", "1979-11-02", "--civilite",
                                                 "monsieur", NULL});
        lucie = run(ctx, (const char *const[]){"usager", "add", "--given", "Lucie", "--family",
                                               "Martin", "--birth", "2001-02-14", NULL});
        run_quiet(ctx,
                  (const char *const[]){"create", "--usager", josiane, "--aidant", "1",
                                        "--demarche", "social,argent", "--duration", "1y", NULL});
        run_quiet(ctx, (const char *const[]){"create", "--usager", mamadou, "--aidant", "2",
                                             "--demarche", "logement,travail", "--duration", "6m",
                                             NULL});
        m = run(ctx,
                (const char *const[]){"create", "--usager", lucie, "--aidant", "1", "--demarche",
                                      "famille,transports", "--duration", "1m", NULL});
        run_quiet(ctx,
                  (const char *const[]){"use", "--usager", josiane, "--aidant", "1", "--demarche",
                                        "social", "--note", "déclaration trimestrielle RSA", NULL});
        run_quiet(ctx, (const char *const[]){"revoke", m, "--demarche", "transports", "--by",
                                             "usager", NULL});
        msg_quiet = quiet;
        msg_notice("%s", _("demo: a fictitious library, three helpers, three people and their "
                           "mandates (passphrase \"demo\")"));
        free(josiane);
        free(mamadou);
        free(lucie);
        free(m);
}
