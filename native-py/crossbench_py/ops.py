"""The ops of OPS.md as plain typed functions, each with its library's usual call.

Usable on its own (tests, pyperf-style timing) and through lane.py from the
embedded interpreter. Every function checks its own inputs as OPS.md asks, so
the numbers measured here and through JNI are of the same work.
"""

from __future__ import annotations

import hashlib
import json
import math
import platform
import sys
from importlib import metadata
from typing import Any

import bcrypt
import jwt
import rfc8785
from pydantic import BaseModel, Field, RootModel

# --- JSON: generic tree -------------------------------------------------------

# The limits of OPS.md ("JSON documents every lane treats the same").
MAX_DOCUMENT_BYTES = 64 << 20
# pydantic-core's parser stops at 201 levels (the outermost container is level 1).
MAX_DEPTH = 201
# Jackson's default limit on a number literal.
MAX_NUMBER_CHARS = 1000

# JCS (RFC 8785) models every number as an IEEE-754 double, as the Go and Java
# lanes do; rfc8785 refuses ints beyond +-(2**53 - 1) instead of rounding them.
_JCS_MAX_SAFE_INT = 2**53 - 1


def _check_number_length(text: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number literal longer than {MAX_NUMBER_CHARS} characters")


def _jcs_int(text: str) -> int | float:
    """parse_int for the digest path: ints a double holds exactly stay ints,
    others become the nearest double (what Go's float64 and Jackson's double give);
    beyond the double range, an error."""
    _check_number_length(text)
    value = int(text)
    if -_JCS_MAX_SAFE_INT <= value <= _JCS_MAX_SAFE_INT:
        return value
    as_double = float(value) if value.bit_length() <= 1024 else math.inf
    if math.isinf(as_double):
        raise ValueError(f"number out of the double range: a {value.bit_length()}-bit integer")
    return as_double


def _jcs_float(text: str) -> float:
    """parse_float for the digest path: a finite double, or an error (json gives inf for 1e400)."""
    _check_number_length(text)
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number out of the double range: {text[:40]}")
    return value


def _no_constant(name: str) -> Any:
    """parse_constant: NaN, Infinity and -Infinity are not JSON (RFC 8259); json accepts them."""
    raise ValueError(f"{name} is not a JSON value")


# Decoders built once: json.loads(..., parse_int=...) would build one per call.
# The timed op's decoder differs from json's default only in parse_constant,
# which json calls for NaN/Infinity alone, so it costs nothing on other documents.
_TREE_DECODER = json.JSONDecoder(parse_constant=_no_constant)
def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """object_pairs_hook for the digest path: a member name twice in an object
    is not I-JSON (RFC 8785 requires it); json would keep the last silently."""
    members = dict(pairs)
    if len(members) != len(pairs):
        seen: set[str] = set()
        name = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(f"a duplicate member name {name!r}")
    return members


_DIGEST_DECODER = json.JSONDecoder(
    parse_int=_jcs_int,
    parse_float=_jcs_float,
    parse_constant=_no_constant,
    object_pairs_hook=_unique_members,
)


def _check_size(document: bytes) -> None:
    if len(document) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"document is {len(document)} bytes, over the limit of {MAX_DOCUMENT_BYTES}")


def _utf8_text(document: bytes) -> str:
    """The document as text: strict UTF-8 (no overlong forms, no encoded surrogates),
    no other encoding. json.loads on bytes would also take UTF-16/32, a BOM and CESU-8."""
    _check_size(document)
    return document.decode("utf-8")


def _members(tree: Any) -> int:
    if isinstance(tree, (dict, list)):
        return len(tree)
    return 0


def json_tree(document: bytes) -> int:
    """Members of the top-level object or elements of the top-level array, 0 for a scalar.

    Checks what costs nothing measurable (size, strict UTF-8, which also rejects a
    BOM, and NaN/Infinity); json's own leniency with lone surrogate escapes, numbers
    beyond the double range and nesting up to the recursion limit stays in this
    timed op, and the digest ops enforce the whole contract (OPS.md)."""
    if len(document) > MAX_DOCUMENT_BYTES:  # inline: a call would cost 3% of small
        _check_size(document)
    return _members(_TREE_DECODER.decode(document.decode("utf-8")))


def _check_tree(tree: Any) -> None:
    """Nesting at most MAX_DEPTH, and no lone surrogate (json turns "\\ud800" into one)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
            for key in node:
                _check_text(key)
        elif isinstance(node, list):
            children = node
        else:
            if isinstance(node, str):
                _check_text(node)
            continue
        if depth > MAX_DEPTH:
            raise ValueError(f"nesting deeper than {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"a lone surrogate escape \\u{ord(text[e.start]):04x}") from None


def _contract_tree(document: bytes) -> Any:
    """The tree of a document that keeps every rule of OPS.md's JSON contract, or an error."""
    tree = _DIGEST_DECODER.decode(_utf8_text(document))
    _check_tree(tree)
    return tree


def jcs_sha256(value: Any) -> str:
    """RFC 8785 canonical form of value, SHA-256, 64 lowercase hex digits."""
    return hashlib.sha256(rfc8785.dumps(value)).hexdigest()


def json_tree_digest(document: bytes) -> str:
    """Parse as json_tree (numbers as JCS sees them) under the whole contract, canonicalise, hash."""
    return jcs_sha256(_contract_tree(document))


# --- JSON: typed binding --------------------------------------------------------


class User(BaseModel):
    """The user record of OPS.md; unknown fields are ignored (pydantic's default).
    id is an int64 and score a finite double, as in the Java and Go lanes."""

    id: int = Field(ge=-(2**63), le=2**63 - 1)
    email: str
    name: str
    password_hash: str
    roles: list[str]
    active: bool
    score: float = Field(allow_inf_nan=False)
    created_at: str


Users = RootModel[list[User]]


def json_bind(document: bytes) -> list[User]:
    """Bind a JSON array of users, as FastAPI does with a request body."""
    if len(document) > MAX_DOCUMENT_BYTES:  # inline: a call would cost 3% of small
        _check_size(document)
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
    """Check the document against the whole contract, bind, serialise the records
    with pydantic (model_dump), canonicalise, hash."""
    _contract_tree(document)
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
