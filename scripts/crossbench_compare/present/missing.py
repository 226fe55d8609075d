"""The report's Missing section: what a run lacks (unfinished rounds or chunks, lanes
without a result, benchmarks of the catalogue without a row on a thread count
the default plan runs them on), so the rest of the report can use what finished."""

from ..reading import lanes
from ..reading.catalogue import sample_cases
from . import fmt


def _sampled(row, case):
    """Whether a row has the params ("k=v k=v") of a scaling sample's case ("" matches every row)."""
    return set(case.split()) <= set(row.params.split())


def _absent_threads(bench, rows, planned):
    """The thread counts the run's plan ran `bench` on that these rows lack, as words. The
    default plan (1 and 2 threads) runs every benchmark on 1 and its scaling sample on 2;
    a run made with -t N (one thread count) runs every benchmark on N. A sample that lists
    several values of a param expects a 2-thread row of each."""
    mine = [r for r in rows if r.benchmark == bench.name]
    if len(planned) == 1:
        return [] if any(r.threads == planned[0] for r in mine) else [fmt.threads(planned[0])]
    absent = []
    if not any(r.threads == 1 for r in mine):
        absent.append(fmt.threads(1))
    if bench.scaling_sample is not None:
        for case in sample_cases(bench.scaling_sample):
            if not any(r.threads == 2 and _sampled(r, case) for r in mine):
                absent.append(fmt.threads(2) + (f" ({case})" if case else ""))
    return absent


def _planned_threads(env):
    """The thread counts the run asked for (env.json jmh.threads), else the default 1 and 2."""
    threads = ((env or {}).get("jmh") or {}).get("threads")
    if isinstance(threads, list) and threads and all(isinstance(t, int) for t in threads):
        return threads
    return [1, 2]


def missing_items(run, rows, catalogue):
    """Lines describing what this run lacks: unfinished chunks, absent lanes, absent benchmarks."""
    items = [n[0].upper() + n[1:] for n in run.notes]
    for c in run.chunks:
        # An extra round that the time budget ended leaves nothing missing: every row had its minimum.
        if c.get("status") not in ("done", "budget reached"):
            msg = f": {c['message']}" if c.get("message") else ""
            status = c.get("status", "unknown")
            if status == "running":
                status = "was running when the run stopped or was read"
            name = c.get("name", "?")
            # Runs made before the rounds ran a chunk per class and thread count.
            what = "" if name.startswith("round ") else "Chunk "
            items.append(f"{what}**{name}** {status}{msg}")
    laned = [r for r in rows if not lanes.is_reference(r.lane) and r.lane != "-"]
    expected = lanes.ordered({r.lane for r in laned} | set(run.env.get("lanes") or {}))
    benched = {(r.lane, r.benchmark) for r in laned}
    have = {}
    for r in laned:
        have.setdefault(r.key, (r, set()))[1].add(r.lane)
    for key, (r, seen) in have.items():
        # A lane that does not answer this case's library role or tier is not missing it, nor is a
        # lane whose way in reaches only some ops (JNA) on a benchmark it has no result of.
        absent = [lanes.title(l) for l in expected if l not in seen and lanes.answers(l, r.params)
                  and (lanes.reaches_every_op(l) or (l, r.benchmark) in benched)]
        if absent:
            what = " ".join(p for p in (r.op, r.variant, r.case, r.library_tag) if p)
            items.append(f"{what} on {fmt.threads(r.threads)}: no result for {', '.join(absent)}")
    planned = _planned_threads(run.env)
    for bench in catalogue.benchmarks:
        absent = [] if bench.optional else _absent_threads(bench, rows, planned)
        if absent:
            items.append(f"{bench.short_name}: no results on " + " or ".join(absent))
    return items


def section(run, rows, catalogue):
    items = missing_items(run, rows, catalogue)
    out = ["## Missing", ""]
    if not items:
        return out + ["Nothing: every chunk finished and every op has a result in every lane."]
    return out + ["What this run does not have (the rest of the report uses what finished):", ""] + \
        [f"- {i}" for i in items]
