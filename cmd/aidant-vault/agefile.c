/* age files as whole operations for the vault and the age plumbing commands:
 * streaming with constant memory, plaintext files renamed only once authenticated. */
#include "agefile.h"
#include "age_stream.h"
#include "msg.h"
#include "guarded.h"
#include "fs.h"
#include "i18n.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define IO_BUF (1 << 20)

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

int agefile_encrypt(FILE *in, FILE *out, const struct age_recipient *r, int n,
                    unsigned char mac[AGE_MAC_LEN], long long *size)
{
        unsigned char key[AGE_FILE_KEY_LEN];
        struct age_stream *w;
        long long total = 0;
        int rc;

        randombytes_buf(key, sizeof(key));
        rc = age_header_write(out, r, n, key, mac);
        w = rc == AGE_OK ? age_writer_open(out, key) : NULL;
        sodium_memzero(key, sizeof(key));
        if (w == NULL)
                return AGE_ERR_IO;
        rc = age_writer_copy(w, in, &total);
        if (age_writer_close(w) != AGE_OK)
                rc = AGE_ERR_IO;
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
        sodium_free(chunk);
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

void agefile_free_buf(char *buf, size_t len)
{
        if (buf == NULL)
                return;
        sodium_memzero(buf, len);
        free(buf);
}

void agefile_free_plain(char *buf)
{
        if (buf != NULL)
                sodium_free(buf);
}

int agefile_read(const char *path, const struct age_identity *ids, int n, size_t max, char **out,
                 size_t *len, unsigned char mac[AGE_MAC_LEN])
{
        unsigned char key[AGE_FILE_KEY_LEN], *chunk;
        FILE *fp = fopen(path, "rb");
        struct age_stream *r = NULL;
        size_t cap = AGE_CHUNK_SIZE + 1, total = 0;
        char *buf;
        long got;
        int rc;

        *out = NULL;
        if (fp == NULL)
                return AGE_ERR_IO;
        rc = agefile_open(fp, ids, n, key, mac);
        if (rc == AGE_OK)
                rc = age_reader_open(fp, key, &r);
        sodium_memzero(key, sizeof(key));
        buf = guarded_alloc(cap);
        chunk = (unsigned char *)buf;
        while (rc == AGE_OK && (got = age_reader_next(r, chunk)) != 0) {
                if (got < 0) {
                        rc = (int)-got;
                        break;
                }
                total += (size_t)got;
                if (total > max) {
                        rc = AGE_ERR_PAYLOAD;
                        break;
                }
                if (total + AGE_CHUNK_SIZE + 1 > cap) {
                        char *bigger = guarded_alloc(cap * 2);

                        memcpy(bigger, buf, total);
                        sodium_free(buf);
                        buf = bigger;
                        cap *= 2;
                }
                chunk = (unsigned char *)buf + total;
        }
        if (r != NULL)
                age_reader_free(r);
        fclose(fp);
        if (rc != AGE_OK) {
                sodium_free(buf);
                return rc;
        }
        buf[total] = '\0';
        *out = buf;
        *len = total;
        return AGE_OK;
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
        afile_commit(af);
}

void agefile_out_open(struct agefile_out *o, const char *path, mode_t mode)
{
        o->af = afile_open(path, mode);
        o->fp = o->af->fp;
        setvbuf(o->fp, NULL, _IOFBF, IO_BUF); /* fewer, larger writes */
}

void agefile_out_commit(struct agefile_out *o)
{
        afile_commit(o->af);
}

void agefile_out_abort(struct agefile_out *o)
{
        afile_abort(o->af);
}

int agefile_decrypt_to(FILE *in, const char *what, const unsigned char file_key[AGE_FILE_KEY_LEN],
                       const char *out_path)
{
        struct agefile_out o = {NULL, stdout};
        int rc;

        if (out_path != NULL && strcmp(out_path, "-") != 0)
                agefile_out_open(&o, out_path, 0600);
        rc = agefile_copy_payload(in, o.fp, file_key);
        if (rc == AGE_OK) {
                if (o.fp != stdout)
                        agefile_out_commit(&o);
                return 0;
        }
        if (o.af != NULL) {
                afile_abort(o.af);
                return msg_error(agefile_exit(rc), _("%s: %s: nothing was written"), what,
                                 _(age_status_text(rc)));
        }
        if (o.fp != stdout)
                fclose(o.fp);
        else
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
                agefile_free_buf(text, len);
                text = unlock_identity_file(path, src);
                locked = 1;
        }
        n = age_parse_identity_file(text, sks, max, &line);
        if (locked)
                agefile_free_plain(text);
        else
                agefile_free_buf(text, len);
        if (n < 0)
                die(EX_DATAERR, _("%s:%d: not an age identity (AGE-SECRET-KEY-1...)"), path, line);
        if (n == 0)
                die(EX_DATAERR, _("%s: no identity in the file"), path);
        return n;
}
