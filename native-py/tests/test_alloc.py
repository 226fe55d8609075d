"""alloc_start / alloc_stop, which lane.c answers itself (PyMem_SetAllocator
hooks), called through libcrossbench_py.so from C (tests/lane_probe.c) as the
JNI bridge calls it: a Python process cannot embed a second interpreter."""

import os
import pathlib
import subprocess
import sys

import pytest

from crossbench_py import corpus

HERE = pathlib.Path(__file__).resolve().parent
NATIVE_PY = HERE.parent
MIB = 1 << 20


def _library() -> pathlib.Path:
    # build.sh OUT VENV: scripts/build-natives and test-versions.sh put OUT beside VENV as native/.
    path = pathlib.Path(os.environ.get("CROSSBENCH_PY_LIBRARY") or pathlib.Path(sys.prefix).parent / "native" / "libcrossbench_py.so")
    if not path.is_file():
        pytest.fail(f"no {path}: build the lane with native-py/build.sh OUT VENV (OUT beside VENV, named native) "
                    "or set CROSSBENCH_PY_LIBRARY to libcrossbench_py.so")
    return path


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    exe = tmp_path_factory.mktemp("probe") / "lane_probe"
    lane_abi = NATIVE_PY.parent / "lane-abi"
    subprocess.run(["gcc", "-O1", "-Wall", "-Wextra", "-Werror", f"-I{lane_abi}", "-o", str(exe),
                    str(HERE / "lane_probe.c"), str(lane_abi / "lane_loader.c"), "-ldl"], check=True)
    library = _library()

    def run(*calls: tuple[str, int, str]) -> list[str]:
        args = [str(exe), str(library), os.path.join(sys.prefix, "bin", "python"), str(NATIVE_PY)]
        for op, n, a in calls:
            args += [op, str(n), a]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr  # 1: the lane did not load or start
        return done.stdout.splitlines()

    return run


def test_a_mebibyte_is_counted(probe):
    # echo copies its argument into a bytes object: 1 MiB and its header.
    start, echo, stop = probe(("alloc_start", 0, "-"), ("echo", 0, f"@{MIB}"), ("alloc_stop", 0, "-"))
    assert start == "ok " and echo == "ok "
    assert stop.startswith("ok ")
    assert MIB <= int(stop[3:]) < 2 * MIB


def test_start_resets_and_stop_needs_start(probe):
    lines = probe(("alloc_stop", 0, "-"), ("alloc_start", 0, "-"), ("echo", 0, f"@{MIB}"),
                  ("alloc_start", 0, "-"), ("alloc_stop", 0, "-"), ("alloc_stop", 0, "-"),
                  ("echo", 0, f"@{MIB}"), ("json_tree", 1, "-"))
    assert lines[0] == "fail crossbench-py: alloc_stop without alloc_start"
    assert int(lines[4][3:]) < 1024  # nothing between the second start and stop
    assert lines[5] == "fail crossbench-py: alloc_stop without alloc_start"
    assert lines[6] == "ok "  # the allocators work after the hooks are gone
    assert lines[7].startswith("fail ")


@pytest.mark.parametrize("library", [0, 1], ids=["usual", "fast"])
def test_json_ops_count_their_objects(probe, library):
    medium = str(corpus.CORPUS_DIR / "medium.json")
    lines = probe(("json_keep", library, medium), ("alloc_start", 0, "-"), ("json_write", 1, "-"), ("alloc_stop", 0, "-"),
                  ("alloc_start", 0, "-"), ("json_bind", library, medium), ("alloc_stop", 0, "-"))
    assert lines[0] == "ok 1"
    written = int(lines[2][3:])
    # The written bytes object is counted (pydantic-core and orjson's own Rust
    # buffers, from plain malloc, are not).
    assert written <= int(lines[3][3:]) < 4 * written
    bind = int(lines[6][3:])
    assert bind > len(corpus.load(["medium.json"])["medium.json"])  # the argument's copy and 17 records
