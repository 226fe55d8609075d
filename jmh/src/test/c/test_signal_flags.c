/*
 * test_signal_flags.c: signal_flags_add_onstack() checked from C, in the manner
 * of Go's cmd/cgo/internal/testcshared and testcarchive signal tests: a C
 * program installs handlers, changes them, reads every signal's action back,
 * and raises a signal on a thread that has an alternate signal stack.
 *
 * Usage: test_signal_flags [--libjsig]
 *   plain:      libjsig must not be loaded.
 *   --libjsig:  run with LD_PRELOAD=$JAVA_HOME/lib/libjsig.so, as every
 *               crossbench JVM is. The program plays the JVM's part
 *               (JVM_begin_signal_setting .. JVM_end_signal_setting around
 *               installing "its" handlers), so that libjsig then intercepts
 *               sigaction() on those signals exactly as it does in a JVM.
 *
 * Prints one line ending in PASS, or one FAIL line per problem and exits 1.
 * test-signal-flags.sh beside this file builds and runs it both ways.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signal_flags.h"

#define LAST_SIGNAL 64 /* SIGRTMAX on Linux: the patch must reach it */
#define STACK_SIZE (64 * 1024)

static const char *mode;
static int failures;

static void vreport(const char *format, va_list args) {
    fprintf(stderr, "test-signal-flags: FAIL (%s): ", mode);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
}

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vreport(format, args);
    va_end(args);
    failures++;
}

/* For what the test cannot go on without. */
static void die(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vreport(format, args);
    va_end(args);
    exit(1);
}

static const char *name(int sig) {
    static char buf[64];
    snprintf(buf, sizeof buf, "signal %d (%s)", sig, strsignal(sig));
    return buf;
}

/* --- The handlers installed: distinct, so a handler moved between signals shows. */

static volatile sig_atomic_t segv_runs;
static volatile uintptr_t segv_sp;        /* an address on the stack it ran on */
static volatile sig_atomic_t segv_on_alt; /* what sigaltstack said while it ran */

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)info;
    (void)context;
    volatile char here = 0;
    stack_t now;
    segv_sp = (uintptr_t)&here;
    segv_on_alt = sigaltstack(NULL, &now) == 0 && (now.ss_flags & SS_ONSTACK);
    segv_runs++;
}

static void on_info(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)info;
    (void)context;
}

static void on_plain(int sig) {
    (void)sig;
}

/* What the test installs, before the patch. HotSpot's own handlers use
 * SA_SIGINFO|SA_RESTART without SA_ONSTACK; CPython sets SIGINT and ignores
 * SIGPIPE; Go's handlers already have SA_ONSTACK. */
typedef struct {
    int sig;
    int by_jvm;      /* installed between JVM_begin/end_signal_setting */
    void (*info_handler)(int, siginfo_t *, void *);
    void (*plain_handler)(int); /* or SIG_DFL / SIG_IGN */
    int flags;
    int masked[3];   /* blocked while it runs; 0 ends the list */
    int gains_onstack; /* what the patch must do: add SA_ONSTACK, or nothing */
} installed;

static const installed actions[] = {
    {SIGSEGV, 1, on_segv, NULL, SA_SIGINFO | SA_RESTART, {SIGUSR2, SIGTERM, 0}, 1},
    {SIGBUS, 1, on_info, NULL, SA_SIGINFO | SA_RESTART, {0}, 1},
    {SIGFPE, 1, on_info, NULL, SA_SIGINFO | SA_RESTART | SA_NODEFER, {SIGQUIT, 0}, 1},
    {SIGUSR2, 1, on_info, NULL, SA_SIGINFO | SA_RESTART, {SIGUSR1, 0}, 1},
    {SIGQUIT, 1, NULL, on_plain, 0, {0}, 1},
    {SIGINT, 0, NULL, on_plain, SA_RESTART, {0}, 1},
    {LAST_SIGNAL, 0, on_info, NULL, SA_SIGINFO, {SIGINT, 0}, 1},
    {SIGURG, 0, on_info, NULL, SA_SIGINFO | SA_RESTART | SA_ONSTACK, {0}, 0},
    {SIGPIPE, 0, NULL, SIG_IGN, SA_RESTART, {SIGHUP, 0}, 0},
    {SIGTERM, 0, NULL, SIG_DFL, SA_RESTART, {SIGINT, 0}, 0},
};
#define ACTIONS (sizeof actions / sizeof actions[0])

static const installed *installed_for(int sig) {
    for (size_t i = 0; i < ACTIONS; i++) {
        if (actions[i].sig == sig) {
            return &actions[i];
        }
    }
    return NULL;
}

static void *handler_of(const installed *a) {
    return a->info_handler != NULL ? (void *)a->info_handler : (void *)a->plain_handler;
}

static void install(const installed *a) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (a->info_handler != NULL) {
        sa.sa_sigaction = a->info_handler;
    } else {
        sa.sa_handler = a->plain_handler;
    }
    sa.sa_flags = a->flags;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; a->masked[i] != 0; i++) {
        sigaddset(&sa.sa_mask, a->masked[i]);
    }
    if (sigaction(a->sig, &sa, NULL) != 0) {
        die("sigaction(%s) to install the test's handler: %s", name(a->sig), strerror(errno));
    }
}

/* --- Reading a signal's action back, two ways. */

/* The kernel's struct sigaction (x86_64, aarch64), written out here apart from
 * signal_flags.c so that a wrong layout there cannot hide itself. */
typedef struct {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
} raw_action;

static raw_action raw_get(int sig) {
    raw_action a;
    if (syscall(SYS_rt_sigaction, sig, NULL, &a, sizeof a.mask) != 0) {
        die("rt_sigaction(%s) to read it back: %s", name(sig), strerror(errno));
    }
    return a;
}

/* glibc's own sigaction: with libjsig preloaded, plain sigaction() is libjsig's,
 * which reports the handler it chains to instead of the kernel's. */
typedef int (*sigaction_fn)(int, const struct sigaction *, struct sigaction *);
static sigaction_fn libc_sigaction;

/* glibc keeps 32 .. SIGRTMIN-1 for itself and refuses them: rt_sigaction only. */
static int libc_reads(int sig) {
    return sig < 32 || sig >= SIGRTMIN;
}

static struct sigaction libc_get(int sig) {
    struct sigaction a;
    memset(&a, 0, sizeof a);
    if (libc_reads(sig) && libc_sigaction(sig, NULL, &a) != 0) {
        die("glibc's sigaction(%s) to read it back: %s", name(sig), strerror(errno));
    }
    return a;
}

static uint64_t bit(int sig) {
    return UINT64_C(1) << (sig - 1);
}

static uint64_t mask_bits(const sigset_t *set) {
    uint64_t bits = 0;
    for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
        if (sigismember(set, sig) == 1) {
            bits |= bit(sig);
        }
    }
    return bits;
}

static int is_handler(void *h) {
    return h != (void *)SIG_DFL && h != (void *)SIG_IGN;
}

/* --- Raising SIGSEGV on a thread with a small stack of its own and, like every
 * thread Go runs on, an alternate signal stack. */

typedef struct {
    int alt_stack;      /* give the thread an alternate signal stack first */
    char *stack, *alt;  /* each STACK_SIZE bytes */
    int runs;           /* how often SIGSEGV's handler ran */
    int on_alt;         /* sigaltstack, in the handler, said SS_ONSTACK */
    const char *where;  /* which stack the handler's locals were on */
} delivery;

static const char ALT_STACK[] = "the alternate stack";
static const char OWN_STACK[] = "the thread's own stack";

static const char *stack_of(uintptr_t sp, const delivery *d) {
    if (sp >= (uintptr_t)d->alt && sp < (uintptr_t)d->alt + STACK_SIZE) {
        return ALT_STACK;
    }
    if (sp >= (uintptr_t)d->stack && sp < (uintptr_t)d->stack + STACK_SIZE) {
        return OWN_STACK;
    }
    return "neither the thread's stack nor its alternate stack";
}

static void *raise_segv(void *arg) {
    delivery *d = arg;
    if (d->alt_stack) {
        stack_t ss = {.ss_sp = d->alt, .ss_size = STACK_SIZE, .ss_flags = 0};
        if (sigaltstack(&ss, NULL) != 0) {
            die("sigaltstack: %s", strerror(errno));
        }
    }
    int before = segv_runs;
    /* Delivered before pthread_kill returns: the signal is for this thread and
     * not blocked. The kernel picks the stack from SA_ONSTACK and the thread's
     * sigaltstack, whatever the signal's origin, so this stands for a fault. */
    int err = pthread_kill(pthread_self(), SIGSEGV);
    if (err != 0) {
        die("pthread_kill: %s", strerror(err));
    }
    d->runs = segv_runs - before;
    d->on_alt = segv_on_alt;
    d->where = stack_of(segv_sp, d);
    if (d->alt_stack) {
        stack_t off = {.ss_flags = SS_DISABLE};
        sigaltstack(&off, NULL);
    }
    return NULL;
}

/* Runs raise_segv on a new thread of STACK_SIZE bytes of stack. */
static delivery deliver(int alt_stack) {
    delivery d = {.alt_stack = alt_stack};
    d.stack = aligned_alloc(4096, STACK_SIZE);
    d.alt = malloc(STACK_SIZE);
    if (d.stack == NULL || d.alt == NULL) {
        die("out of memory for the thread's stacks");
    }
    pthread_attr_t attr;
    pthread_t thread;
    int err = pthread_attr_init(&attr);
    if (err == 0) {
        err = pthread_attr_setstack(&attr, d.stack, STACK_SIZE);
    }
    if (err == 0) {
        err = pthread_create(&thread, &attr, raise_segv, &d);
    }
    if (err == 0) {
        err = pthread_join(thread, NULL);
    }
    if (err != 0) {
        die("starting the thread that raises SIGSEGV: %s", strerror(err));
    }
    pthread_attr_destroy(&attr);
    free(d.stack);
    free(d.alt);
    return d;
}

int main(int argc, char **argv) {
    int want_libjsig = argc > 1 && strcmp(argv[1], "--libjsig") == 0;
    mode = want_libjsig ? "with libjsig, as in the JVM" : "plain";
    setvbuf(stdout, NULL, _IONBF, 0);

    /* libjsig is loaded exactly when it should be: a preload that ld.so could
     * not find is only a warning, and would make the libjsig run a plain one. */
    void (*begin)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "JVM_begin_signal_setting");
    void (*end)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "JVM_end_signal_setting");
    struct sigaction *(*jvm_action)(int) = (struct sigaction * (*)(int)) dlsym(RTLD_DEFAULT, "JVM_get_signal_action");
    if (want_libjsig && (begin == NULL || end == NULL || jvm_action == NULL)) {
        die("libjsig.so is not loaded: run with LD_PRELOAD=$JAVA_HOME/lib/libjsig.so");
    }
    if (!want_libjsig && begin != NULL) {
        die("libjsig.so is loaded in the plain run: unset LD_PRELOAD");
    }
    void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    libc_sigaction = libc != NULL ? (sigaction_fn)dlsym(libc, "sigaction") : NULL;
    if (libc_sigaction == NULL) {
        die("glibc's sigaction not found: %s", dlerror());
    }
    if (SIGRTMAX != LAST_SIGNAL) {
        die("SIGRTMAX is %d, the test expects %d", SIGRTMAX, LAST_SIGNAL);
    }

    /* Install as a JVM would, then as the runtimes loaded after it would. */
    if (want_libjsig) {
        begin();
    }
    for (size_t i = 0; i < ACTIONS; i++) {
        if (actions[i].by_jvm) {
            install(&actions[i]);
        }
    }
    if (want_libjsig) {
        end();
    }
    for (size_t i = 0; i < ACTIONS; i++) {
        if (!actions[i].by_jvm) {
            install(&actions[i]);
        }
    }

    /* The situation the patch exists for: libjsig now answers sigaction() on
     * the JVM's signals itself, so sigaction() cannot add SA_ONSTACK there. */
    if (want_libjsig) {
        struct sigaction seen;
        if (sigaction(SIGSEGV, NULL, &seen) != 0 || seen.sa_sigaction == on_segv || jvm_action(SIGSEGV) == NULL) {
            die("test setup: libjsig does not intercept sigaction(SIGSEGV) after JVM_end_signal_setting; "
                "the libjsig run would not show the JVM's situation");
        }
    }

    /* Without the patch SIGSEGV's handler runs on the thread's own stack even
     * where an alternate stack is set: the test can tell the two apart. (glibc
     * installs its own handler for signal 33 at the first pthread_create, so
     * this comes before the snapshot.) */
    delivery d = deliver(1);
    if (d.runs != 1 || d.on_alt || d.where != OWN_STACK) {
        die("test setup: before the patch SIGSEGV's handler ran %d time(s), on %s (SS_ONSTACK %s); "
            "want once, on the thread's own stack", d.runs, d.where, d.on_alt ? "set" : "clear");
    }

    raw_action raw_before[LAST_SIGNAL + 1];
    struct sigaction libc_before[LAST_SIGNAL + 1];
    struct sigaction chained_before[LAST_SIGNAL + 1];
    for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
        raw_before[sig] = raw_get(sig);
        libc_before[sig] = libc_get(sig);
        struct sigaction *chained = want_libjsig ? jvm_action(sig) : NULL;
        if (chained != NULL) {
            chained_before[sig] = *chained;
        }
    }

    /* The test's handlers are in, as it meant them: else it proves nothing. */
    for (size_t i = 0; i < ACTIONS; i++) {
        const installed *a = &actions[i];
        raw_action r = raw_before[a->sig];
        uint64_t mask = 0;
        for (int j = 0; a->masked[j] != 0; j++) {
            mask |= bit(a->masked[j]);
        }
        if (r.handler != handler_of(a) || (r.flags & (unsigned long)a->flags) != (unsigned long)a->flags ||
            (!(a->flags & SA_ONSTACK) && (r.flags & SA_ONSTACK)) || r.mask != mask) {
            die("test setup: %s is not as installed: handler %p flags 0x%lx mask 0x%llx, "
                "want %p, flags 0x%x (and SA_ONSTACK only if there), mask 0x%llx",
                name(a->sig), r.handler, r.flags, (unsigned long long)r.mask, handler_of(a), a->flags,
                (unsigned long long)mask);
        }
    }

    signal_flags_add_onstack();

    int gained = 0;
    for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
        const installed *a = installed_for(sig);
        raw_action was = raw_before[sig];
        /* What the patch must do: the test's table says, for the signals it
         * set; any other handler (libc's own, if any) gets the same rule. */
        int adds = a != NULL ? a->gains_onstack : is_handler(was.handler) && !(was.flags & SA_ONSTACK);
        unsigned long want_flags = was.flags | (adds ? SA_ONSTACK : 0);
        void *want_handler = a != NULL ? handler_of(a) : was.handler;
        const char *change = adds ? "SA_ONSTACK added and nothing else" : "left as it was";

        raw_action now = raw_get(sig);
        if (now.handler != want_handler) {
            fail("%s, read with rt_sigaction: handler %p, want %p (%s)", name(sig), now.handler, want_handler, change);
        }
        if (now.flags != want_flags) {
            fail("%s, read with rt_sigaction: flags 0x%lx, want 0x%lx (%s)", name(sig), now.flags, want_flags, change);
        }
        if (now.mask != was.mask || now.restorer != was.restorer) {
            fail("%s, read with rt_sigaction: mask 0x%llx restorer %p, want 0x%llx %p (%s)", name(sig),
                 (unsigned long long)now.mask, now.restorer, (unsigned long long)was.mask, was.restorer, change);
        }

        struct sigaction libc_was = libc_before[sig], libc_now = libc_get(sig);
        unsigned long libc_want = (unsigned long)libc_was.sa_flags | (adds ? SA_ONSTACK : 0);
        if (libc_reads(sig) && ((void *)libc_now.sa_handler != (void *)libc_was.sa_handler ||
                                (unsigned long)libc_now.sa_flags != libc_want ||
                                mask_bits(&libc_now.sa_mask) != mask_bits(&libc_was.sa_mask))) {
            fail("%s, read with glibc's sigaction: handler %p flags 0x%x mask 0x%llx, want %p 0x%lx 0x%llx (%s)",
                 name(sig), (void *)libc_now.sa_handler, (unsigned)libc_now.sa_flags,
                 (unsigned long long)mask_bits(&libc_now.sa_mask), (void *)libc_was.sa_handler, libc_want,
                 (unsigned long long)mask_bits(&libc_was.sa_mask), change);
        }

        /* libjsig's record of what to chain to stays as it was: the patch must
         * not go through sigaction(), which would overwrite it. */
        struct sigaction *chained = want_libjsig ? jvm_action(sig) : NULL;
        if (chained != NULL && memcmp(chained, &chained_before[sig], sizeof *chained) != 0) {
            fail("%s: libjsig's chained handler changed (now %p flags 0x%x): the patch went through sigaction()",
                 name(sig), (void *)chained->sa_handler, (unsigned)chained->sa_flags);
        }
        gained += adds;
    }

    /* The property Go needs: on a thread with an alternate stack, the JVM's
     * SIGSEGV handler runs on it. Threads without one keep their own stack. */
    delivery with_alt = deliver(1);
    if (with_alt.runs != 1 || !with_alt.on_alt || with_alt.where != ALT_STACK) {
        fail("after the patch, on a thread with an alternate stack, SIGSEGV's handler ran %d time(s), on %s "
             "(SS_ONSTACK %s); want once, on the alternate stack, as Go needs",
             with_alt.runs, with_alt.where, with_alt.on_alt ? "set" : "clear");
    }
    delivery without_alt = deliver(0);
    if (without_alt.runs != 1 || without_alt.on_alt || without_alt.where != OWN_STACK) {
        fail("after the patch, on a thread without an alternate stack, SIGSEGV's handler ran %d time(s), on %s "
             "(SS_ONSTACK %s); want once, on the thread's own stack",
             without_alt.runs, without_alt.where, without_alt.on_alt ? "set" : "clear");
    }

    /* bridge.c calls it once per lane: a second call changes nothing. */
    raw_action once[LAST_SIGNAL + 1];
    for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
        once[sig] = raw_get(sig);
    }
    signal_flags_add_onstack();
    for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
        raw_action now = raw_get(sig);
        if (memcmp(&now, &once[sig], sizeof now) != 0) {
            fail("%s: a second call changed it (flags 0x%lx -> 0x%lx)", name(sig), once[sig].flags, now.flags);
        }
    }

    if (failures > 0) {
        fprintf(stderr, "test-signal-flags: %d failure(s) (%s)\n", failures, mode);
        return 1;
    }
    printf("test-signal-flags (%s): %d handlers gained SA_ONSTACK, %d signals left as they were, "
           "SIGSEGV's handler ran on the alternate stack: PASS\n",
           mode, gained, LAST_SIGNAL - gained);
    return 0;
}
