"""Runs the examples of the README and docs/, as benchstat's doc_test.go does.

Every ```console block of the given markdown files is a session: each line
starting with "$ " is a command, run by bash from a sandbox of the
repository, and must exit 0 (or N, when a line "[exit N]" follows its
output). The lines after a command, up to the next, are its expected stdout:
"..." alone stands for any number of lines, "..." within a line for any text;
trailing spaces are ignored. A command with no lines after it is checked for
its exit code alone. ```sh blocks are shown, not run (too slow for a test).

The sandbox links every top-level entry of the repository but results/,
which it copies, so an example that writes a run's report rewrites the copy,
never a published run.

    python3 doc_test.py REPO FILE...
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 600  # seconds per command: the slowest example remakes a whole report


def sessions(path):
    """(line number, [(command, line number, expected lines, exit code)]) per console block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, block, start = [], None, 0
    for number, line in enumerate(lines, 1):
        if block is None:
            if line.strip() == "```console":
                block, start = [], number
            continue
        if line.strip() == "```":
            out.append((start, block))
            block = None
        elif line.startswith("$ "):
            block.append([line[2:], number, [], 0])
        elif block and (m := re.fullmatch(r"\[exit (\d+)\]", line.strip())):
            block[-1][3] = int(m.group(1))
        elif block:
            block[-1][2].append(line)
    if block is not None:
        raise SystemExit(f"{path}:{start}: a console block is not closed")
    return out


def _line_pattern(expected):
    parts = [re.escape(p) for p in expected.rstrip().split("...")]
    return re.compile(".*".join(parts) + r"\Z", re.S)


def matches(expected, actual):
    """Whether the actual lines fit the expected ones ("..." alone: any lines)."""
    actual = [line.rstrip() for line in actual]
    if not expected:
        return True
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and bool(_line_pattern(head).match(actual[0])) and matches(rest, actual[1:])


def sandbox(repo):
    """A folder that looks like the repository, with results/ copied."""
    box = tempfile.mkdtemp(prefix="crossbench-docs-")
    for entry in os.listdir(repo):
        if entry in ("results", ".git"):
            continue
        os.symlink(os.path.join(repo, entry), os.path.join(box, entry))
    shutil.copytree(os.path.join(repo, "results"), os.path.join(box, "results"))
    return box


def printable(text):
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def main(argv):
    repo, files = os.path.abspath(argv[1]), argv[2:]
    box = sandbox(repo)
    failed = total = 0
    try:
        for path in files:
            rel = os.path.relpath(path, repo)
            for start, commands in sessions(path):
                for command, number, expected, code in commands:
                    total += 1
                    began = time.monotonic()
                    proc = subprocess.run(["bash", "-c", command], cwd=box, capture_output=True, text=True,
                                          errors="backslashreplace", timeout=TIMEOUT)
                    took = time.monotonic() - began
                    ok = proc.returncode == code and matches(expected, proc.stdout.split("\n")[:-1] if
                                                             proc.stdout.endswith("\n") else proc.stdout.split("\n"))
                    print(f"doc test: {rel}:{number}: {'ok  ' if ok else 'FAIL'} ({took:.1f} s) $ {command}", flush=True)
                    if not ok:
                        failed += 1
                        print(f"  exit {proc.returncode}, expected {code}")
                        print("  expected stdout:\n" + "\n".join("    " + line for line in expected))
                        print("  stdout:\n" + "\n".join("    " + printable(line) for line in proc.stdout.splitlines()))
                        print("  stderr:\n" + "\n".join("    " + printable(line) for line in proc.stderr.splitlines()))
    finally:
        shutil.rmtree(box, ignore_errors=True)
    print(f"doc test: {total - failed} of {total} examples as documented")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
