"""native.csv as scripts/native-bench writes it (compare reads it with
crossbench_compare.reading.native_csv): one row per op, lane and harness, the
median of every value of every process with the hierarchical bootstrap's 95%
interval (processes as the forks)."""

import csv

from crossbench_compare.reading.native_csv import FLOOR_HARNESS, FLOOR_MAIN_HARNESS, NATIVE_COLUMNS
from crossbench_compare.stats.bootstrap import estimate

OP_ORDER = ["json", "bcrypt", "jwt", "request", "crossing"]
VARIANT_ORDER = {"json": ["tree", "bind"], "bcrypt": ["hash", "verify"], "jwt": ["sign", "verify"],
                 "request": ["handler", "framework", "server", "server-caller"], "crossing": ["noop", "echo"]}
PAYLOAD_ORDER = ["", "small", "medium", "large", "json", "login", "items", "login-as-written", "0", "1024", "65536"]
HARNESS_ORDER = ["go-test", "pyperf", FLOOR_HARNESS, FLOOR_MAIN_HARNESS]


def rows_from_forks(lane, harness, forks_by_key):
    """{(op, variant, payload): [values per fork]} -> native.csv rows, each with its median and 95% interval."""
    rows = []
    for (op, variant, payload), forks in forks_by_key.items():
        est = estimate(forks, f"native/{harness}/{lane}/{op}/{variant}/{payload}")
        if est is None:
            continue
        rows.append({"op": op, "variant": variant, "payload": payload, "lane": lane, "harness": harness,
                     "median": est.median, "ci_low": est.ci_low, "ci_high": est.ci_high, "unit": "ns/op"})
    return rows


def merge(into, forks):
    """Adds one process's {key: [values]} to {key: [[values] per process]}."""
    for key, values in forks.items():
        into.setdefault(key, []).append(values)


def _order(value, order):
    return (order.index(value), "") if value in order else (len(order), value)


def sort_rows(rows):
    return sorted(rows, key=lambda r: (_order(r["op"], OP_ORDER), _order(r["variant"], VARIANT_ORDER.get(r["op"], [])),
                                       _order(r["payload"], PAYLOAD_ORDER), r["lane"],
                                       _order(r["harness"], HARNESS_ORDER)))


def _cell(value):
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(NATIVE_COLUMNS)
        for row in sort_rows(rows):
            w.writerow([_cell(row[c]) for c in NATIVE_COLUMNS])
