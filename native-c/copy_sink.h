/*
 * copy_sink.h: a cb_sink that copies what a lane delivers into memory of its
 * own, as the JNI bridge's sink copies it into a new Java byte[]. Like the
 * bridge's, it offers the lane a 512-byte result buffer (ABI 2), so the
 * floor takes the same path for small results as a call through JNI.
 */
#ifndef CROSSING_FLOOR_COPY_SINK_H
#define CROSSING_FLOOR_COPY_SINK_H

#include <stddef.h>

#include "crossbench_lane.h"

typedef struct {
    cb_sink sink;   /* first, so a cb_sink * is a copy_sink * */
    int deliveries; /* how many times ok or fail was called: the contract says once */
    int failed;     /* the first delivery was fail: data holds the message */
    void *data;     /* a fresh copy of the first delivery, inside block (NULL when empty) */
    void *block;    /* the malloc'd memory that holds data */
    size_t len;
    int out_of_memory; /* malloc failed for the copy */
    char small[512];   /* the result buffer, as the bridge's RESULT_BUF */
} copy_sink;

/* Makes s a sink with nothing delivered yet (in place: its buffer is inside it). */
void copy_sink_init(copy_sink *s);

/* After the call: takes a result the lane wrote into the buffer, as a delivery. */
void copy_sink_finish(copy_sink *s);

/* Frees the copy. */
void copy_sink_release(copy_sink *s);

#endif
