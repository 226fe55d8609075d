"""Go's own harness, go test -bench, on native-go/ops (BenchmarkJSON, BenchmarkBcrypt,
BenchmarkJWT, BenchmarkCrossing: sub-benchmarks named op/variant[/payload] as the
suite's rows are). The test binary is built once, then run as separate processes
(the forks), each with -count runs of every benchmark (its values: ns/op over
-benchtime each)."""

import os
import re
import shutil
import statistics

from .native_csv import merge, rows_from_forks
from .process import HarnessError, child_env, run, stream

NAME = "go-test"
GO_OPS = {"JSON": "json", "Bcrypt": "bcrypt", "JWT": "jwt", "Crossing": "crossing"}  # Go's names -> op
GO_NAMES = {op: name for name, op in GO_OPS.items()}
GO_BENCH = "^Benchmark(" + "|".join(GO_OPS) + ")$"

_GO_LINE = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+([0-9.eE+-]+) ns/op")


def go_key(name):
    """BenchmarkJSON/tree/small -> (json, tree, small); None for a benchmark the suite does not have."""
    parts = name[len("Benchmark"):].split("/")
    if parts[0] not in GO_OPS or len(parts) not in (2, 3):
        return None
    return GO_OPS[parts[0]], parts[1], parts[2] if len(parts) == 3 else ""


def parse_go_test(text):
    """One go test process's output -> {(op, variant, payload): [ns/op of each -count run]}."""
    values = {}
    for line in text.splitlines():
        match = _GO_LINE.match(line)
        if not match:
            continue
        key = go_key(match.group(1))
        if key is not None:
            values.setdefault(key, []).append(float(match.group(3)))
    return values


def _package(root):
    return os.path.join(root, "native-go", "ops")


def _env():
    env = child_env()
    env.update(GOFLAGS="-mod=readonly", CGO_ENABLED="1")
    return env


def build(root, raw):
    """The test binary of native-go/ops, in raw (the caller removes it: 6.7 MB)."""
    go = shutil.which("go")
    if go is None:
        raise HarnessError("go not found on PATH: install Go >= 1.21")
    binary = os.path.join(raw, "ops.test")
    run([go, "test", "-c", "-o", binary, "."], _package(root), _env(), os.path.join(raw, "go-build.txt"))
    return binary


def run_suite(root, raw, settings, lane, say):
    """Every benchmark, settings' processes x -count: native.csv rows for `lane`."""
    say("go test: building the benchmark binary of native-go/ops")
    binary = build(root, raw)
    forks = {}
    for i in range(settings["go_processes"]):
        say(f"go test: process {i + 1} of {settings['go_processes']} (-count {settings['go_count']}, "
            f"-benchtime {settings['go_benchtime']})")
        cmd = [binary, "-test.run", "^$", "-test.bench", GO_BENCH, "-test.benchmem",
               "-test.count", str(settings["go_count"]), "-test.benchtime", settings["go_benchtime"]]
        # cwd is the package: the benchmarks read ../../corpus, as under go test
        log = os.path.join(raw, f"go-test-{i + 1}.txt")
        merge(forks, parse_go_test(stream(cmd, _package(root), _env(), log, "go")))
    os.remove(binary)
    return rows_from_forks(lane, NAME, forks)


class OneOp:
    """One op at a time, for agreement-recheck: the binary built once, -count COUNT a time."""
    COUNT, BENCHTIME = 5, "300ms"

    def __init__(self, root, raw):
        self.root, self.binary = root, build(root, raw)

    def time(self, op, variant, payload, log):
        """The median ns/op of COUNT runs of one benchmark."""
        parts = [f"^Benchmark{GO_NAMES[op]}$", f"^{variant}$"] + ([f"^{payload}$"] if payload else [])
        cmd = [self.binary, "-test.run", "^$", "-test.bench", "/".join(parts), "-test.count", str(self.COUNT),
               "-test.benchtime", self.BENCHTIME]
        got = parse_go_test(run(cmd, _package(self.root), _env(), log)).get((op, variant, payload))
        if not got:
            raise HarnessError(f"go test printed no figure for {op}/{variant}/{payload} (output in {log})")
        return statistics.median(got)

    def close(self):
        os.remove(self.binary)  # 6.7 MB of test binary does not belong in a results folder
