/* The diag part of the demo sandbox (--demo): the quick diagnoses of five fictitious
 * people met at a France Services desk in autumn 2026, and the full diagnosis of one of
 * them three months later. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "diagnose.h"
#include "form.h"
#include "i18n.h"
#include "msg.h"
#include "store.h"

#include <stdlib.h>

static const char *const rapide[] = {
    "{\"usager\":\"u-demo-josiane\",\"date\":\"2026-09-14\",\"answers\":{\"appareils\":"
    "[\"smartphone\"],\"connexion\":\"forfait\",\"email\":\"aide\",\"mots_de_passe\":"
    "\"quelquun\",\"smartphone\":[\"appeler\",\"photo\"],\"lire_ecrire\":\"facile\","
    "\"recherche\":\"parfois\",\"arnaque\":\"demande\",\"demarches\":\"verifie\","
    "\"apprendre\":[\"email\",\"demarches\"]}}",
    "{\"usager\":\"u-demo-karim\",\"date\":\"2026-09-21\",\"answers\":{\"appareils\":"
    "[\"smartphone\",\"ordinateur\"],\"connexion\":\"box\",\"email\":\"seul\","
    "\"mots_de_passe\":\"memoire\",\"smartphone\":[\"application\"],\"lire_ecrire\":"
    "\"facile\",\"recherche\":\"seul\",\"arnaque\":\"supprime\",\"demarches\":\"seul\","
    "\"apprendre\":[\"emploi\"]}}",
    "{\"usager\":\"u-demo-maria\",\"date\":\"2026-10-05\",\"answers\":{\"appareils\":"
    "[\"smartphone\"],\"connexion\":\"forfait\",\"email\":\"non\",\"mots_de_passe\":"
    "\"jamais\",\"smartphone\":[\"appeler\"],\"lire_ecrire\":\"autre_langue\",\"recherche\":"
    "\"aide\",\"arnaque\":\"demande\",\"demarches\":\"avec\",\"apprendre\":[\"email\","
    "\"enfants\"]}}",
    "{\"usager\":\"u-demo-robert\",\"date\":\"2026-10-19\",\"answers\":{\"appareils\":"
    "[\"aucun\"],\"connexion\":\"non\",\"email\":\"non\",\"mots_de_passe\":\"jamais\","
    "\"smartphone\":[\"rien\"],\"lire_ecrire\":\"difficile\",\"recherche\":\"non\","
    "\"arnaque\":\"repond\",\"demarches\":\"jamais\",\"apprendre\":[\"rien\"]}}",
    "{\"usager\":\"u-demo-lea\",\"date\":\"2026-11-02\",\"answers\":{\"appareils\":"
    "[\"smartphone\",\"tablette\"],\"connexion\":\"box\",\"email\":\"oubliee\","
    "\"mots_de_passe\":\"papier\",\"smartphone\":[\"appeler\",\"photo\",\"application\"],"
    "\"lire_ecrire\":\"facile\",\"recherche\":\"seul\",\"arnaque\":\"appelle\","
    "\"demarches\":\"verifie\",\"apprendre\":[\"securite\"]}}",
};

/* The full form answered by Josiane in December: every question "essai" (level 2), some
 * better, so that compare shows her progress. */
static json_t *complet_answers(const struct form *f)
{
        json_t *answers = json_object();

        for (size_t i = 0; i < f->nquestions; i++) {
                const struct question *q = &f->questions[i];
                const char *id = q->ncompetences > 0 ? "essai" : q->choices[0].id;

                json_object_set_new(answers, q->id,
                                    q->multiple ? json_pack("[s]", id) : json_string(id));
        }
        json_object_set_new(answers, "demarches", json_string("verifie"));
        json_object_set_new(answers, "justificatif_email", json_string("seul"));
        json_object_set_new(answers, "franceconnect", json_string("seul"));
        json_object_set_new(answers, "sms_colis", json_string("expert"));
        return json_pack("{s:s,s:s,s:o}", "usager", "u-demo-josiane", "date", "2026-12-14",
                         "answers", answers);
}

static void store(struct denv *e, const struct form *f, json_t *answers)
{
        struct diag_input in = {NULL, e->today, NULL};
        char *error = NULL;
        json_t *doc = diag_from_answers(f, answers, "demo", &in, &error);

        if (doc == NULL)
                die(EX_SOFTWARE, "%s", error);
        db_store_local(e, doc);
        json_decref(doc);
}

void diag_demo_fill(struct ctx *ctx)
{
        struct form *quick = form_find(NULL, "rapide"), *full = form_find(NULL, "complet");
        struct denv *e = denv_open(ctx);
        json_t *answers;

        store_begin(e->db);
        for (size_t i = 0; i < sizeof(rapide) / sizeof(rapide[0]); i++) {
                answers = json_loads(rapide[i], 0, NULL);
                store(e, quick, answers);
                json_decref(answers);
        }
        answers = complet_answers(full);
        store(e, full, answers);
        json_decref(answers);
        store_commit(e->db);
        msg_notice("%s", _("demo: six fictitious diagnoses of five people"));
        denv_close(e);
        form_free(quick);
        form_free(full);
}
