/* aidant-annuaire: the directory of help places on the national open standard. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "store.h"

static const struct command commands[] = {
    {"import", cmd_import,
     "[--source <name>] [--map <file>] [--from <format>] [--encoding <e>] [--dry-run] "
     "[--keep-going] [--rejects <file>] [--replace-source] <file>...",
     N_("validate, normalise and store the places of one or more lists"),
     N_("  --source <name>    name of the list (default: the record's source, else the file name)\n"
        "  --map <file>       column mapping (national pipeline's <source>.config.json, JSON or "
        "YAML)\n"
        "  --from <format>    json, ndjson, yaml or csv (default: extension, then sniffing)\n"
        "  --encoding <e>     utf-8, cp1252 (Windows-1252) or latin1 (default: UTF-8, or\n"
        "                     Windows-1252 when the file is not UTF-8 and reads as it)\n"
        "  --dry-run          check and report, store nothing\n"
        "  --keep-going       store the valid records even when some are rejected\n"
        "  --rejects <file>   write the rejected records there (with --keep-going)\n"
        "  --replace-source   remove the places of this source that the files no longer hold\n"
        "exit status: 0 stored (with --keep-going, also when some records were rejected),\n"
        "65 records rejected and nothing stored, 66 missing file, 75 store busy, 78 bad --map\n"),
     0},
    {"validate", cmd_validate, "[--map <file>] [--from <format>] [--encoding <e>] <file>...",
     N_("check lists against the schema and report, store nothing"),
     N_("  --map <file>       column mapping (as for import)\n"
        "  --from <format>    json, ndjson, yaml or csv\n"
        "  --encoding <e>     utf-8, cp1252 or latin1 (as for import)\n"),
     0},
    {"search", cmd_search,
     "[<text>] [--query <file>] [--service <s>]... [--public <p>] [--prise-en-charge <p>] "
     "[--frais <f>] "
     "[--label <l>] [--commune <c>] [--code-postal <cp>] [--near <lat,lon|postcode|commune>] "
     "[--radius <km>] [--open-at <datetime> | --open-now] [--limit <n>]",
     N_("find places by text, service, public, place and opening time"),
     N_("  <text>                  words searched in names, addresses and descriptions\n"
        "                          (case and accents ignored)\n"
        "  --query <file>          a query document (JSON or YAML, - for stdin): services,\n"
        "                          prise_en_charge_specifique, modalites_acces,\n"
        "                          publics_specifiquement_adresses, frais_a_charge (lists),\n"
        "                          text, match (any, the default: one value of each list;\n"
        "                          all: every value); a flag replaces the document's field\n"
        "  --service <s>           offers this service (repeatable: all must match)\n"
        "  --public <p>            addresses this public\n"
        "  --prise-en-charge <p>   supports this need (Surdité, Illettrisme, ...)\n"
        "  --frais <f>             Gratuit, Gratuit sous condition or Payant\n"
        "  --label <l>             national programme or label\n"
        "  --commune <c>           in this commune\n"
        "  --code-postal <cp>      in this postcode\n"
        "  --near <where>          around LAT,LON, a postcode or a commune; sorts by distance\n"
        "  --radius <km>           with --near, at most this far (default 10)\n"
        "  --open-at <datetime>    open at this time (YYYY-MM-DDTHH:MM)\n"
        "  --open-now              open now\n"
        "  --limit <n>             at most n places (default 20)\n"
        "places whose opening hours are unknown or not evaluable are left out of --open-at\n"
        "and --open-now; a postcode or commune of --near that no place of the directory\n"
        "locates exits 66; a bad query document exits 65\n"),
     0},
    {"show", cmd_show, "<id>", N_("print one place"), NULL, 0},
    {"rm", cmd_rm, "<id>...", N_("remove places"), NULL, 0},
    {"stats", cmd_stats, "", N_("count places per service, label and commune"), NULL, 0},
    {"stale", cmd_stale, "[--older-than <duration>]", N_("list places not updated for a while"),
     N_("  --older-than <duration>  age of date_maj, as 31d, 6m or 1y (default 6m)\n"), 0},
    {"export", cmd_export, "[--format csv|json|ndjson|yaml|geojson] [<search filters>]",
     N_("write the directory, or the places a search finds"),
     N_("  --format <f>       csv (the schema's 32 columns), json, ndjson, yaml or geojson\n"
        "  search filters as for 'search' (no limit unless --limit is given)\n"),
     0},
    {"hours", cmd_hours, "<opening_hours> [--at <datetime>] [--insee <code>]",
     N_("tell whether an opening_hours value is open, and the next change"),
     N_("  --at <datetime>    the moment to evaluate (default now)\n"
        "  --insee <code>     commune code: the public holidays and the time zone of its\n"
        "                     territory (Alsace-Moselle, overseas)\n"
        "a comment without a state (\"sur rendez-vous\") makes the state unknown\n"
        "exit status: 0 open, 1 closed or unknown, 65 not evaluable\n"),
     0},
    {"dedupe", cmd_dedupe, "[--threshold <n>] [--apply]",
     N_("find places listed twice and merge them"),
     N_("  --threshold <n>    score from 0 to 100 above which two places are the same\n"
        "                     (default 83 across sources, 90 inside one)\n"
        "  --apply            merge the pairs found (each merge can be undone)\n"),
     0},
    {"unmerge", cmd_unmerge, "<merge-id>", N_("undo a merge made by dedupe --apply"), NULL, 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct tool tool = {
    "aidant-annuaire",
    N_("The directory of digital help places on the national standard\n"
       "(lieux de médiation numérique): import, clean, deduplicate, search, export."),
    commands,
    NULL,
    0,
    import_demo_places,
};

int main(int argc, char **argv)
{
        /* an import's writer thread has the connection to itself while it writes (db.c) */
        store_init_process(false);
        return cli_run(&tool, argc, argv);
}
