/* names.age: {"owner": "...", "helpers": {"age1...": "Mme X, CCAS"}}, encrypted to the
 * owner alone. */
#include "names.h"
#include "agefile.h"
#include "i18n.h"
#include "manifest.h"
#include "msg.h"
#include "txn.h"
#include "vault.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NAMES     "names.age"
#define NAMES_MAX (1 << 20)

/* The names (borrowed from v), read on first use; empty for a helper. */
static json_t *names(struct vault *v)
{
        const char *why = N_("not a names file (JSON)");
        size_t len;
        char *text;
        int rc;

        if (v->names != NULL)
                return v->names;
        if (!v->owner || manifest_pin_hash(v->manifest, NAMES) == NULL) {
                v->names = vault_json(json_pack("{s:s, s:{}}", "owner", "", "helpers"));
                return v->names;
        }
        rc = vault_read_pinned(v, NAMES, NAMES_MAX, &text, &len);
        if (rc != AGE_OK)
                die(agefile_exit(rc), "%s/%s: %s", v->dir, NAMES, _(age_status_text(rc)));
        v->names = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
        agefile_free_plain(text);
        if (!json_is_string(json_object_get(v->names, "owner")) ||
            !json_is_object(json_object_get(v->names, "helpers")))
                die(EX_DATAERR, "%s/%s: %s", v->dir, NAMES, _(why));
        return v->names;
}

const char *names_owner(struct vault *v)
{
        return json_string_value(json_object_get(names(v), "owner"));
}

const char *names_helper(struct vault *v, const char *recipient)
{
        return json_string_value(json_object_get(json_object_get(names(v), "helpers"), recipient));
}

const char *names_helper_or_key(struct vault *v, const char *recipient)
{
        const char *n = names_helper(v, recipient);

        return n != NULL ? n : recipient;
}

const char *names_find_helper(struct vault *v, const char *name)
{
        const char *rcp;
        json_t *n;

        json_object_foreach(json_object_get(names(v), "helpers"), rcp, n)
        {
                if (strcmp(json_string_value(n), name) == 0)
                        return rcp;
        }
        return NULL;
}

void names_set_owner(struct txn *t, const char *owner)
{
        json_object_set_new(names(t->v), "owner", vault_json(json_string(owner)));
        t->names_changed = 1;
}

void names_set_helper(struct txn *t, const char *recipient, const char *name)
{
        json_object_set_new(json_object_get(names(t->v), "helpers"), recipient,
                            vault_json(json_string(name)));
        t->names_changed = 1;
}

static int still_shared(const struct vault *v, const char *recipient)
{
        size_t i;
        json_t *s;

        json_array_foreach(json_object_get(v->manifest, "shares"), i, s)
        {
                if (strcmp(json_string_value(json_object_get(s, "recipient")), recipient) == 0)
                        return 1;
        }
        return 0;
}

void names_forget_unshared(struct txn *t)
{
        json_t *helpers = json_object_get(names(t->v), "helpers"), *n;
        const char *rcp;
        void *tmp;

        json_object_foreach_safe(helpers, tmp, rcp, n)
        {
                if (!still_shared(t->v, rcp)) {
                        json_object_del(helpers, rcp);
                        t->names_changed = 1;
                }
        }
}

void names_stage(struct txn *t)
{
        struct age_recipient r;
        char *path, *text;

        memset(&r, 0, sizeof(r));
        memcpy(r.pk, t->v->pk, AGE_KEY_LEN);
        text = json_dumps(names(t->v), JSON_COMPACT | JSON_SORT_KEYS);
        if (text == NULL)
                die(EX_SOFTWARE, "%s", _("out of memory"));
        path = txn_stage(t, NAMES);
        agefile_write(path, &r, 1, text, strlen(text), NULL);
        secret_wipe_free(text);
        txn_pin(t, NAMES);
        free(path);
        t->names_changed = 0;
}
