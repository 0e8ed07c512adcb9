/* Passphrases and other secrets: read from a descriptor, a file or the terminal
 * without echo, held in guarded memory, wiped when freed. */
#include "secret.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#define SECRET_MAX 1024

int secret_fd_arg(const char *value)
{
        char *end;
        long fd;

        errno = 0;
        fd = strtol(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || fd < 0 || fd > 1023)
                die(EX_USAGE, _("--passphrase-fd: '%s' is not a file descriptor"), value);
        return (int)fd;
}

int secret_option(struct secret_src *src, int c, const char *arg)
{
        if (c == SECRET_OPT_FD)
                src->fd = secret_fd_arg(arg);
        else if (c == SECRET_OPT_FILE)
                src->file = arg;
        else
                return 0;
        return 1;
}

static struct secret *secret_new(void)
{
        struct secret *s = xcalloc(1, sizeof(*s));

        if (sodium_init() < 0)
                die(EX_SOFTWARE, "sodium_init");
        s->buf = sodium_malloc(SECRET_MAX + 1);
        if (s->buf == NULL)
                die(EX_OSERR, "%s", _("out of memory"));
        return s;
}

void secret_free(struct secret *s)
{
        if (s == NULL)
                return;
        sodium_free(s->buf); /* wipes */
        free(s);
}

/* Reads one line byte by byte, so that the next secret on the same fd stays unread. */
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
                        die(EX_DATAERR, _("the passphrase is longer than %d bytes"), SECRET_MAX);
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

        fprintf(stderr, "%s", prompt);
        fflush(stderr);
        tcgetattr(fd, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
        rc = read_line(fd, s);
        tcsetattr(fd, TCSAFLUSH, &old);
        fputc('\n', stderr);
        if (rc != 0)
                die(EX_IOERR, _("cannot read the passphrase: %s"), strerror(errno));
        return s;
}

static struct secret *from_terminal(const char *prompt, int confirm)
{
        int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
        struct secret *s, *again;

        if (fd < 0)
                die(EX_NOINPUT, "%s",
                    _("no terminal to ask the passphrase: use --passphrase-fd or "
                      "--passphrase-file"));
        s = read_tty(fd, prompt);
        if (confirm) {
                again = read_tty(fd, _("Again: "));
                if (s->len != again->len || sodium_memcmp(s->buf, again->buf, s->len) != 0) {
                        close(fd);
                        die(EX_DATAERR, "%s", _("the two passphrases differ"));
                }
                secret_free(again);
        }
        close(fd);
        return s;
}

struct secret *secret_read(const struct secret_src *src, const char *prompt, int confirm)
{
        struct secret *s;
        int fd = src->fd;

        if (fd < 0 && src->file == NULL)
                s = from_terminal(prompt, confirm);
        else {
                if (src->file != NULL && (fd = open(src->file, O_RDONLY)) < 0)
                        die(EX_NOINPUT, _("cannot read %s: %s"), src->file, strerror(errno));
                s = secret_new();
                if (read_line(fd, s) != 0)
                        die(EX_IOERR, _("cannot read the passphrase: %s"), strerror(errno));
                if (src->file != NULL)
                        close(fd);
        }
        if (s->len == 0) {
                secret_free(s);
                die(EX_DATAERR, "%s", _("the passphrase is empty"));
        }
        return s;
}

void secret_no_core(void)
{
        struct rlimit rl = {0, 0};

        setrlimit(RLIMIT_CORE, &rl);
}
