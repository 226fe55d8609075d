/*
 * lane_library.c: opens and starts a lane library as bridge.c does, without
 * JNI. The Python lane promotes its libpython to RTLD_GLOBAL itself
 * (native-py/lane.c, promote_libpython), so RTLD_LOCAL is right here too.
 */
#include "lane_library.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "copy_sink.h"

static int find(void *handle, const char *symbol, void **found, const char *path, char *err, size_t err_len) {
    *found = dlsym(handle, symbol);
    if (*found == NULL) {
        snprintf(err, err_len, "%s does not export %s: not a crossbench lane library", path, symbol);
        return -1;
    }
    return 0;
}

int lane_open(lane_library *lib, const char *name, const char *path, char *err, size_t err_len) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        snprintf(err, err_len, "%s", dlerror());
        return -1;
    }
    lib->name = name;
    /* Function pointers through void **, as bridge.c does: ISO C has no
     * conversion from void * to a function pointer, POSIX guarantees it works. */
    if (find(handle, "cb_start", (void **)&lib->start, path, err, err_len) != 0 ||
        find(handle, "cb_op_index", (void **)&lib->op_index, path, err, err_len) != 0 ||
        find(handle, "cb_noop", (void **)&lib->noop, path, err, err_len) != 0 ||
        find(handle, "cb_call", (void **)&lib->call, path, err, err_len) != 0) {
        return -1;
    }
    return 0;
}

int lane_start(const lane_library *lib, const char *config, char *err, size_t err_len) {
    copy_sink sink;
    copy_sink_init(&sink);
    lib->start((void *)config, strlen(config), &sink.sink);
    copy_sink_finish(&sink);
    int rc = 0;
    if (sink.deliveries != 1) {
        snprintf(err, err_len, "cb_start delivered %d outcomes, not one", sink.deliveries);
        rc = -1;
    } else if (sink.failed) {
        snprintf(err, err_len, "%.*s", (int)sink.len, (const char *)sink.data);
        rc = -1;
    }
    copy_sink_release(&sink);
    return rc;
}
