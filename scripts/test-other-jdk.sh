#!/usr/bin/env bash
# scripts/crossbench on a JDK other than the supported 17 (CROSSBENCH_OTHER_JDK,
# else the first JDK 22 or later under /usr/lib/jvm): a failing op writes the
# JDK notice and its own error, two lines, and no JVM warnings (the script adds
# --enable-native-access and --sun-misc-unsafe-memory-access where the JDK has
# them). Skipped, in one line, when no such JDK is installed. Maven runs this
# during `mvn verify`, after packaging.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

jdk=${CROSSBENCH_OTHER_JDK:-}
if [ -z "$jdk" ]; then
  for home in /usr/lib/jvm/*/; do
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
    if [ -n "$feature" ] && [ "$feature" -ge 22 ] && [ -f "$home/lib/libjsig.so" ]; then
      jdk=${home%/}
      break
    fi
  done
fi
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
