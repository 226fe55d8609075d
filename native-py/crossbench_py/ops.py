"""The ops of OPS.md as plain typed functions, each with its library's usual call.

Usable on its own (tests, pyperf-style timing) and through lane.py from the
embedded interpreter. Every function checks its own inputs as OPS.md asks, so
the numbers measured here and through JNI are of the same work.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import platform
import re
import sys
from importlib import metadata
from typing import Annotated, Any, Callable, NamedTuple

import bcrypt
import jwt
import msgspec
import orjson
import rfc8785
from pydantic import BaseModel, Field, RootModel, TypeAdapter

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


def _jcs_number(value: int) -> int | float:
    """An int as JCS reads it: ints a double holds exactly stay ints, others
    become the nearest double (what Go's float64 and Jackson's double give);
    beyond the double range, an error."""
    if -_JCS_MAX_SAFE_INT <= value <= _JCS_MAX_SAFE_INT:
        return value
    as_double = float(value) if value.bit_length() <= 1024 else math.inf
    if math.isinf(as_double):
        raise ValueError(f"number out of the double range: a {value.bit_length()}-bit integer")
    return as_double


def _jcs_int(text: str) -> int | float:
    """parse_int for the digest path."""
    _check_number_length(text)
    return _jcs_number(int(text))


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


def _json_tree(document: bytes) -> Any:
    """json's tree. Checks what costs nothing measurable (strict UTF-8, which also
    rejects a BOM, and NaN/Infinity); json's own leniency with lone surrogate
    escapes, numbers beyond the double range and nesting up to the recursion
    limit stays in the timed op, and the digest ops enforce the whole contract (OPS.md)."""
    return _TREE_DECODER.decode(document.decode("utf-8"))


def json_tree(document: bytes, library: int = 0) -> int:
    """Members of the top-level object or elements of the top-level array, 0 for a
    scalar, after parsing with JSON library `library` (0 json, 1 orjson)."""
    if len(document) > MAX_DOCUMENT_BYTES:  # inline: a call would cost 3% of small
        _check_size(document)
    if library == 0:  # _json_tree inline: the table's lookup and call cost ~60 ns, 2% of small
        return _members(_TREE_DECODER.decode(document.decode("utf-8")))
    return _members(_LIBRARIES[library].tree(document))


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


def _jcs_tree(tree: Any) -> Any:
    """A library's tree with numbers as JCS reads them (orjson keeps ints up to
    64 bits exact; the contract reads them as doubles beyond 2**53)."""
    kind = type(tree)
    if kind is int:
        return _jcs_number(tree)
    if kind is list:
        return [_jcs_tree(v) for v in tree]
    if kind is dict:
        return {k: _jcs_tree(v) for k, v in tree.items()}
    return tree


def json_tree_digest(document: bytes, library: int = 0) -> str:
    """Check the document against the whole contract, parse it with the library,
    canonicalise its tree, hash."""
    chosen = _LIBRARIES[library]
    tree = _contract_tree(document)
    # The contract's tree is json's own (its hooks read numbers as JCS does);
    # another library's tree is its own parse of the checked document.
    if chosen is _USUAL:
        return jcs_sha256(tree)
    tree = chosen.tree(document)
    try:
        return jcs_sha256(tree)
    except rfc8785.IntegerDomainError:
        # An int beyond 2**53 (rfc8785 refuses them): only then walk the tree,
        # which costs a tenth of the digest on a 1,000,000-member object.
        return jcs_sha256(_jcs_tree(tree))


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
# pydantic's own serialiser for the bound list (dump_json gives bytes, RootModel's model_dump_json a str).
_USER_LIST = TypeAdapter(list[User])


def _pydantic_bind(document: bytes) -> list[User]:
    return Users.model_validate_json(document).root


class FastUser(msgspec.Struct):
    """The user record as a msgspec Struct (strict: msgspec's default). Unknown
    fields are ignored (its default too). id is an int64 (msgspec reads any
    integer); score needs no check: msgspec's JSON decoder refuses 1e400 itself
    ("Number out of range") and NaN is not JSON to it."""

    id: Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
    email: str
    name: str
    password_hash: str
    roles: list[str]
    active: bool
    score: float
    created_at: str


_FAST_DECODER = msgspec.json.Decoder(list[FastUser])
_FAST_ENCODER = msgspec.json.Encoder()


class _Library(NamedTuple):
    """One JSON library role (OPS.md: n selects it): how it parses, binds and
    writes. The digest ops and the contract check are shared by every role."""

    role: str  # versions' name for it
    names: dict[str, str]  # op kind -> library name, for versions' json_libraries
    tree: Callable[[bytes], Any]  # document -> generic tree
    bind: Callable[[bytes], Any]  # document -> list of typed records
    write: Callable[[Any], bytes]  # typed records -> JSON bytes
    builtins: Callable[[Any], list[dict[str, Any]]]  # typed records -> dicts, for the digest


class _Libraries(dict):
    def __missing__(self, library: int) -> _Library:
        raise ValueError(f"no JSON library {library} in the python lane")


_USUAL = _Library("usual", {"tree": "json", "bind": "pydantic", "write": "pydantic"},
                  _json_tree, _pydantic_bind, _USER_LIST.dump_json, _USER_LIST.dump_python)
_FAST = _Library("fast", {"tree": "orjson", "bind": "msgspec", "write": "msgspec"},
                 orjson.loads, _FAST_DECODER.decode, _FAST_ENCODER.encode, msgspec.to_builtins)
# n of the JSON ops -> library.
_LIBRARIES = _Libraries({0: _USUAL, 1: _FAST})


def json_bind(document: bytes, library: int = 0) -> list[Any]:
    """Bind a JSON array of users, as FastAPI (pydantic) or Litestar (msgspec)
    does with a request body."""
    if len(document) > MAX_DOCUMENT_BYTES:  # inline: a call would cost 3% of small
        _check_size(document)
    if library == 0:  # _pydantic_bind inline, as json_tree inlines json
        return Users.model_validate_json(document).root
    return _LIBRARIES[library].bind(document)


def json_bind_count(document: bytes, library: int = 0) -> int:
    return len(json_bind(document, library))


def _jcs_record(record: dict[str, Any]) -> dict[str, Any]:
    # id is the only int field; beyond 2**53 it becomes a double, as in json_tree_digest.
    record["id"] = _jcs_number(record["id"])
    return record


def json_bind_digest(document: bytes, library: int = 0) -> str:
    """Check the document against the whole contract, bind, turn the records into
    plain values with the same library, canonicalise, hash."""
    chosen = _LIBRARIES[library]
    _contract_tree(document)
    records = chosen.builtins(chosen.bind(document))
    return jcs_sha256([_jcs_record(r) for r in records])


# --- JSON: kept records and writing them ------------------------------------------

# handle -> (library, records). The records are never changed after json_keep,
# and single dict operations are atomic under the GIL, so several threads may
# write one handle at once.
_KEPT: dict[int, tuple[_Library, Any]] = {}
_HANDLES = itertools.count(1)


def json_keep(document: bytes, library: int = 0) -> int:
    """Bind as json_bind does and keep the records; returns their handle."""
    records = json_bind(document, library)
    handle = next(_HANDLES)
    _KEPT[handle] = (_LIBRARIES[library], records)
    return handle


def _kept(handle: int) -> tuple[_Library, Any]:
    try:
        return _KEPT[handle]
    except KeyError:
        raise ValueError(f"no kept records {handle}") from None


def json_write(handle: int) -> int:
    """Serialise the kept records with the library that bound them (a response
    body); returns its length in bytes."""
    chosen, records = _kept(handle)
    return len(chosen.write(records))


def json_write_records(records: Any, library: int = 0) -> bytes:
    """Serialise records bound by json_bind with the same library: the body the
    web stack's /items writes (OPS.md, Requests)."""
    return _LIBRARIES[library].write(records)


def json_release(handle: int) -> None:
    if _KEPT.pop(handle, None) is None:
        raise ValueError(f"no kept records {handle}")


def json_write_digest(document: bytes, library: int = 0) -> str:
    """Check the document against the whole contract, bind and write with the
    library, then digest what it wrote through the contract's strict parse: for
    every accepted document, json_bind_digest of the same library."""
    chosen = _LIBRARIES[library]
    _contract_tree(document)
    return jcs_sha256(_contract_tree(chosen.write(chosen.bind(document))))


# --- bcrypt (pyca) --------------------------------------------------------------

# Cost 20 takes about a minute on 2 cores and each step doubles it (31 would be
# about 36 hours): no op, hashing or verifying, runs above 20 (OPS.md).
BCRYPT_MIN_COST = 4
BCRYPT_MAX_COST = 20
BCRYPT_MAX_PASSWORD = 72

# 60 bytes: $2a$, $2b$ or $2y$, two cost digits, 53 characters of bcrypt's base64.
_BCRYPT_HASH = re.compile(rb"\$2[aby]\$([0-9]{2})\$[./A-Za-z0-9]{53}")
_BCRYPT_ALPHABET = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# Last characters of the 22-character salt (2 bits unused) and the 31-character
# hash (4 bits unused) whose unused bits are zero: the canonical spellings.
_BCRYPT_SALT_LAST = frozenset(_BCRYPT_ALPHABET[::16])
_BCRYPT_HASH_LAST = frozenset(_BCRYPT_ALPHABET[::4])


def _check_bcrypt_cost(cost: int) -> None:
    if not BCRYPT_MIN_COST <= cost <= BCRYPT_MAX_COST:
        raise ValueError(f"bcrypt cost {cost} is outside {BCRYPT_MIN_COST}..{BCRYPT_MAX_COST}")


def check_bcrypt_password(password: bytes) -> None:
    if not 1 <= len(password) <= BCRYPT_MAX_PASSWORD:
        raise ValueError(
            f"bcrypt password is {len(password)} bytes, outside 1..{BCRYPT_MAX_PASSWORD}"
        )


def check_bcrypt_hash(hashed: bytes) -> None:
    """The hash format of OPS.md; pyca bcrypt says False, not an error, for
    some malformed hashes ($2b$4$..., a hash with unused bits set)."""
    match = _BCRYPT_HASH.fullmatch(hashed)
    if match is None:
        raise ValueError(
            f"bcrypt hash is malformed: not 60 bytes of $2a$, $2b$ or $2y$, two cost digits and bcrypt base64: {hashed[:80]!r}"
        )
    cost = int(match.group(1))
    if not BCRYPT_MIN_COST <= cost <= BCRYPT_MAX_COST:
        raise ValueError(f"bcrypt hash has cost {cost}, outside {BCRYPT_MIN_COST}..{BCRYPT_MAX_COST}")
    if hashed[28] not in _BCRYPT_SALT_LAST or hashed[59] not in _BCRYPT_HASH_LAST:
        raise ValueError("bcrypt hash is malformed: its salt or hash sets unused bits")


def bcrypt_hash(password: bytes, cost: int) -> bytes:
    """A fresh $2b$ hash of password at exactly this cost."""
    _check_bcrypt_cost(cost)
    check_bcrypt_password(password)
    return bcrypt.hashpw(password, bcrypt.gensalt(rounds=cost))


def bcrypt_verify(password: bytes, hashed: bytes) -> bool:
    """True if password matches hashed; a malformed hash raises ValueError."""
    check_bcrypt_password(password)
    check_bcrypt_hash(hashed)
    try:
        return bcrypt.checkpw(password, hashed)
    except ValueError as e:
        raise ValueError(f"bcrypt hash is malformed: {e}") from e


# --- JWT HS256 (PyJWT) -----------------------------------------------------------

JWT_ALGORITHM = "HS256"
# Bounds of OPS.md, "Hashes and tokens every lane treats the same".
JWT_MAX_TOKEN = 65536  # characters of a token, verified or written
JWT_MAX_CLAIMS = 65536  # bytes of the claims a token is signed from
JWT_MAX_DEPTH = 64  # nesting of objects and arrays in a token's JSON
JWT_MAX_NUMBER = 100  # characters of one number literal in a token's JSON
JWT_MAX_DATE = 253402300799  # exp, nbf, iat: 9999-12-31T23:59:59Z
_INT64 = 2**63

# {"alg":"HS256","typ":"JWT"}, the header every lane writes; it meets every
# rule, so verify checks other headers only.
_STANDARD_HEADER = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
# The token's bytes: base64url and the dots (bytes.translate deletes these at C
# speed; anything left is refused). A segment of 4k+2 characters must end in
# one whose 4 unused bits are zero, one of 4k+3 in one whose 2 are.
_TOKEN_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
_LAST_OF_2 = frozenset(_TOKEN_BYTES[:64:16])
_LAST_OF_3 = frozenset(_TOKEN_BYTES[:64:4])
_NUMBER_RUN = re.compile(rb"[-+.eE0-9]{%d}" % (JWT_MAX_NUMBER + 1))


def _check_jwt_key(key: bytes) -> None:
    if not key:
        raise ValueError("JWT HMAC key is empty")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise ValueError(f"number {text} is beyond a double")
    return value


def _sign_int(text: str) -> int:
    value = int(text)
    if not -_INT64 <= value < _INT64:
        raise ValueError(f"integer {text} does not fit in 64 bits")
    return value


# json.loads on bytes guesses UTF-16/32, skips a BOM, lets CESU-8 surrogates
# through and takes NaN; these decoders read str that was strictly UTF-8.
_TOKEN_DECODER = json.JSONDecoder(parse_constant=_no_constant)
# golang-jwt reads a header's numbers as float64: none may overflow a double.
_HEADER_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite_float)
# Claims to sign: every number literal judged, even one a repeated name replaces
# (as the Java and Go lanes judge the text). The int hook costs less than a
# regex looking for 19-digit runs first.
_CLAIMS_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite_float, parse_int=_sign_int)


def _scan_token_json(text: str) -> None:
    """The rules a parser does not apply (nesting, number length, lone
    surrogate escapes), in Python: only for JSON the cheap tests flag."""
    depth = number = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            number = 0
            i += 1
            while i < n and text[i] != '"':
                if text[i] == "\\":
                    if text[i + 1 : i + 2] == "u":
                        r = _hex4(text, i + 2)
                        if 0xDC00 <= r <= 0xDFFF:
                            raise ValueError("a lone surrogate escape")
                        if 0xD800 <= r <= 0xDBFF:
                            if text[i + 6 : i + 8] != "\\u" or not 0xDC00 <= _hex4(text, i + 8) <= 0xDFFF:
                                raise ValueError("a lone surrogate escape")
                            i += 6
                        i += 5
                    else:
                        i += 1
                i += 1
        elif c in "{[":
            number = 0
            depth += 1
            if depth > JWT_MAX_DEPTH:
                raise ValueError(f"nested deeper than {JWT_MAX_DEPTH}")
        elif c in "}]":
            number = 0
            depth -= 1
        elif c in "0123456789-+.eE":
            number += 1
            if number > JWT_MAX_NUMBER:
                raise ValueError(f"a number longer than {JWT_MAX_NUMBER} characters")
        else:
            number = 0
        i += 1


def _hex4(text: str, i: int) -> int:
    digits = text[i : i + 4]
    if len(digits) != 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
        return -1
    return int(digits, 16)


def _token_json(raw: bytes, decoder: json.JSONDecoder) -> dict[str, Any]:
    """A token's header or claims as OPS.md reads them: strict UTF-8, one JSON
    object, nesting and numbers bounded, no lone surrogates."""
    text = raw.decode("utf-8")  # strict: no CESU-8, no overlong forms
    if raw.count(b"{") + raw.count(b"[") > JWT_MAX_DEPTH or b"\\u" in raw or _NUMBER_RUN.search(raw):
        _scan_token_json(text)
    value = decoder.decode(text)  # whitespace around, nothing else after
    if type(value) is not dict:
        raise ValueError(f"must be a JSON object, not {type(value).__name__}")
    return value


def _check_segments(token: bytes) -> None:
    if len(token) > JWT_MAX_TOKEN:
        raise jwt.DecodeError(f"token is {len(token)} characters, over {JWT_MAX_TOKEN}")
    if token.translate(None, _TOKEN_BYTES):
        raise jwt.DecodeError("token is not base64url without padding")
    segments = token.split(b".")
    if len(segments) != 3:
        raise jwt.DecodeError(f"token has {len(segments)} segments, not 3")
    for segment in segments:
        rest = len(segment) % 4
        if not segment or rest == 1 or (rest == 2 and segment[-1] not in _LAST_OF_2) or (rest == 3 and segment[-1] not in _LAST_OF_3):
            raise jwt.DecodeError("token has a segment that is not canonical base64url")
    header = segments[0]
    if header != _STANDARD_HEADER:
        try:
            header = _token_json(base64.urlsafe_b64decode(header + b"=" * (-len(header) % 4)), _HEADER_DECODER)
        except ValueError as e:
            raise jwt.DecodeError(f"Invalid header: {e}") from e
        if "crit" in header or "b64" in header:
            raise jwt.DecodeError("header asks for crit or b64, which no lane supports")
        if "kid" in header and type(header["kid"]) is not str:
            raise jwt.DecodeError("header kid must be a string")


def _check_claims(claims: dict[str, Any]) -> None:
    for name in ("exp", "nbf", "iat"):
        if name in claims:
            value = claims[name]
            if type(value) not in (int, float) or not 0 <= value <= JWT_MAX_DATE:
                raise jwt.DecodeError(f"{name} must be a number in 0..{JWT_MAX_DATE}, not {value!r}")
    if "aud" in claims:
        raise jwt.InvalidAudienceError("aud is present and this verifier has no audience (RFC 7519, 4.1.3)")
    for name in ("iss", "sub", "jti"):
        if name in claims and type(claims[name]) is not str:
            raise jwt.DecodeError(f"{name} must be a string")


class _ContractJWT(jwt.PyJWT):
    """PyJWT reading claims by OPS.md's rules (through the hook PyJWT offers for
    that) and keeping the payload as signed, which jwt_verify returns."""

    def _decode_payload(self, decoded: dict[str, Any]) -> dict[str, Any]:
        raw = decoded["payload"]
        try:
            claims = _token_json(raw, _TOKEN_DECODER)
        except (ValueError, RecursionError) as e:
            raise jwt.DecodeError(f"Invalid payload: {e}") from e
        _check_claims(claims)
        decoded["claims_json"] = raw
        return claims


_JWT = _ContractJWT()


def jwt_sign(claims_json: bytes, key: bytes) -> str:
    """HS256 compact JWS of a JSON object of claims."""
    _check_jwt_key(key)
    if len(claims_json) > JWT_MAX_CLAIMS:
        raise ValueError(f"JWT claims are {len(claims_json)} bytes, over {JWT_MAX_CLAIMS}")
    try:
        claims = _token_json(claims_json, _CLAIMS_DECODER)
    except ValueError as e:
        raise ValueError(f"JWT claims: {e}") from e
    if "iss" in claims and type(claims["iss"]) is not str:
        raise ValueError("JWT claims: iss must be a string")  # PyJWT writes no other
    token = jwt.encode(claims, key, algorithm=JWT_ALGORITHM)
    if len(token) > JWT_MAX_TOKEN:
        raise ValueError(f"JWT token would be {len(token)} characters, over {JWT_MAX_TOKEN}")
    return token


def jwt_verify(token: bytes, key: bytes) -> bytes:
    """The payload of an HS256 token exactly as signed; a bad signature, other
    algorithm, expired or malformed token raises a jwt.InvalidTokenError."""
    _check_jwt_key(key)
    _check_segments(token)
    return _JWT.decode_complete(token, key, algorithms=[JWT_ALGORITHM])["claims_json"]


def jwt_verify_claims(token: bytes, key: bytes, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The claims of an HS256 token verified as jwt_verify verifies it, each
    claim named in required present (PyJWT's require option)."""
    _check_jwt_key(key)
    _check_segments(token)
    return _JWT.decode(token, key, algorithms=[JWT_ALGORITHM], options={"require": list(required)})


# --- versions and failure ---------------------------------------------------------

# The web stack's four (OPS.md, Requests) are imported only by the first http op.
LIBRARIES = ("bcrypt", "fastapi", "httptools", "msgspec", "orjson", "PyJWT", "pydantic", "pydantic-core",
             "rfc8785", "starlette", "uvicorn")


def versions() -> dict[str, Any]:
    """Runtime and library versions, as installed (importlib.metadata), the JSON
    library of each role (json, the standard library, has the Python version),
    sys.prefix (the venv) and the interpreter the venv was made from
    (-Dcrossbench.python picks it), so a run records which CPython it measured."""
    return {
        "runtime": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": {"json": platform.python_version(), **{name: metadata.version(name) for name in LIBRARIES}},
        "json_libraries": {library.role: dict(library.names) for library in _LIBRARIES.values()},
        "prefix": sys.prefix,
        "interpreter": sys._base_executable,
    }


def fail(message: str) -> None:
    """Never returns: the error path under test."""
    raise RuntimeError(message)
