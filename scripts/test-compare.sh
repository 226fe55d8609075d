#!/usr/bin/env bash
# Tests of the compare step (pytest on scripts/tests), in the same pinned venv
# that scripts/compare uses. Maven runs this during `mvn verify`.
# Extra arguments go to pytest (e.g. -k claims); UPDATE_GOLDEN=1 rewrites goldens.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/crossbench_compare/venv.sh"
compare_venv_ensure "$root" || exit 1
export PYTHONPATH=$root/scripts${PYTHONPATH:+:$PYTHONPATH}
export MPLBACKEND=Agg
cd "$root"
exec "$COMPARE_PYTHON" -m pytest -q -p no:cacheprovider "$root/scripts/tests" "$@"
