"""Shared helpers: fixture paths, golden-file comparison, and hand-made rows."""

import os
import shutil

import pytest

from crossbench_compare.reading import formats, lanes
from crossbench_compare.rows.make import complete
from crossbench_compare.rows.row import Row, library_role, params_dict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
GOLDEN = os.path.join(HERE, "golden")
P = "dev.crossbench.bench."
FORMAT_1 = formats.of(None)      # the format of runs without a format number: results/format-1.json
CATALOGUE = FORMAT_1.catalogue


def check_golden(name, text):
    """Compare text with golden/<name>; UPDATE_GOLDEN=1 rewrites it instead."""
    path = os.path.join(GOLDEN, name)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return
    assert os.path.exists(path), f"no golden {path}: run with UPDATE_GOLDEN=1 to make it"
    with open(path, encoding="utf-8") as f:
        want = f.read()
    assert text == want, f"{name} differs from its golden; if the change is right, rerun with UPDATE_GOLDEN=1"


@pytest.fixture(autouse=True)
def no_run_lanes():
    """Each test starts with no run's lanes set (summary.make_rows sets them)."""
    lanes.use(None)


@pytest.fixture
def run_copy(tmp_path):
    """A fresh copy of a fixture run, so outputs never land in the checked-in data."""
    def copy(name):
        dst = tmp_path / os.path.basename(name)
        shutil.copytree(os.path.join(DATA, name), dst)
        return str(dst)
    return copy


def steady(score, forks=3, iterations=10):
    """Raw data of a benchmark that measured exactly `score` every time."""
    return [[float(score)] * iterations for _ in range(forks)]


def row(bench, lane, score, threads=1, params="", payload="", op=None, variant=None,
        error=0.0, payload_bytes=None, forks=None):
    """A summary row built by hand (what make_rows would produce for one JMH entry of a
    format-1 run); without `forks` its raw data is `score` in every iteration of 3 forks."""
    spec = CATALOGUE.describe(P + bench)
    return Row(benchmark=P + bench, op=op or spec.op, variant=variant or spec.variant,
               payload=payload, params=params, lane=lane, threads=threads, score=float(score),
               error=error, forks_raw=forks if forks is not None else steady(score), payload_bytes=payload_bytes,
               spec=spec, role=library_role(spec, params_dict(params), FORMAT_1.param_defaults))


def finish(rows, cores=2):
    return complete(rows, cores, CATALOGUE)
