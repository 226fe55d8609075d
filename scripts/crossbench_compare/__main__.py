"""Command line: `compare RUN_DIR` writes summary.csv, report.md, claims.json and
charts into RUN_DIR; `compare OLD_RUN NEW_RUN` prints a benchstat-style comparison.
Exit codes: 0 done, 1 bad or missing input (one line on stderr), 2 wrong usage."""

import argparse
import os
import sys

from .reading import formats
from .reading.errors import CompareError, one_line
from .reading.run import load_run
from .rows.make import make_rows


def summarise(run_dir):
    # Imported here so the two-run comparison does not pay for matplotlib.
    from .present.charts import make_charts
    from .present.claims_json import claims_json
    from .present.report import make_report
    from .present.summary_csv import write_csv
    from .rows.claims import all_claims
    from .rows.memory import entries
    run = load_run(run_dir)
    rows = make_rows(run.results, run.env, run.load, run.memory, run.forks)
    claims = all_claims(rows, run.memory, run.env)
    write_csv(rows, os.path.join(run_dir, "summary.csv"))
    with open(os.path.join(run_dir, "claims.json"), "w", encoding="utf-8") as f:
        f.write(claims_json(claims, run.name))
    charts = make_charts(rows, claims, os.path.join(run_dir, "charts"), run.env.get("cores"),
                         entries(run.memory, run.env), formats.of(run.env).catalogue.roles, run.native)
    with open(os.path.join(run_dir, "report.md"), "w", encoding="utf-8") as f:
        f.write(make_report(run, rows, claims, charts))
    return run, rows


def diff_text(old_dir, new_dir):
    from .present.diff_text import aa_check, compare, differences
    old, new = load_run(old_dir), load_run(new_dir)
    lines = [f"warning: {d}" for d in differences(old.env, new.env)]
    if lines:
        lines += ["warning: changes below may come from these differences, not from the code", ""]
    old_rows, new_rows = make_rows(old.results, old.env), make_rows(new.results, new.env)
    lines += compare(old_rows, new_rows, old.name, new.name)
    lines += [""] + aa_check(old_rows, new_rows, old.env, new.env, old.name, new.name)
    return "\n".join(lines) + "\n"


def settle_text(run_dir):
    from .present.settle_text import settle_report
    run = load_run(run_dir)
    return "\n".join(settle_report(run.results, formats.of(run.env).catalogue)) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="compare",
        usage="compare RUN_DIR | compare OLD_RUN NEW_RUN | compare --settle RUN_DIR",
        description="RUN_DIR: write summary.csv, report.md, claims.json and charts/ into it. "
                    "OLD_RUN NEW_RUN: print what changed between two runs. "
                    "--settle RUN_DIR: how long each benchmark of a run made without warm-up "
                    "(-wi 0) took to reach steady state.")
    parser.add_argument("--settle", action="store_true", help="print settle times instead of a report")
    parser.add_argument("runs", nargs="+", metavar="RUN_DIR", help="results/<yyyy-MM-dd-HHmmss> directories")
    args = parser.parse_args(argv)
    if len(args.runs) > 2 or (args.settle and len(args.runs) != 1):
        parser.error("give one run directory, or two to compare")
    try:
        if args.settle:
            sys.stdout.write(settle_text(args.runs[0]))
        elif len(args.runs) == 1:
            run, rows = summarise(args.runs[0])
            print(one_line(f"compare: {len(rows)} rows -> {os.path.join(args.runs[0], 'report.md')}"))
            from .present.missing import missing_items
            missing = missing_items(run, rows, formats.of(run.env).catalogue)
            if missing:
                print(one_line(f"compare: the run is missing {len(missing)} item(s) (report.md, Missing), first: "
                               + missing[0].replace("**", "")))
        else:
            sys.stdout.write(diff_text(*args.runs))
    except CompareError as e:
        print(f"compare: {one_line(e)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
