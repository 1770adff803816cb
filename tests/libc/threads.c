/* pthreads and __thread in dev mode: threads get their own TLS, a mutex
 * keeps a shared counter exact, detached threads come and go. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static __thread int tls_value = 7;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int detached_done;

static void *worker(void *arg)
{
	tls_value += (int)(long)arg;
	for (int i = 0; i < 100000; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(long)tls_value;
}

static void *detached(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

int main(void)
{
	pthread_t t[8];
	for (long i = 0; i < 8; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i)) { printf("create failed\n"); return 1; }
	for (long i = 0; i < 8; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		if ((long)ret != 7 + i) { printf("thread %ld saw tls %ld\n", i, (long)ret); return 1; }
	}
	if (counter != 800000 || tls_value != 7) {
		printf("counter %ld tls %d\n", counter, tls_value);
		return 1;
	}
	/* Detached threads exit through __unmapself (their stack is freed by themselves). */
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 200; i++) {
		pthread_t d;
		if (pthread_create(&d, &attr, detached, NULL)) { printf("detached create failed\n"); return 1; }
	}
	for (int i = 0; i < 1000 && __atomic_load_n(&detached_done, __ATOMIC_SEQ_CST) < 200; i++)
		usleep(1000);
	if (detached_done != 200) { printf("only %d detached threads ran\n", detached_done); return 1; }
	printf("threads ok\n");
	return 0;
}
