/* A growing string (see strbuf.h). Growth doubles and checks for overflow. */
#include "strbuf.h"
#include "msg.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(struct strbuf *sb, size_t extra)
{
        size_t need;

        if (extra > SIZE_MAX - sb->len - 1)
                die(EX_OSERR, "out of memory");
        need = sb->len + extra + 1;
        if (need <= sb->cap)
                return;
        sb->cap = sb->cap < 64 ? 64 : sb->cap;
        while (sb->cap < need)
                sb->cap = sb->cap > SIZE_MAX / 2 ? need : sb->cap * 2;
        sb->buf = xrealloc(sb->buf, sb->cap);
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
        grow(sb, n);
        if (n > 0)
                memcpy(sb->buf + sb->len, data, n);
        sb->len += n;
        sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
        strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
        strbuf_add(sb, &c, 1);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0)
                die(EX_SOFTWARE, "vsnprintf");
        grow(sb, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb->len += (size_t)n;
}

void strbuf_join(struct strbuf *sb, const char *const *items, size_t n, const char *sep)
{
        for (size_t i = 0; i < n; i++) {
                if (i > 0)
                        strbuf_addstr(sb, sep);
                strbuf_addstr(sb, items[i]);
        }
}

const char *strbuf_str(const struct strbuf *sb)
{
        return sb->buf != NULL ? sb->buf : "";
}

void strbuf_reset(struct strbuf *sb)
{
        sb->len = 0;
        if (sb->buf != NULL)
                sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
        char *s = sb->buf != NULL ? sb->buf : xstrdup("");

        if (len != NULL)
                *len = sb->len;
        sb->buf = NULL;
        sb->len = sb->cap = 0;
        return s;
}

void strbuf_release(struct strbuf *sb)
{
        free(sb->buf);
        sb->buf = NULL;
        sb->len = sb->cap = 0;
}
