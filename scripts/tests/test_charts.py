"""Charts answer one question a panel: per-op charts on 1 thread only (2 threads are
the scaling chart's), JSON as throughput per variant, no chart for a single bar,
and the claims' shared rows drawn once."""

import os

import pytest

from conftest import DATA
from crossbench_compare.present.charts import claims as claims_chart
from crossbench_compare.present.charts import make_charts, memory as memory_chart, per_op
from crossbench_compare.reading import formats
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows.claims import all_claims
from crossbench_compare.rows.make import make_rows
from crossbench_compare.rows.memory import entries


@pytest.fixture
def figures(monkeypatch):
    """The figures the charts save, by file name, instead of PNGs."""
    saved = {}

    def keep(fig, path, rect=None):
        saved[os.path.basename(path)] = fig
    for module in (per_op, claims_chart, memory_chart):
        monkeypatch.setattr(module, "save", keep)
    return saved


def run_rows(name):
    run = load_run(os.path.join(DATA, name))
    return run, make_rows(run.results, run.env, run.load, run.memory)


def panels(fig):
    return [ax.get_title() for ax in fig.axes if ax.get_title()]


def test_per_op_charts_show_one_thread_count_and_json_its_throughput_per_variant(figures, tmp_path):
    run, rows = run_rows("run-lib")     # every op on 1 and 2 threads
    assert per_op.time_chart([r for r in rows if r.op == "crossing"], "crossing", str(tmp_path / "crossing.png"))
    assert panels(figures["crossing.png"]) == ["crossing: time per op, 1 thread (whiskers: 95% interval)"]
    json_rows = [r for r in rows if r.op == "json"]
    assert per_op.shows_throughput(json_rows)
    assert per_op.throughput_chart(json_rows, "json", str(tmp_path / "json.png"), ("usual", "fast"))
    fig = figures["json.png"]
    assert panels(fig) == ["tree", "bind", "write"]
    assert "MB/s" in fig.axes[0].get_ylabel() and "higher is better" in fig.axes[0].get_ylabel()


def test_without_payload_sizes_json_shows_its_time():
    run = load_run(os.path.join(DATA, "run-old"))
    rows = make_rows(run.results, {})      # no env.json: no payload sizes, so no MB/s
    assert not per_op.shows_throughput([r for r in rows if r.op == "json"])


def test_no_chart_for_a_single_bar(tmp_path):
    _, rows = run_rows("run-old")
    [jni] = [r for r in rows if r.variant == "jni" and r.threads == 1]
    path = tmp_path / "crossing.png"
    assert per_op.time_chart([jni], "crossing", str(path)) is False and not path.exists()


def test_a_chart_no_longer_drawn_leaves_the_run(tmp_path):
    _, rows = run_rows("run-old")
    out = tmp_path / "charts"
    out.mkdir()
    (out / "memory.png").write_bytes(b"from an earlier report")
    written = make_charts(rows, [], str(out), 2)
    assert "memory" not in written and not (out / "memory.png").exists()
    assert written["json"] == "charts/json.png" and (out / "json.png").exists()


def test_claims_1_and_2_share_their_json_rows_once(figures, tmp_path):
    run, rows = run_rows("run-lib")
    claims = all_claims(rows, run.memory, run.env)
    shared = claims_chart.shared_rows(claims)
    by_what = {e.what: numbers for e, numbers in shared}
    assert by_what["json tree small"] == [1, 2]
    assert by_what["jwt sign"] == [2] and by_what["geometric mean over 13 ops"] == [2]
    assert len(shared) == len(by_what)    # no row twice
    assert claims_chart.claims_chart(claims, str(tmp_path / "claims.png"))
    labels = [t.get_text() for t in figures["claims.png"].axes[0].get_yticklabels()]
    assert "json tree small  (claims 1, 2)" in labels and "jwt sign  (claim 2)" in labels


def test_memory_shows_json_per_document_byte_and_other_ops_per_op(figures, tmp_path):
    run, _ = run_rows("run-lib")
    items = entries(run.memory, run.env)
    assert memory_chart.memory_chart(items, str(tmp_path / "memory.png"), formats.of(run.env).catalogue.roles)
    assert panels(figures["memory.png"]) == ["JSON: bytes allocated per byte of the document",
                                             "Other ops: bytes allocated per op"]


def test_claim_4_on_requests_shares_the_parse_of_a_small_body_with_claims_1_and_2(figures, tmp_path):
    run, rows = run_rows("run-format2")
    claims = all_claims(rows, run.memory, run.env)
    by_what = {e.what: numbers for e, numbers in claims_chart.shared_rows(claims)}
    assert by_what["json bind small"] == [1, 2, 4]
    assert by_what["GET /json, server tier"] == [4] and by_what["POST /auth/login, as written, server tier"] == [3]
    assert claims_chart.claims_chart(claims, str(tmp_path / "claims.png"))
    labels = [t.get_text() for t in figures["claims.png"].axes[0].get_yticklabels()]
    assert "json bind small  (claims 1, 2, 4)" in labels
    # Claim 3's tiers in the catalogue's order, equalised first.
    tiers = [l for l in labels if l.startswith("POST /auth/login")]
    assert tiers[:3] == [f"POST /auth/login, equalised, {t} tier  (claim 3)" for t in ("handler", "framework", "server")]
