/*
 * lane_probe.c: calls libcrossbench_py.so through crossbench_lane.h, as the JNI
 * bridge does, for what only the C glue answers (alloc_start, alloc_stop).
 *
 *   lane_probe LIBRARY VENV_PYTHON PATH [OP N A]...
 *
 * Runs each op in order with b empty; A is a file to read, "-" for empty, or
 * "@SIZE" for SIZE zero bytes. Prints one line per op: "ok RESULT" or
 * "fail FIRST-LINE-OF-MESSAGE". Exit 0 unless the lane cannot be loaded or
 * started (then 1, with the cause on stderr). Built with lane-abi/lane_loader.c
 * by tests/test_alloc.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lane_loader.h"

static void print_ok(cb_sink *self, void *data, size_t len) {
    (void)self;
    printf("ok %.*s\n", (int)len, (char *)data);
}

static void print_fail(cb_sink *self, char *message, size_t len) {
    (void)self;
    size_t line = 0;
    while (line < len && message[line] != '\n')
        line++;
    printf("fail %.*s\n", (int)line, message);
}

static char *read_arg(const char *spec, size_t *len) {
    if (strcmp(spec, "-") == 0) {
        *len = 0;
        return NULL;
    }
    if (spec[0] == '@') {
        *len = strtoull(spec + 1, NULL, 10);
        return calloc(*len ? *len : 1, 1);
    }
    FILE *f = fopen(spec, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(*len ? *len : 1);
    if (data != NULL && fread(data, 1, *len, f) != *len) {
        free(data);
        data = NULL;
    }
    fclose(f);
    return data;
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 4) % 3 != 0) {
        fprintf(stderr, "usage: %s LIBRARY VENV_PYTHON PATH [OP N A]...\n", argv[0]);
        return 2;
    }
    char config[8192];
    snprintf(config, sizeof config, "python=%s\npath=%s\n", argv[2], argv[3]);
    lane_library lib;
    char err[8192];
    if (lane_open(&lib, argv[1], err, sizeof err) != 0 || lane_start(&lib, config, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    cb_sink sink = {.ok = print_ok, .fail = print_fail};
    for (int i = 4; i < argc; i += 3) {
        int op = lib.op_index(argv[i], strlen(argv[i]));
        size_t a_len = 1; /* stays non-zero if A cannot be read */
        char *a = read_arg(argv[i + 2], &a_len);
        if (op < 0 || (a == NULL && a_len != 0)) {
            printf("fail no op %s or unreadable %s\n", argv[i], argv[i + 2]);
        } else {
            lib.call(op, a, a_len, NULL, 0, strtoll(argv[i + 1], NULL, 10), &sink);
        }
        free(a);
        fflush(stdout);
    }
    return 0;
}
