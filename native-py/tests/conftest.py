"""The C probe (tests/lane_probe.c): libcrossbench_py.so called through the C ABI
from a plain C program, as the JNI bridge calls it (a Python process cannot
embed a second interpreter). Used by test_alloc.py and test_glue_http.py."""

import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
NATIVE_PY = HERE.parent


def _library() -> pathlib.Path:
    # build.sh OUT VENV: scripts/build-natives and test-versions.sh put OUT beside VENV as native/.
    path = pathlib.Path(os.environ.get("CROSSBENCH_PY_LIBRARY") or pathlib.Path(sys.prefix).parent / "native" / "libcrossbench_py.so")
    if not path.is_file():
        pytest.fail(f"no {path}: build the lane with native-py/build.sh OUT VENV (OUT beside VENV, named native) "
                    "or set CROSSBENCH_PY_LIBRARY to libcrossbench_py.so")
    return path


@pytest.fixture(scope="session")
def probe(tmp_path_factory):
    exe = tmp_path_factory.mktemp("probe") / "lane_probe"
    lane_abi = NATIVE_PY.parent / "lane-abi"
    subprocess.run(["gcc", "-O1", "-Wall", "-Wextra", "-Werror", f"-I{lane_abi}", "-o", str(exe),
                    str(HERE / "lane_probe.c"), str(lane_abi / "lane_loader.c"), "-ldl", "-lpthread"], check=True)
    library = _library()

    def run(*calls: tuple[str, int, str]) -> list[str]:
        args = [str(exe), str(library), os.path.join(sys.prefix, "bin", "python"), str(NATIVE_PY)]
        for op, n, a in calls:
            args += [op, str(n), a]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr  # 1: the lane did not load or start
        return done.stdout.splitlines()

    return run
