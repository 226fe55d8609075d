"""The report's Claims section: each claim's quote, source, verdict, the numbers
it rests on (rows/claims.py judged them) and what they can and cannot say."""

from ..reading import lanes
from ..rows.claims import CLAIMED, GO, INCONCLUSIVE, POINT_MARGIN, PYTHON
from ..rows.requests import OP as REQUEST, is_request, per_core
from ..stats import bootstrap
from . import fmt
from .claim_texts import MEANINGS, MEANINGS_ON_REQUESTS, PER_OP_CAVEAT, QUOTES, SOURCES, TITLES, VERDICT_RULE
from .memory_md import why_no_memory_csv
from .requests_md import same_code

FASTEST_LABEL = "each lane's library that allocates least"  # claim 5's fastest: fewest bytes


def meaning(claim):
    """What the claim's numbers can and cannot say (the caveat alone where nothing was measured)."""
    if claim.lacking:
        return PER_OP_CAVEAT
    if not claim.on_requests:
        return MEANINGS[claim.number]
    return " ".join([MEANINGS_ON_REQUESTS[claim.number]] + _stand_ins(claim))


def _stand_ins(claim):
    """A sentence per as-written endpoint whose ratios take a lane's twin rows (it times it once), or []."""
    found = {}
    for e in claim.evidence:
        for lane, endpoint in e.stand_ins.items():
            found.setdefault(endpoint, {})[lane] = None
    return [f"{same_code(endpoint, lanes.ordered(names))}, whose rows the as-written ratios use."
            for endpoint, names in found.items()]


def _ratio_cell(ratio):
    return fmt.compare_sentence("Python", "Go", ratio) if ratio else "n/a"


def _pair_table(claim):
    pairs = claim.pairs
    # The library column only where env.json names the rows' libraries.
    named = any(g.library or p.library for g, p in pairs)
    lines = ["| op | variant | case |" + (" libraries (Go / Python) |" if named else "")
             + " Go ns/op (95% interval) | Python ns/op (95% interval) | Python / Go | net of crossing |",
             "|---|---|---|" + ("---|" if named else "") + "---:|---:|---|---|"]
    for (g, p), e in zip(pairs, claim.evidence):
        libraries = f" {g.library or '-'} / {p.library or '-'} |" if named else ""
        lines.append(f"| {g.op} | {g.variant} | {g.case} |{libraries} {fmt.median_ci(g)} | {fmt.median_ci(p)} | "
                     f"{_ratio_cell(e.gross)} | {_ratio_cell(e.net)} |")
    return lines


def _verdict_line(claim):
    gross, net = claim.verdict_gross, claim.verdict_net
    if net is None:
        return f"Gross of the crossing toll the ratios say **{gross}**; net of it could not be computed."
    if gross == net:
        return f"Gross and net of the crossing toll the ratios agree: **{gross}**."
    return f"Gross of the crossing toll the ratios say **{gross}**, net of it **{net}**: so **{INCONCLUSIVE}**."


def _extreme(evidence, pick):
    e = pick(evidence, key=lambda ev: ev.gross.value)
    return f"{e.what}, where {fmt.compare_sentence('Python', 'Go', e.gross)}"


def _json_endpoints(claim):
    return _pair_table(claim) + [
        "", f"Claimed: Go 10-20x faster. Measured (1 thread): least in Go's favour is "
            f"{_extreme(claim.evidence, min)}; most in Go's favour is {_extreme(claim.evidence, max)}.",
        "", _verdict_line(claim)]


def _cpu_bound(claim):
    n, overall = len(claim.evidence), claim.overall
    meeting = sum(e.gross.ci_low >= CLAIMED[2][0] for e in claim.evidence)
    return _pair_table(claim) + [
        "", f"Geometric mean over these {n} ops: {fmt.compare_sentence('Python', 'Go', overall.gross)}; net of "
            f"crossing: {_ratio_cell(overall.net)}. {meeting} of {n} ops clearly reach 10x.",
        "", _verdict_line(claim)]


def _request_table(evidence, ceiling=False):
    """A row per request ratio: each lane's time (and, for a ceiling, its requests/s per core),
    Python / Go gross and net, and the ratio's own verdict."""
    unit, scale = fmt.display_unit(REQUEST)
    head, align = ["request"], ["---"]
    for lane in ("Go", "Python"):
        head += [f"{lane} {unit} (95% interval)"] + ([f"{lane} requests/s per core"] if ceiling else [])
        align += ["---:"] * (2 if ceiling else 1)
    head += ["Python / Go", "net of crossing", "verdict"]
    align += ["---", "---", "---"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    for e in evidence:
        cells = [e.what]
        for r in e.pair:
            cells.append(fmt.median_ci(r, scale) + (f", its {r.payload}" if r.lane in e.stand_ins else ""))
            if ceiling:
                value, low, high = per_core(r)
                cells.append(f"{fmt.num(value)} ({fmt.interval(low, high)})")
        cells += [_ratio_cell(e.gross), _ratio_cell(e.net), e.verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _auth_api(claim):
    lines = []
    login = claim.login
    if login:
        steps = [s for s in claim.steps if not is_request(s)]
        total = {lane: sum(r.median for r in rows) for lane, rows in login.items()}
        # The step that takes most of Go's login: its share shows what the sum is made of.
        dominant = max(range(len(steps)), key=lambda i: login[GO][i].median)
        lines = ["| step | " + " | ".join(f"{lanes.title(l)} ns/op (95% interval)" for l in login) + " |",
                 "|---|" + "---:|" * len(login)]
        for i, step in enumerate(steps):
            lines.append(f"| {step.label} | " + " | ".join(fmt.median_ci(login[l][i]) for l in login) + " |")
        lines.append("| **login request, summed** | " + " | ".join(f"**{fmt.num(total[l])}**" for l in login) + " |")
        lines.append(f"| {login[GO][dominant].op}'s share of the total | " + " | ".join(
            f"{100 * login[l][dominant].median / total[l]:.1f}%" for l in login) + " |")
        lines += ["", f"Composite login (1 thread): {fmt.compare_sentence('Python', 'Go', claim.evidence[0].gross)}; "
                  f"the claim needs Python {CLAIMED[3][0]}x slower."]
        for step, row in zip(steps, login[GO]):
            if set(step.params.split()) - set(row.case_params.split()):
                lines.append(f"({row.op} measured at {row.case_params or 'no params'}, not {step.params}.)")
    tiers = [e for e in claim.evidence if e.verdict]
    if tiers:
        lines += ([""] if lines else []) + [
            "The login request itself, through each tier both lanes answer ([Requests](#requests)), equalised "
            "and as the articles wrote it, on 1 thread; each ratio judged on its own:", ""] + _request_table(tiers)
    return lines + ["", _verdict_line(claim)]


def _parse_table(evidence, pairs):
    lines = ["| threads | Go ops/s | Python ops/s | Go / Python throughput | parse time as share of "
             "the claimed per-request time (Go / Python) |",
             "|---:|---:|---:|---|---|"]
    budget_go, budget_py = 1e9 / 95000, 1e9 / 12500  # ns per request the claim implies
    for g, p in pairs:
        # Per thread, one op takes `median` ns; the claim's rate implies one request
        # every budget ns (if served on one core), so this is parsing's share of it.
        go_over_python = bootstrap.ratio_of(g.replicates, p.replicates, g.median, p.median)
        lines.append(f"| {g.threads} | {fmt.num(g.threads * 1e9 / g.median)} | {fmt.num(g.threads * 1e9 / p.median)} | "
                     f"{fmt.compare_sentence('Go', 'Python', go_over_python)} | "
                     f"{100 * g.median / budget_go:.0f}% / {100 * p.median / budget_py:.0f}% |")
    measured = [f"{fmt.factor(e.gross.value)} ({fmt.interval(e.gross.ci_low, e.gross.ci_high)}x) as fast as "
                f"Python on {fmt.threads(g.threads)}" for e, (g, _) in zip(evidence, pairs)]
    return lines, "Go parses a small JSON body " + ", and ".join(measured) + "."


def _json_throughput(claim):
    if not claim.on_requests:
        lines, parsed = _parse_table(claim.evidence, claim.pairs)
        return lines + ["", f"Claimed: Go serves 7.6x the requests of FastAPI. Measured here: {parsed}"]
    lines = ["The CPU-bound ceiling per core: 10^9 / (server-tier ns per request), the requests per second one "
             "core reaches serving one request at a time through the whole stack over an in-memory connection "
             "([Requests](#requests)). Go's ceiling over Python's is Python's time over Go's.", ""]
    lines += _request_table(claim.evidence, ceiling=True)
    measured = "; ".join(f"{e.what}: Go's ceiling is {fmt.factor(e.gross.value)} "
                         f"({fmt.interval(e.gross.ci_low, e.gross.ci_high)}x) Python's" for e in claim.evidence)
    lines += ["", f"Claimed: Go 95,000 req/s, FastAPI 12,500 req/s, a {CLAIMED[4][0]}x gap. Measured per core: "
              f"{measured}."]
    if claim.context:
        parse_lines, parsed = _parse_table(claim.context, [e.pair for e in claim.context])
        lines += ["", "Beside it, not judged: the parse of a small JSON body alone.", ""] + parse_lines + ["", parsed]
    return lines + ["", _verdict_line(claim) + " The verdict is the ceiling's: a real server adds the kernel, the "
                    "network, more cores and workers and a database, costs both stacks share, which shrink the "
                    "gap rather than grow it (below)."]


def _memory(claim, label):
    lines = ["| op | variant | payload | Go library | Go bytes/op | Python library | Python bytes/op | "
             "Python / Go |", "|---|---|---|---|---:|---|---:|---:|"]
    for (g, p), e in zip(claim.pairs, claim.evidence):
        lines.append(f"| {g.op} | {g.variant} | {g.case} | {g.library or '-'} | {g.bytes_per_op:,.0f} | "
                     f"{p.library or '-'} | {p.bytes_per_op:,.0f} | {fmt.factor(e.gross.value)} |")
    values = [e.gross.value for e in claim.evidence]
    factor = CLAIMED[5][0]
    return lines + [
        "", f"Claimed: Go uses 5-10x less memory. Measured ({label}): Python allocates "
            f"{fmt.factor(min(values))} to {fmt.factor(max(values))} the bytes Go does per JSON op. Each ratio is a "
            f"point count from one counted pass, not a median with an interval: it meets the claim when it is at "
            f"or above {factor}x by {POINT_MARGIN:.0%} or more, misses it when below by as much, and is too close "
            f"to call in between; the claim holds only if every payload meets it. So: **{claim.verdict}**."]


def claim_lines(claim, run_format, fastest=False):
    """The claim's numbers in markdown (fastest: it is a claim's fastest-library twin)."""
    if claim.lacking:
        return [f"This run has no {claim.lacking} in both the {lanes.title(GO)} and the "
                f"{lanes.title(PYTHON)} lane."]
    if not claim.counted:
        return [f"This run has no `memory.csv` ({why_no_memory_csv(run_format)}): bytes per op were not counted."]
    if claim.number == 5:
        return _memory(claim, FASTEST_LABEL if fastest else "usual library")
    return {1: _json_endpoints, 2: _cpu_bound, 3: _auth_api, 4: _json_throughput}[claim.number](claim)


def _source(number):
    s = SOURCES[number]
    if not s.get("url"):
        return f"Source: {s['checked']}."
    who = ", ".join(x for x in (s.get("author"), s.get("publication"), s.get("date")) if x)
    return f"Source: [{s['title']}]({s['url']}) ({who}); {s['checked']}."


def section(claims, charts, run_format):
    out = ["## Claims", "",
           "Each claim is checked against this run's per-op medians and their 95% intervals, gross "
           "and net of the crossing toll. Verdicts: " + VERDICT_RULE + " The same verdicts, with "
           "every ratio and interval, are in `claims.json`."]
    if "claims" in charts:
        out += ["", f"![Claims: claimed factor beside the measured ratios]({charts['claims']})"]
    for c in claims:
        out += ["", f"### {c.number}. {TITLES[c.number]}", "", f"> {QUOTES[c.number]}", "", _source(c.number), "",
                f"Verdict: **{c.verdict}**.", ""]
        out += claim_lines(c, run_format)
        if c.fastest:
            out += ["", f"With the fastest library (each lane's faster library per op, chosen per lane"
                    f"{'; fewest bytes for memory' if c.number == 5 else ''}), the verdict changes: "
                    f"**{c.fastest.verdict}**.", ""] + claim_lines(c.fastest, run_format, fastest=True)
        out += ["", f"What this can and cannot say: {meaning(c)}"]
    return out
