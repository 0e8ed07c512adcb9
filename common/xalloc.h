/* Allocation wrappers that never return on failure (out of memory exits 71), and
 * growth with an overflow check. */
#ifndef AIDANT_XALLOC_H
#define AIDANT_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Returns p grown to n * size bytes; dies when the product overflows. */
void *xreallocarray(void *p, size_t n, size_t size);

#endif
