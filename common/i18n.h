/* gettext set-up: domain "aidant", catalog from AIDANT_LOCALEDIR or the install prefix. */
#ifndef AIDANT_I18N_H
#define AIDANT_I18N_H

#include <libintl.h>

#define _(s)  gettext(s)
#define N_(s) (s)

/* Sets the locale from the environment and binds the catalog. Call once, first. */
void i18n_init(void);

#endif
