/* Blocking calls park only the calling thread: pipes, eventfd and epoll
 * between threads, a TCP server thread on loopback, sleepers. The image
 * prints what Linux (the dev executable) prints. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 1. A reader blocked on an empty pipe while main sleeps, then writes. */
static int pfd[2];
static void *pipe_reader(void *arg)
{
	char buf[16] = { 0 };
	(void)arg;
	ssize_t n = read(pfd[0], buf, sizeof buf - 1);
	return strdup(n > 0 ? buf : "nothing");
}

static void blocked_reader(void)
{
	pthread_t t;
	void *got;
	pipe(pfd);
	pthread_create(&t, 0, pipe_reader, 0);
	usleep(20000);          /* the reader is parked in read by now */
	write(pfd[1], "hello", 5);
	pthread_join(t, &got);
	printf("blocked pipe reader got: %s\n", (char *)got);
	free(got);
	close(pfd[0]);
	close(pfd[1]);
}

/* 2. Two producers write records to a pipe and count on an eventfd; a
 * consumer waits on both with epoll until all arrived. */
#define RECORDS 20000
static int data_pipe[2], counter_fd;

static void *producer(void *arg)
{
	uint64_t base = (uint64_t)(uintptr_t)arg * 1000000;
	for (uint64_t i = 1; i <= RECORDS; i++) {
		uint64_t v = base + i, one = 1;
		write(data_pipe[1], &v, sizeof v);
		if (i % 1000 == 0)
			write(counter_fd, &one, sizeof one);
	}
	return 0;
}

static void *consumer(void *arg)
{
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = data_pipe[0] };
	uint64_t sum = 0, records = 0, signals = 0;
	(void)arg;
	epoll_ctl(ep, EPOLL_CTL_ADD, data_pipe[0], &ev);
	ev.data.fd = counter_fd;
	epoll_ctl(ep, EPOLL_CTL_ADD, counter_fd, &ev);
	while (records < 2 * RECORDS || signals < 2 * RECORDS / 1000) {
		struct epoll_event out[2];
		int n = epoll_wait(ep, out, 2, 5000);
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			if (out[i].data.fd == counter_fd) {
				uint64_t c;
				if (read(counter_fd, &c, sizeof c) == sizeof c)
					signals += c;
			} else {
				uint64_t v[64];
				ssize_t r = read(data_pipe[0], v, sizeof v);
				for (ssize_t k = 0; k < r / 8; k++) {
					sum += v[k];
					records++;
				}
			}
		}
	}
	close(ep);
	printf("epoll consumer: %llu records, %llu signals, sum %s\n", (unsigned long long)records,
	       (unsigned long long)signals,
	       sum == (uint64_t)RECORDS * (RECORDS + 1) + 3000000ull * RECORDS ? "right" : "wrong");
	return 0;
}

static void producer_consumer(void)
{
	pthread_t c, p1, p2;
	pipe(data_pipe);
	counter_fd = eventfd(0, 0);
	pthread_create(&c, 0, consumer, 0);
	pthread_create(&p1, 0, producer, (void *)1);
	pthread_create(&p2, 0, producer, (void *)2);
	pthread_join(p1, 0);
	pthread_join(p2, 0);
	pthread_join(c, 0);
}

/* 3. A server thread blocked in accept; main connects over loopback and
 * sends 4 MB; the server answers with its byte count. */
static int listener;
static void *server(void *arg)
{
	(void)arg;
	int c = accept(listener, 0, 0);
	static char buf[65536];
	long total = 0;
	ssize_t r;
	while ((r = read(c, buf, sizeof buf)) > 0)
		total += r;
	char line[32];
	int n = snprintf(line, sizeof line, "%ld\n", total);
	write(c, line, (size_t)n);
	close(c);
	return 0;
}

static void loopback_server(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	pthread_t t;
	listener = socket(AF_INET, SOCK_STREAM, 0);
	bind(listener, (struct sockaddr *)&a, sizeof a);
	listen(listener, 4);
	getsockname(listener, (struct sockaddr *)&a, &len);
	pthread_create(&t, 0, server, 0);
	usleep(10000);          /* the server is parked in accept */
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) {
		printf("connect failed\n");
		exit(1);
	}
	static char chunk[65536];
	for (int i = 0; i < 64; i++)
		write(s, chunk, sizeof chunk);
	shutdown(s, SHUT_WR);
	char line[32] = { 0 };
	read(s, line, sizeof line - 1);
	pthread_join(t, 0);
	printf("loopback server thread counted: %s", line);
	close(s);
	close(listener);
}

/* 4. Many sleepers at once, each woken no sooner than asked. */
static atomic_int early;
static void *sleeper(void *arg)
{
	double t0 = now();
	usleep((useconds_t)(uintptr_t)arg * 1000);
	if (now() - t0 < (double)(uintptr_t)arg / 1000 - 0.0005)
		atomic_fetch_add(&early, 1);
	return 0;
}

static void sleepers(void)
{
	pthread_t t[50];
	for (uintptr_t i = 0; i < 50; i++)
		pthread_create(&t[i], 0, sleeper, (void *)(10 + i % 5 * 5));
	for (int i = 0; i < 50; i++)
		pthread_join(t[i], 0);
	printf("50 sleepers: %d woke early\n", atomic_load(&early));
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	blocked_reader();
	producer_consumer();
	loopback_server();
	sleepers();
	return 0;
}
