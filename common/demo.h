/* Demo mode (--demo, AIDANT_DEMO=1): a sandbox home filled with fictitious data, for
 * training helpers without touching real people's data. What a tool prints or signs
 * there is marked, so that a demo paper can never pass for a real one. */
#ifndef AIDANT_DEMO_H
#define AIDANT_DEMO_H

#include <stdbool.h>

/* The mark of demo output: table banners, trusted comments of signatures, papers. */
#define DEMO_MARK "DÉMONSTRATION — sans valeur"
/* The passphrase of every secret of the sandbox, used when no source is given. */
#define DEMO_PASSPHRASE "demo"

/* Whether this process works in the sandbox (set once by cli). */
bool demo_active(void);
void demo_set(bool on);

/* The sandbox folder: $XDG_DATA_HOME/aidant-demo, else ~/.local/share/aidant-demo.
 * Static storage; dies with 78 when neither variable gives a folder. */
const char *demo_home(void);
/* Removes everything in the sandbox (it is recreated and refilled on next use). */
void demo_reset(const char *home);
/* Whether the tool's part of the sandbox was filled, and marking it filled. */
bool demo_filled(const char *home, const char *tool);
void demo_mark_filled(const char *home, const char *tool);

#endif
