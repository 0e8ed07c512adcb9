/* Attestations: what a person keeps on paper. The text form is what `minisign -V`
 * checks; the HTML form says the same for printing. Both are signed. */
#include "attestation.h"
#include "clock.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *attestation_path(const struct env *e, long long id, bool html)
{
        return xasprintf("%s/attestations/%lld.%s", e->dir, id, html ? "html" : "txt");
}

/* The verification code: 8 characters of Crockford base32 over the signed facts,
 * short enough to be read out on the phone. */
static void make_code(const struct env *e, const struct mandate_doc *d, char out[10])
{
        static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        char *facts = xasprintf("%s|%lld|%s|%lld|%lld", e->keyid, d->id, d->pseudo,
                                (long long)d->created, (long long)d->expires);
        unsigned char h[32];
        int j = 0;

        crypto_generichash(h, sizeof(h), (const unsigned char *)facts, strlen(facts), NULL, 0);
        for (int i = 0; i < 8; i++) {
                out[j++] = b32[h[i] & 31];
                if (i == 3)
                        out[j++] = '-';
        }
        out[j] = '\0';
        free(facts);
}

static void structure_of(struct env *e, char **name, char **siret)
{
        sqlite3_stmt *st = store_prepare(e->db, "SELECT name, siret FROM structure WHERE id = 1");

        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_CONFIG, "%s", _("the store holds no structure: run 'aidant-mandate init'"));
        *name = xstrdup((const char *)sqlite3_column_text(st, 0));
        *siret = xstrdup((const char *)sqlite3_column_text(st, 1));
        sqlite3_finalize(st);
}

/* A growing string. */
struct buf {
        char *s;
        size_t len;
};

static void add(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct buf *b, const char *fmt, ...)
{
        va_list ap;
        char *piece;
        size_t n;

        va_start(ap, fmt);
        if (vasprintf(&piece, fmt, ap) < 0)
                die(EX_OSERR, "%s", _("out of memory"));
        va_end(ap);
        n = strlen(piece);
        b->s = xrealloc(b->s, b->len + n + 1);
        memcpy(b->s + b->len, piece, n + 1);
        b->len += n;
        free(piece);
}

/* Text with <, >, & and " escaped for HTML, new string. */
static char *html_escape(const char *s)
{
        struct buf b = {xstrdup(""), 0};

        for (; *s != '\0'; s++) {
                if (*s == '<')
                        add(&b, "&lt;");
                else if (*s == '>')
                        add(&b, "&gt;");
                else if (*s == '&')
                        add(&b, "&amp;");
                else if (*s == '"')
                        add(&b, "&quot;");
                else
                        add(&b, "%c", *s);
        }
        return b.s;
}

/* The facts of the attestation as label/value pairs, shared by both forms. */
struct fact {
        const char *label;
        char *value;
};

static int facts_of(struct env *e, const struct mandate_doc *d, struct fact f[12])
{
        char *sname, *siret, c[11], x[11];
        int n = 0;

        structure_of(e, &sname, &siret);
        clock_format_date(d->created, c);
        clock_format_date(d->expires, x);
        f[n++] = (struct fact){_("Structure"), xasprintf("%s (SIRET %s)", sname, siret)};
        f[n++] = (struct fact){_("Structure key"), xstrdup(e->keyid)};
        f[n++] = (struct fact){_("Mandate"), xasprintf("%lld", d->id)};
        f[n++] = (struct fact){_("Person"), xasprintf(_("%s %s, born on %s (file %s)"), d->given,
                                                      d->family, d->birth, d->pseudo)};
        f[n++] = (struct fact){_("Helper"), xasprintf("%s (%lld)", d->aidant_name, d->aidant)};
        f[n++] = (struct fact){_("Consent"), xstrdup(strcmp(d->consent, "paper") == 0
                                                         ? _("signed on a paper form")
                                                         : _("given in person to the helper"))};
        f[n++] = (struct fact){_("Created on"), xstrdup(c)};
        f[n++] = (struct fact){_("Valid until"), xasprintf("%s (%s)", x, d->duration)};
        f[n++] = (struct fact){_("Verification code"), xstrdup(d->code)};
        free(sname);
        free(siret);
        return n;
}

static const char *revoke_help(void)
{
        return _("The person can revoke this mandate at any time, free of charge, for all or "
                 "some démarches: by asking the structure, which records the revocation and "
                 "gives a signed revocation attestation. The mandate ends by itself on the date "
                 "above. The helper never asks for or keeps the person's passwords.");
}

static char *render_text(struct env *e, const struct mandate_doc *d, struct fact *f, int n)
{
        struct buf b = {xstrdup(""), 0};

        add(&b, "%s\n\n", _("MANDATE ATTESTATION"));
        for (int i = 0; i < n; i++)
                add(&b, "%-20s %s\n", f[i].label, f[i].value);
        add(&b, "\n%s\n", _("The person authorises the structure to act on their behalf for:"));
        for (int i = 0; i < d->ndemarches; i++)
                add(&b, "  - %s (%s)\n", _(demarche_labels[d->demarches[i]]),
                    demarche_ids[d->demarches[i]]);
        add(&b, "\n%s\n\n", revoke_help());
        add(&b, _("To check this attestation: minisign -V -p structure.pub -m %lld.txt\n"), d->id);
        return b.s;
}

static char *render_html(struct env *e, const struct mandate_doc *d, struct fact *f, int n)
{
        struct buf b = {xstrdup(""), 0};

        add(&b,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head><meta charset=\"utf-8\">"
            "<title>%s %lld</title></head>\n<body>\n<h1>%s</h1>\n<table>\n",
            _("en"), _("MANDATE ATTESTATION"), d->id, _("MANDATE ATTESTATION"));
        for (int i = 0; i < n; i++) {
                char *t = html_escape(f[i].value);

                add(&b, "<tr><th>%s</th><td>%s</td></tr>\n", f[i].label, t);
                free(t);
        }
        add(&b, "</table>\n<p>%s</p>\n<ul>\n",
            _("The person authorises the structure to act on their behalf for:"));
        for (int i = 0; i < d->ndemarches; i++)
                add(&b, "<li>%s</li>\n", _(demarche_labels[d->demarches[i]]));
        add(&b, "</ul>\n<p>%s</p>\n</body>\n</html>\n", revoke_help());
        return b.s;
}

static void write_signed(struct env *e, const char *path, const char *text, const char *trusted,
                         char hash[65])
{
        char *sig = sig_sign(e->sk, (const unsigned char *)text, strlen(text),
                             "signature from the structure key of aidant-mandate", trusted);
        char *sig_path = xasprintf("%s.minisig", path);

        env_write(path, text, strlen(text), 0600);
        env_write(sig_path, sig, strlen(sig), 0644);
        hash_hex(text, strlen(text), hash);
        free(sig);
        free(sig_path);
}

void attestation_write(struct env *e, struct mandate_doc *d, long long head_seq, const char *head,
                       char text_hash[65], char html_hash[65])
{
        struct fact f[12];
        char *dir = xasprintf("%s/attestations", e->dir), *text, *html, *trusted, *p;
        char x[11];
        int n;

        make_code(e, d, d->code);
        n = facts_of(e, d, f);
        text = render_text(e, d, f, n);
        html = render_html(e, d, f, n);
        clock_format_date(d->expires, x);
        trusted = xasprintf("aidant-mandate attestation structure:%s mandat:%lld code:%s "
                            "expires:%s seq:%lld head:%s",
                            e->keyid, d->id, d->code, x, head_seq, head);
        fs_mkdirs(dir);
        p = attestation_path(e, d->id, false);
        write_signed(e, p, text, trusted, text_hash);
        free(p);
        p = attestation_path(e, d->id, true);
        write_signed(e, p, html, trusted, html_hash);
        free(p);
        for (int i = 0; i < n; i++)
                free(f[i].value);
        free(text);
        free(html);
        free(trusted);
        free(dir);
}

char *revocation_write(struct env *e, long long mandat, const int *demarches, int n, const char *by,
                       const char *reason, long long head_seq, const char *head, char hash[65])
{
        struct buf b = {xstrdup(""), 0}, ids = {xstrdup(""), 0};
        char *sname, *siret, when[32];
        char *dir = xasprintf("%s/revocations", e->dir), *path, *trusted;

        structure_of(e, &sname, &siret);
        clock_format_iso(e->now, when);
        add(&b, "%s\n\n", _("MANDATE REVOCATION"));
        add(&b, "%-20s %s (SIRET %s)\n", _("Structure"), sname, siret);
        add(&b, "%-20s %s\n", _("Structure key"), e->keyid);
        add(&b, "%-20s %lld\n", _("Mandate"), mandat);
        add(&b, "%-20s %s\n", _("Revoked on"), when);
        add(&b, "%-20s %s\n", _("Revoked by"),
            strcmp(by, "usager") == 0 ? _("the person") : _("the structure"));
        if (reason != NULL)
                add(&b, "%-20s %s\n", _("Reason"), reason);
        add(&b, "\n%s\n", _("The structure can no longer act on the person's behalf for:"));
        for (int i = 0; i < n; i++) {
                add(&b, "  - %s (%s)\n", _(demarche_labels[demarches[i]]),
                    demarche_ids[demarches[i]]);
                add(&ids, "%s%s", i > 0 ? "," : "", demarche_ids[demarches[i]]);
        }
        trusted = xasprintf("aidant-mandate revocation structure:%s mandat:%lld demarches:%s "
                            "time:%s seq:%lld head:%s",
                            e->keyid, mandat, ids.s, when, head_seq, head);
        fs_mkdirs(dir);
        path = xasprintf("%s/%lld-%lld.txt", dir, mandat, head_seq + 1);
        write_signed(e, path, b.s, trusted, hash);
        free(b.s);
        free(ids.s);
        free(sname);
        free(siret);
        free(dir);
        free(trusted);
        return path;
}
