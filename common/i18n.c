/* gettext set-up. The catalog folder is compiled in and can be overridden by
 * AIDANT_LOCALEDIR, so tests run against the build tree's catalog. */
#include "i18n.h"
#include "config.h"

#include <locale.h>
#include <stdlib.h>

void i18n_init(void)
{
        const char *dir = getenv("AIDANT_LOCALEDIR");

        setlocale(LC_ALL, "");
        /* numbers are data (JSON, CSV, coordinates): a point in every language */
        setlocale(LC_NUMERIC, "C");
        bindtextdomain("aidant", dir != NULL && dir[0] != '\0' ? dir : AIDANT_LOCALE_DIR);
        bind_textdomain_codeset("aidant", "UTF-8");
        textdomain("aidant");
}
