/* French descriptions of the week's opening hours, as the raw lists give them, read into
 * OpenStreetMap opening_hours values. */
#ifndef ANNUAIRE_WEEK_TEXT_H
#define ANNUAIRE_WEEK_TEXT_H

/* An opening_hours value from a French description of the week ("du lundi au vendredi
 * de 9h à 12h et de 14h à 17h", "le 2e mardi du mois de 9h à 12h"), new string, or NULL
 * when the text says more than days and hours (appointments, holidays, seasons, remarks)
 * or could be read in two ways: such a text is kept as written, never guessed. */
char *week_text_hours(const char *text);

#endif
