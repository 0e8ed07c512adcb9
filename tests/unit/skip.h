/* Skipping a Check test visibly: tests/run.sh counts every "skipped: " line as one
 * skipped test (not a passed one) and prints its reason. */
#ifndef AIDANT_TEST_SKIP_H
#define AIDANT_TEST_SKIP_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The folder of ../shared/data (AIDANT_DATA), or NULL after a "skipped:" line saying
 * that it is absent; a test calls it once, first, and returns on NULL. */
static inline const char *shared_data_or_skip(const char *test)
{
        const char *data = getenv("AIDANT_DATA");

        if (data == NULL || data[0] == '\0')
                data = "../shared/data";
        if (access(data, R_OK | X_OK) != 0) {
                fprintf(stderr, "skipped: %s: the shared data is absent (%s)\n", test, data);
                return NULL;
        }
        return data;
}

#endif
