/* Command dispatch: global options before or after the command, option groups declared
 * once, exact long options, usage and help, demo mode, and the check of standard
 * output at exit (a full disk is an error, not a success). */
#include "cli.h"
#include "config.h"
#include "demo.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Global options, the same before and after the command. */
enum { OPT_HOME = 0x2000, OPT_FORMAT, OPT_QUIET, OPT_DEMO, OPT_RESET };
static const struct option global_options[] = {
    {"home", required_argument, NULL, OPT_HOME}, {"format", required_argument, NULL, OPT_FORMAT},
    {"quiet", no_argument, NULL, OPT_QUIET},     {"demo", no_argument, NULL, OPT_DEMO},
    {"reset", no_argument, NULL, OPT_RESET},     {NULL, 0, NULL, 0},
};

static void keep_secret(struct ctx *ctx, int c, const char *arg);

static const struct option passphrase_opts[] = {
    {"passphrase-fd", required_argument, NULL, SECRET_OPT(SECRET_PASSPHRASE)},
    {"passphrase-file", required_argument, NULL, SECRET_OPT(SECRET_PASSPHRASE) + 1},
    {NULL, 0, NULL, 0}};
static const struct option new_passphrase_opts[] = {
    {"new-passphrase-fd", required_argument, NULL, SECRET_OPT(SECRET_NEW_PASSPHRASE)},
    {"new-passphrase-file", required_argument, NULL, SECRET_OPT(SECRET_NEW_PASSPHRASE) + 1},
    {NULL, 0, NULL, 0}};
static const struct option recovery_code_opts[] = {
    {"recovery-code-fd", required_argument, NULL, SECRET_OPT(SECRET_RECOVERY_CODE)},
    {"recovery-code-file", required_argument, NULL, SECRET_OPT(SECRET_RECOVERY_CODE) + 1},
    {NULL, 0, NULL, 0}};
static const struct option password_opts[] = {
    {"password-fd", required_argument, NULL, SECRET_OPT(SECRET_PASSWORD)},
    {"password-file", required_argument, NULL, SECRET_OPT(SECRET_PASSWORD) + 1},
    {NULL, 0, NULL, 0}};

static const struct cli_group common_groups[] = {
    {CLI_PASSPHRASE, passphrase_opts,
     N_("  --passphrase-fd <n>, --passphrase-file <file>\n"
        "                            read the passphrase (its first line) there, not from the "
        "terminal\n"),
     keep_secret},
    {CLI_NEW_PASSPHRASE, new_passphrase_opts,
     N_("  --new-passphrase-fd <n>, --new-passphrase-file <file>\n"
        "                            read the new passphrase (its first line) there\n"),
     keep_secret},
    {CLI_RECOVERY_CODE, recovery_code_opts,
     N_("  --recovery-code-fd <n>, --recovery-code-file <file>\n"
        "                            read the recovery code (its first line) there\n"),
     keep_secret},
    {CLI_PASSWORD, password_opts,
     N_("  --password-fd <n>, --password-file <file>\n"
        "                            read the password (its first line) there\n"),
     keep_secret},
    {0, NULL, NULL, NULL},
};

/* The option table of the command being parsed: its own, the globals, its groups. */
static struct cli_parse {
        const struct command *cmd; /* the command and table the merged one was built for */
        const struct option *own;
        struct option *merged;
        char shortopts[128];
        bool finished;
        bool home_given, reset;
} parse;

static void keep_secret(struct ctx *ctx, int c, const char *arg)
{
        const char *why;

        if (secret_option(&ctx->secrets, c, arg, &why) != 0)
                cli_usage_error(ctx, "--%s-fd: '%s': %s",
                                secret_option_name((enum secret_kind)((c - SECRET_OPT_BASE) / 2)),
                                arg, why);
}

static const char *global_usage(void)
{
        return _("usage: %s [--home <dir> | --demo] [--format <format>] [--quiet] <command> "
                 "[<args>]\n");
}

/* Calls fn for each group the command takes, common ones first. */
static void each_group(const struct ctx *ctx, void (*fn)(const struct cli_group *, void *),
                       void *arg)
{
        unsigned flags = ctx->cmd != NULL ? ctx->cmd->flags : 0;

        for (const struct cli_group *g = common_groups; g->flag != 0; g++)
                if (flags & g->flag)
                        fn(g, arg);
        for (const struct cli_group *g = ctx->tool->groups; g != NULL && g->flag != 0; g++)
                if (flags & g->flag)
                        fn(g, arg);
}

static void print_group_help(const struct cli_group *g, void *out)
{
        fputs(_(g->help), out);
}

static void print_command_usage(FILE *out, const struct ctx *ctx)
{
        const struct command *cmd = ctx->cmd;

        fprintf(out, _("usage: %s %s %s\n"), ctx->tool->name, cmd->name, cmd->usage);
        fprintf(out, "\n%s\n", _(cmd->summary));
        if (cmd->options != NULL || cmd->flags != 0)
                fputc('\n', out);
        if (cmd->options != NULL)
                fputs(_(cmd->options), out);
        each_group(ctx, print_group_help, out);
        fprintf(out, "\n%s\n",
                _("global options (before or after the command): --home <dir>, --demo, "
                  "--format <format>, --quiet"));
}

static void print_tool_usage(FILE *out, const struct tool *tool)
{
        fprintf(out, global_usage(), tool->name);
        fprintf(out, "\n%s\n\n%s\n", _(tool->summary), _("commands:"));
        for (const struct command *c = tool->commands; c->name != NULL; c++)
                fprintf(out, "  %-16s %s\n", c->name, _(c->summary));
        fprintf(out, "\n%s\n",
                _("global options, before or after the command:\n"
                  "  --home <dir>       data folder (AIDANT_HOME, default "
                  "~/.local/share/aidant)\n"
                  "  --demo             the demo sandbox, fictitious data (AIDANT_DEMO=1); "
                  "--reset empties it\n"
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
        fprintf(stderr, msg_error_prefix(), ctx->tool->name);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        if (ctx->cmd != NULL)
                fprintf(stderr, _("try '%s %s --help'\n"), ctx->tool->name, ctx->cmd->name);
        else
                fprintf(stderr, _("try '%s --help'\n"), ctx->tool->name);
        exit(EX_USAGE);
}

static size_t count_options(const struct option *o)
{
        size_t n = 0;

        while (o != NULL && o[n].name != NULL)
                n++;
        return n;
}

struct merge {
        struct option *out;
        size_t n;
};

static void append(struct merge *m, const struct option *o)
{
        for (size_t i = 0; o != NULL && o[i].name != NULL; i++)
                m->out[m->n++] = o[i];
}

static void append_group(const struct cli_group *g, void *m)
{
        append(m, g->options);
}

static void count_group(const struct cli_group *g, void *n)
{
        *(size_t *)n += count_options(g->options);
}

static void build_table(struct ctx *ctx, const struct option *own)
{
        struct cli_parse *p = &parse;
        size_t n = count_options(own) + count_options(global_options) + 1, k = 0;
        struct merge m;

        each_group(ctx, count_group, &n);
        free(p->merged);
        m.out = xcalloc(n, sizeof(*m.out));
        m.n = 0;
        append(&m, own);
        append(&m, global_options);
        each_group(ctx, append_group, &m);
        p->merged = m.out;
        p->own = own;
        p->cmd = ctx->cmd;
        p->shortopts[k++] = ':';
        p->shortopts[k++] = 'q';
        for (size_t i = 0; own != NULL && own[i].name != NULL && k + 3 < sizeof(p->shortopts);
             i++) {
                int v = own[i].val;

                if (own[i].flag != NULL || v <= 0 || v > 127 || !isalnum(v))
                        continue;
                p->shortopts[k++] = (char)v;
                if (own[i].has_arg == required_argument)
                        p->shortopts[k++] = ':';
        }
        p->shortopts[k] = '\0';
}

/* getopt_long takes "--hom" for "--home": an option is refused unless spelt whole. */
static void check_exact(const struct ctx *ctx, char **argv, const struct option *o)
{
        size_t len = strlen(o->name);

        for (int back = 1; back <= 2 && optind - back >= 1; back++) {
                const char *t = argv[optind - back];
                size_t n;

                if (strncmp(t, "--", 2) != 0)
                        continue;
                n = strcspn(t + 2, "=");
                if (n == 0 || strncmp(t + 2, o->name, n) != 0)
                        continue;
                if (n != len)
                        cli_usage_error(ctx, _("unknown option '%.*s' (did you mean '--%s'?)"),
                                        (int)(n + 2), t, o->name);
                return;
        }
}

static void keep_global(struct ctx *ctx, int c, const char *arg)
{
        int f;

        switch (c) {
        case OPT_HOME:
                ctx->home = arg;
                parse.home_given = true;
                break;
        case OPT_FORMAT:
                f = fmt_parse(arg);
                if (f < 0 || f == FMT_AUTO)
                        cli_usage_error(ctx, _("unknown format '%s'"), arg);
                ctx->format = (enum fmt)f;
                ctx->format_set = true;
                break;
        case OPT_QUIET:
        case 'q':
                ctx->quiet = true;
                msg_quiet = 1;
                break;
        case OPT_DEMO:
                ctx->demo = true;
                break;
        default:
                parse.reset = true;
                break;
        }
}

static bool keep_group_option(struct ctx *ctx, int c, const char *arg)
{
        unsigned flags = ctx->cmd != NULL ? ctx->cmd->flags : 0;
        const struct cli_group *lists[2] = {common_groups, ctx->tool->groups};

        for (int l = 0; l < 2; l++) {
                for (const struct cli_group *g = lists[l]; g != NULL && g->flag != 0; g++) {
                        if (!(flags & g->flag))
                                continue;
                        for (const struct option *o = g->options; o->name != NULL; o++) {
                                if (o->val == c) {
                                        g->keep(ctx, c, arg);
                                        return true;
                                }
                        }
                }
        }
        return false;
}

/* The home of a demo run: the sandbox, emptied with --reset, filled on first use. */
static void enter_demo(struct ctx *ctx)
{
        const char *tool = ctx->tool->name + strlen("aidant-");

        ctx->home = demo_home();
        demo_set(true);
        if (parse.reset) {
                demo_reset(ctx->home);
                msg_notice(_("the demo sandbox %s is emptied"), ctx->home);
        }
        fs_mkdirs(ctx->home);
        if (ctx->tool->demo_fill != NULL && !demo_filled(ctx->home, tool)) {
                ctx->tool->demo_fill(ctx);
                demo_mark_filled(ctx->home, tool);
        }
}

/* Once the whole command line is read: the choices that depend on several options. */
static void finish(struct ctx *ctx)
{
        struct cli_parse *p = &parse;

        if (p->finished)
                return;
        p->finished = true;
        if (ctx->demo && p->home_given)
                cli_usage_error(ctx, "%s", _("--demo and --home cannot be used together"));
        if (p->reset && !ctx->demo)
                cli_usage_error(ctx, "%s", _("--reset goes with --demo"));
        if (ctx->demo)
                enter_demo(ctx);
}

int cli_getopt(struct ctx *ctx, int argc, char **argv, const struct option *longopts)
{
        struct cli_parse *p = &parse;

        if (p->merged == NULL || p->own != longopts || p->cmd != ctx->cmd)
                build_table(ctx, longopts);
        opterr = 0;
        for (;;) {
                int idx = -1;
                int c = getopt_long(argc, argv, p->shortopts, p->merged, &idx);

                if (c == -1) {
                        finish(ctx);
                        return -1;
                }
                if (c == '?')
                        cli_usage_error(ctx, _("unknown option '%s'"), argv[optind - 1]);
                if (c == ':')
                        cli_usage_error(ctx, _("option '%s' needs a value"), argv[optind - 1]);
                if (idx >= 0)
                        check_exact(ctx, argv, &p->merged[idx]);
                if (c == 'q' || (c >= OPT_HOME && c <= OPT_RESET))
                        keep_global(ctx, c, optarg);
                else if (!keep_group_option(ctx, c, optarg))
                        return c;
        }
}

void cli_no_args(struct ctx *ctx, int argc, char **argv)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};

        while (cli_getopt(ctx, argc, argv, none) != -1)
                cli_usage_error(ctx, _("unknown option '%s'"), argv[optind - 1]);
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

        if (path == NULL && (path = fs_data_path("aidant")) == NULL)
                die(EX_CONFIG, "%s", _("no home folder: set HOME, AIDANT_HOME or --home"));
        return path;
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

/* The options before the command: the globals, --help and --version. Returns the index
 * of the command (argc when there is none). */
static int parse_globals(struct ctx *ctx, int argc, char **argv)
{
        static const struct option top[] = {{"help", no_argument, NULL, 'h'},
                                            {"version", no_argument, NULL, 'V'},
                                            {NULL, 0, NULL, 0}};
        int c;

        build_table(ctx, top);
        /* "+": stop at the command, whose options are its own */
        memmove(parse.shortopts + 1, parse.shortopts, strlen(parse.shortopts) + 1);
        parse.shortopts[0] = '+';
        opterr = 0;
        for (;;) {
                int idx = -1;

                c = getopt_long(argc, argv, parse.shortopts, parse.merged, &idx);
                if (c == -1)
                        return optind;
                if (c == '?')
                        cli_usage_error(ctx, _("unknown option '%s'"), argv[optind - 1]);
                if (c == ':')
                        cli_usage_error(ctx, _("option '%s' needs a value"), argv[optind - 1]);
                if (idx >= 0)
                        check_exact(ctx, argv, &parse.merged[idx]);
                if (c == 'h') {
                        print_tool_usage(stdout, ctx->tool);
                        exit(close_stdout(0));
                }
                if (c == 'V') {
                        printf("%s %s\n", ctx->tool->name, AIDANT_VERSION);
                        exit(close_stdout(0));
                }
                keep_global(ctx, c, optarg);
        }
}

static int help(struct ctx *ctx, int argc, char **argv, int i)
{
        const struct command *c = i + 1 < argc ? find_command(ctx->tool, argv[i + 1]) : NULL;

        if (i + 1 < argc && c == NULL)
                cli_usage_error(ctx, _("unknown command '%s'"), argv[i + 1]);
        ctx->cmd = c;
        if (c != NULL)
                print_command_usage(stdout, ctx);
        else
                print_tool_usage(stdout, ctx->tool);
        return close_stdout(0);
}

int cli_run(const struct tool *tool, int argc, char **argv)
{
        struct ctx ctx = {.tool = tool};
        const char *env_home = getenv("AIDANT_HOME"), *env_demo = getenv("AIDANT_DEMO");
        int i, code;

        msg_prog = tool->name;
        i18n_init();
        secret_srcs_init(&ctx.secrets);
        ctx.tty_out = isatty(STDOUT_FILENO) == 1;
        ctx.tty_err = isatty(STDERR_FILENO) == 1;
        ctx.demo = env_demo != NULL && strcmp(env_demo, "1") == 0;
        ctx.home = env_home != NULL && env_home[0] != '\0' ? env_home : default_home();
        i = parse_globals(&ctx, argc, argv);
        if (!ctx.format_set)
                ctx.format = ctx.tty_out ? FMT_TABLE : FMT_JSON;
        if (i >= argc) {
                if (parse.reset) {
                        finish(&ctx);
                        return close_stdout(0);
                }
                print_tool_usage(stderr, tool);
                return EX_USAGE;
        }
        if (strcmp(argv[i], "help") == 0)
                return help(&ctx, argc, argv, i);
        ctx.cmd = find_command(tool, argv[i]);
        if (ctx.cmd == NULL)
                cli_usage_error(&ctx, _("unknown command '%s'"), argv[i]);
        for (int j = i + 1; j < argc && strcmp(argv[j], "--") != 0; j++) {
                if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
                        print_command_usage(stdout, &ctx);
                        return close_stdout(0);
                }
        }
        free(parse.merged);
        parse.merged = NULL;
        ctx.opts = tool->opts_size > 0 ? xcalloc(1, tool->opts_size) : NULL;
        optind = 0;
        code = ctx.cmd->fn(argc - i, argv + i, &ctx);
        free(parse.merged);
        parse.merged = NULL;
        free(ctx.opts);
        return close_stdout(code);
}
