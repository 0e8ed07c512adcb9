/* OpenStreetMap opening_hours: a parser for the subset the directory's lists use and an
 * evaluator that tells open, closed or unknown at a moment and the next change of state,
 * as opening_hours.js does, in the place's own time zone. */
#ifndef ANNUAIRE_OHOURS_H
#define ANNUAIRE_OHOURS_H

#include <time.h>

enum ohours_state { OH_UNKNOWN = -1, OH_CLOSED = 0, OH_OPEN = 1 };

/* How far ohours_state_at looks for the next change of state: 8 days. */
#define OHOURS_HORIZON_DAYS 8

struct ohours;

/* Parses spec; returns a new value the caller frees with ohours_free, or NULL when the
 * value is outside the supported subset (then *err, when err is not NULL, gets a short
 * English reason: static, marked N_(), to be shown through _()). */
struct ohours *ohours_parse(const char *spec, const char **err);
void ohours_free(struct ohours *oh);

/* State at t: OH_UNKNOWN where a rule says "unknown" or has a comment without a state
 * ("sur rendez-vous"). insee (may be NULL) is the commune's code: its territory gives the
 * public holidays and the time zone the hours are read in (holidays.h); without it, the
 * local time (TZ). When next is not NULL, *next gets the time of the next change of
 * state, or 0 when there is none within OHOURS_HORIZON_DAYS days. */
enum ohours_state ohours_state_at(const struct ohours *oh, time_t t, const char *insee,
                                  time_t *next);
/* The comment of the rule that gives the state at t, or NULL; it lives as long as oh. */
const char *ohours_comment_at(const struct ohours *oh, time_t t, const char *insee);

/* Convenience: parse + evaluate + free. OH_UNKNOWN when not evaluable. */
enum ohours_state ohours_open_at(const char *spec, time_t t, const char *insee);

#endif
