/* The in-memory counts by key: word-at-a-time hashing, linear probing, the table doubled at half
 * full. */
#include "tally.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Eight bytes at a time (keys are 20 to 60 bytes long), mixed as in MurmurHash's final
 * step so that the low bits, which pick the slot, depend on every byte. */
static size_t hash(const char *s, size_t len)
{
        uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;

        for (; len >= 8; s += 8, len -= 8) {
                memcpy(&w, s, 8);
                h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
                h ^= h >> 32;
        }
        w = 0;
        memcpy(&w, s, len);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
        h ^= h >> 29;
        return (size_t)h;
}

static void grow(struct tally *t)
{
        size_t nslots = t->nslots != 0 ? t->nslots * 2 : 1024;

        free(t->slots);
        t->slots = xcalloc(nslots, sizeof(*t->slots));
        t->nslots = nslots;
        for (size_t i = 0; i < t->n; i++) {
                size_t s = t->v[i].hash & (nslots - 1);

                while (t->slots[s] != 0)
                        s = (s + 1) & (nslots - 1);
                t->slots[s] = i + 1;
        }
}

void tally_add(struct tally *t, const char *key, size_t len, long n)
{
        size_t s, h = hash(key, len);

        if (2 * (t->n + 1) > t->nslots)
                grow(t);
        for (s = h & (t->nslots - 1); t->slots[s] != 0; s = (s + 1) & (t->nslots - 1)) {
                struct tally_entry *e = &t->v[t->slots[s] - 1];

                if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0) {
                        e->n += n;
                        return;
                }
        }
        if (t->n == t->cap) {
                t->cap = t->cap != 0 ? t->cap * 2 : 256;
                t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
        }
        t->v[t->n].key = xstrndup(key, len);
        t->v[t->n].len = len;
        t->v[t->n].hash = h;
        t->v[t->n].n = n;
        t->slots[s] = ++t->n;
}

void tally_clear(struct tally *t)
{
        for (size_t i = 0; i < t->n; i++)
                free(t->v[i].key);
        t->n = 0;
        if (t->slots != NULL)
                memset(t->slots, 0, t->nslots * sizeof(*t->slots));
}

void tally_free(struct tally *t)
{
        tally_clear(t);
        free(t->v);
        free(t->slots);
        memset(t, 0, sizeof(*t));
}
