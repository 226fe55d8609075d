"""JSON ops: tree counts, JCS digests (RFC 8785 example, big integers), typed binding,
every test in both JSON libraries (n=0 json/pydantic, n=1 orjson/msgspec) unless it says."""

import hashlib
import json

import pytest

from records import USER

from crossbench_py import ops

# RFC 8785 section 3.2.2: input with awkward numbers and escapes ...
RFC8785_INPUT = r'''{
  "numbers": [333333333.33333329, 1E30, 4.50,
              2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}'''.encode("utf-8")
# ... and section 3.2.3: its canonical form, as printed in the RFC.
RFC8785_CANONICAL = (
    r'''{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'''
    r'''"string":"€$\u000f\nA'B\"\\\\\"/"}'''
).encode("utf-8")



def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(params=[0, 1], ids=["usual", "fast"])
def library(request):
    """n of the JSON ops: the contract rows hold for both libraries."""
    return request.param


@pytest.mark.parametrize(
    "document, count",
    [
        (b'{"a": 1, "b": [1, 2, 3], "c": {"d": null}}', 3),
        (b"[1, 2, 3, 4]", 4),
        (b"[]", 0),
        (b'"just a string"', 0),
        (b"12.5", 0),
        (b"null", 0),
    ],
)
def test_tree_counts_top_level_members(document, count, library):
    assert ops.json_tree(document, library) == count


@pytest.mark.parametrize("document", [b"{", b"[1, 2", b"", b"{'a': 1}", b"[1,]"])
def test_malformed_json_raises(document, library):
    with pytest.raises(ValueError):
        ops.json_tree(document, library)
    with pytest.raises(ValueError):
        ops.json_tree_digest(document, library)


def test_digest_of_rfc8785_example(library):
    assert ops.json_tree_digest(RFC8785_INPUT, library) == sha256_hex(RFC8785_CANONICAL)


def test_digest_ignores_formatting_and_key_order(library):
    assert ops.json_tree_digest(b'{"b": 1, "a": [true, 2.0]}', library) == sha256_hex(b'{"a":[true,2],"b":1}')


def test_big_integer_digests_like_its_double(library):
    # 12345678901234567890 is not a double; the nearest one prints as 12345678901234567000.
    # (orjson keeps it an exact int: it fits 64 bits unsigned; -12345678901234567890 and
    # longer integers it reads as doubles itself.)
    assert ops.json_tree_digest(b"[12345678901234567890]", library) == sha256_hex(b"[12345678901234567000]")
    assert ops.json_tree_digest(b"[-12345678901234567890]", library) == sha256_hex(b"[-12345678901234567000]")
    assert ops.json_tree_digest(b"[123456789012345678901234567890]", library) == sha256_hex(b"[1.2345678901234568e+29]")


def test_largest_safe_integer_digests_exactly(library):
    assert ops.json_tree_digest(b"[9007199254740991]", library) == sha256_hex(b"[9007199254740991]")


def test_tree_keeps_big_integers_exact(library):
    # Only the digest path rounds to doubles; json_tree parses as json.loads does.
    assert ops.json_tree(b"[12345678901234567890, 1]", library) == 2


def test_bind_reads_every_field(library):
    (user,) = ops.json_bind(json.dumps([USER]).encode(), library)
    assert user.id == 42
    assert user.email == "ada@example.com"
    assert user.name == "Ada Lovelace"
    assert user.password_hash == "$2b$04$abcdefghijklmnopqrstuu"
    assert user.roles == ["admin", "dev"]
    assert user.active is True
    assert user.score == 97.5
    assert user.created_at == "2024-01-02T03:04:05Z"


def test_bind_counts_and_ignores_unknown_fields(library):
    users = [USER, dict(USER, id=43, extra="ignored", nested={"x": 1})]
    assert ops.json_bind_count(json.dumps(users).encode(), library) == 2
    assert not hasattr(ops.json_bind(json.dumps(users).encode(), library)[1], "extra")


def test_bind_rejects_missing_field_and_wrong_type(library):
    # pydantic.ValidationError, msgspec.ValidationError: both ValueErrors.
    missing = {k: v for k, v in USER.items() if k != "email"}
    with pytest.raises(ValueError):
        ops.json_bind(json.dumps([missing]).encode(), library)
    with pytest.raises(ValueError):
        ops.json_bind(json.dumps([dict(USER, roles="admin")]).encode(), library)
    with pytest.raises(ValueError):
        ops.json_bind(b'{"not": "an array"}', library)
    with pytest.raises(ValueError):
        ops.json_bind(b"null", library)


def test_bind_malformed_json_raises(library):
    with pytest.raises(ValueError):
        ops.json_bind(b"[{", library)


def test_bind_digest_is_canonical_form_of_the_records(library):
    # Unknown fields are dropped, an integer score becomes the double 3 (printed 3).
    document = json.dumps([dict(USER, score=3, extra=1)]).encode()
    expected = (
        b'[{"active":true,"created_at":"2024-01-02T03:04:05Z","email":"ada@example.com",'
        b'"id":42,"name":"Ada Lovelace","password_hash":"$2b$04$abcdefghijklmnopqrstuu",'
        b'"roles":["admin","dev"],"score":3}]'
    )
    assert ops.json_bind_digest(document, library) == sha256_hex(expected)
    assert ops.json_write_digest(document, library) == sha256_hex(expected)


def test_bind_digest_big_id_digests_like_its_double(library):
    big = ops.json_bind_digest(json.dumps([dict(USER, id=9007199254740993)]).encode(), library)
    rounded = ops.json_bind_digest(json.dumps([dict(USER, id=9007199254740992)]).encode(), library)
    assert big == rounded
    assert big != ops.json_bind_digest(json.dumps([USER]).encode(), library)
    assert ops.json_write_digest(json.dumps([dict(USER, id=9007199254740993)]).encode(), library) == big


def test_bind_id_is_an_int64_and_score_finite(library):
    # Java binds id into a long and Go into an int64; every lane rejects what does not fit.
    for bad in (dict(USER, id=2**63), dict(USER, id=-(2**63) - 1), dict(USER, id=10**30)):
        with pytest.raises(ValueError):
            ops.json_bind_count(json.dumps([bad]).encode(), library)
    ops.json_bind_count(json.dumps([dict(USER, id=2**63 - 1)]).encode(), library)
    ops.json_bind_count(json.dumps([dict(USER, id=-(2**63))]).encode(), library)
    for score in (b"1e400", b"-1e400", b"1" + b"0" * 400, b"NaN", b"Infinity"):
        with pytest.raises(ValueError):
            ops.json_bind_count(json.dumps([USER]).encode().replace(b"97.5", score), library)


# OPS.md, "JSON documents every lane treats the same": what the digest ops reject.
CONTRACT_REJECTS = {
    "whitespace only": b" \t\r\n ",
    "1e400": b"1e400",
    "-1e400 in an array": b"[-1e400]",
    "integer beyond double": b"[1" + b"0" * 400 + b"]",
    "NaN": b"[NaN]",
    "byte order mark": b'\xef\xbb\xbf{"a":1}',
    "overlong UTF-8": b'["\xc0\xaf"]',
    "lone high surrogate": b'["\\ud800"]',
    "lone low surrogate key": b'{"\\udc00":1}',
    "invalid UTF-8": b'["\xff"]',
    "CESU-8": b'["\xed\xa0\x80\xed\xb0\x80"]',
    "UTF-16": '[1]'.encode("utf-16-le"),
    "too deep": b"[" * (ops.MAX_DEPTH + 1) + b"]" * (ops.MAX_DEPTH + 1),
    "10,000 deep": b"[" * 10000 + b"]" * 10000,
    "long number": b"[0." + b"1" * ops.MAX_NUMBER_CHARS + b"]",
    "duplicate name": b'{"a":1,"b":{"a":2},"a":3}',
    "duplicate escaped name": b'[{"a":1,"\\u0061":2}]',
    "lone surrogate hidden by a duplicate": b'{"a":"\\ud800","a":1}',
}


@pytest.mark.parametrize("name", sorted(CONTRACT_REJECTS))
def test_digests_reject_what_the_contract_rejects(name, library):
    document = CONTRACT_REJECTS[name]
    for digest in (ops.json_tree_digest, ops.json_bind_digest, ops.json_write_digest):
        with pytest.raises((ValueError, RecursionError)):
            digest(document, library)


def test_timed_tree_rejects_what_costs_nothing_to_check(library):
    for name in ("whitespace only", "NaN", "byte order mark", "overlong UTF-8", "invalid UTF-8", "CESU-8", "UTF-16"):
        with pytest.raises(ValueError):
            ops.json_tree(CONTRACT_REJECTS[name], library)


def test_digest_accepts_the_deepest_nesting_and_surrogate_pairs(library):
    deepest = b"[" * ops.MAX_DEPTH + b"]" * ops.MAX_DEPTH
    assert ops.json_tree_digest(deepest, library) == ops.json_tree_digest(deepest, 0)
    assert ops.json_tree_digest(b'["\\ud83d\\ude80"]', library) == ops.json_tree_digest('["\U0001F680"]'.encode())
    assert ops.json_tree_digest(b'["\\\\ud800"]', library) == ops.json_tree_digest(b'["\\\\ud800"]')


@pytest.mark.parametrize("library", [0, 1], ids=["usual", "fast"])
def test_digest_of_a_million_members_is_not_quadratic(library):
    # A hang guard, not a timing claim (the Go lane once took minutes here). CPU
    # time, not wall time: the 2-core machine is shared (at load 6 the usual
    # digest took 11 s of wall time for 5-6 s of CPU).
    import time

    document = ("{" + ",".join(f'"k{(i * 7919) % 1_000_000:07d}":{i}' for i in range(1_000_000)) + "}").encode()
    start = time.process_time()
    assert len(ops.json_tree_digest(document, library)) == 64
    assert time.process_time() - start < 10
