"""Reads a JSON file of a run, any failure as a CompareError naming it."""

import json

from .errors import CompareError


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise CompareError(f"{path} is not valid JSON: {e}") from None
    except OSError as e:
        raise CompareError(f"cannot read {path}: {e.strerror}") from None
