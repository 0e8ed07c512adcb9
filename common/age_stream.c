/* age payload STREAM: ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian
 * counter and a last-chunk flag. The writer seals a batch of chunks on two threads (the
 * chunks are independent), into a buffer of its own or straight into an fs_stream's; the
 * reader reads a batch of chunks at once and keeps one byte ahead so that a full chunk
 * followed by end of file is known to be the last one. */
#include "age_stream.h"
#include "fs_stream.h"
#include "msg.h"
#include "guarded.h"
#include "i18n.h"
#include "worker.h"
#include "xalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TAG_LEN   crypto_aead_chacha20poly1305_IETF_ABYTES
#define ENC_CHUNK (AGE_CHUNK_SIZE + TAG_LEN)
#define BATCH     AGE_BATCH_CHUNKS /* 1 MiB of plaintext */
#define READ_BUF  (BATCH * ENC_CHUNK + 1)

struct age_stream {
        FILE *fp;
        struct fs_stream *out; /* writer: where the sealed chunks go, when not fp */
        unsigned char key[32];
        unsigned char nonce[12];
        unsigned char *buf;    /* reader: ciphertext read ahead (READ_BUF bytes) */
        size_t pos, len;       /* reader: the bytes held are buf[pos..pos+len) */
        int done;              /* reader: the last chunk was read */
        int started;           /* reader: a chunk went through */
        unsigned char *plain;  /* writer: BATCH chunks of plaintext, guarded */
        unsigned char *sealed; /* writer: the same, encrypted (without an fs_stream) */
        struct worker *helper; /* seals or opens the first half of each batch (from the
                                  first batch of two chunks or more) */
        size_t plen;           /* writer: plaintext bytes waiting */
        uint64_t counter;      /* writer: index of the first waiting chunk */
};

/* A share of a batch for one thread: chunks [from, to) of plen bytes sealed into dst,
 * the last one flagged as final when last is set. */
struct seal_job {
        struct age_stream *w;
        unsigned char *dst;
        size_t from, to, plen;
        int last;
};

static void payload_key(struct age_stream *s, const unsigned char file_key[AGE_FILE_KEY_LEN],
                        const unsigned char nonce[AGE_NONCE_LEN])
{
        age_hkdf(s->key, nonce, AGE_NONCE_LEN, file_key, AGE_FILE_KEY_LEN, "payload");
}

static void next_nonce(unsigned char nonce[12])
{
        for (int i = 10; i >= 0; i--)
                if (++nonce[i] != 0)
                        break;
}

static struct age_stream *stream_new(FILE *fp)
{
        struct age_stream *s = guarded_alloc(sizeof(*s));

        memset(s, 0, sizeof(*s));
        s->fp = fp;
        return s;
}

static void stream_free(struct age_stream *s)
{
        worker_stop(s->helper);
        free(s->buf);
        guarded_free(s);
}

static void age_writer_free(struct age_stream *w)
{
        guarded_free(w->plain);
        guarded_free(w->sealed);
        stream_free(w);
}

/* A writer to fp, or to out when it is not NULL; nonce gets the payload's nonce, for
 * the caller to write first. */
static struct age_stream *writer_new(FILE *fp, struct fs_stream *out,
                                     const unsigned char file_key[AGE_FILE_KEY_LEN],
                                     unsigned char nonce[AGE_NONCE_LEN])
{
        struct age_stream *w = stream_new(fp);

        w->out = out;
        w->plain = guarded_alloc(BATCH * AGE_CHUNK_SIZE);
        if (out == NULL)
                w->sealed = guarded_alloc(BATCH * ENC_CHUNK);
        randombytes_buf(nonce, AGE_NONCE_LEN);
        payload_key(w, file_key, nonce);
        return w;
}

struct age_stream *age_writer_open(FILE *out, const unsigned char file_key[AGE_FILE_KEY_LEN])
{
        unsigned char nonce[AGE_NONCE_LEN];
        struct age_stream *w = writer_new(out, NULL, file_key, nonce);

        if (fwrite(nonce, 1, sizeof(nonce), out) != sizeof(nonce)) {
                age_writer_free(w);
                return NULL;
        }
        return w;
}

struct age_stream *age_writer_open_stream(struct fs_stream *out,
                                          const unsigned char file_key[AGE_FILE_KEY_LEN])
{
        unsigned char nonce[AGE_NONCE_LEN];
        struct age_stream *w = writer_new(NULL, out, file_key, nonce);

        if (fs_stream_write(out, nonce, sizeof(nonce)) != 0) {
                age_writer_free(w);
                return NULL;
        }
        return w;
}

static void seal_range(void *arg)
{
        const struct seal_job *j = arg;
        unsigned char nonce[12] = {0};

        for (size_t i = j->from; i < j->to; i++) {
                uint64_t c = j->w->counter + i;
                size_t off = i * AGE_CHUNK_SIZE;
                size_t n = j->plen - off < AGE_CHUNK_SIZE ? j->plen - off : AGE_CHUNK_SIZE;

                for (int b = 0; b < 8; b++)
                        nonce[10 - b] = (unsigned char)(c >> (8 * b));
                nonce[11] = (unsigned char)(j->last && i + 1 == j->to);
                crypto_aead_chacha20poly1305_ietf_encrypt(j->dst + i * ENC_CHUNK, NULL,
                                                          j->w->plain + off, n, NULL, 0, NULL,
                                                          nonce, j->w->key);
        }
}

/* Writes a sealed batch straight to the descriptor when there is one (one copy less
 * than through stdio), else through the stream (memory streams in tests). */
static int write_out(FILE *fp, const unsigned char *p, size_t n)
{
        int fd = fileno(fp);

        if (fd < 0)
                return fwrite(p, 1, n, fp) == n ? AGE_OK : AGE_ERR_IO;
        if (fflush(fp) != 0)
                return AGE_ERR_IO;
        while (n > 0) {
                ssize_t w = write(fd, p, n);

                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0)
                        return AGE_ERR_IO;
                p += w;
                n -= (size_t)w;
        }
        return AGE_OK;
}

/* Seals the waiting plaintext (at least one chunk, maybe empty) and writes it. */
static int seal_batch(struct age_stream *w, int last)
{
        size_t chunks = w->plen == 0 ? 1 : (w->plen + AGE_CHUNK_SIZE - 1) / AGE_CHUNK_SIZE;
        size_t half = chunks / 2, total = w->plen + chunks * TAG_LEN;
        unsigned char *dst = w->out != NULL ? fs_stream_room(w->out, total) : w->sealed;
        struct seal_job a = {w, dst, 0, half, w->plen, 0};
        struct seal_job b = {w, dst, half, chunks, w->plen, last};

        if (half > 0 && w->helper == NULL)
                w->helper = worker_start(); /* a short text needs no thread */
        if (half > 0)
                worker_run(w->helper, seal_range, &a);
        seal_range(&b);
        if (half > 0)
                worker_wait(w->helper);
        w->counter += chunks;
        w->plen = 0;
        if (w->out != NULL)
                return fs_stream_put(w->out, total) == 0 ? AGE_OK : AGE_ERR_IO;
        return write_out(w->fp, dst, total);
}

int age_writer_write(struct age_stream *w, const void *buf, size_t len)
{
        const unsigned char *p = buf;

        while (len > 0) {
                size_t room;

                /* a full batch waits until more data shows its last chunk is not the last */
                if (w->plen == BATCH * AGE_CHUNK_SIZE && seal_batch(w, 0) != AGE_OK)
                        return AGE_ERR_IO;
                room = BATCH * AGE_CHUNK_SIZE - w->plen;
                if (room > len)
                        room = len;
                memcpy(w->plain + w->plen, p, room);
                w->plen += room;
                p += room;
                len -= room;
        }
        return AGE_OK;
}

int age_writer_copy(struct age_stream *w, FILE *in, long long *total)
{
        *total = 0;
        for (;;) {
                if (w->plen == BATCH * AGE_CHUNK_SIZE) {
                        /* a full batch is sealed only once more data shows it is not the end */
                        int c = getc(in);

                        if (c == EOF)
                                break;
                        if (seal_batch(w, 0) != AGE_OK)
                                return AGE_ERR_IO;
                        w->plain[w->plen++] = (unsigned char)c;
                        (*total)++;
                }
                size_t got = fread(w->plain + w->plen, 1, BATCH * AGE_CHUNK_SIZE - w->plen, in);
                if (got == 0)
                        break;
                w->plen += got;
                *total += (long long)got;
        }
        return ferror(in) ? AGE_ERR_IO : AGE_OK;
}

int age_writer_close(struct age_stream *w)
{
        int rc = seal_batch(w, 1);

        age_writer_free(w);
        return rc;
}

int age_reader_open(FILE *in, const unsigned char file_key[AGE_FILE_KEY_LEN],
                    struct age_stream **out)
{
        unsigned char nonce[AGE_NONCE_LEN];
        size_t n = fread(nonce, 1, sizeof(nonce), in);

        *out = NULL;
        if (n != sizeof(nonce))
                return ferror(in) ? AGE_ERR_IO : AGE_ERR_HEADER;
        *out = stream_new(in);
        (*out)->buf = xmalloc(READ_BUF);
        payload_key(*out, file_key, nonce);
        return AGE_OK;
}

/* Tops the buffer up to a batch of chunks and one lookahead byte, unless the file ends
 * first. */
static int fill_batch(struct age_stream *r)
{
        memmove(r->buf, r->buf + r->pos, r->len);
        r->pos = 0;
        while (r->len < READ_BUF) {
                size_t got = fread(r->buf + r->len, 1, READ_BUF - r->len, r->fp);

                if (got == 0)
                        return ferror(r->fp) ? -1 : 0;
                r->len += got;
        }
        return 0;
}

/* Makes sure a full encrypted chunk and one lookahead byte are held (unless the file
 * ends first), reading a batch of chunks at once. */
static int fill(struct age_stream *r)
{
        return r->len >= ENC_CHUNK + 1 ? 0 : fill_batch(r);
}

long age_reader_next(struct age_stream *r, unsigned char *out)
{
        size_t clen;
        int last;

        if (r->done)
                return 0;
        if (fill(r) != 0)
                return -AGE_ERR_IO;
        last = r->len <= ENC_CHUNK;
        clen = last ? r->len : ENC_CHUNK;
        /* only an empty file may end with an empty chunk */
        if (clen < TAG_LEN || (last && clen == TAG_LEN && r->started))
                return -AGE_ERR_PAYLOAD;
        r->nonce[11] = (unsigned char)last;
        if (crypto_aead_chacha20poly1305_ietf_decrypt(out, NULL, NULL, r->buf + r->pos, clen, NULL,
                                                      0, r->nonce, r->key) != 0)
                return -AGE_ERR_PAYLOAD;
        next_nonce(r->nonce);
        r->started = 1;
        r->done = last;
        r->pos += clen;
        r->len -= clen;
        if (last && clen == TAG_LEN)
                return 0;
        return (long)(clen - TAG_LEN);
}

/* A share of a batch for one thread to open: chunks [from, to) of the ciphertext at src
 * into dst, the one at to - 1 of tail bytes and flagged as final when last is set; rc
 * gets AGE_ERR_PAYLOAD when one fails. */
struct open_job {
        const struct age_stream *r;
        const unsigned char *src;
        unsigned char *dst;
        size_t from, to, tail;
        int last, rc;
};

static void open_range(void *arg)
{
        struct open_job *j = arg;
        unsigned char nonce[12];

        memcpy(nonce, j->r->nonce, sizeof(nonce));
        for (size_t i = 0; i < j->from; i++)
                next_nonce(nonce);
        for (size_t i = j->from; i < j->to && j->rc == AGE_OK; i++) {
                size_t clen = i + 1 == j->to ? j->tail : ENC_CHUNK;

                nonce[11] = (unsigned char)(j->last && i + 1 == j->to);
                if (crypto_aead_chacha20poly1305_ietf_decrypt(j->dst + i * AGE_CHUNK_SIZE, NULL,
                                                              NULL, j->src + i * ENC_CHUNK, clen,
                                                              NULL, 0, nonce, j->r->key) != 0)
                        j->rc = AGE_ERR_PAYLOAD;
                next_nonce(nonce);
        }
}

long age_reader_batch(struct age_stream *r, unsigned char *out)
{
        size_t n = BATCH, tail = ENC_CHUNK, half, used;
        int last = 0;

        if (r->done)
                return 0;
        if (fill_batch(r) != 0)
                return -AGE_ERR_IO;
        /* a chunk followed by no byte is the last one (the buffer holds a byte more) */
        if (r->len < READ_BUF) {
                n = r->len == 0 ? 1 : (r->len + ENC_CHUNK - 1) / ENC_CHUNK;
                tail = r->len - (n - 1) * ENC_CHUNK;
                last = 1;
        }
        /* only an empty file may end with an empty chunk */
        if (tail < TAG_LEN || (last && tail == TAG_LEN && (r->started || n > 1)))
                return -AGE_ERR_PAYLOAD;
        half = n / 2;
        struct open_job a = {r, r->buf + r->pos, out, 0, half, ENC_CHUNK, 0, AGE_OK};
        struct open_job b = {r, r->buf + r->pos, out, half, n, tail, last, AGE_OK};
        if (half > 0 && r->helper == NULL)
                r->helper = worker_start();
        if (half > 0)
                worker_run(r->helper, open_range, &a);
        open_range(&b);
        if (half > 0)
                worker_wait(r->helper);
        if (a.rc != AGE_OK || b.rc != AGE_OK)
                return -AGE_ERR_PAYLOAD;
        for (size_t i = 0; i < n; i++)
                next_nonce(r->nonce);
        used = (n - 1) * ENC_CHUNK + tail;
        r->started = 1;
        r->done = last;
        r->pos += used;
        r->len -= used;
        return (long)(used - n * TAG_LEN);
}

void age_reader_free(struct age_stream *r)
{
        stream_free(r);
}
