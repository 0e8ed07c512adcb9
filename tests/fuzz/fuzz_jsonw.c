/* libFuzzer harness for the one JSON text writer (jsonw) against Jansson: in each of its
 * three layouts, any JSON value reads back as the same value (numbers exactly), and one
 * that holds no real is byte for byte what Jansson writes in that layout. */
#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

static bool has_real(json_t *v)
{
        const char *key;
        json_t *e;
        size_t i;

        if (json_is_real(v))
                return true;
        json_object_foreach(v, key, e) if (has_real(e)) return true;
        json_array_foreach(v, i, e) if (has_real(e)) return true;
        return false;
}

static void check(json_t *ref, const struct jsonw_style *st, size_t flags)
{
        struct strbuf b = STRBUF_INIT;
        json_t *back;
        char *dump;

        jsonw_value(&b, ref, st, 0);
        back = json_loadb(b.buf, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        if (back == NULL || !json_equal(back, ref))
                abort();
        dump = json_dumps(ref, flags | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
        if (!has_real(ref) && strcmp(dump, b.buf) != 0)
                abort();
        free(dump);
        json_decref(back);
        strbuf_release(&b);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
        json_t *ref = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);

        if (ref == NULL)
                return 0;
        check(ref, &jsonw_compact, JSON_COMPACT);
        check(ref, &jsonw_spaced, 0);
        check(ref, &jsonw_pretty, JSON_INDENT(2));
        json_decref(ref);
        return 0;
}
