/* aidant-vault: the person's encrypted safe, shared by domain, in the age format. */
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "secret.h"

#include <sodium.h>
#include <sysexits.h>

static const struct command commands[] = {
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
