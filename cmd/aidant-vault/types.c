/* Document types: what people bring to a helper, sorted by the domain they belong to. */
#include "types.h"
#include "i18n.h"

#include <string.h>

const struct doc_type doc_types[] = {
    {"cni", N_("national identity card"), "identite"},
    {"passeport", N_("passport"), "identite"},
    {"titre-sejour", N_("residence permit"), "identite"},
    {"acte-naissance", N_("birth certificate"), "identite"},
    {"permis-conduire", N_("driving licence"), "identite"},
    {"attestation-caf", N_("CAF certificate (benefits)"), "social"},
    {"notification-rsa", N_("RSA decision"), "social"},
    {"carte-vitale", N_("health insurance card (carte Vitale)"), "sante"},
    {"attestation-droits", N_("health insurance rights certificate"), "sante"},
    {"complementaire-sante", N_("complementary health insurance (C2S) certificate"), "sante"},
    {"bail", N_("lease"), "logement"},
    {"quittance-loyer", N_("rent receipt"), "logement"},
    {"attestation-assurance", N_("home insurance certificate"), "logement"},
    {"bulletin-salaire", N_("pay slip"), "emploi"},
    {"contrat-travail", N_("employment contract"), "emploi"},
    {"attestation-france-travail", N_("France Travail certificate"), "emploi"},
    {"avis-impot", N_("tax notice"), "impots"},
    {"declaration-revenus", N_("income tax return"), "impots"},
    {"facture-energie", N_("energy bill"), "energie"},
    {"cheque-energie", N_("energy cheque"), "energie"},
    {"livret-famille", N_("family record book"), "famille"},
    {"jugement", N_("court decision (divorce, custody)"), "famille"},
    {"rib", N_("bank details (RIB)"), "social"},
    {"autre", N_("other document"), NULL},
    {NULL, NULL, NULL},
};

const struct doc_type *types_find(const char *id)
{
        for (const struct doc_type *t = doc_types; t->id != NULL; t++)
                if (strcmp(t->id, id) == 0)
                        return t;
        return NULL;
}
