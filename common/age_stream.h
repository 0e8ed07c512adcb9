/* The age v1 payload: a 16-byte nonce, then ChaCha20-Poly1305 STREAM in 64 KiB
 * chunks under a key derived from the file key. Constant memory in the file size. */
#ifndef AIDANT_AGE_STREAM_H
#define AIDANT_AGE_STREAM_H

#include "age.h"

#include <stddef.h>
#include <stdio.h>

#define AGE_CHUNK_SIZE   65536
#define AGE_BATCH_CHUNKS 16 /* chunks sealed or opened together, on two threads */
#define AGE_BATCH_SIZE   (AGE_BATCH_CHUNKS * AGE_CHUNK_SIZE)

struct age_stream;

struct fs_stream;

/* Writes the nonce to out and returns a writer. NULL on a write error (errno set). */
struct age_stream *age_writer_open(FILE *out, const unsigned char file_key[AGE_FILE_KEY_LEN]);
/* The same to a stream of fs_stream.h: the chunks are sealed straight into its buffer
 * (large outputs). out stays open when the writer is closed. */
struct age_stream *age_writer_open_stream(struct fs_stream *out,
                                          const unsigned char file_key[AGE_FILE_KEY_LEN]);
/* Encrypts len bytes. Returns AGE_OK or AGE_ERR_IO. */
int age_writer_write(struct age_stream *w, const void *buf, size_t len);
/* Encrypts everything from in, reading straight into the writer's buffer. *total gets
 * the number of bytes read. Returns AGE_OK or AGE_ERR_IO. */
int age_writer_copy(struct age_stream *w, FILE *in, long long *total);
/* Writes the final chunk and frees w (out stays open). Returns AGE_OK or AGE_ERR_IO. */
int age_writer_close(struct age_stream *w);

/* Reads the nonce from in (a short nonce is AGE_ERR_HEADER). *r gets the reader. */
int age_reader_open(FILE *in, const unsigned char file_key[AGE_FILE_KEY_LEN],
                    struct age_stream **r);
/* Authenticates and decrypts the next chunk into out (AGE_CHUNK_SIZE bytes). Returns
 * the number of bytes (0 only at the end), or -AGE_ERR_PAYLOAD / -AGE_ERR_IO. Only
 * authenticated bytes are ever returned. */
long age_reader_next(struct age_stream *r, unsigned char *out);
/* The same for the next AGE_BATCH_CHUNKS chunks at most, into out (AGE_BATCH_SIZE
 * bytes), half of them opened on a second thread; out may hold bytes of the batch when
 * it fails. */
long age_reader_batch(struct age_stream *r, unsigned char *out);
void age_reader_free(struct age_stream *r);

#endif
