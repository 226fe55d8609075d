#!/usr/bin/env bash
# test-versions.sh: the Python lane on the oldest supported CPython and on the
# newest tested one (3.10 and 3.13). For each: builds the lane with build.sh
# and the same hashed requirements into target/python-V/native and
# target/python-V/venv (the venv is reused while its stamp holds), runs the
# lane's pytest in that venv, then the command line's lanes (which must report
# that CPython and venv) and selfcheck from target/benchmarks.jar, with the JVM
# pointed at that lane. Maven runs it in verify after cli-selfcheck; -DskipTests
# skips it.
#
# Interpreters: the newest V.x under pyenv's versions/ (pyenv root), else
# pythonV on PATH; each must be built with a shared libpython and its headers.
# CROSSBENCH_PYTHON_VERSIONS picks other versions ("3.10 3.11 3.12 3.13");
# set and empty (CROSSBENCH_PYTHON_VERSIONS= mvn verify) it skips this step.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
versions=${CROSSBENCH_PYTHON_VERSIONS-3.10 3.13}

die() {
  echo "crossbench: $*" >&2
  exit 1
}

if [ -z "${versions//[[:space:]]/}" ]; then
  echo "crossbench: Python lane on other CPythons: skipped (CROSSBENCH_PYTHON_VERSIONS is empty)"
  exit 0
fi

jar=$root/target/benchmarks.jar
[ -f "$jar" ] || die "$jar is not built: run mvn package (or mvn verify) first"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")}
libjsig=$java_home/lib/libjsig.so
[ -f "$libjsig" ] || die "no $libjsig: set JAVA_HOME to a HotSpot JDK 17"

pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")

# The interpreter for version $1 (3.10, or exactly 3.10.13), or nothing.
find_python() {
  local want=$1 minor best
  minor=$(echo "$want" | cut -d. -f1,2)
  best=$(ls "$pyenv_root/versions" 2>/dev/null | grep -E "^${want//./\\.}(\.[0-9]+)?\$" | sort -V | tail -n 1 || true)
  if [ -n "$best" ] && [ -x "$pyenv_root/versions/$best/bin/python$minor" ]; then
    echo "$pyenv_root/versions/$best/bin/python$minor"
  elif [ "$want" = "$minor" ] && command -v "python$minor" >/dev/null 2>&1 \
      && "python$minor" -c '' >/dev/null 2>&1; then
    command -v "python$minor"
  fi
}

# Every interpreter first, so a missing one stops the step before any work.
pythons=()
missing=()
for want in $versions; do
  [[ $want =~ ^3\.[0-9]+(\.[0-9]+)?$ ]] \
    || die "CROSSBENCH_PYTHON_VERSIONS has '$want': give CPython versions such as 3.10 or 3.10.13, separated by spaces"
  python=$(find_python "$want")
  if [ -n "$python" ]; then
    pythons+=("$want=$python")
  else
    missing+=("$want")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  die "CPython ${missing[*]} not found (not under $pyenv_root/versions, nor on PATH) to test the Python lane on: install with PYTHON_CONFIGURE_OPTS=--enable-shared pyenv install ${missing[*]}, or skip this test with CROSSBENCH_PYTHON_VERSIONS= (empty)"
fi

for entry in "${pythons[@]}"; do
  want=${entry%%=*}
  python=${entry#*=}
  version=$("$python" -c 'import platform; print(platform.python_version())')
  out=$root/target/python-$want
  library=$out/native/libcrossbench_py.so
  venv=$out/venv

  echo "crossbench: Python lane on CPython $version: building ($python)"
  CROSSBENCH_PYTHON= CROSSBENCH_LANE_PYTHON=$python bash "$root/native-py/build.sh" "$out/native" "$venv"

  echo "crossbench: Python lane on CPython $version: pytest"
  bash "$root/native-py/test.sh" "$venv"

  echo "crossbench: Python lane on CPython $version: selfcheck"
  # Started as scripts/crossbench starts it (libjsig for the JVM alone), pointed at this lane.
  cli=(env LD_PRELOAD="$libjsig${LD_PRELOAD:+:$LD_PRELOAD}" GOMAXPROCS="${GOMAXPROCS:-$(nproc)}"
    "$java" -Dcrossbench.home="$root" -Dcrossbench.lane.python.library="$library"
    -Dcrossbench.lane.python.venv="$venv" -cp "$jar" dev.crossbench.cli.Main)
  lanes=$("${cli[@]}" lanes 2>&1) || die "lanes failed with the lane of CPython $version: $lanes"
  python_line=$(grep -E '^python ' <<<"$lanes" || true)
  [[ $python_line =~ CPython\ ${version//./\\.}( |$) && $python_line == *"prefix=$venv"* ]] \
    || die "lanes reports '${python_line:-no python lane}', expected CPython $version with prefix=$venv"
  echo "crossbench: Python lane on CPython $version: lanes reports CPython $version, prefix=$venv"
  if ! check=$("${cli[@]}" selfcheck 2>&1); then
    echo "$check" >&2
    die "selfcheck failed with the Python lane on CPython $version (above)"
  fi
  echo "crossbench: Python lane on CPython $version: ${check##*$'\n'}"
done
