/* Errors, warnings and notices on stderr, one line each: "<prog>: error: <what>". */
#include "msg.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *msg_prog = "aidant";
int msg_quiet;

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
        fflush(stdout);
        if (kind != NULL)
                fprintf(stderr, "%s: %s: ", msg_prog, kind);
        else
                fprintf(stderr, "%s: ", msg_prog);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
}

noreturn void die(int code, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(_("error"), fmt, ap);
        va_end(ap);
        exit(code);
}

int msg_error(int code, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(_("error"), fmt, ap);
        va_end(ap);
        return code;
}

void msg_warn(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(_("warning"), fmt, ap);
        va_end(ap);
}

void msg_notice(const char *fmt, ...)
{
        va_list ap;

        if (msg_quiet)
                return;
        va_start(ap, fmt);
        vmsg(NULL, fmt, ap);
        va_end(ap);
}

void msg_at_exit(void (*fn)(void))
{
        if (atexit(fn) != 0)
                die(EX_SOFTWARE, "atexit");
}
