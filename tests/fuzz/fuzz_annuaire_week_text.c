/* Fuzz harness for the French week reader: any bytes give NULL or a value, and every
 * value it writes must be one the opening_hours evaluator reads. */
#include "ohours.h"
#include "week_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text = malloc(size + 1), *osm;

        memcpy(text, data, size);
        text[size] = '\0';
        osm = week_text_hours(text);
        if (osm != NULL) {
                struct ohours *oh = ohours_parse(osm, NULL);

                if (oh == NULL)
                        abort(); /* a conversion the evaluator cannot read */
                ohours_free(oh);
        }
        free(osm);
        free(text);
        return 0;
}
