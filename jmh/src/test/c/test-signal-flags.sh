#!/usr/bin/env bash
# C-level test of signal_flags.c, the SA_ONSTACK patch that bridge.c applies to
# the JVM's signal handlers before Go loads. Builds test_signal_flags.c with it
# as build-natives builds the bridge, then runs it twice: plain, and with
# libjsig preloaded as in every crossbench JVM (the case the patch is for).
# Maven runs this in the test phase (skipped with -DskipTests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
libjsig=$java_home/lib/libjsig.so
if [ ! -f "$libjsig" ]; then
  echo "test-signal-flags: no $libjsig: set JAVA_HOME to a HotSpot JDK 17" >&2
  exit 1
fi
out=$root/target/c-tests
mkdir -p "$out"
gcc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -pthread \
  -I"$root/jmh/src/main/c" \
  -o "$out/test_signal_flags" \
  "$root/jmh/src/test/c/test_signal_flags.c" "$root/jmh/src/main/c/signal_flags.c" -ldl
env -u LD_PRELOAD "$out/test_signal_flags"
LD_PRELOAD=$libjsig "$out/test_signal_flags" --libjsig
