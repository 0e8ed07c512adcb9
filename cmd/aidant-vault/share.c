/* Sharing a domain with a named helper: share (a stanza more on each object, same
 * payload), unshare (fresh file keys unless --no-rekey), shares; and the referentials
 * (domains, types). */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "msg.h"
#include "i18n.h"
#include "rec.h"
#include "rekey.h"
#include "types.h"
#include "names.h"
#include "txn.h"
#include "vault.h"

#include <stdlib.h>
#include <string.h>

struct share_args {
        const char *domain, *with, *name, *until;
        int no_rekey;
};

static void parse_share_opt(const struct ctx *ctx, struct share_args *a, int c, const char *arg)
{
        if (c == 'd' && !vault_domain_valid(arg))
                cli_usage_error(ctx, _("unknown domain '%s' (see 'aidant-vault domains')"), arg);
        if (c == 'd')
                a->domain = arg;
        else if (c == 'w')
                a->with = arg;
        else if (c == 'n')
                a->name = arg;
        else if (c == 'u')
                a->until = arg;
        else if (c == 'R')
                a->no_rekey = 1;
}

/* --until as an instant: a date alone means until the end of that day. */
static time_t parse_until(const struct ctx *ctx, const char *s)
{
        struct duration day = {1, 'd'};
        char date[11];
        time_t t;

        if (clock_parse(s, &t) != 0)
                cli_usage_error(ctx, _("--until: '%s' is not a date"), s);
        if (clock_parse_date(s, date) == 0)
                t = duration_apply(t, &day, 1);
        return t;
}

static void add_share(struct txn *t, const struct share_args *a, time_t until)
{
        json_t *shares = json_object_get(t->v->manifest, "shares"), *s;
        char when[32];

        for (size_t i = json_array_size(shares); i-- > 0;) {
                s = json_array_get(shares, i);
                if (strcmp(json_string_value(json_object_get(s, "domain")), a->domain) == 0 &&
                    strcmp(json_string_value(json_object_get(s, "recipient")), a->with) == 0)
                        json_array_remove(shares, i);
        }
        clock_format_iso(t->v->now, when);
        s = vault_json(
            json_pack("{s:s, s:s, s:s}", "domain", a->domain, "recipient", a->with, "since", when));
        if (until != 0) {
                clock_format_iso(until, when);
                json_object_set_new(s, "until", vault_json(json_string(when)));
        }
        json_array_append_new(shares, s);
        names_set_helper(t, a->with, a->name);
}

int cmd_share(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"domain", required_argument, NULL, 'd'},
                                             {"with", required_argument, NULL, 'w'},
                                             {"name", required_argument, NULL, 'n'},
                                             {"until", required_argument, NULL, 'u'},
                                             {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        struct share_args a = {0};
        unsigned char pk[AGE_KEY_LEN];
        struct vault *v;
        struct txn t;
        time_t until = 0;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                parse_share_opt(ctx, &a, c, optarg);
        cli_no_args(ctx, argc, argv);
        if (a.domain == NULL || a.with == NULL || a.name == NULL || a.name[0] == '\0')
                cli_usage_error(ctx, _("--domain, --with and --name are required"));
        vault_need_text(ctx, "--name", a.name);
        if (age_parse_recipient(a.with, pk) != 0)
                die(EX_DATAERR, _("'%s' is not an age recipient (age1...)"), a.with);
        if (a.until != NULL)
                until = parse_until(ctx, a.until);
        v = vault_open(ctx, o, VAULT_WRITE);
        vault_need_owner(v, "share");
        vault_need_consistent(v);
        if (until != 0 && until <= v->now)
                cli_usage_error(ctx, _("--until: %s is already past"), a.until);
        if (memcmp(pk, v->pk, AGE_KEY_LEN) == 0)
                cli_usage_error(ctx, _("this is the owner's own key"));
        /* one change: a killed share is undone or done, never half */
        txn_begin(v, &t);
        add_share(&t, &a, until);
        rekey_stage(&t, a.domain, 0);
        txn_commit(&t);
        msg_notice(_("domain %s shared with %s"), a.domain, a.name);
        vault_close(v);
        return 0;
}

/* Removes the shares of domain with a recipient or a helper's name; returns how many. */
static int remove_shares(struct vault *v, const char *domain, const char *with)
{
        json_t *shares = json_object_get(v->manifest, "shares");
        const char *named = names_find_helper(v, with);
        int n = 0;

        for (size_t i = json_array_size(shares); i-- > 0;) {
                json_t *s = json_array_get(shares, i);
                const char *rcp = json_string_value(json_object_get(s, "recipient"));

                if (strcmp(json_string_value(json_object_get(s, "domain")), domain) != 0)
                        continue;
                if (strcmp(rcp, with) == 0 || (named != NULL && strcmp(rcp, named) == 0)) {
                        json_array_remove(shares, i);
                        n++;
                }
        }
        return n;
}

int cmd_unshare(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"domain", required_argument, NULL, 'd'},
                                             {"with", required_argument, NULL, 'w'},
                                             {"no-rekey", no_argument, NULL, 'R'},
                                             {NULL, 0, NULL, 0}};
        struct vault_opts *o = ctx->opts;
        struct share_args a = {0};
        struct vault *v;
        struct txn t;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                parse_share_opt(ctx, &a, c, optarg);
        cli_no_args(ctx, argc, argv);
        if (a.domain == NULL || a.with == NULL)
                cli_usage_error(ctx, _("--domain and --with are required"));
        v = vault_open(ctx, o, VAULT_WRITE);
        vault_need_owner(v, "unshare");
        vault_need_consistent(v);
        /* first the share goes and the domain is marked, in one change: from then on, a
         * killed unshare is finished by the owner's next command, never undone */
        txn_begin(v, &t);
        if (remove_shares(v, a.domain, a.with) == 0)
                die(EX_NOINPUT, _("the domain %s is not shared with %s"), a.domain, a.with);
        rekey_intend(&t, a.domain, !a.no_rekey);
        names_forget_unshared(&t);
        txn_commit(&t);
        rekey_marked(v);
        if (a.no_rekey)
                msg_notice(_("domain %s no longer shared with %s; without re-keying, what they "
                             "already copied stays readable to them"),
                           a.domain, a.with);
        else
                msg_notice(_("domain %s no longer shared with %s; its documents were re-encrypted"),
                           a.domain, a.with);
        vault_close(v);
        return 0;
}

int cmd_shares(int argc, char **argv, struct ctx *ctx)
{
        static const char *const cols[] = {"domain", "name",  "recipient", "since",
                                           "until",  "state", NULL};
        struct vault_opts *o = ctx->opts;
        struct rec_writer *w;
        struct vault *v;
        size_t i;
        json_t *s;

        cli_no_args(ctx, argc, argv);
        v = vault_open(ctx, o, VAULT_READ);
        w = rec_writer_open(stdout, ctx->format, cols);
        json_array_foreach(json_object_get(v->manifest, "shares"), i, s)
        {
                const char *until = json_string_value(json_object_get(s, "until"));
                time_t t;
                int over = until != NULL && clock_parse(until, &t) == 0 && t <= v->now;
                json_t *out = vault_json(json_deep_copy(s));
                const char *name =
                    v->owner ? names_helper(v, json_string_value(json_object_get(s, "recipient")))
                             : NULL;

                if (name != NULL)
                        json_object_set_new(out, "name", vault_json(json_string(name)));
                json_object_set_new(out, "state",
                                    vault_json(json_string(over ? "expired" : "active")));
                rec_write(w, out);
                json_decref(out);
        }
        rec_writer_close(w);
        vault_close(v);
        return 0;
}

int cmd_domains(int argc, char **argv, struct ctx *ctx)
{
        static const char *const cols[] = {"domain", "label", NULL};
        struct rec_writer *w;

        cli_no_args(ctx, argc, argv);
        w = rec_writer_open(stdout, ctx->format, cols);
        for (int i = 0; vault_domains[i] != NULL; i++) {
                json_t *r = vault_json(json_pack("{s:s, s:s}", "domain", vault_domains[i], "label",
                                                 vault_domain_label(vault_domains[i])));

                rec_write(w, r);
                json_decref(r);
        }
        rec_writer_close(w);
        return 0;
}

int cmd_types(int argc, char **argv, struct ctx *ctx)
{
        static const char *const cols[] = {"type", "label", "domain", NULL};
        struct rec_writer *w;

        cli_no_args(ctx, argc, argv);
        w = rec_writer_open(stdout, ctx->format, cols);
        for (const struct doc_type *t = doc_types; t->id != NULL; t++) {
                json_t *r = vault_json(json_pack("{s:s, s:s, s:s?}", "type", t->id, "label",
                                                 _(t->label), "domain", t->domain));

                rec_write(w, r);
                json_decref(r);
        }
        rec_writer_close(w);
        return 0;
}
