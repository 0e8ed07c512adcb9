/* The parsed form of an opening_hours value, shared by the parser (ohours.c) and the
 * evaluator (ohours_eval.c). */
#ifndef ANNUAIRE_OHOURS_IMPL_H
#define ANNUAIRE_OHOURS_IMPL_H

#include "ohours.h"

#include <stdbool.h>
#include <stdint.h>

#define OH_MAX_SPEC   4096 /* longer values are not opening hours but prose */
#define OH_MAX_LIST   32   /* items of one selector (dates, years, time ranges) */
#define OH_MAX_RANGES 256  /* time ranges of a whole value */
#define OH_MAX_RULES  256  /* rules of a whole value */
#define DAY_MIN       1440

struct span {
        int lo, hi;
};

struct rule {
        bool additional; /* after ',': adds to the earlier rules instead of replacing them */
        enum ohours_state state; /* open; off/closed; unknown, or a comment without a state */
        bool has_days;           /* a weekday or holiday selector was given */
        bool ph;
        uint8_t wdays;   /* bit 0 = Monday */
        uint16_t nth[7]; /* per weekday: bits 0-4 = 1st..5th, 5-9 = last..5th last; 0 = any */
        uint64_t weeks;  /* bit w = ISO week w; 0 = any */
        int ndates, nyears, ntimes;
        struct span dates[OH_MAX_LIST]; /* month * 32 + day, may wrap over the new year */
        struct span years[OH_MAX_LIST];
        struct span times[OH_MAX_LIST]; /* minutes from midnight, hi up to 48:00 */
        char *comment;                  /* the text between quotes, or NULL */
};

struct ohours {
        int nrules, cap;
        struct rule *rules;
};

#endif
