"""The adapter that native-py/lane.c calls: every op as (a: bytes, b: bytes, n: int) -> bytes.

lane.c looks up OP_NAMES once at start and caches each function by that name,
so cb_op_index(name) and these functions always agree. Results follow OPS.md:
decimal ASCII counts, b"1"/b"0" for verify, hex digests, UTF-8 JSON.
A failure is any exception; lane.c formats it with describe_error.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import warnings

import bcrypt
import jwt

from crossbench_py import ops

# PyJWT warns on every HS256 call with a key under 32 bytes; in a benchmark loop
# that is noise on the JVM's stderr. Only that warning class is silenced; errors
# still raise.
warnings.filterwarnings("ignore", category=jwt.InsecureKeyLengthWarning)

OP_NAMES = [
    "echo",
    "json_tree",
    "json_tree_digest",
    "json_bind",
    "json_bind_digest",
    "json_keep",
    "json_write",
    "json_write_digest",
    "json_release",
    "alloc_start",
    "alloc_stop",
    "bcrypt_hash",
    "bcrypt_verify",
    "jwt_sign",
    "jwt_verify",
    "http_keep",
    "http_run",
    "http_check",
    "http_release",
    "versions",
    "fail",
]


def echo(a: bytes, b: bytes, n: int) -> bytes:
    # a is already a Python-owned copy of the caller's bytes (lane.c built it).
    return a


# JSON ops: n is the library (0 usual, 1 fast), or the handle of kept records.


def json_tree(a: bytes, b: bytes, n: int) -> bytes:
    return b"%d" % ops.json_tree(a, n)


def json_tree_digest(a: bytes, b: bytes, n: int) -> bytes:
    return ops.json_tree_digest(a, n).encode("ascii")


def json_bind(a: bytes, b: bytes, n: int) -> bytes:
    return b"%d" % ops.json_bind_count(a, n)


def json_bind_digest(a: bytes, b: bytes, n: int) -> bytes:
    return ops.json_bind_digest(a, n).encode("ascii")


def json_keep(a: bytes, b: bytes, n: int) -> bytes:
    return b"%d" % ops.json_keep(a, n)


def json_write(a: bytes, b: bytes, n: int) -> bytes:
    return b"%d" % ops.json_write(n)


def json_write_digest(a: bytes, b: bytes, n: int) -> bytes:
    return ops.json_write_digest(a, n).encode("ascii")


def json_release(a: bytes, b: bytes, n: int) -> bytes:
    ops.json_release(n)
    return b""


def alloc_start(a: bytes, b: bytes, n: int) -> bytes:
    # lane.c answers alloc_start and alloc_stop itself (PyMem_SetAllocator hooks);
    # these run only when lane.py is called without it.
    raise RuntimeError("alloc_start counts through lane.c's allocator hooks: call it through libcrossbench_py")


def alloc_stop(a: bytes, b: bytes, n: int) -> bytes:
    raise RuntimeError("alloc_stop counts through lane.c's allocator hooks: call it through libcrossbench_py")


def bcrypt_hash(a: bytes, b: bytes, n: int) -> bytes:
    return ops.bcrypt_hash(a, n)


def bcrypt_verify(a: bytes, b: bytes, n: int) -> bytes:
    return b"1" if ops.bcrypt_verify(a, b) else b"0"


def jwt_sign(a: bytes, b: bytes, n: int) -> bytes:
    return ops.jwt_sign(a, b).encode("ascii")


def jwt_verify(a: bytes, b: bytes, n: int) -> bytes:
    return ops.jwt_verify(a, b)  # the payload exactly as signed


# HTTP ops (OPS.md, Requests): a is a raw request, b the app, n the tier
# (HTTP_TIERS[n]) or the handle of a kept request.

HTTP_TIERS = ("handler", "framework", "server", "server-caller")
# The apps with code of their own (web.APPS): the as-written login differs here.
HTTP_APPS = ("equalised", "as-written")
_tiers = None  # crossbench_py.tiers, once the first http op has imported it


def _http():
    """crossbench_py.tiers, imported by the first http op: it brings FastAPI,
    Starlette, uvicorn and httptools, which forks that time no request never load."""
    global _tiers
    if _tiers is None:
        from crossbench_py import tiers

        _tiers = tiers
    return _tiers


def _tier(n: int) -> str:
    if not 0 <= n < len(HTTP_TIERS):
        raise ValueError(f"no HTTP tier {n}; tiers: " + ", ".join(f"{i} {t}" for i, t in enumerate(HTTP_TIERS)))
    return HTTP_TIERS[n]


def _app(b: bytes) -> str:
    return b.decode("ascii", errors="replace")


def http_keep(a: bytes, b: bytes, n: int) -> bytes:
    return b"%d" % _http().keep(a, _app(b), _tier(n))


def http_run(a: bytes, b: bytes, n: int) -> bytes:
    return b"%d %d" % _http().run(n)


def http_check(a: bytes, b: bytes, n: int) -> bytes:
    status, content_type, body = _http().check(a, _app(b), _tier(n))
    return b"%d\n%s\n%s" % (status, content_type.encode("latin-1"), body)


def http_release(a: bytes, b: bytes, n: int) -> bytes:
    _http().release(n)
    return b""


def versions(a: bytes, b: bytes, n: int) -> bytes:
    # "ops" tells the Java side which ops this library answers (OPS.md, versions);
    # "http_tiers" the tiers its http ops serve; "http_apps" the apps with code
    # of their own: both, since the as-written login is async with cost 12.
    return json.dumps({**ops.versions(), "ops": OP_NAMES, "http_tiers": list(HTTP_TIERS), "http_apps": list(HTTP_APPS)},
                      ensure_ascii=False).encode("utf-8")


def fail(a: bytes, b: bytes, n: int) -> bytes:
    # n (mode) is ignored: Python has only the one way to fail (Go's mode 1 is a SIGSEGV).
    ops.fail(a.decode("utf-8", errors="replace"))
    raise AssertionError("unreachable")


def noop() -> None:
    """cb_noop's target: the cost of taking the GIL and calling Python, no work."""


def describe_error(exc: BaseException) -> str:
    """'Type: message' on the first line, then the formatted traceback."""
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip("\n")
    return f"{name}: {exc}\n{trace}"


def _within(path: str, directory: str) -> bool:
    path, directory = os.path.realpath(path), os.path.realpath(directory)
    return os.path.commonpath([path, directory]) == directory


def check_runtime(python: str, path: str) -> None:
    """Called once by cb_start: the embedded interpreter must be the venv of
    `python` and import the lane's code from `path` and its libraries from the venv."""
    venv = os.path.dirname(os.path.dirname(python))
    if sys.prefix == sys.base_prefix or not _within(sys.prefix, venv) or not _within(venv, sys.prefix):
        raise RuntimeError(
            f"embedded Python is not running in the venv {venv}: sys.prefix={sys.prefix}, "
            f"sys.base_prefix={sys.base_prefix}"
        )
    check_imports(sys.prefix, path)


def check_imports(libraries: str, path: str) -> None:
    """The lane's libraries were imported from under `libraries` (the venv),
    and its own code from `path`. Jep, whose interpreter is not the venv's
    (its sys.prefix is the base CPython's), checks this alone."""
    for module in (bcrypt, jwt, sys.modules["pydantic_core"], sys.modules["rfc8785"], sys.modules["orjson"], sys.modules["msgspec"]):
        if not _within(module.__file__, libraries):
            raise RuntimeError(f"{module.__name__} was imported from {module.__file__}, outside {libraries}")
    if not _within(ops.__file__, path):
        raise RuntimeError(f"crossbench_py was imported from {ops.__file__}, not from {path}")
