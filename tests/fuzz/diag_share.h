/* For the aidant-diag harnesses: the reference data of the source tree (share/aidant),
 * found from this file's path when AIDANT_SHARE is not set (make runs from the root). */
#ifndef FUZZ_DIAG_SHARE_H
#define FUZZ_DIAG_SHARE_H

#include <stdlib.h>
#include <string.h>

static inline void diag_share_init(void)
{
        char dir[4096];
        const char *slash = strrchr(__FILE__, '/');
        size_t n = slash != NULL ? (size_t)(slash - __FILE__) : 0;

        if (getenv("AIDANT_SHARE") != NULL || n + 32 > sizeof(dir))
                return;
        memcpy(dir, __FILE__, n);
        strcpy(dir + n, n > 0 ? "/../../share/aidant" : "../../share/aidant");
        setenv("AIDANT_SHARE", dir, 1);
}

#endif
