"""Published claims about Go vs Python, checked against this run's per-op numbers.

Each claim gets the measured ratio(s), a verdict and what the numbers can and
cannot say. The verdict rule (VERDICT_RULE) is the same for every claim."""

from dataclasses import dataclass, field

from scipy.stats import gmean

from . import fmt
from .summary import PREFIX, CPU_OPS

HOLDS, PARTLY, NOT_HOLD, NOT_MEASURABLE = "holds", "partly", "does not hold", "not measurable here"

VERDICT_RULE = (
    "**holds** if every measured ratio the claim covers is within or above the claimed range "
    "(at or above the claimed factor); **partly** if some of the ops it covers meet it and others "
    "do not; **does not hold** if none do; **not measurable here** when the claim is about "
    "something these per-op benchmarks cannot measure (or this run lacks the numbers)."
)

PER_OP_CAVEAT = (
    "Per-op figures are not request rates: there is no HTTP server, no framework, no I/O "
    "and no concurrency model here, only the op itself called in a loop."
)

TITLES = {1: "JSON endpoints 10-20x faster in Go", 2: "CPU-bound work 10-20x faster in Go",
          3: "Auth API 15x faster in Go", 4: "JSON API: a 7.6x throughput gap"}

BIND = PREFIX + "JsonParse.bind"
BCRYPT_VERIFY = PREFIX + "Bcrypt.verify"
JWT_SIGN = PREFIX + "Jwt.sign"


@dataclass
class Claim:
    number: int
    title: str
    quote: str
    verdict: str
    ratios: list = field(default_factory=list)   # python / go time ratios the verdict rests on
    lines: list = field(default_factory=list)    # markdown: the numbers
    meaning: str = ""                            # what the numbers can and cannot say


def verdict(ratios, threshold):
    """The verdict rule applied to python/go time ratios against a claimed factor."""
    if not ratios:
        return NOT_MEASURABLE
    met = [r >= threshold for r in ratios]
    if all(met):
        return HOLDS
    return PARTLY if any(met) else NOT_HOLD


def _pairs(rows, threads, ops):
    """(go row, python row) for every benchmark case both lanes measured."""
    go = {r.key: r for r in rows if r.lane == "go" and r.threads == threads and r.op in ops}
    out = []
    for r in rows:
        if r.lane == "python" and r.key in go:
            out.append((go[r.key], r))
    return out


def _pair_table(pairs):
    lines = ["| op | variant | case | Go ns/op | Python ns/op | Python / Go |",
             "|---|---|---|---:|---:|---|"]
    for g, p in pairs:
        lines.append(f"| {g.op} | {g.variant} | {g.case} | {fmt.score(g.score, g.error)} | "
                     f"{fmt.score(p.score, p.error)} | {fmt.compare_sentence('Python', 'Go', p.score / g.score)} |")
    return lines


def _not_measured(number, title, quote, what):
    return Claim(number, title, quote, NOT_MEASURABLE,
                 lines=[f"This run has no {what} in both the Go and the Python lane."],
                 meaning=PER_OP_CAVEAT)


def _extreme(pairs, pick):
    """The smallest or largest python/go ratio, in words, with the case it comes from."""
    g, p = pick(pairs, key=lambda gp: gp[1].score / gp[0].score)
    case = " ".join(x for x in (g.op, g.variant, g.case) if x)
    return f"{case}, where {fmt.compare_sentence('Python', 'Go', p.score / g.score)}"


def claim_json_endpoints(rows):
    quote = ("Our API endpoints that processed JSON data were 10-20x faster in Go than "
             "Python equivalents.")
    pairs = _pairs(rows, 1, ["json"])
    if not pairs:
        return _not_measured(1, TITLES[1], quote, "JSON results on 1 thread")
    ratios = [p.score / g.score for g, p in pairs]
    return Claim(1, TITLES[1], quote, verdict(ratios, 10), ratios,
                 _pair_table(pairs) + ["", f"Claimed: Go 10-20x faster. Measured (1 thread): least "
                                       f"in Go's favour is {_extreme(pairs, min)}; most in Go's "
                                       f"favour is {_extreme(pairs, max)}."],
                 "These are the parsing step alone (generic tree and typed records), the part of an "
                 "endpoint that the claim names. An endpoint also routes, talks to a database and "
                 "writes a response; those costs are not measured here. Costs both languages share "
                 "dilute a parsing gap; only slower code elsewhere in the Python endpoint could "
                 "widen it. " + PER_OP_CAVEAT)


def claim_cpu_bound(rows):
    quote = "Performance: 10-20x faster [Go] for CPU-bound work (Python 10-20x slower)."
    pairs = _pairs(rows, 1, CPU_OPS)
    if not pairs:
        return _not_measured(2, TITLES[2], quote, "CPU-bound results (json, bcrypt, jwt) on 1 thread")
    ratios = [p.score / g.score for g, p in pairs]
    mean = float(gmean(ratios))
    meeting = sum(r >= 10 for r in ratios)
    return Claim(2, TITLES[2], quote, verdict(ratios, 10), ratios,
                 _pair_table(pairs) + ["", f"Geometric mean over these {len(ratios)} ops: "
                                       f"{fmt.compare_sentence('Python', 'Go', mean)}. "
                                       f"{meeting} of {len(ratios)} ops reach 10x."],
                 "Each lane uses its usual library, and several Python libraries do their work in "
                 "compiled code (json's C accelerator, pydantic-core in Rust, pyca bcrypt in Rust), "
                 "so this compares what a Python service really runs, not pure-Python loops. "
                 "The claim's 10-20x fits interpreted Python code; it does not carry over to work "
                 "that Python hands to native libraries. " + PER_OP_CAVEAT)


def _pick(index, benchmark, params_wanted, lane):
    """The row for a component, preferring the wanted params, else any params measured."""
    rows = index.get((benchmark, lane), [])
    for r in rows:
        if r.params == params_wanted:
            return r
    return rows[0] if rows else None


def claim_auth_api(rows):
    quote = "An auth API (bcrypt, JWT, JSON): Go is 15x faster."
    index = {}
    for r in rows:
        if r.threads == 1:
            index.setdefault((r.benchmark, r.lane), []).append(r)
    parts = [("parse the login body (json bind, small)", BIND, "payload=small"),
             ("check the password (bcrypt verify)", BCRYPT_VERIFY, "cost=10"),
             ("issue the token (jwt sign)", JWT_SIGN, "")]
    totals, picked = {}, {}
    for lane in ("java", "go", "python"):
        comps = [_pick(index, b, p, lane) for _, b, p in parts]
        if all(comps):
            picked[lane] = comps
            totals[lane] = sum(c.score for c in comps)
    if "go" not in totals or "python" not in totals:
        return _not_measured(3, TITLES[3], quote, "json bind small, bcrypt verify and jwt sign results on 1 thread")
    lines = ["| step | " + " | ".join(f"{fmt.lane_name(l)} ns/op" for l in picked) + " |",
             "|---|" + "---:|" * len(picked)]
    for i, (label, _, _) in enumerate(parts):
        lines.append(f"| {label} | " + " | ".join(fmt.num(picked[l][i].score) for l in picked) + " |")
    lines.append("| **login request, summed** | " + " | ".join(f"**{fmt.num(totals[l])}**" for l in picked) + " |")
    lines.append("| bcrypt's share of the total | " + " | ".join(
        f"{100 * picked[l][1].score / totals[l]:.1f}%" for l in picked) + " |")
    ratio = totals["python"] / totals["go"]
    cost = picked["go"][1].params
    lines += ["", f"Composite login (1 thread): {fmt.compare_sentence('Python', 'Go', ratio)}; "
              f"the claim needs Python 15x slower."]
    if cost != "cost=10":
        lines.append(f"(bcrypt measured at {cost}, not cost=10.)")
    return Claim(3, TITLES[3], quote, verdict([ratio], 15), [ratio], lines,
                 "A login is dominated by bcrypt, which is deliberately slow and which all three "
                 "lanes run in native code; JSON and JWT are a rounding error beside it. So the "
                 "composite ratio is close to the bcrypt ratio whatever the JSON and JWT gaps are. "
                 "The sum leaves out the server, the database lookup of the user and the network. "
                 + PER_OP_CAVEAT)


def claim_json_throughput(rows):
    quote = "JSON API benchmark: Go 95,000 req/s vs FastAPI 12,500 req/s, a 7.6x throughput gap."
    lines = ["| threads | Go ops/s | Python ops/s | Go / Python throughput | parse time as share of "
             "the claimed per-request time (Go / Python) |",
             "|---:|---:|---:|---|---|"]
    ratios = []
    budget_go, budget_py = 1e9 / 95000, 1e9 / 12500  # ns per request the claim implies
    for threads in (1, 2):
        pair = [(g, p) for g, p in _pairs(rows, threads, ["json"]) if g.benchmark == BIND
                and g.payload == "small"]
        if not pair:
            continue
        g, p = pair[0]
        go_ops, py_ops = threads * 1e9 / g.score, threads * 1e9 / p.score
        ratios.append((threads, go_ops / py_ops))
        # Per thread, one op takes `score` ns; the claim's rate implies one request
        # every budget ns (if served on one core), so this is parsing's share of it.
        lines.append(f"| {threads} | {fmt.num(go_ops)} | {fmt.num(py_ops)} | "
                     f"{fmt.compare_sentence('Go', 'Python', g.score / p.score)} | "
                     f"{100 * g.score / budget_go:.0f}% / {100 * p.score / budget_py:.0f}% |")
    if not ratios:
        return _not_measured(4, TITLES[4], quote, "json bind small results")
    measured = [f"{fmt.factor(r)} as fast as Python on {_t(t)}" for t, r in ratios]
    lines += ["", "Claimed: Go serves 7.6x the requests of FastAPI. Measured here: Go parses a small "
              "JSON body " + ", and ".join(measured) + "."]
    ratios = [r for _, r in ratios]
    return Claim(4, TITLES[4], quote, NOT_MEASURABLE, ratios, lines,
                 "Requests per second are not measurable here: a request also pays for HTTP "
                 "parsing, routing, the framework, response encoding, the event loop and the "
                 "kernel, and the claim's numbers depend on how many cores and worker processes "
                 "served them. What the per-op ratio does bound is the parsing part only. Each "
                 "lane's ops/s is an upper bound on the request rate one thread could reach if "
                 "parsing were all it did. If every other per-request cost were equal in both "
                 "servers, the request-rate gap would be smaller than the parsing gap, so the "
                 "parsing ratio is then an upper bound on the gap; a gap larger than the parsing "
                 "ratio must come from the rest of the stack (framework and server overhead), not "
                 "from JSON. The last column shows how much of the claimed per-request time "
                 "(1/95,000 s for Go, 1/12,500 s for FastAPI, as if on one core) parsing "
                 "would take; over 100% means parsing alone takes longer than the claimed time per "
                 "request, so the claimed rate needs several cores or a smaller body. " + PER_OP_CAVEAT)


def _t(threads):
    return f"{threads} thread" + ("s" if threads != 1 else "")


def all_claims(rows):
    return [claim_json_endpoints(rows), claim_cpu_bound(rows), claim_auth_api(rows),
            claim_json_throughput(rows)]
