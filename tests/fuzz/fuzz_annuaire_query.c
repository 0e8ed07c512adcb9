/* libFuzzer harness for the query document of search --query: any input is read or
 * refused with a "name:line: ..." message; the values read are canonical, each once, and
 * reading the same input again gives the same query. */
#include "query.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool same_lists(const struct query_list *a, const struct query_list *b)
{
        return a->n == b->n && a->any == b->any && memcmp(a->v, b->v, a->n * sizeof(*a->v)) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text = malloc(size + 1);
        struct query a, b;
        char *ea, *eb;

        memcpy(text, data, size);
        text[size] = '\0';
        query_init(&a, 20, QUERY_BY_NAME);
        query_init(&b, 20, QUERY_BY_NAME);
        ea = query_parse_document(&a, text, size, "fuzz");
        eb = query_parse_document(&b, text, size, "fuzz");
        if ((ea == NULL) != (eb == NULL) || (ea != NULL && strncmp(ea, "fuzz:", 5) != 0))
                __builtin_trap();
        if (ea == NULL && (!same_lists(&a.services, &b.services) ||
                           !same_lists(&a.acces, &b.acces) || a.services.n > QUERY_MAX_SERVICES))
                __builtin_trap();
        free(ea);
        free(eb);
        query_free(&a);
        query_free(&b);
        free(text);
        return 0;
}
