"""Reads a run's text files, any failure as a CompareError naming the file."""

import json

from .errors import CompareError


def read_text(path):
    """The file's text (UTF-8)."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise CompareError(f"{path} is not UTF-8: byte {e.start} is {e.object[e.start:e.start + 1]!r}") from None
    except OSError as e:
        raise CompareError(f"cannot read {path}: {e.strerror}") from None


def read_json(path):
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise CompareError(f"{path} is not valid JSON: {e}") from None
