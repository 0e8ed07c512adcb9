/* The commands of aidant-vault, one function each, rows of the table in main.c. */
#ifndef VAULT_COMMANDS_H
#define VAULT_COMMANDS_H

struct ctx;

int cmd_age(int argc, char **argv, struct ctx *ctx);

#endif
