/* aidant-mandate: signed mandates between a structure and a person, and the
 * tamper-evident journal of every act done under them. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "msg.h"
#include "secret.h"
#include "store.h"

#include <sodium.h>

static const struct command commands[] = {
    {"init", cmd_init,
     "[--name <name> --siret <siret>] [--address <text>] [--phone <tel>] "
     "[--unencrypted | --import-key <file>]",
     N_("start the journal, creating the structure and its signing key when absent"),
     N_("  --name <name>          name of the structure (not needed when another tool\n"
        "                         already made the structure: it is reused)\n"
        "  --siret <siret>        its SIRET number (14 digits)\n"
        "  --address <text>       its address, printed on attestations\n"
        "  --phone <tel>          its phone number, printed on attestations\n"
        "  --unencrypted          store the secret key without a passphrase (unattended\n"
        "                         servers; anyone who reads the folder can sign)\n"
        "  --import-key <file>    use a secret key made by 'minisign -G'\n"),
     CLI_PASSPHRASE},
    {"pubkey", cmd_pubkey, "", N_("print the structure's public key (minisign format)"), NULL, 0},
    {"structure", cmd_structure, "(show | set [--address <text>] [--phone <tel>])",
     N_("show the structure identity, or change its address and phone"),
     N_("  show                   name, SIRET, key id, address, phone, public key file\n"
        "  set                    change what attestations print (\"\" removes a value)\n"
        "    --address <text>     the address\n"
        "    --phone <tel>        the phone number\n"),
     0},
    {"aidant", cmd_aidant,
     "(add --name <name> [--email <email>] | list | show <id> | disable <id> | "
     "accept-charter <id>)",
     N_("manage the helpers of the structure"),
     N_("  add --name <name> [--email <email>]  register a helper, print its id\n"
        "  list                                 the helpers\n"
        "  show <id>                            one helper\n"
        "  disable <id>                         the helper can no longer act\n"
        "  accept-charter <id>                  record that the helper accepted the\n"
        "                                       current charter (share/aidant/charte.md)\n"),
     0},
    {"usager", cmd_usager,
     "(add --given <names> --family <name> --birth <date> [--civilite madame|monsieur] "
     "[--phone <tel>] [--email <email>] | "
     "list | show <id> | export <id> | forget <id>)",
     N_("manage the people helped (personal data kept apart from the journal)"),
     N_("  add ...        record a person, print their pseudonym (the id used elsewhere)\n"
        "    --given <names>  given names\n"
        "    --family <name>  family name\n"
        "    --birth <date>   birth date (YYYY-MM-DD or DD/MM/YYYY)\n"
        "    --civilite <c>   madame or monsieur: how the papers address the person\n"
        "                     (optional; without it they use neutral wording)\n"
        "    --phone <tel>    phone number (optional)\n"
        "    --email <email>  e-mail address (optional)\n"
        "  list           the people\n"
        "  show <id>      one person\n"
        "  export <id>    everything held about a person (right of access), as JSON\n"
        "  forget <id>    erase the person's personal data; the journal stays verifiable\n"),
     0},
    {"create", cmd_create,
     "--usager <id> --aidant <id> --demarche <d>[,<d>...] --duration <duration> "
     "[--consent in-person|paper] [--passphrase-file <f>]",
     N_("create a mandate and its signed attestation"),
     N_("  --usager <id>          the person (pseudonym from 'usager add')\n"
        "  --aidant <id>          the helper who receives the consent\n"
        "  --demarche <list>      papiers, famille, social, travail, logement, transports,\n"
        "                         argent, justice, etranger, loisirs (comma-separated)\n"
        "  --duration <duration>  1d, 31d, 182d or 365d (at most 365 days)\n"
        "  --consent <method>     in-person (default) or paper (signed paper form)\n"),
     CLI_PASSPHRASE},
    {"check", cmd_check, "--usager <id> --aidant <id> --demarche <d>",
     N_("tell whether a helper may act now for a person and a démarche"),
     N_("exit status: 0 yes, 1 no (the reason is printed)\n"), 0},
    {"use", cmd_use, "--usager <id> --aidant <id> --demarche <d> [--note <text>]",
     N_("check and journal an act done for a person (refusals are journaled, exit 77)"),
     N_("  --note <text>          what was done (kept in the journal, no personal data)\n"), 0},
    {"revoke", cmd_revoke,
     "<mandate> [--demarche <d>] --by usager|aidant [--reason <text>] "
     "[--passphrase-file <f>]",
     N_("revoke a mandate or one of its démarches, with a signed revocation"),
     N_("  --demarche <d>         revoke only this démarche\n"
        "  --by <who>             usager (the person asked) or aidant (the structure)\n"
        "  --reason <text>        why\n"),
     CLI_PASSPHRASE},
    {"renew", cmd_renew,
     "<mandate> [--duration <duration>] [--aidant <id>] "
     "[--passphrase-file <f>]",
     N_("replace a mandate by a new one for the same démarches"),
     N_("  --duration <duration>  default: the duration of the mandate renewed\n"
        "  --aidant <id>          the helper (default: the one of the mandate)\n"),
     CLI_PASSPHRASE},
    {"list", cmd_list,
     "[--usager <id>] [--active | --expired | --revoked] [--expiring-within <duration>] "
     "[--format <format>]",
     N_("list the mandates"),
     N_("  --usager <id>                 of this person\n"
        "  --active                      in force now\n"
        "  --expired                     past their end\n"
        "  --revoked                     every démarche revoked\n"
        "  --expiring-within <duration>  in force and ending within this time (as 30d)\n"
        "  --format <format>             json, ndjson, yaml, csv or table\n"),
     0},
    {"show", cmd_show, "<mandate>", N_("print a mandate and its authorisations"), NULL, 0},
    {"attestation", cmd_attestation, "<mandate> [--html] [--easy] [-o <file>]",
     N_("print a mandate's attestation, or write it with its .minisig signature"),
     N_("  --html                 the HTML attestation to print on A4 (default: text)\n"
        "  --easy                 the easy-to-read version (short sentences, larger type)\n"
        "  -o, --output <file>    write <file> and <file>.minisig\n"),
     0},
    {"journal", cmd_journal, "[--since <date>] [--usager <id>] [--format <format>]",
     N_("print the journal entries (--format ndjson for audits)"),
     N_("  --since <date>         entries from this date or time\n"
        "  --usager <id>          entries about this person\n"
        "  --format <format>      ndjson (the stored canonical entries), json, yaml, csv\n"
        "                         or table\n"),
     0},
    {"checkpoint", cmd_checkpoint, "[--new | --rotate] [-o <file>] [--passphrase-file <f>]",
     N_("print the latest checkpoint of the journal signed by the structure key"),
     N_("  --new                  sign a checkpoint of the journal's head first\n"
        "  --rotate               certify a new journal key first (a lost or exposed\n"
        "                         journal.key), then sign a checkpoint\n"
        "  -o, --output <file>    write <file> and <file>.minisig (checked by minisign\n"
        "                         -V; keep it elsewhere, then 'verify --checkpoint')\n"),
     CLI_PASSPHRASE},
    {"verify", cmd_verify, "[--pubkey <file>] [--checkpoint <file>]... [--attestation <file>]...",
     N_("check the journal: its chain, signatures, checkpoints and signed head"),
     N_("  --pubkey <file>        the structure's public key to trust, kept apart from\n"
        "                         the home (default: the home's structure.pub)\n"
        "  --checkpoint <file>    also check an exported checkpoint and its .minisig,\n"
        "                         and that the journal still holds the entry it signed\n"
        "  --attestation <file>   also check an attestation or a revocation and its\n"
        "                         .minisig, and that the journal recorded it\n"
        "exit status: 0 all holds; 1 the journal does not (the first bad entry is\n"
        "named); 65 a file given is tampered; 77 it is signed by another key\n"),
     0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct tool tool = {
    "aidant-mandate",
    N_("Signed mandates between a structure and the people it helps, and a\n"
       "tamper-evident journal of every act done under them (minisign signatures)."),
    commands,
    NULL,
    0,
    mandate_demo_fill,
};

int main(int argc, char **argv)
{
        /* one thread (0.46 M of the 8.1 M instructions of a verify --attestation) */
        store_init_process(true);
        secret_harden_process();
        /* before any hash: it picks libsodium's vector BLAKE2b, which the chain, the
         * checkpoints' links and the state digest use (the portable one took twice as long) */
        if (sodium_init() < 0)
                die(EX_SOFTWARE, "%s", _("cannot initialise libsodium"));
        return cli_run(&tool, argc, argv);
}
