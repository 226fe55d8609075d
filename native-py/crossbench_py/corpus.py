"""The committed corpus (corpus/ at the repository root): the inputs JMH,
go test -bench and the pyperf harness all read, each checked against
corpus/SHA256SUMS when loaded, so every harness measures the same bytes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NamedTuple

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
# The raw HTTP/1.1 requests of OPS.md's Requests, and what each tier must answer.
REQUESTS = tuple(
    f"requests/{name}.http"
    for name in (
        "json", "login", "items", "login-wrong-password", "login-unknown-user", "login-not-json",
        "login-not-object", "login-missing-field", "login-extra-field", "login-wrong-type", "login-not-utf8",
        "login-password-too-long", "items-no-token", "items-not-bearer", "items-other-key", "items-expired",
        "items-malformed-token", "not-found", "wrong-method", "bad-request-line", "oversized-header",
        "duplicate-content-length", "content-length-and-chunked", "bad-chunked", "body-over-limit",
    )
)
EXPECTED = "requests/expected.tsv"
FILES = ("small.json", "medium.json", "large.json", "jwt-claims.json", "jwt-key", "password",
         "password-bcrypt-10", "password-bcrypt-12", EXPECTED, *REQUESTS)
PAYLOADS = ("small", "medium", "large")

_SUM_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")


class CorpusError(Exception):
    """A corpus file is missing, unlisted, or not the bytes SHA256SUMS lists."""


def read_sums(path: Path) -> dict[str, str]:
    """name -> sha256 hex from sha256sum's output ("<hex>  <name>" per line)."""
    sums = {}
    for line in path.read_text(encoding="ascii").splitlines():
        if not line.strip():
            continue
        match = _SUM_LINE.fullmatch(line)
        if not match:
            raise CorpusError(f"{path}: not a sha256sum line: {line!r}")
        sums[match.group(2)] = match.group(1)
    return sums


class Expected(NamedTuple):
    """One line of requests/expected.tsv: a request, the tiers it concerns
    (all, routed or server) and the answer every lane gives (a status, or 4xx-or-close)."""

    request: str  # its file, as FILES names it
    tiers: str
    answer: str

    def concerns(self, tier: str) -> bool:
        """all: every tier; routed (404, 405): the tiers that route; server (HTTP itself is wrong): the server tiers."""
        if self.tiers == "all":
            return True
        if self.tiers == "routed":
            return tier != "handler"
        return tier in ("server", "server-caller")


def expected(directory: Path = CORPUS_DIR) -> list[Expected]:
    """The lines of requests/expected.tsv, checked against SHA256SUMS."""
    text = load([EXPECTED], directory)[EXPECTED].decode("ascii")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, tiers, answer = line.split("\t")
            rows.append(Expected(f"requests/{name}", tiers, answer))
    return rows


def load(names=FILES, directory: Path = CORPUS_DIR) -> dict[str, bytes]:
    """The named files, each checked against SHA256SUMS."""
    sums = read_sums(directory / "SHA256SUMS")
    files = {}
    for name in names:
        if name not in sums:
            raise CorpusError(f"{directory / 'SHA256SUMS'} does not list {name}")
        data = (directory / name).read_bytes()
        got = hashlib.sha256(data).hexdigest()
        if got != sums[name]:
            raise CorpusError(f"{directory / name} has sha256 {got}, but SHA256SUMS says {sums[name]}")
        files[name] = data
    return files
