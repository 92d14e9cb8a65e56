/* pool: runs n independent tasks on a few threads. Tasks are taken in
 * index order from a shared counter, so the split adapts to uneven work;
 * results must not depend on which worker ran a task (each task writes
 * only its own slot or file). */
#ifndef SAITTI_POOL_H
#define SAITTI_POOL_H

#include <stddef.h>

/* Calls fn(ctx, i, worker) for i in [0, n); worker is in [0, threads).
 * threads <= 1 runs everything on the calling thread. */
void pool_run(int threads, size_t n,
    void (*fn)(void *ctx, size_t i, int worker), void *ctx);

/* One task beside the calling thread, for a step that only waits on the
 * kernel (mapping a cache file) while the caller does other work. When
 * no thread can be made, fn runs at once, here. pool_join waits for it
 * and frees the handle; every pool_start needs its pool_join. */
typedef struct pool_task pool_task;
pool_task *pool_start(void (*fn)(void *ctx), void *ctx);
void pool_join(pool_task *t);

/* The number of online CPUs (at least 1). */
int pool_cpus(void);

#endif
