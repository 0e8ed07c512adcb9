/* libFuzzer harness for the writer of stored records (db_record_text): any JSON object
 * reads back with Jansson as the same value, numbers exactly, and with db_record_parse,
 * the reader of searches, as the same value too (fuzz_jsonw compares the text itself
 * with Jansson's). */
#include "db.h"
#include "strbuf.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
        static struct strbuf buf;
        json_t *ref = json_loadb((const char *)data, size, 0, NULL), *back, *mine;
        const char *text;

        if (!json_is_object(ref)) {
                json_decref(ref);
                return 0;
        }
        strbuf_reset(&buf);
        db_record_text(ref, &buf);
        text = strbuf_str(&buf);
        back = json_loads(text, 0, NULL);
        mine = db_record_parse(text);
        if (back == NULL || !json_equal(back, ref) || mine == NULL || !json_equal(mine, ref))
                abort();
        json_decref(mine);
        json_decref(back);
        json_decref(ref);
        return 0;
}
