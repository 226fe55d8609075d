/*
 * null_lane.c: a lane library with no runtime behind it, for timing the JNI
 * bridge and the Java side alone. Answers every op name; only echo works
 * (delivered into the sink's buffer when it fits, else through ok), every
 * other op fails (build with -DNULL_LANE_ABI1 for a bridge of ABI 1). Run the benchmarks against it in place of a real lane:
 *   java -Dcrossbench.lane.go.library=/path/null_lane.so -jar target/benchmarks.jar Crossing -p lane=go
 */
#include <string.h>

#include "crossbench_lane.h"

static const char *ops[] = {"echo", "json_tree", "json_tree_digest", "json_bind", "json_bind_digest", "bcrypt_hash",
                            "bcrypt_verify", "jwt_sign", "jwt_verify", "versions", "fail"};

void cb_start(void *config, size_t config_len, cb_sink *out) {
    (void)config;
    (void)config_len;
    out->ok(out, NULL, 0);
}

int cb_op_index(char *name, size_t name_len) {
    for (int i = 0; i < (int)(sizeof ops / sizeof *ops); i++)
        if (strlen(ops[i]) == name_len && memcmp(ops[i], name, name_len) == 0)
            return i;
    return -1;
}

void cb_noop(void) {}

void cb_call(int op, void *a, size_t a_len, void *b, size_t b_len, int64_t n, cb_sink *out) {
    (void)b;
    (void)b_len;
    (void)n;
    if (op != 0) {
        out->fail(out, "null lane: only echo", 20);
#ifndef NULL_LANE_ABI1 /* -DNULL_LANE_ABI1: for a bridge built before ABI 2, whose sink has no buffer fields */
    } else if (out->buf != NULL && a_len <= out->cap) {
        if (a_len)
            memcpy(out->buf, a, a_len);
        out->len = a_len;
        out->filled = 1;
#endif
    } else {
        out->ok(out, a, a_len);
    }
}
