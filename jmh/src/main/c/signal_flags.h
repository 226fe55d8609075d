/*
 * signal_flags.h: makes the signal handlers already installed safe for Go.
 *
 * Go requires every non-Go signal handler to have SA_ONSTACK (os/signal, "Non-Go
 * programs that call Go code"): goroutine stacks are small, so a handler must
 * run on the alternate stack Go gives each thread it runs on. HotSpot installs
 * its handlers without it; with libjsig, HotSpot's SIGSEGV handler sees a fault
 * inside Go first and chains to Go's on the goroutine stack, and Go aborts the
 * process ("non-Go code set up signal handler without SA_ONSTACK flag").
 * Go fixes foreign handlers itself when it loads, but through sigaction(),
 * which libjsig intercepts once the JVM's handlers are in.
 *
 * Tested from C by jmh/src/test/c/test-signal-flags.sh.
 */
#ifndef CROSSBENCH_SIGNAL_FLAGS_H
#define CROSSBENCH_SIGNAL_FLAGS_H

/*
 * Adds SA_ONSTACK to every installed handler of signals 1..64 that lacks it,
 * and changes nothing else: not the handler, its other flags nor its mask.
 * Signals at SIG_DFL or SIG_IGN are left alone. Call it before a runtime such
 * as Go loads; calling it again is harmless.
 *
 * It reads and writes with the raw rt_sigaction syscall, never sigaction():
 * under libjsig, sigaction() on a signal the JVM handles neither reads nor
 * writes the kernel's handler, it records the new action as the one to chain
 * to. Threads without an alternate stack (plain Java threads) are unaffected:
 * SA_ONSTACK only matters on a thread that set one with sigaltstack.
 *
 * Hidden: libcrossbench_jni.so exports only its JNI functions.
 */
__attribute__((visibility("hidden"))) void signal_flags_add_onstack(void);

#endif
