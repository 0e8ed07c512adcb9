/* Attestations: what a person keeps on paper. Each is written in four forms (text and
 * HTML, full and easy to read), each signed; the text form is what `minisign -V` checks,
 * and every form carries a QR code of the signed statement a phone checks. */
#include "attestation.h"
#include "clock.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"
#include "papers.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *attestation_path(const struct env *e, long long id, bool html, bool easy)
{
        return xasprintf("%s/attestations/%lld%s.%s", e->dir, id, easy ? ".easy" : "",
                         html ? "html" : "txt");
}

/* The verification code: 8 characters of Crockford base32 over the signed facts,
 * short enough to be read out on the phone. */
static void make_code(const char *facts, char out[10])
{
        static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        unsigned char h[32];
        int j = 0;

        crypto_generichash(h, sizeof(h), (const unsigned char *)facts, strlen(facts), NULL, 0);
        for (int i = 0; i < 8; i++) {
                out[j++] = b32[h[i] & 31];
                if (i == 3)
                        out[j++] = '-';
        }
        out[j] = '\0';
}

/* The structure as the papers name it; the strings are the caller's to free with
 * structure_clear. */
static void structure_of(struct env *e, struct paper_structure *s)
{
        s->name = xstrdup(structure_name(e->st));
        s->siret = xstrdup(structure_siret(e->st));
        s->address = structure_address(e->st);
        s->phone = structure_phone(e->st);
        s->keyid = e->keyid;
}

static void structure_clear(struct paper_structure *s)
{
        free((char *)s->name);
        free((char *)s->siret);
}

/* What the QR code holds: the statement followed by its .minisig (new string). */
static char *signed_statement(struct env *e, char *statement, const char *trusted, size_t *len)
{
        char *sig = structure_sign(e->st, statement, strlen(statement), trusted);
        char *all = xasprintf("%s%s", statement, sig);

        free(sig);
        free(statement);
        *len = strlen(all);
        return all;
}

/* The four forms of a paper, each rendered, signed and written to base + suffix with
 * its .minisig: the eight files committed together (one sync of their folder). */
static void write_forms(struct env *e, const char *base, struct doc *full, struct doc *easy,
                        const char *trusted, struct attestation_hashes *h)
{
        static const char *const suffix[4] = {".txt", ".html", ".easy.txt", ".easy.html"};
        char *hash[4] = {h->text, h->html, h->easy_text, h->easy_html};
        struct afile *files[8];

        for (int i = 0; i < 4; i++) {
                char *path = xasprintf("%s%s", base, suffix[i]);
                char *sig_path = xasprintf("%s.minisig", path);
                char *text = doc_render(i < 2 ? full : easy, i % 2 ? DOC_HTML : DOC_TEXT);
                char *sig = structure_sign(e->st, text, strlen(text), trusted);

                files[2 * i] = env_stage(path, text, strlen(text), 0600);
                files[2 * i + 1] = env_stage(sig_path, sig, strlen(sig), 0600);
                hash_hex(text, strlen(text), hash[i]);
                free(sig);
                free(text);
                free(sig_path);
                free(path);
        }
        afile_commit_all(files, 8);
}

void attestation_write(struct env *e, struct mandate_doc *d, long long head_seq, const char *head,
                       struct attestation_hashes *h)
{
        struct paper_mandate pm = {.id = d->id, .helper = d->aidant_name};
        char *dir = xasprintf("%s/attestations", e->dir), *base, *trusted, *facts;
        char x[11];
        struct doc *full, *easy;

        facts = xasprintf("%s|%lld|%s|%lld|%lld", e->keyid, d->id, d->pseudo, (long long)d->created,
                          (long long)d->expires);
        make_code(facts, d->code);
        free(facts);
        structure_of(e, &pm.s);
        pm.p = (struct paper_person){d->given, d->family, d->birth, d->civility, d->pseudo};
        pm.demarches = d->demarches;
        pm.ndemarches = d->ndemarches;
        pm.created = d->created;
        pm.expires = d->expires;
        pm.consent = d->consent;
        pm.code = d->code;
        clock_format_date(d->expires, x);
        trusted = xasprintf("aidant-mandate attestation mandat:%lld code:%s expires:%s", d->id,
                            d->code, x);
        pm.qr = signed_statement(e, paper_mandate_statement(&pm), trusted, &pm.qr_len);
        free(trusted);
        trusted = xasprintf("aidant-mandate attestation mandat:%lld code:%s expires:%s seq:%lld "
                            "head:%s",
                            d->id, d->code, x, head_seq, head);
        full = paper_mandate_doc(&pm, false);
        easy = paper_mandate_doc(&pm, true);
        fs_mkdirs(dir);
        base = xasprintf("%s/%lld", dir, d->id);
        write_forms(e, base, full, easy, trusted, h);
        doc_free(full);
        doc_free(easy);
        structure_clear(&pm.s);
        free((char *)pm.qr);
        free(base);
        free(trusted);
        free(dir);
}

/* The person a mandate names (dies with 65 when they were forgotten); free each string. */
static void person_of_mandate(struct env *e, long long mandat, struct paper_person *p,
                              time_t *expires)
{
        sqlite3_stmt *st = store_prepare(
            e->db,
            "SELECT u.given, u.family, u.birth, u.pseudo, m.expires, u.civilite FROM mandat m"
            " JOIN usager u ON u.pseudo = m.usager"
            " WHERE m.id = ? AND u.forgotten_at IS NULL");

        sqlite3_bind_int64(st, 1, mandat);
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_DATAERR, _("the person of mandate %lld was forgotten"), mandat);
        p->given = xstrdup((const char *)sqlite3_column_text(st, 0));
        p->family = xstrdup((const char *)sqlite3_column_text(st, 1));
        p->birth = xstrdup((const char *)sqlite3_column_text(st, 2));
        p->pseudo = xstrdup((const char *)sqlite3_column_text(st, 3));
        p->civility = sqlite3_column_type(st, 5) == SQLITE_NULL
                          ? NULL
                          : xstrdup((const char *)sqlite3_column_text(st, 5));
        *expires = (time_t)sqlite3_column_int64(st, 4);
        sqlite3_finalize(st);
}

static void person_clear(struct paper_person *p)
{
        free((char *)p->given);
        free((char *)p->family);
        free((char *)p->birth);
        free((char *)p->pseudo);
        free((char *)p->civility);
}

/* The démarches of the mandate still in force that this revocation leaves in force. */
static int kept_demarches(struct env *e, long long mandat, const int *gone, int ngone,
                          int kept[DEMARCHE_COUNT])
{
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT demarche FROM autorisation WHERE mandat = ? AND revoked_at IS NULL"
                   " ORDER BY rowid");
        int n = 0;

        sqlite3_bind_int64(st, 1, mandat);
        while (store_step(e->db, st) == SQLITE_ROW && n < DEMARCHE_COUNT) {
                int d = demarche_find((const char *)sqlite3_column_text(st, 0)), k = 0;

                while (k < ngone && gone[k] != d)
                        k++;
                if (d >= 0 && k == ngone)
                        kept[n++] = d;
        }
        sqlite3_finalize(st);
        return n;
}

char *revocation_write(struct env *e, const struct revocation_req *q, long long head_seq,
                       const char *head, struct attestation_hashes *h)
{
        struct paper_revocation pr = {.mandat = q->mandat, .demarches = q->demarches};
        struct strbuf ids = STRBUF_INIT;
        char when[32], code[10], *dir = xasprintf("%s/revocations", e->dir), *base, *trusted;
        int kept[DEMARCHE_COUNT];
        struct doc *full, *easy;

        clock_format_iso(e->now, when);
        for (int i = 0; i < q->ndemarches; i++)
                strbuf_addf(&ids, "%s%s", i > 0 ? "," : "", demarche_ids[q->demarches[i]]);
        base =
            xasprintf("%s|%lld|%s|%s|%lld", e->keyid, q->mandat, strbuf_str(&ids), when, head_seq);
        make_code(base, code);
        free(base);
        structure_of(e, &pr.s);
        person_of_mandate(e, q->mandat, &pr.p, &pr.expires);
        pr.ndemarches = q->ndemarches;
        pr.kept = kept;
        pr.nkept = kept_demarches(e, q->mandat, q->demarches, q->ndemarches, kept);
        pr.when = e->now;
        pr.by = q->by;
        pr.reason = q->reason;
        pr.code = code;
        base = xasprintf("%lld-%lld", q->mandat, head_seq + 1);
        pr.file = base;
        trusted = xasprintf("aidant-mandate revocation mandat:%lld demarches:%s code:%s", q->mandat,
                            strbuf_str(&ids), code);
        pr.qr = signed_statement(e, paper_revocation_statement(&pr), trusted, &pr.qr_len);
        free(trusted);
        trusted = xasprintf("aidant-mandate revocation mandat:%lld demarches:%s time:%s "
                            "seq:%lld head:%s",
                            q->mandat, strbuf_str(&ids), when, head_seq, head);
        full = paper_revocation_doc(&pr, false);
        easy = paper_revocation_doc(&pr, true);
        free(base);
        fs_mkdirs(dir);
        base = xasprintf("%s/%lld-%lld", dir, q->mandat, head_seq + 1);
        write_forms(e, base, full, easy, trusted, h);
        doc_free(full);
        doc_free(easy);
        structure_clear(&pr.s);
        person_clear(&pr.p);
        free((char *)pr.qr);
        strbuf_release(&ids);
        free(dir);
        free(trusted);
        dir = xasprintf("%s.txt", base);
        free(base);
        return dir;
}
