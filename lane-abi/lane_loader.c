/*
 * lane_loader.c: see lane_loader.h. RTLD_LOCAL is right for every lane: the
 * Python lane promotes its libpython to RTLD_GLOBAL itself (native-py/lane.c,
 * promote_libpython) before any C extension loads.
 */
#include "lane_loader.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static int find(void *handle, const char *symbol, void **found, const char *path, char *err, size_t err_len) {
    *found = dlsym(handle, symbol);
    if (*found == NULL) {
        snprintf(err, err_len, "%s does not export %s: not a crossbench lane library", path, symbol);
        return -1;
    }
    return 0;
}

int lane_open(lane_library *lib, const char *path, char *err, size_t err_len) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *cause = dlerror();
        snprintf(err, err_len, "%s", cause != NULL ? cause : "dlopen failed and dlerror says nothing");
        return -1;
    }
    /* Function pointers through void **: ISO C has no conversion from void *
     * to a function pointer, POSIX guarantees that this works. */
    if (find(handle, "cb_start", (void **)&lib->start, path, err, err_len) != 0 ||
        find(handle, "cb_op_index", (void **)&lib->op_index, path, err, err_len) != 0 ||
        find(handle, "cb_noop", (void **)&lib->noop, path, err, err_len) != 0 ||
        find(handle, "cb_call", (void **)&lib->call, path, err, err_len) != 0) {
        return -1;
    }
    return 0;
}

/* cb_start's sink: counts deliveries and keeps the first failure's message
 * in the caller's err. No result buffer, as the bridge's start. */
typedef struct {
    cb_sink sink; /* first, so a cb_sink * is a start_sink * */
    int deliveries;
    int failed;
    char *err;
    size_t err_len;
} start_sink;

static void start_ok(cb_sink *self, void *data, size_t len) {
    (void)data;
    (void)len;
    ((start_sink *)self)->deliveries++;
}

static void start_fail(cb_sink *self, char *message, size_t len) {
    start_sink *s = (start_sink *)self;
    if (s->deliveries++ == 0) {
        s->failed = 1;
        snprintf(s->err, s->err_len, "%.*s", len > INT_MAX ? INT_MAX : (int)len, message);
    }
}

int lane_start(const lane_library *lib, const char *config, char *err, size_t err_len) {
    start_sink s = {.sink = {.ok = start_ok, .fail = start_fail}, .err = err, .err_len = err_len};
    lib->start((void *)config, strlen(config), &s.sink);
    if (s.deliveries != 1) {
        snprintf(err, err_len, "cb_start delivered %d outcomes, not one", s.deliveries);
        return -1;
    }
    return s.failed ? -1 : 0;
}
