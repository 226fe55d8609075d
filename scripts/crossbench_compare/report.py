"""report.md for a newcomer: how to read it, one table per op, crossing, scaling,
charts, the claims, what is missing, the environment and how to reproduce.
Deterministic: every date in it comes from env.json or the run directory's name."""

import json
import os

from . import fmt
from .charts import scaling_pairs, speedup
from .claims import VERDICT_RULE, all_claims
from .summary import ECHO, KNOWN, LANES, OP_ORDER, PREFIX, REFERENCE_LANE

OPTIONAL = {PREFIX + "JsonFiles.tree"}  # runs only when the user points it at files
THREADS = (1, 2)                         # the suite runs every op at 1 and 2 threads
SCALES, SERIALISES = 1.7, 1.2            # speedup thresholds for the scaling table's words
NOISY = 2.2                              # above this a speedup on 2 threads is noise


def _threads(t):
    return f"{t} thread" + ("s" if t != 1 else "")


def _title(run, env):
    started = str(env.get("started") or "")
    date = started[:10] if len(started) >= 10 else os.path.basename(os.path.normpath(run.path))
    machine = env.get("cpu") or "an unknown machine"
    return f"# crossbench results, {date}, on {machine}"


def _how_to_read(rows):
    no_error = any(fmt.missing(r.error) for r in rows)
    return [
        "## How to read this",
        "",
        "- Every figure is **ns/op: the time of one op on one thread** (JMH's average-time mode). "
        "Lower is better. JSON rows also give **MB/s** (payload bytes / time; 1 MB = 10^6 bytes).",
        "- `± x` is JMH's error: the half-width of the **99.9% confidence interval** over the "
        "measured iterations. Two figures whose intervals overlap are not clearly different."
        + (" A figure with no `±` had too few iterations for JMH to compute one (quick mode): "
           "treat it as rough." if no_error else ""),
        "- **vs Java** is this lane's time divided by the Java lane's time for the same op, input "
        "and thread count: \"3.1x slower\" means the op takes 3.1 times as long as in Java.",
        "- **net of crossing** is the time minus this lane's cost of crossing into its runtime "
        "(from Java through JNI) with the same number of input bytes, at the same thread count. "
        "That cost is the lane's `echo` time, interpolated linearly between the measured sizes "
        "(0, 1,024 and 65,536 bytes, extrapolated beyond). Input bytes are the JSON payload's "
        "size, and 0 for bcrypt and JWT. `echo` also copies the bytes back out, so for ops that "
        "return little this is an **upper bound on the toll**, and the net figure a lower bound "
        "on the work.",
        "- **On 2 threads** each thread runs the op in a loop and the time is still per op per "
        "thread. If the op scales, the time stays flat (twice the throughput); if it serialises, "
        "the time doubles (same throughput). Expect Python's `json` and PyJWT to serialise on "
        "the GIL, while pyca bcrypt releases the GIL and scales.",
        "- This runs on a small shared machine (2 cores): absolute numbers are noisy from run to "
        "run. Compare ratios measured within one run, and compare runs with "
        "`scripts/compare OLD_RUN NEW_RUN`, which tests whether differences are significant.",
    ]


def _op_table(rows, with_mb):
    case = "payload" if any(r.payload for r in rows) else "params"
    head = f"| variant | {case} | lane | ns/op | vs Java | net of crossing, ns/op |"
    rule = "|---|---|---|---:|---|---:|"
    if with_mb:
        head += " MB/s |"
        rule += "---:|"
    lines = [head, rule]
    for r in rows:
        line = (f"| {r.variant} | {r.case} | {fmt.lane_name(r.lane)} | {fmt.score(r.score, r.error)} | "
                f"{fmt.relative(r.ratio_vs_java) if r.lane != 'java' else '(reference)'} | "
                f"{fmt.num(r.net_of_crossing) if r.net_of_crossing is not None else ''} |")
        if with_mb:
            line += f" {fmt.num(r.mb_per_s) if r.mb_per_s is not None else ''} |"
        lines.append(line)
    return lines


def _crossing_table(rows):
    cols = []
    for r in rows:
        label = r.variant if r.variant != "echo" else f"echo {int(r.payload):,} B" if r.payload.isdigit() else "echo"
        if (r.benchmark, r.params, label) not in cols:
            cols.append((r.benchmark, r.params, label))
    lanes = [l for l in LANES + [REFERENCE_LANE] if any(r.lane == l for r in rows)]
    by = {(r.benchmark, r.params, r.lane): r for r in rows}
    lines = ["| lane | " + " | ".join(c[2] for c in cols) + " |", "|---|" + "---:|" * len(cols)]
    for lane in lanes:
        cells = [by.get((c[0], c[1], lane)) for c in cols]
        lines.append(f"| {fmt.lane_name(lane)} | " +
                     " | ".join(fmt.score(c.score, c.error) if c else "" for c in cells) + " |")
    return lines


def _results(rows, charts):
    out = ["## Results per op"]
    ops = [op for op in OP_ORDER if any(r.op == op for r in rows)]
    ops += sorted({r.op for r in rows} - set(ops))
    for op in ops:
        op_rows = [r for r in rows if r.op == op]
        out += ["", f"### {op}"]
        if op == "crossing":
            out += ["", "The toll of getting into each runtime and back, with no work: `noop` enters "
                    "and returns; `echo` carries the bytes in and back out; `jni` (a reference "
                    "line, lane \"bare JNI\") is a JNI call into C that touches no runtime, the "
                    "floor under both native lanes. Java's figures are plain method calls."]
        for t in THREADS + tuple(sorted({r.threads for r in op_rows} - set(THREADS))):
            t_rows = [r for r in op_rows if r.threads == t]
            if not t_rows:
                continue
            out += ["", f"#### {_threads(t)}", ""]
            if op == "crossing":
                out += _crossing_table(t_rows)
            else:
                out += _op_table(t_rows, with_mb=(op == "json"))
        if op in charts:
            out += ["", f"![{op}: time per op by lane]({charts[op]})"]
    return out


def _scaling(rows, charts):
    out = ["## Scaling: 1 vs 2 threads", "",
           "Aggregate throughput = threads x 10^9 / (ns/op), in ops/s over all threads. Speedup = "
           f"throughput on 2 threads / on 1 thread: about 2x means the op scales (here: at least "
           f"{SCALES}x), about 1x means the threads take turns (here: at most {SERIALISES}x), and "
           f"below 1x that they get in each other's way. Over {NOISY}x is noise: two threads cannot "
           "do more than twice the work.", "",
           "| op | variant | case | lane | 1 thread ns/op | 2 threads ns/op | 1 thread ops/s | "
           "2 threads ops/s | speedup |",
           "|---|---|---|---|---:|---:|---:|---:|---|"]
    for one, two in scaling_pairs(rows):
        s = speedup(one, two)
        word = "scales" if s >= SCALES else "serialises" if s <= SERIALISES else "partly scales"
        if s > NOISY:  # 2 threads cannot do more than twice the work: the 1-thread figure was off
            word = "noise (over 2x)"
        out.append(f"| {one.op} | {one.variant} | {one.case} | {fmt.lane_name(one.lane)} | "
                   f"{fmt.num(one.score)} | {fmt.num(two.score)} | {fmt.num(1e9 / one.score)} | "
                   f"{fmt.num(two.threads * 1e9 / two.score)} | {s:.2f}x: {word} |")
    if len(out) == 5:
        out = out[:1] + ["", "No op was measured on both 1 and 2 threads."]
    if "scaling" in charts:
        out += ["", f"![Scaling: 1 vs 2 threads]({charts['scaling']})"]
    return out


def _claims(rows):
    out = ["## Claims", "",
           "Each claim is checked against this run's per-op numbers at face value. Verdicts: "
           + VERDICT_RULE]
    for c in all_claims(rows):
        out += ["", f"### {c.number}. {c.title}", "", f"> {c.quote}", "", f"Verdict: **{c.verdict}**.", ""]
        out += c.lines
        out += ["", f"What this can and cannot say: {c.meaning}"]
    return out


def missing_items(run, rows):
    """Lines describing what this run lacks: unfinished chunks, absent lanes, absent ops."""
    items = []
    for c in run.chunks:
        if c.get("status") != "done":
            msg = f": {c['message']}" if c.get("message") else ""
            items.append(f"Chunk **{c.get('name', '?')}** {c.get('status', 'unknown')}{msg}")
    items += [n[0].upper() + n[1:] for n in run.notes]
    laned = [r for r in rows if r.lane in LANES or (r.lane not in (REFERENCE_LANE, "-"))]
    lanes = LANES + sorted({r.lane for r in laned} - set(LANES))
    have = {}
    for r in laned:
        have.setdefault(r.key, (r, set()))[1].add(r.lane)
    for key, (r, seen) in have.items():
        absent = [fmt.lane_name(l) for l in lanes if l not in seen]
        if absent:
            what = " ".join(p for p in (r.op, r.variant, r.case) if p)
            items.append(f"{what} on {_threads(r.threads)}: no result for {', '.join(absent)}")
    measured = {(r.benchmark, r.threads) for r in rows}
    for bench in KNOWN:
        if bench in OPTIONAL:
            continue
        absent = [t for t in THREADS if (bench, t) not in measured]
        if absent:
            items.append(f"{bench[len(PREFIX):]}: no results on " + " or ".join(_threads(t) for t in absent))
    return items


def _missing(run, rows):
    items = missing_items(run, rows)
    out = ["## Missing", ""]
    if not items:
        return out + ["Nothing: every chunk finished and every op has a result in every lane."]
    return out + ["What this run does not have (the rest of the report uses what finished):", ""] + \
        [f"- {i}" for i in items]


def _gib(n):
    return f"{n / 2**30:.1f} GiB" if isinstance(n, (int, float)) else str(n)


def _flat(value):
    if isinstance(value, dict):
        return ", ".join(f"{k} {_flat(v)}" for k, v in value.items()) or "-"
    return json.dumps(value) if not isinstance(value, str) else value


def _environment(env):
    out = ["## Environment", ""]
    if not env:
        return out + ["No env.json in this run."]
    known = [("cpu", "CPU", str), ("cores", "cores", str), ("memory_bytes", "memory", _gib),
             ("os", "OS", str), ("kernel", "kernel", str), ("jdk", "JDK", _flat),
             ("gomaxprocs", "GOMAXPROCS", str), ("jmh", "JMH settings", _flat),
             ("started", "started", str), ("finished", "finished", str)]
    for key, label, show in known:
        if key in env:
            out.append(f"- {label}: {show(env[key])}")
    git = env.get("git")
    if isinstance(git, dict):
        out.append(f"- git commit: `{_commit(git) or '?'}`" + (" (with uncommitted changes)" if git.get("dirty") else ""))
    sizes = env.get("payload_bytes")
    if isinstance(sizes, dict):
        out.append("- JSON payloads: " + ", ".join(f"{k} {v:,} B" if isinstance(v, int) else f"{k} {v}"
                                                 for k, v in sizes.items()))
    lanes = env.get("lanes")
    if isinstance(lanes, dict):
        out += ["", "| lane | runtime | libraries | settings |", "|---|---|---|---|"]
        for name, lane in lanes.items():
            lane = lane if isinstance(lane, dict) else {}
            out.append(f"| {fmt.lane_name(name)} | {lane.get('runtime', '')} | "
                       f"{_flat(lane.get('libraries', {}))} | {_flat(lane.get('settings', {}))} |")
    rest = {k: v for k, v in env.items() if k not in {k for k, _, _ in known} | {"git", "payload_bytes", "lanes"}}
    if rest:
        out += ["", "Also recorded: " + "; ".join(f"{k}: {_flat(v)}" for k, v in rest.items())]
    return out


def _reproduce():
    return ["## Reproduce", "",
            "```",
            "mvn verify -Pbench                    # every benchmark, every lane, 1 and 2 threads",
            "mvn verify -Pbench -Dbench.quick      # quick mode: fewer, shorter iterations",
            "java -jar target/benchmarks.jar JsonParse -p lane=go   # one benchmark, one lane",
            "scripts/compare results/RUN           # remake summary.csv, report.md, charts/",
            "scripts/compare results/OLD results/NEW   # what changed, and is it significant",
            "```",
            "",
            "`java -jar` needs the same JVM setup as the suite (see README.md: `LD_PRELOAD` of "
            "HotSpot's `libjsig.so` and `GOMAXPROCS`)."]


def _commit(git):
    """The commit id: the last line of what was recorded (stray tool warnings can precede it)."""
    lines = str(git.get("commit") or "").strip().splitlines()
    return lines[-1].strip() if lines else ""


def make_report(run, rows, charts):
    env = run.env or {}
    git = env.get("git") if isinstance(env.get("git"), dict) else {}
    jmh = env.get("jmh") if isinstance(env.get("jmh"), dict) else {}
    head = [_title(run, env), "",
            f"Run `{os.path.basename(os.path.normpath(run.path))}`"
            + (f", commit `{_commit(git)[:12]}`" if _commit(git) else "")
            + (" (dirty)" if git.get("dirty") else "")
            + (f", {env['started']} to {env['finished']}" if env.get("started") and env.get("finished") else "")
            + ". Raw data: `jmh-result.json`; every row below is in `summary.csv`."]
    if jmh.get("quick"):
        head += ["", "**Quick mode**: no forks and 200 ms iterations, so the Java lane is measured before "
                 "its JIT compiler has finished (it can look several times slower than it is) and every "
                 "figure is rough. Good only for checking that everything runs; draw no conclusions "
                 "from it. A full run is `mvn verify -Pbench`."]
    sections = [head, _how_to_read(rows), _results(rows, charts), _scaling(rows, charts),
                _claims(rows), _missing(run, rows), _environment(env), _reproduce()]
    return "\n".join("\n".join(s) for s in sections).replace("\n## ", "\n\n## ") + "\n"
