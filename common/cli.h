/* Command dispatch, global options and usage, git-style:
 * aidant-<tool> [global options] <command> [options] [arguments]. */
#ifndef AIDANT_CLI_H
#define AIDANT_CLI_H

#include "fmt.h"

#include <getopt.h>
#include <stdbool.h>

struct ctx;

struct command {
        const char *name;
        int (*fn)(int argc, char **argv, struct ctx *ctx);
        const char *usage;   /* synopsis after the command name, "<placeholder> [optional]" */
        const char *summary; /* one line, marked N_() */
        const char *options; /* option lines, marked N_(), may be NULL */
};

struct tool {
        const char *name;               /* "aidant-annuaire" */
        const char *summary;            /* N_() */
        const struct command *commands; /* terminated by a row whose name is NULL */
};

struct ctx {
        const struct tool *tool;
        const struct command *cmd;
        const char *home; /* --home, AIDANT_HOME, else $XDG_DATA_HOME/aidant */
        enum fmt format;  /* resolved: never FMT_AUTO */
        bool format_set;  /* --format was given */
        bool quiet;
        bool tty_out; /* stdout is a terminal */
        bool tty_err; /* stderr is a terminal: progress lines allowed */
};

/* Runs the program: parses global options, dispatches, checks stdout at exit.
 * Returns the exit code for main(). */
int cli_run(const struct tool *tool, int argc, char **argv);

/* Prints the error, the command's usage line, and exits 64. */
_Noreturn void cli_usage_error(const struct ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* getopt_long for a command: handles unknown options and missing arguments
 * (usage error, exit 64). Returns the option or -1 at the end. */
int cli_getopt(const struct ctx *ctx, int argc, char **argv, const struct option *longopts);

/* Dies with a usage error naming the first argument left after the options (at optind). */
void cli_no_args(const struct ctx *ctx, int argc, char **argv);

/* Parses a whole non-negative number option or dies with a usage error naming opt. */
long cli_number(const struct ctx *ctx, const char *opt, const char *value, long min, long max);

/* Returns the file name of the share folder's entry rel (AIDANT_SHARE or the compiled-in
 * prefix); the caller frees it. */
char *cli_share_path(const char *rel);

#endif
