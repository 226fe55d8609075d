"""alloc_start / alloc_stop, which lane.c answers itself (PyMem_SetAllocator
hooks), called through libcrossbench_py.so from C (tests/lane_probe.c) as the
JNI bridge calls it: a Python process cannot embed a second interpreter."""

import pytest

from crossbench_py import corpus

MIB = 1 << 20


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
