/*
 * lane_loader.h: opens a native lane library (crossbench_lane.h) and finds its
 * functions. The one copy of this code: the JNI bridge (jmh/src/main/c/bridge.c),
 * the C floor (native-c/crossing_floor.c), the toll tools (scripts/toll) and
 * the Python lane's C probe (native-py/tests/lane_probe.c) all compile
 * lane_loader.c in.
 */
#ifndef CROSSBENCH_LANE_LOADER_H
#define CROSSBENCH_LANE_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "crossbench_lane.h"

/* A lane library's functions, found with dlsym. Callers call them directly
 * (lib->noop()): the bridge's hot paths go through nothing else. Never
 * unloaded: a Go c-shared library cannot be. */
typedef struct {
    void (*start)(void *config, size_t config_len, cb_sink *out);
    int (*op_index)(char *name, size_t name_len);
    void (*noop)(void);
    void (*call)(int op, void *a, size_t a_len, void *b, size_t b_len, int64_t n, cb_sink *out);
} lane_library;

/* dlopens path with RTLD_NOW | RTLD_LOCAL (every lane exports the same cb_*
 * names) and fills lib. Returns 0, or -1 with the cause in err as text
 * (dlerror's, or the symbol that is missing), truncated to err_len. */
int lane_open(lane_library *lib, const char *path, char *err, size_t err_len);

/* For C programs: cb_start with config (UTF-8 key=value lines). Returns 0, or
 * -1 with the lane's own message in err (truncated to err_len; a NUL in the
 * message ends it) or the contract it broke. */
int lane_start(const lane_library *lib, const char *config, char *err, size_t err_len);

#endif
