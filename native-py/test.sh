#!/usr/bin/env bash
# test.sh VENV_DIR: the Python lane's own tests, in the venv build.sh made.
set -euo pipefail
if [ "$#" -ne 1 ]; then
    echo "usage: $0 VENV_DIR" >&2
    exit 2
fi
VENV_DIR="$(cd "$1" && pwd)"
cd "$(dirname "${BASH_SOURCE[0]}")"
exec "$VENV_DIR/bin/python" -m pytest -q tests
