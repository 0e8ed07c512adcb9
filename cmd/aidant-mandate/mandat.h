/* Mandates and authorisations shared by create, renew, revoke, check and use. */
#ifndef MANDATE_MANDAT_H
#define MANDATE_MANDAT_H

#include "db.h"

#include <jansson.h>
#include <time.h>

struct mandate_req {
        const char *pseudo;
        const struct aidant_row *aidant;
        const int *demarches;
        int ndemarches;
        const char *duration, *consent;
        time_t expires;
        long long renewed_from; /* 0 for a new mandate */
};

/* The days of a mandate's duration: 1d, 31d, 182d or 365d, or their names 1m, 6m, 12m and
 * 1y (31, 182, 365 and 365 days); anything else is a usage error (64). */
int mandate_days(const struct ctx *ctx, const char *duration);
/* The end of a mandate of that many days starting at from: the same time of day that
 * many calendar days later, leap days counted as days. */
time_t mandate_expiry(time_t from, int days);
/* Dies with 77 when the helper is disabled or has not accepted the current charter. */
void mandate_helper_may_act(struct env *e, const struct aidant_row *a);
/* Inserts the mandate, writes its signed attestation, journals it and revokes the
 * person's previous authorisations for the same démarches. Inside a transaction, with
 * the secret key loaded. Returns the mandate's id. */
long long mandate_make(struct env *e, const struct mandate_req *r);

/* ["social", ...], new reference. */
json_t *mandate_demarches_json(const int *idx, int n);
/* Journals an act on one authorisation; extra (borrowed, may be NULL) adds fields. */
void journal_autorisation(struct env *e, const char *action, long long aidant, const char *pseudo,
                          long long mandat, int demarche, json_t *extra);
/* Journals cancel_mandat when no authorisation of the mandate is left in force. */
void mandate_close_if_empty(struct env *e, long long mandat, const char *by);

/* A stored mandate: dies with 65 when id is unknown. */
struct mandate_row {
        long long id, aidant, renewed_from;
        char *pseudo, *duration, *consent, *code;
        time_t created, expires;
};
void mandate_get(struct env *e, const char *id, struct mandate_row *out);
void mandate_row_clear(struct mandate_row *m);

#endif
