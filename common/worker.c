/* One job at a time on a second thread (see worker.h): a mutex and a condition guard the
 * job handed over and whether it is done. */
#include "worker.h"
#include "xalloc.h"

#include <pthread.h>
#include <stdlib.h>

struct worker {
        pthread_t thread;
        int threaded;
        pthread_mutex_t mu;
        pthread_cond_t cv;
        void (*fn)(void *arg); /* the job waiting to start, or NULL */
        void *arg;
        int busy; /* a job is waiting or running */
        int quit;
};

static void *work(void *arg)
{
        struct worker *w = arg;

        pthread_mutex_lock(&w->mu);
        for (;;) {
                void (*fn)(void *);

                while (w->fn == NULL && !w->quit)
                        pthread_cond_wait(&w->cv, &w->mu);
                if (w->fn == NULL)
                        break;
                fn = w->fn;
                w->fn = NULL;
                pthread_mutex_unlock(&w->mu);
                fn(w->arg);
                pthread_mutex_lock(&w->mu);
                w->busy = 0;
                pthread_cond_broadcast(&w->cv);
        }
        pthread_mutex_unlock(&w->mu);
        return NULL;
}

struct worker *worker_start(void)
{
        struct worker *w = xcalloc(1, sizeof(*w));

        pthread_mutex_init(&w->mu, NULL);
        pthread_cond_init(&w->cv, NULL);
        w->threaded = pthread_create(&w->thread, NULL, work, w) == 0;
        return w;
}

/* Waits for the job in flight; returns with the lock held. */
static void wait_locked(struct worker *w)
{
        pthread_mutex_lock(&w->mu);
        while (w->busy)
                pthread_cond_wait(&w->cv, &w->mu);
}

void worker_run(struct worker *w, void (*fn)(void *arg), void *arg)
{
        if (!w->threaded) {
                fn(arg);
                return;
        }
        wait_locked(w);
        w->fn = fn;
        w->arg = arg;
        w->busy = 1;
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
}

void worker_wait(struct worker *w)
{
        if (!w->threaded)
                return;
        wait_locked(w);
        pthread_mutex_unlock(&w->mu);
}

void worker_stop(struct worker *w)
{
        if (w == NULL)
                return;
        if (w->threaded) {
                wait_locked(w);
                w->quit = 1;
                pthread_cond_broadcast(&w->cv);
                pthread_mutex_unlock(&w->mu);
                pthread_join(w->thread, NULL);
        }
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        free(w);
}
