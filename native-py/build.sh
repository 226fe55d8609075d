#!/usr/bin/env bash
# build.sh OUT_DIR VENV_DIR
#
# Builds the Python lane: a venv with the pinned requirements (reused while the
# requirements files are unchanged) and OUT_DIR/libcrossbench_py.so, the C glue
# that embeds CPython behind crossbench_lane.h.
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

command -v python3 >/dev/null 2>&1 \
    || die "python3 not found: install Python >= 3.9 (e.g. apt-get install python3 python3-dev python3-venv, or pyenv with --enable-shared)"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
    || die "python3 is $(python3 -c 'import platform; print(platform.python_version())'), need >= 3.9: install a newer Python"
command -v python3-config >/dev/null 2>&1 \
    || die "python3-config not found: install python3-dev (or the -dev package matching your python3)"
[ "$(python3-config --includes | sed 's/.*python\(3\.[0-9]*\).*/\1/')" = "$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')" ] \
    || die "python3-config is for another Python than python3: put the matching python3-config first on PATH"
INCLUDE_DIR="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
[ -f "$INCLUDE_DIR/Python.h" ] \
    || die "Python headers not found (no Python.h in $INCLUDE_DIR): install python3-dev, or build CPython with --enable-shared"
LIBPYTHON="$(python3 -c '
import os, sysconfig
v = sysconfig.get_config_var
if v("Py_ENABLE_SHARED"):
    print(os.path.join(v("LIBDIR"), v("LDLIBRARY")))
')"
[ -n "$LIBPYTHON" ] && [ -f "$LIBPYTHON" ] \
    || die "no shared libpython (Py_ENABLE_SHARED is off): install libpython3-dev, or rebuild CPython with --enable-shared (pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared)"
LIBPYTHON="$(readlink -f "$LIBPYTHON")" # the real file, as the dynamic loader records it
command -v gcc >/dev/null 2>&1 || die "gcc not found: install gcc (apt-get install gcc)"

# --- venv with the pinned requirements ----------------------------------------

STAMP="$VENV_DIR/.crossbench-requirements"
WANT="$(python3 --version 2>&1; cat "$HERE/requirements.txt" "$HERE/requirements-test.txt" | sha256sum)"
if [ -x "$VENV_DIR/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
    echo "crossbench: venv $VENV_DIR is up to date"
else
    if [ ! -x "$VENV_DIR/bin/python" ]; then
        echo "crossbench: creating venv $VENV_DIR"
        python3 -m venv "$VENV_DIR" \
            || die "python3 -m venv failed: install python3-venv (Debian/Ubuntu) and retry"
    fi
    echo "crossbench: installing pinned requirements into $VENV_DIR"
    rm -f "$STAMP"
    "$VENV_DIR/bin/pip" install --disable-pip-version-check -q \
        -r "$HERE/requirements.txt" -r "$HERE/requirements-test.txt"
    printf '%s' "$WANT" >"$STAMP"
fi

# --- the C glue -----------------------------------------------------------------

echo "crossbench: compiling $OUT_DIR/libcrossbench_py.so against $LIBPYTHON"
# shellcheck disable=SC2046 # the python3-config flags are meant to split
gcc -fPIC -shared -O2 -Wall -Wextra -Werror \
    $(python3-config --includes) -I"$HEADER_DIR" \
    -DCB_LIBPYTHON="\"$LIBPYTHON\"" \
    -o "$OUT_DIR/libcrossbench_py.so" "$HERE/lane.c" \
    $(python3-config --embed --ldflags) -Wl,-rpath,"$(dirname "$LIBPYTHON")" -lpthread
echo "crossbench: built $OUT_DIR/libcrossbench_py.so (venv $VENV_DIR, path $HERE)"
