/* pthread_cancel of threads parked in the kernel (read, nanosleep,
 * pthread_cond_wait, accept) and of one that had cancellation disabled:
 * each ends as PTHREAD_CANCELED with its cleanup handler run. The image
 * prints what Linux prints. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int cleanups;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int pipe_fds[2], listener;

static void cleanup(void *arg)
{
	(void)arg;
	cleanups++;
}

static void unlock(void *arg)
{
	pthread_mutex_unlock(arg);
	cleanups++;
}

static void *in_read(void *arg)
{
	char c;
	(void)arg;
	pthread_cleanup_push(cleanup, 0);
	read(pipe_fds[0], &c, 1);
	pthread_cleanup_pop(0);
	return "returned";
}

static void *in_sleep(void *arg)
{
	(void)arg;
	pthread_cleanup_push(cleanup, 0);
	sleep(30);
	pthread_cleanup_pop(0);
	return "returned";
}

static void *in_cond_wait(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	pthread_cleanup_push(unlock, &m);
	for (;;)
		pthread_cond_wait(&cv, &m);
	pthread_cleanup_pop(0);
	return "returned";
}

static void *in_accept(void *arg)
{
	(void)arg;
	pthread_cleanup_push(cleanup, 0);
	accept(listener, 0, 0);
	pthread_cleanup_pop(0);
	return "returned";
}

static volatile int may_go;
static void *disabled_then_enabled(void *arg)
{
	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
	pthread_cleanup_push(cleanup, 0);
	while (!may_go)
		usleep(1000);           /* a cancellation point, disabled */
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0);
	pthread_testcancel();
	pthread_cleanup_pop(0);
	return "returned";
}

static void run(const char *what, void *(*fn)(void *))
{
	pthread_t t;
	void *r;
	int before = cleanups;
	pthread_create(&t, 0, fn, 0);
	usleep(20000);                  /* parked by now */
	pthread_cancel(t);
	if (fn == disabled_then_enabled) {
		usleep(20000);
		may_go = 1;
	}
	pthread_join(t, &r);
	printf("%s: %s, cleanup ran %d\n", what, r == PTHREAD_CANCELED ? "canceled" : (char *)r, cleanups - before);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	pipe(pipe_fds);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001) };
	listener = socket(AF_INET, SOCK_STREAM, 0);
	bind(listener, (struct sockaddr *)&a, sizeof a);
	listen(listener, 1);
	run("blocked in read", in_read);
	run("in sleep", in_sleep);
	run("in pthread_cond_wait", in_cond_wait);
	run("blocked in accept", in_accept);
	run("disabled, then enabled", disabled_then_enabled);
	printf("the mutex is free again: %s\n", pthread_mutex_trylock(&m) == 0 ? "yes" : "no");
	return 0;
}
