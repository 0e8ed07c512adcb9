/* Guarded memory for keys and plaintext (sodium_malloc: guard pages around it, kept out
 * of swap and core dumps, wiped when freed), with an allocator that never returns NULL. */
#ifndef AIDANT_GUARDED_H
#define AIDANT_GUARDED_H

#include <stddef.h>

/* n bytes of guarded memory, never NULL: dies 71 when there is none (and 70 when
 * libsodium cannot start). Free it with guarded_free. */
void *guarded_alloc(size_t n);
/* Wipes and frees what guarded_alloc returned; NULL is allowed. */
void guarded_free(void *p);

#endif
