/*
 * crossbench_lane.h: the C ABI that every native lane library implements.
 *
 * The JNI bridge (bridge.c) opens a lane library with lane_loader.c beside
 * this file (dlopen RTLD_LOCAL, these functions found with dlsym), as every C
 * program that calls lanes does, and calls them from any Java thread. Go implements
 * them as cgo exports (native-go/lane), CPython as C that embeds the interpreter
 * (native-py/lane.c). A new native lane is a new library with these symbols.
 *
 * No `const` here: cgo cannot export functions with const parameters, and the
 * Go side includes this header so that the compiler checks its exports.
 *
 * Op names and their contracts are listed in OPS.md beside this file. Both live in lane-abi/, apart from any
 * one lane, because every lane (and the JNI bridge) is written against them.
 */
#ifndef CROSSBENCH_LANE_H
#define CROSSBENCH_LANE_H

#include <stddef.h>
#include <stdint.h>

typedef struct cb_sink cb_sink;

/* Where an op delivers its outcome: exactly one of ok or fail, once. Both copy
 * what they are given before returning; the lane keeps ownership.
 *
 * ABI 2 appended buf, cap, len and filled: a caller's buffer that spares a
 * small result the ok callback (for Go, a Go->C call). A sink whose appended
 * fields are zero (e.g. initialised as { .ok = ..., .fail = ... }) has no
 * buffer and works exactly as in ABI 1; a caller must zero them, not leave
 * them uninitialised. When buf is not NULL, a lane MAY deliver a result of at
 * most cap bytes by copying it into buf, setting len to its length and then
 * filled to 1, instead of calling ok; that counts as the one delivery. A
 * result larger than cap, every failure, and any lane that ignores the buffer
 * (an ABI 1 lane) go through ok or fail as before. The lane writes nothing
 * else into buf and keeps no pointer to it after the call. An ABI 2 lane
 * reads these fields, so its callers must be compiled against this header. */
struct cb_sink {
    void (*ok)(cb_sink *self, void *data, size_t len);
    /* message: UTF-8, not NUL-terminated; names the cause (error text, the
     * recovered panic, or the Python exception type, message and traceback). */
    void (*fail)(cb_sink *self, char *message, size_t len);
    /* ABI 2, set by the caller: its result buffer (NULL: none) and its size. */
    void *buf;
    size_t cap;
    /* ABI 2, set by the lane when it delivered into buf: the result's length,
     * and 1 in filled (the caller sets filled to 0 before the call). */
    size_t len;
    int filled;
};

/* Starts the runtime, once, before any other call. config: UTF-8 lines of
 * key=value, lane-specific (Python: python=<venv python>, path=<module dir>).
 * Delivers ok (bytes ignored) or fail (why the runtime could not start). */
void cb_start(void *config, size_t config_len, cb_sink *out);

/* The index of the op with this name (ASCII, not NUL-terminated), or -1. */
int cb_op_index(char *name, size_t name_len);

/* Enters the runtime and does nothing: the toll of crossing, no payload.
 * Go: an empty export. Python: takes the GIL and calls an empty Python function. */
void cb_noop(void);

/* Runs op on a (a_len bytes) and b (b_len bytes) and n. a and b are borrowed
 * for the call only (never kept after return; may be NULL when the length is 0).
 * Delivers the result to out->ok or the cause to out->fail. Never crashes,
 * never lets a Go panic or a Python exception escape. */
void cb_call(int op, void *a, size_t a_len, void *b, size_t b_len, int64_t n, cb_sink *out);

#endif
