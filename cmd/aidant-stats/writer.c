/* The writer thread of an import: checked records come in batches through a short queue
 * (a bounded memory), and are stored by db_put in the order they came. Only this thread
 * uses the store until writer_finish; a command that dies meanwhile stops it first, so
 * that the store is closed (and its transaction rolled back) by one thread. */
#include "writer.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#define BATCH  512 /* records handed over at once: one lock per batch */
#define QUEUED 4   /* batches waiting at most */

struct batch {
        size_t n;
        json_t *v[BATCH];
};

struct writer {
        struct db *db;
        pthread_t thread;
        pthread_mutex_t lock;
        pthread_cond_t more, room;
        struct batch *ring[QUEUED];
        size_t head, count;
        struct batch *cur; /* the one being filled */
        bool done;
        atomic_bool stop;
        struct writer_counts counts;
};

/* The writer running now, stopped at exit when the command dies. */
static struct writer *running;

static void put_all(struct writer *w, struct batch *b)
{
        for (size_t i = 0; i < b->n; i++) {
                if (!atomic_load(&w->stop)) {
                        enum db_put res = db_put(w->db, b->v[i]);

                        w->counts.inserted += res == DB_INSERTED;
                        w->counts.updated += res == DB_UPDATED;
                        w->counts.unchanged += res == DB_UNCHANGED;
                }
                json_decref(b->v[i]);
        }
        free(b);
}

static void *write_loop(void *arg)
{
        struct writer *w = arg;

        for (;;) {
                struct batch *b;

                pthread_mutex_lock(&w->lock);
                while (w->count == 0 && !w->done && !atomic_load(&w->stop))
                        pthread_cond_wait(&w->more, &w->lock);
                if (w->count == 0 || atomic_load(&w->stop)) {
                        pthread_mutex_unlock(&w->lock);
                        return NULL;
                }
                b = w->ring[w->head];
                w->head = (w->head + 1) % QUEUED;
                w->count--;
                pthread_cond_signal(&w->room);
                pthread_mutex_unlock(&w->lock);
                put_all(w, b);
        }
}

static void free_writer(struct writer *w)
{
        atomic_store(&w->stop, true); /* what a stop left is only let go */
        while (w->count > 0) {
                put_all(w, w->ring[w->head]);
                w->head = (w->head + 1) % QUEUED;
                w->count--;
        }
        put_all(w, w->cur);
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->more);
        pthread_cond_destroy(&w->room);
        free(w);
}

/* A command died on the reading side: the writer stops after its record. When it died on
 * the writer's side, that thread is the one that exits and closes the store. */
static void stop_at_exit(void)
{
        struct writer *w = running;

        if (w == NULL || pthread_equal(pthread_self(), w->thread))
                return;
        running = NULL;
        atomic_store(&w->stop, true);
        pthread_mutex_lock(&w->lock);
        pthread_cond_broadcast(&w->more);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
        free_writer(w);
}

struct writer *writer_start(struct db *db)
{
        static bool registered;
        struct writer *w = xcalloc(1, sizeof(*w));

        if (!registered) {
                msg_at_exit(stop_at_exit); /* before the store's own: runs first */
                registered = true;
        }
        w->db = db;
        w->cur = xcalloc(1, sizeof(*w->cur));
        atomic_init(&w->stop, false);
        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->more, NULL);
        pthread_cond_init(&w->room, NULL);
        if (pthread_create(&w->thread, NULL, write_loop, w) != 0)
                die(EX_OSERR, "cannot start a thread");
        running = w;
        return w;
}

static void push(struct writer *w)
{
        pthread_mutex_lock(&w->lock);
        while (w->count == QUEUED)
                pthread_cond_wait(&w->room, &w->lock);
        w->ring[(w->head + w->count) % QUEUED] = w->cur;
        w->count++;
        pthread_cond_signal(&w->more);
        pthread_mutex_unlock(&w->lock);
        w->cur = xcalloc(1, sizeof(*w->cur));
}

void writer_put(struct writer *w, json_t *rec)
{
        w->cur->v[w->cur->n++] = rec;
        if (w->cur->n == BATCH)
                push(w);
}

struct writer_counts writer_finish(struct writer *w)
{
        struct writer_counts c;

        if (w->cur->n > 0)
                push(w);
        pthread_mutex_lock(&w->lock);
        w->done = true;
        pthread_cond_signal(&w->more);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
        running = NULL;
        c = w->counts;
        free_writer(w);
        return c;
}
