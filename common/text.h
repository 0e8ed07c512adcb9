/* UTF-8 text helpers: validation, accent and case folding, whitespace, similarity. */
#ifndef AIDANT_TEXT_H
#define AIDANT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8. */
bool text_valid_utf8(const char *s, size_t n);
/* Number of code points of a valid UTF-8 string. */
size_t text_utf8_len(const char *s);
/* New string: lowercase, accents removed (Latin-1 Supplement and Latin Extended-A,
 * œ → oe, æ → ae, typographic apostrophes and dashes → ASCII), runs of whitespace
 * collapsed to one space, trimmed. */
char *text_fold(const char *s);
/* New string: s without the white space at its ends: ASCII white space and the no-break
 * spaces (U+00A0, U+202F, U+2007) French typography and spreadsheets leave there. */
char *text_trim(const char *s);
/* The same without a copy: the length of the trimmed text, which starts at *start. */
size_t text_trim_span(const char *s, const char **start);
/* New string: s trimmed as text_trim does, inner runs of ASCII white space collapsed to
 * one space (no-break spaces inside are kept: "Formé à « DUPLEX »" may hold them). */
char *text_squeeze(const char *s);
/* Similarity 0..100 of two strings after folding (normalised Levenshtein distance). */
double text_similarity(const char *a, const char *b);

#endif
