/* The reference data aidant-diag ships in share/aidant/diag: the frameworks (Pix/CRCN,
 * DigComp 2.2, CléA numérique), the Pix <-> DigComp crosswalk and the flags (barriers,
 * needs, autonomy) with the orientation each one leads to. */
#ifndef DIAG_REF_H
#define DIAG_REF_H

#include <jansson.h>
#include <stdbool.h>

/* The framework ids shipped, NULL-terminated. */
extern const char *const ref_framework_ids[];

/* The framework document (borrowed, loaded once), or NULL when id is unknown or NULL. Dies with 78
 * when a shipped file is unreadable. */
json_t *ref_framework(const char *id);
/* The competence object of a framework by code (borrowed), or NULL. */
json_t *ref_competence(json_t *framework, const char *code);
/* The crosswalk document (borrowed). */
json_t *ref_crosswalk(void);
/* The highest level of a framework (8 for Pix and DigComp, 1 for CléA). */
int ref_levels(json_t *framework);
/* flags.yaml (borrowed): {barriers: [...], needs: [...], autonomie: [...]}. */
json_t *ref_flags(void);
/* The entry of a flag id in one of the lists of flags.yaml ("barriers", "needs",
 * "autonomie"), or NULL (also for a NULL id). */
json_t *ref_flag(const char *list, const char *id);

/* The rank of a flag id in its list of flags.yaml, or -1. */
int ref_flag_pos(const char *list, const char *id);

/* True when messages are French (LC_MESSAGES fr*): forms and data are shown in French. */
bool ref_french(void);
/* The French or English member of obj ({fr, en}), by the message language; the French one
 * when the English is missing. "" when obj is not such an object. */
const char *ref_text(json_t *obj);

/* Reads a YAML file of the share folder (rel to share/aidant) into a new reference; dies
 * with 78 naming it when it is missing or invalid. */
json_t *ref_load(const char *rel);

#endif
