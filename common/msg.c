/* Errors, warnings and notices on stderr, one line each: "<prog>: error: <what>". */
#include "msg.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *msg_prog = "aidant";
int msg_quiet;

/* prefix is a translated format of the program's name: French puts a space before
 * its colons ("aidant-vault : erreur : "). */
static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
        fflush(stdout);
        fprintf(stderr, prefix, msg_prog);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
}

const char *msg_error_prefix(void)
{
        return _("%s: error: ");
}

noreturn void die(int code, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(msg_error_prefix(), fmt, ap);
        va_end(ap);
        exit(code);
}

int msg_error(int code, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(msg_error_prefix(), fmt, ap);
        va_end(ap);
        return code;
}

void msg_warn(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(_("%s: warning: "), fmt, ap);
        va_end(ap);
}

void msg_notice(const char *fmt, ...)
{
        va_list ap;

        if (msg_quiet)
                return;
        va_start(ap, fmt);
        vmsg(_("%s: "), fmt, ap);
        va_end(ap);
}

void msg_at_exit(void (*fn)(void))
{
        if (atexit(fn) != 0)
                die(EX_SOFTWARE, "atexit");
}
