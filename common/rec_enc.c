/* The text encoding of record inputs: spreadsheets saved by a French Excel are
 * Windows-1252. The start of an input is checked (UTF-8, else Windows-1252 when it reads
 * as that), and a Windows-1252 or Latin-1 input is decoded into UTF-8 as it is read, so
 * that every reader sees UTF-8. */
#include "i18n.h"
#include "msg.h"
#include "rec_impl.h"
#include "text.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Windows-1252 bytes 0x80..0x9F; 0 where the code page has no character. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* True for the five bytes Windows-1252 leaves undefined. */
static bool cp1252_undefined(unsigned char c)
{
        return c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80] == 0;
}

static const struct {
        const char *name;
        enum rec_encoding enc;
} names[] = {
    {"utf-8", REC_ENC_UTF8},          {"utf8", REC_ENC_UTF8},        {"cp1252", REC_ENC_CP1252},
    {"windows-1252", REC_ENC_CP1252}, {"latin1", REC_ENC_LATIN1},    {"latin-1", REC_ENC_LATIN1},
    {"iso-8859-1", REC_ENC_LATIN1},   {"iso8859-1", REC_ENC_LATIN1},
};

int rec_encoding_parse(const char *name)
{
        for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
                if (strcasecmp(name, names[i].name) == 0)
                        return (int)names[i].enc;
        return -1;
}

/* The UTF-8 of byte c (at least 0x80) in enc, in out (3 bytes at most); its length. A byte
 * Windows-1252 leaves undefined is read as the C1 control of the same number, as web
 * browsers read it. */
static size_t decode_byte(unsigned char c, enum rec_encoding enc, char out[3])
{
        unsigned cp = c;

        if (enc == REC_ENC_CP1252 && c < 0xA0 && cp1252_high[c - 0x80] != 0)
                cp = cp1252_high[c - 0x80];
        if (cp < 0x800) {
                out[0] = (char)(0xC0 | cp >> 6);
                out[1] = (char)(0x80 | (cp & 0x3F));
                return 2;
        }
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
}

/* Decodes in[0..n) into out (room for 3n bytes); returns the length written. */
static size_t decode(const unsigned char *in, size_t n, enum rec_encoding enc, char *out)
{
        size_t o = 0;

        for (size_t i = 0; i < n; i++) {
                if (in[i] < 0x80)
                        out[o++] = (char)in[i];
                else
                        o += decode_byte(in[i], enc, out + o);
        }
        return o;
}

/* The length of the UTF-8 sequence that byte c starts (1 for ASCII), 0 if none. */
static size_t lead_length(unsigned char c)
{
        return c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
}

/* Windows-1252 rather than UTF-8: some bytes are not UTF-8, more sequences are broken than
 * well formed (a UTF-8 file with one damaged byte stays UTF-8 and its error is said), and
 * every byte has a character in the code page. A sequence cut by the end of a buffer that
 * is not the end of the input counts as well formed. */
static bool looks_cp1252(const unsigned char *p, size_t n, bool complete)
{
        size_t good = 0, bad = 0, i = 0;

        while (i < n) {
                size_t len = lead_length(p[i]), k = 1;

                if (len == 1) {
                        i++;
                        continue;
                }
                if (cp1252_undefined(p[i]))
                        return false;
                while (len > 1 && k < len && i + k < n && (p[i + k] & 0xC0) == 0x80)
                        k++;
                if (len > 1 && k == len && text_valid_utf8((const char *)p + i, len)) {
                        good++;
                        i += len;
                } else if (len > 1 && i + k == n && !complete) {
                        break;
                } else {
                        bad++;
                        i++;
                }
        }
        for (; i < n; i++) /* the cut tail must also have characters in the code page */
                if (cp1252_undefined(p[i]))
                        return false;
        return bad > 0 && bad > good;
}

/* --- the decoding stream: reads the source file and gives UTF-8 --------------------- */

struct decoder {
        FILE *src;
        enum rec_encoding enc;
        unsigned char raw[16384];
        char pending[3]; /* a character that did not fit in a read of less than 3 bytes */
        size_t npending, next;
};

static ssize_t decoder_read(void *cookie, char *buf, size_t size)
{
        struct decoder *d = cookie;
        size_t out = 0;

        if (d->npending == 0) {
                size_t want = size / 3 > 0 ? size / 3 : 1, n;

                if (want > sizeof(d->raw))
                        want = sizeof(d->raw);
                n = fread(d->raw, 1, want, d->src);
                if (n == 0)
                        return ferror(d->src) ? -1 : 0;
                if (3 * n <= size)
                        return (ssize_t)decode(d->raw, n, d->enc, buf);
                d->npending = decode(d->raw, n, d->enc, d->pending); /* n is 1 here */
                d->next = 0;
        }
        while (out < size && d->next < d->npending)
                buf[out++] = d->pending[d->next++];
        if (d->next == d->npending)
                d->npending = 0;
        return (ssize_t)out;
}

static int decoder_close(void *cookie)
{
        free(cookie); /* the source is the reader's to close */
        return 0;
}

/* Replaces the bytes read ahead in r->in by their UTF-8, and the file by a stream that
 * decodes the rest. */
static void decode_input(struct rec_reader *r, enum rec_encoding enc)
{
        struct rec_in *in = &r->in;
        size_t n = in->len - in->pos, cap = 3 * n + 1 > in->cap ? 3 * n + 1 : in->cap;
        char *buf = xmalloc(cap);

        in->len = decode((const unsigned char *)in->buf + in->pos, n, enc, buf);
        in->pos = 0;
        free(in->buf);
        in->buf = buf;
        in->cap = cap;
        if (in->fp != NULL && !in->eof) {
                struct decoder *d = xcalloc(1, sizeof(*d));
                cookie_io_functions_t io = {decoder_read, NULL, NULL, decoder_close};

                d->src = in->fp;
                d->enc = enc;
                r->decoded = fopencookie(d, "r", io);
                if (r->decoded == NULL)
                        die(EX_OSERR, "%s", _("out of memory"));
                in->fp = r->decoded;
        }
}

void rec_decode_start(struct rec_reader *r, enum rec_encoding enc)
{
        struct rec_in *in = &r->in;
        const unsigned char *p = (const unsigned char *)in->buf + in->pos;
        size_t n = in->len - in->pos;
        bool bom = in->pos == 3; /* read_ahead stepped over a UTF-8 BOM */

        if (enc == REC_ENC_AUTO && !bom && !text_valid_utf8((const char *)p, n) &&
            looks_cp1252(p, n, in->eof)) {
                enc = REC_ENC_CP1252;
                msg_warn(_("%s: not UTF-8, read as Windows-1252 (--encoding to choose another)"),
                         r->name);
        }
        r->enc = enc == REC_ENC_AUTO ? REC_ENC_UTF8 : enc;
        if (r->enc == REC_ENC_CP1252 || r->enc == REC_ENC_LATIN1)
                decode_input(r, r->enc);
}

enum rec_encoding rec_encoding(const struct rec_reader *r)
{
        return r->enc;
}
