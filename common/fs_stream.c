/* Large outputs at the device's pace (see fs_stream.h): two segments, one filled by the
 * caller while a worker writes the other. With O_DIRECT a segment is written up to its
 * last whole block, and the rest is carried to the start of the next one. */
#include "fs_stream.h"
#include "guarded.h"
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ALIGN    4096 /* a block of every device: O_DIRECT offsets and sizes */
#define SEG_SIZE (FS_STREAM_ROOM_MAX + 65536)

struct fs_stream {
        FILE *fp;
        int fd;      /* -1: a stream without descriptor (memory), written with fwrite */
        int regular; /* a regular file, written at offsets (pwrite) */
        int direct;  /* O_DIRECT is set: writes are whole blocks */
        int flags;   /* the descriptor's status flags before */
        off_t off;   /* the file offset of seg[cur][0] (regular files) */
        unsigned char *seg[2];
        int cur;
        size_t fill; /* bytes in seg[cur] */
        struct worker *worker;
        const unsigned char *job; /* the write handed to the worker */
        size_t job_len;
        off_t job_off;
        int err;  /* errno of the first failed write (written by the worker's jobs) */
        int seen; /* err as the caller last saw it, at a hand-over */
};

/* Writes p[0..n) at off (or at the descriptor's position), through the cache when the
 * file system refuses a direct write. Returns 0 or an errno. */
static int write_all(struct fs_stream *s, const unsigned char *p, size_t n, off_t off)
{
        if (s->fd < 0)
                return fwrite(p, 1, n, s->fp) == n ? 0 : (errno != 0 ? errno : EIO);
        while (n > 0) {
                ssize_t w = s->regular ? pwrite(s->fd, p, n, off) : write(s->fd, p, n);

                if (w < 0 && errno == EINTR)
                        continue;
                if (w < 0 && errno == EINVAL && s->direct) {
                        /* no direct writes here after all: through the cache */
                        if (fcntl(s->fd, F_SETFL, s->flags) != 0)
                                return errno;
                        s->direct = 0;
                        continue;
                }
                if (w < 0)
                        return errno;
                if (w == 0)
                        return EIO;
                p += w;
                n -= (size_t)w;
                off += w;
        }
        return 0;
}

static void write_job(void *arg)
{
        struct fs_stream *s = arg;
        int rc = write_all(s, s->job, s->job_len, s->job_off);

        if (rc != 0 && s->err == 0)
                s->err = rc;
}

/* Hands the current segment to the worker, up to its last whole block when direct, and
 * goes on in the other one, which starts with the rest carried over. */
static void hand_over(struct fs_stream *s)
{
        unsigned char *full = s->seg[s->cur], *next = s->seg[!s->cur];
        size_t n;

        worker_wait(s->worker); /* next is free, and direct and err are up to date */
        n = s->direct ? s->fill & ~(size_t)(ALIGN - 1) : s->fill;
        memcpy(next, full + n, s->fill - n);
        s->seen = s->err;
        s->job = full;
        s->job_len = n;
        s->job_off = s->off;
        worker_run(s->worker, write_job, s);
        s->off += (off_t)n;
        s->fill -= n;
        s->cur = !s->cur;
}

/* Direct writes, for a regular file the stream may write at offsets and read back (the
 * block before the start, already written, is written again with what follows it). */
static void try_direct(struct fs_stream *s)
{
        size_t lead = (size_t)(s->off % ALIGN);

        if ((s->flags & O_ACCMODE) != O_RDWR ||
            ((uintptr_t)s->seg[0] | (uintptr_t)s->seg[1]) % ALIGN != 0)
                return;
        if (lead > 0 && pread(s->fd, s->seg[0], lead, s->off - (off_t)lead) != (ssize_t)lead)
                return;
        if (fcntl(s->fd, F_SETFL, s->flags | O_DIRECT) != 0)
                return;
        s->direct = 1;
        s->fill = lead;
        s->off -= (off_t)lead;
}

struct fs_stream *fs_stream_open(FILE *fp)
{
        struct fs_stream *s;
        struct stat st;

        if (fflush(fp) != 0)
                return NULL;
        s = guarded_alloc(sizeof(*s));
        memset(s, 0, sizeof(*s));
        s->fp = fp;
        s->fd = fileno(fp);
        /* a multiple of the page size: page-aligned guarded memory */
        s->seg[0] = guarded_alloc(SEG_SIZE);
        s->seg[1] = guarded_alloc(SEG_SIZE);
        if (s->fd >= 0 && fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode)) {
                s->flags = fcntl(s->fd, F_GETFL);
                s->off = lseek(s->fd, 0, SEEK_CUR);
                /* with O_APPEND, pwrite would append wherever it is told to write */
                s->regular = s->flags >= 0 && s->off >= 0 && (s->flags & O_APPEND) == 0;
                if (s->regular)
                        try_direct(s);
        }
        s->worker = worker_start();
        return s;
}

unsigned char *fs_stream_room(struct fs_stream *s, size_t need)
{
        if (SEG_SIZE - s->fill < need)
                hand_over(s);
        return s->seg[s->cur] + s->fill;
}

int fs_stream_put(struct fs_stream *s, size_t n)
{
        s->fill += n;
        /* a failed write is known from the hand-over after it, without waiting here */
        if (s->seen == 0)
                return 0;
        errno = s->seen;
        return -1;
}

int fs_stream_write(struct fs_stream *s, const void *buf, size_t n)
{
        const unsigned char *p = buf;

        while (n > 0) {
                size_t step = n < FS_STREAM_ROOM_MAX ? n : FS_STREAM_ROOM_MAX;

                memcpy(fs_stream_room(s, step), p, step);
                if (fs_stream_put(s, step) != 0)
                        return -1;
                p += step;
                n -= step;
        }
        return 0;
}

/* Writes the rest of the current segment (the worker stopped): its whole blocks
 * directly, the tail through the cache. */
static void write_rest(struct fs_stream *s)
{
        unsigned char *p = s->seg[s->cur];
        size_t whole = s->direct ? s->fill & ~(size_t)(ALIGN - 1) : s->fill;
        int rc = write_all(s, p, whole, s->off);

        if (rc == 0 && s->fill > whole) {
                if (fcntl(s->fd, F_SETFL, s->flags) != 0)
                        rc = errno;
                s->direct = 0;
                if (rc == 0)
                        rc = write_all(s, p + whole, s->fill - whole, s->off + (off_t)whole);
        }
        if (rc != 0 && s->err == 0)
                s->err = rc;
        s->off += (off_t)s->fill;
        s->fill = 0;
}

int fs_stream_close(struct fs_stream *s)
{
        int err;

        worker_stop(s->worker);
        write_rest(s);
        if (s->direct)
                fcntl(s->fd, F_SETFL, s->flags);
        if (s->regular && lseek(s->fd, s->off, SEEK_SET) < 0 && s->err == 0)
                s->err = errno;
        err = s->err;
        guarded_free(s->seg[0]);
        guarded_free(s->seg[1]);
        guarded_free(s);
        if (err != 0) {
                errno = err;
                return -1;
        }
        return 0;
}
