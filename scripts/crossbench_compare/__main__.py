"""Command line: `compare RUN_DIR` writes summary.csv, report.md and charts/ into
RUN_DIR; `compare OLD_RUN NEW_RUN` prints a benchstat-style comparison.
Exit codes: 0 done, 1 bad or missing input (one line on stderr), 2 wrong usage."""

import argparse
import os
import sys

from .load import CompareError, load_results, load_run
from .summary import make_rows, write_csv


def summarise(run_dir):
    # Imported here so the two-run comparison does not pay for matplotlib.
    from .charts import make_charts
    from .report import make_report
    run = load_run(run_dir)
    rows = make_rows(run.results, run.env)
    write_csv(rows, os.path.join(run_dir, "summary.csv"))
    charts = make_charts(rows, os.path.join(run_dir, "charts"))
    with open(os.path.join(run_dir, "report.md"), "w", encoding="utf-8") as f:
        f.write(make_report(run, rows, charts))
    return run, rows


def diff_text(old_dir, new_dir):
    from .diff import compare
    old = make_rows(load_results(old_dir), None)
    new = make_rows(load_results(new_dir), None)
    name = lambda d: os.path.basename(os.path.normpath(d))  # noqa: E731
    return "\n".join(compare(old, new, name(old_dir), name(new_dir))) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="compare",
        usage="compare RUN_DIR | compare OLD_RUN NEW_RUN",
        description="RUN_DIR: write summary.csv, report.md and charts/ into it. "
                    "OLD_RUN NEW_RUN: print what changed between two runs.")
    parser.add_argument("runs", nargs="+", metavar="RUN_DIR", help="results/<yyyy-MM-dd-HHmmss> directories")
    args = parser.parse_args(argv)
    if len(args.runs) > 2:
        parser.error("give one run directory, or two to compare")
    try:
        if len(args.runs) == 1:
            run, rows = summarise(args.runs[0])
            print(f"compare: {len(rows)} rows -> {os.path.join(args.runs[0], 'report.md')}")
        else:
            sys.stdout.write(diff_text(*args.runs))
    except CompareError as e:
        print(f"compare: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
