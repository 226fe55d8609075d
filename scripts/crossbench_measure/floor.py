"""The C floor of the crossing: target/native/crossing_floor calls every native
lane's noop and echo from C, with no JVM, from the main thread and from a
pthread (as a Java thread is: one the runtime did not create). It learns the
lanes from a file holding exactly what `scripts/crossbench lanes --config`
prints, and prints CSV: lane,variant,payload,thread,round,ns_per_op."""

import csv
import os
import subprocess

from crossbench_compare.reading.native_csv import FLOOR_HARNESS, FLOOR_MAIN_HARNESS

from .native_csv import merge, rows_from_forks
from .process import HarnessError, child_env

NAME = FLOOR_HARNESS
COLUMNS = ["lane", "variant", "payload", "thread", "round", "ns_per_op"]
HARNESS_OF_THREAD = {"pthread": FLOOR_HARNESS, "main": FLOOR_MAIN_HARNESS}


def binary_of(root):
    return os.path.join(root, "target", "native", "crossing_floor")


def command(binary, lanes_file, rounds):
    return [binary, "--lanes", lanes_file, "--rounds", str(rounds)]


def parse_floor(text):
    """crossing_floor's CSV -> {(lane, harness, key): [ns_per_op by round]} (one process)."""
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != COLUMNS:
        raise HarnessError(f"crossing_floor printed header {reader.fieldnames}, not {COLUMNS}")
    values = {}
    for row in reader:
        harness = HARNESS_OF_THREAD.get(row["thread"])
        if harness is None:
            raise HarnessError(f"crossing_floor: unknown thread {row['thread']!r}")
        key = ("crossing", row["variant"], row["payload"])
        values.setdefault((row["lane"], harness, key), []).append(float(row["ns_per_op"]))
    return values


def run_suite(root, raw, settings, lanes_text, say, binary=None):
    """settings' processes of crossing_floor, each with its rounds: native.csv rows of every
    lane, as harness c (from a pthread) and c-main; [] if the floor is not built."""
    binary = binary or binary_of(root)
    if not os.path.exists(binary):
        say(f"C floor: skipped ({binary} is not built)")
        return []
    lanes_file = os.path.join(raw, "lanes.tsv")
    with open(lanes_file, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(lanes_text)
    forks = {}
    for i in range(settings["floor_processes"]):
        say(f"C floor: process {i + 1} of {settings['floor_processes']} ({settings['floor_rounds']} rounds)")
        proc = subprocess.run(command(binary, lanes_file, settings["floor_rounds"]), env=child_env(),
                              capture_output=True)
        out = proc.stdout.decode("utf-8", errors="surrogateescape")
        with open(os.path.join(raw, f"crossing-floor-{i + 1}.csv"), "w", encoding="utf-8",
                  errors="surrogateescape") as f:
            f.write(out)
        if proc.returncode != 0:
            error = proc.stderr.decode("utf-8", errors="surrogateescape").strip()
            raise HarnessError(f"{binary} exited {proc.returncode}: {error}")
        merge(forks, parse_floor(out))
    rows = []
    for lane, harness in sorted({(lane, harness) for lane, harness, _ in forks}):
        rows += rows_from_forks(lane, harness, {k: v for (l, h, k), v in forks.items() if (l, h) == (lane, harness)})
    return rows
