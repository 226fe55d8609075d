"""The report's charts (PNG, matplotlib), one question each: per op family its
time per op by lane on 1 thread (JSON: its throughput by lane and library, per
variant), the time ratios to Java and of Python to Go, 1 vs 2 threads, the
crossing by way in against its C floor, the claims beside what was measured,
the bytes allocated per op, where a
request's time goes, and, for a run made in rounds, the machine's speed over
it. Requests have their own chart, and stay out of the others' (the report's
Requests section holds their times, scaling and bytes)."""

import os

from .claims import claims_chart
from .crossing_ways import crossing_ways_chart
from .machine_speed import machine_speed_chart
from .memory import memory_chart
from .per_op import shows_throughput, throughput_chart, time_chart
from ...rows.requests import is_request, stacks
from .ratios import ratio_chart
from .request_layers import layers_chart
from .scaling import scaling_chart


def make_charts(rows, claims, out_dir, cores=None, memory_items=(), roles=(), native=()):
    """Writes the charts; returns {name: path relative to the run} of those written (a chart
    with nothing to compare is not made). memory_items: memory Entries from memory.csv, if
    the run has one; roles: the catalogue's library roles, usual first; native: native.csv's
    rows (the C floor), if the run has it."""
    os.makedirs(out_dir, exist_ok=True)
    ops = [r for r in rows if not is_request(r)]
    charts = {}
    for op in dict.fromkeys(r.op for r in ops):
        op_rows = [r for r in ops if r.op == op]
        charts[op] = (lambda p, op=op, op_rows=op_rows: throughput_chart(op_rows, op, p, roles)) \
            if shows_throughput(op_rows) else (lambda p, op=op, op_rows=op_rows: time_chart(op_rows, op, p))
    charts.update({"ratios": lambda p: ratio_chart(ops, p),
                  "scaling": lambda p: scaling_chart(ops, p, cores),
                  "crossing_ways": lambda p: crossing_ways_chart(ops, native, p),
                  "claims": lambda p: claims_chart(claims, p),
                  "memory": lambda p: memory_chart([e for e in memory_items if not is_request(e)], p, roles),
                  "request_layers": lambda p: layers_chart(stacks(rows, roles[0] if roles else ""), p),
                  "machine_speed": lambda p: machine_speed_chart(rows, p)})
    written = {}
    for name, draw in charts.items():
        path = os.path.join(out_dir, f"{name}.png")
        if draw(path):
            written[name] = f"charts/{name}.png"
        elif os.path.exists(path):
            os.remove(path)  # from an earlier report of this run: no longer drawn
    return written
