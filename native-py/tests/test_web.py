"""web.py: the users store, the apps' two logins, the endpoints' work as plain
calls (the handler tier), and what importing the stack costs the lane."""

import asyncio
import json
import subprocess
import sys

import pytest

from crossbench_py import corpus, ops, web

FILES = corpus.load()
PASSWORD = FILES["password"].decode("utf-8")


@pytest.fixture(scope="module", params=web.APPS)
def store(request):
    return web.load_store(request.param)


def login_body(email="user42@example.com", password=PASSWORD) -> bytes:
    return json.dumps({"email": email, "password": password}).encode()


def test_the_store_holds_users_1_to_1000_sharing_the_apps_hash(store):
    assert len(store.users) == 1000
    assert store.users["user1@example.com"].id == 1
    assert store.users["user1000@example.com"].id == 1000
    assert "user0@example.com" not in store.users and "user1001@example.com" not in store.users
    assert {user.password_hash for user in store.users.values()} == {store.users["user7@example.com"].password_hash}


def test_each_app_has_its_cost():
    assert web.load_store("equalised").users["user1@example.com"].password_hash == FILES["password-bcrypt-10"]
    assert web.load_store("as-written").users["user1@example.com"].password_hash == FILES["password-bcrypt-12"]
    with pytest.raises(ValueError, match="^no app 'other'; apps: equalised, as-written$"):
        web.load_store("other")


def test_a_stored_hash_of_another_cost_is_refused():
    files = dict(FILES, **{"password-bcrypt-10": FILES["password-bcrypt-12"]})
    with pytest.raises(ValueError, match="has cost 12, not 10"):
        web.Store("equalised", files)


def test_the_items_are_the_corpus_records_bound_once(store):
    assert len(store.items) == ops.json_bind_count(FILES["medium.json"])
    assert all(isinstance(item, ops.User) for item in store.items)
    status, body = web.handle_items(store, "Bearer " + valid_token(store))
    assert status == 200
    assert ops.json_tree_digest(body) == ops.json_bind_digest(FILES["medium.json"])


def valid_token(store) -> str:
    return store.token(store.users["user42@example.com"]).token


def test_login_signs_a_token_of_an_hour_for_the_user(store):
    status, body = web.handle_login(store, login_body())
    assert status == 200
    token = json.loads(body)["token"].encode()
    claims = json.loads(ops.jwt_verify(token, FILES["jwt-key"]))
    assert claims["sub"] == "42"
    assert claims["exp"] - claims["iat"] == 3600


@pytest.mark.parametrize(
    "body,status",
    [
        (login_body(password="incorrect horse"), 401),
        (login_body(email="user1001@example.com"), 401),
        (login_body(email="USER42@example.com"), 401),
        (b'{"email":', 400),
        (b'["user42@example.com"]', 400),
        (b'{"email":"user42@example.com"}', 400),
        (b'{"email":"user42@example.com","password":"pw","admin":true}', 400),
        (b'{"email":"user42@example.com","password":42}', 400),
        (b'{"email":"user42@example.com","password":"\xff\xfe"}', 400),
        (login_body(password="x" * 73), 400),
        (login_body(password="\u00e9" * 37), 400),  # 37 characters, 74 bytes
        (login_body(password=""), 400),
    ],
)
def test_login_refuses(body, status):
    store = web.load_store("equalised")
    assert web.handle_login(store, body) == (status, web.UNAUTHORIZED if status == 401 else web.BAD_REQUEST)


def test_a_password_of_72_bytes_is_checked_not_refused():
    store = web.load_store("equalised")
    assert web.handle_login(store, login_body(password="\u00e9" * 36)) == (401, web.UNAUTHORIZED)


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjQyOnB3", "Token abc", "Bearer abc.def", "Bearer a.b.c"],
)
def test_items_refuse_without_a_token_that_verifies(authorization):
    store = web.load_store("equalised")
    assert web.handle_items(store, authorization) == (401, web.UNAUTHORIZED)


def test_items_refuse_a_token_without_exp_or_of_another_key():
    store = web.load_store("equalised")
    no_exp = ops.jwt_sign(b'{"sub":"42"}', store.key)
    other_key = ops.jwt_sign(b'{"sub":"42","exp":4102444800}', b"another key of 32 bytes, or so..")
    for token in (no_exp, other_key):
        assert web.handle_items(store, "Bearer " + token) == (401, web.UNAUTHORIZED)
    assert web.handle_items(store, "bearer " + valid_token(store))[0] == 200  # the scheme is case-insensitive


def test_json_is_techempowers_message():
    assert web.handle_json(web.load_store("equalised")) == (200, b'{"message":"Hello, World!"}')


def test_the_handler_tier_has_no_routing():
    store = web.load_store("equalised")
    assert web.handler(store, "GET", "/json", {}, b"")() == web.handle_json(store)
    with pytest.raises(ValueError, match="no endpoint DELETE /json in the handler tier"):
        web.handler(store, "DELETE", "/json", {}, b"")


def test_the_error_bodies_are_what_starlette_writes_for_them():
    assert web._bad_request().body == web.BAD_REQUEST
    assert web._unauthorized().body == web.UNAUTHORIZED


def test_the_logins_as_the_contract_declares_them():
    # equalised: def, which Starlette runs in its thread pool; as-written: async def, on the event loop.
    for app, on_the_loop in (("equalised", False), ("as-written", True)):
        api = web.build_app(app, web.load_store(app))
        (login,) = [route for route in api.routes if getattr(route, "path", None) == "/auth/login"]
        assert asyncio.iscoroutinefunction(login.endpoint) is on_the_loop, app
        assert login.methods == {"POST"}


STACK = ("fastapi", "starlette", "uvicorn", "httptools", "anyio")


def test_the_stack_is_imported_by_the_first_http_op_only():
    # A fresh interpreter, as a JMH fork starts the lane: counts the modules the
    # lane imports, then those the first http op adds.
    script = (
        "import sys\n"
        "from crossbench_py import lane\n"
        f"stack = {STACK!r}\n"
        "assert not [m for m in stack if m in sys.modules], 'the lane imported the web stack at start'\n"
        "before = len(sys.modules)\n"
        "from crossbench_py import corpus\n"
        "lane.http_run(b'', b'', int(lane.http_keep(corpus.load()['requests/json.http'], b'equalised', 0)))\n"
        "assert all(m in sys.modules for m in stack)\n"
        "print(before, len(sys.modules) - before)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=web.corpus.CORPUS_DIR.parent / "native-py",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    at_start, added = map(int, done.stdout.split())
    print(f"the lane imports {at_start} modules; the first http op adds {added}")
    assert added > 100  # FastAPI, Starlette, uvicorn, AnyIO, httptools and what they import
