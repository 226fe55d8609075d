"""report.md for a newcomer: the answer first, how to read it, the settings, one
table per op, ratios, scaling, the claims, stability, what is missing, the
environment and how to reproduce. Deterministic: every date in it comes from
env.json or the run directory's name, and every interval from a seeded bootstrap."""

import json
import math
import os

from . import agreement, fmt, lanes, memory, scaling, stats
from .load import FINDINGS
from .claims import HOLDS, INCONCLUSIVE, NOT_HOLD, NOT_MEASURABLE, PARTLY, SOURCES, VERDICT_RULE
from .stability import RULES
from .summary import KNOWN, OP_ORDER, PREFIX, REFERENCE_LANE, display_unit

OPTIONAL = {PREFIX + "JsonFiles.tree"}  # runs only when the user points it at files
THREADS = (1, 2)                         # the suite runs every op at 1 and 2 threads
PRECISE = 0.03                           # the precision goal: intervals within ±3% ...
PRECISE_FROM = 1000.0                    # ... for rows of 1 µs or more
def _threads(t):
    return f"{t} thread" + ("s" if t != 1 else "")


def _ops(rows):
    ops = [op for op in OP_ORDER if any(r.op == op for r in rows)]
    return ops + sorted({r.op for r in rows} - set(ops))


def _title(run, env):
    started = str(env.get("started") or "")
    date = started[:10] if len(started) >= 10 else os.path.basename(os.path.normpath(run.path))
    machine = env.get("cpu") or "an unknown machine"
    return f"# crossbench results, {date}, on {machine}"


# --- the answer first ---------------------------------------------------------

def _ratio_range(pairs):
    """'from Python 1.6x faster (1.5–1.7x) [bind large] to 1.2x slower (1.1–1.2x) [tree small]'."""
    if not pairs:
        return "not measured"
    pairs = sorted(pairs, key=lambda p: p[1].value)
    low, high = pairs[0], pairs[-1]
    text = lambda p: f"{fmt.relative(p[1])} [{p[0]}]"  # noqa: E731
    if low is high:
        return text(low)
    return f"{text(low)} to {text(high)}"


def _family_ratios(rows, op, subject, reference):
    ref = {r.key: r for r in rows if r.lane == reference and r.op == op and r.threads == 1}
    out = []
    for r in rows:
        if r.lane == subject and r.key in ref and r.estimate and ref[r.key].estimate:
            out.append((" ".join(x for x in (r.variant, r.case, r.library_tag) if x),
                        stats.row_ratio(r.estimate, ref[r.key].estimate)))
    return out


def _summary(rows, claims, load_info, native):
    # Python vs Go, the question crossbench exists for, then every other lane against Java.
    others = lanes.ordered({r.lane for r in rows} - {lanes.BASELINE, lanes.REFERENCE, "-"})
    pairs = [lanes.HEADLINE] * (set(lanes.HEADLINE) <= set(others)) + [(lane, lanes.BASELINE) for lane in others]
    out = ["## Summary", "",
           "Time per op, Python's over Go's and each lane's over Java's, on 1 thread: the range over "
           "the op's cases, each ratio with its 95% interval (\"same within noise\" where the interval "
           "contains 1).", "",
           "| op | " + " | ".join(f"{lanes.title(a)} vs {lanes.title(b)}" for a, b in pairs) + " |",
           "|---|" + "---|" * len(pairs)]
    for op in _ops(rows):
        if op == "crossing":
            continue
        cells = [_ratio_range(_family_ratios(rows, op, a, b)) for a, b in pairs]
        out.append(f"| {op} | " + " | ".join(cells) + " |")
    counts = {v: sum(c.verdict == v for c in claims) for v in (HOLDS, PARTLY, NOT_HOLD, INCONCLUSIVE, NOT_MEASURABLE)}
    out += ["", f"Claims: {counts[HOLDS]} hold, {counts[PARTLY]} partly hold, {counts[NOT_HOLD]} do not hold, "
            f"{counts[INCONCLUSIVE]} inconclusive, {counts[NOT_MEASURABLE]} not measurable here; "
            "see [Claims](#claims).", "", agreement.summary_line(rows, native)]
    unstable = [r for r in rows if r.unstable]
    out += ["", f"Stability: {len(unstable)} of {len(rows)} rows are marked unstable; {_precision(rows)} "
            f"{_machine_sentence(load_info)} See [Stability](#stability)."]
    return out


def _precision(rows):
    timed = [r for r in rows if r.estimate and r.median >= PRECISE_FROM]
    if not timed:
        return ""
    within = sum(r.estimate.half_width <= PRECISE for r in timed)
    return (f"{within} of {len(timed)} rows of 1 µs or more ({100 * within / len(timed):.0f}%) have an "
            f"interval within ±{PRECISE:.0%}.")


def _machine_sentence(load_info):
    run = (load_info or {}).get("run") or {}
    if "other_cores" not in run:
        return "Whether other processes used the CPU during the run is not recorded."
    return (f"Other processes used {run['other_cores']:.2f} cores on average during the run "
            f"(steal {run.get('steal_cores', 0):.2f}).")


# --- how to read, settings ----------------------------------------------------

def _how_to_read():
    return [
        "## How to read this",
        "",
        "- Every figure is **time per op per thread**, in ns/op (bcrypt in ms/op): JMH measures "
        "throughput, the ops of all threads together, and time per op per thread is threads / "
        "throughput (on 1 thread, simply the time of one op). Lower is better. JSON rows also give "
        "**MB/s** (payload bytes / time; 1 MB = 10^6 bytes).",
        "- The figure is the **median** of every measured iteration of every fork, and the range "
        "after it its **95% confidence interval**, from a hierarchical bootstrap: forks are resampled, "
        "then iterations within them, so a fork that ran differently widens the interval. With 3 "
        "forks the interval spans about the range of the fork medians. `±` is its larger side as a "
        "share of the median. JMH's own score (the mean) and error (99.9%, iterations treated as "
        "independent) are kept beside it.",
        "- **vs Java** is this lane's median over the Java lane's for the same op, input and thread "
        "count, with the ratio's own 95% interval (a two-sample bootstrap of the two medians). "
        "\"3.1x slower\" means the op takes 3.1 times as long as in Java; \"same within noise\" "
        "means the interval contains 1.",
        "- JSON rows name their **library**: each lane's usual one (Jackson, encoding/json, json and "
        "pydantic) and, where the run has the `library` param, a fast one (as env.json's "
        "`json_libraries` names them). **vs Java** then compares within a role: a lane's fast library "
        "against Java's fast library. The claims use the usual libraries.",
        "- **net of crossing** is the time minus this lane's cost of crossing into its runtime "
        "(from Java through JNI) with the same number of input bytes, at the same thread count. "
        "That cost is the lane's `echo` time, interpolated linearly between the measured sizes "
        "(0, 1,024 and 65,536 bytes, extrapolated beyond). Input bytes are the JSON payload's "
        "size, and 0 for bcrypt and JWT. `echo` also copies the bytes back out, so for ops that "
        "return little this is an **upper bound on the toll**, and the net figure a lower bound "
        "on the work.",
        "- **On 2 threads** each thread runs the op in a loop and the time is still per op per "
        "thread, as if the two shared the work evenly. If the op scales, the time stays flat "
        "(twice the throughput); if it serialises, the time doubles (same throughput). Expect "
        "Python's `json` and PyJWT to serialise on the GIL (one thread can hold it for a whole "
        "iteration while the other waits), while pyca bcrypt releases the GIL and scales.",
        "- A row marked **unstable** broke one of the rules in [Stability](#stability); read its "
        "ratios with care. Compare runs with `scripts/compare OLD_RUN NEW_RUN`.",
    ]


def _settings(run):
    env = run.env or {}
    jmh = env.get("jmh") if isinstance(env.get("jmh"), dict) else {}
    evidence = jmh.get("warmup_evidence") if isinstance(jmh.get("warmup_evidence"), dict) else {}
    by_class = {}
    for r in run.results:
        cls = r.benchmark[len(PREFIX):].split(".")[0] if r.benchmark.startswith(PREFIX) else r.benchmark
        by_class.setdefault(cls, set()).add(r.settings)
    out = ["## Settings", "", "How JMH ran each class (read from the results themselves):", ""]
    for cls, settings in by_class.items():
        line = f"- **{cls}**: " + "; ".join(sorted(settings))
        if cls in evidence:
            line += f". Warm-up: {evidence[cls]}"
        out.append(line)
    if jmh.get("warmup_study"):
        out += ["", f"Warm-up lengths: {jmh['warmup_study']}"]
    return out


# --- results ------------------------------------------------------------------

def _op_table(rows, op):
    label, scale = display_unit(op)
    with_mb = op == "json"
    # JSON rows name their library: a lane can run the op with more than one (usual, fast).
    with_library = op == "json" and any(r.library or r.library_tag for r in rows)
    case = "payload" if any(r.payload for r in rows) else "params"
    head = (f"| variant | {case} | lane |" + (" library |" if with_library else "")
            + f" median {label} (95% interval) | ± | vs Java | net of crossing, {label} |")
    rule = "|---|---|---|" + ("---|" if with_library else "") + "---:|---:|---|---:|"
    if with_mb:
        head += " MB/s |"
        rule += "---:|"
    head += " JMH score ± error, ns/op |"
    rule += "---:|"
    lines = [head, rule]
    for r in rows:
        mark = " ⚠" if r.unstable else ""
        net = fmt.num(r.net_of_crossing / scale) if r.net_of_crossing is not None else ""
        library = f" {r.library or r.role} |" if with_library else ""
        line = (f"| {r.variant} | {r.case} | {lanes.title(r.lane)}{mark} |{library} {fmt.median_ci(r, scale)} | "
                f"{fmt.half_width(r)} | {fmt.relative(r.ratio) if r.lane != lanes.BASELINE else '(reference)'} | {net} |")
        if with_mb:
            line += f" {fmt.num(r.mb_per_s) if r.mb_per_s is not None else ''} |"
        line += f" {fmt.score(r.score, r.error)} |"
        lines.append(line)
    return lines


def _crossing_table(rows):
    cols = []
    for r in rows:
        label = r.variant if r.variant != "echo" else f"echo {int(r.payload):,} B" if r.payload.isdigit() else "echo"
        if (r.benchmark, r.params, label) not in cols:
            cols.append((r.benchmark, r.params, label))
    seen = {r.lane for r in rows}
    shown = lanes.ordered(seen - {REFERENCE_LANE}) + [REFERENCE_LANE] * (REFERENCE_LANE in seen)
    by = {(r.benchmark, r.params, r.lane): r for r in rows}
    lines = ["| lane | " + " | ".join(c[2] for c in cols) + " |", "|---|" + "---:|" * len(cols)]
    for lane in shown:
        cells = [by.get((c[0], c[1], lane)) for c in cols]
        lines.append(f"| {lanes.title(lane)} | " + " | ".join(
            (fmt.median_ci(c) + (" ⚠" if c.unstable else "")) if c else "" for c in cells) + " |")
    return lines


def _results(rows, charts):
    out = ["## Results per op", "", "Medians with 95% intervals; ⚠ marks a row listed as unstable in "
           "[Stability](#stability)."]
    for op in _ops(rows):
        op_rows = [r for r in rows if r.op == op]
        out += ["", f"### {op}"]
        if op == "crossing":
            out += ["", "The toll of getting into each runtime and back, with no work: `noop` enters "
                    "and returns; `echo` carries the bytes in and back out; `jni` (a reference "
                    "line, lane \"bare JNI\") is a JNI call into C that touches no runtime, the "
                    "floor under both native lanes. Java's figures are plain method calls. ns/op."]
        for t in THREADS + tuple(sorted({r.threads for r in op_rows} - set(THREADS))):
            t_rows = [r for r in op_rows if r.threads == t]
            if not t_rows:
                continue
            out += ["", f"#### {_threads(t)}"]
            if op == "crossing":
                out += [""] + _crossing_table(t_rows)
                continue
            # JSON: one table per variant (tree, bind, write), rows payload x lane x library.
            variants = list(dict.fromkeys(r.variant for r in t_rows)) if op == "json" else [None]
            for v in variants:
                v_rows = [r for r in t_rows if v is None or r.variant == v]
                out += ([""] if v is None or len(variants) == 1 else ["", f"##### {v}", ""]) + _op_table(v_rows, op)
        if op in charts:
            out += ["", f"![{op}: time per op by lane]({charts[op]})"]
    if "ratios" in charts:
        out += ["", "### Ratios", "",
                "Each lane's time over Java's, and Python's over Go's, on 1 thread, with 95% intervals "
                "(log scale; left of 1x is faster).", "", f"![Ratios]({charts['ratios']})"]
    return out


def _scaling(rows, charts, cores):
    out = ["## Scaling: 1 vs 2 threads", "",
           "Aggregate throughput = threads x 10^9 / (ns/op), in ops/s over all threads. Speedup = "
           "throughput on 2 threads / on 1 thread, with its 95% interval. The words follow the "
           f"interval: **scales** if it lies at or above {scaling.SCALES}x, **serialises** if at or "
           f"below {scaling.SERIALISES}x (the threads take turns), **partly scales** if wholly between, "
           "and **inconclusive** if it crosses a line. A speedup whose interval lies wholly above "
           "the number of threads (or cores) cannot be real: the row is **unstable**, and one of its "
           "two figures is off (usually an unfinished warm-up, or load from another process).", "",
           "| op | variant | case | lane | 1 thread ns/op | 2 threads ns/op | 1 thread ops/s | "
           "2 threads ops/s | speedup (95% interval) |",
           "|---|---|---|---|---:|---:|---:|---:|---|"]
    pairs = [(one, many) for one, many in scaling.scaling_pairs(rows) if one.estimate and many.estimate]
    for one, many in pairs:
        s = scaling.speedup(one, many)
        out.append(f"| {one.op} | {one.variant} | {one.case} | {lanes.title(one.lane)} | "
                   f"{fmt.num(one.median)} | {fmt.num(many.median)} | {fmt.num(1e9 / one.median)} | "
                   f"{fmt.num(many.threads * 1e9 / many.median)} | {s.value:.2f}x "
                   f"({s.ci_low:.2f}–{s.ci_high:.2f}): {scaling.word(s, many, cores)} |")
    if not pairs:
        out = out[:1] + ["", "No op was measured on both 1 and 2 threads."]
    if "scaling" in charts:
        out += ["", f"![Scaling: 1 vs 2 threads]({charts['scaling']})"]
    return out


# --- claims -------------------------------------------------------------------

def _source(number):
    s = SOURCES[number]
    if not s.get("url"):
        return f"Source: {s['checked']}."
    who = ", ".join(x for x in (s.get("author"), s.get("publication"), s.get("date")) if x)
    return f"Source: [{s['title']}]({s['url']}) ({who}); {s['checked']}."


def _claims(claims, charts):
    out = ["## Claims", "",
           "Each claim is checked against this run's per-op medians and their 95% intervals, gross "
           "and net of the crossing toll. Verdicts: " + VERDICT_RULE + " The same verdicts, with "
           "every ratio and interval, are in `claims.json`."]
    if "claims" in charts:
        out += ["", f"![Claims: claimed factor beside the measured ratios]({charts['claims']})"]
    for c in claims:
        out += ["", f"### {c.number}. {c.title}", "", f"> {c.quote}", "", _source(c.number), "",
                f"Verdict: **{c.verdict}**.", ""]
        out += c.lines
        if c.fastest:
            out += ["", f"With the fastest library (each lane's faster library per op, chosen per lane"
                    f"{'; fewest bytes for memory' if c.number == 5 else ''}), the verdict changes: "
                    f"**{c.fastest.verdict}**.", ""] + c.fastest.lines
        out += ["", f"What this can and cannot say: {c.meaning}"]
    return out


# --- stability ----------------------------------------------------------------

def _findings(run):
    if not run.findings:
        return []
    return ["## Findings", "", f"Measured after the run and written into its `{FINDINGS}`, to explain what the "
            "tables above cannot.", "", run.findings]


def _pct(value):
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{100 * value:.1f}%"


def _stability(rows, run):
    env = run.env or {}
    info = run.load_info or {}
    out = ["## Stability", "",
           "Whether these numbers can be trusted, in the spirit of pyperf's warnings. A row is "
           "**unstable** when " + "; or ".join(RULES) + "."]
    out += ["", "### The machine", ""] + _machine(env, info)
    unstable = [r for r in rows if r.unstable]
    out += ["", "### Unstable rows", ""]
    if unstable:
        out += [f"- {r.name}: " + "; ".join(r.unstable) for r in unstable]
    else:
        out += ["None."]
    timed = [r for r in rows if r.estimate and r.median >= PRECISE_FROM]
    wide = sorted((r for r in timed if r.estimate.half_width > PRECISE), key=lambda r: -r.estimate.half_width)
    out += ["", "### Precision", "", _precision(rows) or "No row of 1 µs or more."]
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


def _machine(env, info):
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
            lines.append(f"- Busiest benchmark: {top.get('benchmark', '?')[len(PREFIX):]} "
                         f"{_params(top.get('params'))} on {_threads(top.get('threads', 1))}: other "
                         f"processes used {top['other_cores']:.2f} cores while it ran.")
    return lines or ["Nothing about the machine's load was recorded (no env.json load or machine-load.json)."]


def _params(params):
    return " ".join(f"{k}={v}" for k, v in sorted((params or {}).items()))


# --- missing, environment, reproduce -------------------------------------------

def missing_items(run, rows):
    """Lines describing what this run lacks: unfinished chunks, absent lanes, absent ops."""
    items = [n[0].upper() + n[1:] for n in run.notes]
    for c in run.chunks:
        if c.get("status") != "done":
            msg = f": {c['message']}" if c.get("message") else ""
            status = c.get("status", "unknown")
            if status == "running":
                status = "was running when the run stopped or was read"
            items.append(f"Chunk **{c.get('name', '?')}** {status}{msg}")
    laned = [r for r in rows if r.lane not in (REFERENCE_LANE, "-")]
    expected = lanes.ordered({r.lane for r in laned} | set(run.env.get("lanes") or {}))
    have = {}
    for r in laned:
        have.setdefault(r.key, (r, set()))[1].add(r.lane)
    for key, (r, seen) in have.items():
        absent = [lanes.title(l) for l in expected if l not in seen]
        if absent:
            what = " ".join(p for p in (r.op, r.variant, r.case, r.library_tag) if p)
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
            value = env[key]
            if key == "jmh" and isinstance(value, dict):  # the warm-up evidence is in Settings
                value = {k: v for k, v in value.items() if k not in ("warmup_evidence", "warmup_study")}
            out.append(f"- {label}: {show(value)}")
    git = env.get("git")
    if isinstance(git, dict):
        out.append(f"- git commit: `{_commit(git) or '?'}`" + (" (with uncommitted changes)" if git.get("dirty") else ""))
    sizes = env.get("payload_bytes")
    if isinstance(sizes, dict):
        out.append("- JSON payloads: " + ", ".join(f"{k} {v:,} B" if isinstance(v, int) else f"{k} {v}"
                                                 for k, v in sizes.items()))
    listed = env.get("lanes")
    if isinstance(listed, dict):
        out += ["", "| lane | runtime | libraries | settings |", "|---|---|---|---|"]
        for name, lane in listed.items():
            lane = lane if isinstance(lane, dict) else {}
            out.append(f"| {lanes.title(name)} | {lane.get('runtime', '')} | "
                       f"{_flat(lane.get('libraries', {}))} | {_flat(lane.get('settings', {}))} |")
    shown = {k for k, _, _ in known} | {"git", "payload_bytes", "lanes", "load", "cpu_frequency"}
    rest = {k: v for k, v in env.items() if k not in shown}
    if rest:
        out += ["", "Also recorded: " + "; ".join(f"{k}: {_flat(v)}" for k, v in rest.items())]
    return out


def _reproduce():
    return ["## Reproduce", "",
            "```",
            "mvn verify -Pbench                    # every benchmark, every lane, 1 and 2 threads",
            "mvn verify -Pbench -Dbench.quick      # quick mode: fewer, shorter iterations",
            "java -jar target/benchmarks.jar JsonParse -p lane=go   # one benchmark, one lane",
            "scripts/compare results/RUN           # remake summary.csv, report.md, claims.json, charts/",
            "scripts/compare results/OLD results/NEW   # what changed, and is it significant",
            "```",
            "",
            "`java -jar` needs the same JVM setup as the suite (see README.md: `LD_PRELOAD` of "
            "HotSpot's `libjsig.so` and `GOMAXPROCS`); the jar restarts itself with both when they "
            "are missing."]


def _commit(git):
    """The commit id: the last line of what was recorded (stray tool warnings can precede it)."""
    lines = str(git.get("commit") or "").strip().splitlines()
    return lines[-1].strip() if lines else ""


def make_report(run, rows, claims, charts):
    env = run.env or {}
    git = env.get("git") if isinstance(env.get("git"), dict) else {}
    jmh = env.get("jmh") if isinstance(env.get("jmh"), dict) else {}
    head = [_title(run, env), "",
            f"Run `{os.path.basename(os.path.normpath(run.path))}`"
            + (f", commit `{_commit(git)[:12]}`" if _commit(git) else "")
            + (" (dirty)" if git.get("dirty") else "")
            + (f", {env['started']} to {env['finished']}" if env.get("started") and env.get("finished") else "")
            + ". Raw data: `jmh-result.json`; every row below is in `summary.csv`, every claim in `claims.json`."]
    if jmh.get("quick"):
        head += ["", "**Quick mode**: no forks and 200 ms iterations, so the Java lane is measured before "
                 "its JIT compiler has finished (it can look several times slower than it is) and every "
                 "figure is rough. Good only for checking that everything runs; draw no conclusions "
                 "from it. A full run is `mvn verify -Pbench`."]
    sections = [head, _summary(rows, claims, run.load_info, run.native), _how_to_read(), _settings(run),
                _results(rows, charts), _scaling(rows, charts, env.get("cores")),
                memory.section(run.memory, env, charts), _claims(claims, charts),
                agreement.section(rows, run.native, os.path.basename(os.path.normpath(run.path)), bool(run.findings)),
                _findings(run), _stability(rows, run), _missing(run, rows), _environment(env), _reproduce()]
    return "\n".join("\n".join(s) for s in sections if s).replace("\n## ", "\n\n## ") + "\n"
