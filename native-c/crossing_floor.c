/*
 * crossing_floor: the price of entering each native lane with no JVM and no
 * JNI, the floor that JMH's Crossing benchmarks are held against.
 *
 *   scripts/crossbench lanes --config >lanes.tsv
 *   GOMAXPROCS=$(nproc) crossing_floor --lanes lanes.tsv --rounds R [--check]
 *
 * FILE holds what `crossbench lanes --config` prints, one native lane a line:
 * name, library, its runtime's own harness and cb_start's config, separated by
 * tabs, the config with backslash, newline and tab written \\, \n and \t.
 * Blank lines and lines starting with # are skipped. The floor knows no lane
 * of its own: the registry (LaneRegistry) is the one list.
 *
 * Opens and starts every lane listed, in order, as the JVM does
 * (lane-abi/lane_loader.c), then, for each lane, calls cb_noop and the echo op
 * through cb_call with 0, 1024 and 65536 bytes, first on the main thread and
 * then on one pthread it creates (a thread no runtime created, like a Java
 * thread). Each case is warmed up, then timed for R rounds of ~75 ms with
 * CLOCK_MONOTONIC. Every echo result is copied out by the sink (copy_sink.c),
 * as the bridge copies it into a new byte[]; its length is checked on every
 * call and its bytes outside the timed rounds. A failure, a mismatch or a
 * malformed FILE exits 1 with one line on stderr naming the lane (or FILE's
 * line), the op and the cause; control characters and bytes that are not
 * UTF-8 in it are written \xNN, as a lane's message can echo its input.
 *
 * stdout: CSV, lane,variant,payload,thread,round,ns_per_op (lane as FILE
 * names it; payload empty for noop; round 1..R). Other scripts read it: keep
 * the format. stderr: progress and errors. --check calls everything a few
 * times, checks the results, prints nothing on stdout and exits 0 or 1 (for
 * tests); it never looks at times.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

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
 * thread (a runtime's own state for it) and a later one are both checked. */
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
    char *name;    /* as FILE (so LaneRegistry) spells it: the CSV's lane column */
    char *library; /* the library's path */
    char *config;  /* cb_start's config, unescaped */
    int line;      /* FILE's line that listed it */
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
    fprintf(stderr, "usage: crossing_floor --lanes FILE --rounds R [--check]"
                    " (FILE: what `scripts/crossbench lanes --config` prints)\n");
    exit(2);
}

/* The length of the well-formed UTF-8 sequence at s (at most len bytes), and
 * its code point in *code; 0 if the bytes there are not UTF-8. Overlong forms,
 * surrogates and code points above U+10FFFF are not UTF-8 (RFC 3629). */
static size_t utf8_sequence(const unsigned char *s, size_t len, uint32_t *code) {
    size_t n;
    uint32_t min;
    if (s[0] < 0x80) {
        *code = s[0];
        return 1;
    } else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2, min = 0x80, *code = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3, min = 0x800, *code = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4, min = 0x10000, *code = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len < n) {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
        *code = *code << 6 | (s[i] & 0x3f);
    }
    if (*code < min || *code > 0x10ffff || (*code >= 0xd800 && *code <= 0xdfff)) {
        return 0;
    }
    return n;
}

/* Writes text to stderr on one line that a terminal shows as it is: a byte
 * that is not part of UTF-8, and C0 controls and DEL (line breaks too) as
 * \xNN; C1 controls (U+0080..U+009F, two bytes) as \u00NN, as Java's
 * Printable writes them, so every byte of the original can be read off. */
static void put_printable(const void *text, size_t len) {
    const unsigned char *s = text;
    for (size_t i = 0; i < len;) {
        uint32_t code;
        size_t n = utf8_sequence(s + i, len - i, &code);
        if (n == 0 || code < 0x20 || code == 0x7f) {
            fprintf(stderr, "\\x%02x", s[i]);
            i++;
        } else if (code >= 0x80 && code <= 0x9f) {
            fprintf(stderr, "\\u%04x", (unsigned)code);
            i += n;
        } else {
            fwrite(s + i, 1, n, stderr);
            i += n;
        }
    }
}

/* The one way out on an error: "crossing_floor: ", the formatted text and
 * then detail (detail_len bytes of a lane's own message, or none), as one
 * printable line on stderr; exits 1. */
__attribute__((format(printf, 3, 4))) static _Noreturn void die(const void *detail, size_t detail_len,
                                                                 const char *format, ...) {
    char text[2 * PATH_MAX + 512];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    fputs("crossing_floor: ", stderr);
    put_printable(text, strlen(text));
    put_printable(detail, detail_len);
    fputc('\n', stderr);
    exit(1);
}

/* "NAME echo 1024 B on pthread": the lane, the case and the thread, for stderr. */
static const char *label(const lane_run *run, const bench_case *c, char *buf, size_t len) {
    if (c->is_echo) {
        snprintf(buf, len, "%s echo %zu B on %s", run->lane->name, c->size, run->thread);
    } else {
        snprintf(buf, len, "%s noop on %s", run->lane->name, run->thread);
    }
    return buf;
}

/* Names the lane, op, case and thread, and the cause; exits 1. */
static _Noreturn void die_call(const lane_run *run, const bench_case *c, const char *cause, const void *detail,
                               size_t detail_len) {
    char what[256];
    die(detail, detail_len, "%s: %s", label(run, c, what, sizeof what), cause);
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

/* The whole process's, as a runtime's own threads (a collector, say) fault too. */
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
    /* Page faults explain some slow rounds (a runtime returning heap to the OS
     * and faulting it back for 64 KiB echoes, scripts/toll/README.md): told on
     * stderr, not in the CSV. */
    char what[256];
    fprintf(stderr, "crossing_floor: %s: %d rounds of %ld calls, %.2f minor page faults per call\n",
            label(run, c, what, sizeof what), rounds, n,
            (double)(minor_faults() - faults_before) / ((double)rounds * (double)n));
}

/* Every case of one lane on the calling thread. */
static void *run_cases(void *arg) {
    const lane_run *run = arg;
    if (!check_only) {
        /* Told, not measured for the CSV: on a new thread this call also sets
         * the thread up (the runtime binds its own state to it). */
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

/* Opens and starts a lane as NativeRuntimes does. */
static void open_lane(lane *l) {
    char err[8192];
    if (lane_open(&l->lib, l->library, err, sizeof err) != 0) {
        die(err, strlen(err), "%s: cannot open its library: ", l->name); /* err names the path */
    }
    if (lane_start(&l->lib, l->config, err, sizeof err) != 0) {
        die(err, strlen(err), "%s: cb_start failed: ", l->name);
    }
    l->echo_op = l->lib.op_index("echo", 4);
    if (l->echo_op < 0) {
        die(NULL, 0, "%s: the lane has no echo op", l->name);
    }
}

/* Undoes `crossbench lanes --config`'s escapes in place; 0, or -1 for a
 * backslash that starts none of them. */
static int unescape(char *text) {
    char *out = text;
    for (const char *in = text; *in; in++) {
        if (*in != '\\') {
            *out++ = *in;
            continue;
        }
        in++;
        if (*in == '\\') {
            *out++ = '\\';
        } else if (*in == 'n') {
            *out++ = '\n';
        } else if (*in == 't') {
            *out++ = '\t';
        } else {
            return -1;
        }
    }
    *out = '\0';
    return 0;
}

/* A lane's name is a field of the CSV on stdout and a word in every error
 * line: letters, digits, '.', '_' and '-' keep both unambiguous. */
static int valid_name(const char *name) {
    if (*name == '\0') {
        return 0;
    }
    for (const char *c = name; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '.' ||
              *c == '_' || *c == '-')) {
            return 0;
        }
    }
    return 1;
}

/* The lane on one line of FILE (without its newline), or a malformed-line
 * error naming the line. */
static lane parse_lane(const char *file, int number, char *line, size_t len) {
    if (memchr(line, '\0', len) != NULL) {
        die(NULL, 0, "%s:%d: a NUL byte in the line", file, number);
    }
    char *field[4];
    int fields = 0;
    for (char *at = line;; at++) {
        if (fields < 4) {
            field[fields] = at;
        }
        fields++;
        at = strchr(at, '\t');
        if (at == NULL) {
            break;
        }
        *at = '\0';
    }
    if (fields != 4) {
        die(NULL, 0, "%s:%d: %d tab-separated fields, not 4 (name, library, harness, start config)", file, number,
            fields);
    }
    if (!valid_name(field[0])) {
        die(NULL, 0, "%s:%d: the lane name '%s' is not letters, digits, '.', '_' and '-'", file, number, field[0]);
    }
    if (field[1][0] == '\0') {
        die(NULL, 0, "%s:%d: %s: no library path", file, number, field[0]);
    }
    if (unescape(field[3]) != 0) {
        die(NULL, 0, "%s:%d: %s: the start config has a backslash that is not \\\\, \\n or \\t", file, number,
            field[0]);
    }
    lane l = {.name = strdup(field[0]), .library = strdup(field[1]), .config = strdup(field[3]), .line = number};
    if (l.name == NULL || l.library == NULL || l.config == NULL) {
        die(NULL, 0, "%s:%d: out of memory", file, number);
    }
    return l;
}

/* Every lane FILE lists, in order, into *count. */
static lane *read_lanes(const char *file, size_t *count) {
    FILE *in = fopen(file, "r");
    if (in == NULL) {
        die(NULL, 0, "--lanes %s: %s", file, strerror(errno));
    }
    lane *lanes = NULL;
    *count = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    for (int number = 1; (len = getline(&line, &cap, in)) != -1; number++) {
        if (len > 0 && line[len - 1] == '\n') {
            line[--len] = '\0';
        }
        if (line[strspn(line, " \t\r")] == '\0' || line[0] == '#') {
            continue;
        }
        lane l = parse_lane(file, number, line, (size_t)len);
        for (size_t i = 0; i < *count; i++) {
            if (strcmp(lanes[i].name, l.name) == 0) {
                die(NULL, 0, "%s:%d: lane %s is listed again (first on line %d)", file, number, l.name, lanes[i].line);
            }
        }
        lanes = realloc(lanes, (*count + 1) * sizeof *lanes);
        if (lanes == NULL) {
            die(NULL, 0, "%s:%d: out of memory", file, number);
        }
        lanes[(*count)++] = l;
    }
    if (ferror(in)) {
        die(NULL, 0, "--lanes %s: %s", file, strerror(errno));
    }
    fclose(in);
    free(line);
    if (*count == 0) {
        die(NULL, 0, "--lanes %s lists no lanes: give it what `scripts/crossbench lanes --config` prints", file);
    }
    return lanes;
}

int main(int argc, char **argv) {
    const char *lanes_arg = NULL;
    const char *rounds_arg = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lanes") == 0 && i + 1 < argc) {
            lanes_arg = argv[++i];
        } else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            rounds_arg = argv[++i];
        } else if (strcmp(argv[i], "--check") == 0) {
            check_only = 1;
        } else {
            usage();
        }
    }
    if (lanes_arg == NULL || (rounds_arg == NULL && !check_only)) {
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

    /* The JVM runs set GOMAXPROCS to the CPU count (scripts/crossbench), and
     * the floor must run as they do. It cannot set it itself: a runtime may
     * read its environment when its library loads, from the array the
     * process started with, which setenv does not change. So its callers set
     * it, and it refuses to run without. */
    if (getenv("GOMAXPROCS") == NULL) {
        die(NULL, 0, "GOMAXPROCS is not set: set it as scripts/crossbench does for the JVM runs, "
                     "GOMAXPROCS=$(nproc) crossing_floor ...");
    }

    size_t count;
    lane *lanes = read_lanes(lanes_arg, &count);
    for (size_t i = 0; i < sizeof payload; i++) {
        payload[i] = (unsigned char)i;
    }

    /* Every lane loads before anything is timed, as in every JMH fork. */
    for (size_t i = 0; i < count; i++) {
        open_lane(&lanes[i]);
    }
    fprintf(stderr, "crossing_floor: every lane started (%zu), GOMAXPROCS=%s\n", count, getenv("GOMAXPROCS"));

    if (!check_only) {
        printf("lane,variant,payload,thread,round,ns_per_op\n");
    }
    for (size_t i = 0; i < count; i++) {
        lane_run on_main = {.lane = &lanes[i], .thread = "main"};
        run_cases(&on_main);

        lane_run on_pthread = {.lane = &lanes[i], .thread = "pthread"};
        pthread_t thread;
        int rc = pthread_create(&thread, NULL, run_cases, &on_pthread);
        if (rc != 0) {
            die(NULL, 0, "%s: pthread_create failed: %s", lanes[i].name, strerror(rc));
        }
        pthread_join(thread, NULL);
    }
    return 0;
}
