/*
 * copy_sink.h: a cb_sink that copies what a lane delivers into memory of its
 * own, as the JNI bridge's sink copies it into a new Java byte[].
 */
#ifndef CROSSING_FLOOR_COPY_SINK_H
#define CROSSING_FLOOR_COPY_SINK_H

#include <stddef.h>

#include "crossbench_lane.h"

typedef struct {
    cb_sink sink;   /* first, so a cb_sink * is a copy_sink * */
    int deliveries; /* how many times ok or fail was called: the contract says once */
    int failed;     /* the first delivery was fail: data holds the message */
    void *data;     /* a fresh malloc'd copy of the first delivery (NULL when empty) */
    size_t len;
    int out_of_memory; /* malloc failed for the copy */
} copy_sink;

/* A sink with nothing delivered yet. */
copy_sink copy_sink_new(void);

/* Frees the copy. */
void copy_sink_release(copy_sink *s);

#endif
