/* The printable attestations of mandates and revocations, in text and HTML, each with
 * its minisign signature (.minisig) by the structure key. */
#ifndef MANDATE_ATTESTATION_H
#define MANDATE_ATTESTATION_H

#include "db.h"

#include <stdbool.h>
#include <time.h>

struct mandate_doc {
        long long id;
        const char *pseudo;
        const char *given, *family, *birth; /* the person */
        long long aidant;
        const char *aidant_name;
        const int *demarches;
        int ndemarches;
        time_t created, expires;
        const char *duration, *consent;
        char code[10]; /* filled by attestation_write */
};

/* Renders, signs and writes <dir>/attestations/<id>.txt and .html with their .minisig.
 * head_seq and head are the journal's head before the mandate, named in the signed
 * trusted comment. Fills text_hash and html_hash (hex BLAKE2b-256) and d->code. */
void attestation_write(struct env *e, struct mandate_doc *d, long long head_seq, const char *head,
                       char text_hash[65], char html_hash[65]);

/* Writes the signed revocation attestation <dir>/revocations/<mandat>-<head_seq + 1>.txt,
 * naming the journal's head before the revocation in its trusted comment; fills hash
 * (hex BLAKE2b-256 of the text) and returns the path (new string). */
char *revocation_write(struct env *e, long long mandat, const int *demarches, int n, const char *by,
                       const char *reason, long long head_seq, const char *head, char hash[65]);

/* <dir>/attestations/<id>.txt or .html, new string. */
char *attestation_path(const struct env *e, long long id, bool html);

#endif
