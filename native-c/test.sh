#!/usr/bin/env bash
# Runs crossing_floor (built by scripts/build-natives) in --check mode: every
# lane's noop and echo, on the main thread and on a pthread, results checked,
# times never looked at. Then checks that a lane that cannot load is an error
# exit with one line, not a silent pass. Maven runs this in the test phase
# (skipped with -DskipTests); it needs target/native and target/venv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
floor=$root/target/native/crossing_floor
if [ ! -x "$floor" ]; then
  echo "crossing-floor test: no $floor: build with mvn package" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# No JVM here, so no libjsig either, whatever the caller preloads.
if ! env -u LD_PRELOAD "$floor" --home "$root" --check >"$tmp/out" 2>"$tmp/err"; then
  echo "crossing-floor test: --check failed:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
if [ -s "$tmp/out" ]; then
  echo "crossing-floor test: --check wrote to stdout, which must stay empty" >&2
  exit 1
fi

# A home without lane libraries: exit 1, one line naming the lane.
if env -u LD_PRELOAD "$floor" --home "$tmp" --check >"$tmp/out" 2>"$tmp/err"; then
  echo "crossing-floor test: --check passed with no lane libraries under $tmp" >&2
  exit 1
fi
if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q '^crossing_floor: go: cannot open ' "$tmp/err"; then
  echo "crossing-floor test: a missing lane library should be one line naming the go lane, got:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
echo "crossing-floor test: every lane's noop and echo checked on main and a pthread"
