"""The ops of OPS.md as plain typed functions, each with its library's usual call.

Usable on its own (tests, pyperf-style timing) and through lane.py from the
embedded interpreter. Every function checks its own inputs as OPS.md asks, so
the numbers measured here and through JNI are of the same work.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from importlib import metadata
from typing import Any

import bcrypt
import jwt
import rfc8785
from pydantic import BaseModel, RootModel

# --- JSON: generic tree -------------------------------------------------------

# JCS (RFC 8785) models every number as an IEEE-754 double, as the Go and Java
# lanes do; rfc8785 refuses ints beyond +-(2**53 - 1) instead of rounding them.
_JCS_MAX_SAFE_INT = 2**53 - 1


def _jcs_int(text: str) -> int | float:
    """parse_int for the digest path: ints a double holds exactly stay ints,
    others become the nearest double (what Go's float64 and Jackson's double give)."""
    value = int(text)
    if -_JCS_MAX_SAFE_INT <= value <= _JCS_MAX_SAFE_INT:
        return value
    return float(text)


# One decoder built once: json.loads(..., parse_int=...) would build one per call.
_DIGEST_DECODER = json.JSONDecoder(parse_int=_jcs_int)


def _members(tree: Any) -> int:
    if isinstance(tree, (dict, list)):
        return len(tree)
    return 0


def json_tree(document: bytes) -> int:
    """Members of the top-level object or elements of the top-level array, 0 for a scalar."""
    return _members(json.loads(document))


def jcs_sha256(value: Any) -> str:
    """RFC 8785 canonical form of value, SHA-256, 64 lowercase hex digits."""
    return hashlib.sha256(rfc8785.dumps(value)).hexdigest()


def json_tree_digest(document: bytes) -> str:
    """Parse as json_tree (numbers as JCS sees them), canonicalise, hash."""
    tree = _DIGEST_DECODER.decode(document.decode("utf-8"))
    return jcs_sha256(tree)


# --- JSON: typed binding --------------------------------------------------------


class User(BaseModel):
    """The user record of OPS.md; unknown fields are ignored (pydantic's default)."""

    id: int
    email: str
    name: str
    password_hash: str
    roles: list[str]
    active: bool
    score: float
    created_at: str


Users = RootModel[list[User]]


def json_bind(document: bytes) -> list[User]:
    """Bind a JSON array of users, as FastAPI does with a request body."""
    return Users.model_validate_json(document).root


def json_bind_count(document: bytes) -> int:
    return len(json_bind(document))


def _jcs_record(record: dict[str, Any]) -> dict[str, Any]:
    # id is the only int field; beyond 2**53 it becomes a double, as in json_tree_digest.
    ident = record["id"]
    if not -_JCS_MAX_SAFE_INT <= ident <= _JCS_MAX_SAFE_INT:
        record["id"] = float(ident)
    return record


def json_bind_digest(document: bytes) -> str:
    """Bind, serialise the records with pydantic (model_dump), canonicalise, hash."""
    records = Users.model_validate_json(document).model_dump()
    return jcs_sha256([_jcs_record(r) for r in records])


# --- bcrypt (pyca) --------------------------------------------------------------

BCRYPT_MIN_COST = 4
BCRYPT_MAX_COST = 31
BCRYPT_MAX_PASSWORD = 72


def _check_bcrypt_cost(cost: int) -> None:
    if not BCRYPT_MIN_COST <= cost <= BCRYPT_MAX_COST:
        raise ValueError(f"bcrypt cost {cost} is outside {BCRYPT_MIN_COST}..{BCRYPT_MAX_COST}")


def _check_bcrypt_password(password: bytes) -> None:
    if not 1 <= len(password) <= BCRYPT_MAX_PASSWORD:
        raise ValueError(
            f"bcrypt password is {len(password)} bytes, outside 1..{BCRYPT_MAX_PASSWORD}"
        )


def bcrypt_hash(password: bytes, cost: int) -> bytes:
    """A fresh $2b$ hash of password at exactly this cost."""
    _check_bcrypt_cost(cost)
    _check_bcrypt_password(password)
    return bcrypt.hashpw(password, bcrypt.gensalt(rounds=cost))


def bcrypt_verify(password: bytes, hashed: bytes) -> bool:
    """True if password matches hashed; a malformed hash raises ValueError."""
    _check_bcrypt_password(password)
    try:
        return bcrypt.checkpw(password, hashed)
    except ValueError as e:
        raise ValueError(f"bcrypt hash is malformed: {e}") from e


# --- JWT HS256 (PyJWT) -----------------------------------------------------------

JWT_ALGORITHM = "HS256"


def _check_jwt_key(key: bytes) -> None:
    if not key:
        raise ValueError("JWT HMAC key is empty")


def jwt_sign(claims_json: bytes, key: bytes) -> str:
    """HS256 compact JWS of a JSON object of claims."""
    _check_jwt_key(key)
    claims = json.loads(claims_json)
    if not isinstance(claims, dict):
        raise ValueError(f"JWT claims must be a JSON object, not {type(claims).__name__}")
    return jwt.encode(claims, key, algorithm=JWT_ALGORITHM)


def jwt_verify(token: bytes, key: bytes) -> dict[str, Any]:
    """The claims of an HS256 token; bad signature, other algorithm, expired or
    malformed tokens raise a jwt.InvalidTokenError."""
    _check_jwt_key(key)
    return jwt.decode(token, key, algorithms=[JWT_ALGORITHM])


# --- versions and failure ---------------------------------------------------------

LIBRARIES = ("bcrypt", "PyJWT", "pydantic", "pydantic-core", "rfc8785")


def versions() -> dict[str, Any]:
    """Runtime and library versions, as installed (importlib.metadata), and sys.prefix."""
    return {
        "runtime": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": {name: metadata.version(name) for name in LIBRARIES},
        "prefix": sys.prefix,
    }


def fail(message: str) -> None:
    """Never returns: the error path under test."""
    raise RuntimeError(message)
