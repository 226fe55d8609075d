#!/usr/bin/env bash
# Runs crossing_floor (built by scripts/build-natives) in --check mode on every
# native lane that `scripts/crossbench lanes --config` lists: each lane's noop
# and echo, on the main thread and on a pthread, results checked, times never
# looked at. Then checks that what must fail fails with one line: a lane that
# cannot load, a malformed --lanes line, no lanes, no GOMAXPROCS; and builds
# every C tool of scripts/toll with -Werror. Maven runs
# this in the verify phase, after package (the lanes come from
# target/benchmarks.jar); skipped with -DskipTests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
floor=$root/target/native/crossing_floor
if [ ! -x "$floor" ]; then
  echo "crossing-floor test: no $floor: build with mvn package" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "crossing-floor test: $*" >&2
  exit 1
}

"$root/scripts/crossbench" lanes --config >"$tmp/registry" || fail "scripts/crossbench lanes --config failed"
[ -s "$tmp/registry" ] || fail "scripts/crossbench lanes --config listed no native lane"
# A comment and a blank line first: the floor skips both.
{ printf '# from scripts/crossbench lanes --config\n\n'; cat "$tmp/registry"; } >"$tmp/lanes"

# No JVM here, so no libjsig either, whatever the caller preloads; GOMAXPROCS
# as scripts/crossbench sets it.
floor() {
  env -u LD_PRELOAD GOMAXPROCS="${GOMAXPROCS:-$(nproc)}" "$floor" "$@"
}

if ! floor --lanes "$tmp/lanes" --check >"$tmp/out" 2>"$tmp/err"; then
  cat "$tmp/err" >&2
  fail "--check failed (above)"
fi
[ ! -s "$tmp/out" ] || fail "--check wrote to stdout, which must stay empty"

# expect_error NAME PATTERN ARGS...: the floor exits 1 with exactly one line
# on stderr, matching PATTERN (grep -E).
expect_error() {
  local name=$1 pattern=$2
  shift 2
  local rc=0
  "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  if [ "$rc" -ne 1 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -qE -- "$pattern" "$tmp/err"; then
    echo "crossing-floor test: $name: want exit 1 and one line matching $pattern, got exit $rc and:" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
}

# The last lane's library missing, its path holding a control character and a
# byte that is not UTF-8 (dlerror echoes the path): one line naming that lane,
# both bytes escaped, after every earlier lane started.
last=$(tail -n 1 "$tmp/registry" | cut -f 1)
missing=$(printf '%s/no\001such\377/lib.so' "$tmp")
{ sed '$d' "$tmp/registry"; tail -n 1 "$tmp/registry" | LC_ALL=C awk -F '\t' -v OFS='\t' -v lib="$missing" '{ $2 = lib; print }'; } \
  >"$tmp/missing"
expect_error "a missing library" "^crossing_floor: $last: cannot open its library: .*/no\\\\x01such\\\\xff/lib\\.so" \
  floor --lanes "$tmp/missing" --check

# Malformed lines: named by their line number.
printf '# a comment\n\nlane\t/lib.so\tharness\n' >"$tmp/three-fields"
expect_error "three fields" "^crossing_floor: $tmp/three-fields:3: 3 tab-separated fields, not 4" \
  floor --lanes "$tmp/three-fields" --check
printf 'lane\t/lib.so\tharness\tkey=a\\qb\n' >"$tmp/bad-escape"
expect_error "a bad escape" "^crossing_floor: $tmp/bad-escape:1: lane: the start config has a backslash" \
  floor --lanes "$tmp/bad-escape" --check

# No lanes at all, and no lanes file.
printf '# nothing but comments\n\n' >"$tmp/none"
expect_error "no lanes" "^crossing_floor: --lanes $tmp/none lists no lanes" floor --lanes "$tmp/none" --check
expect_error "no lanes file" "^crossing_floor: --lanes $tmp/absent: No such file" floor --lanes "$tmp/absent" --check

# The toll tools (scripts/toll/README.md has their build lines), built as the
# natives are, against the one loader, so none of them rots: lane_loop and
# op_loop run once on null_lane, a lane no registry lists, which the floor
# checks too (it knows no lane of its own).
toll=$root/scripts/toll
cflags=(-std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -I"$root/lane-abi")
gcc "${cflags[@]}" -fPIC -shared -o "$tmp/null_lane.so" "$toll/null_lane.c"
gcc "${cflags[@]}" -fPIC -shared -DNULL_LANE_ABI1 -o "$tmp/null_lane_abi1.so" "$toll/null_lane.c"
gcc "${cflags[@]}" -o "$tmp/lane_loop" "$toll/lane_loop.c" "$root/lane-abi/lane_loader.c" -ldl
gcc "${cflags[@]}" -I"$root/native-c" -o "$tmp/op_loop" "$toll/op_loop.c" "$root/lane-abi/lane_loader.c" \
  "$root/native-c/copy_sink.c" -ldl
gcc "${cflags[@]}" -o "$tmp/memcpy_alias" "$toll/memcpy_alias.c"
"$tmp/lane_loop" "$tmp/null_lane.so" "" echo 16 100 1 buf >/dev/null || fail "lane_loop failed on null_lane"
"$tmp/op_loop" "$tmp/null_lane.so" "" echo - - 10 1 >/dev/null || fail "op_loop failed on null_lane"
printf 'null\t%s\tnone\tkey=a\\\\b\\tc\\n\n' "$tmp/null_lane.so" >"$tmp/null-lanes"
floor --lanes "$tmp/null-lanes" --check 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "--check failed on null_lane"; }

# GOMAXPROCS unset: refused, naming the fix.
expect_error "no GOMAXPROCS" "^crossing_floor: GOMAXPROCS is not set: set it" \
  env -u LD_PRELOAD -u GOMAXPROCS "$floor" --lanes "$tmp/lanes" --check

echo "crossing-floor test: $(grep -cv '^$' "$tmp/registry") lanes and null_lane checked on main and a pthread;" \
  "every refusal is one line; the toll tools build"
