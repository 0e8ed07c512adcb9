/* The printable attestations of mandates and revocations, in text and HTML, full and
 * easy to read, each with its minisign signature (.minisig) by the structure key. */
#ifndef MANDATE_ATTESTATION_H
#define MANDATE_ATTESTATION_H

#include "db.h"

#include <stdbool.h>
#include <time.h>

struct mandate_doc {
        long long id;
        const char *pseudo;
        const char *given, *family, *birth, *civility; /* the person; civility may be NULL */
        long long aidant;
        const char *aidant_name;
        const int *demarches;
        int ndemarches;
        time_t created, expires;
        const char *duration, *consent;
        char code[10]; /* filled by attestation_write */
};

/* The BLAKE2b-256 (hex) of the four forms of a paper, as the journal records them. */
struct attestation_hashes {
        char text[65], html[65], easy_text[65], easy_html[65];
};

/* Renders, signs and writes <dir>/attestations/<id>.txt, .html, .easy.txt and .easy.html
 * with their .minisig. head_seq and head are the journal's head before the mandate,
 * named in the signed trusted comment. Fills h and d->code. */
void attestation_write(struct env *e, struct mandate_doc *d, long long head_seq, const char *head,
                       struct attestation_hashes *h);

/* A revocation: the démarches of mandate revoked now, by "usager" or "aidant". */
struct revocation_req {
        long long mandat;
        const int *demarches;
        int ndemarches;
        const char *by, *reason;
};

/* Writes the signed revocation attestation <dir>/revocations/<mandat>-<head_seq + 1>.txt
 * (and .html, .easy.txt, .easy.html), naming the journal's head before the revocation in
 * its trusted comment, before the authorisations are marked revoked; fills h and returns
 * the path of the text form (new string). */
char *revocation_write(struct env *e, const struct revocation_req *q, long long head_seq,
                       const char *head, struct attestation_hashes *h);

/* <dir>/attestations/<id>.txt or .html, or the easy-to-read .easy.txt or .easy.html;
 * new string. */
char *attestation_path(const struct env *e, long long id, bool html, bool easy);

#endif
