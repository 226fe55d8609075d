"""report.md for a newcomer: the answer first, how to read it, the settings, one
table per op, ratios, scaling, the claims, stability, what is missing, the
environment and how to reproduce. Deterministic: every date in it comes from
env.json or the run directory's name, and every interval from a seeded bootstrap."""

from ..reading import formats, lanes
from ..reading.run import FINDINGS
from ..rows.claims import HOLDS, INCONCLUSIVE, NOT_HOLD, NOT_MEASURABLE, PARTLY
from ..rows.memory import entries
from ..rows.requests import is_request, stacks, stand_in_key
from ..rows.make import lane_ratio
from . import agreement_md, claims_md, fmt, memory_md, missing, requests_md, stability_md
from .environment_md import commit, environment_section, reproduce_section
from .results_md import ops_of, results_section, scaling_section


def _title(run, env):
    started = str(env.get("started") or "")
    date = started[:10] if len(started) >= 10 else run.name
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
        base = ref.get(stand_in_key(r, reference))  # a case the reference times once, as its twin: the twin
        if r.lane == subject and base and r.estimate and base.estimate:
            out.append((" ".join(x for x in (r.variant, r.case, r.library_tag) if x),
                        lane_ratio(r, base)))
    return out


def _summary(rows, claims, run, catalogue):
    # Python vs Go, the question crossbench exists for, then every other lane against Java (the lanes
    # with work: a way in that reaches only the crossing, JNA, would have a column of nothing).
    others = lanes.ordered({r.lane for r in rows if not lanes.is_reference(r.lane) and r.op not in catalogue.toll_ops}
                           - {lanes.BASELINE, "-"})
    pairs = [lanes.HEADLINE] * (set(lanes.HEADLINE) <= set(others)) + [(lane, lanes.BASELINE) for lane in others]
    out = ["## Summary", "",
           "Time per op, Python's over Go's and each lane's over Java's, on 1 thread: the range over "
           "the op's cases, each ratio with its 95% interval (\"same within noise\" where the interval "
           "contains 1).", "",
           "| op | " + " | ".join(f"{lanes.title(a)} vs {lanes.title(b)}" for a, b in pairs) + " |",
           "|---|" + "---|" * len(pairs)]
    for op in ops_of(rows, catalogue):
        if op in catalogue.toll_ops:
            continue
        cells = [_ratio_range(_family_ratios(rows, op, a, b)) for a, b in pairs]
        out.append(f"| {op} | " + " | ".join(cells) + " |")
    counts = {v: sum(c.verdict == v for c in claims) for v in (HOLDS, PARTLY, NOT_HOLD, INCONCLUSIVE, NOT_MEASURABLE)}
    out += ["", f"Claims: {counts[HOLDS]} hold, {counts[PARTLY]} partly hold, {counts[NOT_HOLD]} do not hold, "
            f"{counts[INCONCLUSIVE]} inconclusive, {counts[NOT_MEASURABLE]} not measurable here; "
            "see [Claims](#claims).", "", agreement_md.summary_line(rows, run.native, catalogue)]
    unstable = [r for r in rows if r.unstable]
    out += ["", f"Stability: {len(unstable)} of {len(rows)} rows are marked unstable; {stability_md.precision(rows)} "
            f"{stability_md.machine_sentence(run.load_info)} See [Stability](#stability)."]
    return out


# --- how to read, settings ----------------------------------------------------

def _how_to_read(rows):
    return [
        "## How to read this",
        "",
        f"- Every figure is **time per op per thread**, in {fmt.units_text({r.op for r in rows})}: JMH measures "
        "throughput, the ops of all threads together, and time per op per thread is threads / "
        "throughput (on 1 thread, simply the time of one op). Lower is better. JSON rows also give "
        "**MB/s** (payload bytes / time; 1 MB = 10^6 bytes).",
        "- The figure is the **median** of the forks' medians, and the range after it its **95% "
        "confidence interval**, a Student-t interval on the logs of the fork medians: forks, not "
        "iterations, are the independent samples, so a fork that ran differently widens the "
        "interval, and few forks widen it as much as they need. A row with one fork has no "
        "interval. `±` is its larger side as a share of the median. JMH's own score (the mean) and "
        "error (99.9%, iterations treated as independent) are kept beside it.",
        "- **vs Java** is this lane's median over the Java lane's for the same op, input and thread "
        "count, with the ratio's own 95% interval: **paired** where the two rows' forks ran side by "
        "side in at least 3 rounds (the t interval of the per-round ratios, so a slow spell that "
        "slowed both cancels out), else **independent**, from the two rows' intervals; "
        "`summary.csv` says which (`ratio_vs_java_interval`). "
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


def _settings(run, catalogue):
    env = run.env or {}
    jmh = env.get("jmh") if isinstance(env.get("jmh"), dict) else {}
    evidence = jmh.get("warmup_evidence") if isinstance(jmh.get("warmup_evidence"), dict) else {}
    by_class = {}
    for r in run.results:
        by_class.setdefault(catalogue.describe(r.benchmark).cls, set()).add(r.settings)
    out = ["## Settings", "", "How JMH ran each class (read from the results themselves):", ""]
    for cls, settings in by_class.items():
        line = f"- **{cls}**: " + "; ".join(sorted(settings))
        if cls in evidence:
            line += f". Warm-up: {evidence[cls]}"
        out.append(line)
    if jmh.get("warmup_study"):
        out += ["", f"Warm-up lengths: {jmh['warmup_study']}"]
    return out


def _findings(run):
    if not run.findings:
        return []
    return ["## Findings", "", f"Measured after the run and written into its `{FINDINGS}`, to explain what the "
            "tables above cannot.", "", run.findings]


def make_report(run, rows, claims, charts):
    env = run.env or {}
    run_format = formats.of(env)
    catalogue = run_format.catalogue
    git = env.get("git") if isinstance(env.get("git"), dict) else {}
    jmh = env.get("jmh") if isinstance(env.get("jmh"), dict) else {}
    head = [_title(run, env), "",
            f"Run `{run.name}`"
            + (f", commit `{commit(git)[:12]}`" if commit(git) else "")
            + (" (dirty)" if git.get("dirty") else "")
            + (f", {env['started']} to {env['finished']}" if env.get("started") and env.get("finished") else "")
            + ". Raw data: `jmh-result.json`; every row below is in `summary.csv`, every claim in `claims.json`."]
    if jmh.get("quick"):
        head += ["", "**Quick mode**: no forks and 200 ms iterations, so the Java lane is measured before "
                 "its JIT compiler has finished (it can look several times slower than it is) and every "
                 "figure is rough. Good only for checking that everything runs; draw no conclusions "
                 "from it. A full run is `mvn verify -Pbench`."]
    ops = [r for r in rows if not is_request(r)]  # requests have a section of their own
    sections = [head, _summary(rows, claims, run, catalogue), _how_to_read(rows), _settings(run, catalogue),
                results_section(ops, charts, catalogue), scaling_section(ops, charts, env.get("cores")),
                memory_md.section(run.memory, env, charts),
                requests_md.section(rows, entries(run.memory, env), stacks(rows, catalogue.roles[0]), charts,
                                    env.get("cores")),
                claims_md.section(claims, charts, run_format),
                agreement_md.section(rows, run.native, run.name, catalogue, bool(run.findings), charts),
                _findings(run), stability_md.section(rows, run, catalogue, charts), missing.section(run, rows, catalogue),
                environment_section(env), reproduce_section(catalogue)]
    return "\n".join("\n".join(s) for s in sections if s).replace("\n## ", "\n\n## ") + "\n"
