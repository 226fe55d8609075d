"""The committed corpus (corpus/ at the repository root): the inputs JMH,
go test -bench and the pyperf harness all read, each checked against
corpus/SHA256SUMS when loaded, so every harness measures the same bytes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
FILES = ("small.json", "medium.json", "large.json", "jwt-claims.json", "jwt-key", "password")
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
