/*
 * foreign_sink.c: what the ways into the lanes other than JNI (FFM, JNA) need
 * in C, built into the bridge's library beside bridge.c, which JNI needs.
 *
 * crossbench_sink_ok is the ok of their sinks. Their own ok would be a call
 * back into Java (an FFM upcall, a JNA callback), which costs far more than
 * the C function bridge.c's sink_ok is: a lane that delivers every result
 * through ok, as the Python lane does, would pay it on every call. So a
 * result that fits the sink's buffer is copied there and marked filled, as
 * an ABI 2 lane does itself (crossbench_lane.h), and only a larger one calls
 * back, through `large`. The caller then copies the buffer into a Java array:
 * one copy of at most cap bytes more than bridge.c makes.
 */
#include <string.h>

#include "crossbench_lane.h"

/* A cb_sink followed by the call back for results larger than its buffer. */
typedef struct {
    cb_sink sink; /* first, so a cb_sink* is a foreign_sink* */
    void (*large)(cb_sink *self, void *data, size_t len);
} foreign_sink;

__attribute__((visibility("default"))) void crossbench_sink_ok(cb_sink *self, void *data, size_t len) {
    foreign_sink *s = (foreign_sink *)self;
    if (s->sink.filled) {
        return; /* the first delivery wins, as in bridge.c */
    }
    if (s->sink.buf != NULL && len <= s->sink.cap) {
        if (len > 0) {
            memcpy(s->sink.buf, data, len);
        }
        s->sink.len = len;
        s->sink.filled = 1;
        return;
    }
    s->large(self, data, len);
}

/* An empty function: the bare crossing into C of FFM and JNA (FfmCalls.bareCall,
 * JnaBare), beside bridge.c's empty JNI function. */
__attribute__((visibility("default"))) void crossbench_empty(void) {}
