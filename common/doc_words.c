/* Words people read on paper: dates in words ("17 mai 1948", never "1948-05-17") and
 * the phrasing that fits the person (feminine, masculine, or a neutral turn of phrase). */
#include "clock.h"
#include "doc.h"
#include "i18n.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const months[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

static char *date_words(int y, int m, int day)
{
        /* TRANSLATORS: the first day of a month: "1er mai 2027" */
        return day == 1 ? xasprintf(_("1st %s %d"), _(months[m - 1]), y)
                        : xasprintf(_("%d %s %d"), day, _(months[m - 1]), y);
}

char *doc_date(const char *iso)
{
        int y, m, day, used = 0;

        if (iso == NULL || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &day, &used) != 3 || used != 10 ||
            iso[used] != '\0' || y < 1 || m < 1 || m > 12 || day < 1 || day > cal_month_days(y, m))
                return NULL;
        return date_words(y, m, day);
}

char *doc_date_of(time_t t)
{
        struct tm tm;

        localtime_r(&t, &tm);
        return date_words(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

enum doc_gender doc_gender_of(const char *civility)
{
        if (civility == NULL)
                return DOC_NEUTRAL;
        if (strcasecmp(civility, "madame") == 0 || strcasecmp(civility, "mme") == 0)
                return DOC_FEMININE;
        if (strcasecmp(civility, "monsieur") == 0 || strcasecmp(civility, "m") == 0 ||
            strcasecmp(civility, "m.") == 0)
                return DOC_MASCULINE;
        return DOC_NEUTRAL;
}

const char *doc_gendered(enum doc_gender g, const char *feminine, const char *masculine,
                         const char *neutral)
{
        if (g == DOC_FEMININE)
                return feminine;
        if (g == DOC_MASCULINE)
                return masculine;
        return neutral;
}
