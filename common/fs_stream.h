/* Large outputs (a vault's objects, decrypted documents) written at the device's pace:
 * the caller fills a guarded buffer in place while a second thread writes the previous
 * one, past the page cache where the file system allows it (O_DIRECT, block-aligned
 * writes; the unaligned tail through the cache at the end). The bytes are then copied
 * once, by the device, and a later fsync has little left to do. */
#ifndef AIDANT_FS_STREAM_H
#define AIDANT_FS_STREAM_H

#include <stddef.h>
#include <stdio.h>

/* The most a caller may ask room for at once. */
#define FS_STREAM_ROOM_MAX ((size_t)2 << 20)

struct fs_stream;

/* Takes over the writing of fp (an afile's, a device, a pipe): what fp holds is flushed
 * first, and the stream goes on from there; fp must not be written until the stream is
 * closed. Returns NULL when the flush fails (errno set). */
struct fs_stream *fs_stream_open(FILE *fp);
/* Room for need bytes (at most FS_STREAM_ROOM_MAX), to be filled and then given with
 * fs_stream_put: the memory is guarded (wiped when the stream is closed). */
unsigned char *fs_stream_room(struct fs_stream *s, size_t need);
/* The first n bytes of the last room are the next bytes of the output. Returns 0, or -1
 * when a write failed (errno set): the output is then not to be kept. */
int fs_stream_put(struct fs_stream *s, size_t n);
/* fs_stream_room, a copy of buf, fs_stream_put. */
int fs_stream_write(struct fs_stream *s, const void *buf, size_t n);
/* Writes what is left, waits for the writes and frees s; the descriptor is left at the
 * end of the output, as plain writes would leave it. Returns 0, or -1 with the errno of
 * the first failure. */
int fs_stream_close(struct fs_stream *s);

#endif
