/* The normalisers of single values of the schema: identifiers, codes, phones, dates,
 * coordinates and addresses, each turned into its canonical text or refused. */
#include "clock.h"
#include "xalloc.h"
#include "schema_impl.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool all_digits(const char *s, size_t min, size_t max)
{
        size_t len = strlen(s);

        if (len < min || len > max)
                return false;
        for (const char *p = s; *p != '\0'; p++)
                if (!isdigit((unsigned char)*p))
                        return false;
        return true;
}

/* s without the characters of drop (in place). */
static char *without(char *s, const char *drop)
{
        char *o = s;

        for (const char *p = s; *p != '\0'; p++)
                if (strchr(drop, *p) == NULL)
                        *o++ = *p;
        *o = '\0';
        return s;
}

/* A whole number given as a JSON integer loses its leading zeros: put them back. */
static char *padded(json_t *v, char *s, int width)
{
        if (json_is_integer(v) && (int)strlen(s) < width) {
                char *p = xasprintf("%0*lld", width, (long long)json_integer_value(v));

                free(s);
                return p;
        }
        return s;
}

bool schema_norm_pivot(json_t *v, char **s)
{
        without(*s, " .\t");
        if (json_is_integer(v))
                *s = padded(v, *s, strlen(*s) <= 9 ? 9 : 14);
        for (const char *p = *s; *p != '\0'; p++)
                if (!isalnum((unsigned char)*p))
                        return false;
        return strlen(*s) >= 9 && strlen(*s) <= 14;
}

bool schema_norm_postcode(json_t *v, char **s)
{
        without(*s, " \t");
        *s = padded(v, *s, 5); /* a number lost its leading zero; a text "7300" is wrong */
        return all_digits(*s, 5, 5);
}

bool schema_norm_insee(json_t *v, char **s)
{
        char *c = *s = padded(v, without(*s, " \t"), 5);

        if (strlen(c) != 5 || !all_digits(c + 2, 3, 3) || !isdigit((unsigned char)c[0]))
                return false;
        if (c[0] != '2')
                return isdigit((unsigned char)c[1]);
        c[1] = (char)toupper((unsigned char)c[1]); /* Corsica: 2A, 2B; no department 20 */
        return c[1] == 'A' || c[1] == 'B' || (c[1] >= '1' && c[1] <= '9');
}

/* Overseas prefixes by the first three digits of the postcode. */
static const char *phone_prefix(const char *postcode)
{
        static const char *const table[][2] = {
            {"971", "+590"}, {"972", "+596"}, {"973", "+594"}, {"974", "+262"},
            {"975", "+508"}, {"976", "+262"}, {"977", "+590"}, {"978", "+590"},
            {"986", "+681"}, {"987", "+689"}, {"988", "+687"},
        };

        for (size_t i = 0; postcode != NULL && i < sizeof(table) / sizeof(*table); i++)
                if (strncmp(postcode, table[i][0], 3) == 0)
                        return table[i][1];
        return "+33";
}

static bool phone_valid(const char *s)
{
        static const char *const prefixes[] = {"+33",  "+590", "+594", "+262", "+596",
                                               "+269", "+687", "+689", "+508", "+681"};

        for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
                size_t pl = strlen(prefixes[i]);

                if (strncmp(s, prefixes[i], pl) == 0 && all_digits(s + pl, 6, 9))
                        return true;
        }
        return false;
}

/* +33..., from "01 23 45 67 89", "01.23...", "0033 1...", "+33 (0)1...", or a local
 * overseas number, the territory given by the postcode. */
bool schema_norm_phone(char **s, const char *postcode)
{
        char *d = xmalloc(strlen(*s) + 8), *o = d;
        const char *prefix = phone_prefix(postcode);

        for (const char *p = *s; *p != '\0'; p++)
                if (isdigit((unsigned char)*p) || (*p == '+' && o == d))
                        *o++ = *p;
        *o = '\0';
        free(*s);
        if (strncmp(d, "00", 2) == 0) {
                d[0] = '+';
                memmove(d + 1, d + 2, strlen(d + 2) + 1);
        }
        if (strncmp(d, "+330", 4) == 0 && strlen(d) == 13)
                memmove(d + 3, d + 4, strlen(d + 4) + 1);
        if (d[0] == '0' && strlen(d) == 10)
                *s = xasprintf("%s%s", prefix, d + 1);
        else if (d[0] != '+' && strcmp(prefix, "+33") != 0 && all_digits(d, 6, 9))
                *s = xasprintf("%s%s", prefix, d);
        else
                *s = xstrdup(d);
        free(d);
        return phone_valid(*s);
}

/* YYYY-MM-DD from an ISO date or date-time, DD/MM/YYYY or YYYY/MM/DD. */
bool schema_norm_date(char **s)
{
        char out[11], *c = *s;
        size_t len = strcspn(c, " T");

        c[len] = '\0';
        if (len == 10 && c[4] == '/' && c[7] == '/')
                c[4] = c[7] = '-';
        if (clock_parse_date(c, out) != 0)
                return false;
        free(*s);
        *s = xstrdup(out);
        return true;
}

/* Degrees from a JSON number, or from a text with a point or a French decimal comma,
 * whatever LC_NUMERIC says. */
bool schema_norm_coord(json_t *v, char **s, double max, double *out)
{
        static locale_t c_locale;
        char *end;

        if (json_is_number(v)) {
                *out = json_number_value(v);
        } else {
                if (c_locale == (locale_t)0)
                        c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
                for (char *p = *s; *p != '\0'; p++)
                        if (*p == ',')
                                *p = '.';
                *out = strtod_l(*s, &end, c_locale);
                if (end == *s || *end != '\0')
                        return false;
        }
        return isfinite(*out) && fabs(*out) <= max;
}

/* An http(s) address; "www.example.fr" gets https:// in front. */
bool schema_norm_url(char **s)
{
        char *c = *s;

        for (size_t i = 0; i < 5 && isalpha((unsigned char)c[i]); i++) /* "Https://" */
                c[i] = (char)tolower((unsigned char)c[i]);
        if (strstr(c, "://") == NULL && strchr(c, '.') != NULL && strpbrk(c, " \t@") == NULL) {
                char *p = xasprintf("https://%s", c);

                free(*s);
                *s = p;
                c = p;
        }
        if (strncmp(c, "http://", 7) != 0 && strncmp(c, "https://", 8) != 0)
                return false;
        c = strstr(c, "://") + 3;
        return c[0] != '\0' && strpbrk(c, " \t\n") == NULL;
}

bool schema_norm_email(char **s)
{
        const char *c = *s, *at = strchr(c, '@');

        if (strncmp(c, "mailto:", 7) == 0) {
                memmove(*s, *s + 7, strlen(*s + 7) + 1);
                at = strchr(c, '@');
        }
        return at != NULL && at != c && strchr(at + 1, '@') == NULL &&
               strchr(at + 1, '.') != NULL && at[strlen(at) - 1] != '.' &&
               strpbrk(c, " \t,<>") == NULL;
}

/* The first 280 characters of s, cut at a space, with an ellipsis. */
char *schema_shortened(const char *s)
{
        size_t bytes = 0, chars = 0, cut = 0;

        while (s[bytes] != '\0' && chars < 279) {
                if (s[bytes] == ' ')
                        cut = bytes;
                bytes++;
                while (((unsigned char)s[bytes] & 0xC0) == 0x80)
                        bytes++;
                chars++;
        }
        if (cut < bytes / 2)
                cut = bytes;
        return xasprintf("%.*s…", (int)cut, s);
}
