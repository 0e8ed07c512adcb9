/* The vault of the demo sandbox (--demo): a fictitious person's safe, passphrase "demo",
 * with a few fictitious documents and a credential, so that helpers train on it and
 * never on a real person's papers. */
#include "commands.h"
#include "demo.h"
#include "guarded.h"
#include "i18n.h"
#include "msg.h"
#include "txn.h"
#include "vault.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_OWNER "Nadia Benali (fictive)"

static const struct demo_doc {
        const char *domain, *type, *title, *file, *expires, *text;
} demo_docs[] = {
    {"identite", "cni", "Carte d’identité (fictive)", "cni-recto.pdf", "2031-05-02",
     DEMO_MARK ". Carte nationale d’identité fictive de Nadia Benali.\n"},
    {"social", "attestation-caf", "Attestation de paiement CAF, octobre 2026 (fictive)",
     "attestation-caf.pdf", "", DEMO_MARK ". Attestation de paiement fictive.\n"},
    {"impots", "avis-impot", "Avis d’impôt 2026 sur les revenus 2025 (fictif)", "avis-impot.pdf",
     "", DEMO_MARK ". Avis d’imposition fictif.\n"},
    {"logement", "quittance-loyer", "Quittance de loyer, novembre 2026 (fictive)", "quittance.pdf",
     "", DEMO_MARK ". Quittance fictive.\n"},
};

/* Stages one fictitious document. */
static json_t *demo_document(struct txn *t, const struct demo_doc *d)
{
        struct age_recipient r[VAULT_MAX_KEYS];
        struct vault_doc_meta m = {d->domain, d->title, d->type, ""};
        FILE *in = fmemopen((void *)d->text, strlen(d->text), "rb");
        int n = vault_recipients(t->v, d->domain, r);
        json_t *e;

        if (in == NULL)
                die(EX_OSERR, "%s", _("out of memory"));
        snprintf(m.expires, sizeof(m.expires), "%s", d->expires);
        e = vault_stage_document(t, in, d->file, &m, r, n);
        fclose(in);
        return e;
}

/* Adds the documents and the credential, one index per domain, in one change. */
static void demo_contents(struct vault *v)
{
        size_t ndocs = sizeof(demo_docs) / sizeof(*demo_docs);
        json_t *secret, *idx;
        struct txn t;

        txn_begin(v, &t);
        for (int i = 0; vault_domains[i] != NULL; i++) {
                int used = 0;

                idx = vault_index_load(v, vault_domains[i]);
                for (size_t k = 0; k < ndocs; k++) {
                        if (strcmp(demo_docs[k].domain, vault_domains[i]) != 0)
                                continue;
                        json_array_append_new(json_object_get(idx, "entries"),
                                              demo_document(&t, &demo_docs[k]));
                        used = 1;
                }
                if (strcmp(vault_domains[i], "social") == 0) {
                        secret = vault_json(json_pack("{s:s, s:s, s:s, s:s}", "name", "caf",
                                                      "login", "1234567", "url", "https://caf.fr",
                                                      "password", "MotDePasseCAF-demo"));
                        json_array_append_new(json_object_get(idx, "entries"),
                                              vault_stage_secret(&t, "social", secret));
                        json_decref(secret);
                        used = 1;
                }
                if (used)
                        vault_index_stage(&t, vault_domains[i], idx);
                json_decref(idx);
        }
        txn_commit(&t);
}

void vault_demo_fill(struct ctx *ctx)
{
        struct secret pass = {guarded_alloc(sizeof(DEMO_PASSPHRASE)), strlen(DEMO_PASSPHRASE)};
        char *dir = xasprintf("%s/vault", ctx->home);
        struct vault *v;

        memcpy(pass.buf, DEMO_PASSPHRASE, sizeof(DEMO_PASSPHRASE));
        v = vault_init_dir(ctx, dir, DEMO_OWNER, &pass, NULL, 0);
        guarded_free(pass.buf);
        demo_contents(v);
        vault_close(v);
        msg_notice(_("the demo vault of %s is in %s; its passphrase is \"%s\" (type it, or "
                     "give --passphrase-file with a file holding it)"),
                   DEMO_OWNER, dir, DEMO_PASSPHRASE);
        free(dir);
}
