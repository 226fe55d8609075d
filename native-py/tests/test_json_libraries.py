"""The two JSON libraries side by side (n=0 json/pydantic, n=1 orjson/msgspec):
agreement on the corpus, the write ops, and what each library's timed ops
accept that the contract rejects or that the other library binds differently."""

import json
import threading

import pytest

from records import USER

from crossbench_py import corpus, ops

FIELDS = list(USER)  # the record's field order
LIBRARIES = pytest.mark.parametrize("library", [0, 1], ids=["usual", "fast"])


def users(*records: dict) -> bytes:
    return json.dumps(list(records), ensure_ascii=False).encode()


@pytest.mark.parametrize("payload", corpus.PAYLOADS)
def test_libraries_agree_on_the_corpus(payload):
    document = corpus.load([payload + ".json"])[payload + ".json"]
    digests = {(op.__name__, n): op(document, n)
               for op in (ops.json_tree_digest, ops.json_bind_digest, ops.json_write_digest) for n in (0, 1)}
    # The corpus is an array of user records: its tree and its records digest alike.
    assert len(set(digests.values())) == 1, digests
    assert ops.json_tree(document, 0) == ops.json_tree(document, 1) == ops.json_bind_count(document, 1)


EDGE_RECORDS = {
    "plain": USER,
    "non-ASCII and escapes": dict(USER, name="Zoë \u2028 \"q\" \\ </script> \U0001F680", roles=[]),
    "control characters": dict(USER, email="\x00\x1f\x7f"),
    "integer score": dict(USER, score=3),
    "subnormal score": dict(USER, score=5e-324),
    "huge score": dict(USER, score=1.7976931348623157e308),
    "id beyond 2**53": dict(USER, id=2**63 - 1),
    "lowest id": dict(USER, id=-(2**63)),
    "many roles": dict(USER, roles=[str(i) for i in range(100)]),
}


@LIBRARIES
@pytest.mark.parametrize("name", sorted(EDGE_RECORDS))
def test_write_digest_equals_bind_digest(name, library):
    document = users(EDGE_RECORDS[name], USER)
    expected = ops.json_bind_digest(document, 0)
    assert ops.json_bind_digest(document, library) == expected
    assert ops.json_write_digest(document, library) == expected


@LIBRARIES
def test_keep_write_release(library):
    document = users(USER, dict(USER, id=43, extra={"ignored": [1]}))
    handle = ops.json_keep(document, library)
    other = ops.json_keep(document, library)
    assert handle > 0 and other != handle
    # json_write's count is the length of what the library writes: the 8 fields in record order.
    chosen, records = ops._KEPT[handle]
    written = chosen.write(records)
    assert ops.json_write(handle) == len(written)
    assert [list(r) for r in json.loads(written)] == [FIELDS, FIELDS]
    assert json.loads(written)[1]["id"] == 43
    ops.json_release(handle)
    with pytest.raises(ValueError, match=f"^no kept records {handle}$"):
        ops.json_write(handle)
    with pytest.raises(ValueError, match=f"^no kept records {handle}$"):
        ops.json_release(handle)
    assert ops.json_write(other) == len(written)  # another handle is untouched
    ops.json_release(other)


@LIBRARIES
def test_keep_binds_as_bind_does(library):
    with pytest.raises(ValueError):
        ops.json_keep(users(dict(USER, id=2**63)), library)
    with pytest.raises(ValueError):
        ops.json_keep(b"null", library)


@LIBRARIES
def test_one_handle_written_from_threads(library):
    document = corpus.load(["medium.json"])["medium.json"]
    handle = ops.json_keep(document, library)
    expected = ops.json_write(handle)
    results = []

    def write():
        results.extend(ops.json_write(handle) for _ in range(200))

    threads = [threading.Thread(target=write) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 400
    ops.json_release(handle)


@pytest.mark.parametrize("n", [-1, 2, 7, 2**40])
def test_no_other_library(n):
    for op in (ops.json_tree, ops.json_tree_digest, ops.json_bind_count, ops.json_bind_digest,
               ops.json_keep, ops.json_write_digest):
        with pytest.raises(ValueError, match=f"^no JSON library {n} in the python lane$"):
            op(users(USER), n)


def test_writers_format_their_own_way():
    # Same records, each library's own spelling (the digests compare canonical forms).
    document = users(dict(USER, name="<&>", score=1e16))
    written = {n: ops._LIBRARIES[n].write(ops.json_bind(document, n)) for n in (0, 1)}
    assert b'"<&>"' in written[0] and b'"<&>"' in written[1]  # neither escapes HTML
    assert b'"score":1e+16' in written[0] and b'"score":1e16' in written[1]


# --- the timed ops' leniency, pinned (OPS.md, "timed ops keep their library's leniency") ---

DEEP_1024 = b"[" * 1024 + b"]" * 1024
# Contract-rejected documents orjson's timed json_tree accepts, and its count.
ORJSON_TREE_ACCEPTS = {
    "duplicate name": (b'{"a":1,"b":{"a":2},"a":3}', 2),
    "duplicate escaped name": (b'[{"a":1,"\\u0061":2}]', 1),
    "nesting 202": (b"[" * 202 + b"]" * 202, 1),
    "nesting 1024 (orjson's limit)": (DEEP_1024, 1),
    "a fraction of 1001 digits": (b"[0." + b"1" * 1001 + b"]", 1),
}
# Contract-rejected documents orjson refuses even in the timed op (json, the usual
# library, accepts the first four there).
ORJSON_TREE_REJECTS = {
    "lone high surrogate": b'["\\ud800"]',
    "lone low surrogate": b'{"\\udc00":1}',
    "1e400": b"[1e400]",
    "integer beyond double": b"[1" + b"0" * 400 + b"]",
    "nesting 1025": b"[" * 1025 + b"]" * 1025,
    "NaN": b"[NaN]",
    "Infinity": b"[-Infinity]",
    "comment": b"[1 /* c */]",
    "single quotes": b"['a']",
    "trailing comma": b"[1,]",
    "byte order mark": b'\xef\xbb\xbf{"a":1}',
    "overlong UTF-8": b'["\xc0\xaf"]',
    "CESU-8": b'["\xed\xa0\x80\xed\xb0\x80"]',
}


@pytest.mark.parametrize("name", sorted(ORJSON_TREE_ACCEPTS))
def test_orjson_timed_tree_accepts(name):
    document, count = ORJSON_TREE_ACCEPTS[name]
    assert ops.json_tree(document, 1) == count
    with pytest.raises((ValueError, RecursionError)):
        ops.json_tree_digest(document, 1)


@pytest.mark.parametrize("name", sorted(ORJSON_TREE_REJECTS))
def test_orjson_timed_tree_rejects(name):
    with pytest.raises(ValueError):
        ops.json_tree(ORJSON_TREE_REJECTS[name], 1)


def test_usual_timed_tree_leniency_that_orjson_lacks():
    # json (n=0) keeps its leniency here, as OPS.md's table says.
    assert ops.json_tree(b'["\\ud800"]', 0) == 1
    assert ops.json_tree(b"[1e400]", 0) == 1
    assert ops.json_tree(b"[1" + b"0" * 400 + b"]", 0) == 1


def test_orjson_reads_integers_beyond_64_bits_as_doubles():
    # The contract reads every integer beyond 2**53 as its double; orjson keeps
    # -2**63..2**64-1 exact and reads longer ones as doubles itself, so the
    # digests agree (a library that refused them would fail the digest op).
    for text in ("18446744073709551615", "18446744073709551616", "-9223372036854775809", "1" * 308):
        document = f"[{text}]".encode()
        assert ops.json_tree_digest(document, 1) == ops.json_tree_digest(document, 0)


def _record_with(extra: bytes) -> bytes:
    return users(USER)[:-2] + b',"x":' + extra + b"}]"


# Contract-rejected documents msgspec's timed json_bind binds: it skips an unknown
# field's value without decoding it, so that value is not checked at all.
MSGSPEC_BIND_ACCEPTS = {
    "duplicate name (the last wins)": users(USER).replace(b'"id": 42', b'"id": 1, "id": 42'),
    "overlong UTF-8 in an unknown field": _record_with(b'"\xc0\xaf"'),
    "invalid UTF-8 in an unknown field": _record_with(b'"\xff"'),
    "1e400 in an unknown field": _record_with(b"1e400"),
    "integer beyond double in an unknown field": _record_with(b"1" + b"0" * 400),
    "nesting 500 in an unknown field": _record_with(b"[" * 500 + b"]" * 500),
    "a number of 1001 digits in an unknown field": _record_with(b"1" * 1001),
}


@pytest.mark.parametrize("name", sorted(MSGSPEC_BIND_ACCEPTS))
def test_msgspec_timed_bind_accepts(name):
    document = MSGSPEC_BIND_ACCEPTS[name]
    assert ops.json_bind_count(document, 1) == 1
    assert ops.json_write(ops.json_keep(document, 1)) > 0
    for digest in (ops.json_bind_digest, ops.json_write_digest):
        with pytest.raises((ValueError, RecursionError)):
            digest(document, 1)


def test_msgspec_refuses_invalid_text_in_bound_fields_and_surrogates_anywhere():
    for value in (b'"\xc0\xaf"', b'"\\ud800"', b'"\\ud800 "'):
        with pytest.raises(ValueError):
            ops.json_bind_count(users(USER).replace(b'"Ada Lovelace"', value), 1)
    # It reads escapes even of a value it skips ("Input data was truncated", "invalid utf-16 surrogate pair").
    for value in (b'"\\ud800 "', b'"a\\udc00"'):
        with pytest.raises(ValueError):
            ops.json_bind_count(_record_with(value), 1)


# Contract-accepted documents the libraries bind differently: pydantic's lax mode
# coerces, msgspec (strict, its default) refuses. Both bind and bind_digest follow
# their library (OPS.md: coercions are documented, not forced equal).
COERCIONS = {
    "id as a string": dict(USER, id="42"),
    "id as 42.0": dict(USER, id=42.0),
    "active as a string": dict(USER, active="true"),
    "active as 1": dict(USER, active=1),
    "score as a string": dict(USER, score="97.5"),
}


@pytest.mark.parametrize("name", sorted(COERCIONS))
def test_pydantic_coerces_and_msgspec_refuses(name):
    document = users(COERCIONS[name])
    assert ops.json_bind_count(document, 0) == 1
    assert ops.json_bind_digest(document, 0) == ops.json_write_digest(document, 0)
    for op in (ops.json_bind_count, ops.json_bind_digest, ops.json_write_digest):
        with pytest.raises(ValueError):
            op(document, 1)


def test_both_read_an_integer_score_as_a_double():
    document = users(dict(USER, score=2))
    assert ops.json_bind_digest(document, 0) == ops.json_bind_digest(document, 1)
    assert [r.score for r in ops.json_bind(document, 1)] == [2.0]
