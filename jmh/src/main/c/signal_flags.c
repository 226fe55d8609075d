/*
 * signal_flags.c: SA_ONSTACK for the handlers HotSpot installed (see
 * signal_flags.h for why), through the raw rt_sigaction syscall.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signal_flags.h"

#if !defined(__x86_64__) && !defined(__aarch64__)
#error "signal_flags.c knows the kernel's struct sigaction of x86_64 and aarch64 only"
#endif

/* The kernel's struct sigaction, as rt_sigaction reads and writes it (not
 * glibc's, whose mask is 1024 bits and whose fields are in another order). */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

void signal_flags_add_onstack(void) {
    for (int sig = 1; sig < 65; sig++) {
        struct kernel_sigaction action;
        if (sig == SIGKILL || sig == SIGSTOP ||
            syscall(SYS_rt_sigaction, sig, NULL, &action, sizeof action.mask) != 0) {
            continue;
        }
        if (action.handler == (void *)SIG_DFL || action.handler == (void *)SIG_IGN || (action.flags & SA_ONSTACK)) {
            continue;
        }
        action.flags |= SA_ONSTACK;
        syscall(SYS_rt_sigaction, sig, &action, NULL, sizeof action.mask);
    }
}
