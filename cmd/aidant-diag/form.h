/* Diagnosis forms: the YAML questionnaires, read with the line of every element so that
 * `form check` names each error with file:line, and found by id in the structure's own
 * forms ($AIDANT_HOME/diag/forms) then in the shipped ones (share/aidant/diag/forms). */
#ifndef DIAG_FORM_H
#define DIAG_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define FORM_NO_LEVEL (-1)

struct text {
        char *fr, *en;
};

struct choice {
        char *id;
        struct text text;
        int level; /* FORM_NO_LEVEL when the choice says nothing of a level */
        char **flags;
        size_t nflags;
        char *autonomie; /* NULL, or one of the three autonomy ids */
        long line;
};

struct question {
        char *id;
        struct text text;
        char **competences;
        size_t *competence_index; /* of each, in the framework's list of competences */
        size_t ncompetences;
        bool multiple;
        struct choice *choices;
        size_t nchoices;
        long line;
};

struct form {
        char *id, *framework;
        char version[17]; /* the first 16 hex digits of the BLAKE2b-256 of the file */
        char hash[65];    /* the whole BLAKE2b-256, hex */
        struct text title, description, scoring;
        struct question *questions;
        size_t nquestions;
        int max_level; /* the framework's */
};

/* Errors found while reading: each "file:line: field: what", translated. */
struct form_errors {
        char **v;
        size_t n;
};
void form_errors_free(struct form_errors *e);

/* Reads a form from buf[0..len) named name (for messages). Returns the form, or NULL with
 * every error found in errs (which the caller frees). */
struct form *form_parse(const char *buf, size_t len, const char *name, struct form_errors *errs);
void form_free(struct form *f);

/* The form of id (or the file when id holds a '/' or ends in .yaml). Dies with 66 when
 * there is none, 65 with the first errors when it is invalid. home may be NULL. */
struct form *form_find(const char *home, const char *id);
/* The ids of the available forms, sorted, new reference (array of {id, path, shipped}). */
json_t *form_list(const char *home);

const struct question *form_question(const struct form *f, const char *id);
const struct choice *form_choice(const struct question *q, const char *id);
/* The text in the message language (French when there is no English). */
const char *form_text(const struct text *t);

/* The stable JSON of `form show --format json`: {id, version, framework, title,
 * questions: [{id, competences, multiple, text, choices: [{id, text, level?, flags?,
 * autonomie?}]}]} (new reference). */
json_t *form_json(const struct form *f);
/* An answers document with every question at its first choice (new reference). */
json_t *form_answers_template(const struct form *f);

#endif
