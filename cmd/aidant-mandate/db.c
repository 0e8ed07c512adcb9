/* mandate.db: schema and migrations, the structure's key and folder, and the lookups
 * every command shares. Personal data lives in `usager`, apart from the journal. */
#include "db.h"
#include "head.h"
#include "cli.h"
#include "clock.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const demarche_ids[DEMARCHE_COUNT] = {
    "papiers",    "famille", "social",  "travail",  "logement",
    "transports", "argent",  "justice", "etranger", "loisirs",
};

const char *const demarche_labels[DEMARCHE_COUNT] = {
    N_("Papiers - Citoyenneté - Élections"),
    N_("Famille - Scolarité"),
    N_("Social - Santé"),
    N_("Travail - Formation"),
    N_("Logement"),
    N_("Transports - Mobilité"),
    N_("Argent - Impôts - Consommation"),
    N_("Justice"),
    N_("Étranger - Europe"),
    N_("Loisirs - Sport - Culture"),
};

static const char *const migrations[] = {
    "CREATE TABLE structure ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " name TEXT NOT NULL,"
    " siret TEXT NOT NULL,"
    " keyid TEXT NOT NULL,"
    " created INTEGER NOT NULL);"
    "CREATE TABLE aidant ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " email TEXT,"
    " created INTEGER NOT NULL,"
    " disabled_at INTEGER,"
    " charter_hash TEXT," /* of the charter last accepted */
    " charter_at INTEGER);"
    "CREATE TABLE usager ("
    " pseudo TEXT PRIMARY KEY," /* the only name the journal knows */
    " given TEXT, family TEXT, birth TEXT, phone TEXT, email TEXT,"
    " created INTEGER NOT NULL,"
    " forgotten_at INTEGER);"
    "CREATE TABLE mandat ("
    " id INTEGER PRIMARY KEY,"
    " usager TEXT NOT NULL REFERENCES usager(pseudo),"
    " aidant INTEGER NOT NULL REFERENCES aidant(id),"
    " created INTEGER NOT NULL,"
    " expires INTEGER NOT NULL,"
    " duration TEXT NOT NULL,"
    " consent TEXT NOT NULL,"
    " code TEXT NOT NULL,"             /* short verification code printed on the attestation */
    " attestation_hash TEXT NOT NULL," /* BLAKE2b-256 of the attestation text */
    " renewed_from INTEGER REFERENCES mandat(id));"
    "CREATE INDEX mandat_usager ON mandat(usager);"
    "CREATE TABLE autorisation ("
    " mandat INTEGER NOT NULL REFERENCES mandat(id),"
    " demarche TEXT NOT NULL,"
    " revoked_at INTEGER,"
    " revoked_by TEXT,"
    " reason TEXT,"
    " PRIMARY KEY (mandat, demarche));"
    "CREATE TABLE journal (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL);"
    "CREATE TABLE checkpoint ("
    " seq INTEGER PRIMARY KEY,"
    " head TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " minisig TEXT NOT NULL);",
    /* how the papers address the person: madame, monsieur, or NULL (neutral wording) */
    "ALTER TABLE usager ADD COLUMN civilite TEXT;",
    /* 3: the journal signed entry by entry (jkey.h, head.h); the structure's name and
     * key moved to the structure identity (common/structure.h). A store of format 1 that
     * holds a journal is kept as it was written: `legacy` says so and env_open refuses it. */
    "CREATE TABLE legacy AS SELECT count(*) > 0 AS unsigned_journal FROM journal;"
    "DROP TABLE structure;"
    "ALTER TABLE journal ADD COLUMN sig TEXT;"
    "CREATE TABLE journal_key ("
    " keyid TEXT PRIMARY KEY,"
    " from_seq INTEGER NOT NULL UNIQUE,"
    " body TEXT NOT NULL,"
    " minisig TEXT NOT NULL);"
    "CREATE TABLE head (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL,"
    " sig TEXT NOT NULL);",
};

static const struct store_schema schema = {migrations, sizeof(migrations) / sizeof(*migrations)};

int demarche_find(const char *id)
{
        for (int i = 0; i < DEMARCHE_COUNT; i++)
                if (strcmp(demarche_ids[i], id) == 0)
                        return i;
        return -1;
}

/* Hashes here are public (journal links, file digests): a plain table lookup is fine and
 * much faster than sodium_bin2hex's constant-time loop, which verify would feel. */
void digest_hex(const unsigned char h[32], char hex[65])
{
        static const char digits[] = "0123456789abcdef";

        for (size_t i = 0; i < 32; i++) {
                hex[2 * i] = digits[h[i] >> 4];
                hex[2 * i + 1] = digits[h[i] & 15];
        }
        hex[64] = '\0';
}

void hash_hex(const void *data, size_t len, char hex[65])
{
        unsigned char h[32];

        crypto_generichash(h, sizeof(h), data, len, NULL, 0);
        digest_hex(h, hex);
}

int why_not(char *why, size_t whylen, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(why, whylen, fmt, ap);
        va_end(ap);
        return 1;
}

void jset(json_t *o, const char *key, json_t *v)
{
        if (v == NULL || json_object_set_new(o, key, v) != 0)
                die(EX_DATAERR, _("%s: not valid UTF-8 text"), key);
}

void jpush(json_t *a, json_t *v)
{
        if (v == NULL || json_array_append_new(a, v) != 0)
                die(EX_DATAERR, "%s", _("a value is not valid UTF-8 text"));
}

char *jdump(const json_t *v, size_t flags)
{
        char *text = json_dumps(v, flags);

        if (text == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        return text;
}

json_t *jchecked(json_t *v)
{
        if (v == NULL)
                die(EX_DATAERR, "%s", _("a value is not valid UTF-8 text"));
        return v;
}

void arg_text(const struct ctx *ctx, const char *opt, const char *value)
{
        if (value != NULL && !structure_text_ok(value))
                cli_usage_error(ctx, _("%s: not one line of UTF-8 text"), opt);
}

char *env_read(const char *path, size_t *len)
{
        char *text = fs_read_file(path, 1 << 24, len);

        if (text == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), path,
                    strerror(errno));
        return text;
}

struct afile *env_stage(const char *path, const char *data, size_t len, int mode)
{
        struct afile *af = afile_open(path, (mode_t)mode);

        if (fwrite(data, 1, len, af->fp) != len)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        return af;
}

void env_write(const char *path, const char *data, size_t len, int mode)
{
        afile_commit(env_stage(path, data, len, mode));
}

/* The open environment: reachable until env_close, so that a command ending through
 * die() leaves no leak for LeakSanitizer to report. */
static struct env *volatile open_env;

struct env *env_open_uninit(struct ctx *ctx)
{
        struct env *e = xcalloc(1, sizeof(*e));

        open_env = e;
        e->ctx = ctx;
        e->dir = fs_home_path(ctx->home, "mandate");
        e->now = clock_now();
        return e;
}

void env_attach(struct env *e, struct structure *st)
{
        e->st = st;
        e->pk = *structure_pubkey(st);
        snprintf(e->keyid, sizeof(e->keyid), "%s", structure_key_id(st));
        fs_mkdirs(e->dir);
        e->db = store_open(e->ctx->home, "mandate.db", &schema);
}

bool env_has_journal(struct env *e)
{
        /* not count(*): that reads every entry of the journal */
        sqlite3_stmt *st = store_prepare(e->db, "SELECT EXISTS (SELECT 1 FROM journal)");
        bool yes = store_step(e->db, st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;

        sqlite3_finalize(st);
        return yes;
}

/* Whether the store is of format 1 with its journal (migration 2 marked it). */
static bool env_legacy(struct env *e)
{
        sqlite3_stmt *st =
            store_prepare(e->db, "SELECT ifnull(max(unsigned_journal), 0) FROM legacy");
        bool old = store_step(e->db, st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;

        sqlite3_finalize(st);
        return old;
}

struct env *env_open_writer(struct ctx *ctx)
{
        struct env *e = env_open_uninit(ctx);
        struct structure *st = structure_open(ctx->home, "aidant-mandate init");
        char *path = xasprintf("%s/mandate.db", ctx->home);
        bool present = access(path, F_OK) == 0;

        free(path);
        e->st = st;
        if (present)
                env_attach(e, st);
        if (!present || !env_has_journal(e))
                die(EX_CONFIG,
                    _("aidant-mandate is not set up in %s: run 'aidant-mandate init' first"),
                    ctx->home);
        if (env_legacy(e))
                die(EX_CONFIG,
                    _("%s/mandate.db was written by an older aidant-mandate, whose journal is not "
                      "signed entry by entry: keep it for audits and start a new home"),
                    ctx->home);
        return e;
}

struct env *env_open(struct ctx *ctx)
{
        struct env *e = env_open_writer(ctx);

        head_trust(e);
        return e;
}

void env_close(struct env *e)
{
        open_env = NULL;
        structure_close(e->st);
        sig_seckey_free(e->jk);
        if (e->db != NULL)
                store_close(e->db);
        free(e->dir);
        free(e);
}

void env_secret_key(struct env *e)
{
        structure_unlock(e->st, &e->ctx->secrets);
}

bool env_secret_key_if_open(struct env *e)
{
        return structure_unlock_if_open(e->st);
}

void charter_hash(char hex[65])
{
        char *path = cli_share_path("charte.md");
        size_t len;
        char *text = fs_read_file(path, 1 << 20, &len);

        if (text == NULL)
                die(EX_CONFIG, _("cannot read the helpers' charter %s: %s"), path, strerror(errno));
        hash_hex(text, len, hex);
        free(text);
        free(path);
}

static long long parse_id(const char *s)
{
        char *end;
        long long v;

        errno = 0;
        v = strtoll(s, &end, 10);
        return errno != 0 || end == s || *end != '\0' || v <= 0 ? -1 : v;
}

void aidant_get(struct env *e, const char *id, struct aidant_row *out)
{
        sqlite3_stmt *st = store_prepare(
            e->db,
            "SELECT id, name, disabled_at IS NOT NULL, charter_hash FROM aidant WHERE id = ?");
        long long n = parse_id(id);
        char hex[65];

        memset(out, 0, sizeof(*out));
        sqlite3_bind_int64(st, 1, n);
        if (n < 0 || store_step(e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, _("unknown helper '%s'"), id);
        charter_hash(hex);
        out->id = sqlite3_column_int64(st, 0);
        out->name = xstrdup((const char *)sqlite3_column_text(st, 1));
        out->disabled = sqlite3_column_int(st, 2) != 0;
        out->charter_ok = sqlite3_column_text(st, 3) != NULL &&
                          strcmp((const char *)sqlite3_column_text(st, 3), hex) == 0;
        sqlite3_finalize(st);
}

void aidant_row_clear(struct aidant_row *a)
{
        free(a->name);
        a->name = NULL;
}

void usager_get(struct env *e, const char *pseudo, bool *forgotten)
{
        sqlite3_stmt *st =
            store_prepare(e->db, "SELECT forgotten_at IS NOT NULL FROM usager WHERE pseudo = ?");

        store_bind_text(st, 1, pseudo);
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, _("unknown person '%s'"), pseudo);
        if (forgotten != NULL)
                *forgotten = sqlite3_column_int(st, 0) != 0;
        sqlite3_finalize(st);
}

int demarches_parse(const struct ctx *ctx, const char *list, int idx[DEMARCHE_COUNT])
{
        char *copy = xstrdup(list), *save = NULL;
        bool seen[DEMARCHE_COUNT] = {false};
        int n = 0;

        for (char *tok = strtok_r(copy, ",", &save); tok != NULL;
             tok = strtok_r(NULL, ",", &save)) {
                int i = demarche_find(tok);

                if (i < 0)
                        cli_usage_error(ctx, _("unknown démarche '%s' (one of: %s)"), tok,
                                        "papiers, famille, social, travail, logement, transports, "
                                        "argent, justice, etranger, loisirs");
                else if (!seen[i]) {
                        seen[i] = true;
                        idx[n++] = i;
                }
        }
        free(copy);
        if (n == 0)
                cli_usage_error(ctx, "%s", _("--demarche needs at least one démarche"));
        return n;
}
