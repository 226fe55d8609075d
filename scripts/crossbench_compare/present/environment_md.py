"""The report's Environment and Reproduce sections: the machine, runtimes,
libraries and settings env.json records, and the commands to run it again."""

import json

from ..reading import crossings, lanes


def _gib(n):
    return f"{n / 2**30:.1f} GiB" if isinstance(n, (int, float)) else str(n)


def _flat(value):
    if isinstance(value, dict):
        return ", ".join(f"{k} {_flat(v)}" for k, v in value.items()) or "-"
    return json.dumps(value) if not isinstance(value, str) else value


def commit(git):
    """The commit id: the last line of what was recorded (stray tool warnings can precede it)."""
    lines = str(git.get("commit") or "").strip().splitlines()
    return lines[-1].strip() if lines else ""


def environment_section(env):
    out = ["## Environment", ""]
    if not env:
        return out + ["No env.json in this run."]
    known = [("format", "results format", str), ("cpu", "CPU", str), ("cores", "cores", str),
             ("memory_bytes", "memory", _gib), ("os", "OS", str), ("kernel", "kernel", str), ("jdk", "JDK", _flat),
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
        out.append(f"- git commit: `{commit(git) or '?'}`" + (" (with uncommitted changes)" if git.get("dirty") else ""))
    sizes = env.get("payload_bytes")
    if isinstance(sizes, dict):
        out.append("- JSON payloads: " + ", ".join(f"{k} {v:,} B" if isinstance(v, int) else f"{k} {v}"
                                                 for k, v in sizes.items()))
    ways = crossings.described(env)
    if ways:
        out.append("- ways into the lanes (the `crossing` param): " + "; ".join(
            f"`{way}`: {w.get('title', way)}" + ("" if w.get("every_op", True) else ", the crossing only")
            + (f", not available: {w['unavailable']}" if w.get("unavailable") else "") for way, w in ways.items()))
    listed = env.get("lanes")
    if isinstance(listed, dict):
        out += ["", "| lane | runtime | libraries | settings |", "|---|---|---|---|"]
        for name, lane in listed.items():
            lane = lane if isinstance(lane, dict) else {}
            out.append(f"| {lanes.title(name)} | {lane.get('runtime', '')} | "
                       f"{_flat(lane.get('libraries', {}))} | {_flat(lane.get('settings', {}))} |")
    # The catalogue is what the report's rows are built from, not something to list here.
    shown = {k for k, _, _ in known} | {"git", "payload_bytes", "lanes", "crossings", "load", "cpu_frequency",
                                        "catalogue"}
    rest = {k: v for k, v in env.items() if k not in shown}
    if rest:
        out += ["", "Also recorded: " + "; ".join(f"{k}: {_flat(v)}" for k, v in rest.items())]
    return out


def reproduce_section(catalogue):
    example = catalogue.benchmarks[0].cls if catalogue.benchmarks else "CLASS"
    return ["## Reproduce", "",
            "```",
            "mvn verify -Pbench                    # every benchmark, every lane, 1 and 2 threads",
            "mvn verify -Pbench -Dbench.quick      # quick mode: fewer, shorter iterations",
            f"java -jar target/benchmarks.jar {example} -p lane=go   # one benchmark, one lane",
            "scripts/compare results/RUN           # remake summary.csv, report.md, claims.json, charts/",
            "scripts/compare results/OLD results/NEW   # what changed, and is it significant",
            "```",
            "",
            "`java -jar` needs the same JVM setup as the suite (see README.md: `LD_PRELOAD` of "
            "HotSpot's `libjsig.so` and `GOMAXPROCS`); the jar restarts itself with both when they "
            "are missing."]
