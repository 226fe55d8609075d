# Sourced by scripts/compare and scripts/test-compare.sh: makes (or reuses) the
# venv at target/compare-venv with the pinned scripts/requirements-compare.txt.
# Reused while its stamp holds the requirements' hash, so a second run starts at
# once; rebuilt from scratch when the pins change, so no stale package lingers.

compare_venv_ensure() {
  local root=$1
  local venv=$root/target/compare-venv
  local reqs=$root/scripts/requirements-compare.txt
  local python=${CROSSBENCH_PYTHON:-python3}
  local hash
  hash=$(sha256sum "$reqs" | cut -d' ' -f1)
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.stamp" 2>/dev/null)" = "$hash" ]; then
    COMPARE_PYTHON=$venv/bin/python
    return 0
  fi
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "compare: no $python on PATH: install Python 3.11 (or set CROSSBENCH_PYTHON)" >&2
    return 1
  fi
  echo "compare: installing pinned, hashed packages into $venv (once; takes a minute)" >&2
  rm -rf "$venv"
  mkdir -p "$root/target"
  "$python" -m venv "$venv" >&2 || { echo "compare: $python -m venv failed" >&2; return 1; }
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
      --only-binary=:all: -r "$reqs" >&2; then
    echo "compare: pip install -r $reqs failed" >&2
    return 1
  fi
  echo "$hash" >"$venv/.stamp"
  COMPARE_PYTHON=$venv/bin/python
}
