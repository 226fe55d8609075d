/*
 * op_loop.c: times any op of a lane library through cb_call, on the inputs of
 * two files, in a C loop with no JVM (the same library as through JNI, the
 * same sink as the C floor). For telling a JNI figure from the process it runs
 * in (scripts/toll/README.md, results/2026-11-24-073205/findings.md).
 *
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Ilane-abi -Inative-c -o op_loop \
 *     scripts/toll/op_loop.c lane-abi/lane_loader.c native-c/copy_sink.c -ldl
 *   GOMAXPROCS=2 op_loop LIB CONFIG OP AFILE BFILE|- CALLS ROUNDS
 *
 * LIB and CONFIG as lane_loop takes them: the lane library and its cb_start
 * config with ';' for each newline (`scripts/crossbench lanes --config` prints
 * both for every lane).
 * Prints the median, min and max ns per call over ROUNDS rounds of CALLS
 * calls, after two rounds of warm-up. Exits 1 on a failed call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "copy_sink.h"
#include "lane_loader.h"

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* The whole file, or NULL and 0 for "-". */
static char *slurp(const char *path, size_t *len) {
    *len = 0;
    if (strcmp(path, "-") == 0) {
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0) {
        perror(path);
        exit(1);
    }
    *len = (size_t)ftell(f);
    rewind(f);
    char *data = malloc(*len + 1);
    if (data == NULL || fread(data, 1, *len, f) != *len) {
        perror(path);
        exit(1);
    }
    fclose(f);
    return data;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: op_loop LIB CONFIG OP AFILE BFILE|- CALLS ROUNDS\n");
        return 2;
    }
    char *config = argv[2];
    for (char *c = config; *c; c++) {
        *c = *c == ';' ? '\n' : *c;
    }
    lane_library lib;
    char err[8192];
    if (lane_open(&lib, argv[1], err, sizeof err) != 0 || lane_start(&lib, config, err, sizeof err) != 0) {
        fprintf(stderr, "op_loop: %s\n", err);
        return 1;
    }
    int op = lib.op_index(argv[3], strlen(argv[3]));
    if (op < 0) {
        fprintf(stderr, "op_loop: no op %s\n", argv[3]);
        return 1;
    }
    size_t a_len, b_len;
    char *a = slurp(argv[4], &a_len), *b = slurp(argv[5], &b_len);
    long calls = atol(argv[6]);
    int rounds = atoi(argv[7]);
    if (calls < 1 || rounds < 1 || rounds > 1000) {
        fprintf(stderr, "op_loop: CALLS and ROUNDS must be positive (ROUNDS at most 1000)\n");
        return 2;
    }
    double *per_call = calloc((size_t)rounds, sizeof *per_call);
    for (int r = -2; r < rounds; r++) {
        double start = now_ns();
        for (long i = 0; i < calls; i++) {
            copy_sink sink;
            copy_sink_init(&sink);
            lib.call(op, a, a_len, b, b_len, 0, &sink.sink);
            copy_sink_finish(&sink);
            if (sink.failed) {
                fprintf(stderr, "op_loop: %s failed: %.*s\n", argv[3], (int)sink.len, (char *)sink.data);
                return 1;
            }
            copy_sink_release(&sink);
        }
        if (r >= 0) {
            per_call[r] = (now_ns() - start) / (double)calls;
        }
    }
    qsort(per_call, (size_t)rounds, sizeof *per_call, by_value);
    printf("%s %s: median %.0f ns per call (min %.0f, max %.0f) over %d rounds of %ld\n", argv[1], argv[3],
           per_call[rounds / 2], per_call[0], per_call[rounds - 1], rounds, calls);
    return 0;
}
