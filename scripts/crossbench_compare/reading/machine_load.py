"""machine-load.json: the cores other processes used while each benchmark ran."""

import os

from .files import read_json


def load_key(benchmark, params, threads):
    """How machine-load.json entries meet JMH results: benchmark, all params, threads."""
    return (benchmark, tuple(sorted((str(k), str(v)) for k, v in (params or {}).items())), int(threads))


def read_load(run_dir):
    """machine-load.json: {load_key: cores used by other processes}, and the file itself; empty if absent."""
    path = os.path.join(run_dir, "machine-load.json")
    if not os.path.isfile(path):
        return {}, {}
    info = read_json(path)
    if not isinstance(info, dict):
        return {}, {}
    load = {}
    for b in info.get("benchmarks", []):
        if isinstance(b, dict) and isinstance(b.get("other_cores"), (int, float)):
            load[load_key(b.get("benchmark"), b.get("params"), b.get("threads", 1))] = float(b["other_cores"])
    return load, info
