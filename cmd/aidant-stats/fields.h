/* The fields of an activity record (the national mediators' activity report, DESIGN.md
 * "aidant-stats"): the enumerations with their official French labels, the duration
 * buckets, and the lookup that suggests the closest valid value. */
#ifndef STATS_FIELDS_H
#define STATS_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

struct choice {
        const char *id;
        const char *label; /* the Coop's French label (data, not a message) */
};

struct field_enum {
        const char *name; /* the record field: "type_lieu" */
        const struct choice *choices;
        size_t count;
};

extern const struct field_enum enum_type, enum_type_lieu, enum_materiel, enum_thematique,
    enum_autonomie, enum_redirection, enum_niveau, enum_genre, enum_tranche_age, enum_statut_social,
    enum_duree;
/* The vocabularies of what ingest counts: the mandate journal's acts, the people who
 * acted and were helped under mandate, the diagnoses. */
extern const struct field_enum enum_mandat, enum_mandat_personnes, enum_diagnostic;

/* The thématique of an aidant-mandate démarche ("social" -> "social_sante"), or NULL;
 * and the démarche closest to s, for "did you mean". */
const char *demarche_thematique(const char *demarche);
const char *demarche_closest(const char *s);

/* The first thematique of the démarches administratives in enum_thematique: those from
 * this index on are the eleven démarche thématiques. */
#define THEMATIQUE_DEMARCHES_FROM 19
/* The end of the ten that are aidant-mandate démarches (associations is not one). */
#define THEMATIQUE_DEMARCHES_TO 29

/* The index of id in e (exact match), or -1. */
int field_find(const struct field_enum *e, const char *id);
/* The valid value closest to s (case, accents and spelling), for "did you mean". */
const char *field_closest(const struct field_enum *e, const char *s);
/* The label of id, or id itself when it is not one of e's values. */
const char *field_label(const struct field_enum *e, const char *id);

/* Durations: minutes from 1 to 23 h 59; the statistics bucket of a duration. */
#define DUREE_MAX 1439
const char *duree_bucket(long minutes);

/* The age bucket of a birth year in a given year (the Coop's thresholds). */
const char *tranche_from_year(int birth_year, int year);

/* True for the tranche_age / statut_social values that only anonymous counts of the
 * conseillers numériques v1 reports carry (their own buckets, never split). */
bool field_is_v1_bucket(const char *id);

#endif
