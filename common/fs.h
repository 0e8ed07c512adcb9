/* The home folder and files written whole or not at all: a temporary file in the
 * same folder, fsync'd and renamed on commit, removed if the process ends first. */
#ifndef AIDANT_FS_H
#define AIDANT_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Creates the folder and its parents as needed, 0700. Dies with 73 on failure. */
void fs_mkdirs(const char *dir);
/* Returns "$XDG_DATA_HOME/<name>", else "$HOME/.local/share/<name>" (a new string), or
 * NULL when neither variable gives a folder. */
char *fs_data_path(const char *name);
/* Returns "<home>/<name>" after creating the home (0700); the caller frees it. */
char *fs_home_path(const char *home, const char *name);

struct afile {
        char *path; /* final name */
        char *tmp;  /* temporary name while open */
        FILE *fp;   /* write here */
};

/* Opens a temporary file next to path with the given mode (0600 for secrets).
 * Dies with 73 when it cannot be created. */
struct afile *afile_open(const char *path, mode_t mode);
/* Flushes, fsyncs and renames onto the final name, then frees af. Dies with 74 on error. */
void afile_commit(struct afile *af);
/* The same for n files of one folder (the forms of a paper and their signatures): each
 * flushed and its writing started, then each fsynced, then each renamed, then the folder
 * fsynced once. */
void afile_commit_all(struct afile **afs, size_t n);
/* Removes the temporary file and frees af. */
void afile_abort(struct afile *af);

/* Reads a whole file (at most max bytes) into a new NUL-terminated buffer.
 * Returns NULL with errno set on failure; *len gets the size. */
char *fs_read_file(const char *path, size_t max, size_t *len);
/* The same, or dies: 66 when the file does not exist, 74 otherwise. */
char *fs_read_file_or_die(const char *path, size_t max, size_t *len);

#endif
