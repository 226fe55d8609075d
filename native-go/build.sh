#!/usr/bin/env bash
# Builds the Go lane as a c-shared library: build.sh OUT_DIR
# writes OUT_DIR/libcrossbench_go.so (and its cgo header).
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)

# Go >= 1.25: Gin v1.12.0, the web stack of the request benchmarks, needs it
# (go.mod's go line; README and docs/building.md state the same minimum).
# Before 1.21, every call from a thread Go did not create (every JNI call)
# set up and tore down an M, about 1.5 us per crossing.
if ! command -v go >/dev/null 2>&1; then
    echo "crossbench: Go >= 1.25 is required (go not found on PATH): install it from https://go.dev/dl/ or your package manager" >&2
    exit 1
fi
ver=$(go env GOVERSION 2>/dev/null || true)
if ! [[ $ver =~ ^go1\.([0-9]+) ]] || [ "${BASH_REMATCH[1]}" -lt 25 ]; then
    echo "crossbench: Go >= 1.25 is required (found ${ver:-an unknown version}): install it from https://go.dev/dl/ or your package manager" >&2
    exit 1
fi
if ! command -v gcc >/dev/null 2>&1; then
    echo "crossbench: gcc is required to build the Go lane with cgo (gcc not found on PATH): install it with your package manager (e.g. apt-get install gcc)" >&2
    exit 1
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "crossbench: building Go lane with $ver -> $out/libcrossbench_go.so"
cd "$here"
# go.sum is committed: fail rather than silently change the pinned versions.
GOFLAGS=-mod=readonly CGO_ENABLED=1 CC=gcc \
    go build -buildmode=c-shared -trimpath -o "$out/libcrossbench_go.so" ./lane
# Its size and SHA-256, checked before it is loaded (a damaged file is one line, not a crash).
bash "$here/../scripts/record-library" "$out/libcrossbench_go.so"
