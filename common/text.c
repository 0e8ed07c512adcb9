/* UTF-8 text helpers: strict validation, folding for comparisons (case, accents,
 * typographic punctuation, whitespace) and a Levenshtein similarity on code points. */
#include "text.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one code point from s[0..n) into *cp; returns its length in bytes, or 0 when
 * the sequence is ill-formed (overlong, surrogate, above U+10FFFF, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
        unsigned char c = s[0];
        size_t len;
        uint32_t v, min;

        if (c < 0x80) {
                *cp = c;
                return 1;
        }
        if (c >= 0xC2 && c <= 0xDF) {
                len = 2, v = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3, v = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4, v = c & 0x07, min = 0x10000;
        } else {
                return 0;
        }
        if (n < len)
                return 0;
        for (size_t i = 1; i < len; i++) {
                if ((s[i] & 0xC0) != 0x80)
                        return 0;
                v = (v << 6) | (s[i] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                return 0;
        *cp = v;
        return len;
}

bool text_valid_utf8(const char *s, size_t n)
{
        const unsigned char *p = (const unsigned char *)s, *end = p + n;
        uint32_t cp;

        while (p < end) {
                /* ASCII runs dominate real data: test eight bytes at a time */
                while (end - p >= 8) {
                        uint64_t w;

                        memcpy(&w, p, 8);
                        if ((w & 0x8080808080808080ULL) != 0)
                                break;
                        p += 8;
                }
                if (p == end)
                        break;
                if (*p < 0x80) {
                        p++;
                        continue;
                }
                size_t len = utf8_decode(p, (size_t)(end - p), &cp);
                if (len == 0)
                        return false;
                p += len;
        }
        return true;
}

size_t text_utf8_len(const char *s)
{
        size_t n = 0;

        for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
                if ((*p & 0xC0) != 0x80)
                        n++;
        return n;
}

/* Base letters of U+00C0..U+00FF and U+0100..U+017F; digits stand for two letters
 * (1 ae, 2 th, 3 ss, 4 ij, 5 oe) and '*' for a sign kept as it is (×, ÷). */
static const char latin1_base[] = "aaaaaa1ceeeeiiiidnooooo*ouuuuy23"
                                  "aaaaaa1ceeeeiiiidnooooo*ouuuuy2y";
static const char latin_ext_a_base[] = "aaaaaaccccccccdd"
                                       "ddeeeeeeeeeegggg"
                                       "gggghhhhiiiiiiii"
                                       "ii44jjkkklllllll"
                                       "lllnnnnnnnnnoooo"
                                       "oo55rrrrrrssssss"
                                       "ssttttttuuuuuuuu"
                                       "uuuuwwyyyzzzzzzs";
_Static_assert(sizeof(latin1_base) == 64 + 1, "one letter per code point");
_Static_assert(sizeof(latin_ext_a_base) == 128 + 1, "one letter per code point");

static bool is_space_cp(uint32_t cp)
{
        return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
               (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* The ASCII letter (or pair digit, see above) a non-ASCII code point folds to; 0 when it
 * has none and '*' when it is kept as it is. */
static char fold_base(uint32_t cp)
{
        if (cp >= 0xC0 && cp <= 0xFF)
                return latin1_base[cp - 0xC0];
        if (cp >= 0x100 && cp <= 0x17F)
                return latin_ext_a_base[cp - 0x100];
        if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x02BC || cp == 0x2032)
                return '\'';
        if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
                return '-';
        return 0;
}

/* Appends the folded form of cp to out; returns the new end. Code points without a
 * folding are copied from src (len bytes). */
static char *fold_cp(char *out, uint32_t cp, const unsigned char *src, size_t len)
{
        static const char *const pairs[] = {"ae", "th", "ss", "ij", "oe"};
        char base;

        if (cp < 0x80) {
                *out = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
                return out + 1;
        }
        if (cp >= 0x300 && cp <= 0x36F)
                return out; /* combining accents of decomposed text */
        base = fold_base(cp);
        if (base >= '1' && base <= '5') {
                memcpy(out, pairs[base - '1'], 2);
                return out + 2;
        }
        if (base != 0 && base != '*') {
                *out = base;
                return out + 1;
        }
        memcpy(out, src, len);
        return out + len;
}

char *text_fold(const char *s)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t n = strlen(s);
        const unsigned char *end = p + n;
        char *out = xmalloc(n + 1), *o = out;
        bool pending_space = false;
        uint32_t cp;

        while (p < end) {
                size_t len = utf8_decode(p, (size_t)(end - p), &cp);
                if (len == 0) { /* not UTF-8: keep the byte, compare it as is */
                        cp = 0xFFFD;
                        len = 1;
                }
                if (is_space_cp(cp)) {
                        pending_space = o != out;
                        p += len;
                        continue;
                }
                if (pending_space)
                        *o++ = ' ';
                pending_space = false;
                o = fold_cp(o, cp, p, len);
                p += len;
        }
        *o = '\0';
        return out;
}

static bool is_ascii_space(unsigned char c)
{
        return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The length of the white space at p: an ASCII one, or a no-break space (U+00A0, U+202F,
 * U+2007) that French typography and spreadsheets leave at the ends of values; 0 if none. */
static size_t space_at(const unsigned char *p)
{
        if (is_ascii_space(*p))
                return 1;
        if (p[0] == 0xC2 && p[1] == 0xA0)
                return 2;
        if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x87))
                return 3;
        return 0;
}

/* The length of the white space that ends at e (after s), 0 if none. */
static size_t space_before(const unsigned char *s, const unsigned char *e)
{
        if (e - s >= 1 && is_ascii_space(e[-1]))
                return 1;
        if (e - s >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
                return 2;
        if (e - s >= 3 && e[-3] == 0xE2 && e[-2] == 0x80 && (e[-1] == 0xAF || e[-1] == 0x87))
                return 3;
        return 0;
}

size_t text_trim_span(const char *s, const char **start)
{
        const unsigned char *p = (const unsigned char *)s, *e;
        size_t k;

        while ((k = space_at(p)) > 0)
                p += k;
        e = p + strlen((const char *)p);
        while ((k = space_before(p, e)) > 0)
                e -= k;
        *start = (const char *)p;
        return (size_t)(e - p);
}

/* The bounds of s without its white space at both ends. */
static void trim_bounds(const char *s, const char **start, const char **end)
{
        size_t n = text_trim_span(s, start);

        *end = *start + n;
}

char *text_trim(const char *s)
{
        const char *start, *end;

        trim_bounds(s, &start, &end);
        return xstrndup(start, (size_t)(end - start));
}

char *text_squeeze(const char *s)
{
        const char *start, *end;
        char *out, *o;
        bool pending_space = false;

        trim_bounds(s, &start, &end);
        out = o = xmalloc((size_t)(end - start) + 1);
        for (const unsigned char *p = (const unsigned char *)start; p < (const unsigned char *)end;
             p++) {
                if (is_ascii_space(*p)) {
                        pending_space = o != out;
                        continue;
                }
                if (pending_space)
                        *o++ = ' ';
                pending_space = false;
                *o++ = (char)*p;
        }
        *o = '\0';
        return out;
}

/* Splits a string into code points (ill-formed bytes count as one each); returns the
 * count and a new array in *cps. */
static size_t to_code_points(const char *s, uint32_t **cps)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t n = strlen(s), k = 0;
        const unsigned char *end = p + n;
        uint32_t *v = xmalloc((n + 1) * sizeof(*v));

        while (p < end) {
                size_t len = utf8_decode(p, (size_t)(end - p), &v[k]);
                if (len == 0) {
                        v[k] = 0x110000u + *p; /* outside Unicode: never equals a real one */
                        len = 1;
                }
                p += len;
                k++;
        }
        *cps = v;
        return k;
}

/* Levenshtein distance with two rows. */
static size_t levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
        size_t *prev = xmalloc((nb + 1) * sizeof(*prev));
        size_t *cur = xmalloc((nb + 1) * sizeof(*cur));
        size_t d;

        for (size_t j = 0; j <= nb; j++)
                prev[j] = j;
        for (size_t i = 1; i <= na; i++) {
                cur[0] = i;
                for (size_t j = 1; j <= nb; j++) {
                        size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
                        size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
                        size_t m = sub < del ? sub : del;
                        cur[j] = m < ins ? m : ins;
                }
                size_t *t = prev;
                prev = cur;
                cur = t;
        }
        d = prev[nb];
        free(prev);
        free(cur);
        return d;
}

double text_similarity(const char *a, const char *b)
{
        char *fa = text_fold(a), *fb = text_fold(b);
        uint32_t *ca, *cb;
        size_t na = to_code_points(fa, &ca), nb = to_code_points(fb, &cb);
        size_t longest = na > nb ? na : nb;
        double sim = 100.0;

        if (longest > 0)
                sim = 100.0 * (1.0 - (double)levenshtein(ca, na, cb, nb) / (double)longest);
        free(ca);
        free(cb);
        free(fa);
        free(fb);
        return sim;
}
