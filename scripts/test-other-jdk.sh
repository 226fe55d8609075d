#!/usr/bin/env bash
# crossbench on a JDK 22 or later (scripts/newer-jdk: CROSSBENCH_OTHER_JDK, else
# the first under /usr/lib/jvm), the JDKs FFM is final in:
# 1. scripts/crossbench: a failing op writes the JDK notice and its own error, two
#    lines, and no JVM warnings (the script adds --enable-native-access and
#    --sun-misc-unsafe-memory-access where the JDK has them);
# 2. every cross-lane check, with the native lanes reached through FFM;
# 3. with a test classpath as $1 (Maven gives it), the tests of the FFM way in
#    (WaysInTest's FFM cases), which Surefire, on Maven's JDK 17, skips.
# Skipped, in one line, when no such JDK is installed. Maven runs this during
# `mvn verify`, after packaging.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

jdk=$(bash "$root/scripts/newer-jdk")
if [ -z "$jdk" ]; then
  echo "test-other-jdk: skipped: no JDK 22 or later under /usr/lib/jvm (set CROSSBENCH_OTHER_JDK to one)"
  exit 0
fi

err=$(mktemp)
trap 'rm -f "$err"' EXIT
set +e
JAVA_HOME=$jdk "$root/scripts/crossbench" bcrypt-hash --lane go --cost 3 pw >/dev/null 2>"$err"
code=$?
set -e
fail() {
  echo "test-other-jdk: FAIL ($jdk): $*" >&2
  sed 's/^/  stderr: /' "$err" >&2
  exit 1
}
[ "$code" -eq 1 ] || fail "exit $code, expected 1"
[ "$(wc -l <"$err")" -eq 2 ] || fail "expected 2 stderr lines (the notice, the error)"
grep -q '^crossbench: note: this is JDK ' "$err" || fail "no JDK notice"
grep -q '^crossbench: go bcrypt_hash: ' "$err" || fail "no one-line error"
if grep -q '^WARNING' "$err"; then fail "JVM warnings"; fi
echo "test-other-jdk: ok on $jdk: one notice, one error line, no warnings"

JAVA_HOME=$jdk "$root/scripts/crossbench" selfcheck --crossing ffm >"$err" 2>&1 || fail "selfcheck through FFM failed"
echo "test-other-jdk: $(tail -n 1 "$err") through FFM"

if [ $# -ge 1 ]; then
  # As every JVM that loads the lanes starts (scripts/crossbench): signal chaining, GOMAXPROCS, native access.
  set +e
  LD_PRELOAD=$jdk/lib/libjsig.so GOMAXPROCS=${GOMAXPROCS:-$(nproc)} "$jdk/bin/java" --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dcrossbench.home="$root" -cp "$1" org.junit.platform.console.ConsoleLauncher \
    execute --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests --select-class dev.crossbench.lane.WaysInTest >"$err" 2>&1
  code=$?
  set -e
  [ "$code" -eq 0 ] || fail "the FFM tests failed (WaysInTest, exit $code)"
  # Jep's cases are aborted here (Maven's jep-tests execution runs them); FFM's must run.
  if grep -q 'FFM needs JDK\|FFM way in is not built' "$err"; then fail "FFM cases were aborted on JDK 22+"; fi
  grep -q ', FFM ✔' "$err" || fail "no FFM case ran"
  echo "test-other-jdk: WaysInTest on $jdk: $(grep -o '[0-9]* tests successful' "$err"), FFM's among them"
fi
