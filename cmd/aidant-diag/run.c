/* run and resume: the questionnaire on a terminal, as a helper uses it with the person
 * beside them: one question at a time, numbered answers, back, skip, quit. Every answer
 * is saved at once in the run's row, so an interrupted run resumes where it stopped. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "diagnose.h"
#include "form.h"
#include "i18n.h"
#include "ident.h"
#include "msg.h"
#include "out.h"
#include "show.h"
#include "rec.h"
#include "store.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct run {
        struct denv *e;
        struct form *f;
        long long n;
        char *usager;
        json_t *answers; /* an answers document's: {question: choice | [choices] | null} */
        size_t pos;
};

static void need_terminal(struct ctx *ctx, const char *form)
{
        if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
                return;
        cli_usage_error(ctx,
                        _("the questionnaire needs a terminal; for answers given on paper or in "
                          "a file use 'aidant-diag record --form %s FILE'"),
                        form != NULL ? form : "rapide");
}

static void save(struct run *r)
{
        char *text = json_dumps(r->answers, JSON_COMPACT | JSON_SORT_KEYS);
        sqlite3_stmt *st =
            store_prepare(r->e->db, "UPDATE run SET answers = ?, pos = ? WHERE n = ?");

        store_bind_text(st, 1, text);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)r->pos);
        sqlite3_bind_int64(st, 3, r->n);
        store_begin(r->e->db);
        store_step(r->e->db, st);
        store_commit(r->e->db);
        sqlite3_finalize(st);
        free(text);
}

static void ask(const struct run *r, const struct question *q)
{
        json_t *cur = json_object_get(r->answers, q->id);

        printf("\n%s %zu/%zu  [%s]\n%s\n", _("Question"), r->pos + 1, r->f->nquestions, q->id,
               form_text(&q->text));
        for (size_t i = 0; i < q->nchoices; i++) {
                size_t k;
                json_t *v;
                bool chosen = false;

                json_array_foreach(cur, k, v)
                {
                        chosen = chosen || strcmp(json_string_value(v), q->choices[i].id) == 0;
                }
                if (json_is_string(cur))
                        chosen = strcmp(json_string_value(cur), q->choices[i].id) == 0;
                printf("  %s%zu) %s\n", chosen ? "*" : " ", i + 1, form_text(&q->choices[i].text));
        }
        if (q->multiple)
                printf("%s\n", _("(several answers: give their numbers, as 1 3)"));
        printf(_("answer 1-%zu, b back, s skip, q quit > "), q->nchoices);
        fflush(stdout);
}

/* The choices typed ("2", "1 3", "1,3"), or NULL when the line is not a valid answer. */
static json_t *parse_choices(const struct question *q, char *line)
{
        json_t *ids = json_array();

        for (char *tok = strtok(line, " ,\t"); tok != NULL; tok = strtok(NULL, " ,\t")) {
                char *end;
                long v = strtol(tok, &end, 10);

                if (*end != '\0' || v < 1 || (size_t)v > q->nchoices) {
                        json_decref(ids);
                        return NULL;
                }
                json_array_append_new(ids, json_string(q->choices[v - 1].id));
        }
        if (json_array_size(ids) == 0 || (!q->multiple && json_array_size(ids) != 1)) {
                json_decref(ids);
                return NULL;
        }
        return ids;
}

enum step { STEP_NEXT, STEP_BACK, STEP_STAY, STEP_QUIT };

/* Reads one line for question q and records it. */
static enum step answer(struct run *r, const struct question *q)
{
        char *line = NULL;
        size_t cap = 0;
        ssize_t len = getline(&line, &cap, stdin);
        enum step s = STEP_STAY;
        json_t *ids;

        if (len < 0) {
                free(line);
                return STEP_QUIT;
        }
        line[strcspn(line, "\r\n")] = '\0';
        for (char *p = line; *p != '\0'; p++)
                *p = (char)tolower((unsigned char)*p);
        if (strcmp(line, "q") == 0) {
                s = STEP_QUIT;
        } else if (strcmp(line, "b") == 0 || strcmp(line, "r") == 0) {
                s = STEP_BACK;
        } else if (strcmp(line, "s") == 0 || strcmp(line, "p") == 0) {
                json_object_set_new(r->answers, q->id, json_null());
                s = STEP_NEXT;
        } else if ((ids = parse_choices(q, line)) != NULL) {
                /* an answers document: a list for a multiple question, else one id */
                json_object_set(r->answers, q->id, q->multiple ? ids : json_array_get(ids, 0));
                json_decref(ids);
                s = STEP_NEXT;
        } else {
                printf(_("please answer with a number from 1 to %zu, or b, s, q\n"), q->nchoices);
        }
        free(line);
        return s;
}

/* Stores the diagnosis of a finished run and removes the run, in one transaction. */
static int finish(struct run *r)
{
        char keyid[17], *error = NULL;
        struct diag_input in = {r->usager, r->e->today, NULL};
        json_t *doc, *ans = json_pack("{s:O}", "answers", r->answers);
        sqlite3_stmt *st;
        long long n;

        in.structure = ident_keyid(r->e->ctx->home, keyid) ? keyid : NULL;
        doc = diag_from_answers(r->f, ans, "run", &in, &error);
        json_decref(ans);
        if (doc == NULL)
                die(EX_SOFTWARE, "%s", error);
        store_begin(r->e->db);
        n = llabs(db_store_local(r->e, doc));
        st = store_prepare(r->e->db, "DELETE FROM run WHERE n = ?");
        sqlite3_bind_int64(st, 1, r->n);
        store_step(r->e->db, st);
        sqlite3_finalize(st);
        store_commit(r->e->db);
        printf(
            _("\ndiagnosis %lld recorded: 'aidant-diag show %lld', 'aidant-diag summary %lld'\n"),
            n, n, n);
        json_decref(doc);
        return 0;
}

static int play(struct run *r)
{
        printf("%s\n", form_text(&r->f->title));
        printf(_("run %lld, person %s: 'q' saves and stops, 'aidant-diag resume %lld' goes on\n"),
               r->n, r->usager, r->n);
        while (r->pos < r->f->nquestions) {
                const struct question *q = &r->f->questions[r->pos];
                enum step s;

                ask(r, q);
                s = answer(r, q);
                if (s == STEP_QUIT) {
                        save(r);
                        printf(_("\nsaved after %zu of %zu questions: 'aidant-diag resume %lld' "
                                 "goes on\n"),
                               r->pos, r->f->nquestions, r->n);
                        return 0;
                }
                if (s == STEP_BACK && r->pos > 0)
                        r->pos--;
                else if (s == STEP_NEXT)
                        r->pos++;
                if (s != STEP_STAY)
                        save(r);
        }
        return finish(r);
}

static void run_free(struct run *r)
{
        json_decref(r->answers);
        form_free(r->f);
        free(r->usager);
        denv_close(r->e);
}

int cmd_run(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"form", required_argument, NULL, 'f'},
                                                 {"usager", required_argument, NULL, 'u'},
                                                 {NULL, 0, NULL, 0}};
        const char *form = NULL, *usager = NULL;
        struct run r = {0};
        char pseudo[16];
        sqlite3_stmt *st;
        int c, rc;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'f')
                        form = optarg;
                else
                        usager = optarg;
        }
        cli_no_args(ctx, argc, argv);
        if (form == NULL)
                cli_usage_error(ctx, "%s", _("--form is required"));
        if (usager != NULL && !diag_valid_pseudonym(usager))
                cli_usage_error(ctx, "%s",
                                _("--usager: a pseudonym is letters, digits, '-' or '_' (never a "
                                  "name)"));
        need_terminal(ctx, form);
        r.f = form_find(ctx->home, form);
        r.e = denv_open(ctx);
        if (usager == NULL)
                diag_new_pseudonym(pseudo);
        r.usager = xstrdup(usager != NULL ? usager : pseudo);
        r.answers = json_object();
        st = store_prepare(r.e->db,
                           "INSERT INTO run (form, form_hash, usager, answers, pos, started)"
                           " VALUES (?, ?, ?, '{}', 0, ?)");
        store_bind_text(st, 1, r.f->id);
        store_bind_text(st, 2, r.f->hash);
        store_bind_text(st, 3, r.usager);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)r.e->now);
        store_step(r.e->db, st);
        sqlite3_finalize(st);
        r.n = (long long)sqlite3_last_insert_rowid(r.e->db);
        rc = play(&r);
        run_free(&r);
        return rc;
}

static int list_runs(struct ctx *ctx)
{
        static const char *const cols[] = {"run", "form", "usager", "answered", "started", NULL};
        struct denv *e = denv_open_existing(ctx);
        struct rec_writer *w = show_list(ctx, cols);

        if (e->db != NULL) {
                sqlite3_stmt *st =
                    store_prepare(e->db, "SELECT n, form, usager, pos, date(started, 'unixepoch')"
                                         " FROM run ORDER BY n");
                while (store_step(e->db, st) == SQLITE_ROW) {
                        json_t *rec = json_pack("{s:I,s:s,s:s,s:I,s:s}", "run",
                                                (json_int_t)sqlite3_column_int64(st, 0), "form",
                                                sqlite3_column_text(st, 1), "usager",
                                                sqlite3_column_text(st, 2), "answered",
                                                (json_int_t)sqlite3_column_int64(st, 3), "started",
                                                sqlite3_column_text(st, 4));

                        rec_write(w, rec);
                        json_decref(rec);
                }
                sqlite3_finalize(st);
        }
        rec_writer_close(w);
        denv_close(e);
        return 0;
}

int cmd_resume(int argc, char **argv, struct ctx *ctx)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};
        struct run r = {0};
        sqlite3_stmt *st;
        int rc;

        while (cli_getopt(ctx, argc, argv, none) != -1)
                ;
        if (argc - optind == 0)
                return list_runs(ctx);
        if (argc - optind != 1)
                cli_usage_error(ctx, _("unexpected argument '%s'"), argv[optind + 1]);
        r.e = denv_open_existing(ctx);
        if (r.e->db == NULL)
                die(EX_NOINPUT, _("no interrupted run '%s'"), argv[optind]);
        st = store_prepare(r.e->db, "SELECT n, form, form_hash, usager, answers, pos FROM run"
                                    " WHERE n = ?");
        sqlite3_bind_int64(st, 1, strtoll(argv[optind], NULL, 10));
        if (store_step(r.e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, _("no interrupted run '%s'"), argv[optind]);
        need_terminal(ctx, (const char *)sqlite3_column_text(st, 1));
        r.n = sqlite3_column_int64(st, 0);
        r.f = form_find(ctx->home, (const char *)sqlite3_column_text(st, 1));
        if (strcmp(r.f->hash, (const char *)sqlite3_column_text(st, 2)) != 0)
                die(EX_DATAERR,
                    _("form %s changed since run %lld started: record its answers "
                      "again"),
                    r.f->id, r.n);
        r.usager = xstrdup((const char *)sqlite3_column_text(st, 3));
        r.answers = json_loads((const char *)sqlite3_column_text(st, 4), 0, NULL);
        r.pos = (size_t)sqlite3_column_int64(st, 5);
        sqlite3_finalize(st);
        if (r.answers == NULL || r.pos > r.f->nquestions)
                die(EX_DATAERR, _("run %lld is corrupt in the store"), r.n);
        rc = play(&r);
        run_free(&r);
        return rc;
}
