/* The words of the mandate attestation, full and easy to read: who authorises whom, for
 * which démarches and how long, what the person can do, what the helper promises; and
 * the signed statement of its QR code. The layout is common/doc's. */
#include "papers.h"
#include "clock.h"
#include "db.h"
#include "demo.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What each démarche covers, in the order of demarche_ids. */
static const char *const covers[DEMARCHE_COUNT] = {
    N_("civil status, identity card, passport, elections"),
    N_("family allowances, birth, marriage, civil partnership, school"),
    N_("Carte Vitale, health insurance, unemployment, disability, RSA"),
    N_("job seeking, work contract, resignation, training, retirement"),
    N_("housing benefit, social housing, end of lease"),
    N_("vehicle registration, driving licence, roadworthiness test, fines"),
    N_("taxes, bank, credit, insurance, over-indebtedness"),
    N_("criminal record, complaint, legal aid, seizure"),
    N_("residence permits, certificate of hosting, family reunification"),
    N_("animals, boating licence, tourism, hunting licence"),
};

/* Who issues the paper: name, address, then phone and SIRET on one line. The easy
 * version keeps the name and address: its text says how to call. */
static void letterhead(struct doc *d, const struct paper_structure *s, bool easy)
{
        doc_letterhead(d, s->name);
        if (s->address != NULL && s->address[0] != '\0')
                doc_letterhead_line(d, "%s", s->address);
        if (easy)
                return;
        if (s->phone != NULL && s->phone[0] != '\0')
                doc_letterhead_line(d, _("Phone: %s · SIRET %s"), s->phone, s->siret);
        else
                doc_letterhead_line(d, _("SIRET %s"), s->siret);
}

/* "Mrs Josiane Lambert", "Mr ...", or the names alone; new string. */
static char *person_name(const struct paper_person *p)
{
        enum doc_gender g = doc_gender_of(p->civility);
        char *names = xasprintf("%s %s", p->given, p->family);
        char *s = xasprintf(doc_gendered(g, _("Mrs %s"), _("Mr %s"), "%s"), names);

        free(names);
        return s;
}

/* The person named with their birth date, as the first sentence needs: "Madame X, née
 * le 17 mai 1948", "Monsieur X, né le ...", or "X (date de naissance : ...)"; new. */
static char *person_designation(const struct paper_person *p)
{
        enum doc_gender g = doc_gender_of(p->civility);
        char *names = xasprintf("%s %s", p->given, p->family), *birth = doc_date(p->birth), *s;

        s = xasprintf(doc_gendered(g, _("Mrs %s, born on %s,"), _("Mr %s, born on %s,"),
                                   _("%s (date of birth: %s)")),
                      names, birth != NULL ? birth : p->birth);
        free(names);
        free(birth);
        return s;
}

/* The démarches as a list: full titles, and what each covers unless short. */
static void demarche_list(struct doc *d, const int *idx, int n, bool short_form)
{
        for (int i = 0; i < n; i++)
                doc_item(d, _(demarche_labels[idx[i]]), "%s", short_form ? "" : _(covers[idx[i]]));
        doc_list_columns(d, 2);
}

/* The ids of the démarches joined by commas, as the statement carries them. */
static void demarche_ids_join(struct strbuf *sb, const int *idx, int n)
{
        for (int i = 0; i < n; i++)
                strbuf_addf(sb, "%s%s", i > 0 ? "," : "", demarche_ids[idx[i]]);
}

static void statement_head(struct strbuf *sb, const char *what, long long id,
                           const struct paper_structure *s, const struct paper_person *p)
{
        strbuf_addf(sb, "aidant-mandate %s %lld\n", what, id);
        if (demo_active()) /* a phone shows it too: a demo paper never passes for a real one */
                strbuf_addf(sb, "demo: %s\n", DEMO_MARK);
        strbuf_addf(sb, "structure: %s\nsiret: %s\nkey: %s\n", s->name, s->siret, s->keyid);
        strbuf_addf(sb, "usager: %s %s\nbirth: %s\n", p->given, p->family, p->birth);
}

char *paper_mandate_statement(const struct paper_mandate *m)
{
        struct strbuf sb = STRBUF_INIT;
        char from[11], until[11];

        clock_format_date(m->created, from);
        clock_format_date(m->expires, until);
        statement_head(&sb, "attestation", m->id, &m->s, &m->p);
        strbuf_addstr(&sb, "demarches: ");
        demarche_ids_join(&sb, m->demarches, m->ndemarches);
        strbuf_addf(&sb, "\nfrom: %s\nuntil: %s\ncode: %s\n", from, until, m->code);
        return strbuf_detach(&sb, NULL);
}

char *paper_revocation_statement(const struct paper_revocation *r)
{
        struct strbuf sb = STRBUF_INIT;
        char when[32];

        clock_format_iso(r->when, when);
        statement_head(&sb, "revocation", r->mandat, &r->s, &r->p);
        strbuf_addstr(&sb, "demarches: ");
        demarche_ids_join(&sb, r->demarches, r->ndemarches);
        strbuf_addf(&sb, "\nrevoked: %s\nby: %s\n", when, r->by);
        return strbuf_detach(&sb, NULL);
}

/* How to reach the structure: "name, address, phone"; new string. */
static char *contact(const struct paper_structure *s)
{
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, s->name);
        if (s->address != NULL && s->address[0] != '\0')
                strbuf_addf(&sb, ", %s", s->address);
        if (s->phone != NULL && s->phone[0] != '\0')
                strbuf_addf(&sb, _(", phone %s"), s->phone);
        return strbuf_detach(&sb, NULL);
}

/* The QR code, floating beside what follows it; the easy version says the code under it,
 * the full one in its table of facts (a short caption keeps the float short). */
static void paper_qr(struct doc *d, const char *qr, size_t qr_len, const char *code, bool easy)
{
        char *caption = easy ? xasprintf(_("Verification code\n%s\nScan to check this paper"), code)
                             : xstrdup(_("Scan to check this paper"));

        doc_qr(d, qr, qr_len, caption);
        free(caption);
}

static long days_between(time_t a, time_t b)
{
        return (long)((b - a + 43200) / 86400); /* rounded: a change of time is an hour */
}

static void mandate_rights(struct doc *d, const struct paper_mandate *m)
{
        char *reach = contact(&m->s);

        doc_section(d, _("What the person can do"));
        doc_item(d, NULL,
                 _("Withdraw this mandate at any time, for all the démarches or some, without "
                   "giving a reason and for free: ask %s, which records it at once and gives "
                   "a signed revocation attestation."),
                 reach);
        doc_item(d, NULL, "%s",
                 _("Ask for everything the structure knows about them, and for their personal "
                   "data to be erased."));
        doc_section(d, _("What the helper promises"));
        doc_para(d, "%s",
                 _("The helper acts only for the démarches above, with the person's consent, "
                   "and explains what they do."));
        doc_para(d, "%s",
                 _("The helper never keeps the person's passwords and keeps their situation "
                   "confidential."));
        free(reach);
}

static void mandate_full(struct doc *d, const struct paper_mandate *m)
{
        char *who = person_designation(&m->p), *from = doc_date_of(m->created);
        char *until = doc_date_of(m->expires);
        long days = days_between(m->created, m->expires);

        doc_para(d,
                 _("%s authorises the structure %s to carry out on their behalf the online "
                   "démarches below (a mandate in the sense of articles 1984 and following of "
                   "the Civil Code)."),
                 who, m->s.name);
        doc_field(d, _("Helper"), "%s", m->helper);
        doc_field(d, _("Consent"), "%s",
                  strcmp(m->consent, "paper") == 0 ? _("on a paper form signed by the person")
                                                   : _("given in person to the helper"));
        doc_field(d, _("Start"), "%s", from);
        doc_field(d, _("End"),
                  ngettext("%s (%ld day; the mandate ends by itself)",
                           "%s (%ld days; the mandate ends by itself)", (unsigned long)days),
                  until, days);
        doc_field(d, _("Verification code"), "%s", m->code);
        doc_section(d, _("The démarches covered"));
        demarche_list(d, m->demarches, m->ndemarches, false);
        mandate_rights(d, m);
        free(who);
        free(from);
        free(until);
}

static void mandate_easy(struct doc *d, const struct paper_mandate *m)
{
        enum doc_gender g = doc_gender_of(m->p.civility);
        char *from = doc_date_of(m->created), *until = doc_date_of(m->expires);
        char *names = xasprintf("%s %s", m->p.given, m->p.family);

        doc_para(d, doc_gendered(g, _("You are Mrs %s."), _("You are Mr %s."), _("Your name: %s.")),
                 names);
        doc_para(d, _("You agree: %s does démarches on the Internet for you."), m->s.name);
        doc_para(d, _("The person who helps you: %s."), m->helper);
        doc_para(d, _("It starts on %s."), from);
        doc_para(d, _("It stops on %s."), until);
        doc_section(d, _("Only these démarches"));
        demarche_list(d, m->demarches, m->ndemarches, true);
        paper_qr(d, m->qr, m->qr_len, m->code, true);
        doc_section(d, _("You decide"));
        doc_para(d, "%s", _("You can stop it when you want."));
        doc_para(d, "%s", _("You do not have to say why."));
        doc_para(d, "%s", _("It is free."));
        doc_para(d, _("To stop it, go to %s."), m->s.name);
        if (m->s.address != NULL && m->s.address[0] != '\0')
                doc_para(d, _("The address: %s."), m->s.address);
        if (m->s.phone != NULL && m->s.phone[0] != '\0')
                doc_para(d, _("Or call %s."), m->s.phone);
        doc_section(d, _("The person who helps you promises"));
        doc_para(d, "%s", _("They never keep your passwords."));
        doc_para(d, "%s", _("They tell nobody about your life."));
        free(from);
        free(until);
        free(names);
}

/* The signatures and how to check: the same on every paper. base names its files
 * (<base>.txt, <base>.easy.txt), for minisign. */
static void checkable(struct doc *d, const struct paper_structure *s, const char *code,
                      const char *person, const char *signer, const char *base, bool easy,
                      const char *file)
{
        doc_signature(d, _("The person helped"), person);
        doc_signature(d, signer == NULL ? _("For the structure") : _("The helper"), signer);
        if (easy)
                doc_footer(d,
                           _("Verification code: %s. Structure key %s. To check this paper, scan "
                             "its QR code."),
                           code, s->keyid);
        else
                doc_footer(d,
                           _("File %s · verification code %s · structure key %s. To check: "
                             "scan the QR code, or minisign -V -p structure.pub -m %s.txt"),
                           file, code, s->keyid, base);
        doc_only(d, DOC_HTML);
        doc_footer(d,
                   _("Verification code %s. Structure key %s. To check this text: minisign -V "
                     "-p structure.pub -m %s%s.txt, with the structure's public key."),
                   code, s->keyid, base, easy ? ".easy" : "");
        doc_only(d, DOC_TEXT);
}

/* The head of every paper: the demo and easy-to-read banners and the letterhead. */
static struct doc *paper_head(const char *title, const struct paper_structure *s, bool easy)
{
        struct doc *d = doc_new(title);

        if (demo_active())
                doc_banner(d, "%s", DEMO_MARK);
        if (easy) {
                doc_style(d, DOC_EASY);
                doc_banner(d, "%s", _("Easy-to-read version"));
        }
        letterhead(d, s, easy);
        return d;
}

struct doc *paper_mandate_doc(const struct paper_mandate *m, bool easy)
{
        struct doc *d = paper_head(_("Mandate attestation"), &m->s, easy);
        char *name = person_name(&m->p), *made = doc_date_of(m->created);
        char *file = xasprintf("%lld", m->id);

        doc_subtitle(d, _("No. %lld, made on %s"), m->id, made);
        if (!easy)
                paper_qr(d, m->qr, m->qr_len, m->code, false);
        if (easy)
                mandate_easy(d, m);
        else
                mandate_full(d, m);
        checkable(d, &m->s, m->code, name, m->helper, file, easy, m->p.pseudo);
        free(name);
        free(made);
        free(file);
        return d;
}

static void revocation_full(struct doc *d, const struct paper_revocation *r, const char *who)
{
        char *on = doc_date_of(r->when), *until = doc_date_of(r->expires);

        if (strcmp(r->by, "usager") == 0)
                doc_para(d,
                         _("%s has withdrawn from the structure %s the right to act on their "
                           "behalf for the démarches below."),
                         who, r->s.name);
        else
                doc_para(d,
                         _("The structure %s has ended the mandate of %s for the démarches below."),
                         r->s.name, who);
        doc_field(d, _("Revoked on"), "%s", on);
        doc_field(d, _("Verification code"), "%s", r->code);
        doc_field(d, _("Asked by"), "%s",
                  strcmp(r->by, "usager") == 0 ? _("the person") : _("the structure"));
        if (r->reason != NULL && r->reason[0] != '\0')
                doc_field(d, _("Reason"), "%s", r->reason);
        doc_section(d, _("The démarches revoked"));
        demarche_list(d, r->demarches, r->ndemarches, false);
        doc_para(d, "%s",
                 _("From now on, the structure can no longer act on the person's behalf for "
                   "them."));
        if (r->nkept > 0) {
                doc_section(d, _("Still covered"));
                doc_para(d, _("The other démarches of the mandate stay covered until %s:"), until);
                demarche_list(d, r->kept, r->nkept, true);
        } else {
                doc_para(d, "%s", _("The mandate has ended: no démarche is covered any more."));
        }
        doc_section(d, _("What the person can do"));
        doc_item(d, NULL, "%s", _("Give a new mandate later, if they wish. It is free."));
        doc_item(d, NULL, "%s",
                 _("Ask for everything the structure knows about them, and for their personal "
                   "data to be erased."));
        free(on);
        free(until);
}

static void revocation_easy(struct doc *d, const struct paper_revocation *r)
{
        char *on = doc_date_of(r->when), *until = doc_date_of(r->expires);

        if (strcmp(r->by, "usager") == 0)
                doc_para(d, "%s", _("You have stopped the mandate."));
        else
                doc_para(d, _("%s has stopped the mandate."), r->s.name);
        doc_para(d, _("On %s."), on);
        doc_section(d, _("These démarches are stopped"));
        demarche_list(d, r->demarches, r->ndemarches, true);
        doc_para(d, _("%s can no longer do them for you."), r->s.name);
        if (r->nkept > 0) {
                doc_section(d, _("These démarches go on"));
                demarche_list(d, r->kept, r->nkept, true);
                doc_para(d, _("Until %s."), until);
        }
        paper_qr(d, r->qr, r->qr_len, r->code, true);
        doc_section(d, _("You decide"));
        doc_para(d, "%s", _("You can give a new mandate later."));
        doc_para(d, "%s", _("It is free."));
        doc_para(d, "%s", _("Keep this sheet with your papers."));
        free(on);
        free(until);
}

struct doc *paper_revocation_doc(const struct paper_revocation *r, bool easy)
{
        struct doc *d = paper_head(_("Revocation attestation"), &r->s, easy);
        char *name = person_name(&r->p), *who = person_designation(&r->p);
        char *on = doc_date_of(r->when);

        doc_subtitle(d, _("Mandate no. %lld, revoked on %s"), r->mandat, on);
        if (!easy)
                paper_qr(d, r->qr, r->qr_len, r->code, false);
        if (easy)
                revocation_easy(d, r);
        else
                revocation_full(d, r, who);
        checkable(d, &r->s, r->code, name, NULL, r->file, easy, r->p.pseudo);
        free(name);
        free(who);
        free(on);
        return d;
}
