#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

struct pool {
	size_t n;
	atomic_size_t next;
	void (*fn)(void *, size_t, int);
	void *ctx;
};

struct worker {
	struct pool *p;
	int id;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	xalloc_thread_start();
	size_t i;
	while ((i = atomic_fetch_add(&w->p->next, 1)) < w->p->n)
		w->p->fn(w->p->ctx, i, w->id);
	return NULL;
}

void pool_run(int threads, size_t n,
    void (*fn)(void *ctx, size_t i, int worker), void *ctx)
{
	if (threads <= 1 || n < 2) {
		for (size_t i = 0; i < n; i++)
			fn(ctx, i, 0);
		return;
	}
	struct pool p = {.n = n, .fn = fn, .ctx = ctx};
	atomic_init(&p.next, 0);
	pthread_t *tids = calloc((size_t)threads, sizeof *tids);
	struct worker *ws = calloc((size_t)threads, sizeof *ws);
	if (!tids || !ws)
		abort();
	int started = 0;
	for (int t = 1; t < threads; t++) {
		ws[t].p = &p;
		ws[t].id = t;
		if (pthread_create(&tids[t], NULL, work, &ws[t]) == 0)
			started = t;
		else
			break;
	}
	ws[0].p = &p;
	ws[0].id = 0;
	work(&ws[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(tids[t], NULL);
	free(tids);
	free(ws);
}

struct pool_task {
	pthread_t tid;
	int started;
	void (*fn)(void *);
	void *ctx;
};

static void *task_main(void *arg)
{
	pool_task *t = arg;
	t->fn(t->ctx);
	return NULL;
}

pool_task *pool_start(void (*fn)(void *ctx), void *ctx)
{
	pool_task *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->fn = fn;
	t->ctx = ctx;
	t->started = pthread_create(&t->tid, NULL, task_main, t) == 0;
	if (!t->started)
		fn(ctx);
	return t;
}

void pool_join(pool_task *t)
{
	if (!t)
		return;
	if (t->started)
		pthread_join(t->tid, NULL);
	free(t);
}

int pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}
