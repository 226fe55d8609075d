"""Running a harness's processes: the environment they get, their output echoed
as progress and kept in a log, and one error type for a harness that fails."""

import os
import subprocess

from crossbench_compare.reading.errors import one_line


class HarnessError(Exception):
    """A harness failed, or printed what cannot be read; shown as one line (exit 1)."""


def os_error(e):
    """An OSError in words, its file's name as it is (str() of one shows the name's repr)."""
    return f"{os.fsdecode(e.filename)}: {e.strerror}" if e.filename is not None else str(e)


def child_env():
    """The environment of every harness process: no libjsig (it is for JVMs), and Go's
    scheduler sized as scripts/crossbench sizes it (the CPUs this process may use) unless set."""
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    env.setdefault("GOMAXPROCS", str(len(os.sched_getaffinity(0))))
    return env


def _decode(data):
    # Harness output is meant to be UTF-8; other bytes are kept (as surrogates) to be escaped when shown.
    return data.decode("utf-8", errors="surrogateescape")


def _keep(text, log_path):
    with open(log_path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)


def stream(cmd, cwd, env, log_path, prefix):
    """Runs cmd, echoing its output lines with a prefix (the progress) and keeping them in
    log_path; returns the output. HarnessError if it exits with an error."""
    lines = []
    with subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        for raw in proc.stdout:
            line = _decode(raw)
            lines.append(line)
            print(f"  {prefix} {one_line(line.rstrip())}", flush=True)
        code = proc.wait()
    text = "".join(lines)
    _keep(text, log_path)
    if code != 0:
        raise HarnessError(f"{' '.join(cmd)} exited {code} (output in {log_path})")
    return text


def run(cmd, cwd, env, log_path):
    """Runs cmd to its end, its output kept in log_path; returns its stdout.
    HarnessError if it exits with an error."""
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    out = _decode(proc.stdout)
    _keep(out + _decode(proc.stderr), log_path)
    if proc.returncode != 0:
        raise HarnessError(f"{' '.join(cmd)} exited {proc.returncode} (output in {log_path})")
    return out
