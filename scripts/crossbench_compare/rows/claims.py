"""Published claims about Go vs Python, judged on this run's rows: which rows
each claim rests on (the catalogue's claim steps), the measured Python / Go
ratios with their 95% intervals, gross and net of the crossing toll, and the
verdict. The verdict rule is the same for every claim: a claim holds or fails
only where the intervals clear its factor. present/claims_md.py puts them in words.

Where the run timed requests (rows/requests.py), claims 3 and 4 rest on them too:
claim 3 on the login request through each tier, equalised and as written, each
ratio with a verdict of its own, beside the composite of the login's ops (a lane
that times its as-written login once, as login, gives its login rows); claim 4
on the server tier's CPU-bound ceiling per core, 10^9 / (ns per request), whose
Go / Python ratio is Python's time over Go's, with the parse of a small body kept
beside it as context. A run without requests is judged as before."""

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from ..reading import formats, lanes
from ..stats import bootstrap
from . import memory
from .requests import is_request, stand_in, stood_for
from .row import matches

HOLDS, PARTLY, NOT_HOLD, INCONCLUSIVE, NOT_MEASURABLE = (
    "holds", "partly", "does not hold", "inconclusive", "not measurable here")

CLAIMED = {1: (10, 20), 2: (10, 20), 3: (15, None), 4: (7.6, None), 5: (5, 10)}  # factor, upper end of a range

# A memory count is one pass, not a sample: no interval. Counts move a little between
# passes (pools refill after a GC, caches warm up: sonic's bind over 100 calls counted 10%
# more than over 2,000), so a ratio within this share of the claimed factor is too close
# to call.
POINT_MARGIN = 0.10

PYTHON, GO = lanes.HEADLINE  # every claim is about Python's figure over Go's


@dataclass
class Evidence:
    """One measured Python / Go time ratio a claim rests on, gross and net of the crossing toll."""
    what: str
    gross: bootstrap.Ratio
    net: bootstrap.Ratio = None
    verdict: str = None      # where the claim judges this ratio on its own too (a request's tier)
    pair: tuple = None       # the (go, python) rows it divides, where it is one pair
    stand_ins: dict = field(default_factory=dict)  # lane -> the as-written endpoint its row (the twin's) stands for


@dataclass
class Claim:
    number: int
    verdict: str
    evidence: list = field(default_factory=list)   # Evidence the verdict rests on
    verdict_gross: str = None
    verdict_net: str = None
    overall: Evidence = None                       # e.g. a geometric mean over the evidence
    fastest: "Claim" = None                        # the claim again with each lane's fastest library,
                                                   # kept only where its verdict differs
    lacking: str = ""        # not measurable: what this run lacks in both lanes
    pairs: list = field(default_factory=list)      # (go, python) rows or memory Entries behind the evidence
    steps: tuple = ()        # the catalogue's steps of this claim
    login: dict = None       # claim 3: lane -> its row for each step of the composite
    counted: bool = True     # claim 5: False when the run has no memory.csv
    on_requests: bool = False  # claims 3 and 4: judged on request rows too
    context: list = field(default_factory=list)    # Evidence shown beside the verdict, not judged (claim 4's parse)

    @property
    def ratios(self):
        return [e.gross.value for e in self.evidence]


def verdict(ratios, threshold):
    """The verdict rule applied to Ratios (Python / Go time) against a claimed factor."""
    if not ratios:
        return NOT_MEASURABLE
    return _rule([r.ci_low >= threshold for r in ratios], [r.ci_high < threshold for r in ratios])


def point_verdict(values, threshold):
    """The verdict rule for point counts (no interval): a value meets or misses the factor
    only when it clears it by POINT_MARGIN; closer is inconclusive."""
    if not values:
        return NOT_MEASURABLE
    return _rule([v >= threshold * (1 + POINT_MARGIN) for v in values],
                 [v <= threshold / (1 + POINT_MARGIN) for v in values])


def _rule(meets, misses):
    if not all(m or x for m, x in zip(meets, misses)):
        return INCONCLUSIVE
    if all(meets):
        return HOLDS
    return PARTLY if any(meets) else NOT_HOLD


def combined_verdict(evidence, threshold):
    """(verdict, gross verdict, net verdict): gross and net must agree, else inconclusive."""
    gross = verdict([e.gross for e in evidence], threshold)
    nets = [e.net for e in evidence]
    net = verdict(nets, threshold) if all(n is not None for n in nets) else None
    if net is None or net == gross:
        return gross, gross, net
    return INCONCLUSIVE, gross, net


def net_ratio(subject_net, reference_net):
    """Ratio of two resampled net-of-crossing times, or None where the toll swallows the op."""
    if subject_net is None or reference_net is None or (subject_net <= 0).any() or (reference_net <= 0).any():
        return None
    return bootstrap.ratio_of(subject_net, reference_net)


def pair_evidence(go, python):
    what = " ".join(x for x in (go.op, go.variant, go.case) if x)
    return Evidence(what, bootstrap.ratio_of(python.replicates, go.replicates, python.median, go.median),
                    net_ratio(python.net, go.net), pair=(go, python))


def request_evidence(rows, steps, threshold):
    """A request step's Python / Go ratio on 1 thread at every tier both lanes answer (the
    step's tier, where it names one), each with its own verdict against `threshold`."""
    evidence = []
    for step in steps:
        stood = {lane: stood_for(step, lane) for lane in (GO, PYTHON)}
        for g, p in _step_pairs(rows, 1, step):
            e = pair_evidence(g, p)
            e.what = f"{step.label or g.case}, {g.variant} tier"
            e.verdict = combined_verdict([e], threshold)[0]
            e.stand_ins = {lane: endpoint for lane, endpoint in stood.items() if endpoint}
            evidence.append(e)
    return evidence


def _step_pairs(rows, threads, step):
    """(go row, python row) for every case of a request step both lanes measured on `threads`,
    each lane's rows those of its stand-in for the step (requests.stand_in)."""
    found = {}
    for lane in (GO, PYTHON):
        mine = stand_in(step, lane)
        fixed = set(mine.params.split())
        # A row's case among the step's rows: its key less the params the step fixes.
        found[lane] = {(r.benchmark, " ".join(sorted(set(r.params.split()) - fixed)), r.threads): r for r in rows
                       if r.lane == lane and r.threads == threads and matches(r, mine)}
    return [(found[GO][k], p) for k, p in found[PYTHON].items() if k in found[GO]]


def pairs_of(rows, threads, steps):
    """(go row, python row) for every case of the steps both lanes measured on `threads`."""
    go = {r.key: r for r in rows if r.lane == GO and r.threads == threads and any(matches(r, s) for s in steps)}
    return [(go[r.key], r) for r in rows if r.lane == PYTHON and r.key in go]


def _not_measured(number, lacking, steps):
    return Claim(number, NOT_MEASURABLE, lacking=lacking, steps=steps)


def _judged(number, evidence, pairs, steps, overall=None):
    v, gross, net = combined_verdict(evidence, CLAIMED[number][0])
    return Claim(number, v, evidence, gross, net, overall, pairs=pairs, steps=steps)


def claim_json_endpoints(rows, steps):
    pairs = pairs_of(rows, 1, steps)
    if not pairs:
        return _not_measured(1, "JSON results on 1 thread", steps)
    return _judged(1, [pair_evidence(g, p) for g, p in pairs], pairs, steps)


def claim_cpu_bound(rows, steps):
    pairs = pairs_of(rows, 1, steps)
    if not pairs:
        return _not_measured(2, "CPU-bound results (json, bcrypt, jwt) on 1 thread", steps)
    evidence = [pair_evidence(g, p) for g, p in pairs]
    mean = bootstrap.geometric_mean([e.gross for e in evidence])
    nets = [e.net for e in evidence]
    mean_net = bootstrap.geometric_mean(nets) if all(n is not None for n in nets) else None
    overall = Evidence(f"geometric mean over {len(evidence)} ops", mean, mean_net)
    return _judged(2, evidence, pairs, steps, overall)


def _pick(rows, step):
    """The row for a step among one lane's rows: the step's params if measured, else any."""
    candidates = [r for r in rows if r.op == step.op and (not step.variant or r.variant == step.variant)]
    wanted = [r for r in candidates if matches(r, step)]
    return (wanted or candidates or [None])[0]


def _composite_login(rows, steps):
    """The login's ops summed per lane (lane -> its row of each step) and Python's sum over
    Go's as Evidence; (None, None) unless both lanes measured every step on 1 thread."""
    by_lane = {}
    for r in rows:
        if r.threads == 1:
            by_lane.setdefault(r.lane, []).append(r)
    login = {}
    for lane in lanes.ordered(by_lane):
        picked = [_pick(by_lane[lane], s) for s in steps]
        if steps and all(picked):
            login[lane] = picked
    if GO not in login or PYTHON not in login:
        return None, None
    totals = {lane: sum(r.median for r in login[lane]) for lane in (GO, PYTHON)}
    gross = bootstrap.ratio_of(sum(r.replicates for r in login[PYTHON]), sum(r.replicates for r in login[GO]),
                               totals[PYTHON], totals[GO])
    nets = [r.net for lane in (GO, PYTHON) for r in login[lane]]
    net = None
    if all(n is not None for n in nets):
        net = net_ratio(sum(r.net for r in login[PYTHON]), sum(r.net for r in login[GO]))
    what = " + ".join(" ".join(x for x in (r.op, r.variant, r.payload) if x) for r in login[GO])
    return login, Evidence(f"login: {what}", gross, net)


def claim_auth_api(rows, steps):
    """A login: the ops' rows summed per lane, Python's sum over Go's; and where the run timed
    the login request, its Python / Go ratio at each tier, equalised and as written."""
    request_steps = [s for s in steps if is_request(s)]
    login, composite = _composite_login(rows, [s for s in steps if not is_request(s)])
    tiers = request_evidence(rows, request_steps, CLAIMED[3][0])
    evidence = ([composite] if composite else []) + tiers
    if not evidence:
        lacking = "json bind small, bcrypt verify and jwt sign results" + (", or login requests," if request_steps
                                                                           else "")
        return _not_measured(3, f"{lacking} on 1 thread", steps)
    claim = _judged(3, evidence, [e.pair for e in tiers], steps)
    claim.login, claim.on_requests = login, bool(tiers)
    return claim


def parse_evidence(rows, steps, label_one_thread=True):
    """Go's and Python's parse of a small body on 1 and 2 threads: ((Evidence, ...), (pairs, ...)).
    label_one_thread: whether the 1-thread ratio says so in its label (claims 1 and 2 label the
    same ratio without, and the claims chart shares rows by their label)."""
    evidence, pairs = [], []
    for threads in (1, 2):
        found = pairs_of(rows, threads, steps)
        if not found:
            continue
        g, p = found[0]
        e = pair_evidence(g, p)
        if threads != 1 or label_one_thread:
            e.what = f"{e.what}, {threads} thread" + ("s" if threads != 1 else "")
        evidence.append(e)
        pairs.append((g, p))
    return evidence, pairs


def claim_json_throughput(rows, steps):
    """Where the run timed requests: the server tier's ceiling per core for each request step,
    Go's over Python's (= Python's time over Go's), judged; the parse of a small body beside
    it. Without requests: the parse alone, ratios but never a verdict (a request rate is not
    measurable from per-op figures)."""
    ops = [s for s in steps if not is_request(s)]
    ceilings = request_evidence(rows, [s for s in steps if is_request(s)], CLAIMED[4][0])
    if ceilings:
        claim = _judged(4, ceilings, [e.pair for e in ceilings], steps)
        claim.on_requests, claim.context = True, parse_evidence(rows, ops, label_one_thread=False)[0]
        return claim
    evidence, pairs = parse_evidence(rows, ops)
    if not evidence:
        return _not_measured(4, "json bind small results", steps)
    return Claim(4, NOT_MEASURABLE, evidence, pairs=pairs, steps=steps)


def claim_memory(items, steps):
    """Python's bytes per op over Go's for the steps' ops, from memory Entries (one per lane and case)."""
    go = {e.group: e for e in items if e.lane == GO and any(matches(e, s) for s in steps)}
    pairs = [(go[e.group], e) for e in items if e.lane == PYTHON and e.group in go and go[e.group].bytes_per_op > 0]
    if not pairs:
        return _not_measured(5, "JSON allocation counts (memory.csv)", steps)
    evidence = []
    for g, p in pairs:
        value = p.bytes_per_op / g.bytes_per_op
        # A point count: the "interval" is the point itself, so claims.json and the chart show no spread.
        evidence.append(Evidence(f"{g.op} {g.variant} {g.case} bytes/op",
                                 bootstrap.Ratio(value, value, value, np.array([value]))))
    v = point_verdict([e.gross.value for e in evidence], CLAIMED[5][0])
    return Claim(5, v, evidence, v, pairs=pairs, steps=steps)


def usual_rows(rows, usual_role):
    """The rows of each lane's usual library (rows of ops with no library role too)."""
    return [r for r in rows if r.role in ("", usual_role)]


def fastest_rows(rows, roles):
    """Per lane, case and thread count, the row of the faster library; the library
    param dropped so that Go's best and Python's best meet whichever library each is."""
    best = {}
    for r in rows:
        if r.role not in ("",) + tuple(roles):
            continue
        key = (r.benchmark, r.case_params, r.threads, r.lane)
        old = best.get(key)
        if old is None or (r.estimate and (not old.estimate or r.median < old.median)):
            best[key] = r
    return [dataclasses.replace(r, params=r.case_params) for r in best.values()]


def _fewest_bytes(items):
    """Per lane and case, the entry of the library that allocated least."""
    best = {}
    for e in items:
        key = (e.group, e.lane)
        if key not in best or e.bytes_per_op < best[key].bytes_per_op:
            best[key] = e
    return list(best.values())


def _with_fastest(claim, fastest):
    """Keeps the fastest-library claim beside the usual one where its verdict differs."""
    if fastest.verdict != claim.verdict:
        claim.fastest = fastest
    return claim


def all_claims(rows, memory_rows, env):
    """Every claim on each lane's usual library; with a second verdict from each lane's
    fastest library (fewest bytes, for claim 5) where that changes the first."""
    catalogue = formats.of(env).catalogue
    steps = {number: catalogue.claims.get(number, ()) for number in CLAIMED}
    usual_role = catalogue.roles[0]
    usual, fastest = usual_rows(rows, usual_role), fastest_rows(rows, catalogue.roles)
    claims = [_with_fastest(judge(usual, steps[n]), judge(fastest, steps[n])) for n, judge in
              ((1, claim_json_endpoints), (2, claim_cpu_bound), (3, claim_auth_api))]
    claims.append(claim_json_throughput(usual, steps[4]))
    if memory_rows is None:
        claims.append(Claim(5, NOT_MEASURABLE, steps=steps[5], counted=False))
        return claims
    items = [e for e in memory.entries(memory_rows, env) if any(matches(e, s) for s in steps[5])]
    claims.append(_with_fastest(claim_memory([e for e in items if e.role == usual_role], steps[5]),
                                claim_memory(_fewest_bytes(items), steps[5])))
    return claims
