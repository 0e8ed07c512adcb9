/* The digest of a raw CSV row: BLAKE2b of the program's version (a new version may
 * normalise otherwise), the list's name, the header and the fields, each with its length
 * so that no two rows read alike. */
#include "rawrow.h"
#include "config.h"
#include "msg.h"

#include <stdint.h>
#include <string.h>

static void add_text(crypto_generichash_state *st, const char *s, size_t n)
{
        uint64_t len = n;

        crypto_generichash_update(st, (const unsigned char *)&len, sizeof(len));
        crypto_generichash_update(st, (const unsigned char *)s, n);
}

void rawrow_start(struct rawrow *d, const char *list, const char *const *columns)
{
        static const char salt[] = "aidant-annuaire raw row 1 " AIDANT_VERSION;

        if (sodium_init() < 0) /* its fast BLAKE2b is chosen there */
                die(EX_SOFTWARE, "sodium_init");
        crypto_generichash_init(&d->head, NULL, 0, DB_RAW_DIGEST);
        add_text(&d->head, salt, sizeof(salt) - 1);
        add_text(&d->head, list, strlen(list));
        for (size_t i = 0; columns != NULL && columns[i] != NULL; i++)
                add_text(&d->head, columns[i], strlen(columns[i]));
}

void rawrow_digest(const struct rawrow *d, const char *const *fields, const size_t *lens, int n,
                   unsigned char out[DB_RAW_DIGEST])
{
        crypto_generichash_state st = d->head;

        for (int i = 0; i < n; i++)
                add_text(&st, fields[i], lens[i]);
        crypto_generichash_final(&st, out, DB_RAW_DIGEST);
}
