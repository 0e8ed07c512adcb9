/* Command dispatch, options and usage, git-style:
 * aidant-<tool> [global options] <command> [options] [arguments]. Global options are
 * taken before or after the command; long options are matched exactly, never
 * abbreviated; options several commands share are declared once, as groups. */
#ifndef AIDANT_CLI_H
#define AIDANT_CLI_H

#include "fmt.h"
#include "secret.h"

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

struct ctx;

/* Options several commands take, declared once: the options (long only, values from
 * 0x1000 up so that they never meet a command's own), their help lines, and the
 * function that keeps a value. A command takes a group by its flag in its row. */
struct cli_group {
        unsigned flag;
        const struct option *options; /* terminated by a row whose name is NULL */
        const char *help;             /* option lines, marked N_() */
        void (*keep)(struct ctx *ctx, int c, const char *arg);
};

/* The groups of common/: where each secret comes from (--<kind>-fd, --<kind>-file). */
enum {
        CLI_PASSPHRASE = 1u << SECRET_PASSPHRASE,
        CLI_NEW_PASSPHRASE = 1u << SECRET_NEW_PASSPHRASE,
        CLI_RECOVERY_CODE = 1u << SECRET_RECOVERY_CODE,
        CLI_PASSWORD = 1u << SECRET_PASSWORD,
};
/* The flags of a tool's own groups. */
#define CLI_TOOL_GROUP(n) (1u << (8 + (n)))

struct command {
        const char *name;
        int (*fn)(int argc, char **argv, struct ctx *ctx);
        const char *usage;   /* synopsis after the command name, "<placeholder> [optional]" */
        const char *summary; /* one line, marked N_() */
        const char *options; /* the command's own option lines, marked N_(), may be NULL */
        unsigned flags;      /* the option groups it takes (CLI_PASSPHRASE | ...) */
};

struct tool {
        const char *name;               /* "aidant-annuaire" */
        const char *summary;            /* N_() */
        const struct command *commands; /* terminated by a row whose name is NULL */
        const struct cli_group *groups; /* the tool's own groups, ended by flag 0; or NULL */
        size_t opts_size;               /* bytes of ctx->opts, where its groups keep values */
        /* Fills the tool's part of a new demo sandbox (ctx->home is the sandbox); or NULL. */
        void (*demo_fill)(struct ctx *ctx);
};

struct ctx {
        const struct tool *tool;
        const struct command *cmd;
        const char *home; /* --home, AIDANT_HOME, else $XDG_DATA_HOME/aidant; the sandbox in demo */
        enum fmt format;  /* resolved: never FMT_AUTO */
        bool format_set;  /* --format was given */
        bool quiet;       /* no notices on stderr (reports on stdout stay) */
        bool demo;        /* --demo or AIDANT_DEMO=1 */
        bool tty_out;     /* stdout is a terminal */
        bool tty_err;     /* stderr is a terminal: progress lines allowed */
        struct secret_srcs secrets; /* the CLI_* secret groups' sources */
        void *opts;                 /* the tool's groups' values (tool->opts_size bytes) */
};

/* Runs the program: parses global options, dispatches, checks stdout at exit.
 * Returns the exit code for main(). */
int cli_run(const struct tool *tool, int argc, char **argv);

/* Prints the error, then a line pointing to the command's --help, and exits 64. */
_Noreturn void cli_usage_error(const struct ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* getopt_long for a command, with the global options and the command's groups merged
 * in (handled here, never returned): returns the next of the command's own options, or
 * -1 at the end. Unknown, abbreviated or valueless options are usage errors (64). */
int cli_getopt(struct ctx *ctx, int argc, char **argv, const struct option *longopts);

/* For a command without options of its own: parses the global and group options, then
 * dies with a usage error naming the first argument left (at optind), if any. */
void cli_no_args(struct ctx *ctx, int argc, char **argv);

/* Parses a whole non-negative number option or dies with a usage error naming opt. */
long cli_number(const struct ctx *ctx, const char *opt, const char *value, long min, long max);

/* Returns the file name of the share folder's entry rel (AIDANT_SHARE or the compiled-in
 * prefix); the caller frees it. */
char *cli_share_path(const char *rel);

#endif
