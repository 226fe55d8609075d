"""The native lanes, as `scripts/crossbench lanes --config` prints them: one line
each, tab-separated: name, library path, its runtime's own harness, start config
(backslash, newline and tab escaped as \\\\, \\n and \\t). native-bench runs each
lane's harness from this, and hands the same text to the C floor (--lanes FILE)."""

import os
import subprocess
from dataclasses import dataclass

from .process import HarnessError, child_env

_UNESCAPE = {"\\": "\\", "n": "\n", "t": "\t"}


@dataclass(frozen=True)
class NativeLane:
    name: str
    library: str
    harness: str     # go-test, pyperf: the harness native-bench runs for it
    config: str      # what the lane is started with, unescaped


def unescape(text):
    """The start config as the lane gets it: \\\\, \\n and \\t back to a backslash, newline and tab."""
    out, chars = [], iter(text)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            if nxt not in _UNESCAPE:
                raise ValueError(f"\\{nxt} is not an escape lanes --config writes")
            c = _UNESCAPE[nxt]
        out.append(c)
    return "".join(out)


def parse(text, source="scripts/crossbench lanes --config"):
    """The NativeLanes of lanes --config's output; HarnessError naming the line that is not one."""
    lanes = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not all(fields[:3]):
            raise HarnessError(f"{source}, line {number}: expected name, library, harness and config "
                               f"separated by tabs, found {line!r}")
        try:
            config = unescape(fields[3])
        except ValueError as e:
            raise HarnessError(f"{source}, line {number}: {e}") from None
        lanes.append(NativeLane(fields[0], fields[1], fields[2], config))
    if not lanes:
        raise HarnessError(f"{source} lists no native lane")
    return lanes


def read(root):
    """Runs `scripts/crossbench lanes --config` (it starts a JVM but loads no runtime): its text."""
    jar = os.path.join(root, "target", "benchmarks.jar")
    if not os.path.isfile(jar):
        raise HarnessError(f"{jar} is not built, and the lanes come from it: run mvn package")
    cmd = [os.path.join(root, "scripts", "crossbench"), "lanes", "--config"]
    proc = subprocess.run(cmd, cwd=root, env=child_env(), capture_output=True)
    if proc.returncode != 0:
        error = proc.stderr.decode("utf-8", errors="surrogateescape").strip()
        raise HarnessError(f"{' '.join(cmd)} exited {proc.returncode}: {error}")
    return proc.stdout.decode("utf-8", errors="surrogateescape")
