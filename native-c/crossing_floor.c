/*
 * crossing_floor: the price of entering each native lane with no JVM and no
 * JNI, the floor that JMH's Crossing benchmarks are held against.
 *
 *   crossing_floor --home REPO --rounds R [--check]
 *
 * Opens and starts the Go and Python lane libraries as the JVM does
 * (lane-abi/lane_loader.c), then, for each lane, calls cb_noop and the echo op
 * through cb_call with 0, 1024 and 65536 bytes, first on the main thread and
 * then on one pthread it creates (a thread neither runtime created, like a
 * Java thread). Each case is warmed up, then timed for R rounds of ~75 ms with
 * CLOCK_MONOTONIC. Every echo result is copied out by the sink (copy_sink.c),
 * as the bridge copies it into a new byte[]; its length is checked on every
 * call and its bytes outside the timed rounds. A failure or a mismatch exits 1
 * with one line on stderr naming the lane, the op and the cause.
 *
 * stdout: CSV, lane,variant,payload,thread,round,ns_per_op (payload empty for
 * noop; round 1..R). Another script reads it: keep the format. stderr:
 * progress and errors. --check calls everything a few times, checks the
 * results, prints nothing on stdout and exits 0 or 1 (for tests); it never
 * looks at times.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "copy_sink.h"
#include "lane_loader.h"

/* Calibration doubles a batch until it takes CALIBRATED_NS; rounds are then
 * sized to take ROUND_NS, within the 50-100 ms asked for. */
#define CALIBRATED_NS 50e6
#define ROUND_NS 75e6
/* Warm-up after calibration, in batches of the calibrated size (50-100 ms):
 * with calibration, about half a second per case. The native lanes have no
 * JIT; JMH's Crossing settles them within 1 s. */
#define WARMUP_ROUNDS 5
/* --check: calls per case. More than one, so a first call that sets up a
 * thread (Go's M, Python's thread state) and a later one are both checked. */
#define CHECK_CALLS 3

#define MAX_PAYLOAD 65536

typedef struct {
    const char *variant; /* "noop" or "echo", as the CSV names it */
    int is_echo;         /* 0: cb_noop; 1: cb_call of the echo op */
    size_t size;         /* echo payload in bytes; 0 for noop */
} bench_case;

/* Crossing.java's cases: noop, and echo of its sizes {"0", "1024", "65536"}. */
static const bench_case CASES[] = {
    {.variant = "noop"},
    {.variant = "echo", .is_echo = 1, .size = 0},
    {.variant = "echo", .is_echo = 1, .size = 1024},
    {.variant = "echo", .is_echo = 1, .size = 65536},
};

typedef struct {
    const char *name; /* as LaneRegistry spells it */
    lane_library lib;
    int echo_op; /* cb_op_index("echo") */
} lane;

/* What one thread runs: every case of one lane. */
typedef struct {
    const lane *lane;
    const char *thread; /* "main" or "pthread", as the CSV names it */
} lane_run;

static int rounds;
static int check_only;
/* Echo's input, filled as Crossing.Bytes fills it: byte i is (byte) i. */
static unsigned char payload[MAX_PAYLOAD];

static void usage(void) {
    fprintf(stderr, "usage: crossing_floor --home REPO --rounds R [--check]\n");
    exit(2);
}

/* "go echo 1024 B on pthread": the lane, the case and the thread, for stderr. */
static const char *label(const lane_run *run, const bench_case *c, char *buf, size_t len) {
    if (c->is_echo) {
        snprintf(buf, len, "%s echo %zu B on %s", run->lane->name, c->size, run->thread);
    } else {
        snprintf(buf, len, "%s noop on %s", run->lane->name, run->thread);
    }
    return buf;
}

/* Names the lane, op, case and thread, and the cause, on one line; exits 1. */
static void die_call(const lane_run *run, const bench_case *c, const char *cause, const void *detail, size_t detail_len) {
    char what[128];
    fprintf(stderr, "crossing_floor: %s: %s", label(run, c, what, sizeof what), cause);
    /* Lane messages can span lines (a Python traceback): keep it to one. */
    const char *d = detail;
    for (size_t i = 0; i < detail_len; i++) {
        fputc(d[i] == '\n' || d[i] == '\r' ? ' ' : d[i], stderr);
    }
    fputc('\n', stderr);
    exit(1);
}

/* One call of case c. Echo: its result must be one ok of the input's length;
 * with compare_bytes, also exactly the input's bytes. */
static void call_once(const lane_run *run, const bench_case *c, int compare_bytes) {
    const lane *l = run->lane;
    if (!c->is_echo) {
        l->lib.noop();
        return;
    }
    copy_sink sink;
    copy_sink_init(&sink);
    /* a is never NULL, also for 0 bytes, as the bridge passes a buffer of its
     * own for an empty byte[]; b is NULL, as Java's echo passes no b. The
     * bridge first copies a out of the Java array (GetByteArrayRegion): that
     * is JNI's work, not the runtime's, so it stays out of this floor. */
    l->lib.call(l->echo_op, payload, c->size, NULL, 0, 0, &sink.sink);
    copy_sink_finish(&sink);
    if (sink.deliveries != 1) {
        char cause[64];
        snprintf(cause, sizeof cause, "the lane delivered %d outcomes, not one", sink.deliveries);
        die_call(run, c, cause, NULL, 0);
    }
    if (sink.out_of_memory) {
        die_call(run, c, "out of memory copying the result", NULL, 0);
    }
    if (sink.failed) {
        die_call(run, c, "failed: ", sink.data, sink.len);
    }
    if (sink.len != c->size) {
        char cause[96];
        snprintf(cause, sizeof cause, "result has %zu bytes, not the %zu sent", sink.len, c->size);
        die_call(run, c, cause, NULL, 0);
    }
    if (compare_bytes && c->size > 0 && memcmp(sink.data, payload, c->size) != 0) {
        size_t at = 0;
        while (at < c->size && ((unsigned char *)sink.data)[at] == payload[at]) {
            at++;
        }
        char cause[96];
        snprintf(cause, sizeof cause, "result differs from its input at byte %zu", at);
        die_call(run, c, cause, NULL, 0);
    }
    copy_sink_release(&sink);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* The whole process's, as Go's own threads (GC, scavenger) fault too. */
static long minor_faults(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

/* n calls back to back; their wall time in ns. compare_bytes: compare every
 * echo result with its input. Calibration and warm-up do; the timed rounds
 * check only each result's length, because the bridge compares nothing and a
 * 64 KiB memcmp costs about as much as the copy it checks. */
static double time_batch(const lane_run *run, const bench_case *c, long n, int compare_bytes) {
    double start = now_ns();
    for (long i = 0; i < n; i++) {
        call_once(run, c, compare_bytes);
    }
    return now_ns() - start;
}

static void measure(const lane_run *run, const bench_case *c) {
    /* Calibrate: double the batch until it takes CALIBRATED_NS; these batches
     * are warm-up too. */
    long n = 1;
    double fastest;
    while ((fastest = time_batch(run, c, n, 1)) < CALIBRATED_NS) {
        n *= 2;
    }
    /* Warm up at that size, then size the rounds from its fastest batch: one
     * batch slowed by another process (seen: a 0 B echo calibrated to rounds
     * of 0.5 ms) must not shrink every round. */
    for (int i = 0; i < WARMUP_ROUNDS; i++) {
        double took = time_batch(run, c, n, 1);
        fastest = took < fastest ? took : fastest;
    }
    n = (long)((double)n * ROUND_NS / fastest);
    if (n < 1) {
        n = 1;
    }
    long faults_before = minor_faults();
    for (int r = 1; r <= rounds; r++) {
        double ns = time_batch(run, c, n, 0);
        if (!c->is_echo) {
            printf("%s,noop,,%s,%d,%.1f\n", run->lane->name, run->thread, r, ns / (double)n);
        } else {
            printf("%s,echo,%zu,%s,%d,%.1f\n", run->lane->name, c->size, run->thread, r, ns / (double)n);
        }
    }
    fflush(stdout);
    /* Page faults explain some slow rounds (Go returning heap to the OS and
     * faulting it back for 64 KiB echoes): told on stderr, not in the CSV. */
    char what[128];
    fprintf(stderr, "crossing_floor: %s: %d rounds of %ld calls, %.2f minor page faults per call\n",
            label(run, c, what, sizeof what), rounds, n,
            (double)(minor_faults() - faults_before) / ((double)rounds * (double)n));
}

/* Every case of one lane on the calling thread. */
static void *run_cases(void *arg) {
    const lane_run *run = arg;
    if (!check_only) {
        /* Told, not measured for the CSV: on a new thread this call also sets
         * the thread up (Go binds an M to it; Python makes its thread state). */
        double start = now_ns();
        run->lane->lib.noop();
        fprintf(stderr, "crossing_floor: %s first noop on %s: %.0f ns\n", run->lane->name, run->thread,
                now_ns() - start);
    }
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        if (check_only) {
            for (int k = 0; k < CHECK_CALLS; k++) {
                call_once(run, &CASES[i], 1);
            }
        } else {
            measure(run, &CASES[i]);
        }
    }
    return NULL;
}

/* Opens and starts a lane as NativeRuntimes and LaneRegistry do. */
static void open_lane(lane *l, const char *name, const char *home, const char *library, const char *config) {
    char path[PATH_MAX];
    char err[4096];
    if (snprintf(path, sizeof path, "%s/target/native/%s", home, library) >= (int)sizeof path) {
        fprintf(stderr, "crossing_floor: %s: the library's path is too long\n", name);
        exit(1);
    }
    l->name = name;
    if (lane_open(&l->lib, path, err, sizeof err) != 0) {
        fprintf(stderr, "crossing_floor: %s: cannot open %s: %s\n", name, path, err);
        exit(1);
    }
    if (lane_start(&l->lib, config, err, sizeof err) != 0) {
        for (char *p = err; *p; p++) {
            *p = *p == '\n' ? ' ' : *p;
        }
        fprintf(stderr, "crossing_floor: %s: cb_start failed: %s\n", name, err);
        exit(1);
    }
    l->echo_op = l->lib.op_index("echo", 4);
    if (l->echo_op < 0) {
        fprintf(stderr, "crossing_floor: %s: the lane has no echo op\n", name);
        exit(1);
    }
}

int main(int argc, char **argv) {
    const char *home_arg = NULL;
    const char *rounds_arg = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--home") == 0 && i + 1 < argc) {
            home_arg = argv[++i];
        } else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            rounds_arg = argv[++i];
        } else if (strcmp(argv[i], "--check") == 0) {
            check_only = 1;
        } else {
            usage();
        }
    }
    if (home_arg == NULL || (rounds_arg == NULL && !check_only)) {
        usage();
    }
    if (rounds_arg != NULL) {
        char *end;
        long r = strtol(rounds_arg, &end, 10);
        if (*end != '\0' || r < 1 || r > 100000) {
            usage();
        }
        rounds = (int)r;
    }
    char home[PATH_MAX];
    if (realpath(home_arg, home) == NULL) {
        fprintf(stderr, "crossing_floor: --home %s: no such directory\n", home_arg);
        return 1;
    }

    /* The Go runtime reads its environment from the array the process started
     * with (the one after argv); setenv of a new name makes a new array, which
     * Go never sees (tried: GOMAXPROCS set so stayed at the CPU count). So set
     * it and start again, as BenchMain restarts the JVM. 2: the project's
     * machines have 2 cores, and the JVM runs use GOMAXPROCS=2 there. */
    if (getenv("GOMAXPROCS") == NULL) {
        setenv("GOMAXPROCS", "2", 1);
        execv("/proc/self/exe", argv);
        fprintf(stderr, "crossing_floor: cannot restart itself with GOMAXPROCS set\n");
        return 1;
    }

    for (size_t i = 0; i < sizeof payload; i++) {
        payload[i] = (unsigned char)i;
    }

    /* Both lanes load before anything is timed, as in every JMH fork. */
    static lane lanes[2];
    /* LaneRegistry's config: Go takes none, Python its venv's interpreter and
     * the folder that holds crossbench_py. */
    char python_config[2 * PATH_MAX + 64];
    if (snprintf(python_config, sizeof python_config, "python=%s/target/venv/bin/python\npath=%s/native-py\n", home,
                 home) >= (int)sizeof python_config) {
        fprintf(stderr, "crossing_floor: python: the config is too long\n");
        return 1;
    }
    open_lane(&lanes[0], "go", home, "libcrossbench_go.so", "");
    open_lane(&lanes[1], "python", home, "libcrossbench_py.so", python_config);
    fprintf(stderr, "crossing_floor: lanes started, GOMAXPROCS=%s\n", getenv("GOMAXPROCS"));

    if (!check_only) {
        printf("lane,variant,payload,thread,round,ns_per_op\n");
    }
    for (size_t i = 0; i < sizeof lanes / sizeof lanes[0]; i++) {
        lane_run on_main = {.lane = &lanes[i], .thread = "main"};
        run_cases(&on_main);

        lane_run on_pthread = {.lane = &lanes[i], .thread = "pthread"};
        pthread_t thread;
        int rc = pthread_create(&thread, NULL, run_cases, &on_pthread);
        if (rc != 0) {
            fprintf(stderr, "crossing_floor: %s: pthread_create failed: %s\n", lanes[i].name, strerror(rc));
            return 1;
        }
        pthread_join(thread, NULL);
    }
    return 0;
}
