/* The recovery sheet: the paper the person keeps with their recovery code, what it
 * opens, where to keep it and what to do if it is lost. */
#ifndef VAULT_SHEET_H
#define VAULT_SHEET_H

#include "secret.h"

#include <time.h>

/* Writes the sheet of code (the vault of owner in dir, made at now) to path, 0600, HTML
 * when path ends in .html, text otherwise; "-" writes it to standard output. */
void recovery_sheet_write(const char *path, const char *owner, const char *dir,
                          const struct secret *code, time_t now);

#endif
