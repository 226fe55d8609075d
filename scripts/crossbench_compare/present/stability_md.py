"""The report's Stability section: how the forks ran (interleaved rounds, from
forks.csv and env.json's "rounds", or back to back), the machine's load, the
unstable rows and why, how many rows reached the precision goal, and every row's
spread and forks."""

import math

from ..reading.catalogue import short_name
from ..rows import machine_speed
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


def section(rows, run, catalogue, charts=None):
    env = run.env or {}
    info = run.load_info or {}
    out = ["## Stability", "",
           "Whether these numbers can be trusted, in the spirit of pyperf's warnings. A row is "
           "**unstable** when " + "; or ".join(RULES) + "."]
    out += ["", rounds_paragraph(rows, env)]
    if (charts or {}).get("machine_speed"):
        out += ["", "Each fork's time over its row's figure, by when it ran: a stretch where most forks sit "
                "above 1 is the machine running slow, and every row with a fork in it is wider for it.", "",
                f"![The machine's speed over the run]({charts['machine_speed']})"]
    logged = any(r.fork_log for r in rows)
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
    out += wide_rows_against_machine(rows)
    out += ["", "### Every row", "",
            "CV: standard deviation over mean of all iterations. Fork spread: slowest fork's median "
            "minus the fastest's, over the median. Drift: the median of each fork's first 20% of "
            "iterations over the rest's, minus 1 (positive: the first iterations were slower). Other "
            "load: cores used by other processes while the benchmark ran."
            + (" Forks: how many the row got, and why it got more than the rounds' minimum." if logged else ""), "",
            "| row | n |" + (" forks |" if logged else "") + " ± | CV | fork spread | drift | other load |",
            "|---|---:|" + ("---:|" if logged else "") + "---:|---:|---:|---:|---:|"]
    for r in rows:
        st = r.stability
        if st is None:
            continue
        drift = _pct(st.drift) + (" ⚠" if st.drifting else "")
        other = f"{r.other_load:.2f}" if r.other_load is not None else ""
        forks = f" {forks_cell(r)} |" if logged else ""
        out.append(f"| {r.name} | {r.estimate.n} |{forks} {fmt.half_width(r)} | {_pct(st.cv)} | "
                   f"{_pct(st.fork_spread)} | {drift} | {other} |")
    return out


def wide_rows_against_machine(rows):
    """The rows wider than ±10%, each fork beside the machine's speed when it ran
    (rows/machine_speed.py), and how wide each row is once that is taken out."""
    points = machine_speed.fork_points(rows)
    wide = sorted(((i, r) for i, r in enumerate(rows) if r.estimate and r.estimate.half_width > machine_speed.WIDE),
                  key=lambda ir: -ir[1].estimate.half_width)
    if not points or not wide:
        return []
    out = ["", f"### Rows wider than ±{machine_speed.WIDE:.0%}, and the machine", "",
           f"Each fork's time over its row's figure, at the minute it started, and in brackets the machine's "
           f"speed then: the median of the other rows' forks that started in the same {machine_speed.BIN_MINUTES} "
           f"minutes (the chart above). The last column is the row's interval once each fork is divided by the "
           f"machine's speed: within ±{machine_speed.WIDE:.0%}, the machine's speed over the run accounts for the "
           f"row's width; wider, the spread is the row's own, or the machine's within a "
           f"{machine_speed.BIN_MINUTES}-minute bin.", "",
           "| row | ± | forks: time over figure (machine), at minute | ± net of the machine |",
           "|---|---:|---|---:|"]
    explained = 0
    for index, row in wide:
        against = machine_speed.against_machine(points, index)
        if against is None:
            out.append(f"| {row.name} | {fmt.half_width(row)} | not in forks.csv | |")
            continue
        explained += against.explained
        forks = ", ".join(f"{rel:.2f} ({'?' if speed is None else f'{speed:.2f}'}) at {minutes:.0f}"
                          for minutes, rel, speed in against.forks)
        out.append(f"| {row.name} | {fmt.half_width(row)} | {forks} | ±{100 * against.net_width:.1f}% |")
    out += ["", f"{explained} of {len(wide)} rows wider than ±{machine_speed.WIDE:.0%} are within "
                f"±{machine_speed.WIDE:.0%} net of the machine's speed."]
    return out


def forks_cell(row):
    """'3', or '6 (wide interval)': the row's forks and why it got more than the minimum."""
    n = str(row.estimate.forks) if row.estimate else ""
    return f"{n} ({row.extra_forks_reason})" if row.extra_forks_reason else n


STOPPED = {"every row settled": "every row had settled", "cap": "they reached the cap",
           "budget": "the time budget ran out"}  # env.json's rounds.stopped_by, in words


def rounds_paragraph(rows, env):
    """How the forks ran: in interleaved rounds (forks.csv, env.json's "rounds") or back to back."""
    logged = [r for r in rows if r.stability is not None and r.fork_log]
    if not logged:
        return ("This run has no forks.csv: each benchmark's forks ran back to back, so together they saw the "
                "machine for a minute or so, not across the whole run.")
    rounds = env.get("rounds") if isinstance(env.get("rounds"), dict) else {}
    run = rounds.get("rounds_run") or max(f.round for r in logged for f in r.fork_log)
    if rounds:
        stopped = rounds.get("stopped_by")
        text = (f"The forks ran in {run} interleaved rounds, each running one fork of each benchmark in an order "
                f"drawn from seed {rounds.get('seed', '?')}, so a row's forks saw the machine across the whole "
                f"run, not one minute of it. Every row got the first {rounds.get('minimum', '?')} rounds; a row "
                f"whose interval was wider than ±{PRECISE:.0%} or whose forks disagreed got a fork in each extra "
                f"round, up to the cap of {rounds.get('cap', '?')} rounds, within a budget of "
                f"{rounds.get('budget_minutes', '?')} minutes. "
                + (f"The rounds stopped because {STOPPED.get(stopped, stopped)}." if stopped
                   else "What stopped the rounds is not recorded."))
    else:
        text = (f"The forks ran in {run} interleaved rounds (forks.csv), so a row's forks saw the machine across "
                "the whole run; env.json does not record the rounds' seed, minimum, cap or what stopped them.")
    extra = [r for r in logged if r.extra_forks_reason]
    timed = [r for r in rows if r.stability is not None]
    text += f" {len(extra)} of {len(timed)} rows got extra forks"
    if extra:
        counts = {}
        for r in extra:
            for reason in r.extra_forks_reason.split(", "):
                counts[reason] = counts.get(reason, 0) + 1
        text += (" (" + ", ".join(f"{reason}: {n}" for reason, n in sorted(counts.items(), key=lambda c: (-c[1], c[0])))
                 + "; column forks below)")
    text += "."
    unlisted = len(timed) - len(logged)
    if unlisted:
        text += f" {unlisted} rows are not in forks.csv."
    odd = [r for r in logged if len(r.fork_log) != r.estimate.forks]
    if odd:
        text += (f" For {len(odd)} rows forks.csv lists another number of forks than jmh-result.json holds "
                 f"(first: {odd[0].name}); the column shows jmh-result.json's.")
    return text


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
