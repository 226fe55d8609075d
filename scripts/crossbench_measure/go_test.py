"""Go's own harness, go test -bench, on the Go lane's packages: native-go/ops
(BenchmarkJSON, BenchmarkBcrypt, BenchmarkJWT, BenchmarkCrossing) and the web
stack's package (BenchmarkRequest), sub-benchmarks named op/variant[/payload] as
the suite's rows are (a request's: request/<tier>/<endpoint>). Each package's
test binary is built once, then run as separate processes (the forks), each with
-count runs of every benchmark (its values: ns/op over -benchtime each)."""

import os
import re
import shutil
import statistics

from .native_csv import merge, rows_from_forks
from .process import HarnessError, child_env, run, stream

NAME = "go-test"
GO_OPS = {"JSON": "json", "Bcrypt": "bcrypt", "JWT": "jwt", "Crossing": "crossing",
          "Request": "request"}  # Go's names -> op
GO_NAMES = {op: name for name, op in GO_OPS.items()}
GO_BENCH = "^Benchmark(" + "|".join(GO_OPS) + ")$"

# The packages under native-go/ whose benchmarks are the suite's ops: the ops themselves, and
# the web stack (Gin on net/http), where the request benchmarks live beside the stack they time.
OPS_PACKAGE = "ops"
WEB_PACKAGE = "web"
PACKAGES = (OPS_PACKAGE, WEB_PACKAGE)
PACKAGE_OF_OP = {"request": WEB_PACKAGE}  # any other op: OPS_PACKAGE

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


def package_dir(root, package):
    return os.path.join(root, "native-go", package)


def present_packages(root, say):
    """The PACKAGES the tree has; a missing one is said, not an error (the web stack came later)."""
    found = []
    for package in PACKAGES:
        if os.path.isdir(package_dir(root, package)):
            found.append(package)
        else:
            say(f"go test: no native-go/{package}: its benchmarks are not run")
    return found


def _env():
    env = child_env()
    env.update(GOFLAGS="-mod=readonly", CGO_ENABLED="1")
    return env


def _log(raw, package, stem, number=None):
    """A log's path: go-test-1.txt for the ops package (the names native/ always had), and
    go-test-web-1.txt for another package."""
    parts = [stem] + ([package] if package != OPS_PACKAGE else []) + ([str(number)] if number else [])
    return os.path.join(raw, "-".join(parts) + ".txt")


def build(root, raw, package=OPS_PACKAGE):
    """The test binary of native-go/<package>, in raw (the caller removes it: several MB)."""
    go = shutil.which("go")
    if go is None:
        raise HarnessError("go not found on PATH: install Go >= 1.21")
    binary = os.path.join(raw, f"{package}.test")
    run([go, "test", "-c", "-o", binary, "."], package_dir(root, package), _env(), _log(raw, package, "go-build"))
    return binary


def run_suite(root, raw, settings, lane, say):
    """Every benchmark of every package, settings' processes x -count: native.csv rows for `lane`."""
    binaries = {}
    for package in present_packages(root, say):
        say(f"go test: building the benchmark binary of native-go/{package}")
        binaries[package] = build(root, raw, package)
    forks = {}
    for i in range(settings["go_processes"]):
        say(f"go test: process {i + 1} of {settings['go_processes']} (-count {settings['go_count']}, "
            f"-benchtime {settings['go_benchtime']})")
        for package, binary in binaries.items():
            cmd = [binary, "-test.run", "^$", "-test.bench", GO_BENCH, "-test.benchmem",
                   "-test.count", str(settings["go_count"]), "-test.benchtime", settings["go_benchtime"]]
            # cwd is the package: the benchmarks read ../../corpus, as under go test
            log = _log(raw, package, "go-test", i + 1)
            merge(forks, parse_go_test(stream(cmd, package_dir(root, package), _env(), log, "go")))
    for binary in binaries.values():
        os.remove(binary)
    return rows_from_forks(lane, NAME, forks)


class OneOp:
    """One op at a time, for agreement-recheck: each package's binary built once, when first
    needed, -count COUNT a time."""
    COUNT, BENCHTIME = 5, "300ms"

    def __init__(self, root, raw):
        self.root, self.raw, self.binaries = root, raw, {}

    def time(self, op, variant, payload, log):
        """The median ns/op of COUNT runs of one benchmark."""
        package = PACKAGE_OF_OP.get(op, OPS_PACKAGE)
        if package not in self.binaries:
            self.binaries[package] = build(self.root, self.raw, package)
        parts = [f"^Benchmark{GO_NAMES[op]}$", f"^{variant}$"] + ([f"^{payload}$"] if payload else [])
        cmd = [self.binaries[package], "-test.run", "^$", "-test.bench", "/".join(parts), "-test.count",
               str(self.COUNT), "-test.benchtime", self.BENCHTIME]
        got = parse_go_test(run(cmd, package_dir(self.root, package), _env(), log)).get((op, variant, payload))
        if not got:
            raise HarnessError(f"go test printed no figure for {op}/{variant}/{payload} (output in {log})")
        return statistics.median(got)

    def close(self):
        for binary in self.binaries.values():
            os.remove(binary)  # test binaries do not belong in a results folder
