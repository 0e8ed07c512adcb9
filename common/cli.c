/* Command dispatch: global options, the command table, usage and help, and the
 * check of standard output at exit (a full disk is an error, not a success). */
#include "cli.h"
#include "config.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void print_command_usage(FILE *out, const struct tool *tool, const struct command *cmd)
{
        fprintf(out, _("usage: %s %s %s\n"), tool->name, cmd->name, cmd->usage);
        fprintf(out, "\n%s\n", _(cmd->summary));
        if (cmd->options != NULL)
                fprintf(out, "\n%s", _(cmd->options));
}

static void print_tool_usage(FILE *out, const struct tool *tool)
{
        fprintf(out,
                _("usage: %s [--home <dir>] [--format <format>] [--quiet] <command> [<args>]\n"),
                tool->name);
        fprintf(out, "\n%s\n\n%s\n", _(tool->summary), _("commands:"));
        for (const struct command *c = tool->commands; c->name != NULL; c++)
                fprintf(out, "  %-16s %s\n", c->name, _(c->summary));
        fprintf(out, "\n%s\n",
                _("global options:\n"
                  "  --home <dir>       data folder (AIDANT_HOME, default "
                  "~/.local/share/aidant)\n"
                  "  --format <format>  json, ndjson, yaml, csv or table\n"
                  "  --quiet            no notices on stderr\n"
                  "  --help, --version"));
        fprintf(out, _("'%s help <command>' shows the options of a command.\n"), tool->name);
}

static const struct command *find_command(const struct tool *tool, const char *name)
{
        for (const struct command *c = tool->commands; c->name != NULL; c++)
                if (strcmp(c->name, name) == 0)
                        return c;
        return NULL;
}

_Noreturn void cli_usage_error(const struct ctx *ctx, const char *fmt, ...)
{
        va_list ap;

        fflush(stdout);
        fprintf(stderr, "%s: %s: ", ctx->tool->name, _("error"));
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        if (ctx->cmd != NULL)
                fprintf(stderr, _("usage: %s %s %s\n"), ctx->tool->name, ctx->cmd->name,
                        ctx->cmd->usage);
        else
                fprintf(stderr,
                        _("usage: %s [--home <dir>] [--format <format>] [--quiet] <command> "
                          "[<args>]\n"),
                        ctx->tool->name);
        exit(EX_USAGE);
}

int cli_getopt(const struct ctx *ctx, int argc, char **argv, const struct option *longopts)
{
        char shortopts[128] = ":";
        size_t n = 1;
        int c;

        for (const struct option *o = longopts; o->name != NULL && n + 3 < sizeof(shortopts); o++) {
                if (o->flag != NULL || o->val <= 0 || o->val > 127 || !isalnum(o->val))
                        continue;
                shortopts[n++] = (char)o->val;
                if (o->has_arg == required_argument)
                        shortopts[n++] = ':';
        }
        shortopts[n] = '\0';
        opterr = 0;
        c = getopt_long(argc, argv, shortopts, longopts, NULL);
        if (c == '?')
                cli_usage_error(ctx, _("unknown option '%s'"), argv[optind - 1]);
        if (c == ':')
                cli_usage_error(ctx, _("option '%s' needs a value"), argv[optind - 1]);
        return c;
}

void cli_no_args(const struct ctx *ctx, int argc, char **argv)
{
        if (optind < argc)
                cli_usage_error(ctx, _("unexpected argument '%s'"), argv[optind]);
}

long cli_number(const struct ctx *ctx, const char *opt, const char *value, long min, long max)
{
        char *end;
        long v;

        errno = 0;
        v = strtol(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || v < min || v > max)
                cli_usage_error(ctx, _("%s: '%s' is not a number from %ld to %ld"), opt, value, min,
                                max);
        return v;
}

char *cli_share_path(const char *rel)
{
        const char *dir = getenv("AIDANT_SHARE");

        if (dir == NULL || dir[0] == '\0')
                dir = AIDANT_SHARE_DIR;
        return xasprintf("%s/%s", dir, rel);
}

/* The default home lives until exit: kept in a static so that it is not a leak. */
static const char *default_home(void)
{
        static char *path;
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");

        if (path != NULL)
                return path;
        if (xdg != NULL && xdg[0] == '/')
                return path = xasprintf("%s/aidant", xdg);
        if (home == NULL || home[0] == '\0')
                die(EX_CONFIG, "%s", _("no home folder: set HOME, AIDANT_HOME or --home"));
        return path = xasprintf("%s/.local/share/aidant", home);
}

static int close_stdout(int code)
{
        if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
                if (errno == EPIPE)
                        return code;
                return msg_error(EX_IOERR, _("cannot write the output: %s"), strerror(errno));
        }
        return code;
}

/* Global options stand before the command. Returns the index of the command. */
static int parse_globals(struct ctx *ctx, int argc, char **argv)
{
        int i;

        for (i = 1; i < argc && argv[i][0] == '-'; i++) {
                const char *a = argv[i];
                const char *val = NULL;

                if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                        print_tool_usage(stdout, ctx->tool);
                        exit(close_stdout(0));
                } else if (strcmp(a, "--version") == 0) {
                        printf("%s %s\n", ctx->tool->name, AIDANT_VERSION);
                        exit(close_stdout(0));
                } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
                        ctx->quiet = true;
                } else if (strncmp(a, "--home", 6) == 0 || strncmp(a, "--format", 8) == 0) {
                        const char *eq = strchr(a, '=');

                        val = eq != NULL ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
                        if (val == NULL)
                                cli_usage_error(ctx, _("option '%s' needs a value"), a);
                        if (a[2] == 'h') {
                                ctx->home = val;
                        } else {
                                int f = fmt_parse(val);

                                if (f < 0 || f == FMT_AUTO)
                                        cli_usage_error(ctx, _("unknown format '%s'"), val);
                                ctx->format = (enum fmt)f;
                                ctx->format_set = true;
                        }
                } else {
                        cli_usage_error(ctx, _("unknown option '%s'"), a);
                }
        }
        return i;
}

int cli_run(const struct tool *tool, int argc, char **argv)
{
        struct ctx ctx = {.tool = tool};
        const char *env_home = getenv("AIDANT_HOME");
        int i, code;

        msg_prog = tool->name;
        i18n_init();
        ctx.tty_out = isatty(STDOUT_FILENO) == 1;
        ctx.tty_err = isatty(STDERR_FILENO) == 1;
        i = parse_globals(&ctx, argc, argv);
        msg_quiet = ctx.quiet;
        if (ctx.home == NULL)
                ctx.home = env_home != NULL && env_home[0] != '\0' ? env_home : default_home();
        if (!ctx.format_set)
                ctx.format = ctx.tty_out ? FMT_TABLE : FMT_JSON;
        if (i >= argc) {
                print_tool_usage(stderr, tool);
                return EX_USAGE;
        }
        if (strcmp(argv[i], "help") == 0) {
                const struct command *c = i + 1 < argc ? find_command(tool, argv[i + 1]) : NULL;

                if (i + 1 < argc && c == NULL)
                        cli_usage_error(&ctx, _("unknown command '%s'"), argv[i + 1]);
                if (c != NULL)
                        print_command_usage(stdout, tool, c);
                else
                        print_tool_usage(stdout, tool);
                return close_stdout(0);
        }
        ctx.cmd = find_command(tool, argv[i]);
        if (ctx.cmd == NULL)
                cli_usage_error(&ctx, _("unknown command '%s'"), argv[i]);
        for (int j = i + 1; j < argc && strcmp(argv[j], "--") != 0; j++) {
                if (strcmp(argv[j], "--help") == 0) {
                        print_command_usage(stdout, tool, ctx.cmd);
                        return close_stdout(0);
                }
        }
        optind = 0;
        code = ctx.cmd->fn(argc - i, argv + i, &ctx);
        return close_stdout(code);
}
