/* Answers checked against their form, scored, and made into the diagnosis document. */
#include "diagnose.h"
#include "clock.h"
#include "i18n.h"
#include "ref.h"
#include "xalloc.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void diag_new_pseudonym(char out[16])
{
        unsigned char rnd[5];
        char hex[11];

        randombytes_buf(rnd, sizeof(rnd));
        sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
        snprintf(out, 16, "u-%s", hex);
}

bool diag_valid_pseudonym(const char *s)
{
        size_t n = strlen(s);

        if (n == 0 || n > 64)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
                        return false;
        return true;
}

char *diag_canonical(json_t *doc)
{
        return json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

void diag_id(const char *canonical, char id[DIAG_ID_HEX + 1])
{
        unsigned char h[32];
        char hex[65];

        crypto_generichash(h, sizeof(h), (const unsigned char *)canonical, strlen(canonical), NULL,
                           0);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        memcpy(id, hex, DIAG_ID_HEX);
        id[DIAG_ID_HEX] = '\0';
}

/* Appends s to the array a unless it is there already. */
static void add_unique(json_t *a, const char *s)
{
        size_t i;
        json_t *v;

        json_array_foreach(a, i, v)
        {
                if (strcmp(json_string_value(v), s) == 0)
                        return;
        }
        json_array_append_new(a, json_string(s));
}

/* The ids of a flags.yaml list that are in got, in the list's order. */
static json_t *ordered(const char *list, json_t *got)
{
        const char *ids[64];
        int pos[64];
        size_t n = 0, i;
        json_t *out = json_array(), *v;

        json_array_foreach(got, i, v)
        {
                int p = ref_flag_pos(list, json_string_value(v));
                size_t j = n;

                if (p < 0 || n == 64)
                        continue;
                for (; j > 0 && pos[j - 1] > p; j--) {
                        pos[j] = pos[j - 1];
                        ids[j] = ids[j - 1];
                }
                pos[j] = p;
                ids[j] = json_string_value(v);
                n++;
        }
        for (i = 0; i < n; i++)
                json_array_append_new(out, json_string(ids[i]));
        return out;
}

static const char *const autonomy_order[] = {"entierement_accompagne", "partiellement_autonome",
                                             "autonome"};

static int autonomy_rank(const char *id)
{
        for (int i = 0; i < 3; i++)
                if (strcmp(autonomy_order[i], id) == 0)
                        return i;
        return 2;
}

/* Levels per competence of the framework: the integer part of the mean question level. */
static json_t *levels_of(const struct form *f, json_t *fw, json_t *chosen, long *sum, long *count)
{
        json_t *levels = json_object(), *comps = json_object_get(fw, "competences"), *c;
        size_t n = json_array_size(comps), i;
        long *s = xcalloc(n > 0 ? n : 1, sizeof(*s)), *k = xcalloc(n > 0 ? n : 1, sizeof(*k));

        for (size_t q = 0; q < f->nquestions; q++) {
                const struct question *qu = &f->questions[q];
                json_t *id;
                int best = FORM_NO_LEVEL;
                size_t j;

                json_array_foreach(json_object_get(chosen, qu->id), j, id)
                {
                        const struct choice *ch = form_choice(qu, json_string_value(id));

                        if (ch != NULL && ch->level > best)
                                best = ch->level;
                }
                for (j = 0; best != FORM_NO_LEVEL && j < qu->ncompetences; j++) {
                        s[qu->competence_index[j]] += best;
                        k[qu->competence_index[j]]++;
                }
        }
        json_array_foreach(comps, i, c)
        {
                json_object_set_new(levels, json_string_value(json_object_get(c, "code")),
                                    k[i] > 0 ? json_integer(s[i] / k[i]) : json_null());
                *sum += k[i] > 0 ? s[i] / k[i] : 0;
                *count += k[i] > 0;
        }
        free(s);
        free(k);
        return levels;
}

/* The competences at DIAG_STRENGTH or above, highest level first, then in the
 * framework's order. */
static json_t *strengths_of(json_t *fw, json_t *levels)
{
        json_t *by_level[10] = {NULL}, *out = json_array(), *c;
        int max = ref_levels(fw);
        size_t i;

        if (max > 9)
                max = 9;
        json_array_foreach(json_object_get(fw, "competences"), i, c)
        {
                json_t *v = json_object_get(levels, json_string_value(json_object_get(c, "code")));
                json_int_t l = json_is_integer(v) ? json_integer_value(v) : -1;

                if (l >= DIAG_STRENGTH && l <= max) {
                        if (by_level[l] == NULL)
                                by_level[l] = json_array();
                        json_array_append(by_level[l], json_object_get(c, "code"));
                }
        }
        for (int l = max; l >= DIAG_STRENGTH; l--) {
                if (by_level[l] != NULL)
                        json_array_extend(out, by_level[l]);
                json_decref(by_level[l]);
        }
        return out;
}

/* Appends every string of list to out, each once. */
static void add_all(json_t *out, json_t *list)
{
        size_t i;
        json_t *v;

        json_array_foreach(list, i, v)
        {
                add_unique(out, json_string_value(v));
        }
}

/* Orientation: the schema values of every barrier, need and the autonomy, deduplicated. */
static json_t *orientation_of(json_t *barriers, json_t *needs, const char *autonomie)
{
        static const char *const fields[] = {"services", "prise_en_charge_specifique",
                                             "modalites_acces"};
        json_t *o = json_object();

        for (int k = 0; k < 3; k++) {
                json_t *out = json_array(), *v;
                size_t i;

                json_array_foreach(barriers, i, v)
                {
                        add_all(out, json_object_get(ref_flag("barriers", json_string_value(v)),
                                                     fields[k]));
                }
                json_array_foreach(needs, i, v)
                {
                        add_all(out, json_object_get(ref_flag("needs", json_string_value(v)),
                                                     fields[k]));
                }
                add_all(out, json_object_get(ref_flag("autonomie", autonomie), fields[k]));
                json_object_set_new(o, fields[k], out);
        }
        return o;
}

json_t *diag_score(const struct form *f, json_t *chosen)
{
        json_t *fw = ref_framework(f->framework);
        json_t *flags = json_array(), *levels, *barriers, *needs, *c;
        const char *autonomie = NULL;
        long sum = 0, count = 0;
        size_t i;

        for (size_t q = 0; q < f->nquestions; q++) {
                json_t *ids = json_object_get(chosen, f->questions[q].id), *id;
                size_t j;

                json_array_foreach(ids, j, id)
                {
                        const struct choice *ch =
                            form_choice(&f->questions[q], json_string_value(id));

                        for (size_t k = 0; ch != NULL && k < ch->nflags; k++)
                                add_unique(flags, ch->flags[k]);
                        if (ch != NULL && ch->autonomie != NULL &&
                            (autonomie == NULL ||
                             autonomy_rank(ch->autonomie) < autonomy_rank(autonomie)))
                                autonomie = ch->autonomie;
                }
        }
        levels = levels_of(f, fw, chosen, &sum, &count);
        json_array_foreach(json_object_get(fw, "competences"), i, c)
        {
                json_t *v = json_object_get(levels, json_string_value(json_object_get(c, "code")));

                if (json_is_integer(v) && json_integer_value(v) < 2)
                        add_all(flags, json_object_get(c, "needs"));
        }
        if (autonomie == NULL)
                autonomie = count == 0 || sum < 2 * count ? autonomy_order[0]
                            : sum < 3 * count             ? autonomy_order[1]
                                                          : autonomy_order[2];
        barriers = ordered("barriers", flags);
        needs = ordered("needs", flags);
        json_decref(flags);
        return json_pack("{s:o,s:o,s:o,s:o,s:s,s:o}", "levels", levels, "strengths",
                         strengths_of(fw, levels), "barriers", barriers, "needs", needs,
                         "autonomie", autonomie, "orientation",
                         orientation_of(barriers, needs, autonomie));
}
