/* The commands of aidant-stats, one function each, rows of the table in main.c. */
#ifndef STATS_COMMANDS_H
#define STATS_COMMANDS_H

struct ctx;

int cmd_init(int argc, char **argv, struct ctx *ctx);
int cmd_add(int argc, char **argv, struct ctx *ctx);
int cmd_import(int argc, char **argv, struct ctx *ctx);
int cmd_ingest(int argc, char **argv, struct ctx *ctx);
int cmd_list(int argc, char **argv, struct ctx *ctx);
int cmd_show(int argc, char **argv, struct ctx *ctx);
int cmd_rm(int argc, char **argv, struct ctx *ctx);
int cmd_amend(int argc, char **argv, struct ctx *ctx);
int cmd_forget(int argc, char **argv, struct ctx *ctx);
int cmd_purge(int argc, char **argv, struct ctx *ctx);
int cmd_report(int argc, char **argv, struct ctx *ctx);
int cmd_export(int argc, char **argv, struct ctx *ctx);
int cmd_merge(int argc, char **argv, struct ctx *ctx);
int cmd_mask(int argc, char **argv, struct ctx *ctx);

/* Fills the demo sandbox (the tool's demo_fill). */
void stats_demo_fill(struct ctx *ctx);

#endif
