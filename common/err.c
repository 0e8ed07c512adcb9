/* Errors, warnings and allocation wrappers: callers stay straight-line. */
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *err_prog = "aidant";
int err_quiet;

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
        fflush(stdout);
        if (kind != NULL)
                fprintf(stderr, "%s: %s: ", err_prog, kind);
        else
                fprintf(stderr, "%s: ", err_prog);
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

int err(int code, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(_("error"), fmt, ap);
        va_end(ap);
        return code;
}

void warn(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmsg(_("warning"), fmt, ap);
        va_end(ap);
}

void notice(const char *fmt, ...)
{
        va_list ap;

        if (err_quiet)
                return;
        va_start(ap, fmt);
        vmsg(NULL, fmt, ap);
        va_end(ap);
}

void err_on_exit(void (*fn)(void))
{
        if (atexit(fn) != 0)
                die(EX_SOFTWARE, "atexit");
}

static void *check_alloc(void *p)
{
        if (p == NULL)
                die(EX_OSERR, "%s", _("out of memory"));
        return p;
}

void *xmalloc(size_t n)
{
        return check_alloc(malloc(n == 0 ? 1 : n));
}

void *xcalloc(size_t n, size_t size)
{
        return check_alloc(calloc(n == 0 ? 1 : n, size == 0 ? 1 : size));
}

void *xrealloc(void *p, size_t n)
{
        return check_alloc(realloc(p, n == 0 ? 1 : n));
}

char *xstrdup(const char *s)
{
        return check_alloc(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
        return check_alloc(strndup(s, n));
}

char *xasprintf(const char *fmt, ...)
{
        va_list ap;
        char *s = NULL;
        int n;

        va_start(ap, fmt);
        n = vasprintf(&s, fmt, ap);
        va_end(ap);
        if (n < 0)
                die(EX_OSERR, "%s", _("out of memory"));
        return s;
}
