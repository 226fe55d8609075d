#!/usr/bin/env bash
# build.sh OUT_DIR VENV_DIR
#
# Builds the Python lane: a venv with the pinned requirements (reused while the
# interpreter and the requirements files are unchanged) and
# OUT_DIR/libcrossbench_py.so, the C glue that embeds CPython behind
# crossbench_lane.h, built against that interpreter's own python-config.
#
# The interpreter, first set wins:
#   CROSSBENCH_PYTHON       Maven's -Dcrossbench.python=PATH (pom.xml passes it to
#                           scripts/build-natives, which runs this), e.g.
#                           mvn package -Dcrossbench.python=$HOME/.pyenv/versions/3.13.0/bin/python3.13
#   CROSSBENCH_LANE_PYTHON  e.g. ~/.pyenv/versions/3.10.13/bin/python3.10 (test-versions.sh sets it)
#   python3 on PATH
# A path or a command; CPython >= 3.10 with a shared libpython and its headers.
# Another interpreter than the venv's makes the venv anew (its stamp names
# sys.version and sys.base_prefix), and the glue is always recompiled.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 OUT_DIR VENV_DIR" >&2
    exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HEADER_DIR="$HERE/../lane-abi"
mkdir -p "$1"
OUT_DIR="$(cd "$1" && pwd)"
VENV_DIR="$(mkdir -p "$(dirname "$2")" && cd "$(dirname "$2")" && pwd)/$(basename "$2")"

die() {
    echo "crossbench: $*" >&2
    exit 1
}

# --- prerequisites: one line each naming what is missing and the fix ---------

# The interpreter (see the header). The pinned libraries (pydantic 2.14,
# pydantic-core 2.50, pytest 9) need CPython >= 3.10.
PY_NAME="${CROSSBENCH_PYTHON:-${CROSSBENCH_LANE_PYTHON:-python3}}"
PY="$(command -v "$PY_NAME" 2>/dev/null)" \
    || die "$PY_NAME not found: install CPython >= 3.10 (e.g. apt-get install python3 python3-dev python3-venv, or pyenv with PYTHON_CONFIGURE_OPTS=--enable-shared), or set -Dcrossbench.python (CROSSBENCH_LANE_PYTHON) to one"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "$PY is $("$PY" -c 'import platform; print(platform.python_version())' 2>/dev/null || echo 'not a working Python'), need CPython >= 3.10 (the pinned pydantic and pytest require it): install a newer Python or set -Dcrossbench.python (CROSSBENCH_LANE_PYTHON) to one"
PY_VERSION="$("$PY" -c 'import platform; print(platform.python_version())')"
PY_MINOR="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
# Its own python-config: beside it (python3-config next to python3, pyenv's
# python3.X-config), else python3.X-config on PATH.
PY_CONFIG=""
for candidate in "$PY-config" "$(dirname "$PY")/python$PY_MINOR-config" "$(command -v "python$PY_MINOR-config" 2>/dev/null || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
        PY_CONFIG="$candidate"
        break
    fi
done
[ -n "$PY_CONFIG" ] \
    || die "no python-config for $PY (looked for $PY-config and python$PY_MINOR-config): install python$PY_MINOR-dev (or the -dev package matching this Python)"
[ "$("$PY_CONFIG" --includes | sed 's/.*python\(3\.[0-9]*\).*/\1/')" = "$PY_MINOR" ] \
    || die "$PY_CONFIG is for another Python than $PY ($PY_MINOR): put the matching python$PY_MINOR-config beside it or first on PATH"
INCLUDE_DIR="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
[ -f "$INCLUDE_DIR/Python.h" ] \
    || die "Python headers not found (no Python.h in $INCLUDE_DIR): install python$PY_MINOR-dev, or build CPython with --enable-shared"
LIBPYTHON="$("$PY" -c '
import os, sysconfig
v = sysconfig.get_config_var
if v("Py_ENABLE_SHARED"):
    print(os.path.join(v("LIBDIR"), v("LDLIBRARY")))
')"
[ -n "$LIBPYTHON" ] && [ -f "$LIBPYTHON" ] \
    || die "no shared libpython for $PY (Py_ENABLE_SHARED is off): install libpython$PY_MINOR-dev, or rebuild CPython with --enable-shared (pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared)"
LIBPYTHON="$(readlink -f "$LIBPYTHON")" # the real file, as the dynamic loader records it
command -v gcc >/dev/null 2>&1 || die "gcc not found: install gcc (apt-get install gcc)"

# --- venv with the pinned requirements ----------------------------------------

# Every requirement carries its sha256 hashes and only wheels are taken: pip
# refuses any file, or any unpinned dependency, that the files do not name.
# The stamp names the interpreter and the requirements; when either changes the
# venv is made anew, so no package of another Python or older pin lingers.
STAMP="$VENV_DIR/.crossbench-requirements"
# Every pin that applies to this Python is installed at its version: a venv
# that lost a package (or had one changed) is made anew, not reused.
venv_complete() {
    "$VENV_DIR/bin/python" - "$HERE/requirements.txt" "$HERE/requirements-test.txt" "$HERE/requirements-jep.txt" 2>/dev/null <<'PY'
import re, sys
from importlib.metadata import distributions
from pip._vendor.packaging.markers import Marker
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
have = {norm(d.metadata["Name"] or ""): d.version for d in distributions()}
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        m = re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)\s*(?:;([^\\]*))?", line)
        if not m or (m.group(3) and not Marker(m.group(3).strip()).evaluate()):
            continue
        if have.get(norm(m.group(1))) != m.group(2):
            print(f"crossbench: {m.group(1)}=={m.group(2)} is not installed in the venv: making it anew", file=sys.__stdout__)
            sys.exit(1)
PY
}
WANT="$("$PY" -c 'import sys; print(sys.version); print(sys.base_prefix)'; cat "$HERE/requirements.txt" "$HERE/requirements-test.txt" "$HERE/requirements-jep.txt" | sha256sum)"
if [ -x "$VENV_DIR/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
    && "$VENV_DIR/bin/python" -c '' 2>/dev/null && venv_complete; then
    echo "crossbench: venv $VENV_DIR is up to date"
else
    if [ -e "$VENV_DIR" ]; then
        [ -f "$VENV_DIR/pyvenv.cfg" ] || [ -z "$(ls -A "$VENV_DIR")" ] \
            || die "$VENV_DIR exists and is not a venv: remove it or choose another VENV_DIR"
        rm -rf "$VENV_DIR"
    fi
    echo "crossbench: creating venv $VENV_DIR with CPython $PY_VERSION ($PY)"
    "$PY" -m venv "$VENV_DIR" \
        || die "$PY -m venv failed: install python$PY_MINOR-venv (Debian/Ubuntu) and retry"
    echo "crossbench: installing the pinned, hashed requirements into $VENV_DIR"
    "$VENV_DIR/bin/python" -m pip install --disable-pip-version-check -q \
        --require-hashes --only-binary :all: \
        -r "$HERE/requirements.txt" -r "$HERE/requirements-test.txt" \
        || die "pip could not install the pinned requirements into $VENV_DIR (see above)"
    # Jep builds from source against the JDK: the pinned setuptools first, then jep without build isolation.
    JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent/bin/javac)")")")}
    export JAVA_HOME
    [ -f "$JAVA_HOME/include/jni.h" ] \
        || die "Jep builds against a JDK, and JAVA_HOME (${JAVA_HOME:-unset}) has no include/jni.h: set JAVA_HOME to a JDK"
    echo "crossbench: building Jep into $VENV_DIR against $JAVA_HOME (about 30 s)"
    "$VENV_DIR/bin/python" -m pip install --disable-pip-version-check -q --require-hashes --only-binary :all: \
        -r <(grep -A1 '^setuptools==' "$HERE/requirements-jep.txt") \
        || die "pip could not install the pinned setuptools for Jep's build into $VENV_DIR (see above)"
    "$VENV_DIR/bin/python" -m pip install --disable-pip-version-check -q --require-hashes --no-build-isolation \
        -r "$HERE/requirements-jep.txt" \
        || die "pip could not build Jep into $VENV_DIR against $JAVA_HOME (see above)"
    printf '%s' "$WANT" >"$STAMP"
fi

# --- the C glue -----------------------------------------------------------------

echo "crossbench: compiling $OUT_DIR/libcrossbench_py.so against $LIBPYTHON"
# shellcheck disable=SC2046 # the python-config flags are meant to split
gcc -fPIC -shared -O2 -Wall -Wextra -Werror \
    $("$PY_CONFIG" --includes) -I"$HEADER_DIR" \
    -DCB_LIBPYTHON="\"$LIBPYTHON\"" \
    -o "$OUT_DIR/libcrossbench_py.so" "$HERE/lane.c" \
    $("$PY_CONFIG" --embed --ldflags) -Wl,-rpath,"$(dirname "$LIBPYTHON")" -lpthread
# Its size and SHA-256, checked before it is loaded (a damaged file is one line, not a crash).
bash "$HERE/../scripts/record-library" "$OUT_DIR/libcrossbench_py.so"
echo "crossbench: built $OUT_DIR/libcrossbench_py.so (venv $VENV_DIR, path $HERE)"
