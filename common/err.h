/* Errors, warnings and allocation wrappers that never return on failure.
 * Messages are one line on stderr: "<prog>: error: <what>", exit codes from sysexits.h. */
#ifndef AIDANT_ERR_H
#define AIDANT_ERR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <sysexits.h>

/* 1 is the "no" of a predicate (check, verify, hours when closed). */
#define EX_NO 1

extern const char *err_prog; /* program name used as the message prefix */

/* Prints "<prog>: error: <msg>" and exits with code. msg is already translated. */
noreturn void die(int code, const char *fmt, ...)
    __attribute__((__noreturn__, format(printf, 2, 3)));
/* Prints "<prog>: error: <msg>" without exiting; returns code for "return err(...)". */
int err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Informational line ("<prog>: <msg>"), silenced by err_quiet. */
void notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int err_quiet;

/* Runs fn at exit, before the process ends on die() too (temporary files, locks). */
void err_on_exit(void (*fn)(void));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
