/* The commands of aidant-mandate, one function each, rows of the table in main.c. */
#ifndef MANDATE_COMMANDS_H
#define MANDATE_COMMANDS_H

struct ctx;

int cmd_init(int argc, char **argv, struct ctx *ctx);
int cmd_pubkey(int argc, char **argv, struct ctx *ctx);
int cmd_structure(int argc, char **argv, struct ctx *ctx);
int cmd_aidant(int argc, char **argv, struct ctx *ctx);
int cmd_usager(int argc, char **argv, struct ctx *ctx);
int cmd_create(int argc, char **argv, struct ctx *ctx);
int cmd_check(int argc, char **argv, struct ctx *ctx);
int cmd_use(int argc, char **argv, struct ctx *ctx);
int cmd_revoke(int argc, char **argv, struct ctx *ctx);
int cmd_renew(int argc, char **argv, struct ctx *ctx);
int cmd_list(int argc, char **argv, struct ctx *ctx);
int cmd_show(int argc, char **argv, struct ctx *ctx);
int cmd_attestation(int argc, char **argv, struct ctx *ctx);
int cmd_journal(int argc, char **argv, struct ctx *ctx);
int cmd_checkpoint(int argc, char **argv, struct ctx *ctx);
int cmd_verify(int argc, char **argv, struct ctx *ctx);

/* Fills a new demo sandbox (struct tool's demo_fill). */
void mandate_demo_fill(struct ctx *ctx);

#endif
