// Trampolines: Go cannot call C function pointers, so it calls these.
#include "crossbench_lane.h"

void lane_ok(cb_sink *out, void *data, size_t len) {
    out->ok(out, data, len);
}

void lane_fail(cb_sink *out, char *message, size_t len) {
    out->fail(out, message, len);
}
