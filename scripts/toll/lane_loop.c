/*
 * lane_loop.c: times cb_noop and cb_call in a C loop, no JVM. For measuring
 * the native half of the crossing toll (see scripts/toll/README.md).
 *
 *   lane_loop LIB CONFIG OP SIZE ITERS ROUNDS [copyin] [buf]
 *
 * OP is "noop" or an op name (echo). CONFIG is the cb_start config with '\n'
 * written as ';'. Each round times ITERS calls; prints the median and min
 * ns/call over the rounds and the minor page faults per call. "copyin" copies
 * the input into malloc'd memory per call, as bridge.c did; "buf" offers the
 * sink's caller buffer (ABI 2) of 512 bytes.
 *
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Ilane-abi -o lane_loop \
 *     scripts/toll/lane_loop.c lane-abi/lane_loader.c -ldl
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lane_loader.h"

typedef struct {
    cb_sink sink;
    char *out;
    size_t out_cap;
    size_t got;
    int delivered;
    int failed;
} loop_sink;

static void ok(cb_sink *self, void *data, size_t len) {
    loop_sink *s = (loop_sink *)self;
    s->delivered++;
    if (len > s->out_cap) {
        s->out = realloc(s->out, len);
        s->out_cap = len;
    }
    if (len)
        memcpy(s->out, data, len); /* the copy the bridge makes into a Java array */
    s->got = len;
}

static void fail(cb_sink *self, char *message, size_t len) {
    loop_sink *s = (loop_sink *)self;
    s->delivered++;
    s->failed = 1;
    fprintf(stderr, "fail: %.*s\n", (int)len, message);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static long minflt(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s LIB CONFIG OP SIZE ITERS ROUNDS [copyin] [buf]\n", argv[0]);
        return 2;
    }
    int copyin = 0, usebuf = 0;
    for (int i = 7; i < argc; i++) {
        copyin |= strcmp(argv[i], "copyin") == 0;
        usebuf |= strcmp(argv[i], "buf") == 0;
    }
    char *config = strdup(argv[2]);
    for (char *c = config; *c; c++)
        if (*c == ';')
            *c = '\n';
    lane_library lib;
    char err[8192];
    if (lane_open(&lib, argv[1], err, sizeof err) != 0 || lane_start(&lib, config, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    loop_sink s = {.sink = {.ok = ok, .fail = fail}};
    int is_noop = strcmp(argv[3], "noop") == 0;
    int op = is_noop ? -1 : lib.op_index(argv[3], strlen(argv[3]));
    if (!is_noop && op < 0) {
        fprintf(stderr, "no op %s\n", argv[3]);
        return 1;
    }
    size_t size = strtoul(argv[4], NULL, 10);
    long iters = strtol(argv[5], NULL, 10), rounds = strtol(argv[6], NULL, 10);
    char *payload = malloc(size ? size : 1);
    for (size_t i = 0; i < size; i++)
        payload[i] = (char)i;
    static char small[512];
    double *per = calloc(rounds, sizeof *per);
    long faults0 = minflt();
    for (long r = 0; r < rounds; r++) {
        double t0 = now_ns();
        for (long i = 0; i < iters; i++) {
            if (is_noop) {
                lib.noop();
                continue;
            }
            void *a = payload;
            if (copyin) {
                a = malloc(size ? size : 1);
                memcpy(a, payload, size);
            }
            loop_sink cs = {.sink = {.ok = ok, .fail = fail}, .out = s.out, .out_cap = s.out_cap};
            if (usebuf) {
                cs.sink.buf = small;
                cs.sink.cap = sizeof small;
            }
            lib.call(op, size ? a : NULL, size, NULL, 0, 0, &cs.sink);
            s.out = cs.out;
            s.out_cap = cs.out_cap;
            if (!cs.delivered && cs.sink.filled)
                cs.delivered = 1, cs.got = cs.sink.len;
            if (copyin)
                free(a);
            if (cs.delivered != 1 || cs.failed || cs.got != size) {
                fprintf(stderr, "bad delivery: %d %d %zu\n", cs.delivered, cs.failed, cs.got);
                return 1;
            }
        }
        per[r] = (now_ns() - t0) / iters;
    }
    long faults = minflt() - faults0;
    qsort(per, rounds, sizeof *per, cmp);
    printf("%s %s size=%zu: median %.1f ns/call, min %.1f, faults/call %.3f\n", argv[3], copyin ? "copyin" : "", size,
           per[rounds / 2], per[0], (double)faults / (iters * rounds));
    return 0;
}
