"""The pyperf harness reads exactly the bytes corpus/SHA256SUMS lists."""

import hashlib

import pytest

from crossbench_py import corpus


def test_every_file_the_harness_loads_matches_sha256sums():
    sums = corpus.read_sums(corpus.CORPUS_DIR / "SHA256SUMS")
    assert sorted(sums) == sorted(corpus.FILES)
    files = corpus.load()
    for name in corpus.FILES:
        assert hashlib.sha256(files[name]).hexdigest() == sums[name], name
    assert len(files["small.json"]) == 253


def test_the_harness_inputs_are_the_corpus_bytes():
    import bench  # native-py/bench.py

    files = corpus.load()
    inputs = bench.inputs()
    assert inputs["json"] == {p: files[p + ".json"] for p in corpus.PAYLOADS}
    assert inputs["password"] == files["password"]
    assert inputs["jwt_claims"] == files["jwt-claims.json"]
    assert inputs["jwt_key"] == files["jwt-key"]
    assert inputs["requests"] == {e: files[f"requests/{e}.http"] for e in ("json", "login", "items")}


def test_expected_names_every_request_and_only_those():
    rows = corpus.expected()
    assert [row.request for row in rows] == list(corpus.REQUESTS)
    assert {row.tiers for row in rows} == {"all", "routed", "server"}
    assert all(row.answer == "4xx-or-close" or row.answer.isdigit() for row in rows)


def test_a_changed_or_unlisted_file_is_refused(tmp_path):
    (tmp_path / "SHA256SUMS").write_text(hashlib.sha256(b"right").hexdigest() + "  f\n")
    (tmp_path / "f").write_bytes(b"wrong")
    with pytest.raises(corpus.CorpusError, match="SHA256SUMS says"):
        corpus.load(["f"], tmp_path)
    with pytest.raises(corpus.CorpusError, match="does not list"):
        corpus.load(["g"], tmp_path)
    (tmp_path / "SHA256SUMS").write_text("nonsense\n")
    with pytest.raises(corpus.CorpusError, match="not a sha256sum line"):
        corpus.load(["f"], tmp_path)
