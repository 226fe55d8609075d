"""Each claim's verdict on constructed inputs, and the verdict rule itself."""

import json

import pytest

from crossbench_compare.present import claim_texts, claims_json, claims_md
from crossbench_compare.reading import lanes
from crossbench_compare.reading.catalogue import ClaimStep
from crossbench_compare.rows import claims
from crossbench_compare.rows.memory import Entry
from conftest import CATALOGUE, FORMAT_1, P, finish, row

STEPS = CATALOGUE.claims


def lines(claim):
    return claims_md.claim_lines(claim, FORMAT_1)


def json_rows(go, python, threads=1):
    rows = []
    for variant in ("tree", "bind"):
        for payload in ("small", "large"):
            for lane, score in (("go", go[(variant, payload)]), ("python", python[(variant, payload)])):
                rows.append(row(f"JsonParse.{variant}", lane, score, threads=threads, op="json",
                                params=f"payload={payload}", payload=payload))
    return rows


GO = {("tree", "small"): 1000, ("tree", "large"): 1000, ("bind", "small"): 1000, ("bind", "large"): 1000}


@pytest.mark.parametrize("python,expected", [
    ({k: 15000 for k in GO}, claims.HOLDS),
    ({k: 25000 for k in GO}, claims.HOLDS),   # above the range still holds
    ({**{k: 15000 for k in GO}, ("tree", "small"): 2000}, claims.PARTLY),
    ({k: 3000 for k in GO}, claims.NOT_HOLD),
])
def test_claim_json_endpoints(python, expected):
    c = claims.claim_json_endpoints(finish(json_rows(GO, python)), STEPS[1])
    assert c.verdict == expected
    assert sorted(c.ratios) == sorted(python[k] / GO[k] for k in GO)


def test_claim_json_endpoints_uses_one_thread_only():
    rows = json_rows(GO, {k: 15000 for k in GO}) + json_rows(GO, {k: 1000 for k in GO}, threads=2)
    assert claims.claim_json_endpoints(finish(rows), STEPS[1]).verdict == claims.HOLDS


def cpu_rows(json_ratio, bcrypt_ratio, jwt_ratio):
    return [
        row("JsonParse.tree", "go", 1000, op="json", params="payload=small", payload="small"),
        row("JsonParse.tree", "python", 1000 * json_ratio, op="json", params="payload=small", payload="small"),
        row("Bcrypt.verify", "go", 50e6, params="cost=10"),
        row("Bcrypt.verify", "python", 50e6 * bcrypt_ratio, params="cost=10"),
        row("Jwt.sign", "go", 4000),
        row("Jwt.sign", "python", 4000 * jwt_ratio),
    ]


def test_claim_cpu_bound_verdicts_and_geomean():
    assert claims.claim_cpu_bound(finish(cpu_rows(12, 11, 20)), STEPS[2]).verdict == claims.HOLDS
    c = claims.claim_cpu_bound(finish(cpu_rows(12, 1.0, 5)), STEPS[2])
    assert c.verdict == claims.PARTLY
    assert any("Geometric mean over these 3 ops: Python is 3.91x slower than Go (3.91–3.91x)" in l for l in lines(c))  # (12*1*5)^(1/3)
    assert claims.claim_cpu_bound(finish(cpu_rows(2, 0.5, 5)), STEPS[2]).verdict == claims.NOT_HOLD
    assert any("Python is 2.00x faster than Go (2.00–2.00x)" in l for l in
               lines(claims.claim_cpu_bound(finish(cpu_rows(2, 0.5, 5)), STEPS[2])))


def login_rows(python_bcrypt):
    rows = []
    for lane, bind, bcrypt, jwt in (("go", 2000, 50e6, 4000), ("python", 25000, python_bcrypt, 20000)):
        rows += [row("JsonParse.bind", lane, bind, op="json", params="payload=small", payload="small"),
                 row("Bcrypt.verify", lane, bcrypt, params="cost=10"),
                 row("Jwt.sign", lane, jwt)]
    return rows


def test_claim_auth_api_sums_and_is_dominated_by_bcrypt():
    c = claims.claim_auth_api(finish(login_rows(52e6)), STEPS[3])
    assert c.verdict == claims.NOT_HOLD
    assert c.ratios == [pytest.approx((25000 + 52e6 + 20000) / (2000 + 50e6 + 4000))]
    share = next(l for l in lines(c) if l.startswith("| bcrypt's share"))
    assert "99.9%" in share and "100.0%" in share
    assert claims.claim_auth_api(finish(login_rows(800e6)), STEPS[3]).verdict == claims.HOLDS


def test_claim_auth_api_without_python_is_not_measurable():
    rows = [r for r in login_rows(52e6) if r.lane == "go"]
    assert claims.claim_auth_api(finish(rows), STEPS[3]).verdict == claims.NOT_MEASURABLE


def test_claim_json_throughput_is_not_measurable_but_gives_ratios():
    rows = [row("JsonParse.bind", "go", 2000, op="json", params="payload=small", payload="small"),
            row("JsonParse.bind", "python", 20000, op="json", params="payload=small", payload="small"),
            row("JsonParse.bind", "go", 2000, threads=2, op="json", params="payload=small", payload="small"),
            row("JsonParse.bind", "python", 40000, threads=2, op="json", params="payload=small", payload="small")]
    c = claims.claim_json_throughput(finish(rows), STEPS[4])
    assert c.verdict == claims.NOT_MEASURABLE
    assert c.ratios == [pytest.approx(10), pytest.approx(20)]
    assert "upper bound" in claims_md.meaning(c)
    # 2000 ns of a 1e9/95000 ns request budget = 19%; 20000 ns of 80000 ns = 25%
    assert "| 1 | 500,000 | 50,000 | Go is 10.0x faster than Python (10.0–10.0x) | 19% / 25% |" in lines(c)


def test_claims_json_has_quote_source_ratios_and_verdict():
    import json
    c = claims.claim_json_endpoints(finish(json_rows(GO, {k: 15000 for k in GO})), STEPS[1])
    data = json.loads(claims_json.claims_json([c], "run-x"))
    [entry] = data["claims"]
    assert entry["quote"] == claim_texts.QUOTES[1] and entry["verdict"] == claims.HOLDS
    assert entry["source"]["url"].startswith("https://") and entry["claimed"] == {"factor": 10, "range_upper": 20}
    assert len(entry["ratios"]) == 4
    assert entry["ratios"][0]["python_over_go"] == {"value": 15.0, "ci_low": 15.0, "ci_high": 15.0}


@pytest.mark.parametrize("values,expected", [
    ([6.0, 8.0, 12.0], claims.HOLDS),          # above the range still holds
    ([3.0, 4.0], claims.NOT_HOLD),
    ([6.0, 3.0], claims.PARTLY),
    ([5.2, 8.0], claims.INCONCLUSIVE),         # within 10% of 5x: a point count too close to call
    ([4.6, 3.0], claims.INCONCLUSIVE),
    ([], claims.NOT_MEASURABLE),
])
def test_point_verdict_needs_every_count_to_clear_the_factor(values, expected):
    assert claims.point_verdict(values, 5) == expected


def memory_items(python_bytes, go_bytes=1000):
    items = []
    for payload, py in python_bytes.items():
        for lane, n in (("go", go_bytes), ("python", py)):
            items.append(Entry("json", "bind", payload, lane, "usual", "", n, 96.0, P + "JsonParse.bind"))
    return items


def test_claim_memory_from_bytes_per_op():
    c = claims.claim_memory(memory_items({"small": 6000, "large": 7000}), STEPS[5])
    assert c.number == 5 and c.verdict == claims.HOLDS
    assert c.ratios == [6.0, 7.0]
    assert all(e.gross.ci_low == e.gross.ci_high == e.gross.value for e in c.evidence)  # point counts
    assert "not resident memory" in claims_md.meaning(c) and "point count" in " ".join(lines(c))
    assert claims.claim_memory(memory_items({"small": 6000, "large": 2000}), STEPS[5]).verdict == claims.PARTLY
    assert claims.claim_memory(memory_items({"small": 5100}), STEPS[5]).verdict == claims.INCONCLUSIVE
    assert claims.claim_memory(memory_items({"small": 6000}, go_bytes=0), STEPS[5]).verdict == claims.NOT_MEASURABLE


def test_claim_memory_is_not_measurable_without_memory_csv():
    [*_, c] = claims.all_claims(finish(json_rows(GO, {k: 15000 for k in GO})), None, {})
    assert c.number == 5 and c.verdict == claims.NOT_MEASURABLE and "no `memory.csv`" in lines(c)[0]


def library_rows(python_fast):
    """json rows of both library roles: usual as in GO / 15x, fast as given (Go fast 2x faster)."""
    rows = []
    for variant in ("tree", "bind"):
        for payload in ("small", "large"):
            for role, go, py in (("usual", 1000, 15000), ("fast", 500, python_fast)):
                for lane, score in (("go", go), ("python", py)):
                    rows.append(row(f"JsonParse.{variant}", lane, score, op="json",
                                    params=f"library={role} payload={payload}", payload=payload))
    return rows


def test_claims_use_the_usual_library_and_add_a_fastest_library_verdict_where_it_differs():
    rows = finish(library_rows(python_fast=1000))
    c = claims.all_claims(rows, None, {})[0]
    assert c.verdict == claims.HOLDS and c.ratios == [15.0] * 4          # usual libraries only
    # Fastest: Go 500 (fast) against Python 1000 (fast): 2x, far below 10x.
    assert c.fastest.verdict == claims.NOT_HOLD and c.fastest.ratios == [2.0] * 4
    data = json.loads(claims_json.claims_json([c], "run-x"))["claims"][0]
    assert data["verdict_fastest_library"] == claims.NOT_HOLD
    assert data["ratios_fastest_library"][0]["python_over_go"]["value"] == 2.0


def test_no_fastest_library_verdict_when_it_does_not_change_the_verdict():
    # Python's fast library is slower than its usual one: Python's best is still usual (15000),
    # Go's best is fast (500): 30x, still holds.
    c = claims.all_claims(finish(library_rows(python_fast=20000)), None, {})[0]
    assert c.verdict == claims.HOLDS and c.fastest is None


def test_fastest_rows_pick_each_lanes_faster_library_per_case():
    best = claims.fastest_rows(finish(library_rows(python_fast=20000)), CATALOGUE.roles)
    by = {(r.lane, r.variant, r.payload): r for r in best}
    assert len(best) == 8 and all("library=" not in r.params for r in best)
    assert by[("go", "tree", "small")].median == 500 and by[("python", "tree", "small")].median == 15000


def test_auth_claim_picks_the_usual_small_bind_among_library_rows():
    rows = login_rows(52e6)
    for r in rows:
        if r.op == "json":
            r.params = "library=usual payload=small"
    fast = [row("JsonParse.bind", lane, 1, op="json", params="library=fast payload=small", payload="small")
            for lane in ("go", "python")]
    c = claims.all_claims(finish(rows + fast), None, {})[2]
    assert c.ratios == [pytest.approx((25000 + 52e6 + 20000) / (2000 + 50e6 + 4000))]


# --- claims 3 and 4 on requests --------------------------------------------------------------

LOGIN_STEPS = (ClaimStep("POST /auth/login, equalised", "request", "", "endpoint=login"),
               ClaimStep("POST /auth/login, as written", "request", "", "endpoint=login-as-written"))
CEILING_STEPS = (ClaimStep("GET /json", "request", "server", "endpoint=json"),
                 ClaimStep("GET /items", "request", "server", "endpoint=items"))


def request_rows(times, tiers=("handler", "framework", "server")):
    """Request rows by hand: times[endpoint] = (Go ns, Python ns) at every tier."""
    return [row("Requests.serve", lane, ns, op="request", variant=tier, payload=endpoint,
                params=f"endpoint={endpoint} tier={tier}")
            for endpoint, (go, python) in times.items() for tier in tiers
            for lane, ns in (("go", go), ("python", python))]


def test_claim_auth_api_gives_each_tier_a_verdict_equalised_and_as_written():
    rows = finish(login_rows(52e6) + request_rows({"login": (50e6, 52e6), "login-as-written": (50e6, 1000e6)}))
    c = claims.claim_auth_api(rows, STEPS[3] + LOGIN_STEPS)
    composite, *tiers = c.evidence
    assert composite.what.startswith("login: ") and composite.verdict is None   # judged with the rest only
    assert {e.what: e.verdict for e in tiers} == {
        f"POST /auth/login, {app}, {tier} tier": verdict
        for app, verdict in (("equalised", claims.NOT_HOLD), ("as written", claims.HOLDS))
        for tier in ("handler", "framework", "server")}
    assert {round(e.gross.value, 2) for e in tiers} == {1.04, 20.0}
    # Some ratios meet 15x (as written: 20x) and the others miss it: partly.
    assert c.verdict == claims.PARTLY and c.on_requests
    text = "\n".join(lines(c))
    assert "| POST /auth/login, as written, server tier | 50,000 (50,000–50,000) | 1,000,000 (1,000,000–1,000,000) |" in text
    assert "| holds |" in text and "Composite login (1 thread)" in text
    assert "cost-12 hash" in claims_md.meaning(c)


def test_claim_auth_api_takes_a_lanes_login_where_it_times_its_login_as_written_once():
    endpoints = ["json", "login", "items"]
    lanes.use({"lanes": {"go": {"title": "Gin", "http_endpoints": endpoints},
                         "python": {"title": "FastAPI", "http_endpoints": endpoints + ["login-as-written"]}}})
    rows = [r for r in request_rows({"login": (50e6, 52e6), "login-as-written": (50e6, 1000e6)})
            if (r.lane, r.payload) != ("go", "login-as-written")]
    c = claims.claim_auth_api(finish(rows), STEPS[3] + LOGIN_STEPS)
    as_written = [e for e in c.evidence if "as written" in e.what]
    assert {e.what: (e.verdict, e.stand_ins) for e in as_written} == {
        f"POST /auth/login, as written, {tier} tier": (claims.HOLDS, {"go": "login-as-written"})
        for tier in ("handler", "framework", "server")}
    # Python's as-written login over Go's login, tier by tier.
    assert {(g.params, p.params) for g, p in (e.pair for e in as_written)} == {
        (f"endpoint=login tier={tier}", f"endpoint=login-as-written tier={tier}")
        for tier in ("handler", "framework", "server")}
    assert {round(e.gross.value, 2) for e in as_written} == {20.0}
    assert all(not e.stand_ins for e in c.evidence if "equalised" in e.what)
    said = ("Gin's login as written is its equalised one (default cost 10, nothing blocks its threads): "
            "measured once, as login")
    assert said in claims_md.meaning(c)
    assert said in json.loads(claims_json.claims_json([c], "run-x"))["claims"][0]["meaning"]
    assert "| POST /auth/login, as written, server tier | 50,000 (50,000–50,000), its login | 1,000,000" in "\n".join(
        lines(c))
    # A lane that answers the endpoint (no http_endpoints: every one) but lacks its rows is not stood in for.
    lanes.use(None)
    c = claims.claim_auth_api(finish(rows), STEPS[3] + LOGIN_STEPS)
    assert not [e for e in c.evidence if "as written" in e.what] and "measured once" not in claims_md.meaning(c)


def test_claim_auth_api_is_inconclusive_where_a_tiers_interval_straddles_the_factor():
    rows = request_rows({"login": (50e6, 52e6), "login-as-written": (50e6, 750e6)})
    python = next(r for r in rows if r.lane == "python" and r.params == "endpoint=login-as-written tier=server")
    python.forks_raw = [[700e6] * 10, [750e6] * 10, [800e6] * 10]     # 14x to 16x: straddles 15x
    c = claims.claim_auth_api(finish(rows + login_rows(52e6)), STEPS[3] + LOGIN_STEPS)
    assert c.evidence[-1].verdict == claims.INCONCLUSIVE and c.verdict == claims.INCONCLUSIVE


def test_claim_auth_api_on_requests_alone_still_has_its_tiers():
    c = claims.claim_auth_api(finish(request_rows({"login": (50e6, 52e6)})), STEPS[3] + LOGIN_STEPS)
    assert c.login is None and c.verdict == claims.NOT_HOLD and len(c.evidence) == 3
    assert "Composite login" not in "\n".join(lines(c))


def ceiling_rows(json_ratio, items_ratio):
    bind = [row("JsonParse.bind", lane, ns, op="json", params="payload=small", payload="small")
            for lane, ns in (("go", 2000), ("python", 25000))]
    return finish(bind + request_rows({"json": (7000, 7000 * json_ratio), "items": (30000, 30000 * items_ratio)},
                                      tiers=("framework", "server")))


def test_claim_4_is_judged_on_the_server_tiers_ceiling_per_core():
    c = claims.claim_json_throughput(ceiling_rows(10, 5), STEPS[4] + CEILING_STEPS)
    assert [(e.what, e.verdict) for e in c.evidence] == [("GET /json, server tier", claims.HOLDS),
                                                         ("GET /items, server tier", claims.NOT_HOLD)]
    assert c.ratios == [pytest.approx(10), pytest.approx(5)]       # Go's ceiling over Python's
    assert c.verdict == claims.PARTLY and c.on_requests
    # The parse of a small body stays beside it, labelled as claims 1 and 2 label it.
    assert [e.what for e in c.context] == ["json bind small"] and c.context[0].gross.value == pytest.approx(12.5)
    text = "\n".join(lines(c))
    # 10^9 / 7,000 ns = 142,857 requests/s per core for Go; / 70,000 ns = 14,286 for Python.
    assert "| GET /json, server tier | 7.00 (7.00–7.00) | 142,857 (142,857–142,857) | 70.0 (70.0–70.0) | 14,286" in text
    assert "Beside it, not judged" in text and "The verdict is the ceiling's" in text
    meaning = claims_md.meaning(c)
    assert "dilutes the CPU ratio" in meaning and "smaller than the gap between their ceilings" in meaning
    assert claims.claim_json_throughput(ceiling_rows(8, 9), STEPS[4] + CEILING_STEPS).verdict == claims.HOLDS
    assert claims.claim_json_throughput(ceiling_rows(3, 2), STEPS[4] + CEILING_STEPS).verdict == claims.NOT_HOLD


def test_claims_json_gives_request_ratios_their_verdict_and_claim_4_its_context():
    c = claims.claim_json_throughput(ceiling_rows(10, 5), STEPS[4] + CEILING_STEPS)
    [entry] = json.loads(claims_json.claims_json([c], "run-x"))["claims"]
    assert [(r["what"], r["verdict"]) for r in entry["ratios"]] == [("GET /json, server tier", "holds"),
                                                                   ("GET /items, server tier", "does not hold")]
    assert entry["context"][0]["what"] == "json bind small" and "verdict" not in entry["context"][0]
    # Without requests, claim 4's entry keeps the shape it had: no verdict per ratio, no context.
    old = claims.claim_json_throughput(ceiling_rows(10, 5), STEPS[4])
    [entry] = json.loads(claims_json.claims_json([old], "run-x"))["claims"]
    assert entry["verdict"] == claims.NOT_MEASURABLE and "context" not in entry
    assert all("verdict" not in r for r in entry["ratios"])
