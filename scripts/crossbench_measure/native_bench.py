"""The runtimes' own harnesses on the corpus, into RUN_DIR/native.csv:

    scripts/native-bench [--quick] [--only HARNESS ...] [--lanes FILE] RUN_DIR

The native lanes come from `scripts/crossbench lanes --config` (or FILE, which
holds what it prints): each lane names its runtime's own harness, which is run
(go test -bench on native-go/ops and the web stack's package, pyperf on
native-py/bench.py), then the C
floor of the crossing (target/native/crossing_floor, if built) on every lane.
Each row is one benchmark of one harness: the median of every value of every
process, with the hierarchical bootstrap's 95% interval (processes as the
forks). The raw output of each harness is kept in RUN_DIR/native/.
"""

import argparse
import os
import sys
import time

from crossbench_compare.reading.errors import one_line

from . import floor, go_test, lanes_config, pyperf
from .native_csv import write_csv
from .process import HarnessError, os_error

# A lane's harness, by the name the lane registry gives it: what runs it.
HARNESSES = {go_test.NAME: go_test.run_suite, pyperf.NAME: pyperf.run_suite}

# Default and quick settings. Defaults: about 4 minutes on 2 cores (go ~1.5, pyperf ~2.5) before
# the request benchmarks joined them; not yet timed with them.
# pyperf's own default is 20 processes x 3 values; 6 x 5 takes a third of the time and
# still gives the bootstrap six forks to resample, the level that varies most.
DEFAULT = {"go_processes": 5, "go_count": 3, "go_benchtime": "300ms",
           "py_processes": 6, "py_values": 5, "py_min_time": "0.1",
           "floor_processes": 5, "floor_rounds": 10}
QUICK = {"go_processes": 2, "go_count": 2, "go_benchtime": "30ms",
         "py_processes": 2, "py_values": 2, "py_min_time": "0.01",
         "floor_processes": 2, "floor_rounds": 3}


def say(message):
    print(f"native-bench: {one_line(message)}", flush=True)


def check_harnesses(lanes):
    """HarnessError naming every lane whose harness native-bench does not know."""
    unknown = [f"lane {lane.name} names harness {lane.harness!r}" for lane in lanes if lane.harness not in HARNESSES]
    if unknown:
        raise HarnessError("; ".join(unknown) + f", which native-bench does not run (it knows "
                           f"{', '.join(HARNESSES)}): add its runner to crossbench_measure's HARNESSES")


def choices(lanes):
    """What --only can pick: the lanes' harnesses, and the C floor."""
    return list(dict.fromkeys(lane.harness for lane in lanes)) + [floor.NAME]


def jobs(root, raw, settings, lanes_text, only=None):
    """[(harness, what it times, a function that runs it and returns native.csv rows)] in order."""
    lanes = lanes_config.parse(lanes_text)
    check_harnesses(lanes)
    out = []
    for lane in lanes:
        if not only or lane.harness in only:
            out.append((lane.harness, f"lane {lane.name}",
                        lambda lane=lane: HARNESSES[lane.harness](root, raw, settings, lane.name, say)))
    if not only or floor.NAME in only:
        out.append((floor.NAME, "every lane", lambda: floor.run_suite(root, raw, settings, lanes_text, say)))
    return out


def run(root, run_dir, settings, lanes_text, only=None):
    """Runs every harness (or those named in `only`), writes native.csv; returns the rows.
    A harness that fails is reported and left out; HarnessError if any failed."""
    raw = os.path.join(run_dir, "native")
    os.makedirs(raw, exist_ok=True)
    todo = jobs(root, raw, settings, lanes_text, only)
    rows, failed = [], []
    start = time.monotonic()
    for harness, what, job in todo:
        began = time.monotonic()
        try:
            rows += job()
            say(f"{harness} ({what}): done in {time.monotonic() - began:.0f} s")
        except (HarnessError, OSError, ValueError) as e:
            failed.append(f"{harness} ({what})")
            say(f"{harness} ({what}): FAILED: {e}")
    path = os.path.join(run_dir, "native.csv")
    write_csv(rows, path)
    say(f"{len(rows)} rows in {path} after {time.monotonic() - start:.0f} s")
    if failed:
        raise HarnessError("failed: " + ", ".join(failed))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="native-bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds per harness: rough numbers")
    parser.add_argument("--only", action="append", metavar="HARNESS",
                        help="run only this harness (repeatable): a lane's harness (go-test, pyperf) or c")
    parser.add_argument("--lanes", metavar="FILE",
                        help="the native lanes as `scripts/crossbench lanes --config` prints them (default: run it)")
    parser.add_argument("run_dir", metavar="RUN_DIR")
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        if args.lanes:
            with open(args.lanes, encoding="utf-8", errors="surrogateescape") as f:
                lanes_text = f.read()
        else:
            lanes_text = lanes_config.read(root)
        known = choices(lanes_config.parse(lanes_text))
        wrong = [h for h in args.only or [] if h not in known]
        if wrong:
            parser.error(f"--only {', '.join(wrong)}: choose from {', '.join(known)}")
        os.makedirs(args.run_dir, exist_ok=True)
        run(root, os.path.abspath(args.run_dir), QUICK if args.quick else DEFAULT, lanes_text, args.only)
    except HarnessError as e:
        print(f"native-bench: {one_line(e)}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"native-bench: {one_line(os_error(e))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
