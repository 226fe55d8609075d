/*
 * bridge.c: the one JNI library behind every native lane.
 *
 * Java's NativeBridge calls these functions; each converts its arguments and
 * calls one function of a lane library (crossbench_lane.h) through a pointer
 * that lane-abi/lane_loader.c found. A lane library knows nothing of JNI, so
 * the Go and Python lanes share this glue instead of each carrying a copy of it.
 *
 * Results arrive through a sink that copies them straight into a new Java
 * byte[]; failures become dev.crossbench.lane.jni.NativeFailure. No JNI exception
 * is left pending except the one this call throws.
 */
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossbench_lane.h"
#include "dev_crossbench_lane_jni_NativeBridge.h"
#include "lane_loader.h"
#include "signal_flags.h"

static jclass failure_class;
static jmethodID failure_constructor;
static pthread_key_t buffer_key; /* each thread's input buffer (see input_get) */
static void buffer_free(void *value);

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass local = (*env)->FindClass(env, "dev/crossbench/lane/jni/NativeFailure");
    if (local == NULL) {
        return JNI_ERR;
    }
    failure_class = (*env)->NewGlobalRef(env, local);
    failure_constructor = (*env)->GetMethodID(env, failure_class, "<init>", "([B)V");
    if (failure_class == NULL || failure_constructor == NULL || pthread_key_create(&buffer_key, buffer_free) != 0) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}

/* Throws NativeFailure with a UTF-8 message. Java decodes the bytes itself:
 * JNI's ThrowNew wants modified UTF-8, which foreign messages are not. */
static void throw_failure(JNIEnv *env, const void *message, size_t len) {
    if (len > INT32_MAX) {
        len = INT32_MAX;
    }
    jbyteArray bytes = (*env)->NewByteArray(env, (jsize)len);
    if (bytes == NULL) {
        return; /* OutOfMemoryError is pending */
    }
    (*env)->SetByteArrayRegion(env, bytes, 0, (jsize)len, (const jbyte *)message);
    jobject failure = (*env)->NewObject(env, failure_class, failure_constructor, bytes);
    if (failure != NULL) {
        (*env)->Throw(env, (jthrowable)failure);
    }
}

static void throw_text(JNIEnv *env, const char *message) {
    throw_failure(env, message, strlen(message));
}

/* Results up to this size come back in the sink's buffer (ABI 2): on the
 * stack, no callback. Most ops' results (counts, hashes, tokens) fit. */
#define RESULT_BUF 512

/* The sink a lane delivers to: it copies a result into a Java byte[] or
 * throws the failure, and ignores anything after the first delivery. */
typedef struct {
    cb_sink sink; /* first, so a cb_sink* is a java_sink* */
    JNIEnv *env;
    jbyteArray result;
    int delivered;
    char small[RESULT_BUF];
} java_sink;

static void sink_ok(cb_sink *self, void *data, size_t len) {
    java_sink *s = (java_sink *)self;
    if (s->delivered++) {
        return;
    }
    if (len > INT32_MAX) {
        throw_text(s->env, "result larger than a Java array");
        return;
    }
    s->result = (*s->env)->NewByteArray(s->env, (jsize)len);
    if (s->result != NULL && len > 0) {
        (*s->env)->SetByteArrayRegion(s->env, s->result, 0, (jsize)len, (const jbyte *)data);
    }
}

static void sink_fail(cb_sink *self, char *message, size_t len) {
    java_sink *s = (java_sink *)self;
    if (s->delivered++) {
        return;
    }
    throw_failure(s->env, message, len);
}

/* A sink without a result buffer (ABI 1 behaviour), or with the stack buffer
 * s->small when with_buffer is set. Initialised in place: buf points into it. */
static void sink_init(java_sink *s, JNIEnv *env, int with_buffer) {
    s->sink = (cb_sink){.ok = sink_ok, .fail = sink_fail};
    if (with_buffer) {
        s->sink.buf = s->small;
        s->sink.cap = sizeof s->small;
    }
    s->env = env;
    s->result = NULL;
    s->delivered = 0;
}

/* After the lane returns: the result from the buffer if the lane filled it
 * (and delivered nothing else); a lane that delivered nothing broke the contract. */
static jbyteArray sink_finish(java_sink *s) {
    if (!s->delivered && s->sink.buf != NULL && s->sink.filled) {
        s->delivered = 1;
        size_t len = s->sink.len;
        if (len > s->sink.cap) {
            throw_text(s->env, "the lane filled the result buffer beyond its capacity");
            return NULL;
        }
        s->result = (*s->env)->NewByteArray(s->env, (jsize)len);
        if (s->result != NULL && len > 0) {
            (*s->env)->SetByteArrayRegion(s->env, s->result, 0, (jsize)len, (const jbyte *)s->small);
        }
    }
    if (!s->delivered) {
        throw_text(s->env, "the lane returned without a result or an error");
    }
    return s->result;
}

/* A Java byte[] copied into C memory for the length of one call. Small inputs
 * (passwords, tokens, small documents) use the stack; larger ones the calling
 * thread's own buffer, kept between its calls (up to KEPT_MAX bytes, freed when
 * the thread ends), so no call pays a malloc; above KEPT_MAX, malloc and free.
 * The buffer is the bridge's: a lane borrows it for the call only. */
#define KEPT_MAX (1u << 20)

typedef struct {
    char *data;
    size_t cap;
} thread_buffer;

static void buffer_free(void *value) {
    thread_buffer *b = value;
    free(b->data);
    free(b);
}

/* This thread's buffer with room for len bytes, or NULL. */
static char *thread_buffer_get(size_t len) {
    thread_buffer *b = pthread_getspecific(buffer_key);
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        if (b == NULL || pthread_setspecific(buffer_key, b) != 0) {
            free(b);
            return NULL;
        }
    }
    if (b->cap < len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < len) {
            cap *= 2;
        }
        char *data = malloc(cap);
        if (data == NULL) {
            return NULL;
        }
        free(b->data);
        b->data = data;
        b->cap = cap;
    }
    return b->data;
}

typedef struct {
    void *data;
    size_t len;
    int owned; /* data was malloc'd for this call */
    char small[512];
} input;

/* Copies array into in. *buffer_free_for_use: the thread's buffer is still
 * unused in this call (one per call: a second large input goes to malloc).
 * An empty array needs no copy. */
static int input_get(JNIEnv *env, jbyteArray array, input *in, int *buffer_free_for_use) {
    in->data = NULL;
    in->len = 0;
    in->owned = 0;
    if (array == NULL) {
        return 1;
    }
    jsize len = (*env)->GetArrayLength(env, array);
    in->len = (size_t)len;
    if (in->len <= sizeof in->small) {
        in->data = in->small;
    } else if (in->len <= KEPT_MAX && *buffer_free_for_use && (in->data = thread_buffer_get(in->len)) != NULL) {
        *buffer_free_for_use = 0;
    } else {
        in->data = malloc(in->len);
        in->owned = 1;
    }
    if (in->data == NULL) {
        throw_text(env, "out of native memory for the call's input");
        return 0;
    }
    if (len > 0) {
        (*env)->GetByteArrayRegion(env, array, 0, len, (jbyte *)in->data);
    }
    return 1;
}

static void input_release(input *in) {
    if (in->owned) {
        free(in->data);
    }
}

static lane_library *library(JNIEnv *env, jlong handle) {
    lane_library *lib = (lane_library *)(intptr_t)handle;
    if (lib == NULL) {
        throw_text(env, "lane library not opened");
    }
    return lib;
}

JNIEXPORT jlong JNICALL Java_dev_crossbench_lane_jni_NativeBridge_open(JNIEnv *env, jclass cls, jbyteArray path_bytes) {
    (void)cls;
    input path_in;
    int buffer = 1;
    if (!input_get(env, path_bytes, &path_in, &buffer)) {
        return 0;
    }
    char path[PATH_MAX];
    if (path_in.len >= sizeof path) {
        input_release(&path_in);
        throw_text(env, "lane library path too long");
        return 0;
    }
    memcpy(path, path_in.data, path_in.len);
    path[path_in.len] = '\0';
    input_release(&path_in);

    /* Before a runtime loads: Go needs SA_ONSTACK on the JVM's handlers. */
    signal_flags_add_onstack();
    /* Never freed once opened: lanes live as long as the JVM. */
    lane_library *lib = calloc(1, sizeof *lib);
    if (lib == NULL) {
        throw_text(env, "out of native memory");
        return 0;
    }
    char err[PATH_MAX + 256];
    if (lane_open(lib, path, err, sizeof err) != 0) {
        free(lib);
        throw_text(env, err);
        return 0;
    }
    return (jlong)(intptr_t)lib;
}

JNIEXPORT void JNICALL Java_dev_crossbench_lane_jni_NativeBridge_start(JNIEnv *env, jclass cls, jlong handle, jbyteArray config) {
    (void)cls;
    lane_library *lib = library(env, handle);
    input config_in;
    int buffer = 1;
    if (lib == NULL || !input_get(env, config, &config_in, &buffer)) {
        return;
    }
    java_sink sink;
    sink_init(&sink, env, 0);
    lib->start(config_in.data, config_in.len, &sink.sink);
    input_release(&config_in);
    sink_finish(&sink);
}

JNIEXPORT jint JNICALL Java_dev_crossbench_lane_jni_NativeBridge_opIndex(JNIEnv *env, jclass cls, jlong handle, jbyteArray name) {
    (void)cls;
    lane_library *lib = library(env, handle);
    input name_in;
    int buffer = 1;
    if (lib == NULL || !input_get(env, name, &name_in, &buffer)) {
        return -1;
    }
    int index = lib->op_index(name_in.data, name_in.len);
    input_release(&name_in);
    return index;
}

JNIEXPORT void JNICALL Java_dev_crossbench_lane_jni_NativeBridge_noop(JNIEnv *env, jclass cls, jlong handle) {
    (void)env;
    (void)cls;
    /* No null check: the hot path of the crossing baseline. Java only hands
     * out handles that open() returned. */
    ((lane_library *)(intptr_t)handle)->noop();
}

JNIEXPORT void JNICALL Java_dev_crossbench_lane_jni_NativeBridge_jniNoop(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
}

JNIEXPORT jbyteArray JNICALL Java_dev_crossbench_lane_jni_NativeBridge_call(
    JNIEnv *env, jclass cls, jlong handle, jint op, jbyteArray a, jbyteArray b, jint n) {
    (void)cls;
    lane_library *lib = (lane_library *)(intptr_t)handle; /* as in noop: no null check */
    input a_in, b_in;
    int buffer = 1;
    if (!input_get(env, a, &a_in, &buffer)) {
        return NULL;
    }
    if (!input_get(env, b, &b_in, &buffer)) {
        input_release(&a_in);
        return NULL;
    }
    java_sink sink;
    sink_init(&sink, env, 1);
    lib->call(op, a_in.data, a_in.len, b_in.data, b_in.len, n, &sink.sink);
    input_release(&a_in);
    input_release(&b_in);
    return sink_finish(&sink);
}
