/*
 * lane_library.h: a native lane library opened and started the way the JNI
 * bridge (jmh/src/main/c/bridge.c) and the Java loader (LaneRegistry) do it,
 * for C programs that call lanes without a JVM.
 */
#ifndef CROSSING_FLOOR_LANE_LIBRARY_H
#define CROSSING_FLOOR_LANE_LIBRARY_H

#include <stddef.h>
#include <stdint.h>

#include "crossbench_lane.h"

/* The five functions of crossbench_lane.h, found with dlsym. Never freed: a
 * Go c-shared library cannot be unloaded. */
typedef struct {
    const char *name; /* the lane's name, as LaneRegistry spells it: "go", "python" */
    void (*start)(void *config, size_t config_len, cb_sink *out);
    int (*op_index)(char *name, size_t name_len);
    void (*noop)(void);
    void (*call)(int op, void *a, size_t a_len, void *b, size_t b_len, int64_t n, cb_sink *out);
} lane_library;

/* dlopens path as bridge.c does (RTLD_NOW | RTLD_LOCAL: every lane exports the
 * same cb_* names) and finds its functions. Returns 0, or -1 with the cause
 * in err. */
int lane_open(lane_library *lib, const char *name, const char *path, char *err, size_t err_len);

/* cb_start with config (UTF-8 key=value lines). Returns 0, or -1 with the
 * lane's own message in err. */
int lane_start(const lane_library *lib, const char *config, char *err, size_t err_len);

#endif
