/* The recovery sheet, in the easy-to-read style: the code in large groups, what it
 * opens, where to keep it, what to do if it is lost; rendered by common/doc. */
#include "sheet.h"
#include "doc.h"
#include "fs.h"
#include "i18n.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sheet_advice(struct doc *d)
{
        doc_section(d, _("What this code opens"));
        doc_para(d, "%s", _("This code opens your safe if you forget your passphrase."));
        doc_para(d, "%s", _("With it, you choose a new passphrase."));
        doc_para(d, "%s", _("It works only once: then you get a new code and a new sheet."));
        doc_section(d, _("Where to keep this sheet"));
        doc_para(d, "%s", _("At home, with your important papers."));
        doc_para(d, "%s", _("Never with the USB key or the computer where the safe is."));
        doc_para(d, "%s", _("Do not take a photo of it. Do not send it by message or e-mail."));
        doc_para(d, "%s",
                 _("Nobody needs this code but you: not the CAF, not the bank, not your "
                   "helper."));
        doc_section(d, _("If you lose this sheet"));
        doc_para(d, "%s", _("Your safe still opens with your passphrase."));
        doc_para(d, "%s",
                 _("Tell your helper at once: whoever finds the sheet and the safe could open "
                   "it."));
        doc_para(d, "%s",
                 _("If you forget your passphrase and lose this sheet, nobody can open the "
                   "safe: not your helper, not the structure."));
}

static struct doc *sheet(const char *owner, const char *dir, const struct secret *code, time_t now)
{
        struct doc *d = doc_new(_("Recovery sheet of your safe"));
        char *made = doc_date_of(now), *where = realpath(dir, NULL);

        doc_style(d, DOC_EASY);
        doc_subtitle(d, _("Made on %s"), made);
        doc_field(d, _("Safe of"), "%s", owner);
        doc_field(d, _("Where the safe is"), "%s", where != NULL ? where : dir);
        doc_code(d, _("Your recovery code"), code->buf, 4);
        doc_para(d, "%s",
                 _("Type it without the spaces, in capitals or small letters. There is no I "
                   "and no O: only letters."));
        doc_note(d, "%s", _("Keep this sheet hidden: with this code, anyone can open your safe."));
        sheet_advice(d);
        doc_footer(d, "%s",
                   _("For the helper: 'aidant-vault recover' asks for this code, then for the "
                     "new passphrase."));
        free(made);
        free(where);
        return d;
}

void recovery_sheet_write(const char *path, const char *owner, const char *dir,
                          const struct secret *code, time_t now)
{
        struct doc *d = sheet(owner, dir, code, now);
        struct afile *af;

        if (strcmp(path, "-") == 0) {
                if (doc_write(d, DOC_TEXT, stdout) != 0)
                        die(EX_IOERR, "%s", _("cannot write the recovery sheet"));
                doc_free(d);
                return;
        }
        af = afile_open(path, 0600);
        if (doc_write(d, doc_form_of_path(path), af->fp) != 0) {
                afile_abort(af);
                die(EX_IOERR, _("cannot write %s"), path);
        }
        afile_commit(af);
        doc_free(d);
        msg_notice(_("recovery sheet written to %s: print it, then delete the file"), path);
}
