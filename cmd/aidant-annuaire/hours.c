/* aidant-annuaire hours: tells whether an opening_hours value is open, closed or unknown
 * at a moment and when that changes, in the place's own time zone; the exit status
 * answers "is it open?" for scripts. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "holidays.h"
#include "ohours.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tm_wday order: Sunday first */
static const char *const wday_short[] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"),
                                         N_("Thu"), N_("Fri"), N_("Sat")};

/* INSEE commune code: two digits or 2A/2B for Corsica, then three digits. */
static bool valid_insee(const char *s)
{
        if (strlen(s) != 5 || strspn(s + 2, "0123456789") != 3)
                return false;
        if (s[0] == '2')
                return s[1] == 'A' || s[1] == 'B' || (s[1] >= '1' && s[1] <= '9');
        return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

/* The words of the value: "hours Mo-Fr 09:00-12:00" without quotes means the same. */
static char *join_args(int argc, char **argv)
{
        size_t len = 1;
        char *s;

        for (int i = 0; i < argc; i++)
                len += strlen(argv[i]) + 1;
        s = xcalloc(1, len);
        for (int i = 0; i < argc; i++) {
                if (i > 0)
                        strcat(s, " ");
                strcat(s, argv[i]);
        }
        return s;
}

/* The state line: "open until Mon 2026-11-23 12:00", in the place's zone, then the zone
 * when it is not the local one, then the comment of the rule. */
static void print_text(enum ohours_state st, time_t next, const char *zone, const char *comment)
{
        if (next == 0) {
                if (st == OH_OPEN)
                        printf(_("open, with no change in the next %d days"), OHOURS_HORIZON_DAYS);
                else if (st == OH_CLOSED)
                        printf(_("closed, with no opening in the next %d days"),
                               OHOURS_HORIZON_DAYS);
                else
                        printf(_("unknown, with no change in the next %d days"),
                               OHOURS_HORIZON_DAYS);
        } else {
                struct tm tm;
                char date[16], hm[8];

                localtime_r(&next, &tm);
                strftime(date, sizeof(date), "%Y-%m-%d", &tm);
                strftime(hm, sizeof(hm), "%H:%M", &tm);
                if (st == OH_OPEN)
                        printf(_("open until %s %s %s"), _(wday_short[tm.tm_wday]), date, hm);
                else if (st == OH_CLOSED)
                        printf(_("closed until %s %s %s"), _(wday_short[tm.tm_wday]), date, hm);
                else
                        printf(_("unknown until %s %s %s"), _(wday_short[tm.tm_wday]), date, hm);
        }
        if (zone != NULL)
                printf(" (%s)", zone);
        if (comment != NULL)
                printf(": %s", comment);
        putchar('\n');
}

static void print_json(const char *spec, time_t at, enum ohours_state st, time_t next,
                       const char *zone, const char *comment)
{
        static const char *const states[] = {"unknown", "closed", "open"};
        char iso[32], niso[32];
        json_t *o;

        clock_format_iso(at, iso);
        if (next != 0)
                clock_format_iso(next, niso);
        o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "spec", spec, "at", iso, "state",
                      states[st + 1], "next_change", next != 0 ? json_string(niso) : json_null(),
                      "comment", comment != NULL ? json_string(comment) : json_null(), "zone",
                      zone != NULL ? json_string(zone) : json_null());
        if (o == NULL)
                die(EX_SOFTWARE, "%s", _("cannot build the JSON output"));
        json_dumpf(o, stdout, JSON_PRESERVE_ORDER | JSON_COMPACT);
        putchar('\n');
        json_decref(o);
}

/* Evaluates and prints, the times in the place's own zone. */
static enum ohours_state report(const struct ctx *ctx, const char *spec, struct ohours *oh,
                                time_t at, const char *insee)
{
        const char *zone = holiday_zone(insee), *comment = ohours_comment_at(oh, at, insee);
        struct clock_zone z;
        time_t next;
        enum ohours_state st = ohours_state_at(oh, at, insee, &next);

        clock_zone_enter(&z, zone);
        if (ctx->format_set && ctx->format != FMT_TABLE)
                print_json(spec, at, st, next, zone, comment);
        else
                print_text(st, next, z.changed ? zone : NULL, comment);
        clock_zone_leave(&z);
        return st;
}

int cmd_hours(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"at", required_argument, NULL, 'a'},
            {"insee", required_argument, NULL, 'i'},
            {NULL, 0, NULL, 0},
        };
        const char *insee = NULL, *why = NULL;
        time_t at = 0;
        bool at_set = false;
        struct ohours *oh;
        enum ohours_state st;
        char *spec;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'a') {
                        if (clock_parse(optarg, &at) != 0)
                                cli_usage_error(ctx, _("--at: '%s' is not a date and time"),
                                                optarg);
                        at_set = true;
                } else {
                        if (!valid_insee(optarg))
                                cli_usage_error(ctx, _("--insee: '%s' is not an INSEE code"),
                                                optarg);
                        insee = optarg;
                }
        }
        if (optind >= argc)
                cli_usage_error(ctx, "%s", _("missing opening_hours value"));
        if (ctx->format_set && ctx->format != FMT_JSON && ctx->format != FMT_NDJSON &&
            ctx->format != FMT_TABLE)
                cli_usage_error(ctx, _("hours writes json or text, not %s"), fmt_name(ctx->format));
        spec = join_args(argc - optind, argv + optind);
        if ((oh = ohours_parse(spec, &why)) == NULL) {
                msg_error(
                    EX_DATAERR,
                    _("'%s' is not evaluable: %s (outside the supported opening_hours subset, "
                      "kept verbatim)"),
                    spec, _(why));
                free(spec);
                return EX_DATAERR;
        }
        if (!at_set)
                at = clock_now();
        st = report(ctx, spec, oh, at, insee);
        ohours_free(oh);
        free(spec);
        return st == OH_OPEN ? 0 : EX_NO;
}
