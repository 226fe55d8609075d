"""One request through each lane's web stack (lane-abi/OPS.md, Requests): the rate
one core reaches, the 2-thread scaling of the server tier with what blocking an
event loop costs, and the layers a request's time splits into.

The layers are differences between the tiers of one endpoint in one lane, each
with a 95% interval from the two rows' resampled medians (their forks are
independent, so subtracting the resamples pairwise is a two-sample bootstrap of
the difference): framework = framework - handler; the server's HTTP work =
server-caller - framework and the thread hand-off = server - server-caller, or,
for a lane whose server cannot run on the caller's thread, both as server -
framework. The handler's own time is split further, and that split is an
estimate from other benchmarks: the crossing toll (the echo of 0 B, which every
request row pays once), the same run's per-op rows of the endpoint's work (each
net of its own toll, on the lane's usual library: the one its stack uses), and
the rest, which is the handler less all of these.

A lane whose as-written endpoint is the very same code as its equalised twin
(Gin's and Spring's logins: default cost 10, no thread blocked) does not answer
it (env.json's http_endpoints): the suite times it once, as the twin, whose rows
then stand for both."""

import dataclasses
from dataclasses import dataclass

from ..reading import lanes
from ..reading.catalogue import ClaimStep
from ..stats import bootstrap
from . import scaling
from .row import matches

OP = "request"  # the op family of the request rows; its variants are the tiers
HANDLER, FRAMEWORK, SERVER, SERVER_CALLER = "handler", "framework", "server", "server-caller"
AS_WRITTEN = "-as-written"  # an endpoint timed as the articles wrote it ends so; the rest is its equalised twin

# The per-op rows of the work each endpoint's handler does (OPS.md, Requests): GET /json's
# handler is all rest. The as-written login is not split: it runs each library's default
# bcrypt cost (pyca's is 12) and the run's bcrypt rows measure cost 10 only.
HANDLER_WORK = {
    "json": (),
    "login": (ClaimStep("", "json", "bind", "payload=small"), ClaimStep("", "bcrypt", "verify", "cost=10"),
              ClaimStep("", "jwt", "sign", "")),
    "items": (ClaimStep("", "jwt", "verify", ""), ClaimStep("", "json", "write", "payload=medium")),
}

# The kinds of layer, bottom of the stack first; a work layer is one per-op row's op family.
TOLL, WORK, REST, UNSPLIT, FRAMEWORK_LAYER, HTTP, HAND_OFF, SERVER_LAYER = (
    "crossing", "work", "rest", "unsplit", "framework", "http", "hand-off", "server")


@dataclass
class Layer:
    """A part of one request's time, ns, with its 95% interval."""
    kind: str         # one of the kinds above
    what: str         # for a work layer, the per-op row it is ("json bind small"); else the kind
    group: str        # what colours it in the chart: a work layer's op family, else its kind
    value: float      # the medians' difference (a work layer: its row's median net of the toll)
    ci_low: float
    ci_high: float

    @property
    def within_noise(self):
        """Its interval contains 0: the two tiers (or the handler and its ops) are not told apart."""
        return self.ci_low <= 0 <= self.ci_high


@dataclass
class Stack:
    """One endpoint in one lane on 1 thread: its layers, bottom first, summing to the server tier."""
    endpoint: str
    lane: str
    layers: list
    split: bool       # the handler split into its ops; False where it is not (as-written, rows lacking)
    top: object       # the server tier's row

    def layer(self, kind):
        return next((l for l in self.layers if l.kind == kind), None)


def is_request(item):
    """Whether a row or memory Entry is a request's."""
    return item.op == OP


def equalised(endpoint):
    """The endpoint an as-written one is the twin of ("login-as-written" -> "login"), else None."""
    return endpoint[:-len(AS_WRITTEN)] if endpoint.endswith(AS_WRITTEN) else None


def stand_in_params(params, lane):
    """These params ("k=v k=v") as the lane answers them: an as-written endpoint it does not
    answer as its equalised twin, the rest as they are."""
    out = []
    for p in params.split():
        name, _, value = p.partition("=")
        twin = equalised(value)
        out.append(p if twin is None or lanes.answers(lane, p) else f"{name}={twin}")
    return " ".join(out)


def stand_in(step, lane):
    """The ClaimStep whose rows answer `step` in this lane: the step, or the same at its twin."""
    return dataclasses.replace(step, params=stand_in_params(step.params, lane))


def stood_for(step, lane):
    """The as-written endpoint of `step` the lane answers with its twin's rows, or None."""
    kept = set(stand_in(step, lane).params.split())
    return next((p.partition("=")[2] for p in step.params.split() if p not in kept), None)


def stand_in_key(row, lane):
    """The key (Row.key) of the lane's row of `row`'s case: the same case, or its twin's."""
    return (row.benchmark, stand_in_params(row.params, lane), row.threads)


def timed_once(rows):
    """{as-written endpoint: the lanes that time it once, as its twin} for the as-written endpoints
    these rows have: a lane with rows of the twin that does not answer the endpoint itself."""
    mine = [r for r in rows if is_request(r)]
    measured = {(r.lane, r.payload) for r in mine}
    out = {}
    for r in mine:
        twin = equalised(r.payload)
        if twin is not None and r.payload not in out:
            out[r.payload] = [lane for lane in lanes.ordered({l for l, _ in measured}) if (lane, twin) in measured
                              and stand_in_params(r.params, lane) != r.params]
    return {endpoint: names for endpoint, names in out.items() if names}


def per_core(row):
    """(requests per second, low, high): 10^9 / ns per request, the rate one thread reaches
    serving one request at a time, with the interval carried (a slower end, a lower rate)."""
    low, high = row.ci
    return 1e9 / row.median, 1e9 / high, 1e9 / low


def _layer(kind, what, group, value, replicates):
    low, high = bootstrap.interval(replicates)
    return Layer(kind, what, group, float(value), low, high)


def _net(row):
    """(ns, resampled ns) of a row net of its toll, or gross where the run has no toll."""
    if row.net is None:
        return row.median, row.replicates
    return row.net_of_crossing, row.net


def _handler_layers(endpoint, handler, lane_rows):
    """The handler's time as layers (toll, each op of its work, the rest), and whether it was split."""
    out = []
    if handler.net is not None:
        out.append(_layer(TOLL, TOLL, TOLL, handler.median - handler.net_of_crossing, handler.replicates - handler.net))
    value, replicates = _net(handler)
    steps = HANDLER_WORK.get(endpoint)
    picked = [next((r for r in lane_rows if matches(r, s)), None) for s in steps or ()]
    if steps is None or not all(picked):
        return out + [_layer(UNSPLIT, UNSPLIT, UNSPLIT, value, replicates)], False
    for row in picked:
        op_value, op_replicates = _net(row)
        what = " ".join(x for x in (row.op, row.variant, row.payload) if x)
        out.append(_layer(WORK, what, row.op, op_value, op_replicates))
        value, replicates = value - op_value, replicates - op_replicates
    return out + [_layer(REST, REST, REST, value, replicates)], True


def _difference(kind, upper, lower):
    return _layer(kind, kind, kind, upper.median - lower.median, upper.replicates - lower.replicates)


def stacks(rows, usual_role):
    """A Stack for every endpoint and lane with its handler, framework and server tiers on 1 thread,
    in the rows' order. usual_role: the library role whose per-op rows split the handler."""
    tiers = {}
    for r in rows:
        if is_request(r) and r.threads == 1 and r.estimate:
            tiers.setdefault((r.payload, r.lane), {})[r.variant] = r
    out = []
    for (endpoint, lane), by in tiers.items():
        if not {HANDLER, FRAMEWORK, SERVER} <= set(by):
            continue
        lane_rows = [r for r in rows if r.lane == lane and r.threads == 1 and r.estimate and not is_request(r)
                     and r.role in ("", usual_role)]
        layers, split = _handler_layers(endpoint, by[HANDLER], lane_rows)
        layers.append(_difference(FRAMEWORK_LAYER, by[FRAMEWORK], by[HANDLER]))
        if SERVER_CALLER in by:
            layers += [_difference(HTTP, by[SERVER_CALLER], by[FRAMEWORK]),
                       _difference(HAND_OFF, by[SERVER], by[SERVER_CALLER])]
        else:
            layers.append(_difference(SERVER_LAYER, by[SERVER], by[FRAMEWORK]))
        out.append(Stack(endpoint, lane, layers, split, by[SERVER]))
    return out


def scaling_pairs(rows):
    """(1-thread row, 2-thread row, speedup Ratio) of every request measured on both."""
    return [(one, many, scaling.speedup(one, many)) for one, many in scaling.scaling_pairs(rows)
            if is_request(one) and one.estimate and many.estimate]


@dataclass
class Blocking:
    """An as-written endpoint against its equalised twin on more threads, in one lane and tier:
    how much less the as-written one gains from the second request in flight."""
    lane: str
    tier: str
    endpoint: str          # the as-written one
    equalised: bootstrap.Ratio   # the twin's speedup
    as_written: bootstrap.Ratio  # its own speedup
    loss: bootstrap.Ratio        # equalised speedup / as-written speedup: 1 when blocking costs nothing


def blocking(pairs):
    """A Blocking for every as-written endpoint whose twin was measured on the same threads,
    lane and tier. Speedups, not times: each login is held against its own 1-thread time, so
    the as-written login's other bcrypt cost drops out and what is left is how it runs."""
    speedups = {(one.payload, one.lane, one.variant, many.threads): s for one, many, s in pairs}
    out = []
    for (endpoint, lane, tier, threads), s in speedups.items():
        twin = speedups.get((equalised(endpoint), lane, tier, threads))
        if twin is not None:
            loss = bootstrap.ratio_of(twin.replicates, s.replicates, twin.value, s.value)
            out.append(Blocking(lane, tier, endpoint, twin, s, loss))
    return out
