/* Allocation wrappers: callers stay straight-line. */
#include "xalloc.h"
#include "i18n.h"
#include "msg.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void *xreallocarray(void *p, size_t n, size_t size)
{
        if (size != 0 && n > SIZE_MAX / size)
                die(EX_OSERR, "%s", _("out of memory"));
        return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
        return check_alloc(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
        return check_alloc(strndup(s, n));
}

char *xvasprintf(const char *fmt, va_list ap)
{
        char *s = NULL;

        if (vasprintf(&s, fmt, ap) < 0)
                die(EX_OSERR, "%s", _("out of memory"));
        return s;
}

char *xasprintf(const char *fmt, ...)
{
        va_list ap;
        char *s;

        va_start(ap, fmt);
        s = xvasprintf(fmt, ap);
        va_end(ap);
        return s;
}
