/* aidant-stats: activity records of the helpers and the monthly observatory, without
 * personal data in what leaves the structure. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "store.h"

static const struct command commands[] = {
    {"init", cmd_init, "[--name <name> --siret <siret> [--unencrypted]]",
     N_("create the statistics store, and the structure identity when asked"),
     N_("  --name <name>     the structure's name, to create its identity (the signing key\n"
        "                    every aidant tool shares) when it has none yet; one made by\n"
        "                    another tool is reused\n"
        "  --siret <siret>   its SIRET number (14 digits)\n"
        "  --unencrypted     store the secret key without a passphrase (for cron jobs;\n"
        "                    anyone who reads the folder can sign)\n"),
     CLI_PASSPHRASE},
    {"add", cmd_add, "--type <type> --type-lieu <place> --thematique <t>... [<field options>]",
     N_("record one accompaniment or workshop, print its id"),
     N_("  --type <type>                 individuel or collectif\n"
        "  --date <date>                 YYYY-MM-DD or DD/MM/YYYY (default: today)\n"
        "  --duree <minutes>             1 to 1439 (15, 30, 45, 60, 90, 120 on the form)\n"
        "  --duree-tranche <bucket>      when only the bucket is known: moins_de_30_min,\n"
        "                                30_min_a_1_h, 1_h_a_2_h, 2_h_et_plus\n"
        "  --type-lieu <place>           lieu_activite, domicile, a_distance or autre\n"
        "  --lieu <id>                   the place (aidant-annuaire id) for lieu_activite\n"
        "  --code-insee <code>, --code-postal <code>, --commune <name>\n"
        "                                where it took place (other than lieu_activite)\n"
        "  --materiel <list>             ordinateur, telephone, tablette, autre, aucun\n"
        "  --thematique <list>           at least one (see aidant-stats(1)); repeatable\n"
        "  individual activities:\n"
        "  --autonomie <level>           entierement_accompagne, partiellement_autonome,\n"
        "                                autonome\n"
        "  --oriente-vers-structure <yes|no>, --structure-de-redirection <kind>,\n"
        "  --precisions-demarche <text>\n"
        "  collective activities:\n"
        "  --titre-atelier <text>, --niveau <debutant|intermediaire|avance>,\n"
        "  --participants <n>            how many people took part (required)\n"
        "  the people (optional, by pseudonym, never a name):\n"
        "  --usager <pseudonym>          an identified person (repeatable for a workshop)\n"
        "  --genre <g>, --tranche-age <t>, --statut-social <s>\n"
        "                                the person's (individual), or counts of anonymous\n"
        "                                participants as feminin=3,masculin=2 (workshop)\n"
        "  --annee-naissance <year>, --commune-usager <code>\n"
        "  --id <id>                     the record's id (default: a new one)\n"
        "exit status: 0 recorded, 65 a field is refused (the closest valid value\n"
        "is suggested), 78 before 'init'\n"),
     0},
    {"import", cmd_import,
     "[--dialect native|coop|cnfs-v1] [--from <format>] [--encoding <encoding>] "
     "[--keep-going [--rejects <file>]] [--dry-run] [<file>...]",
     N_("import records from files (all or nothing), keyed by id"),
     N_("  --dialect <dialect>  native (the fields of 'add', default), coop (the Coop de la\n"
        "                       médiation numérique's activity export, French headers) or\n"
        "                       cnfs-v1 (the conseillers numériques v1 reports)\n"
        "  --from <format>      json, ndjson, yaml or csv (default: extension, then sniffing)\n"
        "  --encoding <enc>     utf-8, cp1252 or latin1 (default: detected; French Excel\n"
        "                       saves CSV in cp1252 with ';')\n"
        "  --keep-going         store the valid records even when some are rejected\n"
        "  --rejects <file>     write the rejected rows there, in the input's format\n"
        "  --dry-run            check everything, store nothing\n"
        "exit status: 0 stored, 65 records rejected and nothing stored, 66 missing file,\n"
        "75 store busy, 78 before 'init'\n"),
     0},
    {"ingest", cmd_ingest, "(mandate | diag) [<file>...]",
     N_("count what aidant-mandate's journal or aidant-diag's diagnoses say, once each"),
     N_("  mandate   the output of 'aidant-mandate journal --format ndjson': démarches done\n"
        "            under mandate per thématique, mandates created, renewed and revoked,\n"
        "            refusals, the people helped and the helpers who acted\n"
        "  diag      the output of 'aidant-diag list --format ndjson': diagnoses per form\n"
        "            and framework, autonomy, the level of each competence, barriers, needs\n"
        "  each entry is counted once, in the month of its date: ingesting the same stream\n"
        "  again changes nothing\n"
        "exit status: 0 counted, 65 a bad entry and nothing counted, 78 before 'init'\n"),
     0},
    {"list", cmd_list,
     "[--month <YYYY-MM|last> | --since <date> --until <date>] [--type <type>] "
     "[--usager <pseudonym>] [--format <format>]",
     N_("list the records"),
     N_("  --month <month>        YYYY-MM, or last (the month before this one)\n"
        "  --since, --until <date>  from and to these days (both included)\n"
        "  --type <type>          individuel or collectif\n"
        "  --usager <pseudonym>   the records naming this person\n"
        "  --format <format>      json, ndjson, yaml, csv or table\n"),
     0},
    {"show", cmd_show, "<id> [--versions]", N_("print one record"),
     N_("  --versions             also print its previous versions (amend keeps them)\n"), 0},
    {"rm", cmd_rm, "<id>...", N_("remove records (the statistics follow)"), NULL, 0},
    {"amend", cmd_amend, "<id> <field options>...",
     N_("correct fields of a record, keeping the previous version"),
     N_("  the field options of add ('aidant-stats help add'); the record's previous\n"
        "  version is kept ('show --versions')\n"),
     0},
    {"forget", cmd_forget, "--usager <pseudonym>",
     N_("erase a person from every record and version (counted as anonymous since)"), NULL, 0},
    {"purge", cmd_purge, "[--older-than <duration>]",
     N_("anonymise the people not updated for the retention period (default 12m)"),
     N_("  --older-than <duration>  12m (default), 1y, 90d...: the people whose records\n"
        "                           were last written before then lose their pseudonym\n"
        "                           and details; the statistics stay the same\n"),
     0},
    {"report", cmd_report,
     "[--month <YYYY-MM|last> | --since <date> --until <date>] [--by <field>] "
     "[--format <format>]",
     N_("the statistics of a period: totals and every distribution, counts and shares"),
     N_("  --month <month>        YYYY-MM or last (default: this month)\n"
        "  --since, --until <date>  a span of days (both included)\n"
        "  --by <field>           one report per month, source (merged structures), type,\n"
        "                         type_lieu, code_postal, code_insee, lieu, autonomie, niveau\n"
        "  --format <format>      table on a terminal; json, ndjson, yaml or csv rows\n"
        "                         (debut, fin, rubrique, modalite, libelle, unite, nombre,\n"
        "                         part)\n"),
     0},
    {"export", cmd_export,
     "(--public [--month <YYYY-MM|last> | --since <date> --until <date>] [--k <n>] "
     "[--format csv|json|xlsx|html] | --for-network [--month <YYYY-MM|last>]) "
     "[-o <file> | --output-dir <dir>]",
     N_("the observatory export (small counts suppressed), or the signed file for the network"),
     N_("  --public             the public export: every count of people from 1 to k-1\n"
        "                       suppressed, with the counts that would give it away, one\n"
        "                       mask for every month of the series\n"
        "  --month <month>      YYYY-MM or last (default: last)\n"
        "  --since, --until <date>  whole months (a 1st to a last day)\n"
        "  --k <n>              the threshold (default 11, at least 5)\n"
        "  --format <form>      csv (long: mois, rubrique, modalite, unite, nombre, part,\n"
        "                       secret), json, xlsx or html (one printable page with\n"
        "                       charts); default: the extension of -o, else csv\n"
        "  -o, --output <file>  write the series there, atomically\n"
        "  --output-dir <dir>   one file per month, observatoire-<YYYY-MM>.<ext>; a month\n"
        "                       already there keeps its file\n"
        "  --for-network        the month's exact counts (no personal data) for the network\n"
        "                       coordinator, signed with the structure key: -o <file>, or\n"
        "                       --output-dir <dir> for reseau-<siret>-<YYYY-MM>.json, each\n"
        "                       with its .minisig\n"),
     CLI_PASSPHRASE},
    {"merge", cmd_merge, "[--pubkey <file>]... [--replace] <file>...",
     N_("the coordinator: add the network files of the structures, signatures checked"),
     N_("  --pubkey <file>      trust this structure key (minisign public key) for this\n"
        "                       call; without it, the keys in <home>/reseau/*.pub\n"
        "  --replace            take a month a structure already sent in another file\n"
        "exit status: 0 merged (the same file again changes nothing), 65 a file changed\n"
        "after it was signed, or a month already sent, 66 a missing file or signature,\n"
        "77 signed by a key that is not trusted; nothing is merged unless all are\n"),
     0},
    {"mask", cmd_mask,
     "[--k <n>] [--labels <n>] [--total-col <name>] [--group <a-b>]... [-o <file>] <file>",
     N_("suppress the small counts of any CSV table of people counts, and what would give "
        "them away"),
     N_("  --k <n>              counts from 1 to n-1 are suppressed (default 11, at least 5)\n"
        "  --labels <n>         the first n columns are labels (default 1); the others are\n"
        "                       counts (French thousands such as \"10 355\" are read)\n"
        "  --total-col <name>   this column is the sum of the other count columns (of each\n"
        "                       --group when given)\n"
        "  --group <a-b>        count columns a to b (from 1) count the same people as the\n"
        "                       next group (ages and statuses of one population)\n"
        "  -o, --output <file>  write there (atomically) instead of standard output\n"
        "a first-column label \"Total\" or \"Ensemble\" is the total row; suppressed cells\n"
        "are written \"s\"\n"),
     0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct tool tool = {
    "aidant-stats",
    N_("Activity records of the helpers (the national mediators' report) and the monthly\n"
       "observatory exports, with small counts suppressed so that nobody is recognised."),
    commands,
    NULL,
    0,
    stats_demo_fill,
};

int main(int argc, char **argv)
{
        /* an import's writer thread has its connection to itself (a tenth of an import's
         * SQLite time went to mutexes) */
        store_init_process(false);
        return cli_run(&tool, argc, argv);
}
