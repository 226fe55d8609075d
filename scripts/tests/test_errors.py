"""Error lines print as one line whatever they echo: one_line, and each command's use of it."""

import os
import subprocess
import sys

from conftest import HERE
from crossbench_compare.reading.errors import one_line

SCRIPTS = os.path.dirname(HERE)


def test_control_characters_and_bytes_that_are_not_utf8_are_escaped():
    assert one_line("a\nb\tc\r\x00\x1b[31m\x7f") == "a\\x0ab\\x09c\\x0d\\x00\\x1b[31m\\x7f"
    assert one_line(os.fsdecode(b"run-\xff\xfe")) == "run-\\xff\\xfe"      # surrogateescape'd bytes
    assert one_line("\u0085 \u009b") == "\\u0085 \\u009b"                     # C1 controls
    assert one_line("\ud800") == "\\ud800"                                      # any other lone surrogate
    assert one_line("ns/op ± 3% — µs, ⚠") == "ns/op ± 3% — µs, ⚠"           # printable text stays
    assert one_line(ValueError("x\ny")) == "x\\x0ay"


def test_compare_prints_a_bad_path_as_one_escaped_line(tmp_path):
    run_dir = os.fsencode(tmp_path) + b"/bad\nrun\xff"
    os.mkdir(run_dir)
    env = dict(os.environ, PYTHONPATH=SCRIPTS, MPLBACKEND="Agg")
    p = subprocess.run([sys.executable, "-m", "crossbench_compare", os.fsdecode(run_dir)], capture_output=True, env=env)
    assert p.returncode == 1 and p.stderr.count(b"\n") == 1
    assert b"bad\\x0arun\\xff/jmh-result.json" in p.stderr


def test_a_file_that_is_not_utf8_is_a_compare_error_not_a_traceback(tmp_path):
    (tmp_path / "jmh-result.json").write_bytes(b"[\xff]")
    env = dict(os.environ, PYTHONPATH=SCRIPTS, MPLBACKEND="Agg")
    p = subprocess.run([sys.executable, "-m", "crossbench_compare", str(tmp_path)], capture_output=True, env=env)
    assert p.returncode == 1 and p.stderr.count(b"\n") == 1 and b"is not UTF-8: byte 1 is b'\\xff'" in p.stderr
