/* The demo sandbox: where it is, its reset, and which tools have filled their part. */
#include "demo.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool active;

bool demo_active(void)
{
        return active;
}

void demo_set(bool on)
{
        active = on;
}

const char *demo_home(void)
{
        static char *path;

        if (path == NULL && (path = fs_data_path("aidant-demo")) == NULL)
                die(EX_CONFIG, "%s", _("no home folder for the demo: set HOME or XDG_DATA_HOME"));
        return path;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        (void)st;
        (void)flag;
        if (ftw->level == 0)
                return 0;
        if (remove(path) != 0 && errno != ENOENT)
                die(EX_IOERR, _("cannot remove %s: %s"), path, strerror(errno));
        return 0;
}

void demo_reset(const char *home)
{
        if (access(home, F_OK) != 0)
                return;
        nftw(home, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *marker(const char *home, const char *tool)
{
        return xasprintf("%s/.demo-%s", home, tool);
}

bool demo_filled(const char *home, const char *tool)
{
        char *m = marker(home, tool);
        bool filled = access(m, F_OK) == 0;

        free(m);
        return filled;
}

void demo_mark_filled(const char *home, const char *tool)
{
        char *m = marker(home, tool);
        int fd = open(m, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

        if (fd < 0)
                die(EX_CANTCREAT, _("cannot create %s: %s"), m, strerror(errno));
        close(fd);
        free(m);
}
