/*
 * memcpy_alias.c: 64 KiB memcpy time by where the destination sits relative
 * to the source. ./memcpy_alias OFF copies from page+16 to page+OFF: OFF
 * 24..40 (1-31 bytes apart modulo 4096) was 16x slower than OFF 16 or 48 with
 * glibc 2.36 on this project's VM. Build line: README.md here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: memcpy_alias OFF (0..4096)\n");
        return 2;
    }
    size_t n = 65536;
    int off = atoi(argv[1]);
    if (off < 0 || off > 4096) {
        fprintf(stderr, "memcpy_alias: OFF must be 0..4096\n");
        return 2;
    }
    char *a = aligned_alloc(4096, n + 8192), *b = aligned_alloc(4096, n + 8192);
    if (a == NULL || b == NULL) {
        fprintf(stderr, "memcpy_alias: out of memory\n");
        return 1;
    }
    memset(a, 1, n + 8192);
    memset(b, 2, n + 8192);
    for (int r = 0; r < 3; r++) {
        double t = now();
        for (int i = 0; i < 20000; i++) {
            memcpy(b + off, a + 16, n);
            __asm__ volatile("" ::"r"(b) : "memory"); /* keeps every copy */
        }
        printf("off %d: %.0f ns\n", off, (now() - t) / 20000);
    }
    return 0;
}
