/* aidant-vault: the person's encrypted safe, shared by domain, in the age format. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "secret.h"

#include <sodium.h>
#include <sysexits.h>

static const struct command commands[] = {
    {"init", cmd_init,
     "--owner <label> [--vault <dir>] [--recovery-sheet <file>] [--passphrase-fd <n>]",
     N_("create a person's vault, protected by their passphrase; print the recovery code"),
     N_("  --owner <label>           who the vault belongs to (a name or a pseudonym)\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --recovery-sheet <file>   also write the recovery sheet to print (HTML when\n"
        "                            <file> ends in .html, else text; - prints it instead\n"
        "                            of the code); it holds the code: delete it once printed\n"
        "The passphrase is asked twice on a terminal. The recovery code is printed once.\n")},
    {"passwd", cmd_passwd, "[--vault <dir>] [--passphrase-fd <n>]",
     N_("change the passphrase (the current one, then the new one)"),
     N_("  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"recover", cmd_recover, "[--vault <dir>] [--recovery-sheet <file>] [--passphrase-fd <n>]",
     N_("set a new passphrase with the recovery code; a new code is printed"),
     N_("  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --recovery-sheet <file>   also write the sheet of the new code (as for init)\n"
        "The recovery code is read first, then the new passphrase.\n")},
    {"add", cmd_add,
     "--domain <domain> [--title <title>] [--type <type>] [--expires <date>] <file>...",
     N_("encrypt documents into a domain; print their ids"),
     N_("  --domain <domain>         identite, social, sante, logement, emploi, impots,\n"
        "                            energie or famille (see 'domains')\n"
        "  --title <title>           what the document is (default: the file name)\n"
        "  --type <type>             cni, passeport, attestation-caf, ... (see 'types')\n"
        "  --expires <date>          expiry date (YYYY-MM-DD or DD/MM/YYYY), for reminders\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"list", cmd_list, "[--domain <domain>] [--expiring-within <duration>]",
     N_("list the documents (a helper sees the domains shared with them)"),
     N_("  --domain <domain>              only this domain\n"
        "  --expiring-within <duration>   only documents expiring within 90d, 6m, ...\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --identity <file>         open as a helper with this identity file\n"
        "  --as-aidant               open as a helper with your identity from keygen --aidant\n")},
    {"get", cmd_get, "<id> [-o <file>]", N_("decrypt a document"),
     N_("  -o, --output <file>       write there (0600), only once all is authenticated;\n"
        "                            default standard output\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --identity <file>         open as a helper with this identity file\n"
        "  --as-aidant               open as a helper with your identity from keygen --aidant\n"
        "exit status: 65 altered or replaced object, 66 missing, 77 not shared with you\n")},
    {"rm", cmd_rm, "<id>", N_("remove a document or a secret"),
     N_("  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"verify", cmd_verify, "", N_("check that every object of the vault authenticates"),
     N_("  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --identity <file>         open as a helper with this identity file\n"
        "  --as-aidant               open as a helper with your identity from keygen --aidant\n"
        "exit status: 0 all authenticate, 1 some do not\n")},
    {"secret", cmd_secret,
     "set <name> --domain <domain> [--login <login>] [--url <url>] [--password-fd <n>] | "
     "get <name> [--field password|login|url] | list",
     N_("keep logins and passwords (CAF, ameli, impots.gouv, ...)"),
     N_("  set: the password is read from the terminal, --password-fd, or the line\n"
        "       after the passphrase on --passphrase-fd\n"
        "  --domain <domain>         the domain it belongs to\n"
        "  --login <login>, --url <url>  stored with it\n"
        "  --field <field>           get: print only the password, the login or the url\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --identity <file>         open as a helper with this identity file\n"
        "  --as-aidant               open as a helper with your identity from keygen --aidant\n")},
    {"share", cmd_share, "--domain <domain> --with <age1...> --name <name> [--until <date>]",
     N_("share a domain with a helper, until a date"),
     N_("  --with <age1...>          the helper's public key (keygen --aidant, age-keygen)\n"
        "  --name <name>             who they are (\"Mme X, CCAS\")\n"
        "  --until <date>            end of the sharing (a date: through that day)\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"unshare", cmd_unshare, "--domain <domain> --with <age1...|name> [--no-rekey]",
     N_("stop sharing a domain; re-encrypt it with fresh keys"),
     N_("  --no-rekey                only remove the helper from the headers (faster; what\n"
        "                            they already copied stays readable to them)\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"shares", cmd_shares, "", N_("list who sees which domain until when"),
     N_("  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n"
        "  --identity <file>         open as a helper with this identity file\n"
        "  --as-aidant               open as a helper with your identity from keygen --aidant\n")},
    {"keygen", cmd_keygen, "--aidant [-o <file>] [--passphrase-fd <n>]",
     N_("make a helper's identity, protected by their passphrase; print its public key"),
     N_("  --aidant                  a helper's identity (default <home>/aidant-identity.age)\n"
        "  -o, --output <file>       write it there instead\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"destroy", cmd_destroy, "--yes [--vault <dir>] [--passphrase-fd <n>]",
     N_("make the vault unreadable for good (keys overwritten, then everything removed)"),
     N_("  --yes                     confirm: this cannot be undone\n"
        "  --vault <dir>             the vault folder (default <home>/vault)\n"
        "  --passphrase-fd <n>       read the passphrase (then the next secrets) from this\n"
        "                            descriptor, one per line\n"
        "  --passphrase-file <file>  read the passphrase from this file\n")},
    {"domains", cmd_domains, "", N_("list the domains of a vault"), NULL},
    {"types", cmd_types, "", N_("list the document types"), NULL},
    {"age", cmd_age,
     "encrypt (-r <recipient>... | --passphrase-fd <n>) [-o <out>] [<in>] | "
     "decrypt [-i <identity>]... [--passphrase-fd <n>] [-o <out>] [<in>] | keygen [-o <out>]",
     N_("age-compatible plumbing: encrypt, decrypt, make a key"),
     N_("  -r, --recipient <age1...>  encrypt to this public key (repeatable)\n"
        "  -i, --identity <file>      decrypt with this identity file (age-keygen's, or\n"
        "                             one protected by a passphrase; repeatable)\n"
        "  -o, --output <file>        write there (decrypt: 0600, only once authenticated)\n"
        "  --passphrase-fd <n>        read the passphrase from this descriptor\n"
        "  --passphrase-file <file>   read the passphrase from this file\n"
        "exit status: 65 malformed or altered file, 77 no identity matches\n")},
    {NULL, NULL, NULL, NULL, NULL},
};

static const struct tool tool = {
    "aidant-vault",
    N_("The person's encrypted safe: documents and credentials in the age format,\n"
       "shared by domain with a named helper, limited in time and revocable."),
    commands,
};

int main(int argc, char **argv)
{
        secret_no_core();
        if (sodium_init() < 0)
                return EX_SOFTWARE;
        return cli_run(&tool, argc, argv);
}
