/* The commands of aidant-vault, one function each, rows of the table in main.c. */
#ifndef VAULT_COMMANDS_H
#define VAULT_COMMANDS_H

struct ctx;

int cmd_init(int argc, char **argv, struct ctx *ctx);
int cmd_passwd(int argc, char **argv, struct ctx *ctx);
int cmd_recover(int argc, char **argv, struct ctx *ctx);
int cmd_destroy(int argc, char **argv, struct ctx *ctx);
int cmd_keygen(int argc, char **argv, struct ctx *ctx);
int cmd_add(int argc, char **argv, struct ctx *ctx);
int cmd_list(int argc, char **argv, struct ctx *ctx);
int cmd_get(int argc, char **argv, struct ctx *ctx);
int cmd_rm(int argc, char **argv, struct ctx *ctx);
int cmd_verify(int argc, char **argv, struct ctx *ctx);
int cmd_secret(int argc, char **argv, struct ctx *ctx);
int cmd_share(int argc, char **argv, struct ctx *ctx);
int cmd_unshare(int argc, char **argv, struct ctx *ctx);
int cmd_shares(int argc, char **argv, struct ctx *ctx);
int cmd_domains(int argc, char **argv, struct ctx *ctx);
int cmd_types(int argc, char **argv, struct ctx *ctx);
int cmd_age(int argc, char **argv, struct ctx *ctx);

/* Fills the demo sandbox with a fictitious vault (the tool's demo_fill). */
void vault_demo_fill(struct ctx *ctx);

#endif
