/* The structure identity: its folder, its key pair in minisign's formats and
 * structure.json; see structure.h. The folder is made in a temporary folder renamed into
 * place, so two tools running `init` at once end with one key, never two. */
#include "structure.h"
#include "clock.h"
#include "demo.h"
#include "fs.h"
#include "i18n.h"
#include "kdf.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_MAX (1 << 16)

struct structure {
        struct structure *next; /* in the list of open ones */
        char *dir, *key_path, *pub_path, *json_path;
        char *name, *siret, *address, *phone, *created;
        char key_id[17];
        struct sig_pubkey pk;
        struct sig_seckey *sk; /* NULL until unlocked */
};

bool structure_text_ok(const char *s)
{
        size_t n = s != NULL ? strlen(s) : 0;

        if (n == 0 || !text_valid_utf8(s, n))
                return false;
        for (size_t i = 0; i < n; i++)
                if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
                        return false;
        return true;
}

bool structure_siret_ok(const char *s)
{
        return s != NULL && strlen(s) == 14 && strspn(s, "0123456789") == 14;
}

static char *path_in(const char *dir, const char *name)
{
        return xasprintf("%s/%s", dir, name);
}

static void write_whole(const char *path, const char *data, size_t len, mode_t mode)
{
        struct afile *af = afile_open(path, mode);

        if (fwrite(data, 1, len, af->fp) != len)
                die(EX_IOERR, _("cannot write %s: %s"), path, strerror(errno));
        afile_commit(af);
}

/* A string of structure.json into *out (NULL when absent or null and not required);
 * false when it is not one line of text. */
static bool json_text(json_t *o, const char *key, bool required, char **out)
{
        json_t *v = json_object_get(o, key);

        *out = NULL;
        if ((v == NULL || json_is_null(v)) && !required)
                return true;
        if (!json_is_string(v) || !structure_text_ok(json_string_value(v)))
                return false;
        *out = xstrdup(json_string_value(v));
        return true;
}

/* Sets key to a string (none when value is NULL); dies rather than dropping a field. */
static void json_put(json_t *o, const char *key, const char *value)
{
        json_t *v;

        if (value == NULL)
                return;
        v = json_string(value);
        if (v == NULL || json_object_set_new(o, key, v) != 0)
                die(EX_DATAERR, _("%s: not valid UTF-8 text"), key);
}

static void write_json(const struct structure *s, const char *path)
{
        json_t *o = json_object();
        char *text;

        json_put(o, "name", s->name);
        json_put(o, "siret", s->siret);
        json_put(o, "key_id", s->key_id);
        json_put(o, "address", s->address);
        json_put(o, "phone", s->phone);
        json_put(o, "created", s->created);
        text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (text == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        else
                write_whole(path, text, strlen(text), 0600);
        free(text);
}

static void read_json(struct structure *s)
{
        static const char *const keys[] = {"name", "siret", "address", "phone", "created"};
        char **fields[] = {&s->name, &s->siret, &s->address, &s->phone, &s->created};
        size_t len;
        char *text = fs_read_file_or_die(s->json_path, FILE_MAX, &len);
        json_error_t err;
        json_t *o = json_loadb(text, len, 0, &err), *id;
        const char *bad = NULL;

        free(text);
        if (!json_is_object(o)) {
                json_decref(o);
                die(EX_CONFIG, _("%s:%d: not a structure file: %s"), s->json_path, err.line,
                    err.text);
        }
        for (size_t i = 0; i < 5 && bad == NULL; i++)
                if (!json_text(o, keys[i], i < 2, fields[i]))
                        bad = keys[i];
        id = json_object_get(o, "key_id");
        if (bad == NULL && (!json_is_string(id) || strcmp(json_string_value(id), s->key_id) != 0)) {
                char named[32];

                snprintf(named, sizeof(named), "%s",
                         json_is_string(id) ? json_string_value(id) : "?");
                json_decref(o);
                die(EX_CONFIG, _("%s names the key %s but %s is the key %s"), s->json_path, named,
                    s->pub_path, s->key_id);
        }
        json_decref(o);
        if (bad != NULL)
                die(EX_CONFIG, _("%s: \"%s\" is missing or not one line of text"), s->json_path,
                    bad);
}

/* The open structures: reachable until closed, so that a command ending through die()
 * leaves nothing for LeakSanitizer to report. */
static struct structure *open_list;

static struct structure *alloc_paths(const char *dir)
{
        struct structure *s = xcalloc(1, sizeof(*s));

        s->next = open_list;
        open_list = s;
        s->dir = xstrdup(dir);
        s->key_path = path_in(dir, "structure.key");
        s->pub_path = path_in(dir, "structure.pub");
        s->json_path = path_in(dir, "structure.json");
        return s;
}

void structure_close(struct structure *s)
{
        if (s == NULL)
                return;
        for (struct structure **p = &open_list; *p != NULL; p = &(*p)->next)
                if (*p == s) {
                        *p = s->next;
                        break;
                }
        sig_seckey_free(s->sk);
        free(s->dir);
        free(s->key_path);
        free(s->pub_path);
        free(s->json_path);
        free(s->name);
        free(s->siret);
        free(s->address);
        free(s->phone);
        free(s->created);
        free(s);
}

static void load_pub(struct structure *s)
{
        size_t len;
        char *text = fs_read_file_or_die(s->pub_path, FILE_MAX, &len);
        enum sig_status st = sig_pubkey_parse(text, len, &s->pk);

        free(text);
        if (st != SIG_OK)
                die(EX_CONFIG, "%s: %s", s->pub_path, sig_strerror(st));
        sig_keyid_hex(s->pk.keyid, s->key_id);
}

/* --- an older aidant-mandate kept the key in <home>/mandate/ ------------------------ */

/* The name and SIRET the older mandate.db recorded, read as they are (NULL when absent). */
static void legacy_names(const char *home, char **name, char **siret)
{
        char *path = xasprintf("%s/mandate.db", home);
        sqlite3 *db = NULL;
        sqlite3_stmt *st = NULL;

        *name = *siret = NULL;
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
            sqlite3_prepare_v2(db, "SELECT name, siret FROM structure WHERE id = 1", -1, &st,
                               NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
                const char *n = (const char *)sqlite3_column_text(st, 0);
                const char *t = (const char *)sqlite3_column_text(st, 1);

                *name = structure_text_ok(n) ? xstrdup(n) : NULL;
                *siret = structure_siret_ok(t) ? xstrdup(t) : NULL;
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        free(path);
}

static void move_file(const char *from, const char *to)
{
        if (rename(from, to) != 0)
                die(EX_CANTCREAT, _("cannot move %s to %s: %s"), from, to, strerror(errno));
}

static void adopt_legacy(const char *home, const char *dir)
{
        char *old_key = xasprintf("%s/mandate/structure.key", home);
        char *old_pub = xasprintf("%s/mandate/structure.pub", home);
        struct structure *s;

        if (access(dir, F_OK) == 0 || access(old_key, F_OK) != 0 || access(old_pub, F_OK) != 0)
                goto done;
        s = alloc_paths(dir);
        fs_mkdirs(dir);
        move_file(old_pub, s->pub_path);
        chmod(s->pub_path, 0644);
        move_file(old_key, s->key_path);
        load_pub(s);
        legacy_names(home, &s->name, &s->siret);
        if (s->name == NULL)
                s->name = xstrdup(_("(no name)"));
        if (s->siret == NULL)
                s->siret = xstrdup("00000000000000");
        write_json(s, s->json_path);
        msg_notice(_("the structure key moved from %s/mandate to %s"), home, dir);
        structure_close(s);
done:
        free(old_key);
        free(old_pub);
}

static char *structure_dir(const char *home)
{
        char *dir = xasprintf("%s/structure", home);

        adopt_legacy(home, dir);
        return dir;
}

bool structure_exists(const char *home)
{
        char *dir = structure_dir(home), *pub = path_in(dir, "structure.pub");
        bool yes = access(pub, F_OK) == 0;

        free(pub);
        free(dir);
        return yes;
}

struct structure *structure_open(const char *home, const char *init_cmd)
{
        char *dir = structure_dir(home);
        struct structure *s = alloc_paths(dir);

        free(dir);
        if (access(s->pub_path, F_OK) != 0 && errno == ENOENT)
                die(EX_CONFIG, _("no structure in %s: run '%s' first"), home, init_cmd);
        load_pub(s);
        read_json(s);
        return s;
}

/* --- the secret key ------------------------------------------------------------------ */

/* The passphrase (its source, else the terminal; secret_read gives "demo" in the
 * sandbox) in *buf and *len; returns what to secret_free after use. */
static struct secret *passphrase(const struct secret_srcs *secrets, const char *prompt, int confirm,
                                 const char **buf, size_t *len)
{
        struct secret *p = secret_read(secrets, SECRET_PASSPHRASE, prompt, confirm);

        *buf = p->buf;
        *len = p->len;
        return p;
}

static void read_keyfile(const char *path, struct sig_keyfile *kf, int code)
{
        size_t len;
        char *text = fs_read_file(path, FILE_MAX, &len);
        enum sig_status st;

        if (text == NULL)
                die(errno == ENOENT ? EX_NOINPUT : EX_IOERR, _("cannot read %s: %s"), path,
                    strerror(errno));
        st = sig_keyfile_parse(text, len, kf);
        sodium_memzero(text, len);
        free(text);
        if (st != SIG_OK)
                die(code, "%s: %s", path, sig_strerror(st));
}

/* Opens kf into a new secret key; dies with 77 on a wrong passphrase, code otherwise
 * (EX_CONFIG: the structure's own key, EX_DATAERR: a key to import). */
static struct sig_seckey *open_keyfile(const struct sig_keyfile *kf, const char *path,
                                       const struct secret_srcs *secrets, const char *prompt,
                                       int code)
{
        struct sig_seckey *sk = sig_seckey_new();
        struct secret *held = NULL;
        const char *pass = NULL;
        size_t passlen = 0;
        enum sig_status st;

        if (kf->encrypted)
                held = passphrase(secrets, prompt, 0, &pass, &passlen);
        st = sig_keyfile_open(kf, pass, passlen, sk);
        secret_free(held);
        if (st != SIG_OK) {
                sig_seckey_free(sk);
                if (st == SIG_EPASS && code == EX_CONFIG)
                        die(EX_NOPERM, "%s", _("wrong passphrase for the structure key"));
                if (st == SIG_EPASS)
                        die(EX_NOPERM, _("%s: wrong passphrase"), path);
                die(code, "%s: %s", path, sig_strerror(st));
        }
        return sk;
}

static void take_key(struct structure *s, struct sig_seckey *sk)
{
        struct sig_pubkey pk;

        sig_seckey_public(sk, &pk);
        if (sodium_memcmp(&pk, &s->pk, sizeof(pk)) != 0) {
                sig_seckey_free(sk);
                die(EX_CONFIG, _("%s is not the secret key of %s"), s->key_path, s->pub_path);
        }
        s->sk = sk;
}

void structure_unlock(struct structure *s, const struct secret_srcs *secrets)
{
        struct sig_keyfile kf;

        if (s->sk != NULL)
                return;
        read_keyfile(s->key_path, &kf, EX_CONFIG);
        take_key(s, open_keyfile(&kf, s->key_path, secrets, _("Passphrase of the structure key: "),
                                 EX_CONFIG));
        sodium_memzero(&kf, sizeof(kf));
}

bool structure_unlock_if_open(struct structure *s)
{
        struct sig_keyfile kf;

        if (s->sk != NULL)
                return true;
        read_keyfile(s->key_path, &kf, EX_CONFIG);
        if (!kf.encrypted) {
                struct secret_srcs none;

                secret_srcs_init(&none);
                take_key(s, open_keyfile(&kf, s->key_path, &none, "", EX_CONFIG));
        }
        sodium_memzero(&kf, sizeof(kf));
        return s->sk != NULL;
}

bool structure_unlocked(const struct structure *s)
{
        return s->sk != NULL;
}

/* --- creation ------------------------------------------------------------------------ */

/* The secret key file's text (new) for n: a new key, or the imported file as it is. */
static char *make_key(const struct structure_new *n, const struct secret_srcs *secrets,
                      struct sig_seckey **sk)
{
        uint64_t ops, mem;
        struct secret *held;
        const char *pass;
        size_t len;
        char *text;

        if (n->import_key != NULL) {
                struct sig_keyfile kf;

                read_keyfile(n->import_key, &kf, EX_DATAERR);
                *sk = open_keyfile(&kf, n->import_key, secrets,
                                   _("Passphrase of the key to import: "), EX_DATAERR);
                sodium_memzero(&kf, sizeof(kf));
                return fs_read_file_or_die(n->import_key, FILE_MAX, &len);
        }
        *sk = sig_seckey_new();
        sig_keygen(*sk, &(struct sig_pubkey){0});
        if (n->unencrypted) {
                msg_warn("%s", _("the structure key is stored unencrypted: anyone who can read "
                                 "the data folder can sign in the structure's name"));
                return sig_keyfile_format(*sk, NULL, 0, 0, 0);
        }
        held = passphrase(secrets, _("Passphrase for the structure key: "), 1, &pass, &len);
        kdf_sig_limits(&ops, &mem);
        text = sig_keyfile_format(*sk, pass, len, ops, mem);
        secret_free(held);
        return text;
}

static void check_new(const struct structure_new *n)
{
        if (n->name == NULL || n->siret == NULL)
                die(EX_USAGE, "%s", _("--name and --siret are required to create the structure"));
        if (!structure_text_ok(n->name))
                die(EX_DATAERR, "%s", _("the name of the structure must be one line of UTF-8"));
        if (!structure_siret_ok(n->siret))
                die(EX_DATAERR, _("SIRET '%s' is not 14 digits"), n->siret);
        if (n->address != NULL && !structure_text_ok(n->address))
                die(EX_DATAERR, "%s", _("the address must be one line of UTF-8"));
        if (n->phone != NULL && !structure_text_ok(n->phone))
                die(EX_DATAERR, "%s", _("the phone must be one line of UTF-8"));
}

/* Writes the three files into a temporary folder beside dir and renames it into place.
 * Returns false when another process made dir first (the temporary folder removed). */
static bool write_folder(const char *dir, struct structure *s, const char *keytext)
{
        char *tmp = xasprintf("%s.tmp-XXXXXX", dir), *path, *pub;
        bool won;

        if (mkdtemp(tmp) == NULL)
                die(EX_CANTCREAT, _("cannot create the folder %s: %s"), dir, strerror(errno));
        path = path_in(tmp, "structure.key");
        write_whole(path, keytext, strlen(keytext), 0600);
        free(path);
        pub = sig_pubkey_file(&s->pk);
        path = path_in(tmp, "structure.pub");
        write_whole(path, pub, strlen(pub), 0644);
        free(path);
        free(pub);
        path = path_in(tmp, "structure.json");
        write_json(s, path);
        free(path);
        won = rename(tmp, dir) == 0;
        if (!won && errno != EEXIST && errno != ENOTEMPTY)
                die(EX_CANTCREAT, _("cannot create the folder %s: %s"), dir, strerror(errno));
        if (!won) {
                const char *names[] = {"structure.key", "structure.pub", "structure.json"};

                for (size_t i = 0; i < 3; i++) {
                        path = path_in(tmp, names[i]);
                        unlink(path);
                        free(path);
                }
                rmdir(tmp);
        }
        free(tmp);
        return won;
}

/* Reuses the structure of home: n must name the same one. */
static struct structure *reuse(const char *home, const struct structure_new *n)
{
        struct structure *s = structure_open(home, "init");

        if ((n->siret != NULL && strcmp(s->siret, n->siret) != 0) ||
            (n->name != NULL && strcmp(s->name, n->name) != 0))
                die(EX_CANTCREAT,
                    _("a structure already exists in %s: %s (SIRET %s); leave out --name and "
                      "--siret to use it"),
                    home, s->name, s->siret);
        if (n->import_key != NULL || n->unencrypted)
                die(EX_CANTCREAT, _("a structure already exists in %s: its key stays as it is"),
                    home);
        if (n->address != NULL || n->phone != NULL)
                structure_set(s, n->address, n->phone);
        return s;
}

struct structure *structure_create(const char *home, const struct structure_new *n,
                                   const struct secret_srcs *secrets, bool *created)
{
        char *dir = structure_dir(home), *key, now[32];
        struct structure *s;
        struct sig_seckey *sk;

        *created = false;
        fs_mkdirs(home);
        if (access(dir, F_OK) == 0) {
                free(dir);
                return reuse(home, n);
        }
        check_new(n);
        key = make_key(n, secrets, &sk);
        s = alloc_paths(dir);
        sig_seckey_public(sk, &s->pk);
        sig_keyid_hex(s->pk.keyid, s->key_id);
        s->name = xstrdup(n->name);
        s->siret = xstrdup(n->siret);
        s->address = n->address != NULL ? xstrdup(n->address) : NULL;
        s->phone = n->phone != NULL ? xstrdup(n->phone) : NULL;
        clock_format_iso(clock_now(), now);
        s->created = xstrdup(now);
        *created = write_folder(dir, s, key);
        sodium_memzero(key, strlen(key));
        free(key);
        free(dir);
        if (!*created) {
                sig_seckey_free(sk);
                structure_close(s);
                return reuse(home, n);
        }
        s->sk = sk;
        return s;
}

/* --- signing ------------------------------------------------------------------------- */

static char *full_comment(const struct structure *s, const char *trusted)
{
        return xasprintf("%s structure:%s%s%s", trusted, s->key_id, demo_active() ? " " : "",
                         demo_active() ? DEMO_MARK : "");
}

char *structure_sign(struct structure *s, const void *msg, size_t len, const char *trusted)
{
        char *comment, *untrusted, *sig;

        if (s->sk == NULL)
                die(EX_SOFTWARE, "structure_sign: the key is locked");
        comment = full_comment(s, trusted);
        untrusted = xasprintf("signature from the key of structure %s", s->siret);
        sig = sig_sign(s->sk, msg, len, untrusted, comment);
        free(untrusted);
        free(comment);
        return sig;
}

void structure_sign_to(struct structure *s, const void *msg, size_t len, const char *trusted,
                       const char *sig_path)
{
        char *sig = structure_sign(s, msg, len, trusted);

        write_whole(sig_path, sig, strlen(sig), 0600);
        free(sig);
}

/* --- information --------------------------------------------------------------------- */

const char *structure_name(const struct structure *s)
{
        return s->name;
}

const char *structure_siret(const struct structure *s)
{
        return s->siret;
}

const char *structure_key_id(const struct structure *s)
{
        return s->key_id;
}

const char *structure_address(const struct structure *s)
{
        return s->address;
}

const char *structure_phone(const struct structure *s)
{
        return s->phone;
}

const struct sig_pubkey *structure_pubkey(const struct structure *s)
{
        return &s->pk;
}

const char *structure_pubkey_path(const struct structure *s)
{
        return s->pub_path;
}

char *structure_pubkey_text(const struct structure *s)
{
        return sig_pubkey_file(&s->pk);
}

static void replace(char **field, const char *value, const char *problem)
{
        if (value == NULL)
                return;
        if (value[0] != '\0' && !structure_text_ok(value))
                die(EX_DATAERR, "%s", problem);
        free(*field);
        *field = value[0] != '\0' ? xstrdup(value) : NULL;
}

void structure_set(struct structure *s, const char *address, const char *phone)
{
        replace(&s->address, address, _("the address must be one line of UTF-8"));
        replace(&s->phone, phone, _("the phone must be one line of UTF-8"));
        write_json(s, s->json_path);
}

/* --- verification -------------------------------------------------------------------- */

void structure_trusted_key(const char *home, const char *pubkey_file, struct sig_pubkey *out)
{
        struct structure *s;
        enum sig_status st;
        size_t len;
        char *text;

        if (pubkey_file == NULL) {
                if (!structure_exists(home))
                        die(EX_CONFIG,
                            _("no structure in %s and no --pubkey <file>: no key to check "
                              "against"),
                            home);
                s = structure_open(home, "init");
                *out = s->pk;
                structure_close(s);
                return;
        }
        text = fs_read_file_or_die(pubkey_file, FILE_MAX, &len);
        st = sig_pubkey_parse(text, len, out);
        free(text);
        if (st != SIG_OK)
                die(EX_DATAERR, "%s: %s", pubkey_file, sig_strerror(st));
}

int structure_verify(const struct sig_pubkey *trusted, const void *msg, size_t len, const char *sig,
                     size_t siglen, struct structure_check *c)
{
        struct sig_signature parsed;
        enum sig_status st = sig_signature_parse(sig, siglen, &parsed);

        memset(c, 0, sizeof(*c));
        if (st != SIG_OK) {
                snprintf(c->why, sizeof(c->why), "%s", sig_strerror(st));
                return EX_DATAERR;
        }
        sig_keyid_hex(parsed.keyid, c->key_id);
        c->trusted = parsed.trusted;
        c->demo = strstr(c->trusted, DEMO_MARK) != NULL;
        st = sig_verify(trusted, &parsed, msg, len);
        if (st == SIG_EKEYID) {
                char want[17];

                sig_keyid_hex(trusted->keyid, want);
                snprintf(c->why, sizeof(c->why),
                         _("signed by the key %s, not by the trusted key %s"), c->key_id, want);
                return EX_NOPERM;
        }
        if (st != SIG_OK) {
                snprintf(c->why, sizeof(c->why), "%s", sig_strerror(st));
                return EX_DATAERR;
        }
        if (c->demo && !demo_active()) {
                snprintf(c->why, sizeof(c->why), "%s",
                         _("a demonstration signature (DÉMONSTRATION — sans valeur): it proves "
                           "nothing"));
                return EX_NOPERM;
        }
        return 0;
}

void structure_check_clear(struct structure_check *c)
{
        free(c->trusted);
        c->trusted = NULL;
}

char *structure_field(const char *trusted, const char *key)
{
        size_t klen = strlen(key);
        const char *p = trusted;

        while ((p = strstr(p, key)) != NULL) {
                if ((p == trusted || p[-1] == ' ') && p[klen] == ':') {
                        const char *v = p + klen + 1;

                        return xstrndup(v, strcspn(v, " "));
                }
                p += klen;
        }
        return NULL;
}
