/* YAML reader on libyaml's event parser: each document is a mapping (one record) or a
 * sequence of mappings (one record each, streamed); scalars become strings (plain ~, null
 * and empty values become null), sequences arrays. */
#include "rec_impl.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 256

struct yaml_state {
        yaml_parser_t parser;
        bool in_sequence; /* inside a document's top-level sequence */
        bool ended;       /* the stream end was seen */
};

static int yaml_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
        struct rec_in *in = data;
        int f = rec_in_fill(in);
        size_t n;

        *size_read = 0;
        if (f < 0)
                return 0;
        if (f == 0)
                return 1;
        n = in->len - in->pos < size ? in->len - in->pos : size;
        memcpy(buffer, in->buf + in->pos, n);
        in->pos += n;
        *size_read = n;
        return 1;
}

static int parse_event(struct rec_reader *r, yaml_event_t *ev)
{
        yaml_parser_t *p = &((struct yaml_state *)r->state)->parser;

        if (yaml_parser_parse(p, ev) != 0)
                return 0;
        if (p->error == YAML_READER_ERROR && r->in.error != 0)
                return rec_fail_read(r, (long)p->problem_mark.line + 1);
        return rec_fail(r, (long)p->problem_mark.line + 1, (long)p->problem_mark.column + 1, "%s",
                        p->problem != NULL ? p->problem : _("invalid YAML"));
}

static long line_of(const yaml_event_t *ev)
{
        return (long)ev->start_mark.line + 1;
}

static bool is_null_scalar(const yaml_event_t *ev)
{
        const char *v = (const char *)ev->data.scalar.value;

        return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
               (v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
                strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

static json_t *build(struct rec_reader *r, yaml_event_t *ev, int depth);

static json_t *build_sequence(struct rec_reader *r, int depth)
{
        json_t *arr = json_array();
        yaml_event_t ev;

        for (;;) {
                if (parse_event(r, &ev) < 0)
                        break;
                if (ev.type == YAML_SEQUENCE_END_EVENT) {
                        yaml_event_delete(&ev);
                        return arr;
                }
                json_t *item = build(r, &ev, depth + 1);
                yaml_event_delete(&ev);
                if (item == NULL)
                        break;
                json_array_append_new(arr, item);
        }
        json_decref(arr);
        return NULL;
}

/* Reads one key and its value into obj: 1, 0 at the mapping's end, -1 on error. */
static int build_pair(struct rec_reader *r, json_t *obj, int depth)
{
        yaml_event_t ev;
        json_t *val;
        char *key;

        if (parse_event(r, &ev) < 0)
                return -1;
        if (ev.type == YAML_MAPPING_END_EVENT) {
                yaml_event_delete(&ev);
                return 0;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
                long line = line_of(&ev);
                yaml_event_delete(&ev);
                return rec_fail(r, line, 0, _("a mapping key is not a plain value"));
        }
        key = xstrdup((const char *)ev.data.scalar.value);
        if (json_object_get(obj, key) != NULL) {
                rec_fail(r, line_of(&ev), 0, _("duplicate key \"%s\""), key);
                yaml_event_delete(&ev);
                free(key);
                return -1;
        }
        yaml_event_delete(&ev);
        if (parse_event(r, &ev) < 0) {
                free(key);
                return -1;
        }
        val = build(r, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (val != NULL)
                json_object_set_new(obj, key, val);
        free(key);
        return val != NULL ? 1 : -1;
}

static json_t *build(struct rec_reader *r, yaml_event_t *ev, int depth)
{
        json_t *obj, *s;
        int rc;

        if (depth > YAML_MAX_DEPTH) {
                rec_fail(r, line_of(ev), 0, _("values nested too deeply"));
                return NULL;
        }
        switch (ev->type) {
        case YAML_SCALAR_EVENT:
                if (is_null_scalar(ev))
                        return json_null();
                s = json_stringn((const char *)ev->data.scalar.value, ev->data.scalar.length);
                if (s == NULL)
                        rec_fail(r, line_of(ev), 0, _("invalid UTF-8"));
                return s;
        case YAML_SEQUENCE_START_EVENT:
                return build_sequence(r, depth);
        case YAML_MAPPING_START_EVENT:
                obj = json_object();
                while ((rc = build_pair(r, obj, depth)) > 0)
                        ;
                if (rc == 0)
                        return obj;
                json_decref(obj);
                return NULL;
        case YAML_ALIAS_EVENT:
                rec_fail(r, line_of(ev), 0, _("YAML aliases are not supported"));
                return NULL;
        default:
                rec_fail(r, line_of(ev), 0, _("invalid YAML"));
                return NULL;
        }
}

/* Handles one event at the top of a document: 1 with a record, 0 to go on, -1 on error. */
static int top_event(struct rec_reader *r, yaml_event_t *ev, json_t **out, long *line)
{
        struct yaml_state *st = r->state;

        switch (ev->type) {
        case YAML_MAPPING_START_EVENT:
                *line = line_of(ev);
                *out = build(r, ev, 0);
                return *out != NULL ? 1 : -1;
        case YAML_SEQUENCE_START_EVENT:
                if (st->in_sequence)
                        return rec_fail(r, line_of(ev), 0, _("expected a mapping"));
                st->in_sequence = true;
                return 0;
        case YAML_SEQUENCE_END_EVENT:
                st->in_sequence = false;
                return 0;
        case YAML_SCALAR_EVENT:
                if (!st->in_sequence && is_null_scalar(ev)) /* an empty document */
                        return 0;
                return rec_fail(r, line_of(ev), 0, _("expected a mapping"));
        case YAML_ALIAS_EVENT:
                return rec_fail(r, line_of(ev), 0, _("YAML aliases are not supported"));
        case YAML_STREAM_END_EVENT:
                st->ended = true;
                return 0;
        default: /* stream and document starts and ends */
                return 0;
        }
}

static int yaml_next(struct rec_reader *r, json_t **out, long *line)
{
        struct yaml_state *st = r->state;
        yaml_event_t ev;
        int rc = 0;

        while (rc == 0 && !st->ended) {
                if (parse_event(r, &ev) < 0)
                        return -1;
                rc = top_event(r, &ev, out, line);
                yaml_event_delete(&ev);
        }
        return rc;
}

static void yaml_free(struct rec_reader *r)
{
        struct yaml_state *st = r->state;

        yaml_parser_delete(&st->parser);
        free(st);
}

void rec_yaml_start(struct rec_reader *r)
{
        struct yaml_state *st = xcalloc(1, sizeof(*st));

        if (yaml_parser_initialize(&st->parser) == 0)
                die(EX_OSERR, "%s", _("out of memory"));
        yaml_parser_set_input(&st->parser, yaml_read, &r->in);
        r->state = st;
        r->next = yaml_next;
        r->free_state = yaml_free;
}
