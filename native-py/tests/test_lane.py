"""lane.py: the bytes each op returns to the C glue, as OPS.md documents them."""

import hashlib
import json
import pathlib
import re
import subprocess
import sys
import time

import pytest

from crossbench_py import lane

KEY = b"s" * 32
ROOT = pathlib.Path(__file__).resolve().parent.parent


def call(name: str, a: bytes = b"", b: bytes = b"", n: int = 0) -> bytes:
    result = getattr(lane, name)(a, b, n)
    assert type(result) is bytes
    return result


def test_every_op_name_is_unique_and_has_a_function():
    assert len(set(lane.OP_NAMES)) == len(lane.OP_NAMES)
    for name in lane.OP_NAMES:
        assert callable(getattr(lane, name))


def test_the_lane_answers_exactly_the_ops_of_ops_txt():
    # lane-abi/ops.txt is the op list as Java's Op writes it (crossbench ops; LaneOpsTest keeps it so).
    ops_txt = pathlib.Path(__file__).resolve().parents[2] / "lane-abi" / "ops.txt"
    listed = [line.strip() for line in ops_txt.read_text(encoding="ascii").splitlines() if line.strip()]
    assert sorted(lane.OP_NAMES) == sorted(listed)


def test_echo():
    assert call("echo", b"\x00abc\xff") == b"\x00abc\xff"
    assert call("echo", b"") == b""


def test_json_counts_are_decimal_ascii():
    assert call("json_tree", b'{"a": 1, "b": 2}') == b"2"
    assert call("json_tree", b"7") == b"0"
    user = {"id": 1, "email": "e", "name": "n", "password_hash": "h", "roles": [],
            "active": False, "score": 0.5, "created_at": "t"}
    assert call("json_bind", json.dumps([user] * 3).encode()) == b"3"


@pytest.mark.parametrize("n", [0, 1])
def test_json_ops_take_the_library_in_n(n):
    user = {"id": 1, "email": "e", "name": "n", "password_hash": "h", "roles": [],
            "active": False, "score": 0.5, "created_at": "t"}
    document = json.dumps([user] * 3).encode()
    assert call("json_tree", document, n=n) == b"3"
    assert call("json_bind", document, n=n) == b"3"
    digest = call("json_bind_digest", document, n=n)
    assert call("json_write_digest", document, n=n) == digest == call("json_tree_digest", document, n=n)
    handle = call("json_keep", document, n=n)
    assert re.fullmatch(rb"[1-9][0-9]*", handle)
    written = call("json_write", n=int(handle))
    assert int(written) == len(json.dumps([user] * 3, separators=(",", ":")).encode())
    assert call("json_release", n=int(handle)) == b""
    with pytest.raises(ValueError, match=f"^no kept records {int(handle)}$"):
        call("json_write", n=int(handle))


def test_no_other_json_library():
    with pytest.raises(ValueError, match="^no JSON library 2 in the python lane$"):
        call("json_tree", b"[]", n=2)


def test_alloc_ops_need_the_c_glue():
    # lane.c answers them (tests/test_alloc.py); called on their own they say so.
    for name in ("alloc_start", "alloc_stop"):
        with pytest.raises(RuntimeError, match="lane.c"):
            call(name)


def test_digests_are_lowercase_hex():
    assert call("json_tree_digest", b'{"b":1,"a":2}') == hashlib.sha256(b'{"a":2,"b":1}').hexdigest().encode()
    assert re.fullmatch(rb"[0-9a-f]{64}", call("json_bind_digest", b"[]"))
    assert call("json_bind_digest", b"[]") == hashlib.sha256(b"[]").hexdigest().encode()


def test_bcrypt_hash_and_verify():
    hashed = call("bcrypt_hash", b"pw", n=4)
    assert hashed.startswith(b"$2b$04$")
    assert call("bcrypt_verify", b"pw", hashed) == b"1"
    assert call("bcrypt_verify", b"nope", hashed) == b"0"
    with pytest.raises(ValueError, match="bcrypt cost 3 is outside 4..20"):
        call("bcrypt_hash", b"pw", n=3)


def test_jwt_sign_and_verify_return_compact_claims():
    claims = {"sub": "ü", "exp": int(time.time()) + 600}
    token = call("jwt_sign", json.dumps(claims).encode(), KEY)
    assert re.fullmatch(rb"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", token)
    verified = call("jwt_verify", token, KEY)
    # the payload exactly as signed: PyJWT writes compact JSON, non-ASCII escaped
    assert verified == json.dumps(claims, separators=(",", ":")).encode("ascii")
    assert json.loads(verified) == claims


def test_short_key_does_not_warn():
    # pytest resets warning filters around each test, so check in a fresh interpreter
    # where every other warning is an error and stderr must stay empty.
    script = (
        "from crossbench_py import lane\n"
        "t = lane.jwt_sign(b'{\"a\":1}', b'short', 0)\n"
        "assert lane.jwt_verify(t, b'short', 0) == b'{\"a\":1}'\n"
    )
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_versions():
    info = json.loads(call("versions"))
    assert info["runtime"] == "CPython " + ".".join(map(str, sys.version_info[:3]))
    assert set(info["libraries"]) == {"bcrypt", "json", "msgspec", "orjson", "PyJWT", "pydantic", "pydantic-core", "rfc8785",
                                      "fastapi", "starlette", "uvicorn", "httptools"}
    assert info["libraries"]["bcrypt"] == "5.0.0"
    assert info["libraries"]["fastapi"] == "0.162.5"
    assert info["libraries"]["starlette"] == "1.7.0"
    assert info["libraries"]["uvicorn"] == "0.54.0"
    assert info["libraries"]["httptools"] == "0.9.0"
    assert info["http_tiers"] == ["handler", "framework", "server", "server-caller"]
    # Both apps are code of their own here: the as-written login is async def at cost 12.
    from crossbench_py import web
    assert info["http_apps"] == list(web.APPS)
    assert info["libraries"]["rfc8785"] == "0.1.4"
    assert info["libraries"]["orjson"] == "3.13.0"
    assert info["libraries"]["msgspec"] == "0.22.0"
    assert info["libraries"]["json"] == ".".join(map(str, sys.version_info[:3]))
    assert info["json_libraries"] == {
        "usual": {"tree": "json", "bind": "pydantic", "write": "pydantic"},
        "fast": {"tree": "orjson", "bind": "msgspec", "write": "msgspec"},
    }
    named = {name for role in info["json_libraries"].values() for name in role.values()}
    assert named <= set(info["libraries"])
    assert info["prefix"] == sys.prefix
    assert info["interpreter"] == sys._base_executable
    assert info["ops"] == lane.OP_NAMES


def test_fail_raises_runtime_error_with_message():
    with pytest.raises(RuntimeError, match="^boom$"):
        call("fail", b"boom", n=1)


def test_noop_returns_none():
    assert lane.noop() is None


def test_describe_error_has_type_message_and_traceback():
    try:
        call("fail", b"it broke")
    except RuntimeError as exc:
        text = lane.describe_error(exc)
    first, rest = text.split("\n", 1)
    assert first == "RuntimeError: it broke"
    assert rest.startswith("Traceback (most recent call last):")
    assert "ops.py" in rest and rest.endswith("RuntimeError: it broke")


def test_describe_error_qualifies_library_types():
    try:
        call("jwt_verify", b"a.b.c", KEY)
    except Exception as exc:
        text = lane.describe_error(exc)
    assert text.startswith("jwt.exceptions.DecodeError: ")
