"""The Python lane's ops as Jep calls them (dev.crossbench.lane.jep.JepCalls):
the same functions lane.c calls, in OP_NAMES order, each taking its inputs as
JepCalls passes them, Latin-1 strs (or None), and encoding them into bytes,
as lane.c makes bytes of the C buffers. Jep has no bytes for a Java byte[]:
it arrives as a jarray without the buffer protocol, whose bytes() copy goes
element by element and refuses the negative ones; a Latin-1 str, one char per
byte, crosses whole and encodes back in one copy. A failure
comes back as the str lane.describe_error makes, not as an exception, so
that every way in names it alike ("Type: message", then the traceback).
"""

from __future__ import annotations

from crossbench_py import lane


def calls() -> list:
    """One callable (a, b, n) -> bytes | str per op, in lane.OP_NAMES order."""
    return [_call(getattr(lane, name)) for name in lane.OP_NAMES]


def _call(op):
    def call(a, b, n):
        try:
            return op(b"" if a is None else a.encode("latin-1"), b"" if b is None else b.encode("latin-1"), n)
        except BaseException as exc:  # noqa: BLE001 - every failure crosses back as its description
            return lane.describe_error(exc)

    return call
