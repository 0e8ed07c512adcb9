/* A second thread that runs one job at a time for its owner: half a batch of chunks to
 * seal, a buffer to write while the next one is filled. Without a thread (none could be
 * started) each job runs in the caller at once, so the results are the same. */
#ifndef AIDANT_WORKER_H
#define AIDANT_WORKER_H

struct worker;

/* Starts a worker; never NULL. */
struct worker *worker_start(void);
/* Runs fn(arg) on the worker once the job before it has finished. What the caller wrote
 * before is seen by fn. */
void worker_run(struct worker *w, void (*fn)(void *arg), void *arg);
/* Waits until the last job has finished: what it wrote is then seen by the caller. */
void worker_wait(struct worker *w);
/* Waits, ends the thread and frees w (NULL allowed). */
void worker_stop(struct worker *w);

#endif
