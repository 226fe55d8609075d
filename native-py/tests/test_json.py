"""JSON ops: tree counts, JCS digests (RFC 8785 example, big integers), typed binding."""

import hashlib
import json

import pydantic
import pytest

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

USER = {
    "id": 42,
    "email": "ada@example.com",
    "name": "Ada Lovelace",
    "password_hash": "$2b$04$abcdefghijklmnopqrstuu",
    "roles": ["admin", "dev"],
    "active": True,
    "score": 97.5,
    "created_at": "2024-01-02T03:04:05Z",
}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
def test_tree_counts_top_level_members(document, count):
    assert ops.json_tree(document) == count


@pytest.mark.parametrize("document", [b"{", b"[1, 2", b"", b"{'a': 1}", b"[1,]"])
def test_malformed_json_raises(document):
    with pytest.raises(ValueError):
        ops.json_tree(document)
    with pytest.raises(ValueError):
        ops.json_tree_digest(document)


def test_digest_of_rfc8785_example():
    assert ops.json_tree_digest(RFC8785_INPUT) == sha256_hex(RFC8785_CANONICAL)


def test_digest_ignores_formatting_and_key_order():
    assert ops.json_tree_digest(b'{"b": 1, "a": [true, 2.0]}') == sha256_hex(b'{"a":[true,2],"b":1}')


def test_big_integer_digests_like_its_double():
    # 12345678901234567890 is not a double; the nearest one prints as 12345678901234567000.
    assert ops.json_tree_digest(b"[12345678901234567890]") == sha256_hex(b"[12345678901234567000]")
    assert ops.json_tree_digest(b"[-12345678901234567890]") == sha256_hex(b"[-12345678901234567000]")


def test_largest_safe_integer_digests_exactly():
    assert ops.json_tree_digest(b"[9007199254740991]") == sha256_hex(b"[9007199254740991]")


def test_tree_keeps_big_integers_exact():
    # Only the digest path rounds to doubles; json_tree parses as json.loads does.
    assert ops.json_tree(b"[12345678901234567890, 1]") == 2


def test_bind_reads_every_field():
    (user,) = ops.json_bind(json.dumps([USER]).encode())
    assert user.id == 42
    assert user.email == "ada@example.com"
    assert user.name == "Ada Lovelace"
    assert user.password_hash == "$2b$04$abcdefghijklmnopqrstuu"
    assert user.roles == ["admin", "dev"]
    assert user.active is True
    assert user.score == 97.5
    assert user.created_at == "2024-01-02T03:04:05Z"


def test_bind_counts_and_ignores_unknown_fields():
    users = [USER, dict(USER, id=43, extra="ignored", nested={"x": 1})]
    assert ops.json_bind_count(json.dumps(users).encode()) == 2
    assert not hasattr(ops.json_bind(json.dumps(users).encode())[1], "extra")


def test_bind_rejects_missing_field_and_wrong_type():
    missing = {k: v for k, v in USER.items() if k != "email"}
    with pytest.raises(pydantic.ValidationError):
        ops.json_bind(json.dumps([missing]).encode())
    with pytest.raises(pydantic.ValidationError):
        ops.json_bind(json.dumps([dict(USER, roles="admin")]).encode())
    with pytest.raises(pydantic.ValidationError):
        ops.json_bind(b'{"not": "an array"}')


def test_bind_malformed_json_raises():
    with pytest.raises(pydantic.ValidationError):
        ops.json_bind(b"[{")


def test_bind_digest_is_canonical_form_of_the_records():
    # Unknown fields are dropped, an integer score becomes the double 3 (printed 3).
    document = json.dumps([dict(USER, score=3, extra=1)]).encode()
    expected = (
        b'[{"active":true,"created_at":"2024-01-02T03:04:05Z","email":"ada@example.com",'
        b'"id":42,"name":"Ada Lovelace","password_hash":"$2b$04$abcdefghijklmnopqrstuu",'
        b'"roles":["admin","dev"],"score":3}]'
    )
    assert ops.json_bind_digest(document) == sha256_hex(expected)


def test_bind_digest_big_id_digests_like_its_double():
    big = ops.json_bind_digest(json.dumps([dict(USER, id=12345678901234567890)]).encode())
    rounded = ops.json_bind_digest(json.dumps([dict(USER, id=12345678901234567000)]).encode())
    assert big == rounded
    assert big != ops.json_bind_digest(json.dumps([USER]).encode())
