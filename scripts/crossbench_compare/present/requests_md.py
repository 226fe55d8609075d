"""The report's Requests section (rows/requests.py derives its figures): one request
to each endpoint through each tier of each lane's web stack, the rate one core
reaches, the bytes a request allocates, the server tier on 2 threads with what
blocking an event loop costs, and the layers a request's time splits into."""

from ..reading import lanes
from ..rows import scaling
from ..rows.memory import groups
from ..rows.requests import (FRAMEWORK_LAYER, HAND_OFF, HTTP, OP, REST, SERVER_LAYER, TOLL, UNSPLIT, WORK, blocking,
                             equalised, is_request, per_core, scaling_pairs, timed_once)
from . import fmt

UNIT, SCALE = fmt.display_unit(OP)

ENDPOINTS = {"json": "`GET /json`", "login": "`POST /auth/login`", "items": "`GET /items`",
             "login-as-written": "`POST /auth/login` as the articles wrote it"}

# Each kind of layer in words, for the table's columns and the chart's legend, bottom first.
LAYER_NAMES = {TOLL: "crossing (echo of 0 B)", WORK: "per-op work", REST: "rest of the handler",
               UNSPLIT: "handler (not split)", FRAMEWORK_LAYER: "framework", HTTP: "server: HTTP",
               HAND_OFF: "server: thread hand-off", SERVER_LAYER: "server: HTTP and hand-off"}
WORK_NAMES = {"json": "JSON", "bcrypt": "bcrypt", "jwt": "JWT"}  # a work layer by its op family
# Why an as-written endpoint a lane times once is its equalised one ({their}: its or their).
SAME_CODE = {"login-as-written": "default cost 10, nothing blocks {their} threads"}

ABOUT = (
    "One request to each endpoint (lane-abi/OPS.md, Requests: {endpoints}) through each lane's web stack, "
    "timed tier by tier, each tier its own benchmark: **handler**, the endpoint's work called directly in "
    "the runtime; **framework**, the request through the framework's router, binding and serialisation, in "
    "process, without HTTP bytes; **server**, raw HTTP/1.1 bytes through the real server over an in-memory "
    "keep-alive connection, on the server's own threads; **server-caller**, the same server code on the "
    "calling thread, for a lane whose server can run there (a lane without it has no row). No tier "
    "includes the kernel, the network, TLS or a database (the user store is an in-memory map). The login "
    "runs twice where the two differ: **login** is equalised (bcrypt cost 10 in every lane, no event loop "
    "blocked) and **login-as-written** is as the articles wrote it (each library's default cost; an async "
    "endpoint that verifies inline); a lane whose login as written is its equalised one times it once, as "
    "login (shown as **= login**).")


def _endpoints_text():
    return ", ".join(f"`{e}` is {words}" for e, words in ENDPOINTS.items())


def _and(words):
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(filter(None, (", ".join(words[:-1]), words[-1])))


def same_code(endpoint, names):
    """'Go's and Java's logins as written are their equalised ones (default cost 10, nothing blocks their
    threads): measured once, as login', for the lanes that time an as-written endpoint once."""
    twin, many = equalised(endpoint), len(names) > 1
    whose = _and([f"{lanes.title(n)}'s" for n in names])
    why = SAME_CODE.get(endpoint, "").format(their="their" if many else "its")
    return (f"{whose} {twin}{'s' * many} as written "
            f"{'are their' if many else 'is its'} equalised one{'s' * many}" + (f" ({why})" if why else "")
            + f": measured once, as {twin}")


def _once_notes(once):
    """A sentence per as-written endpoint some lanes time once, or []."""
    return ["", " ".join(f"**= {equalised(e)}**: {same_code(e, names)}." for e, names in once.items())] if once else []


def _time_table(rows, once):
    """A line per row; a lane timing an as-written endpoint once has its twin's tiers there, as "= twin"."""
    lines = [f"| endpoint | tier | lane | {UNIT} (95% interval) | ± | requests/s per core (95% interval) | "
             f"vs Java | net of crossing, {UNIT} |", "|---|---|---|---:|---:|---:|---|---:|"]
    shown = [(r.payload, r) for r in rows] + [(e, r) for e, names in once.items() for r in rows
                                               if r.lane in names and r.payload == equalised(e)]
    endpoints = list(dict.fromkeys(e for e, _ in shown))
    tiers = list(dict.fromkeys(r.variant for _, r in shown))
    for endpoint, r in sorted(shown, key=lambda s: (endpoints.index(s[0]), tiers.index(s[1].variant),
                                                   lanes.rank(s[1].lane))):
        if endpoint != r.payload:
            lines.append(f"| {endpoint} | {r.variant} | {lanes.title(r.lane)} | = {r.payload} |  |  |  |  |")
            continue
        rate, low, high = per_core(r)
        net = fmt.num(r.net_of_crossing / SCALE) if r.net_of_crossing is not None else ""
        mark = " ⚠" if r.unstable else ""
        lines.append(f"| {r.payload} | {r.variant} | {lanes.title(r.lane)}{mark} | {fmt.median_ci(r, SCALE)} | "
                     f"{fmt.half_width(r)} | {fmt.num(rate)} ({fmt.interval(low, high)}) | "
                     f"{fmt.relative(r.ratio) if r.lane != lanes.BASELINE else '(reference)'} | {net} |")
    return lines


def _memory_cell(entry, lane, tier, endpoint, once, counted):
    """The bytes, or "= twin" where the lane times this as-written endpoint once and its twin was counted."""
    if entry:
        return f"{entry.bytes_per_op:,.0f} B"
    twin = equalised(endpoint)
    return f"= {twin}" if lane in once.get(endpoint, ()) and (lane, tier, twin) in counted else ""


def _memory_table(items, once):
    shown = lanes.ordered({e.lane for e in items})
    counted = {(e.lane, e.variant, e.case) for e in items}
    lines = ["| endpoint | tier | " + " | ".join(lanes.title(l) for l in shown) + " |",
             "|---|---|" + "---:|" * len(shown)]
    for (_, tier, endpoint), by in groups(items).items():
        by_lane = {lane: e for (lane, _), e in by.items()}  # a request has one library role per lane
        cells = [_memory_cell(by_lane.get(lane), lane, tier, endpoint, once, counted) for lane in shown]
        lines.append(f"| {endpoint} | {tier} | " + " | ".join(cells) + " |")
    return lines


def _memory(items, once):
    out = ["", "### Bytes per request", ""]
    if not items:
        return out + ["Not counted: the run has no `memory.csv` rows of requests (a run stopped before its memory "
                      "pass has none)."]
    return out + [
        "Bytes allocated per request by the lane's runtime, counted in the memory pass on 1 thread "
        "(`memory.csv`; what each runtime counts is in [Memory per op](#memory-per-op)). Go and Python count "
        "process-wide; the Java lane counts the calling thread only, so at the server tier, where the "
        "server's own threads do the work, Java's figure leaves their allocations out (server-caller "
        "counts them).", ""] + _memory_table(items, once)


def _scaling(rows, cores, once):
    pairs = scaling_pairs(rows)
    out = ["", "### Two requests in flight", ""]
    if not pairs:
        return out + ["No request was measured on both 1 and 2 threads."]
    out += ["Two calling threads, each with its own keep-alive connection to the same server, so two "
            "requests are in flight on one worker of each stack. Time per request per thread, and the "
            "aggregate throughput's speedup over 1 thread with its 95% interval, in the words of "
            "[Scaling](#scaling-1-vs-2-threads).", "",
            f"| endpoint | tier | lane | 1 thread {UNIT} | 2 threads {UNIT} | requests/s, 1 thread | "
            "requests/s, 2 threads | speedup (95% interval) |", "|---|---|---|---:|---:|---:|---:|---|"]
    for one, many, s in pairs:
        out.append(f"| {one.payload} | {one.variant} | {lanes.title(one.lane)} | {fmt.num(one.median / SCALE)} | "
                   f"{fmt.num(many.median / SCALE)} | {fmt.num(1e9 / one.median)} | "
                   f"{fmt.num(many.threads * 1e9 / many.median)} | {s.value:.2f}x ({s.ci_low:.2f}–{s.ci_high:.2f}): "
                   f"{scaling.word(s, many, cores)} |")
    found = blocking(pairs)
    if found:
        out += ["", "What the as-written login's blocking costs: each login's speedup is held against its "
                "own 1-thread time, so the as-written login's higher bcrypt cost drops out, and the ratio "
                "of the two speedups is the throughput the as-written login loses from the second request "
                "in flight (1x: nothing).", ""]
        out += [f"- {lanes.title(b.lane)}, {b.tier} tier: the equalised login gains {_speedup(b.equalised)}, the "
                f"as-written one {_speedup(b.as_written)}: {_loss(b.loss)}." for b in found]
        if once:
            out += ["", "Only the lanes that time the as-written login on its own are here: "
                    + "; ".join(same_code(e, names) for e, names in once.items()) + "."]
    return out


def _speedup(s):
    return f"{s.value:.2f}x ({s.ci_low:.2f}–{s.ci_high:.2f}x)"


def _loss(ratio):
    if ratio.within_noise:
        return f"the two scale alike ({fmt.SAME}, {ratio.ci_low:.2f}–{ratio.ci_high:.2f}x)"
    if ratio.value < 1:
        return f"the as-written login scales better, by {_speedup(ratio)}"
    return (f"blocking leaves the as-written login {_speedup(ratio)} short of the equalised one's "
            "throughput on 2 threads")


def layer_name(layer):
    return WORK_NAMES.get(layer.group, layer.group) if layer.kind == WORK else LAYER_NAMES[layer.kind]


def layer_cell(layer):
    """'12.3 (12.1–12.5)', marked where its interval contains 0 or it is below 0."""
    text = f"{fmt.num(layer.value / SCALE)} ({fmt.interval(layer.ci_low / SCALE, layer.ci_high / SCALE)})"
    if layer.within_noise:
        return text + " within noise"
    return text + (" below 0" if layer.value < 0 else "")


def _columns(stacks):
    """The layer columns the stacks have, bottom first: the kinds, a work layer per op family."""
    seen = {}
    for s in stacks:
        for l in s.layers:
            seen[(l.kind, l.group if l.kind == WORK else "")] = layer_name(l)
    order = list(LAYER_NAMES)
    return sorted(seen.items(), key=lambda c: order.index(c[0][0]))


def _layers(stacks, chart):
    out = ["", "### Where a request's time goes", ""]
    if not stacks:
        return out + ["Not split: no endpoint has its handler, framework and server tiers in one lane."]
    out += [
        f"Each endpoint and lane on 1 thread, in {UNIT}: the layers between tiers (framework = framework - "
        "handler; server: HTTP = server-caller - framework; thread hand-off = server - server-caller; a lane "
        "without server-caller has both in one, server - framework), each with its 95% interval, summing to "
        "the server tier. **The handler's split is an estimate from other benchmarks**: the crossing toll "
        "(the echo of 0 B, which every request row pays once), then the same run's per-op rows of the "
        "endpoint's work, each net of its own toll on the lane's usual library (login: json bind small, "
        "bcrypt verify at cost 10, jwt sign; items: jwt verify, json write medium), and the rest of the "
        "handler is what these leave. The per-op rows ran on their own, on the benchmarks' bytes, so the "
        "handler's own run of them can cost more or less: a rest below 0 says it cost less. The as-written "
        "login is not split (its bcrypt cost is each library's default, and the per-op rows run cost 10 "
        "only). A layer marked **within noise** has an interval that contains 0: the medians do not tell "
        "its two sides apart, and the chart draws it hatched.", ""]
    columns = _columns(stacks)
    out += ["| endpoint | lane | " + " | ".join(name for _, name in columns) + " | server tier |",
            "|---|---|" + "---:|" * (len(columns) + 1)]
    for s in stacks:
        by = {(l.kind, l.group if l.kind == WORK else ""): l for l in s.layers}
        cells = [layer_cell(by[c]) if c in by else "" for c, _ in columns]
        out.append(f"| {s.endpoint} | {lanes.title(s.lane)} | " + " | ".join(cells) + f" | "
                   f"{fmt.median_ci(s.top, SCALE)} |")
    if chart:
        out += ["", f"![Where a request's time goes: stacked layers per endpoint and lane]({chart})"]
    return out


def section(rows, memory_items, stacks, charts, cores):
    """rows: the run's summary rows; memory_items: memory Entries; stacks: rows.requests.stacks."""
    mine = [r for r in rows if is_request(r)]
    if not mine:
        return []
    out = ["## Requests", "", ABOUT.format(endpoints=_endpoints_text()), "",
           "### Time per request", "",
           f"On 1 thread, in {UNIT}; requests/s per core is 10^9 / ns, the rate one thread reaches serving one "
           "request at a time (at the server tier the server's own thread may do the work while the caller "
           "waits), with the interval carried. **net of crossing** is less the lane's echo of 0 B, which "
           "every tier pays once. ⚠ marks a row listed in [Stability](#stability).", ""]
    once = timed_once(mine)
    out += _time_table([r for r in mine if r.threads == 1], once) + _once_notes(once)
    out += _memory([e for e in memory_items if is_request(e)], once)
    out += _scaling(rows, cores, once)
    return out + _layers(stacks, charts.get("request_layers"))
