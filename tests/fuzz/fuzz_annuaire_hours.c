/* Fuzz harness for the opening_hours parser and evaluator: any bytes must give a value
 * or NULL with a reason, and evaluating a value (in Paris or Nouméa, with its comments)
 * must never crash nor loop. */
#include "ohours.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static int once;
        char *spec = malloc(size + 1);
        const char *why = NULL;
        struct ohours *oh;
        time_t next;

        if (!once) {
                setenv("TZ", "Europe/Paris", 1);
                once = 1;
        }
        memcpy(spec, data, size);
        spec[size] = '\0';
        oh = ohours_parse(spec, &why);
        if (oh == NULL && why == NULL)
                abort(); /* a refusal always says why */
        /* a Monday in winter, the night clocks go forward, and Nouméa's time */
        ohours_state_at(oh, 1795428000, NULL, &next);
        ohours_state_at(oh, 1774746000, "67482", &next);
        ohours_state_at(oh, 1795428000, "98818", &next);
        ohours_comment_at(oh, 1795428000, "97105");
        ohours_free(oh);
        free(spec);
        return 0;
}
