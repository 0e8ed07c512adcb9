/* From an answers document to a diagnosis: the answers checked against the form, the
 * deterministic scoring (levels, strengths, barriers, needs, autonomy, orientation; see
 * aidant-diag(1), SCORING) and the canonical JSON whose hash is the diagnosis id. */
#ifndef DIAG_DIAGNOSE_H
#define DIAG_DIAGNOSE_H

#include "form.h"

#include <jansson.h>

#define DIAG_FORMAT   "aidant-diag/1"
#define DIAG_ID_HEX   16
#define DIAG_STRENGTH 3 /* strengths: competences at this level or above */

struct diag_input {
        const char *usager;    /* used when the answers name no person; NULL: a new pseudonym */
        const char *date;      /* YYYY-MM-DD used when the answers have no date */
        const char *structure; /* key id of the structure, or NULL */
};

/* Checks answers (an answers document) against f. Returns the diagnosis document (new
 * reference) or NULL with *error set to "<where>: <field>: <what>" (a new string). */
json_t *diag_from_answers(const struct form *f, json_t *answers, const char *where,
                          const struct diag_input *in, char **error);
/* The result of chosen answers ({question id: [choice ids]}, every id valid): new
 * reference {levels, strengths, barriers, needs, autonomie, orientation}. */
json_t *diag_score(const struct form *f, json_t *chosen);

/* The canonical JSON of a document (sorted keys, no spaces, UTF-8): a new string. */
char *diag_canonical(json_t *doc);
/* The diagnosis id: the first 16 hex digits of the BLAKE2b-256 of the canonical JSON. */
void diag_id(const char *canonical, char id[DIAG_ID_HEX + 1]);

/* A new pseudonym "u-" + 10 hex digits, as aidant-mandate makes them. */
void diag_new_pseudonym(char out[16]);
/* True when s may be a pseudonym: 1 to 64 letters, digits, '-' or '_' (never a name). */
bool diag_valid_pseudonym(const char *s);

#endif
