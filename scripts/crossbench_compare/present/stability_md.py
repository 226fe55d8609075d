"""The report's Stability section: the machine's load, the unstable rows and why,
how many rows reached the precision goal, and every row's spread."""

import math

from ..reading.catalogue import short_name
from ..rows.stability import RULES
from . import fmt

PRECISE = 0.03                           # the precision goal: intervals within ±3% ...
PRECISE_FROM = 1000.0                    # ... for rows of 1 µs or more


def precision(rows):
    timed = [r for r in rows if r.estimate and r.median >= PRECISE_FROM]
    if not timed:
        return ""
    within = sum(r.estimate.half_width <= PRECISE for r in timed)
    return (f"{within} of {len(timed)} rows of 1 µs or more ({100 * within / len(timed):.0f}%) have an "
            f"interval within ±{PRECISE:.0%}.")


def machine_sentence(load_info):
    run = (load_info or {}).get("run") or {}
    if "other_cores" not in run:
        return "Whether other processes used the CPU during the run is not recorded."
    return (f"Other processes used {run['other_cores']:.2f} cores on average during the run "
            f"(steal {run.get('steal_cores', 0):.2f}).")


def _pct(value):
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{100 * value:.1f}%"


def section(rows, run, catalogue):
    env = run.env or {}
    info = run.load_info or {}
    out = ["## Stability", "",
           "Whether these numbers can be trusted, in the spirit of pyperf's warnings. A row is "
           "**unstable** when " + "; or ".join(RULES) + "."]
    out += ["", "### The machine", ""] + _machine(env, info, catalogue)
    unstable = [r for r in rows if r.unstable]
    out += ["", "### Unstable rows", ""]
    if unstable:
        out += [f"- {r.name}: " + "; ".join(r.unstable) for r in unstable]
    else:
        out += ["None."]
    timed = [r for r in rows if r.estimate and r.median >= PRECISE_FROM]
    wide = sorted((r for r in timed if r.estimate.half_width > PRECISE), key=lambda r: -r.estimate.half_width)
    out += ["", "### Precision", "", precision(rows) or "No row of 1 µs or more."]
    if wide:
        out += ["", f"Wider than ±{PRECISE:.0%}: " + ", ".join(f"{r.name} {fmt.half_width(r)}" for r in wide) + "."]
    out += ["", "### Every row", "",
            "CV: standard deviation over mean of all iterations. Fork spread: slowest fork's median "
            "minus the fastest's, over the median. Drift: the median of each fork's first 20% of "
            "iterations over the rest's, minus 1 (positive: the first iterations were slower). Other "
            "load: cores used by other processes while the benchmark ran.", "",
            "| row | n | ± | CV | fork spread | drift | other load |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        st = r.stability
        if st is None:
            continue
        drift = _pct(st.drift) + (" ⚠" if st.drifting else "")
        other = f"{r.other_load:.2f}" if r.other_load is not None else ""
        out.append(f"| {r.name} | {r.estimate.n} | {fmt.half_width(r)} | {_pct(st.cv)} | {_pct(st.fork_spread)} | "
                   f"{drift} | {other} |")
    return out


def _machine(env, info, catalogue):
    lines = []
    load = env.get("load") if isinstance(env.get("load"), dict) else {}
    for when in ("start", "end"):
        avg = load.get(when)
        if isinstance(avg, list) and len(avg) == 3:
            lines.append(f"- Load average at the {when} of the run: {avg[0]} (1 min), {avg[1]} (5 min), "
                         f"{avg[2]} (15 min).")
    cpu = env.get("cpu_frequency") if isinstance(env.get("cpu_frequency"), dict) else {}
    if cpu:
        mhz = cpu.get("mhz") if isinstance(cpu.get("mhz"), list) else []
        clock = ", ".join(f"{m:,.0f}" for m in sorted(set(mhz))) + " MHz" if mhz else "not exposed"
        lines.append(f"- CPU clock at the start (per CPU, /proc/cpuinfo): {clock}; frequency governor: "
                     f"{cpu.get('governor') or 'not exposed by this kernel'}.")
    run = info.get("run") if isinstance(info.get("run"), dict) else {}
    if run:
        lines.append(f"- During the whole run, other processes used {run.get('other_cores', 0):.2f} cores "
                     f"on average and the hypervisor took (steal) {run.get('steal_cores', 0):.2f}, of "
                     f"{env.get('cores', '?')} (from /proc/stat, less this run's own CPU time).")
        busiest = [b for b in info.get("benchmarks", []) if isinstance(b, dict) and "other_cores" in b]
        if busiest:
            top = max(busiest, key=lambda b: b["other_cores"])
            lines.append(f"- Busiest benchmark: {short_name(catalogue, str(top.get('benchmark', '?')))} "
                         f"{_params(top.get('params'))} on {fmt.threads(top.get('threads', 1))}: other "
                         f"processes used {top['other_cores']:.2f} cores while it ran.")
    return lines or ["Nothing about the machine's load was recorded (no env.json load or machine-load.json)."]


def _params(params):
    return " ".join(f"{k}={v}" for k, v in sorted((params or {}).items()))
