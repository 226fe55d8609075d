"""JWT HS256 ops: round trip and every way a token must be refused."""

import base64
import json
import time

import jwt
import pytest

from crossbench_py import ops

KEY = b"k" * 32
CLAIMS = {"sub": "user-42", "role": "admin", "iat": 1700000000}


def b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def sign(claims=CLAIMS, key=KEY) -> bytes:
    return ops.jwt_sign(json.dumps(claims).encode(), key).encode()


def test_round_trip():
    token = sign()
    assert token.count(b".") == 2
    assert json.loads(ops.jwt_verify(token, KEY)) == CLAIMS


def test_header_is_hs256():
    header = json.loads(base64.urlsafe_b64decode(sign().split(b".")[0] + b"=="))
    assert header == {"alg": "HS256", "typ": "JWT"}


def test_future_expiry_accepted():
    claims = dict(CLAIMS, exp=int(time.time()) + 3600)
    assert json.loads(ops.jwt_verify(sign(claims), KEY)) == claims


def test_tampered_payload_rejected():
    header, _, signature = sign().split(b".")
    forged = b64url(json.dumps(dict(CLAIMS, role="root")).encode())
    with pytest.raises(jwt.InvalidSignatureError):
        ops.jwt_verify(b".".join([header, forged, signature]), KEY)


def test_tampered_signature_rejected():
    token = sign()
    last = b"A" if token[-1:] != b"A" else b"E"  # both canonical final characters
    with pytest.raises(jwt.InvalidSignatureError):
        ops.jwt_verify(token[:-1] + last, KEY)


def test_wrong_key_rejected():
    with pytest.raises(jwt.InvalidSignatureError):
        ops.jwt_verify(sign(), b"w" * 32)


def test_alg_none_rejected():
    header = b64url(b'{"alg":"none","typ":"JWT"}')
    payload = b64url(json.dumps(CLAIMS).encode())
    with pytest.raises(jwt.InvalidTokenError):  # no signature segment: malformed
        ops.jwt_verify(header + b"." + payload + b".", KEY)


def test_hs512_rejected():
    token = jwt.encode(CLAIMS, KEY * 2, algorithm="HS512").encode()
    with pytest.raises(jwt.InvalidAlgorithmError):
        ops.jwt_verify(token, KEY * 2)


def test_expired_rejected():
    with pytest.raises(jwt.ExpiredSignatureError):
        ops.jwt_verify(sign(dict(CLAIMS, exp=int(time.time()) - 3600)), KEY)


@pytest.mark.parametrize("token", [b"", b"abc", b"a.b", b"a.b.c", b"\xff\xfe.x.y"])
def test_malformed_rejected(token):
    with pytest.raises(jwt.InvalidTokenError):
        ops.jwt_verify(token, KEY)


def test_empty_key_rejected():
    with pytest.raises(ValueError, match="key is empty"):
        ops.jwt_sign(b'{"a": 1}', b"")
    with pytest.raises(ValueError, match="key is empty"):
        ops.jwt_verify(sign(), b"")


@pytest.mark.parametrize("claims", [b"[1, 2]", b'"sub"', b"42", b"null"])
def test_claims_must_be_object(claims):
    with pytest.raises(ValueError, match="must be a JSON object"):
        ops.jwt_sign(claims, KEY)
