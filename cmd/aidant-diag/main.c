/* aidant-diag: one portable diagnosis of digital skills on a public framework (Pix/CRCN),
 * with orientation towards the places that help. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "store.h"

static const struct command commands[] = {
    {"init", cmd_init, "[--name <name> --siret <siret>]",
     N_("create the structure and its signing key when absent, reuse them when present"),
     N_("  --name <name>          name of the structure (not needed when another tool\n"
        "                         already made the structure: it is reused)\n"
        "  --siret <siret>        its SIRET number (14 digits)\n"
        "the passphrase given is that of the new key\n"),
     CLI_PASSPHRASE},
    {"frameworks", cmd_frameworks, "[<framework> [--crosswalk]]",
     N_("list the frameworks, or the competences of one"),
     N_("  <framework>            pix, digcomp or clea: its competences\n"
        "  --crosswalk            with each competence, its pairs in the other framework\n"
        "                         (pix <-> digcomp), marked exact or approximate\n"),
     0},
    {"forms", cmd_forms, "", N_("list the forms: the structure's own, then the shipped ones"), NULL,
     0},
    {"form", cmd_form,
     "(check <file>... | show <form> [--answers-template] [--format <format>] | "
     "print <form> [--format text|html] [-o <file>])",
     N_("check a form file, show a form, or print it to fill in by hand"),
     N_("  check <file>...        every error with file:line (exit status 1 when any)\n"
        "  show <form>            the questions and choices (--format json: the stable\n"
        "                         interface {id, version, title, questions})\n"
        "  --answers-template     an answers document with every question at its first\n"
        "                         choice, that 'record' accepts as it is\n"
        "  print <form>           the paper form, with boxes to tick\n"
        "  --format text|html     of print (default text)\n"
        "  -o, --output <file>    write the paper form there\n"),
     0},
    {"run", cmd_run, "--form <form> [--usager <pseudonym>]",
     N_("ask the questions on the terminal, one at a time (back, skip, quit and resume)"),
     N_("  --form <form>          the form (rapide, complet, or the structure's own)\n"
        "  --usager <pseudonym>   the person (default: a new pseudonym)\n"
        "answers: a number (several for a multiple question, as 1 3), b back, s skip,\n"
        "q quit (the answers are kept: 'resume' goes on)\n"),
     0},
    {"resume", cmd_resume, "[<run>]", N_("go on with an interrupted run, or list them"), NULL, 0},
    {"record", cmd_record, "--form <form> [--usager <pseudonym>] [--from <format>] [<file>|-]...",
     N_("store diagnoses from answers documents (JSON, YAML, NDJSON), all or nothing"),
     N_("  --form <form>          the form answered (an id of 'forms', or a file)\n"
        "  --usager <pseudonym>   the person, for documents that name none (default: a\n"
        "                         new pseudonym each)\n"
        "  --from <format>        json, ndjson or yaml (default: from the extension)\n"
        "prints the number of each diagnosis stored, one a line\n"),
     0},
    {"show", cmd_show, "<diagnosis> [--format <format>]",
     N_("print a diagnosis: strengths first, a bar per competence"), NULL, 0},
    {"list", cmd_list, "[--usager <pseudonym>] [--since <date>] [--format <format>]",
     N_("list the diagnoses (--format ndjson: the input of aidant-stats)"),
     N_("  --usager <pseudonym>   of this person\n"
        "  --since <date>         made on this date or later\n"
        "  --format <format>      json, ndjson, yaml, csv or table\n"),
     0},
    {"compare", cmd_compare, "<diagnosis> <diagnosis>",
     N_("the progress per competence between two diagnoses of the same person"), NULL, 0},
    {"orient", cmd_orient, "<diagnosis>",
     N_("print the query for 'aidant-annuaire search --query -' that finds the places "
        "that fit"),
     NULL, 0},
    {"summary", cmd_summary, "<diagnosis> [--format text|html] [-o <file>]",
     N_("the printable summary for the person, with its verification code"),
     N_("  --format text|html     default text\n"
        "  -o, --output <file>    write it there\n"),
     0},
    {"rm", cmd_rm, "<diagnosis>", N_("remove a diagnosis"), NULL, 0},
    {"forget", cmd_forget, "--usager <pseudonym>",
     N_("erase a person's diagnoses; their counts stay for the statistics"), NULL, 0},
    {"export", cmd_export, "<diagnosis> -o <file>",
     N_("write the portable diagnosis: its canonical JSON and <file>.minisig, signed by the "
        "structure key"),
     N_("  -o, --output <file>    the diagnosis there, its signature in <file>.minisig\n"
        "prints the diagnosis id; 'minisign -V -p structure.pub -m <file>' verifies it\n"),
     CLI_PASSPHRASE},
    {"verify", cmd_verify, "<file> [--pubkey <file>]",
     N_("check a portable diagnosis and its .minisig signature"),
     N_("  --pubkey <file>        trust this public key (minisign format) for this call\n"
        "                         (default: the structure's own and the trusted keys)\n"
        "exit status: 0 valid, 65 the file or its signature was changed or it is not a\n"
        "portable diagnosis, 77 the key is not trusted, 66 a file is missing\n"),
     0},
    {"import", cmd_import, "<file> [--pubkey <file>] [--usager <pseudonym>]",
     N_("add a portable diagnosis from another structure to a person's history"),
     N_("  --pubkey <file>        trust this public key for this call\n"
        "  --usager <pseudonym>   the person here (default: a new pseudonym)\n"
        "the signature must verify: 65 when the file was changed, 77 when the key is not\n"
        "trusted; prints the local number\n"),
     0},
    {"trust", cmd_trust, "(add <pubkey-file> --name <name> | list | rm <keyid>|<name>)",
     N_("the keys of the structures whose diagnoses are trusted"),
     N_("  add <file> --name <n>  trust a structure's public key (minisign format)\n"
        "  list                   the trusted keys\n"
        "  rm <keyid>|<name>      trust it no more\n"),
     0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct tool tool = {
    "aidant-diag",
    N_("One portable diagnosis of digital skills on a public framework (Pix/CRCN),\n"
       "with orientation towards the places that help."),
    commands,
    NULL,
    0,
    diag_demo_fill,
};

int main(int argc, char **argv)
{
        store_init_process(true);
        return cli_run(&tool, argc, argv);
}
