"""The Python lane's web stack (OPS.md, Requests): the FastAPI app of the three
endpoints, and the same endpoints' work as plain calls (the handler tier).

Two versions of the app differ only in the login (OPS.md, "Two versions of the
login"): "equalised" declares it `def`, so Starlette runs it in its thread pool,
and its users share the cost-10 hash; "as-written" declares it `async def` with
bcrypt.checkpw inline, which holds the event loop for the whole hash, as the
articles' code does, and its users share the cost-12 hash (pyca's gensalt() default).

The libraries are the lane's own: pydantic binds and writes (the /items records
are bound once, with ops.json_bind, and kept), pyca bcrypt verifies, PyJWT signs
and verifies, through ops' checks where they apply (the password's bounds, the
stored hash's format, OPS.md's token rules).

Importing this module imports FastAPI and Starlette (see lane.py: the http ops
import it on first use, so forks that time other ops never pay for it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Any, Callable

import bcrypt
import jwt
from fastapi import FastAPI, Header
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, field_validator
from starlette.exceptions import HTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.requests import Request

from crossbench_py import corpus, ops

APPS = ("equalised", "as-written")
USERS = 1000  # users 1..USERS, user N is userN@example.com (OPS.md, "The users")
MAX_BODY_BYTES = 1 << 20  # a longer body is 413
TOKEN_SECONDS = 3600  # a login's token: exp = iat + TOKEN_SECONDS
JSON = "application/json"
# The error bodies every lane writes, byte for byte (Starlette's JSONResponse
# writes the same bytes for the dicts below).
BAD_REQUEST = b'{"error":"bad request"}'
UNAUTHORIZED = b'{"error":"unauthorized"}'

# app -> the corpus file of its users' hash, and that hash's cost.
_STORED_HASH = {"equalised": ("password-bcrypt-10", 10), "as-written": ("password-bcrypt-12", 12)}


class Message(BaseModel):
    """GET /json's answer (TechEmpower's JSON test)."""

    message: str


HELLO = "Hello, World!"


class LoginBody(BaseModel):
    """POST /auth/login's body: exactly these two strings; anything else is 400."""

    model_config = ConfigDict(extra="forbid")

    email: str
    password: str

    @field_validator("password")
    @classmethod
    def _bcrypt_takes_it(cls, password: str) -> str:
        ops.check_bcrypt_password(password.encode("utf-8"))  # 1..72 bytes of UTF-8
        return password


class Token(BaseModel):
    """POST /auth/login's answer."""

    token: str


# The handler tier writes with the adapters FastAPI builds from the same response models.
_MESSAGE = TypeAdapter(Message)
_TOKEN = TypeAdapter(Token)


@dataclass(frozen=True)
class User:
    id: int
    email: str
    password_hash: bytes


class Store:
    """One app's data, built once: the users (an in-memory map, the stand-in
    for a database), the HMAC key and the /items records."""

    def __init__(self, app: str, files: dict[str, bytes]) -> None:
        name, cost = _STORED_HASH[app]
        hashed = files[name]
        ops.check_bcrypt_hash(hashed)
        if int(hashed[4:6]) != cost:
            raise ValueError(f"corpus/{name} has cost {hashed[4:6].decode()}, not {cost}")
        # Every user shares the hash, so bcrypt costs the same whoever logs in.
        self.users = {
            f"user{n}@example.com": User(n, f"user{n}@example.com", hashed) for n in range(1, USERS + 1)
        }
        self.key = files["jwt-key"]
        self.items = ops.json_bind(files["medium.json"], 0)  # pydantic, bound once and kept

    def authenticate(self, body: LoginBody) -> User | None:
        """The user whose email and password these are; None for an unknown user or a wrong password."""
        user = self.users.get(body.email)
        if user is None or not bcrypt.checkpw(body.password.encode("utf-8"), user.password_hash):
            return None
        return user

    def token(self, user: User) -> Token:
        now = int(time.time())
        claims = {"sub": str(user.id), "iat": now, "exp": now + TOKEN_SECONDS}
        return Token(token=jwt.encode(claims, self.key, algorithm=ops.JWT_ALGORITHM))

    def bearer_verifies(self, authorization: str | None) -> bool:
        """An Authorization header of `Bearer <token>` whose token verifies (HS256, the key, exp in the future)."""
        if authorization is None:
            return False
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return False
        try:
            ops.jwt_verify_claims(token.encode("latin-1"), self.key, required=("exp",))
        except jwt.InvalidTokenError:
            return False
        return True


def load_store(app: str) -> Store:
    if app not in _STORED_HASH:
        raise ValueError(f"no app '{app}'; apps: {', '.join(APPS)}")
    return Store(app, corpus.load(["password-bcrypt-10", "password-bcrypt-12", "jwt-key", "medium.json"]))


# --- the FastAPI app ------------------------------------------------------------------


def _unauthorized() -> JSONResponse:
    return JSONResponse({"error": "unauthorized"}, status_code=401)


def _bad_request() -> JSONResponse:
    return JSONResponse({"error": "bad request"}, status_code=400)


async def _invalid_body(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI answers a body that does not validate with 422 and the errors; OPS.md asks for 400."""
    return _bad_request()


async def _http_error(request: Request, exc: Exception) -> Any:
    """FastAPI's own answer (404, 405, 413), except its 400 for a body it cannot
    decode (not UTF-8), which OPS.md's login answers with its 400 body."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400:
        return _bad_request()
    return await http_exception_handler(request, exc)


def build_app(app: str, store: Store) -> FastAPI:
    """The FastAPI app of OPS.md's endpoints, FastAPI's defaults otherwise."""
    api = FastAPI(exception_handlers={RequestValidationError: _invalid_body, HTTPException: _http_error})
    # Starlette's own body limit (FastAPI does not pass Starlette's max_body_size on).
    api.add_middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES)

    @api.get("/json", response_model=Message)
    async def hello() -> Message:
        return Message(message=HELLO)

    def login(body: LoginBody) -> Any:
        user = store.authenticate(body)
        return _unauthorized() if user is None else store.token(user)

    if app == "as-written":

        @api.post("/auth/login", response_model=Token)
        async def login_on_the_loop(body: LoginBody) -> Any:
            return login(body)  # bcrypt.checkpw runs here, on the event loop

    else:

        @api.post("/auth/login", response_model=Token)
        def login_in_the_thread_pool(body: LoginBody) -> Any:
            return login(body)  # Starlette runs a def endpoint in its thread pool

    @api.get("/items", response_model=list[ops.User])
    async def items(authorization: Annotated[str | None, Header()] = None) -> Any:
        if not store.bearer_verifies(authorization):
            return _unauthorized()
        return store.items

    return api


# --- the handler tier: each endpoint's work as plain calls -------------------------------

# (status, body); every body is JSON.
Answer = tuple[int, bytes]


def handle_json(store: Store) -> Answer:
    return 200, _MESSAGE.dump_json(Message(message=HELLO))


def handle_login(store: Store, body: bytes) -> Answer:
    try:
        login = LoginBody.model_validate_json(body)
    except ValidationError:
        return 400, BAD_REQUEST
    user = store.authenticate(login)
    if user is None:
        return 401, UNAUTHORIZED
    return 200, _TOKEN.dump_json(store.token(user))


def handle_items(store: Store, authorization: str | None) -> Answer:
    if not store.bearer_verifies(authorization):
        return 401, UNAUTHORIZED
    return 200, ops.json_write_records(store.items, 0)


def handler(store: Store, method: str, path: str, headers: dict[str, str], body: bytes) -> Callable[[], Answer]:
    """The call that does the work of the endpoint at method and path, its
    inputs taken from the request now; the handler tier has no routing, so
    another endpoint is an error."""
    if (method, path) == ("GET", "/json"):
        return lambda: handle_json(store)
    if (method, path) == ("POST", "/auth/login"):
        return lambda: handle_login(store, body)
    if (method, path) == ("GET", "/items"):
        authorization = headers.get("authorization")
        return lambda: handle_items(store, authorization)
    raise ValueError(f"no endpoint {method} {path} in the handler tier (it has no routing: 404 and 405 are the framework's)")
