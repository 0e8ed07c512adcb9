/* Passphrases and other secrets: each from its own descriptor, file or the terminal
 * without echo, held in guarded memory, wiped when freed. */
#include "secret.h"
#include "demo.h"
#include "guarded.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"

#include <errno.h>
#include <jansson.h>
#include <malloc.h>
#include <sys/prctl.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#define SECRET_MAX 1024

/* What each kind is, in messages. */
static const char *const kind_labels[SECRET_KINDS] = {
    N_("the passphrase"), N_("the new passphrase"), N_("the recovery code"), N_("the password")};
static const char *const kind_names[SECRET_KINDS] = {"passphrase", "new-passphrase",
                                                     "recovery-code", "password"};

void secret_srcs_init(struct secret_srcs *s)
{
        for (int k = 0; k < SECRET_KINDS; k++) {
                s->fd[k] = -1;
                s->file[k] = NULL;
        }
}

const char *secret_option_name(enum secret_kind kind)
{
        return kind_names[kind];
}

int secret_option(struct secret_srcs *s, int c, const char *arg, const char **error)
{
        int k = (c - SECRET_OPT_BASE) / 2;
        char *end;
        long fd;

        if (c < SECRET_OPT_BASE || k >= SECRET_KINDS) {
                *error = "internal: not a secret option";
                return -1;
        }
        if ((c - SECRET_OPT_BASE) % 2 == 1) {
                s->file[k] = arg;
                return 0;
        }
        errno = 0;
        fd = strtol(arg, &end, 10);
        if (errno != 0 || end == arg || *end != '\0' || fd < 0 || fd > 1023) {
                *error = _("not a file descriptor number");
                return -1;
        }
        for (int o = 0; o < SECRET_KINDS; o++) {
                if (o != k && s->fd[o] == fd) {
                        *error = _("this descriptor already gives another secret (each gives one)");
                        return -1;
                }
        }
        s->fd[k] = (int)fd;
        return 0;
}

static struct secret *secret_new(void)
{
        struct secret *s = xcalloc(1, sizeof(*s));

        s->buf = guarded_alloc(SECRET_MAX + 1);
        return s;
}

void secret_free(struct secret *s)
{
        if (s == NULL)
                return;
        guarded_free(s->buf);
        free(s);
}

/* Reads one line byte by byte: nothing after it is taken from the descriptor. */
static int read_line(int fd, struct secret *s)
{
        size_t n = 0;

        for (;;) {
                char c;
                ssize_t r = read(fd, &c, 1);

                if (r < 0 && errno == EINTR)
                        continue;
                if (r < 0)
                        return -1;
                if (r == 0 || c == '\n')
                        break;
                if (n == SECRET_MAX)
                        die(EX_DATAERR, _("a secret is longer than %d bytes"), SECRET_MAX);
                s->buf[n++] = c;
        }
        if (n > 0 && s->buf[n - 1] == '\r')
                n--;
        s->buf[n] = '\0';
        s->len = n;
        return 0;
}

static struct secret *read_tty(int fd, const char *prompt)
{
        struct termios old, quiet;
        struct secret *s = secret_new();
        int rc;

        /* On the terminal itself, as age and ssh do: "cmd 2>log" still shows the prompt. */
        fflush(stderr);
        dprintf(fd, "%s", prompt);
        tcgetattr(fd, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
        rc = read_line(fd, s);
        tcsetattr(fd, TCSAFLUSH, &old);
        dprintf(fd, "\n");
        if (rc != 0)
                die(EX_IOERR, _("cannot read the passphrase: %s"), strerror(errno));
        return s;
}

static struct secret *from_terminal(enum secret_kind kind, const char *prompt, int confirm)
{
        int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
        struct secret *s, *again;

        if (fd < 0)
                die(EX_USAGE, _("no terminal to ask %s: use --%s-fd or --%s-file"),
                    _(kind_labels[kind]), kind_names[kind], kind_names[kind]);
        s = read_tty(fd, prompt);
        if (confirm) {
                again = read_tty(fd, _("Again: "));
                if (s->len != again->len || sodium_memcmp(s->buf, again->buf, s->len) != 0) {
                        close(fd);
                        die(EX_DATAERR, "%s", _("the two entries differ"));
                }
                secret_free(again);
        }
        close(fd);
        return s;
}

/* Only the first line: the rest of a file or descriptor is never read. */
static struct secret *from_source(const struct secret_srcs *src, enum secret_kind kind)
{
        const char *file = src->file[kind];
        int fd = src->fd[kind];
        struct secret *s;

        if (file != NULL && (fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
                die(EX_NOINPUT, _("--%s-file: cannot read %s: %s"), kind_names[kind], file,
                    strerror(errno));
        s = secret_new();
        if (read_line(fd, s) != 0)
                die(EX_IOERR, _("cannot read %s: %s"), _(kind_labels[kind]), strerror(errno));
        if (file != NULL)
                close(fd);
        return s;
}

struct secret *secret_read(const struct secret_srcs *src, enum secret_kind kind, const char *prompt,
                           int confirm)
{
        struct secret *s;

        if (src->fd[kind] < 0 && src->file[kind] == NULL && kind == SECRET_PASSPHRASE &&
            demo_active()) {
                s = secret_new();
                s->len = strlen(DEMO_PASSPHRASE);
                memcpy(s->buf, DEMO_PASSPHRASE, s->len + 1);
        } else if (src->fd[kind] < 0 && src->file[kind] == NULL)
                s = from_terminal(kind, prompt, confirm);
        else
                s = from_source(src, kind);
        if (s->len == 0) {
                secret_free(s);
                die(EX_DATAERR, _("%s is empty"), _(kind_labels[kind]));
        }
        if (memchr(s->buf, '\0', s->len) != NULL) {
                secret_free(s);
                die(EX_DATAERR, _("%s holds a NUL byte"), _(kind_labels[kind]));
        }
        return s;
}

void secret_wipe_free(void *p)
{
        if (p == NULL)
                return;
        sodium_memzero(p, malloc_usable_size(p));
        free(p);
}

void secret_harden_process(void)
{
        struct rlimit rl = {0, 0};

        setrlimit(RLIMIT_CORE, &rl);
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        json_set_alloc_funcs(malloc, secret_wipe_free);
}
