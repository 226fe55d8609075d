#!/usr/bin/env python3
"""The Python lane's ops timed by pyperf, without JNI, on the corpus.

Every benchmark of the suite, named op/variant[/payload] as summary.csv names
them: json/tree/small ... json/bind/large, bcrypt/hash and bcrypt/verify at
cost 10, jwt/sign and jwt/verify, crossing/noop and crossing/echo/0|1024|65536,
and a request through each tier of the web stack (OPS.md, Requests):
request/<tier>/<endpoint> (tiers handler, framework, server, server-caller;
endpoints json, login and items of the equalised app) and
request/<tier>/login-as-written, each one kept request run again and again.
Each calls the function native-py/lane.c calls (crossbench_py.lane, which calls
crossbench_py.ops), on the corpus bytes (checked against corpus/SHA256SUMS).
echo also makes the copy lane.c makes (the caller's bytes into a new bytes
object): that copy is all the Python side of echo does.

Run it with the lane's venv, pyperf's options after it; scripts/native-bench
does, with --processes 6 --values 5 -o FILE (see there why):
    target/venv/bin/python native-py/bench.py --processes 6 --values 5 -o /tmp/py.json
--only NAME times one benchmark (scripts/agreement-recheck uses it).
"""

from __future__ import annotations

import itertools
import os
import sys
import time

# pyperf starts each worker as `python bench.py ...` without our PYTHONPATH.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crossbench_py import corpus, lane  # noqa: E402

BCRYPT_COST = 10  # Bcrypt's default in the suite
ECHO_SIZES = (0, 1024, 65536)
# request/<tier>/<endpoint>: the corpus request of each endpoint.
REQUESTS = {"json": "requests/json.http", "login": "requests/login.http", "items": "requests/items.http"}


def inputs() -> dict:
    """The benchmarks' inputs, every one from the corpus."""
    files = corpus.load()
    return {
        "json": {p: files[p + ".json"] for p in corpus.PAYLOADS},
        "password": files["password"],
        "jwt_claims": files["jwt-claims.json"],
        "jwt_key": files["jwt-key"],
        "requests": {endpoint: files[name] for endpoint, name in REQUESTS.items()},
    }


def _timer(call):
    """A pyperf time_func: `loops` calls of call(), timed with perf_counter."""

    def time_func(loops):
        repeat = itertools.repeat(None, loops)
        start = time.perf_counter()
        for _ in repeat:
            call()
        return time.perf_counter() - start

    return time_func


def benchmarks(data: dict) -> list:
    """(name, setup) pairs; setup() returns the call to time. Setups run only
    in the worker that times them (a bcrypt hash to verify costs ~60 ms)."""
    found = []
    for variant, op in (("tree", lane.json_tree), ("bind", lane.json_bind)):
        for payload, doc in data["json"].items():
            found.append((f"json/{variant}/{payload}", lambda op=op, doc=doc: lambda: op(doc, b"", 0)))
    password, claims, key = data["password"], data["jwt_claims"], data["jwt_key"]

    def verify_setup():
        hashed = lane.bcrypt_hash(password, b"", BCRYPT_COST)
        return lambda: lane.bcrypt_verify(password, hashed, 0)

    def jwt_verify_setup():
        token = lane.jwt_sign(claims, key, 0)
        return lambda: lane.jwt_verify(token, key, 0)

    found += [
        ("bcrypt/hash", lambda: lambda: lane.bcrypt_hash(password, b"", BCRYPT_COST)),
        ("bcrypt/verify", verify_setup),
        ("jwt/sign", lambda: lambda: lane.jwt_sign(claims, key, 0)),
        ("jwt/verify", jwt_verify_setup),
        ("crossing/noop", lambda: lane.noop),
    ]
    for size in ECHO_SIZES:
        source = bytearray(i & 0xFF for i in range(size))  # Crossing's payload: byte i is i
        found.append((f"crossing/echo/{size}", lambda s=source: lambda: lane.echo(bytes(s), b"", 0)))
    return found + request_benchmarks(data["requests"])


def request_benchmarks(requests: dict) -> list:
    """request/<tier>/<endpoint> and request/<tier>/login-as-written: the
    request kept once (http_keep), then served again and again (http_run)."""

    def kept(request: bytes, app: bytes, tier: int):
        def setup():
            handle = int(lane.http_keep(request, app, tier))
            return lambda: lane.http_run(b"", b"", handle)

        return setup

    found = []
    for tier, name in enumerate(lane.HTTP_TIERS):
        for endpoint, request in requests.items():
            found.append((f"request/{name}/{endpoint}", kept(request, b"equalised", tier)))
        found.append((f"request/{name}/login-as-written", kept(requests["login"], b"as-written", tier)))
    return found


class _Lazy:
    """A pyperf time_func whose setup runs on its first call (in the worker)."""

    def __init__(self, setup):
        self.setup = setup
        self.time_func = None

    def __call__(self, loops):
        if self.time_func is None:
            self.time_func = _timer(self.setup())
        return self.time_func(loops)


def main() -> None:
    import pyperf

    def pass_only(cmd, args):  # pyperf starts its workers with these arguments
        if args.only:
            cmd.extend(["--only", args.only])

    runner = pyperf.Runner(add_cmdline_args=pass_only)
    runner.argparser.add_argument("--only", metavar="NAME", help="time only this benchmark, e.g. json/tree/large")
    args = runner.parse_args()
    runner.metadata["description"] = "crossbench Python lane, native (pyperf), corpus/"
    chosen = [(name, setup) for name, setup in benchmarks(inputs()) if not args.only or name == args.only]
    if not chosen:
        raise SystemExit(f"bench.py: no benchmark named {args.only}")
    for name, setup in chosen:
        runner.bench_time_func(name, _Lazy(setup))


if __name__ == "__main__":
    main()
