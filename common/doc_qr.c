/* QR codes of printable documents: encoded by libqrencode (UTF-8 bytes marked by their
 * ECI, error correction M), drawn as an inline SVG of horizontal runs with the standard
 * quiet zone. */
#include "doc_impl.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#define QUIET 4 /* modules of white around the code, as ISO/IEC 18004 asks */

/* The ECI assignment number of UTF-8: without it, readers guess the charset of byte
 * mode, and some (zbar) read French accents as Shift JIS. */
#define ECI_UTF8 26

void doc_qr_encode(struct doc_qrcode *q, const void *data, size_t len)
{
        QRinput *in;
        QRcode *c = NULL;

        if (len > 2326) /* the most bytes a version 40 code holds at level M, ECI header aside */
                die(EX_DATAERR, _("%zu bytes are too many for a QR code"), len);
        in = QRinput_new2(0, QR_ECLEVEL_M);
        if (in != NULL && QRinput_appendECIheader(in, ECI_UTF8) == 0 &&
            QRinput_append(in, QR_MODE_8, (int)len, data) == 0)
                c = QRcode_encodeInput(in);
        QRinput_free(in);
        if (c == NULL)
                die(errno == ENOMEM ? EX_OSERR : EX_DATAERR, _("cannot make the QR code: %s"),
                    strerror(errno));
        q->width = c->width;
        q->dark = xmalloc((size_t)c->width * (size_t)c->width);
        for (int i = 0; i < c->width * c->width; i++)
                q->dark[i] = c->data[i] & 1;
        QRcode_free(c);
}

void doc_qr_svg(const struct doc_qrcode *q, struct strbuf *out)
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
                        if (n > 0)
                                strbuf_addf(out, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, n, n);
                        x += n > 0 ? n : 1;
                }
        }
        strbuf_addstr(out, "\"/></svg>");
}
