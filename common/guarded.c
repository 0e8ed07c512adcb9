/* Guarded memory for secrets: one allocator that dies instead of returning NULL, so the
 * age, minisign and vault code that holds keys stays straight-line. */
#include "guarded.h"
#include "msg.h"
#include "i18n.h"

#include <sodium.h>

void *guarded_alloc(size_t n)
{
        void *p;

        /* sodium_malloc needs the library started; repeated calls are free */
        if (sodium_init() < 0)
                die(EX_SOFTWARE, "%s", _("cannot initialise libsodium"));
        p = sodium_malloc(n);
        if (p == NULL)
                die(EX_OSERR, "%s", _("out of memory"));
        return p;
}

void guarded_free(void *p)
{
        if (p != NULL)
                sodium_free(p);
}
