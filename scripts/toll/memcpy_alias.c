/*
 * memcpy_alias.c: 64 KiB memcpy time by where the destination sits relative
 * to the source. gcc -O2 -o memcpy_alias memcpy_alias.c; ./memcpy_alias OFF
 * copies from page+16 to page+OFF: OFF 24..40 (1-31 bytes apart modulo 4096)
 * was 16x slower than OFF 16 or 48 with glibc 2.36 on this project's VM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}
int main(int argc,char**argv){
  size_t n=65536; int off=atoi(argv[1]);
  char*a=aligned_alloc(4096,n+8192),*b=aligned_alloc(4096,n+8192);
  memset(a,1,n+8192);memset(b,2,n+8192);
  for(int r=0;r<3;r++){double t=now();for(int i=0;i<20000;i++){memcpy(b+off,a+16,n);__asm__ volatile(""::"r"(b):"memory");}
  printf("off %d: %.0f ns\n",off,(now()-t)/20000);}
}
