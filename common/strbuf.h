/* A growing string: append bytes, text, formatted text and joined lists without
 * hand-sized buffers. The buffer is always NUL-terminated once anything was added. */
#ifndef AIDANT_STRBUF_H
#define AIDANT_STRBUF_H

#include <stddef.h>

struct strbuf {
        char *buf;
        size_t len, cap;
};

#define STRBUF_INIT                                                                                \
        {                                                                                          \
                NULL, 0, 0                                                                         \
        }

void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the n items separated by sep. */
void strbuf_join(struct strbuf *sb, const char *const *items, size_t n, const char *sep);
/* The text so far ("" when nothing was added); valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);
/* Empties it, keeping the memory. */
void strbuf_reset(struct strbuf *sb);
/* Returns the text as a new string the caller frees (len when not NULL); sb is empty after. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_release(struct strbuf *sb);

#endif
