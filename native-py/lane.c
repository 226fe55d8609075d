/*
 * lane.c: crossbench's Python lane behind the C ABI of crossbench_lane.h.
 *
 * Embeds CPython (the main interpreter; PyO3 modules such as pyca bcrypt refuse
 * sub-interpreters) and forwards each call to crossbench_py.lane, whose op
 * functions are looked up once at start and cached here by index.
 *
 * Threads: every OS thread that calls in gets one PyThreadState of its own, made
 * on its first call and kept (as Jep keeps one per Java thread); each call takes
 * the GIL with it and releases it on the way out. A pthread key destructor frees
 * the thread state when the thread exits.
 *
 * Nothing here lets a Python exception escape or dereferences an unchecked
 * result: every failure becomes one out->fail message.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossbench_lane.h"

#ifndef CB_LIBPYTHON
#error "build with -DCB_LIBPYTHON=\"/abs/path/libpython3.X.so\" (see build.sh)"
#endif

#define CB_LANE_MODULE "crossbench_py.lane"
#define CB_MAX_OPS 64

enum cb_state { CB_NOT_STARTED, CB_STARTED, CB_BROKEN };

/* Written under start_lock before state becomes CB_STARTED (release), read
 * afterwards without a lock by every call (acquire), never changed again. */
static int state = CB_NOT_STARTED;
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static char *started_config;         /* the config that started us, to compare a second cb_start */
static size_t started_config_len;
static char *broken_message;         /* why a start failed past the point of no return */

static PyInterpreterState *interp;
static PyThreadState *start_ts;      /* the interpreter's first thread state: kept for life */
static pthread_key_t ts_key;         /* this OS thread's PyThreadState */
static int ts_key_created;

static int op_count;
static char *op_names[CB_MAX_OPS];
static size_t op_name_lens[CB_MAX_OPS];
static PyObject *op_funcs[CB_MAX_OPS];
static PyObject *noop_func;
static PyObject *describe_func;
/* Ops lane.c answers itself (OPS.md's alloc_start/alloc_stop), by index; -1: none. */
static int alloc_start_op = -1, alloc_stop_op = -1;

/* ---------- delivering failures ---------- */

static void fail_str(cb_sink *out, const char *message) {
    out->fail(out, (char *)message, strlen(message));
}

static void fail_fmt(cb_sink *out, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fail_str(out, buf);
}

/* prefix + ": " + detail in one malloc'd string (NULL if out of memory). */
static char *join_message(const char *prefix, const char *detail, size_t detail_len) {
    size_t prefix_len = strlen(prefix);
    char *msg = malloc(prefix_len + 2 + detail_len + 1);
    if (msg == NULL)
        return NULL;
    memcpy(msg, prefix, prefix_len);
    memcpy(msg + prefix_len, ": ", 2);
    memcpy(msg + prefix_len + 2, detail, detail_len);
    msg[prefix_len + 2 + detail_len] = '\0';
    return msg;
}

/* ---------- Python exceptions to text (GIL held) ---------- */

/* Fetches the pending exception with its traceback attached, normalised. */
static PyObject *fetch_exception(void) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value != NULL && tb != NULL)
        PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value; /* may be NULL if nothing was pending */
}

/* Text of exc as UTF-8 bytes: describe_error when it is available and works
 * (type, message, traceback), else traceback.format_exception, else repr. */
static PyObject *describe_exception(PyObject *exc) {
    PyObject *text = NULL;
    if (exc == NULL)
        return PyBytes_FromString("unknown Python error (no exception set)");
    if (describe_func != NULL) {
        text = PyObject_CallOneArg(describe_func, exc);
    } else {
        /* format_exception(type, value, tb): the form every CPython takes. */
        PyObject *tb = PyException_GetTraceback(exc);
        PyObject *tbmod = PyImport_ImportModule("traceback");
        PyObject *lines = tbmod ? PyObject_CallMethod(tbmod, "format_exception", "OOO", (PyObject *)Py_TYPE(exc), exc,
                                                      tb ? tb : Py_None)
                                : NULL;
        Py_XDECREF(tb);
        PyObject *empty = lines ? PyUnicode_FromString("") : NULL;
        text = empty ? PyUnicode_Join(empty, lines) : NULL;
        Py_XDECREF(empty);
        Py_XDECREF(lines);
        Py_XDECREF(tbmod);
    }
    if (text == NULL || !PyUnicode_Check(text)) {
        Py_XDECREF(text);
        PyErr_Clear();
        text = PyObject_Repr(exc);
    }
    PyObject *bytes = text ? PyUnicode_AsEncodedString(text, "utf-8", "replace") : NULL;
    Py_XDECREF(text);
    PyErr_Clear();
    return bytes;
}

/* Delivers the pending Python exception to out->fail, prefixed; clears it. */
static void fail_with_python_error(cb_sink *out, const char *prefix) {
    PyObject *exc = fetch_exception();
    PyObject *text = describe_exception(exc);
    Py_XDECREF(exc);
    if (text == NULL) {
        PyErr_Clear();
        fail_fmt(out, "%s: Python error that could not be described", prefix);
        return;
    }
    if (prefix == NULL) {
        out->fail(out, PyBytes_AS_STRING(text), (size_t)PyBytes_GET_SIZE(text));
    } else {
        char *msg = join_message(prefix, PyBytes_AS_STRING(text), (size_t)PyBytes_GET_SIZE(text));
        if (msg != NULL)
            fail_str(out, msg);
        else
            fail_str(out, prefix);
        free(msg);
    }
    Py_DECREF(text);
}

/* ---------- alloc_start / alloc_stop: bytes the runtime allocates ---------- */

/* Hooks wrapping the PYMEM_DOMAIN_MEM and PYMEM_DOMAIN_OBJ allocators (as
 * tracemalloc does), counting the bytes requested: malloc size, calloc
 * nelem*elsize, realloc the new size. Cumulative, unlike tracemalloc's
 * current/peak. Installed at alloc_start and removed at alloc_stop, both with
 * the GIL held; every call of these domains holds the GIL, so nothing runs in
 * them while they change. Memory allocated through a hook is freed by the
 * wrapped allocator, hooked or not. RAW (PyMem_RawMalloc) and plain malloc,
 * which Rust and C libraries such as pydantic-core and orjson use for their
 * own buffers, are not seen. */
typedef struct {
    PyMemAllocatorDomain domain;
    PyMemAllocatorEx wrapped; /* the allocator before ours; our ctx points here */
} alloc_hook;

static alloc_hook alloc_hooks[2] = {{PYMEM_DOMAIN_MEM, {0}}, {PYMEM_DOMAIN_OBJ, {0}}};
static int alloc_counting;       /* hooks installed (changed with the GIL held) */
static uint64_t alloc_bytes;     /* changed with the GIL held; atomics all the same, cheaply */

static void count_bytes(size_t n) {
    __atomic_fetch_add(&alloc_bytes, (uint64_t)n, __ATOMIC_RELAXED);
}

static void *hook_malloc(void *ctx, size_t size) {
    PyMemAllocatorEx *w = ctx;
    count_bytes(size);
    return w->malloc(w->ctx, size);
}

static void *hook_calloc(void *ctx, size_t nelem, size_t elsize) {
    PyMemAllocatorEx *w = ctx;
    count_bytes(nelem * elsize); /* the wrapped calloc refuses an overflowing product */
    return w->calloc(w->ctx, nelem, elsize);
}

static void *hook_realloc(void *ctx, void *ptr, size_t new_size) {
    PyMemAllocatorEx *w = ctx;
    count_bytes(new_size);
    return w->realloc(w->ctx, ptr, new_size);
}

static void hook_free(void *ctx, void *ptr) {
    PyMemAllocatorEx *w = ctx;
    w->free(w->ctx, ptr);
}

/* GIL held. Starts (or restarts: the count goes back to 0) counting. */
static void alloc_start(cb_sink *out) {
    __atomic_store_n(&alloc_bytes, 0, __ATOMIC_RELAXED);
    if (!alloc_counting) {
        for (int i = 0; i < 2; i++) {
            PyMem_GetAllocator(alloc_hooks[i].domain, &alloc_hooks[i].wrapped);
            PyMemAllocatorEx hook = {&alloc_hooks[i].wrapped, hook_malloc, hook_calloc, hook_realloc, hook_free};
            PyMem_SetAllocator(alloc_hooks[i].domain, &hook);
        }
        alloc_counting = 1;
    }
    out->ok(out, NULL, 0);
}

/* GIL held. Removes the hooks; the result is the bytes counted since alloc_start. */
static void alloc_stop(cb_sink *out) {
    if (!alloc_counting) {
        fail_str(out, "crossbench-py: alloc_stop without alloc_start");
        return;
    }
    for (int i = 0; i < 2; i++)
        PyMem_SetAllocator(alloc_hooks[i].domain, &alloc_hooks[i].wrapped);
    alloc_counting = 0;
    char text[24];
    int len = snprintf(text, sizeof text, "%llu", (unsigned long long)__atomic_load_n(&alloc_bytes, __ATOMIC_RELAXED));
    out->ok(out, text, (size_t)len);
}

/* ---------- per-thread thread states ---------- */

/* Runs when a thread that called in exits: clear and delete its thread state,
 * which needs the GIL. The starting thread's state is the interpreter's first
 * and stays for the life of the process. */
static void thread_state_destructor(void *value) {
    PyThreadState *ts = value;
    if (ts == NULL || ts == start_ts)
        return;
    PyEval_RestoreThread(ts);
    PyThreadState_Clear(ts);
    PyThreadState_DeleteCurrent(); /* deletes ts and releases the GIL */
}

/* This thread's PyThreadState, made on first use (the GIL need not be held). */
static PyThreadState *thread_state(void) {
    PyThreadState *ts = pthread_getspecific(ts_key);
    if (ts != NULL)
        return ts;
    ts = PyThreadState_New(interp);
    if (ts == NULL)
        return NULL;
    if (pthread_setspecific(ts_key, ts) != 0) {
        PyEval_RestoreThread(ts);
        PyThreadState_Clear(ts);
        PyThreadState_DeleteCurrent();
        return NULL;
    }
    return ts;
}

static int is_started(void) {
    return __atomic_load_n(&state, __ATOMIC_ACQUIRE) == CB_STARTED;
}

/* ---------- cb_start ---------- */

typedef struct {
    char *python; /* venv's bin/python */
    char *path;   /* directory holding crossbench_py */
} start_config;

static void free_config(start_config *cfg) {
    free(cfg->python);
    free(cfg->path);
}

/* Parses key=value lines into cfg; on error writes why into err. */
static int parse_config(const char *text, size_t len, start_config *cfg, char *err, size_t err_len) {
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t line_end = end;
        if (line_end > pos && text[line_end - 1] == '\r')
            line_end--;
        if (line_end > pos && text[pos] != '#') {
            const char *eq = memchr(text + pos, '=', line_end - pos);
            if (eq == NULL) {
                snprintf(err, err_len, "config line without '=': %.*s", (int)(line_end - pos), text + pos);
                return -1;
            }
            size_t key_len = (size_t)(eq - (text + pos));
            size_t val_len = line_end - pos - key_len - 1;
            if (memchr(eq + 1, '\0', val_len) != NULL) {
                snprintf(err, err_len, "config value contains a NUL byte");
                return -1;
            }
            char **slot = NULL;
            if (key_len == 6 && memcmp(text + pos, "python", 6) == 0)
                slot = &cfg->python;
            else if (key_len == 4 && memcmp(text + pos, "path", 4) == 0)
                slot = &cfg->path;
            if (slot == NULL) {
                snprintf(err, err_len, "unknown config key '%.*s' (expected python= and path=)", (int)key_len, text + pos);
                return -1;
            }
            free(*slot);
            *slot = strndup(eq + 1, val_len);
            if (*slot == NULL) {
                snprintf(err, err_len, "out of memory reading config");
                return -1;
            }
        }
        pos = end + 1;
    }
    if (cfg->python == NULL || cfg->python[0] == '\0' || cfg->path == NULL || cfg->path[0] == '\0') {
        snprintf(err, err_len, "config needs python=<venv>/bin/python and path=<dir containing crossbench_py>");
        return -1;
    }
    return 0;
}

/* libpython is mapped already (we link it), but RTLD_LOCAL because the bridge
 * dlopens us so. C extension modules (_json, bcrypt's, pydantic-core's) resolve
 * Py* symbols globally, so promote it to RTLD_GLOBAL before any import. */
static int promote_libpython(char *err, size_t err_len) {
    void *handle = dlopen(CB_LIBPYTHON, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
    if (handle == NULL)
        handle = dlopen(CB_LIBPYTHON, RTLD_NOW | RTLD_GLOBAL);
    if (handle == NULL) {
        snprintf(err, err_len, "cannot load %s with RTLD_GLOBAL: %s", CB_LIBPYTHON, dlerror());
        return -1;
    }
    return 0; /* never dlclose: the interpreter lives as long as the process */
}

/* Py_InitializeFromConfig as the venv's python, without touching the JVM's
 * signal handlers or C stdio. On success the calling thread holds the GIL. */
static int init_interpreter(const char *python, char *err, size_t err_len) {
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.install_signal_handlers = 0; /* the JVM (and libjsig) own signals */
    config.configure_c_stdio = 0;       /* the host owns stdin/stdout/stderr */
    config.parse_argv = 0;
    /* The path calculation finds pyvenv.cfg beside the executable, so sys.prefix
     * is the venv and its site-packages are on sys.path. */
    PyStatus status = PyConfig_SetBytesString(&config, &config.program_name, python);
    if (!PyStatus_Exception(status))
        status = PyConfig_SetBytesString(&config, &config.executable, python);
    if (!PyStatus_Exception(status))
        status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        /* Never Py_ExitStatusException: it would exit the JVM. */
        snprintf(err, err_len, "CPython failed to initialise%s%s: %s",
                 status.func ? " in " : "", status.func ? status.func : "",
                 status.err_msg ? status.err_msg : (PyStatus_IsExit(status) ? "asked to exit" : "unknown error"));
        return -1;
    }
    return 0;
}

/* sys.prefix must differ from sys.base_prefix, or the venv was not picked up
 * and the imports below would fail with a less helpful message. */
static int check_venv(const char *python, char *err, size_t err_len) {
    PyObject *prefix = PySys_GetObject("prefix"); /* borrowed */
    PyObject *base = PySys_GetObject("base_prefix");
    if (prefix == NULL || base == NULL || !PyUnicode_Check(prefix) || !PyUnicode_Check(base)) {
        snprintf(err, err_len, "sys.prefix or sys.base_prefix is missing");
        return -1;
    }
    if (PyUnicode_Compare(prefix, base) == 0) {
        const char *p = PyUnicode_AsUTF8(prefix);
        PyErr_Clear();
        snprintf(err, err_len, "embedded Python did not pick up a venv from python=%s (sys.prefix=%s); "
                 "is there a pyvenv.cfg beside its bin/?", python, p ? p : "?");
        return -1;
    }
    return 0;
}

static int insert_sys_path(const char *path) {
    PyObject *sys_path = PySys_GetObject("path"); /* borrowed */
    if (sys_path == NULL || !PyList_Check(sys_path)) {
        PyErr_SetString(PyExc_RuntimeError, "sys.path is not a list");
        return -1;
    }
    PyObject *entry = PyUnicode_DecodeFSDefault(path);
    if (entry == NULL)
        return -1;
    int rc = PyList_Insert(sys_path, 0, entry);
    Py_DECREF(entry);
    return rc;
}

/* An attribute of module that must be callable (new reference, or NULL with an exception set). */
static PyObject *get_callable(PyObject *module, const char *name) {
    PyObject *f = PyObject_GetAttrString(module, name);
    if (f != NULL && !PyCallable_Check(f)) {
        PyErr_Format(PyExc_TypeError, "%s.%s is not callable", CB_LANE_MODULE, name);
        Py_CLEAR(f);
    }
    return f;
}

/* Caches OP_NAMES and their functions, noop and describe_error. */
static int cache_lane(PyObject *module) {
    PyObject *names = PyObject_GetAttrString(module, "OP_NAMES");
    if (names == NULL)
        return -1;
    if (!PyList_Check(names) || PyList_GET_SIZE(names) > CB_MAX_OPS) {
        PyErr_Format(PyExc_TypeError, "%s.OP_NAMES must be a list of at most %d names", CB_LANE_MODULE, CB_MAX_OPS);
        Py_DECREF(names);
        return -1;
    }
    int count = (int)PyList_GET_SIZE(names);
    for (int i = 0; i < count; i++) {
        Py_ssize_t len;
        const char *name = PyUnicode_Check(PyList_GET_ITEM(names, i))
                               ? PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(names, i), &len) : NULL;
        if (name == NULL) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "%s.OP_NAMES[%d] is not a str", CB_LANE_MODULE, i);
            Py_DECREF(names);
            return -1;
        }
        op_funcs[i] = get_callable(module, name);
        op_names[i] = strndup(name, (size_t)len);
        op_name_lens[i] = (size_t)len;
        if (strcmp(name, "alloc_start") == 0)
            alloc_start_op = i;
        else if (strcmp(name, "alloc_stop") == 0)
            alloc_stop_op = i;
        if (op_funcs[i] == NULL || op_names[i] == NULL) {
            if (!PyErr_Occurred())
                PyErr_NoMemory();
            Py_DECREF(names);
            return -1;
        }
    }
    Py_DECREF(names);
    noop_func = get_callable(module, "noop");
    describe_func = noop_func ? get_callable(module, "describe_error") : NULL;
    if (describe_func == NULL)
        return -1;
    op_count = count;
    return 0;
}

/* With the GIL held: sys.path, import the lane, check where everything came
 * from (lane.check_runtime), cache what calls need. */
static int load_lane(const start_config *cfg) {
    if (insert_sys_path(cfg->path) != 0)
        return -1;
    PyObject *module = PyImport_ImportModule(CB_LANE_MODULE);
    if (module == NULL)
        return -1;
    int rc = cache_lane(module);
    if (rc == 0) {
        PyObject *r = PyObject_CallMethod(module, "check_runtime", "ss", cfg->python, cfg->path);
        rc = r != NULL ? 0 : -1;
        Py_XDECREF(r);
    }
    Py_DECREF(module);
    return rc;
}

/* Marks the lane as unusable (the interpreter cannot be restarted safely) and
 * remembers why, for any later cb_start. */
static void mark_broken(const char *message) {
    broken_message = strdup(message);
    __atomic_store_n(&state, CB_BROKEN, __ATOMIC_RELEASE);
}

static void start_locked(const char *config, size_t config_len, cb_sink *out) {
    char err[2048];
    start_config cfg = {0};
    if (parse_config(config, config_len, &cfg, err, sizeof err) != 0) {
        fail_fmt(out, "crossbench-py: %s", err);
        free_config(&cfg);
        return;
    }
    if (!ts_key_created) {
        if (pthread_key_create(&ts_key, thread_state_destructor) != 0) {
            fail_str(out, "crossbench-py: pthread_key_create failed");
            free_config(&cfg);
            return;
        }
        ts_key_created = 1;
    }
    if (Py_IsInitialized()) {
        fail_str(out, "crossbench-py: CPython is already initialised in this process by someone else");
        free_config(&cfg);
        return;
    }
    if (promote_libpython(err, sizeof err) != 0 || init_interpreter(cfg.python, err, sizeof err) != 0) {
        fail_fmt(out, "crossbench-py: %s", err);
        free_config(&cfg);
        return;
    }
    /* From here the interpreter exists and cannot be restarted: failures are final. */
    if (check_venv(cfg.python, err, sizeof err) != 0) {
        char *msg = join_message("crossbench-py", err, strlen(err));
        mark_broken(msg ? msg : err);
        fail_str(out, msg ? msg : err);
        free(msg);
    } else if (load_lane(&cfg) != 0) {
        char prefix[1200];
        snprintf(prefix, sizeof prefix, "crossbench-py: cannot load %s from %s", CB_LANE_MODULE, cfg.path);
        PyObject *exc = fetch_exception();
        PyObject *text = describe_exception(exc);
        Py_XDECREF(exc);
        char *msg = text ? join_message(prefix, PyBytes_AS_STRING(text), (size_t)PyBytes_GET_SIZE(text)) : NULL;
        Py_XDECREF(text);
        mark_broken(msg ? msg : prefix);
        fail_str(out, msg ? msg : prefix);
        free(msg);
    } else {
        interp = PyInterpreterState_Get();
        start_ts = PyThreadState_Get();
        pthread_setspecific(ts_key, start_ts); /* this thread keeps its first state */
        started_config = malloc(config_len ? config_len : 1);
        if (started_config != NULL)
            memcpy(started_config, config, config_len);
        started_config_len = config_len;
        __atomic_store_n(&state, CB_STARTED, __ATOMIC_RELEASE);
        out->ok(out, NULL, 0);
    }
    free_config(&cfg);
    PyEval_SaveThread(); /* release the GIL for every thread, this one included */
}

void cb_start(void *config, size_t config_len, cb_sink *out) {
    if (config == NULL && config_len != 0) {
        fail_str(out, "crossbench-py: config is NULL");
        return;
    }
    pthread_mutex_lock(&start_lock);
    int now = __atomic_load_n(&state, __ATOMIC_ACQUIRE);
    if (now == CB_STARTED) {
        /* Starting twice is harmless with the same config; another cannot apply. */
        if (config_len == started_config_len && (config_len == 0 || memcmp(config, started_config, config_len) == 0))
            out->ok(out, NULL, 0);
        else
            fail_str(out, "crossbench-py: already started with a different config");
    } else if (now == CB_BROKEN) {
        char *msg = join_message("crossbench-py: an earlier cb_start failed and CPython cannot be restarted in this process",
                                 broken_message ? broken_message : "", broken_message ? strlen(broken_message) : 0);
        fail_str(out, msg ? msg : "crossbench-py: an earlier cb_start failed");
        free(msg);
    } else {
        start_locked(config_len ? config : "", config_len, out);
    }
    pthread_mutex_unlock(&start_lock);
}

/* ---------- cb_op_index, cb_noop, cb_call ---------- */

int cb_op_index(char *name, size_t name_len) {
    if (!is_started() || name == NULL)
        return -1;
    for (int i = 0; i < op_count; i++)
        if (op_name_lens[i] == name_len && memcmp(op_names[i], name, name_len) == 0)
            return i;
    return -1;
}

void cb_noop(void) {
    if (!is_started())
        return;
    PyThreadState *ts = thread_state();
    if (ts == NULL)
        return;
    PyEval_RestoreThread(ts);
    PyObject *r = PyObject_CallNoArgs(noop_func);
    if (r == NULL)
        PyErr_Clear();
    Py_XDECREF(r);
    PyEval_SaveThread();
}

/* With the GIL held: func(a, b, n) -> bytes, delivered while the result is alive.
 * Always through out->ok, never the sink's buffer (ABI 2): ok is a plain C call
 * here, and filling the buffer instead made echo 0 B on 2 threads 15% slower
 * (JMH A/B, 4 pairs, B/A 1.149 [1.100..1.182]) and changed nothing on 1. */
static void call_op(int op, void *a, size_t a_len, void *b, size_t b_len, int64_t n, cb_sink *out) {
    PyObject *args[3];
    args[0] = PyBytes_FromStringAndSize(a, (Py_ssize_t)a_len);
    args[1] = args[0] ? PyBytes_FromStringAndSize(b, (Py_ssize_t)b_len) : NULL;
    args[2] = args[1] ? PyLong_FromLongLong((long long)n) : NULL;
    PyObject *result = args[2] ? PyObject_Vectorcall(op_funcs[op], args, 3, NULL) : NULL;
    for (int i = 0; i < 3; i++)
        Py_XDECREF(args[i]);
    if (result == NULL) {
        fail_with_python_error(out, NULL);
    } else if (!PyBytes_Check(result)) {
        fail_fmt(out, "crossbench-py: %s.%s returned %s, not bytes", CB_LANE_MODULE, op_names[op], Py_TYPE(result)->tp_name);
    } else {
        out->ok(out, PyBytes_AS_STRING(result), (size_t)PyBytes_GET_SIZE(result));
    }
    Py_XDECREF(result);
}

void cb_call(int op, void *a, size_t a_len, void *b, size_t b_len, int64_t n, cb_sink *out) {
    if (!is_started()) {
        fail_str(out, "crossbench-py: cb_call before a successful cb_start");
        return;
    }
    if (op < 0 || op >= op_count) {
        fail_fmt(out, "crossbench-py: op index %d is out of range 0..%d", op, op_count - 1);
        return;
    }
    if ((a == NULL && a_len != 0) || (b == NULL && b_len != 0)) {
        fail_str(out, "crossbench-py: NULL argument with a non-zero length");
        return;
    }
    if (a_len > (size_t)PY_SSIZE_T_MAX || b_len > (size_t)PY_SSIZE_T_MAX) {
        fail_str(out, "crossbench-py: argument too large");
        return;
    }
    PyThreadState *ts = thread_state();
    if (ts == NULL) {
        fail_str(out, "crossbench-py: cannot create a Python thread state for this thread");
        return;
    }
    PyEval_RestoreThread(ts);
    if (op == alloc_start_op)
        alloc_start(out);
    else if (op == alloc_stop_op)
        alloc_stop(out);
    else
        call_op(op, a, a_len, b, b_len, n, out);
    PyEval_SaveThread();
}
