/* The records of plaintext being written (see pending.h): one small file per output in
 * <home>/vault-pending/, holding the temporary file's absolute name, locked by its
 * writer. */
#include "pending.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"
#include "txn.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define FOLDER "vault-pending"

struct pending {
        char *record;
        int fd;
};

static char *absolute(const char *path)
{
        char cwd[4096];

        if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
                return xstrdup(path);
        return xasprintf("%s/%s", cwd, path);
}

struct pending *pending_begin(const char *home, const char *tmp)
{
        struct pending *p;
        unsigned char r[8];
        char hex[17], *folder, *line, *fresh;
        size_t len;

        if (home == NULL || tmp == NULL)
                return NULL;
        folder = fs_home_path(home, FOLDER);
        fs_mkdirs(folder);
        randombytes_buf(r, sizeof(r));
        sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
        p = xcalloc(1, sizeof(*p));
        p->record = xasprintf("%s/%s", folder, hex);
        /* written and locked under another name: a sweep never sees it unlocked */
        fresh = xasprintf("%s.new", p->record);
        free(folder);
        p->fd = open(fresh, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (p->fd < 0 || flock(p->fd, LOCK_EX) != 0)
                die(EX_CANTCREAT, _("cannot create %s: %s"), fresh, strerror(errno));
        line = absolute(tmp);
        len = strlen(line);
        if (write(p->fd, line, len) != (ssize_t)len || fsync(p->fd) != 0 ||
            rename(fresh, p->record) != 0)
                die(EX_IOERR, _("cannot write %s: %s"), p->record, strerror(errno));
        free(line);
        free(fresh);
        return p;
}

void pending_end(struct pending *p)
{
        if (p == NULL)
                return;
        unlink(p->record);
        close(p->fd);
        free(p->record);
        free(p);
}

/* Removes the temporary file a dead writer's record names, then the record. */
static void sweep_one(const char *record)
{
        int fd = open(record, O_RDONLY | O_CLOEXEC);
        char path[4097];
        ssize_t n;

        if (fd < 0)
                return;
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
                close(fd); /* its writer is alive */
                return;
        }
        n = read(fd, path, sizeof(path) - 1);
        if (n > 0) {
                char *copy;

                path[n] = '\0';
                copy = xstrdup(path);
                /* only a temporary file of common/fs: a record never removes anything else */
                if (txn_is_temporary(basename(copy)) && unlink(path) == 0)
                        msg_notice(_("removed %s, left incomplete by a command that was killed"),
                                   path);
                free(copy);
        }
        unlink(record);
        close(fd);
}

void pending_sweep(const char *home)
{
        char *folder = xasprintf("%s/" FOLDER, home);
        DIR *d = opendir(folder);
        struct dirent *de;

        while (d != NULL && (de = readdir(d)) != NULL) {
                char *record;

                if (strspn(de->d_name, "0123456789abcdef") != 16 || de->d_name[16] != '\0')
                        continue;
                record = xasprintf("%s/%s", folder, de->d_name);
                sweep_one(record);
                free(record);
        }
        if (d != NULL)
                closedir(d);
        free(folder);
}
