/*
 * fixedrate: an open-loop (fixed-rate) HTTPS load generator for the admission webhook, outside the JVM
 * (issue 15). bin/bench-webhook --generator native builds it and the Java harness (WebhookLoad) runs it for
 * its fixed-rate phases, so the generator has no garbage collector, JIT or virtual-thread scheduler whose
 * pauses could pass for the server's latency.
 *
 *   fixedrate --port P --rate R --count N --bodies FILE [--host 127.0.0.1] [--path /mutate]
 *             [--connections 16] [--cafile CERT.pem] [--samples OUT] [--timeline] [--realtime]
 *             [--warm-up W]
 *
 * - Opens --connections keep-alive TLS connections (TCP and handshake done) before the schedule starts, one
 *   thread per connection. With --cafile the server certificate must chain to that file (the benchmark's
 *   self-signed certificate is its own anchor; no host name check, loopback only); without it the
 *   certificate is NOT verified, which is acceptable only for a loopback benchmark server.
 * - --warm-up W: W requests go first on the same schedule and connections, unmeasured (neither in the
 *   figures nor in --samples; their failures are reported as warm_up_errors): the measured requests then
 *   travel on connections the server has already served, as an API server's kept-alive ones, and neither
 *   a new connection's first exchanges nor what the server compiles for them fall into the measurement.
 * - Request i is due at t0 + i/rate (CLOCK_MONOTONIC, absolute clock_nanosleep). Each thread takes the next
 *   index atomically, renders the request, sleeps until it is due, writes it, and reads the whole response
 *   (status line, headers, Content-Length body). A request counts as an error unless the status is 200 and
 *   the review is allowed ("allowed":true), as in the Java generator.
 * - latency = end of the response - due time (no coordinated omission);
 *   lateness = actual send - due time (the generator's delay, including waiting for a free connection);
 *   own delay = actual send - the later of the due time and the moment the thread was free (its previous
 *   response read): lateness without the waiting for a connection, i.e. what the generator itself added.
 * - wire latency = the kernel's receive time of the response's last bytes (SO_TIMESTAMPNS, taken when the
 *   server's write reached this socket, before any thread of this program ran) - due time - own delay: the
 *   client view with both ends of the generator's own scheduling removed (a late send of its own making and
 *   a late wake-up to read the answer), while waiting for a busy connection, i.e. for the server, still
 *   counts. The send side is taken before the TLS write, so the encryption and the system call stay in it.
 * - FILE holds one AdmissionReview JSON per line; request i sends line i mod lines, with "@@UID@@"
 *   (its first one) replaced by a fresh uid ("load-<n>"), as RawReviewClient does.
 * - stdout: one line of key=value (requests, count answered, errors, seconds, achieved rate, latency
 *   p50/p90/p99/p99.9/max, wire latency p50/p90/p99/p99.9/max, lateness p50/p99/max and own delay p99/max
 *   in ms, the TLS write's own time p99/max in ms (the part of the send the wire view keeps: a stall of
 *   the generator's core inside it would count as server latency), the CPUs it may run on, the warm-up
 *   count and its errors).
 *   --samples writes "latency_ns lateness_ns wire_ns own_delay_ns write_ns" per request in schedule order
 *   (latency 0 for an error) so that the harness computes its tables from the same samples (and
 *   BENCH_SAMPLES_DIR keeps them for a closer look).
 *   --timeline or BENCH_TIMELINE: when the schedule started (CLOCK_MONOTONIC, as a JVM log's timenanos) and,
 *   per second of schedule, the worst latency, lateness and own delay (stderr).
 * - --realtime or BENCH_GENERATOR_RT: the sending threads run SCHED_FIFO (priority 10) with memory locked, so
 *   other processes on the generator's cores cannot take the core from a due send, short of the kernel's own
 *   non-preemptible paths (docs/benchmarks.md 3c; needs root or CAP_SYS_NICE, else a warning and normal
 *   scheduling). They sleep between requests (a few % of a core at 1,000/s) and the kernel's
 *   RT throttling keeps 5% of each core for the rest in any case.
 *
 * Build: gcc -std=c11 -O2 -pthread -o fixedrate fixedrate.c -lssl -lcrypto -lm (bin/bench-webhook does it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define UID_MARK "@@UID@@"

typedef struct {
  char *pre;   /* body up to the uid mark (or the whole body) */
  char *post;  /* body after the mark, NULL when there is no mark */
  size_t pre_len, post_len;
} body_t;

/* Settings and results shared by the threads; written before they start or by index (no races). */
static const char *host = "127.0.0.1", *port = NULL, *path = "/mutate";
static SSL_CTX *ctx;
static body_t *bodies;
static size_t nbodies;
static long rate, count, warm_up;
static int64_t t0;
static int64_t *lat, *late, *own, *wire, *writes;
static int64_t realtime_minus_monotonic; /* SO_TIMESTAMPNS gives CLOCK_REALTIME; the schedule is monotonic */
static BIO_METHOD *timestamping_bio;
static atomic_long next_index, uids, errors, warm_up_errors;
static int realtime;

typedef struct {
  int fd;
  SSL *ssl;
  char *out, *in;
  size_t out_cap, in_cap;
  int64_t received; /* kernel receive time (monotonic ns) of the bytes of the latest read */
} conn_t;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t t) {
  struct timespec ts = {.tv_sec = t / 1000000000, .tv_nsec = t % 1000000000};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
  }
}

static void die(const char *what) {
  fprintf(stderr, "fixedrate: %s\n", what);
  exit(2);
}

static void disconnect(conn_t *c) {
  if (c->ssl) {
    SSL_free(c->ssl);
    c->ssl = NULL;
  }
  if (c->fd >= 0) {
    close(c->fd);
    c->fd = -1;
  }
}

static int64_t realtime_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * The TLS connection's transport: a socket BIO whose reads use recvmsg, keeping the kernel's receive
 * time of the bytes read (TCP reports the time of the last segment consumed by the call). OpenSSL reads
 * record by record (no read-ahead), so after the response's last record c->received is when it arrived.
 */
static int ts_read(BIO *b, char *buf, int len) {
  conn_t *c = BIO_get_data(b);
  struct iovec iov = {.iov_base = buf, .iov_len = (size_t)len};
  union {
    char buf[CMSG_SPACE(sizeof(struct timespec))];
    struct cmsghdr align;
  } control;
  struct msghdr msg = {
      .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
  ssize_t n;
  do n = recvmsg(c->fd, &msg, 0);
  while (n < 0 && errno == EINTR);
  BIO_clear_retry_flags(b);
  if (n <= 0) return n < 0 ? -1 : 0;
  for (struct cmsghdr *m = CMSG_FIRSTHDR(&msg); m; m = CMSG_NXTHDR(&msg, m)) {
    if (m->cmsg_level == SOL_SOCKET && m->cmsg_type == SCM_TIMESTAMPNS) {
      struct timespec ts;
      memcpy(&ts, CMSG_DATA(m), sizeof ts);
      c->received = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec - realtime_minus_monotonic;
    }
  }
  return (int)n;
}

static int ts_write(BIO *b, const char *buf, int len) {
  conn_t *c = BIO_get_data(b);
  ssize_t n;
  do n = send(c->fd, buf, (size_t)len, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  BIO_clear_retry_flags(b);
  return n < 0 ? -1 : (int)n;
}

static long ts_ctrl(BIO *b, int cmd, long num, void *ptr) {
  (void)b, (void)num, (void)ptr;
  return cmd == BIO_CTRL_FLUSH ? 1 : 0; /* blocking socket, nothing buffered here */
}

static int ts_create(BIO *b) {
  BIO_set_init(b, 1);
  return 1;
}

/* TCP connect and TLS handshake; 0 on success. */
static int connect_tls(conn_t *c) {
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
  if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
  c->fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  int ok = c->fd >= 0 && connect(c->fd, res->ai_addr, res->ai_addrlen) == 0;
  freeaddrinfo(res);
  if (!ok) {
    disconnect(c);
    return -1;
  }
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct timeval timeout = {.tv_sec = 30}; /* a stuck server fails the request instead of the run */
  setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (setsockopt(c->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) != 0) die("no SO_TIMESTAMPNS");
  c->ssl = SSL_new(ctx);
  BIO *bio = BIO_new(timestamping_bio);
  if (!bio) die("cannot create the socket BIO");
  BIO_set_data(bio, c);
  SSL_set_bio(c->ssl, bio, bio);
  if (SSL_connect(c->ssl) != 1) {
    ERR_print_errors_fp(stderr);
    disconnect(c);
    return -1;
  }
  return 0;
}

static void reserve(char **buf, size_t *cap, size_t need) {
  if (need <= *cap) return;
  while (*cap < need) *cap = *cap ? *cap * 2 : 65536;
  *buf = realloc(*buf, *cap);
  if (!*buf) die("out of memory");
}

/* The whole request for index i with a fresh uid, into c->out; returns its length. */
static size_t render(conn_t *c, long i) {
  const body_t *b = &bodies[i % (long)nbodies];
  char uid[32];
  int uid_len = b->post ? snprintf(uid, sizeof uid, "load-%ld", atomic_fetch_add(&uids, 1) + 1) : 0;
  size_t body_len = b->pre_len + (size_t)uid_len + b->post_len;
  reserve(&c->out, &c->out_cap, body_len + 512 + strlen(path) + strlen(host));
  int head = snprintf(c->out, c->out_cap,
                      "POST %s HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/json\r\n"
                      "Content-Length: %zu\r\n\r\n",
                      path, host, port, body_len);
  char *p = c->out + head;
  memcpy(p, b->pre, b->pre_len);
  p += b->pre_len;
  if (b->post) {
    memcpy(p, uid, (size_t)uid_len);
    memcpy(p + uid_len, b->post, b->post_len);
  }
  return (size_t)head + body_len;
}

/* Reads one response; 0 when it is a 200 with an allowed review. Sets *close_after on "Connection: close". */
static int read_response(conn_t *c, int *close_after) {
  size_t have = 0, header_end = 0, total = 0;
  for (;;) {
    reserve(&c->in, &c->in_cap, have + 16384);
    int n = SSL_read(c->ssl, c->in + have, (int)(c->in_cap - have - 1));
    if (n <= 0) return -1;
    have += (size_t)n;
    c->in[have] = '\0';
    if (!header_end) {
      char *end = strstr(c->in, "\r\n\r\n");
      if (!end) continue;
      header_end = (size_t)(end - c->in) + 4;
      long length = -1;
      for (char *line = strstr(c->in, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, "content-length:", 15) == 0) length = strtol(line + 15, NULL, 10);
        if (strncasecmp(line, "connection:", 11) == 0) {
          char *close_word = strcasestr(line, "close");
          if (close_word && close_word < strstr(line, "\r\n")) *close_after = 1;
        }
      }
      if (length < 0) return -1; /* the webhook always sends Content-Length */
      total = header_end + (size_t)length;
    }
    if (have >= total) break;
  }
  int ok = strncmp(c->in, "HTTP/1.1 200", 12) == 0 &&
           memmem(c->in + header_end, total - header_end, "\"allowed\":true", 14) != NULL;
  return ok ? 0 : -1;
}

static void *worker(void *arg) {
  conn_t *c = arg;
  if (realtime) {
    struct sched_param param = {.sched_priority = 10};
    int e = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
    if (e != 0)
      fprintf(stderr, "fixedrate: no real-time scheduling (%s); normal priority\n", strerror(e));
  }
  long total = warm_up + count;
  for (long n = atomic_fetch_add(&next_index, 1); n < total; n = atomic_fetch_add(&next_index, 1)) {
    int64_t free_at = now_ns();
    size_t len = render(c, n); /* before the due time: only the write is on the clock */
    int64_t due = t0 + (int64_t)((double)n * 1e9 / (double)rate);
    sleep_until(due);
    int64_t sent = now_ns();
    int close_after = 0;
    int ok = (c->ssl || connect_tls(c) == 0) && SSL_write(c->ssl, c->out, (int)len) == (int)len;
    int64_t written = now_ns();
    ok = ok && read_response(c, &close_after) == 0;
    long i = n - warm_up; /* the measured index; negative during the warm-up */
    if (i < 0) {
      if (!ok) atomic_fetch_add(&warm_up_errors, 1);
    } else {
      late[i] = sent > due ? sent - due : 0;
      own[i] = sent - (free_at > due ? free_at : due);
      writes[i] = written - sent;
      if (ok) {
        int64_t end = now_ns() - due;
        lat[i] = end > 0 ? end : 1;
        int64_t on_wire = c->received - due - own[i];
        wire[i] = on_wire > 0 ? on_wire : 1;
      } else {
        lat[i] = 0;
        atomic_fetch_add(&errors, 1);
      }
    }
    if (!ok) close_after = 1; /* a failed exchange leaves the stream in an unknown state */
    if (close_after) disconnect(c);
  }
  disconnect(c);
  return NULL;
}

static void load_bodies(const char *file) {
  FILE *f = fopen(file, "r");
  if (!f) die("cannot read the bodies file");
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (n == 0) continue;
    bodies = realloc(bodies, (nbodies + 1) * sizeof *bodies);
    body_t *b = &bodies[nbodies++];
    char *copy = strdup(line), *mark = strstr(copy, UID_MARK);
    b->pre = copy;
    b->pre_len = mark ? (size_t)(mark - copy) : (size_t)n;
    b->post = mark ? mark + strlen(UID_MARK) : NULL;
    b->post_len = mark ? strlen(b->post) : 0;
  }
  free(line);
  fclose(f);
  if (nbodies == 0) die("the bodies file has no review");
}

static int cmp(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* The same rank as LoadRunner.Stats.pct: sorted[min(n-1, ceil(p/100*n)-1)]. */
static double pct_ms(const int64_t *sorted, long n, double p) {
  if (n == 0) return 0;
  long k = (long)ceil(p / 100.0 * (double)n) - 1;
  if (k > n - 1) k = n - 1;
  if (k < 0) k = 0;
  return (double)sorted[k] / 1e6;
}

static void print_cpus(void) {
  cpu_set_t set;
  printf(" cpus=");
  if (sched_getaffinity(0, sizeof set, &set) != 0) {
    printf("?");
    return;
  }
  int first = 1;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
    if (CPU_ISSET(cpu, &set)) {
      printf(first ? "%d" : ",%d", cpu);
      first = 0;
    }
  }
}

int main(int argc, char **argv) {
  const char *bodies_file = NULL, *cafile = NULL, *samples = NULL;
  int connections = 16, timeline = getenv("BENCH_TIMELINE") != NULL;
  realtime = getenv("BENCH_GENERATOR_RT") != NULL && strcmp(getenv("BENCH_GENERATOR_RT"), "0") != 0;
  for (int a = 1; a < argc; a++) {
    const char *k = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;
    if (strcmp(k, "--timeline") == 0 || strcmp(k, "--realtime") == 0) {
      *(k[2] == 't' ? &timeline : &realtime) = 1;
      continue;
    }
    if (!v) die("every option but --timeline and --realtime takes a value");
    a++;
    if (strcmp(k, "--host") == 0) host = v;
    else if (strcmp(k, "--port") == 0) port = v;
    else if (strcmp(k, "--path") == 0) path = v;
    else if (strcmp(k, "--rate") == 0) rate = atol(v);
    else if (strcmp(k, "--count") == 0) count = atol(v);
    else if (strcmp(k, "--connections") == 0) connections = atoi(v);
    else if (strcmp(k, "--bodies") == 0) bodies_file = v;
    else if (strcmp(k, "--cafile") == 0) cafile = v;
    else if (strcmp(k, "--samples") == 0) samples = v;
    else if (strcmp(k, "--warm-up") == 0) warm_up = atol(v);
    else die("unknown option (see the comment at the top of fixedrate.c)");
  }
  if (!port || !bodies_file || rate <= 0 || count <= 0 || connections <= 0 || warm_up < 0)
    die("usage: fixedrate --port P --rate R --count N --bodies FILE [--host H] [--path P] [--connections C]"
        " [--cafile PEM] [--samples OUT] [--timeline] [--realtime] [--warm-up W]");
  load_bodies(bodies_file);
  signal(SIGPIPE, SIG_IGN); /* a connection the server closed fails that request, not the whole run */
  ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (cafile) {
    if (SSL_CTX_load_verify_locations(ctx, cafile, NULL) != 1) die("cannot load --cafile");
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
  } else {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
  }
  timestamping_bio = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR,
                                  "timestamping socket");
  if (!timestamping_bio || !BIO_meth_set_read(timestamping_bio, ts_read) ||
      !BIO_meth_set_write(timestamping_bio, ts_write) || !BIO_meth_set_ctrl(timestamping_bio, ts_ctrl) ||
      !BIO_meth_set_create(timestamping_bio, ts_create))
    die("cannot create the socket BIO method");
  /* The smaller of a few back-to-back readings: the one least disturbed between its two clock reads. */
  for (int k = 0; k < 5; k++) {
    int64_t m1 = now_ns(), r = realtime_ns(), m2 = now_ns();
    int64_t offset = r - m1 - (m2 - m1) / 2;
    if (k == 0 || offset < realtime_minus_monotonic) realtime_minus_monotonic = offset;
  }
  lat = calloc((size_t)count, sizeof *lat);
  wire = calloc((size_t)count, sizeof *wire);
  late = calloc((size_t)count, sizeof *late);
  own = calloc((size_t)count, sizeof *own);
  writes = calloc((size_t)count, sizeof *writes);
  conn_t *conns = calloc((size_t)connections, sizeof *conns);
  pthread_t *threads = calloc((size_t)connections, sizeof *threads);
  if (!lat || !late || !own || !wire || !writes || !conns || !threads) die("out of memory");
  /* Touch the sample arrays now (and lock them with --realtime): no page fault inside the schedule. */
  memset(lat, 0, (size_t)count * sizeof *lat);
  memset(late, 0, (size_t)count * sizeof *late);
  memset(own, 0, (size_t)count * sizeof *own);
  memset(wire, 0, (size_t)count * sizeof *wire);
  memset(writes, 0, (size_t)count * sizeof *writes);
  if (realtime && mlockall(MCL_CURRENT | MCL_FUTURE) != 0) perror("fixedrate: mlockall");
  /* Every connection is open before the clock starts: no handshake is counted as latency. */
  for (int w = 0; w < connections; w++) {
    conns[w].fd = -1;
    if (connect_tls(&conns[w]) != 0) die("cannot connect (TCP or TLS handshake failed)");
  }
  /* t0 a little ahead, so that starting the threads is not counted either. */
  t0 = now_ns() + 20 * 1000000;
  pthread_attr_t attr; /* small stacks: with --realtime every page of them is locked */
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  for (int w = 0; w < connections; w++)
    if (pthread_create(&threads[w], &attr, worker, &conns[w]) != 0) die("cannot start a thread");
  for (int w = 0; w < connections; w++) pthread_join(threads[w], NULL);
  double seconds = (double)(now_ns() - t0) / 1e9 - (double)warm_up / (double)rate;

  if (timeline) {
    /* CLOCK_MONOTONIC is what a JVM's -Xlog "timenanos" decoration prints: the server's log lines and
       the requests can be put side by side (measured request i was due at this + (warm-up + i)/rate). */
    fprintf(stderr, "timeline: the schedule started at CLOCK_MONOTONIC %lld ns, the measured part at %lld ns\n",
            (long long)t0, (long long)(t0 + (int64_t)((double)warm_up * 1e9 / (double)rate)));
    for (long from = 0; from < count; from += rate) {
      int64_t worst_lat = 0, worst_late = 0, worst_own = 0, worst_wire = 0;
      for (long i = from; i < count && i < from + rate; i++) {
        if (lat[i] > worst_lat) worst_lat = lat[i];
        if (wire[i] > worst_wire) worst_wire = wire[i];
        if (late[i] > worst_late) worst_late = late[i];
        if (own[i] > worst_own) worst_own = own[i];
      }
      fprintf(stderr,
              "timeline: second %ld: max latency %.2f ms, max wire latency %.2f ms, max lateness %.2f ms,"
              " max own delay %.2f ms\n",
              from / rate, (double)worst_lat / 1e6, (double)worst_wire / 1e6, (double)worst_late / 1e6,
              (double)worst_own / 1e6);
    }
  }
  if (samples) {
    FILE *f = fopen(samples, "w");
    if (!f) die("cannot write --samples");
    for (long i = 0; i < count; i++)
      fprintf(f, "%lld %lld %lld %lld %lld\n", (long long)lat[i], (long long)late[i], (long long)wire[i],
              (long long)own[i], (long long)writes[i]);
    if (fclose(f) != 0) die("cannot write --samples");
  }
  /* Percentiles over the answered requests (as the Java tables), lateness over all of them. */
  long ok = 0;
  for (long i = 0; i < count; i++)
    if (lat[i] > 0) {
      wire[ok] = wire[i];
      lat[ok++] = lat[i];
    }
  qsort(lat, (size_t)ok, sizeof *lat, cmp);
  qsort(wire, (size_t)ok, sizeof *wire, cmp);
  qsort(late, (size_t)count, sizeof *late, cmp);
  qsort(own, (size_t)count, sizeof *own, cmp);
  qsort(writes, (size_t)count, sizeof *writes, cmp);
  printf("generator=native requests=%ld count=%ld errors=%ld seconds=%.3f achieved_rate=%.1f", count, ok,
         atomic_load(&errors), seconds, (double)ok / seconds);
  printf(" latency_ms_p50=%.3f latency_ms_p90=%.3f latency_ms_p99=%.3f latency_ms_p99.9=%.3f"
         " latency_ms_max=%.3f",
         pct_ms(lat, ok, 50), pct_ms(lat, ok, 90), pct_ms(lat, ok, 99), pct_ms(lat, ok, 99.9),
         ok ? (double)lat[ok - 1] / 1e6 : 0.0);
  printf(" wire_ms_p50=%.3f wire_ms_p90=%.3f wire_ms_p99=%.3f wire_ms_p99.9=%.3f wire_ms_max=%.3f",
         pct_ms(wire, ok, 50), pct_ms(wire, ok, 90), pct_ms(wire, ok, 99), pct_ms(wire, ok, 99.9),
         ok ? (double)wire[ok - 1] / 1e6 : 0.0);
  printf(" lateness_ms_p50=%.3f lateness_ms_p99=%.3f lateness_ms_max=%.3f", pct_ms(late, count, 50),
         pct_ms(late, count, 99), (double)late[count - 1] / 1e6);
  printf(" own_delay_ms_p99=%.3f own_delay_ms_max=%.3f connections=%d realtime=%d", pct_ms(own, count, 99),
         (double)own[count - 1] / 1e6, connections, realtime);
  printf(" write_ms_p99=%.3f write_ms_max=%.3f", pct_ms(writes, count, 99), (double)writes[count - 1] / 1e6);
  printf(" warm_up=%ld warm_up_errors=%ld", warm_up, atomic_load(&warm_up_errors));
  print_cpus();
  printf("\n");
  return 0;
}
