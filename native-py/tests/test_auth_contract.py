"""OPS.md, "Hashes and tokens every lane treats the same": the cases the Go and
Java lanes test too, here against the Python lane's own functions."""

import base64
import hashlib
import hmac

import pytest

from crossbench_py import ops

KEY = b"crossbench-hs256-key-of-32-bytes"
STD = b'{"alg":"HS256","typ":"JWT"}'


def b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def hs256(header: bytes, payload: bytes) -> bytes:
    signing_input = b64url(header) + b"." + b64url(payload)
    return signing_input + b"." + b64url(hmac.new(KEY, signing_input, hashlib.sha256).digest())


GOOD = hs256(STD, b'{"sub":"x"}')


def bump(c: int) -> bytes:
    return bytes([c + 1])


@pytest.mark.parametrize(
    "token",
    [
        GOOD + b"=",
        GOOD[:10] + b"\n" + GOOD[10:],
        GOOD[:-1] + bump(GOOD[-1]),
        GOOD + b"!!",
        hs256(STD, b"null"),
        hs256(STD, b'{"a":1} x'),
        hs256(STD, b'{"a":1} {}'),
        hs256(STD, b'{"a":"\xff"}'),
        hs256(STD, b'{"a":"\xed\xa0\x80"}'),  # CESU-8 surrogate
        hs256(STD, b"\xef\xbb\xbf{}"),
        hs256(STD, '{"a":1}'.encode("utf-16-le")),
        hs256(STD, b'{"a":NaN}'),
        hs256(STD, b'{"a":"\\ud800"}'),
        hs256(STD, b'{"a":' * 65 + b"1" + b"}" * 65),
        hs256(STD, b'{"a":' + b"1" * 101 + b"}"),
        hs256(b'{"alg":"HS256","crit":["exp"],"exp":1}', b"{}"),
        hs256(b'{"alg":"HS256","b64":false}', b"{}"),
        hs256(b'{"alg":"HS256","kid":1}', b"{}"),
        hs256(b'{"alg":"HS256","x":NaN}', b"{}"),
        hs256(STD, b'{"iat":9999999999}'),
        hs256(STD, b'{"iat":"1"}'),
        hs256(STD, b'{"exp":"4102444800"}'),
        hs256(STD, b'{"exp":null}'),
        hs256(STD, b'{"exp":1e300}'),
        hs256(STD, b'{"exp":253402300800}'),
        hs256(STD, b'{"nbf":true}'),
        hs256(STD, b'{"nbf":-1}'),
        hs256(STD, b'{"aud":"a"}'),
        hs256(STD, b'{"aud":""}'),
        hs256(STD, b'{"aud":null}'),
        hs256(STD, b'{"sub":1}'),
        hs256(STD, b'{"iss":1}'),
    ],
)
def test_verify_rejects(token):
    with pytest.raises(Exception):
        ops.jwt_verify(token, KEY)


@pytest.mark.parametrize(
    "payload",
    [
        b'{"sub":"x"}',
        b' {"a":1} ',
        b'{"a":1,"a":2}',
        b'{"n":123456789012345678901234567890,"f":1e400}',
        b'{"exp":4102444800.5,"nbf":0,"iat":1700000000}',
        b'{"s":"\\ud83d\\ude80 \xc3\xa9"}',
        b'{"a":' * 64 + b"1" + b"}" * 64,
    ],
)
def test_verify_returns_the_payload_as_signed(payload):
    assert ops.jwt_verify(hs256(STD, payload), KEY) == payload


@pytest.mark.parametrize(
    "claims",
    [
        b"null",
        b"[1]",
        b'{"n":NaN}',
        b'{"n":1e400}',
        b'{"n":123456789012345678901234567890}',
        b'{"n":9223372036854775808}',
        b'{"s":"\\ud800"}',
        b'{"s":"\xff"}',
        b"\xef\xbb\xbf{}",
        b'{"a":1} x',
        b'{"iss":1}',
    ],
)
def test_sign_rejects(claims):
    with pytest.raises(ValueError):
        ops.jwt_sign(claims, KEY)


def test_bcrypt_malformed_hashes_fail():
    good = ops.bcrypt_hash(b"pw", 4)
    rest = good[4:]
    for bad in [
        good + b"x", good[:59], good[:40], b"$2c$" + rest, b"$2z$" + rest, b"$2$" + rest, b"$2x$" + rest,
        b"$2b$4$" + good[7:], b"$2b$21$" + good[7:], b"$2b$31$" + good[7:], good[:10] + b"!!" + good[12:],
        good[:28] + bump(good[28]) + good[29:], good[:59] + bump(good[59]),
    ]:
        with pytest.raises(ValueError):
            ops.bcrypt_verify(b"pw", bad)
    for version in (b"$2a$", b"$2b$", b"$2y$"):
        assert ops.bcrypt_verify(b"pw", version + rest) is True
