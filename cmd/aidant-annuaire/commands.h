/* The commands of aidant-annuaire, one function each, rows of the table in main.c. */
#ifndef ANNUAIRE_COMMANDS_H
#define ANNUAIRE_COMMANDS_H

struct ctx;

int cmd_import(int argc, char **argv, struct ctx *ctx);
int cmd_validate(int argc, char **argv, struct ctx *ctx);
int cmd_search(int argc, char **argv, struct ctx *ctx);
int cmd_show(int argc, char **argv, struct ctx *ctx);
int cmd_rm(int argc, char **argv, struct ctx *ctx);
int cmd_stats(int argc, char **argv, struct ctx *ctx);
int cmd_stale(int argc, char **argv, struct ctx *ctx);
int cmd_export(int argc, char **argv, struct ctx *ctx);
int cmd_hours(int argc, char **argv, struct ctx *ctx);
int cmd_dedupe(int argc, char **argv, struct ctx *ctx);
int cmd_unmerge(int argc, char **argv, struct ctx *ctx);

/* Fills a new demo sandbox with the fictitious places of share/aidant/demo/data, as the
 * demo imports them (the tool's demo_fill). */
void import_demo_places(struct ctx *ctx);

#endif
