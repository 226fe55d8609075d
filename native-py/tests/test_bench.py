"""bench.py's request benchmarks: their names (the report pairs them with the
JNI figures by name) and that each serves its request (run once, not timed)."""

import bench  # native-py/bench.py

TIERS = ("handler", "framework", "server", "server-caller")


def request_benchmarks() -> dict:
    return dict(bench.request_benchmarks(bench.inputs()["requests"]))


def test_every_tier_times_each_endpoint_and_the_as_written_login():
    names = {f"request/{tier}/{endpoint}" for tier in TIERS for endpoint in ("json", "login", "items", "login-as-written")}
    assert set(request_benchmarks()) == names
    assert names <= {name for name, _ in bench.benchmarks(bench.inputs())}


def test_each_request_benchmark_serves_its_request():
    for name, setup in request_benchmarks().items():
        status, length = setup()().split(b" ")
        assert status == b"200", name
        assert int(length) > 0, name
