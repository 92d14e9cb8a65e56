/* pool: every task runs exactly once, on a worker in range; a background
 * task has run when pool_join returns, and its work is seen after. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/pool.h"

struct tally {
	atomic_int *seen;
	int threads;
	atomic_int bad_worker;
};

static void count(void *ctx, size_t i, int worker)
{
	struct tally *t = ctx;
	atomic_fetch_add(&t->seen[i], 1);
	if (worker < 0 || worker >= t->threads)
		atomic_store(&t->bad_worker, 1);
}

struct slow {
	volatile long sum;
	int done;
};

static void add_up(void *ctx)
{
	struct slow *w = ctx;
	long s = 0;
	for (long i = 1; i <= 1000000; i++)
		s += i;
	w->sum = s;
	w->done = 1;
}

int main(void)
{
	enum { N = 5000 };
	int threads[] = {0, 1, 2, 7};
	for (size_t k = 0; k < sizeof threads / sizeof *threads; k++) {
		struct tally t = {calloc(N, sizeof(atomic_int)), threads[k] > 1 ?
		    threads[k] : 1, 0};
		if (!t.seen)
			abort();
		pool_run(threads[k], N, count, &t);
		int once = 1;
		for (size_t i = 0; i < N; i++)
			once &= atomic_load(&t.seen[i]) == 1;
		CHECK("pool_run: each task once", once);
		CHECK("pool_run: workers numbered below the thread count",
		    !atomic_load(&t.bad_worker));
		free(t.seen);
	}
	atomic_int one = 0;
	struct tally none = {&one, 2, 0};
	pool_run(2, 0, count, &none);
	CHECK("pool_run with no tasks calls nothing", atomic_load(&one) == 0);

	struct slow a = {0, 0}, b = {0, 0};
	pool_task *ta = pool_start(add_up, &a);
	pool_task *tb = pool_start(add_up, &b);
	pool_join(tb);
	pool_join(ta);
	CHECK("pool_start: the task ran by pool_join", a.done && b.done);
	CHECK("pool_start: its result is seen after the join",
	    a.sum == 500000500000L && b.sum == 500000500000L);
	pool_join(NULL);   /* a crash here fails the test */
	CHECK_DONE();
}
