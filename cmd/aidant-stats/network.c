/* The network file: written by export --for-network (the month's own cells, exact, signed
 * with the structure key), read back by merge (network_read checks every field). */
#include "network.h"
#include "cells.h"
#include "cli.h"
#include "clock.h"
#include "compute.h"
#include "db.h"
#include "demo.h"
#include "fs.h"
#include "i18n.h"
#include "jsonw.h"
#include "msg.h"
#include "period.h"
#include "structure.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LABEL_MAX 200

static int fail(char why[256], const char *field, const char *what)
{
        snprintf(why, 256, _("%s: %s"), field, what);
        return -1;
}

static const char *text_field(json_t *doc, const char *key)
{
        json_t *v = json_object_get(doc, key);

        return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

static bool is_month(const char *m)
{
        char probe[11], day[11];

        snprintf(probe, sizeof(probe), "%.7s-01", m);
        return strlen(m) == 7 && clock_parse_date(probe, day) == 0;
}

/* A label of a cell: text without control characters (the cell keys use \037). */
static bool label_ok(json_t *v)
{
        const char *s = json_string_value(v);

        if (s == NULL || json_string_length(v) == 0 || json_string_length(v) > LABEL_MAX)
                return false;
        for (; *s != '\0'; s++)
                if ((unsigned char)*s < 0x20)
                        return false;
        return true;
}

static int read_cells(struct network_file *f, char why[256])
{
        json_t *c;
        size_t i;

        f->cells = json_object_get(f->doc, "cellules");
        if (!json_is_array(f->cells))
                return fail(why, "cellules", _("not a list of cells"));
        json_array_foreach(f->cells, i, c)
        {
                json_t *n = json_array_get(c, 2);

                if (!json_is_array(c) || json_array_size(c) != 3 ||
                    !label_ok(json_array_get(c, 0)) || !label_ok(json_array_get(c, 1)) ||
                    !json_is_integer(n) || json_integer_value(n) < 0 ||
                    json_integer_value(n) > 1000000000)
                        return fail(why, "cellules",
                                    _("a cell is not [rubrique, modalite, count of 0 or more]"));
        }
        return 0;
}

int network_read(const char *text, size_t len, struct network_file *f, char why[256])
{
        json_error_t err;
        const char *format;

        memset(f, 0, sizeof(*f));
        f->doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
        if (!json_is_object(f->doc))
                return fail(why, "-", _("not a JSON object"));
        format = text_field(f->doc, "format");
        if (format == NULL || strcmp(format, NETWORK_FORMAT) != 0)
                return fail(why, "format", _("not a network file of aidant-stats"));
        f->siret = text_field(f->doc, "siret");
        if (f->siret == NULL || !structure_siret_ok(f->siret))
                return fail(why, "siret", _("not 14 digits"));
        f->name = text_field(f->doc, "nom");
        if (f->name == NULL || !structure_text_ok(f->name))
                return fail(why, "nom", _("missing or not one line of text"));
        f->key_id = text_field(f->doc, "key_id");
        if (f->key_id == NULL || strlen(f->key_id) != 16)
                return fail(why, "key_id", _("not a key id (16 hex digits)"));
        f->month = text_field(f->doc, "mois");
        if (f->month == NULL || !is_month(f->month))
                return fail(why, "mois", _("not a month (YYYY-MM)"));
        return read_cells(f, why);
}

void network_clear(struct network_file *f)
{
        json_decref(f->doc);
        memset(f, 0, sizeof(*f));
}

static int compare_cells(const void *a, const void *b)
{
        json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
        int c = strcmp(json_string_value(json_array_get(x, 0)),
                       json_string_value(json_array_get(y, 0)));

        return c != 0 ? c
                      : strcmp(json_string_value(json_array_get(x, 1)),
                               json_string_value(json_array_get(y, 1)));
}

/* The month's cells of the structure's own data, sorted, zeros left out. */
static json_t *own_cells(struct db *db, const char *month)
{
        struct period p = {0};
        json_t *cells, *v, *list = json_array(), **v_sorted;
        const char *key;
        size_t n = 0;

        memcpy(p.first, month, 8);
        memcpy(p.last, month, 8);
        snprintf(p.since, sizeof(p.since), "%s-01", month);
        p.whole_months = true;
        cells = compute_period(db, &p, "");
        v_sorted = xcalloc(json_object_size(cells) + 1, sizeof(*v_sorted));
        json_object_foreach(cells, key, v)
        {
                const char *sep = strchr(key, '\037');

                if (sep == NULL || json_integer_value(v) == 0)
                        continue;
                v_sorted[n++] = json_pack("[s#,s,I]", key, (int)(sep - key), sep + 1,
                                          (json_int_t)json_integer_value(v));
        }
        qsort(v_sorted, n, sizeof(*v_sorted), compare_cells);
        for (size_t i = 0; i < n; i++)
                json_array_append_new(list, v_sorted[i]);
        free(v_sorted);
        json_decref(cells);
        return list;
}

static char *document(struct structure *s, const char *month, json_t *cells)
{
        json_t *doc = json_object();
        struct strbuf b = STRBUF_INIT;
        json_t *shown;

        json_object_set_new(doc, "format", json_string(NETWORK_FORMAT));
        json_object_set_new(doc, "siret", json_string(structure_siret(s)));
        json_object_set_new(doc, "nom", json_string(structure_name(s)));
        json_object_set_new(doc, "key_id", json_string(structure_key_id(s)));
        json_object_set_new(doc, "mois", json_string(month));
        json_object_set_new(doc, "cellules", cells);
        shown = demo_active() ? jsonw_demo_marked(doc) : json_incref(doc);
        jsonw_value(&b, shown, &jsonw_compact, 0);
        strbuf_addch(&b, '\n');
        json_decref(shown);
        json_decref(doc);
        return strbuf_detach(&b, NULL);
}

void network_export(struct ctx *ctx, struct db *db, const char *month, const char *path,
                    const char *dir)
{
        struct structure *s =
            structure_open(ctx->home, "aidant-stats init --name <name> --siret <siret>");
        char *text, *file, *sig, trusted[128];
        struct afile *af;
        size_t len;

        structure_unlock(s, &ctx->secrets);
        text = document(s, month, own_cells(db, month));
        len = strlen(text);
        if (dir != NULL) {
                fs_mkdirs(dir);
                file = xasprintf("%s/reseau-%s-%s.json", dir, structure_siret(s), month);
        } else {
                file = xstrdup(path);
        }
        snprintf(trusted, sizeof(trusted), "aidant-stats network siret:%s month:%s",
                 structure_siret(s), month);
        sig = xasprintf("%s.minisig", file);
        af = afile_open(file, 0644);
        if (fwrite(text, 1, len, af->fp) != len) {
                int e = errno;
                afile_abort(af);
                die(EX_IOERR, _("cannot write %s: %s"), file, strerror(e));
        }
        structure_sign_to(s, text, len, trusted, sig);
        afile_commit(af);
        msg_notice(_("wrote %s and its signature %s"), file, sig);
        free(sig);
        free(file);
        free(text);
        structure_close(s);
}
