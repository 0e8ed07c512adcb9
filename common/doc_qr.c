/* QR codes of printable documents: encoded by libqrencode (UTF-8 bytes marked by their
 * ECI, error correction M), drawn as an inline SVG of horizontal runs with the standard
 * quiet zone. */
#include "doc_impl.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <qrencode.h>
#include <string.h>

#define QUIET 4 /* modules of white around the code, as ISO/IEC 18004 asks */

/* The ECI assignment number of UTF-8: without it, readers guess the charset of byte
 * mode, and some (zbar) read French accents as Shift JIS. */
#define ECI_UTF8 26

/* The mask every code is drawn with. ISO/IEC 18004 lets the encoder choose any of the
 * eight; libqrencode's search for the one with the fewest look-alike patterns drew all
 * eight and scored them, about 6 M instructions for a paper's code (half the cost of
 * `create`), while readers decode every mask alike (zbarimg read all eight). Mask 2 (every
 * third column) is the one the search chose for 24 of 40 attestation-sized payloads. */
#define QR_MASK 2

/* Exported by libqrencode (the search is QRcode_encodeMask(input, -1)) but not declared in
 * qrencode.h; weak, so that a build of the library without it falls back to the search. */
extern QRcode *QRcode_encodeMask(QRinput *input, int mask) __attribute__((weak));

/* The last payload encoded and its modules: the full and easy forms of one paper carry
 * the same code, and choosing its mask is most of the cost of a paper. */
static struct {
        unsigned char *data, *dark;
        size_t len;
        int width;
} last;

static void remember(const void *data, size_t len, const struct doc_qrcode *q)
{
        size_t n = (size_t)q->width * (size_t)q->width;

        free(last.data);
        free(last.dark);
        last.data = xmalloc(len + 1);
        memcpy(last.data, data, len);
        last.len = len;
        last.width = q->width;
        last.dark = xmalloc(n);
        memcpy(last.dark, q->dark, n);
}

void doc_qr_encode(struct doc_qrcode *q, const void *data, size_t len)
{
        QRinput *in;
        QRcode *c = NULL;

        if (len > 2326) /* the most bytes a version 40 code holds at level M, ECI header aside */
                die(EX_DATAERR, _("%zu bytes are too many for a QR code"), len);
        if (last.data != NULL && last.len == len && memcmp(last.data, data, len) == 0) {
                q->width = last.width;
                q->dark = xmalloc((size_t)last.width * (size_t)last.width);
                memcpy(q->dark, last.dark, (size_t)last.width * (size_t)last.width);
                return;
        }
        in = QRinput_new2(0, QR_ECLEVEL_M);
        if (in != NULL && QRinput_appendECIheader(in, ECI_UTF8) == 0 &&
            QRinput_append(in, QR_MODE_8, (int)len, data) == 0)
                c = QRcode_encodeMask != NULL ? QRcode_encodeMask(in, QR_MASK)
                                              : QRcode_encodeInput(in);
        QRinput_free(in);
        if (c == NULL)
                die(errno == ENOMEM ? EX_OSERR : EX_DATAERR, _("cannot make the QR code: %s"),
                    strerror(errno));
        q->width = c->width;
        q->dark = xmalloc((size_t)c->width * (size_t)c->width);
        for (int i = 0; i < c->width * c->width; i++)
                q->dark[i] = c->data[i] & 1;
        QRcode_free(c);
        remember(data, len, q);
}

/* Writes v in decimal at p and returns its length: by hand, as a code of version 10 draws
 * a thousand runs and printf would be most of the cost of a paper. */
static int put_int(char *p, int v)
{
        char digits[12];
        int n = 0, len = 0;

        do {
                digits[n++] = (char)('0' + v % 10);
                v /= 10;
        } while (v > 0);
        while (n > 0)
                p[len++] = digits[--n];
        return len;
}

/* The last code drawn and its SVG: the full and easy forms of a paper draw the same one. */
static struct {
        unsigned char *dark;
        int width;
        char *svg;
        size_t len;
} drawn;

static void draw(const struct doc_qrcode *q, struct strbuf *out);

void doc_qr_svg(const struct doc_qrcode *q, struct strbuf *out)
{
        size_t n = (size_t)q->width * (size_t)q->width;
        struct strbuf svg = STRBUF_INIT;

        if (drawn.svg == NULL || drawn.width != q->width || memcmp(drawn.dark, q->dark, n) != 0) {
                draw(q, &svg);
                free(drawn.svg);
                free(drawn.dark);
                drawn.svg = strbuf_detach(&svg, &drawn.len);
                drawn.width = q->width;
                drawn.dark = xmalloc(n);
                memcpy(drawn.dark, q->dark, n);
        }
        strbuf_add(out, drawn.svg, drawn.len);
}

static void draw(const struct doc_qrcode *q, struct strbuf *out)
{
        int side = q->width + 2 * QUIET;

        strbuf_addf(out,
                    "<svg viewBox=\"0 0 %d %d\" "
                    "shape-rendering=\"crispEdges\" role=\"img\">"
                    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
                    side, side, side, side);
        for (int y = 0; y < q->width; y++) {
                const unsigned char *row = q->dark + (size_t)y * (size_t)q->width;

                for (int x = 0; x < q->width;) {
                        int n = 0;

                        while (x + n < q->width && row[x + n])
                                n++;
                        if (n > 0) { /* "M<x> <y>h<n>v1h-<n>z" */
                                char run[64];
                                int k = 0;

                                run[k++] = 'M';
                                k += put_int(run + k, x + QUIET);
                                run[k++] = ' ';
                                k += put_int(run + k, y + QUIET);
                                run[k++] = 'h';
                                k += put_int(run + k, n);
                                memcpy(run + k, "v1h-", 4);
                                k += 4;
                                k += put_int(run + k, n);
                                run[k++] = 'z';
                                strbuf_add(out, run, (size_t)k);
                        }
                        x += n > 0 ? n : 1;
                }
        }
        strbuf_addstr(out, "\"/></svg>");
}
