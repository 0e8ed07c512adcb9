/* JSON reader: a top-level array of objects streamed element by element (a small scanner
 * finds where each object ends, Jansson parses it), or one or several top-level objects. */
#include "rec_impl.h"
#include "xalloc.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

enum json_phase { BEFORE_TOP, ARRAY_FIRST, ARRAY_NEXT, AFTER_ARRAY, OBJECTS };

struct json_state {
        enum json_phase phase;
        long line, column; /* of the next unread byte, 1-based */
        char *elem;        /* the bytes of the object being read */
        size_t len, cap;
};

/* Returns the next byte without consuming it, -1 at the end, -2 on a read error. */
static int peek(struct rec_reader *r)
{
        int f = rec_in_fill(&r->in);

        if (f <= 0)
                return f == 0 ? -1 : -2;
        return (unsigned char)r->in.buf[r->in.pos];
}

static void consume(struct rec_reader *r, struct json_state *st)
{
        r->in.pos++;
        st->column++;
}

/* Skips whitespace; returns the next byte as peek() does. */
static int skip_ws(struct rec_reader *r, struct json_state *st)
{
        int c;

        while ((c = peek(r)) == ' ' || c == '\t' || c == '\r' || c == '\n') {
                r->in.pos++;
                if (c == '\n') {
                        st->line++;
                        st->column = 1;
                } else {
                        st->column++;
                }
        }
        return c;
}

static void elem_append(struct json_state *st, const char *p, size_t n)
{
        if (st->len + n > st->cap) {
                st->cap = (st->len + n) * 2;
                st->elem = xrealloc(st->elem, st->cap);
        }
        memcpy(st->elem + st->len, p, n);
        st->len += n;
}

/* Copies the object that starts at the current '{' into st->elem, up to its matching
 * brace (or the end of the input, which Jansson then reports). Returns 0 or -1. */
static int capture_object(struct rec_reader *r, struct json_state *st)
{
        int depth = 0, f;
        bool in_string = false, escape = false;

        st->len = 0;
        while ((f = rec_in_fill(&r->in)) > 0) {
                const char *p = r->in.buf + r->in.pos, *end = r->in.buf + r->in.len, *q;
                for (q = p; q < end && (q == p || depth > 0); q++) {
                        char c = *q;
                        st->column += (c & 0xC0) != 0x80; /* columns count characters */
                        if (c == '\n') {
                                st->line++;
                                st->column = 1;
                        } else if (in_string) {
                                if (escape)
                                        escape = false;
                                else if (c == '\\')
                                        escape = true;
                                else if (c == '"')
                                        in_string = false;
                        } else if (c == '"') {
                                in_string = true;
                        } else if (c == '{' || c == '[') {
                                depth++;
                        } else if (c == '}' || c == ']') {
                                depth--;
                        }
                }
                elem_append(st, p, (size_t)(q - p));
                r->in.pos += (size_t)(q - p);
                if (depth <= 0)
                        return 0;
                if ((long)st->len > REC_MAX_RECORD)
                        return rec_fail(r, st->line, 0, _("record too large"));
        }
        return f < 0 ? rec_fail_read(r, st->line) : 0;
}

/* Reads the object at the current '{' into *out. */
static int read_object(struct rec_reader *r, struct json_state *st, json_t **out, long *line)
{
        long line0 = st->line, col0 = st->column;
        json_error_t e;

        *line = line0;
        if (capture_object(r, st) < 0)
                return -1;
        *out = json_loadb(st->elem, st->len, JSON_REJECT_DUPLICATES, &e);
        if (*out == NULL) {
                long col = e.line <= 1 ? col0 + e.column - 1 : e.column;
                return rec_fail(r, line0 + (e.line > 1 ? e.line - 1 : 0), col, "%s", e.text);
        }
        if (!json_is_object(*out)) { /* the scanner only starts at '{': cannot happen */
                json_decref(*out);
                return rec_fail(r, line0, col0, _("expected a JSON object"));
        }
        return 1;
}

/* Reports what stands where an object, ',' or ']' was expected. */
static int unexpected(struct rec_reader *r, struct json_state *st, int c, const char *what)
{
        if (c == -2)
                return rec_fail_read(r, st->line);
        if (c == -1)
                return rec_fail(r, st->line, st->column, _("unexpected end of file: %s"), what);
        return rec_fail(r, st->line, st->column, "%s", what);
}

static int json_next(struct rec_reader *r, json_t **out, long *line)
{
        struct json_state *st = r->state;
        int c = skip_ws(r, st);

        switch (st->phase) {
        case BEFORE_TOP:
                if (c == -1)
                        return 0;
                if (c == '[') {
                        consume(r, st);
                        st->phase = ARRAY_FIRST;
                        return json_next(r, out, line);
                }
                if (c != '{')
                        return unexpected(r, st, c, _("expected a JSON object or array"));
                st->phase = OBJECTS;
                return read_object(r, st, out, line);
        case ARRAY_FIRST:
                if (c == ']') {
                        consume(r, st);
                        st->phase = AFTER_ARRAY;
                        return json_next(r, out, line);
                }
                break;
        case ARRAY_NEXT:
                if (c == ']') {
                        consume(r, st);
                        st->phase = AFTER_ARRAY;
                        return json_next(r, out, line);
                }
                if (c != ',')
                        return unexpected(r, st, c, _("expected ',' or ']' in the array"));
                consume(r, st);
                c = skip_ws(r, st);
                break;
        case AFTER_ARRAY:
                if (c == -1)
                        return 0;
                return unexpected(r, st, c, _("unexpected data after the array"));
        case OBJECTS:
                if (c == -1)
                        return 0;
                if (c != '{')
                        return unexpected(r, st, c, _("expected a JSON object"));
                return read_object(r, st, out, line);
        }
        if (c != '{')
                return unexpected(r, st, c, _("expected a JSON object in the array"));
        st->phase = ARRAY_NEXT;
        return read_object(r, st, out, line);
}

static void json_free(struct rec_reader *r)
{
        struct json_state *st = r->state;

        free(st->elem);
        free(st);
}

void rec_json_start(struct rec_reader *r)
{
        struct json_state *st = xcalloc(1, sizeof(*st));

        st->phase = BEFORE_TOP;
        st->line = 1;
        st->column = 1;
        r->state = st;
        r->next = json_next;
        r->free_state = json_free;
}
