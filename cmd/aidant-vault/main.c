/* aidant-vault: the person's encrypted safe, shared by domain, in the age format. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "secret.h"
#include "vault.h"

#include <sodium.h>
#include <sysexits.h>

/* The option groups most commands take: where the vault is, the passphrase, helper mode. */
#define OPEN (VAULT_DIR | VAULT_HELPER | CLI_PASSPHRASE)

static const struct command commands[] = {
    {"init", cmd_init,
     "--owner <label> [--vault <dir>] [--recovery-sheet <file>] [--passphrase-file <file>]",
     N_("create a person's vault, protected by their passphrase; print the recovery code"),
     N_("  --owner <label>           who the vault belongs to (a name or a pseudonym)\n"
        "  --recovery-sheet <file>   also write the recovery sheet to print (HTML when\n"
        "                            <file> ends in .html, else text; - prints it instead\n"
        "                            of the code); it holds the code: delete it once printed\n"
        "The passphrase to set is asked twice on a terminal, or read from --passphrase-*.\n"
        "The recovery code is printed once.\n"),
     VAULT_DIR | CLI_PASSPHRASE},
    {"passwd", cmd_passwd,
     "[--vault <dir>] [--passphrase-file <file>] [--new-passphrase-file <file>]",
     N_("change the passphrase (the current one, then the new one)"), NULL,
     OPEN | CLI_NEW_PASSPHRASE},
    {"recover", cmd_recover,
     "[--vault <dir>] [--recovery-sheet <file>] [--recovery-code-file <file>] "
     "[--new-passphrase-file <file>]",
     N_("set a new passphrase with the recovery code; a new code is printed"),
     N_("  --recovery-sheet <file>   also write the sheet of the new code (as for init)\n"
        "The recovery code is read first, then the new passphrase.\n"),
     VAULT_DIR | VAULT_HELPER | CLI_RECOVERY_CODE | CLI_NEW_PASSPHRASE},
    {"add", cmd_add,
     "--domain <domain> [--title <title>] [--type <type>] [--expires <date>] <file>...",
     N_("encrypt documents into a domain; print their ids"),
     N_("  --domain <domain>         identite, social, sante, logement, emploi, impots,\n"
        "                            energie or famille (see 'domains')\n"
        "  --title <title>           what the document is (default: the file name)\n"
        "  --type <type>             cni, passeport, attestation-caf, ... (see 'types')\n"
        "  --expires <date>          expiry date (YYYY-MM-DD or DD/MM/YYYY), for reminders\n"),
     OPEN},
    {"list", cmd_list, "[--domain <domain>] [--expiring-within <duration>]",
     N_("list the documents (a helper sees the domains shared with them)"),
     N_("  --domain <domain>         only this domain\n"
        "  --expiring-within <duration>  only documents expiring within 90d, 6m, ...\n"),
     OPEN},
    {"get", cmd_get, "<id> [-o <file>]", N_("decrypt a document"),
     N_("  -o, --output <file>       write there (0600), only once all is authenticated;\n"
        "                            default standard output\n"
        "exit status: 65 altered or replaced object, 66 missing, 77 not shared with you\n"),
     OPEN},
    {"rm", cmd_rm, "<id>", N_("remove a document or a secret"), NULL, OPEN},
    {"verify", cmd_verify, "[--accept]",
     N_("check the vault: rolled back, replaced, deleted or added files, every object"),
     N_("  --accept                  the owner takes the vault as it now is (a backup put\n"
        "                            back on purpose): what was found is accepted, objects\n"
        "                            no index names are taken back untitled\n"
        "exit status: 0 all holds, 1 something does not (each is named)\n"),
     OPEN},
    {"secret", cmd_secret,
     "set <name> --domain <domain> [--login <login>] [--url <url>] [--password-file <file>] | "
     "get <name> [--field password|login|url] | list",
     N_("keep logins and passwords (CAF, ameli, impots.gouv, ...)"),
     N_("  --domain <domain>         set: the domain it belongs to\n"
        "  --login <login>, --url <url>  set: stored with it\n"
        "  --field <field>           get: print only the password, the login or the url\n"
        "set reads the password from the terminal or --password-*, never the passphrase's "
        "source.\n"),
     OPEN | CLI_PASSWORD},
    {"share", cmd_share, "--domain <domain> --with <age1...> --name <name> [--until <date>]",
     N_("share a domain with a helper, until a date"),
     N_("  --with <age1...>          the helper's public key (keygen --aidant, age-keygen)\n"
        "  --name <name>             who they are (\"Mme X, CCAS\")\n"
        "  --until <date>            end of the sharing (a date: through that day)\n"),
     OPEN},
    {"unshare", cmd_unshare, "--domain <domain> --with <age1...|name> [--no-rekey]",
     N_("stop sharing a domain; re-encrypt it with fresh keys"),
     N_("  --no-rekey                only remove the helper from the headers (faster; what\n"
        "                            they already copied stays readable to them)\n"),
     OPEN},
    {"shares", cmd_shares, "", N_("list who sees which domain until when"), NULL, OPEN},
    {"keygen", cmd_keygen, "--aidant [-o <file>] [--passphrase-file <file>]",
     N_("make a helper's identity, protected by their passphrase; print its public key"),
     N_("  --aidant                  a helper's identity (default <home>/aidant-identity.age)\n"
        "  -o, --output <file>       write it there instead\n"),
     CLI_PASSPHRASE},
    {"destroy", cmd_destroy, "--yes [--vault <dir>] [--passphrase-file <file>]",
     N_("make the vault unreadable for good (keys overwritten, then everything removed)"),
     N_("  --yes                     confirm: this cannot be undone\n"), OPEN},
    {"domains", cmd_domains, "", N_("list the domains of a vault"), NULL, 0},
    {"types", cmd_types, "", N_("list the document types"), NULL, 0},
    {"age", cmd_age,
     "encrypt (-r <recipient>... | --passphrase-file <file>) [-o <out>] [<in>] | "
     "decrypt [-i <identity>]... [--passphrase-file <file>] [-o <out>] [<in>] | keygen [-o <out>]",
     N_("age-compatible plumbing: encrypt, decrypt, make a key"),
     N_("  -r, --recipient <age1...>  encrypt to this public key (repeatable)\n"
        "  -i, --identity <file>      decrypt with this identity file (age-keygen's, or\n"
        "                             one protected by a passphrase; repeatable)\n"
        "  -o, --output <file>        write there (decrypt: 0600, only once authenticated)\n"
        "exit status: 65 malformed or altered file, 77 no identity matches\n"),
     CLI_PASSPHRASE},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct tool tool = {
    "aidant-vault",
    N_("The person's encrypted safe: documents and credentials in the age format,\n"
       "shared by domain with a named helper, limited in time and revocable."),
    commands,
    vault_groups,
    sizeof(struct vault_opts),
    vault_demo_fill,
};

int main(int argc, char **argv)
{
        secret_harden_process();
        if (sodium_init() < 0)
                return EX_SOFTWARE;
        return cli_run(&tool, argc, argv);
}
