/* Changes to a vault as transactions over its files (see txn.h), and the settling of
 * what a killed command left. */
#include "txn.h"
#include "crash.h"
#include "i18n.h"
#include "manifest.h"
#include "msg.h"
#include "names.h"
#include "vault.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NEXT ".next"

void txn_begin(struct vault *v, struct txn *t)
{
        vault_need_owner(v, _("changing the vault"));
        t->v = v;
        t->version = manifest_version(v->manifest) + 1;
        t->staged = NULL;
        t->nstaged = 0;
        t->remove = json_array();
        t->names_changed = 0;
        v->txn = t;
}

char *txn_stage(struct txn *t, const char *rel)
{
        t->staged = xreallocarray(t->staged, t->nstaged + 1, sizeof(*t->staged));
        t->staged[t->nstaged++] = xstrdup(rel);
        return xasprintf("%s/%s" NEXT, t->v->dir, rel);
}

void txn_pin(struct txn *t, const char *rel)
{
        char *path = xasprintf("%s/%s" NEXT, t->v->dir, rel), hash[MANIFEST_HASH_MAX];

        if (manifest_hash_file(path, hash) != 0)
                die(EX_IOERR, _("cannot read %s: %s"), path, strerror(errno));
        manifest_pin(t->v->manifest, rel, t->version, hash);
        free(path);
}

void txn_remove(struct txn *t, const char *rel)
{
        if (json_array_append_new(t->remove, json_string(rel)) != 0)
                die(EX_SOFTWARE, "%s", _("out of memory"));
}

static void fsync_dir(const char *dir)
{
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        if (fd >= 0) {
                fsync(fd);
                close(fd);
        }
}

/* Renames "<dir>/<rel>.next" onto "<dir>/<rel>"; a missing .next was renamed already. */
static void put_in_place(const char *dir, const char *rel)
{
        char *next = xasprintf("%s/%s" NEXT, dir, rel), *path = xasprintf("%s/%s", dir, rel);

        if (rename(next, path) != 0 && errno != ENOENT)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        crash_point("staged-renamed");
        free(next);
        free(path);
}

static int is_index(const char *rel)
{
        size_t n = strlen(rel);

        return n > 10 && strcmp(rel + n - 10, "/index.age") == 0;
}

/* The folder of rel ("<dir>/<domain>", or dir), new string. */
static char *folder_of(const char *dir, const char *rel)
{
        const char *slash = strrchr(rel, '/');

        if (slash == NULL)
                return xstrdup(dir);
        return xasprintf("%s/%.*s", dir, (int)(slash - rel), rel);
}

static void remove_objects(const char *dir, json_t *remove)
{
        size_t i;
        json_t *r;

        json_array_foreach(remove, i, r)
        {
                char *path = xasprintf("%s/%s", dir, json_string_value(r));

                if (unlink(path) != 0 && errno != ENOENT)
                        msg_warn(_("cannot remove %s: %s"), path, strerror(errno));
                crash_point("object-removed");
                free(path);
        }
}

void txn_commit(struct txn *t)
{
        struct vault *v = t->v;

        if (t->names_changed)
                names_stage(t);
        json_object_set_new(v->manifest, "version", json_integer(t->version));
        if (json_array_size(t->remove) > 0)
                json_object_set(v->manifest, "remove", t->remove);
        else
                json_object_del(v->manifest, "remove");
        vault_save_manifest(v);
        /* committed: the objects take their names before the indexes that name them, and
         * the folder is synced before an index replaces the old one */
        for (int pass = 0; pass < 2; pass++) {
                for (size_t i = 0; i < t->nstaged; i++) {
                        char *folder;

                        if (is_index(t->staged[i]) != pass)
                                continue;
                        if (pass == 1) {
                                folder = folder_of(v->dir, t->staged[i]);
                                fsync_dir(folder);
                                free(folder);
                        }
                        put_in_place(v->dir, t->staged[i]);
                }
        }
        fsync_dir(v->dir);
        remove_objects(v->dir, t->remove);
        for (size_t i = 0; i < t->nstaged; i++)
                free(t->staged[i]);
        free(t->staged);
        json_decref(t->remove);
        v->txn = NULL;
}

int txn_is_temporary(const char *name)
{
        size_t n = strlen(name);
        const char *tail = n > 11 ? name + n - 11 : NULL;

        return tail != NULL && strncmp(tail, ".tmp-", 5) == 0 &&
               strspn(tail + 5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
                   6;
}

static int ends_with(const char *s, const char *end)
{
        size_t n = strlen(s), m = strlen(end);

        return n > m && strcmp(s + n - m, end) == 0;
}

/* Whether "<dir>/<rel>.next" holds what the manifest pins for rel: then the change that
 * wrote it was committed. */
static int next_is_pinned(const struct vault *v, const char *rel)
{
        const char *pin = manifest_pin_hash(v->manifest, rel);
        char *next = xasprintf("%s/%s" NEXT, v->dir, rel), hash[MANIFEST_HASH_MAX];
        int yes = pin != NULL && manifest_hash_file(next, hash) == 0 && strcmp(hash, pin) == 0;

        free(next);
        return yes;
}

/* Calls fn on each name of the folder that a killed command may have left. */
static int each_leftover(const char *folder,
                         void (*fn)(const char *folder, const char *name, void *arg), void *arg)
{
        DIR *d = opendir(folder);
        struct dirent *de;
        int n = 0;

        while (d != NULL && (de = readdir(d)) != NULL) {
                if (!txn_is_temporary(de->d_name) && !ends_with(de->d_name, NEXT))
                        continue;
                n++;
                if (fn != NULL)
                        fn(folder, de->d_name, arg);
        }
        if (d != NULL)
                closedir(d);
        return n;
}

int txn_unsettled(const struct vault *v)
{
        int n = each_leftover(v->dir, NULL, NULL);
        json_t *r;
        size_t i;

        for (int d = 0; n == 0 && vault_domains[d] != NULL; d++) {
                char *folder = vault_path(v, vault_domains[d], NULL);

                n += each_leftover(folder, NULL, NULL);
                free(folder);
        }
        json_array_foreach(json_object_get(v->manifest, "remove"), i, r)
        {
                char *path = xasprintf("%s/%s", v->dir, json_string_value(r));

                n += access(path, F_OK) == 0;
                free(path);
        }
        return n > 0;
}

struct settling {
        const struct vault *v;
        const char *domain; /* NULL at the top of the vault */
        int committed;      /* the domain's staged index is the pinned one */
};

static void settle_one(const char *folder, const char *name, void *arg)
{
        const struct settling *s = arg;
        char *path = xasprintf("%s/%s", folder, name);
        char *rel = s->domain != NULL
                        ? xasprintf("%s/%.*s", s->domain, (int)(strlen(name) - 5), name)
                        : xstrndup(name, strlen(name) - 5);
        int keep = 0;

        if (!txn_is_temporary(name) && strcmp(name, "index.age" NEXT) != 0)
                keep = s->domain != NULL ? s->committed : next_is_pinned(s->v, rel);
        if (keep)
                put_in_place(s->v->dir, rel);
        else if (strcmp(name, "index.age" NEXT) != 0 && unlink(path) != 0 && errno != ENOENT)
                die(EX_IOERR, _("cannot remove %s: %s"), path, strerror(errno));
        free(rel);
        free(path);
}

static void settle_domain(const struct vault *v, const char *domain)
{
        char *folder = vault_path(v, domain, NULL);
        char *rel = xasprintf("%s/index.age", domain);
        struct settling s = {v, domain, next_is_pinned(v, rel)};
        char *next = xasprintf("%s/index.age" NEXT, folder);

        if (each_leftover(folder, settle_one, &s) > 0)
                fsync_dir(folder);
        if (s.committed)
                put_in_place(v->dir, rel);
        else if (unlink(next) != 0 && errno != ENOENT)
                die(EX_IOERR, _("cannot remove %s: %s"), next, strerror(errno));
        free(next);
        free(rel);
        free(folder);
}

void txn_settle(struct vault *v)
{
        struct settling top = {v, NULL, 0};

        each_leftover(v->dir, settle_one, &top);
        for (int i = 0; vault_domains[i] != NULL; i++)
                settle_domain(v, vault_domains[i]);
        fsync_dir(v->dir);
        remove_objects(v->dir, json_object_get(v->manifest, "remove"));
}
