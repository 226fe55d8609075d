/*
 * lane_probe.c: calls libcrossbench_py.so through crossbench_lane.h, as the JNI
 * bridge does, for what only the C glue answers (alloc_start, alloc_stop) and
 * for the http ops from threads of its own.
 *
 *   lane_probe LIBRARY VENV_PYTHON PATH [OP[=B] N A]...
 *
 * Runs each op in order on the main thread, with b empty or B; A is a file to
 * read, "-" for empty, or "@SIZE" for SIZE zero bytes. Prints one line per op:
 * "ok RESULT" or "fail FIRST-LINE-OF-MESSAGE".
 *
 * The op "http_run_threads" with N rounds and A a comma-separated list of
 * handles starts one thread per handle, each running http_run on its handle N
 * times, all at once (as JMH threads do); then prints one line per handle, in
 * order: "ok FIRST-RESULT xN" if every round answered the same, else the first
 * failure or difference. The threads then exit, so the lane's thread states go.
 *
 * Exit 0 unless the lane cannot be loaded or started (then 1, with the cause on
 * stderr). Built with lane-abi/lane_loader.c by tests/test_alloc.py and
 * tests/test_glue_http.py.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lane_loader.h"

#define MAX_THREADS 16

static void print_ok(cb_sink *self, void *data, size_t len) {
    (void)self;
    printf("ok %.*s\n", (int)len, (char *)data);
}

static void print_fail(cb_sink *self, char *message, size_t len) {
    (void)self;
    size_t line = 0;
    while (line < len && message[line] != '\n')
        line++;
    printf("fail %.*s\n", (int)line, message);
}

/* A sink that keeps the answer (truncated to fit): for the threads, which print after joining. */
typedef struct {
    cb_sink sink;
    int ok;
    char text[256];
} kept_answer;

static void keep_text(kept_answer *answer, int ok, const char *data, size_t len) {
    answer->ok = ok;
    if (len >= sizeof answer->text)
        len = sizeof answer->text - 1;
    memcpy(answer->text, data, len);
    answer->text[len] = '\0';
    char *newline = strchr(answer->text, '\n');
    if (newline != NULL)
        *newline = '\0';
}

static void keep_ok(cb_sink *self, void *data, size_t len) {
    keep_text((kept_answer *)self, 1, data, len);
}

static void keep_fail(cb_sink *self, char *message, size_t len) {
    keep_text((kept_answer *)self, 0, message, len);
}

typedef struct {
    const lane_library *lib;
    int op;
    int64_t handle;
    long rounds;
    kept_answer first;
    char verdict[600]; /* what the thread prints */
} runner;

static void *run_rounds(void *arg) {
    runner *r = arg;
    r->first.sink = (cb_sink){.ok = keep_ok, .fail = keep_fail};
    r->lib->call(r->op, NULL, 0, NULL, 0, r->handle, &r->first.sink);
    if (!r->first.ok) {
        snprintf(r->verdict, sizeof r->verdict, "fail %s", r->first.text);
        return NULL;
    }
    for (long i = 1; i < r->rounds; i++) {
        kept_answer again = {.sink = {.ok = keep_ok, .fail = keep_fail}};
        r->lib->call(r->op, NULL, 0, NULL, 0, r->handle, &again.sink);
        if (!again.ok || strcmp(again.text, r->first.text) != 0) {
            snprintf(r->verdict, sizeof r->verdict, "fail round %ld: %s %.256s (first: %.256s)", i,
                     again.ok ? "answered" : "failed", again.text, r->first.text);
            return NULL;
        }
    }
    snprintf(r->verdict, sizeof r->verdict, "ok %s x%ld", r->first.text, r->rounds);
    return NULL;
}

/* http_run_threads: every handle of the comma-separated list on a thread of its own, at once. */
static void run_threads(const lane_library *lib, long rounds, const char *handles) {
    runner runners[MAX_THREADS];
    pthread_t threads[MAX_THREADS];
    int count = 0, op = lib->op_index("http_run", 8);
    for (const char *p = handles; *p != '\0' && count < MAX_THREADS; count++) {
        char *end;
        runners[count] = (runner){.lib = lib, .op = op, .handle = strtoll(p, &end, 10), .rounds = rounds};
        p = *end == ',' ? end + 1 : end;
    }
    for (int i = 0; i < count; i++)
        if (pthread_create(&threads[i], NULL, run_rounds, &runners[i]) != 0)
            snprintf(runners[i].verdict, sizeof runners[i].verdict, "fail pthread_create");
    for (int i = 0; i < count; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < count; i++)
        printf("%s\n", runners[i].verdict);
}

static char *read_arg(const char *spec, size_t *len) {
    if (strcmp(spec, "-") == 0) {
        *len = 0;
        return NULL;
    }
    if (spec[0] == '@') {
        *len = strtoull(spec + 1, NULL, 10);
        return calloc(*len ? *len : 1, 1);
    }
    FILE *f = fopen(spec, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(*len ? *len : 1);
    if (data != NULL && fread(data, 1, *len, f) != *len) {
        free(data);
        data = NULL;
    }
    fclose(f);
    return data;
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 4) % 3 != 0) {
        fprintf(stderr, "usage: %s LIBRARY VENV_PYTHON PATH [OP[=B] N A]...\n", argv[0]);
        return 2;
    }
    char config[8192];
    snprintf(config, sizeof config, "python=%s\npath=%s\n", argv[2], argv[3]);
    lane_library lib;
    char err[8192];
    if (lane_open(&lib, argv[1], err, sizeof err) != 0 || lane_start(&lib, config, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    cb_sink sink = {.ok = print_ok, .fail = print_fail};
    for (int i = 4; i < argc; i += 3) {
        if (strcmp(argv[i], "http_run_threads") == 0) {
            run_threads(&lib, strtol(argv[i + 1], NULL, 10), argv[i + 2]);
            fflush(stdout);
            continue;
        }
        char *b = strchr(argv[i], '=');
        size_t name_len = b != NULL ? (size_t)(b - argv[i]) : strlen(argv[i]);
        b = b != NULL ? b + 1 : NULL;
        int op = lib.op_index(argv[i], name_len);
        size_t a_len = 1; /* stays non-zero if A cannot be read */
        char *a = read_arg(argv[i + 2], &a_len);
        if (op < 0 || (a == NULL && a_len != 0)) {
            printf("fail no op %s or unreadable %s\n", argv[i], argv[i + 2]);
        } else {
            lib.call(op, a, a_len, b, b != NULL ? strlen(b) : 0, strtoll(argv[i + 1], NULL, 10), &sink);
        }
        free(a);
        fflush(stdout);
    }
    return 0;
}
