/* What the mandate and revocation attestations say, full and easy to read (FALC), as
 * documents of common/doc; and the short statement their QR code carries, signed. */
#ifndef MANDATE_PAPERS_H
#define MANDATE_PAPERS_H

#include "doc.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* The structure as its papers name it; address and phone may be NULL. */
struct paper_structure {
        const char *name, *siret, *address, *phone, *keyid;
};

/* The person as the papers name them; civility may be NULL (neutral wording). */
struct paper_person {
        const char *given, *family, *birth, *civility, *pseudo;
};

struct paper_mandate {
        struct paper_structure s;
        struct paper_person p;
        long long id;
        const char *helper;
        const int *demarches;
        int ndemarches;
        time_t created, expires;
        const char *consent, *code;
        const char *qr; /* the signed statement (paper_mandate_statement and its .minisig) */
        size_t qr_len;
};

struct paper_revocation {
        struct paper_structure s;
        struct paper_person p;
        long long mandat;
        const int *demarches, *kept; /* revoked now; still in force after (may be 0) */
        int ndemarches, nkept;
        time_t when, expires;
        const char *by, *reason; /* by: "usager" or "aidant"; reason may be NULL */
        const char *code, *file; /* file: the base name of its files, for minisign */
        const char *qr;
        size_t qr_len;
};

/* The statement a phone checks, in a few lines of "key: value" (new string): what the
 * paper says that matters, to be signed by the structure key; the QR code holds it
 * followed by its .minisig, so its last four lines are the signature. */
char *paper_mandate_statement(const struct paper_mandate *m);
char *paper_revocation_statement(const struct paper_revocation *r);

/* The attestation, full or easy to read; new document. */
struct doc *paper_mandate_doc(const struct paper_mandate *m, bool easy);
struct doc *paper_revocation_doc(const struct paper_revocation *r, bool easy);

#endif
