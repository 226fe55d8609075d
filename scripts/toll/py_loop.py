"""py_loop.py: times the Python lane's json_tree on corpus/large.json in a plain
Python loop, no JVM and no pyperf (results/2026-11-24-073205/findings.md):

    target/venv/bin/python scripts/toll/py_loop.py [PAYLOAD]

3 rounds of 10 calls to warm up, then 7 rounds of 40; prints the median and
min ms per call. Run it under `perf stat -e minor-faults`, with and without
MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=67108864, to see glibc's
heap trimming.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "native-py"))
from crossbench_py import corpus, lane  # noqa: E402

document = corpus.load()[(sys.argv[1] if len(sys.argv) > 1 else "large") + ".json"]


def per_call_ms(calls):
    start = time.perf_counter()
    for _ in range(calls):
        lane.json_tree(document, b"", 0)
    return (time.perf_counter() - start) / calls * 1e3


for _ in range(3):
    per_call_ms(10)
rounds = [per_call_ms(40) for _ in range(7)]
print(f"json_tree: median {statistics.median(rounds):.3f} ms per call (min {min(rounds):.3f})")
