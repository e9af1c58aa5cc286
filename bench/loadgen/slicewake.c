/*
 * slicewake: how long a thread woken every millisecond waits for its core while a CPU-bound thread runs
 * there, with the scheduler's default time slice and with a short one (issue 15, docs/benchmarks.md 3c
 * "Session 12"; the webhook's ServingSlices is the answer it led to).
 *
 *   gcc -std=gnu11 -O2 -pthread -o slicewake bench/loadgen/slicewake.c
 *   ./slicewake 5000 0          # N wake-ups, the sleeper keeps the default slice
 *   ./slicewake 5000 100000     # the sleeper asks for a 0.1 ms slice (sched_setattr, Linux 6.12+)
 *   [third argument: the sleeper's work per wake-up, in loop iterations; default 20000, ~20 us]
 *
 * Core 0 runs a "compiler" (busy 20 ms, asleep 30 ms, again and again) and the sleeper, which blocks on a pipe;
 * the main thread, on core 1, writes to the pipe every millisecond (absolute clock_nanosleep) and the sleeper
 * records how long after the write it read. Prints p50/p90/p99/p99.9/max of that wait in ms. Run as is (no root
 * needed); nothing else should run on core 0.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct sched_attr_v0 {
  uint32_t size, policy;
  uint64_t flags;
  int32_t nice;
  uint32_t priority;
  uint64_t runtime, deadline, period;
};

static int pipe_fds[2];
static int64_t *written, *waited;
static long wakeups, slice_ns, work = 20000;

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) perror("sched_setaffinity");
}

static void *compiler(void *unused) {
  (void)unused;
  pin(0);
  volatile long spin = 0;
  for (;;) {
    int64_t until = now_ns() + 20000000;
    while (now_ns() < until) spin++;
    usleep(30000);
  }
  return NULL;
}

static void *sleeper(void *unused) {
  (void)unused;
  pin(0);
  if (slice_ns > 0) {
    struct sched_attr_v0 attr = {.size = sizeof attr, .runtime = (uint64_t)slice_ns};
    if (syscall(SYS_sched_setattr, 0, &attr, 0) != 0) perror("sched_setattr");
  }
  for (long i = 0; i < wakeups; i++) {
    long k;
    if (read(pipe_fds[0], &k, sizeof k) != sizeof k) break;
    waited[k] = now_ns() - written[k];
    volatile long spin = 0;
    for (long j = 0; j < work; j++) spin++;
  }
  return NULL;
}

static int by_value(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: slicewake WAKEUPS SLICE_NS [WORK]\n");
    return 2;
  }
  wakeups = atol(argv[1]);
  slice_ns = atol(argv[2]);
  if (argc > 3) work = atol(argv[3]);
  written = calloc((size_t)wakeups, sizeof *written);
  waited = calloc((size_t)wakeups, sizeof *waited);
  if (wakeups <= 0 || !written || !waited || pipe(pipe_fds) != 0) return 2;
  pthread_t hog, reader;
  pthread_create(&hog, NULL, compiler, NULL);
  pthread_create(&reader, NULL, sleeper, NULL);
  pin(1);
  int64_t start = now_ns() + 10000000;
  for (long i = 0; i < wakeups; i++) {
    int64_t due = start + i * 1000000;
    struct timespec ts = {.tv_sec = due / 1000000000, .tv_nsec = due % 1000000000};
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    written[i] = now_ns();
    if (write(pipe_fds[1], &i, sizeof i) != sizeof i) return 2;
  }
  pthread_join(reader, NULL);
  qsort(waited, (size_t)wakeups, sizeof *waited, by_value);
  printf("slice_ns=%ld wakeups=%ld wait_ms p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f\n", slice_ns, wakeups,
         waited[wakeups / 2] / 1e6, waited[wakeups * 9 / 10] / 1e6, waited[wakeups * 99 / 100] / 1e6,
         waited[wakeups * 999 / 1000] / 1e6, waited[wakeups - 1] / 1e6);
  return 0;
}
