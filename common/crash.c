/* Crash injection (see crash.h). Compiled twice, as common/kdf.c is: into libaidant.a
 * where crash_point does nothing, and with -DAIDANT_TEST_KNOBS into the test programs. */
#include "crash.h"

#ifdef AIDANT_TEST_KNOBS
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_POINTS 64

/* How many times each point was passed (points are static strings: compared by text). */
static struct {
        const char *name;
        long passes;
} seen[MAX_POINTS];

static long pass_count(const char *name)
{
        for (int i = 0; i < MAX_POINTS; i++) {
                if (seen[i].name == NULL)
                        seen[i].name = name;
                if (strcmp(seen[i].name, name) == 0)
                        return ++seen[i].passes;
        }
        return 0;
}

static void trace(const char *name)
{
        const char *file = getenv("AIDANT_CRASH_TRACE");
        int fd;

        if (file == NULL || file[0] == '\0')
                return;
        fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
                return;
        if (write(fd, name, strlen(name)) < 0 || write(fd, "\n", 1) < 0) {
                /* a trace that cannot be written only makes the test see fewer points */
        }
        close(fd);
}

void crash_point(const char *name)
{
        const char *at = getenv("AIDANT_CRASH_AT");
        long n = pass_count(name);
        size_t len = strlen(name);

        trace(name);
        if (at == NULL || strncmp(at, name, len) != 0 || at[len] != ':')
                return;
        if (strtol(at + len + 1, NULL, 10) == n) {
                /* no exit handler, no buffer flushed: as kill -9 */
                raise(SIGKILL);
        }
}
#else
void crash_point(const char *name)
{
        (void)name;
}
#endif
