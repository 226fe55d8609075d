/*
 * copy_sink.c: the sink every call of crossing_floor hands a lane.
 *
 * Why malloc per delivery and not one reused buffer: the bridge's sink_ok
 * allocates a new byte[] of exactly the result's length for every call
 * (NewByteArray) and copies into it (SetByteArrayRegion); a buffer reused
 * across calls would leave out that allocation. malloc + memcpy is the
 * closest C equivalent: an allocation sized to the result, then one copy.
 */
#include "copy_sink.h"

#include <stdlib.h>
#include <string.h>

/* Keeps only the first delivery, as the bridge does, but counts them all so
 * the caller can tell a lane that broke the contract. */
static void keep(copy_sink *s, const void *data, size_t len, int failed) {
    if (s->deliveries++ > 0) {
        return;
    }
    s->failed = failed;
    s->len = len;
    if (len == 0) {
        return;
    }
    s->data = malloc(len);
    if (s->data == NULL) {
        s->out_of_memory = 1;
        return;
    }
    memcpy(s->data, data, len);
}

static void sink_ok(cb_sink *self, void *data, size_t len) {
    keep((copy_sink *)self, data, len, 0);
}

static void sink_fail(cb_sink *self, char *message, size_t len) {
    keep((copy_sink *)self, message, len, 1);
}

void copy_sink_init(copy_sink *s) {
    /* Designated initialisers: fields added to cb_sink later start as zero. */
    *s = (copy_sink){.sink = {.ok = sink_ok, .fail = sink_fail}};
    s->sink.buf = s->small;
    s->sink.cap = sizeof s->small;
}

void copy_sink_finish(copy_sink *s) {
    if (s->sink.filled) {
        keep(s, s->small, s->sink.len <= sizeof s->small ? s->sink.len : sizeof s->small, 0);
    }
}

void copy_sink_release(copy_sink *s) {
    free(s->data);
    s->data = NULL;
}
