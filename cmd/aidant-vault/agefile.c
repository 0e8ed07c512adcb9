/* age files as whole operations for the vault and the age plumbing commands:
 * streaming with constant memory, plaintext files renamed only once authenticated. */
#include "agefile.h"
#include "age_stream.h"
#include "crash.h"
#include "fs_stream.h"
#include "msg.h"
#include "pending.h"
#include "guarded.h"
#include "fs.h"
#include "i18n.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>

#define IO_BUF    (1 << 16) /* the stdio buffer of an output: headers and short texts */
#define COPY_STEP (1 << 20) /* a payload copied as it is, read this much at a time */

int agefile_exit(int status)
{
        switch (status) {
        case AGE_OK:
                return 0;
        case AGE_ERR_NO_MATCH:
                return EX_NOPERM;
        case AGE_ERR_IO:
                return EX_IOERR;
        default:
                return EX_DATAERR;
        }
}

int agefile_payload_open(struct agefile_payload *p, FILE *out, const struct age_recipient *r, int n,
                         const unsigned char key[AGE_FILE_KEY_LEN], unsigned char mac[AGE_MAC_LEN],
                         int seal)
{
        int rc = age_header_write(out, r, n, key, mac);

        p->w = NULL;
        p->out = rc == AGE_OK ? fs_stream_open(out) : NULL;
        if (p->out == NULL)
                return AGE_ERR_IO;
        if (seal && (p->w = age_writer_open_stream(p->out, key)) == NULL)
                return AGE_ERR_IO;
        return AGE_OK;
}

int agefile_payload_copy(struct agefile_payload *p, FILE *in)
{
        size_t got;

        do {
                got = fread(fs_stream_room(p->out, COPY_STEP), 1, COPY_STEP, in);
                if (fs_stream_put(p->out, got) != 0)
                        return AGE_ERR_IO;
        } while (got > 0);
        return ferror(in) ? AGE_ERR_IO : AGE_OK;
}

int agefile_payload_close(struct agefile_payload *p, int rc)
{
        if (p->w != NULL && age_writer_close(p->w) != AGE_OK && rc == AGE_OK)
                rc = AGE_ERR_IO;
        if (p->out != NULL && fs_stream_close(p->out) != 0 && rc == AGE_OK)
                rc = AGE_ERR_IO;
        p->w = NULL;
        p->out = NULL;
        return rc;
}

int agefile_encrypt(FILE *in, FILE *out, const struct age_recipient *r, int n,
                    unsigned char mac[AGE_MAC_LEN], long long *size)
{
        unsigned char key[AGE_FILE_KEY_LEN];
        struct agefile_payload p;
        long long total = 0;
        int rc;

        randombytes_buf(key, sizeof(key));
        rc = agefile_payload_open(&p, out, r, n, key, mac, 1);
        sodium_memzero(key, sizeof(key));
        if (rc == AGE_OK)
                rc = age_writer_copy(p.w, in, &total);
        rc = agefile_payload_close(&p, rc);
        if (size != NULL)
                *size = total;
        return rc;
}

int agefile_open(FILE *in, const struct age_identity *ids, int n,
                 unsigned char file_key[AGE_FILE_KEY_LEN], unsigned char mac[AGE_MAC_LEN])
{
        struct age_header h;
        int rc = age_header_read(in, &h);

        if (rc == AGE_OK)
                rc = age_unwrap(&h, ids, n, file_key);
        if (rc == AGE_OK && mac != NULL)
                memcpy(mac, h.mac, AGE_MAC_LEN);
        age_header_free(&h);
        return rc;
}

int agefile_each_chunk(FILE *in, const unsigned char file_key[AGE_FILE_KEY_LEN],
                       int (*sink)(void *arg, const unsigned char *buf, size_t len), void *arg)
{
        unsigned char *chunk = guarded_alloc(AGE_CHUNK_SIZE);
        struct age_stream *r;
        long got;
        int rc = age_reader_open(in, file_key, &r);

        while (rc == AGE_OK && (got = age_reader_next(r, chunk)) != 0)
                rc = got < 0 ? (int)-got : sink(arg, chunk, (size_t)got);
        if (r != NULL)
                age_reader_free(r);
        guarded_free(chunk);
        return rc;
}

/* A sink of agefile_each_chunk writing to a FILE (arg), or nowhere when it is NULL. */
static int write_chunk(void *arg, const unsigned char *buf, size_t len)
{
        FILE *out = arg;

        if (out != NULL && fwrite(buf, 1, len, out) != len)
                return AGE_ERR_IO;
        return AGE_OK;
}

int agefile_copy_payload(FILE *in, FILE *out, const unsigned char file_key[AGE_FILE_KEY_LEN])
{
        return agefile_each_chunk(in, file_key, write_chunk, out);
}

void agefile_free_plain(char *buf)
{
        guarded_free(buf);
}

/* A guarded buffer of twice the capacity holding the first used bytes of buf. */
static char *grow_guarded(char *buf, size_t used, size_t *cap)
{
        char *bigger;

        if (*cap > SIZE_MAX / 2)
                die(EX_OSERR, "%s", _("out of memory"));
        bigger = guarded_alloc(*cap * 2);
        memcpy(bigger, buf, used);
        guarded_free(buf);
        *cap *= 2;
        return bigger;
}

/* Decrypts the age file fp into a new guarded buffer (see agefile_read). */
static int read_fp(FILE *fp, const struct age_identity *ids, int n, size_t max, char **out,
                   size_t *len, unsigned char mac[AGE_MAC_LEN])
{
        unsigned char key[AGE_FILE_KEY_LEN];
        struct age_stream *r = NULL;
        size_t cap = AGE_CHUNK_SIZE + 1, total = 0;
        char *buf;
        long got;
        int rc = agefile_open(fp, ids, n, key, mac);

        if (rc == AGE_OK)
                rc = age_reader_open(fp, key, &r);
        sodium_memzero(key, sizeof(key));
        buf = guarded_alloc(cap);
        while (rc == AGE_OK && (got = age_reader_next(r, (unsigned char *)buf + total)) != 0) {
                if (got < 0) {
                        rc = (int)-got;
                        break;
                }
                total += (size_t)got;
                if (total > max) {
                        rc = AGE_ERR_PAYLOAD;
                        break;
                }
                if (cap - total < AGE_CHUNK_SIZE + 1)
                        buf = grow_guarded(buf, total, &cap);
        }
        if (r != NULL)
                age_reader_free(r);
        if (rc != AGE_OK) {
                guarded_free(buf);
                return rc;
        }
        buf[total] = '\0';
        *out = buf;
        *len = total;
        return AGE_OK;
}

int agefile_read(const char *path, const struct age_identity *ids, int n, size_t max, char **out,
                 size_t *len, unsigned char mac[AGE_MAC_LEN])
{
        FILE *fp = fopen(path, "rb");
        int rc;

        *out = NULL;
        if (fp == NULL)
                return AGE_ERR_IO;
        rc = read_fp(fp, ids, n, max, out, len, mac);
        fclose(fp);
        return rc;
}

int agefile_read_buf(const void *file, size_t size, const struct age_identity *ids, int n,
                     size_t max, char **out, size_t *len, unsigned char mac[AGE_MAC_LEN])
{
        FILE *fp = size > 0 ? fmemopen((void *)file, size, "rb") : NULL;
        int rc;

        *out = NULL;
        if (fp == NULL)
                return AGE_ERR_HEADER; /* empty: not an age file */
        rc = read_fp(fp, ids, n, max, out, len, mac);
        fclose(fp);
        return rc;
}

void agefile_write(const char *path, const struct age_recipient *r, int n, const void *buf,
                   size_t len, unsigned char mac[AGE_MAC_LEN])
{
        unsigned char key[AGE_FILE_KEY_LEN];
        struct afile *af = afile_open(path, 0600);
        struct age_stream *w;
        int rc;

        randombytes_buf(key, sizeof(key));
        rc = age_header_write(af->fp, r, n, key, mac);
        w = rc == AGE_OK ? age_writer_open(af->fp, key) : NULL;
        sodium_memzero(key, sizeof(key));
        if (w == NULL || age_writer_write(w, buf, len) != AGE_OK || age_writer_close(w) != AGE_OK)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        crash_point("file-written");
        afile_commit(af);
}

void agefile_out_open(struct agefile_out *o, const char *path, mode_t mode, const char *home)
{
        o->af = afile_open(path, mode);
        o->fp = o->af->fp;
        /* a device or a pipe is written in place: no temporary file to record */
        o->pending = o->af->tmp != NULL ? pending_begin(home, o->af->tmp) : NULL;
        /* what goes through stdio (a key's text) is in a buffer that is wiped */
        o->buf = guarded_alloc(IO_BUF);
        setvbuf(o->fp, o->buf, _IOFBF, IO_BUF);
}

void agefile_out_commit(struct agefile_out *o)
{
        crash_point("output-written");
        afile_commit(o->af);
        pending_end(o->pending);
        guarded_free(o->buf);
}

void agefile_out_abort(struct agefile_out *o)
{
        afile_abort(o->af);
        pending_end(o->pending);
        guarded_free(o->buf);
}

/* Whether a decrypted chunk is binary data (control bytes a text does not hold). */
static int looks_binary(const unsigned char *buf, size_t len)
{
        for (size_t i = 0; i < len; i++)
                if ((buf[i] < 0x20 && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r' &&
                     buf[i] != '\f') ||
                    buf[i] == 0x7f)
                        return 1;
        return 0;
}

struct dest {
        FILE *fp;
        int check_binary; /* a terminal: the first chunk must be text */
        int refused;
};

/* A sink of agefile_each_chunk writing to the destination, refusing binary data on a
 * terminal before its first byte (as age does). */
static int write_dest(void *arg, const unsigned char *buf, size_t len)
{
        struct dest *d = arg;

        if (d->check_binary && looks_binary(buf, len)) {
                d->refused = 1;
                return AGE_ERR_IO;
        }
        d->check_binary = 0;
        if (fwrite(buf, 1, len, d->fp) != len)
                return AGE_ERR_IO;
        crash_point("output-chunk");
        return AGE_OK;
}

/* Decrypts in (at the payload nonce) to the file fp, a batch of chunks at a time
 * straight into the memory of an fs_stream. */
static int decrypt_to_file(FILE *in, const unsigned char file_key[AGE_FILE_KEY_LEN], FILE *fp)
{
        struct fs_stream *s = fs_stream_open(fp);
        struct age_stream *r = NULL;
        int rc = s != NULL ? age_reader_open(in, file_key, &r) : AGE_ERR_IO;

        while (rc == AGE_OK) {
                long got = age_reader_batch(r, fs_stream_room(s, AGE_BATCH_SIZE));

                if (got == 0)
                        break;
                if (got < 0)
                        rc = (int)-got;
                else if (fs_stream_put(s, (size_t)got) != 0)
                        rc = AGE_ERR_IO;
                else
                        crash_point("output-chunk");
        }
        if (r != NULL)
                age_reader_free(r);
        if (s != NULL && fs_stream_close(s) != 0 && rc == AGE_OK)
                rc = AGE_ERR_IO;
        return rc;
}

int agefile_decrypt_to(FILE *in, const char *what, const unsigned char file_key[AGE_FILE_KEY_LEN],
                       const struct agefile_target *t)
{
        struct agefile_out o = {NULL, stdout, NULL, NULL};
        struct dest d = {stdout, 0, 0};
        int rc, in_place;

        if (t->path != NULL && strcmp(t->path, "-") != 0)
                agefile_out_open(&o, t->path, 0600, t->home);
        /* a device or a pipe gets the chunks as they authenticate, as stdout does */
        in_place = o.af != NULL && o.af->tmp == NULL;
        d.fp = o.fp;
        d.check_binary = o.af == NULL && t->tty_out;
        if (o.af != NULL)
                rc = decrypt_to_file(in, file_key, o.fp);
        else
                rc = agefile_each_chunk(in, file_key, write_dest, &d);
        if (d.refused)
                die(EX_USAGE, "%s",
                    _("refusing to write binary data to a terminal: use -o <file>"));
        if (rc == AGE_OK) {
                if (o.af != NULL)
                        agefile_out_commit(&o);
                return 0;
        }
        if (o.af != NULL)
                agefile_out_abort(&o);
        if (o.af != NULL && !in_place)
                return msg_error(agefile_exit(rc), _("%s: %s: nothing was written"), what,
                                 _(age_status_text(rc)));
        if (in_place)
                return msg_error(agefile_exit(rc),
                                 _("%s: %s: what was written to %s is incomplete and must not be "
                                   "trusted"),
                                 what, _(age_status_text(rc)), t->path);
        fflush(stdout);
        return msg_error(agefile_exit(rc),
                         _("%s: %s: the output above is incomplete and must not be trusted"), what,
                         _(age_status_text(rc)));
}

/* Decrypts a passphrase-protected identity file into a new text. */
static char *unlock_identity_file(const char *path, const struct secret_srcs *src)
{
        struct secret *pass =
            secret_read(src, SECRET_PASSPHRASE, _("Passphrase of the identity: "), 0);
        struct age_identity id = {.scrypt = 1, .pass = pass->buf, .pass_len = pass->len};
        char *text;
        size_t len;
        int rc = agefile_read(path, &id, 1, 1 << 16, &text, &len, NULL);

        secret_free(pass);
        if (rc == AGE_ERR_NO_MATCH)
                die(EX_NOPERM, _("%s: wrong passphrase"), path);
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s: %s", path, _(age_status_text(rc)));
        return text;
}

/* The text of the file path, or dies (66 missing, 74 unreadable). */
static char *read_identity_file(const char *path, size_t *len)
{
        char *text = fs_read_file(path, 1 << 20, len);

        if (text == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), path,
                    strerror(errno));
        return text;
}

int agefile_load_identities(const char *path, const struct secret_srcs *src,
                            unsigned char (*sks)[AGE_KEY_LEN], int max)
{
        size_t len;
        char *text = read_identity_file(path, &len);
        int n, line = 0, locked = 0;

        if (strncmp(text, "age-encryption.org/v1\n", 22) == 0) {
                secret_wipe_free(text);
                text = unlock_identity_file(path, src);
                locked = 1;
        }
        n = age_parse_identity_file(text, sks, max, &line);
        if (locked)
                agefile_free_plain(text);
        else
                secret_wipe_free(text);
        if (n < 0)
                die(EX_DATAERR, _("%s:%d: not an age identity (AGE-SECRET-KEY-1...)"), path, line);
        if (n == 0)
                die(EX_DATAERR, _("%s: no identity in the file"), path);
        return n;
}
