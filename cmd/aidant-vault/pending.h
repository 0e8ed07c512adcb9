/* Plaintext written outside the vault (get -o, age decrypt -o, the identity) goes to a
 * temporary file renamed once all is authenticated. Its name is first recorded in the
 * user's home (<home>/vault-pending/), under a lock held while it is written, so that
 * the partial plaintext of a killed command is removed by the next vault command: a
 * file system without O_TMPFILE (the vfat of USB keys) leaves no other way. */
#ifndef VAULT_PENDING_H
#define VAULT_PENDING_H

struct pending;

/* Records tmp (a temporary file being written) before its first byte; NULL when home
 * is NULL (nothing is recorded then). Dies 73 when the record cannot be made. */
struct pending *pending_begin(const char *home, const char *tmp);
/* The file was renamed or removed: forgets the record. NULL is allowed. */
void pending_end(struct pending *p);
/* Removes the temporary files of the records no live command holds, and the records. */
void pending_sweep(const char *home);

#endif
