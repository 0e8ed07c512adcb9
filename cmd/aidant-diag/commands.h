/* The commands of aidant-diag, one function each, rows of the table in main.c. */
#ifndef DIAG_COMMANDS_H
#define DIAG_COMMANDS_H

struct ctx;

int cmd_init(int argc, char **argv, struct ctx *ctx);
int cmd_frameworks(int argc, char **argv, struct ctx *ctx);
int cmd_forms(int argc, char **argv, struct ctx *ctx);
int cmd_form(int argc, char **argv, struct ctx *ctx);
int cmd_run(int argc, char **argv, struct ctx *ctx);
int cmd_resume(int argc, char **argv, struct ctx *ctx);
int cmd_record(int argc, char **argv, struct ctx *ctx);
int cmd_show(int argc, char **argv, struct ctx *ctx);
int cmd_list(int argc, char **argv, struct ctx *ctx);
int cmd_compare(int argc, char **argv, struct ctx *ctx);
int cmd_orient(int argc, char **argv, struct ctx *ctx);
int cmd_summary(int argc, char **argv, struct ctx *ctx);
int cmd_rm(int argc, char **argv, struct ctx *ctx);
int cmd_forget(int argc, char **argv, struct ctx *ctx);
int cmd_export(int argc, char **argv, struct ctx *ctx);
int cmd_verify(int argc, char **argv, struct ctx *ctx);
int cmd_import(int argc, char **argv, struct ctx *ctx);
int cmd_trust(int argc, char **argv, struct ctx *ctx);

/* Fills the diag part of the demo sandbox (cli's demo hook). */
void diag_demo_fill(struct ctx *ctx);

#endif
