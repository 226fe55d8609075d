/*
 * foreign.c: calls the built Go lane from threads Go did not create, as the
 * JNI bridge does, so sonic's JIT, the kept-records table and the web stack's
 * server tier (the caller waits for net/http's goroutine) run there.
 *
 *   foreign DOC TREE_DIGEST BIND_DIGEST WRITE_BYTES CORPUS
 *
 * Two pthreads each call, ROUNDS times: json_tree_digest, json_write_digest
 * and json_tree with library 1 (sonic) on DOC, json_write on one handle
 * kept before, and http_run on a GET /json each thread keeps for the server
 * tier (the lane started with corpus=CORPUS). Prints "ok" and exits 0 when
 * every result is as given.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossbench_lane.h"

#define ROUNDS 200

struct result {
    cb_sink sink;
    char data[512];
    char error[512];
    int failed;
};

static void on_ok(cb_sink *self, void *data, size_t len) {
    struct result *r = (struct result *)self;
    if (len >= sizeof r->data) len = sizeof r->data - 1;
    memcpy(r->data, data, len);
    r->data[len] = 0;
}

static void on_fail(cb_sink *self, char *message, size_t len) {
    struct result *r = (struct result *)self;
    if (len >= sizeof r->error) len = sizeof r->error - 1;
    memcpy(r->error, message, len);
    r->error[len] = 0;
    r->failed = 1;
}

/* Runs op and returns its result as a string, or exits on a failure. */
static const char *run_b(struct result *r, const char *op, const char *a, size_t a_len, const char *b, int64_t n) {
    memset(r, 0, sizeof *r);
    r->sink.ok = on_ok;
    r->sink.fail = on_fail;
    r->sink.buf = r->data; /* ABI 2, as the JNI bridge offers */
    r->sink.cap = sizeof r->data - 1;
    cb_call(cb_op_index((char *)op, strlen(op)), (void *)a, a_len, (void *)b, b ? strlen(b) : 0, n, &r->sink);
    if (r->failed) {
        fprintf(stderr, "%s failed: %s\n", op, r->error);
        exit(1);
    }
    if (r->sink.filled) r->data[r->sink.len] = 0;
    return r->data;
}

static const char *run(struct result *r, const char *op, const char *a, size_t a_len, int64_t n) {
    return run_b(r, op, a, a_len, NULL, n);
}

static const char json_request[] = "GET /json HTTP/1.1\r\nHost: crossbench\r\n\r\n";

static char *doc;
static size_t doc_len;
static const char *tree_digest, *bind_digest, *write_bytes;
static int64_t handle;

static void expect(const char *op, const char *got, const char *want) {
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "%s = %s, want %s\n", op, got, want);
        exit(1);
    }
}

static void *work(void *arg) {
    (void)arg;
    struct result r;
    int64_t server = atoll(run_b(&r, "http_keep", json_request, strlen(json_request), "equalised", 2));
    for (int i = 0; i < ROUNDS; i++) {
        expect("http_run", run(&r, "http_run", NULL, 0, server), "200 27");
        expect("json_tree_digest", run(&r, "json_tree_digest", doc, doc_len, 1), tree_digest);
        expect("json_write_digest", run(&r, "json_write_digest", doc, doc_len, 1), bind_digest);
        expect("json_write", run(&r, "json_write", NULL, 0, handle), write_bytes);
        run(&r, "json_tree", doc, doc_len, 1);
    }
    run(&r, "http_release", NULL, 0, server);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: foreign DOC TREE_DIGEST BIND_DIGEST WRITE_BYTES CORPUS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    doc_len = (size_t)ftell(f);
    rewind(f);
    doc = malloc(doc_len);
    if (fread(doc, 1, doc_len, f) != doc_len) { perror(argv[1]); return 1; }
    fclose(f);
    tree_digest = argv[2];
    bind_digest = argv[3];
    write_bytes = argv[4];

    struct result r;
    memset(&r, 0, sizeof r);
    r.sink.ok = on_ok;
    r.sink.fail = on_fail;
    char config[4096];
    int config_len = snprintf(config, sizeof config, "corpus=%s\n", argv[5]);
    if (config_len < 0 || (size_t)config_len >= sizeof config) { fprintf(stderr, "CORPUS is too long\n"); return 2; }
    cb_start(config, (size_t)config_len, &r.sink);
    if (r.failed) { fprintf(stderr, "cb_start failed: %s\n", r.error); return 1; }
    handle = atoll(run(&r, "json_keep", doc, doc_len, 1));

    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);

    run(&r, "json_release", NULL, 0, handle);
    printf("ok\n");
    return 0;
}
