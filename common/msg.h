/* Errors, warnings and notices, and the exits that never return.
 * Messages are one line on stderr: "<prog>: error: <what>", exit codes from sysexits.h. */
#ifndef AIDANT_MSG_H
#define AIDANT_MSG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <sysexits.h>

/* 1 is the "no" of a predicate (check, verify, hours when closed). */
#define EX_NO 1

extern const char *msg_prog; /* program name used as the message prefix */

/* Prints "<prog>: error: <msg>" and exits with code. msg is already translated. */
noreturn void die(int code, const char *fmt, ...)
    __attribute__((__noreturn__, format(printf, 2, 3)));
/* Prints "<prog>: error: <msg>" without exiting; returns code for "return msg_error(...)". */
int msg_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The translated format of the start of an error line, "%s: error: " (the program). */
const char *msg_error_prefix(void);
/* Informational line ("<prog>: <msg>"), silenced by msg_quiet. */
void msg_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int msg_quiet;

/* Runs fn at exit, before the process ends on die() too (temporary files, locks). */
void msg_at_exit(void (*fn)(void));

#endif
