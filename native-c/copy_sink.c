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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* glibc's memcpy (rep movsb on this project's CPUs) runs 10-20x slower when
 * the destination sits a few bytes past the source modulo 4096 (4K aliasing:
 * scripts/toll/memcpy_alias.c). malloc tends to place the copy's block just
 * after the Python lane's 64 KiB bytes object, at such an offset on every
 * call, which made this floor's 64 KiB echo cost 2.5x the same call through
 * JNI, whose Java heap places the result elsewhere. The copy moves ALIAS_SPAN
 * bytes on when it would land within ALIAS_SPAN bytes past its source. */
#define ALIAS_SPAN 64

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
    s->block = malloc(len + ALIAS_SPAN);
    if (s->block == NULL) {
        s->out_of_memory = 1;
        return;
    }
    s->data = s->block;
    if (((uintptr_t)s->data - (uintptr_t)data) % 4096 < ALIAS_SPAN) {
        s->data = (char *)s->block + ALIAS_SPAN;
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
    /* Field by field, as the bridge's sink_init: zeroing the whole struct
     * would also clear the 512-byte buffer, about 30 ns a call the bridge
     * does not pay. The compound literal zeroes cb_sink fields added later. */
    s->sink = (cb_sink){.ok = sink_ok, .fail = sink_fail, .buf = s->small, .cap = sizeof s->small};
    s->deliveries = 0;
    s->failed = 0;
    s->data = NULL;
    s->block = NULL;
    s->len = 0;
    s->out_of_memory = 0;
}

void copy_sink_finish(copy_sink *s) {
    if (s->sink.filled) {
        keep(s, s->small, s->sink.len <= sizeof s->small ? s->sink.len : sizeof s->small, 0);
    }
}

void copy_sink_release(copy_sink *s) {
    free(s->block);
    s->block = NULL;
    s->data = NULL;
}
