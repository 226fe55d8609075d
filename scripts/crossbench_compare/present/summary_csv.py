"""summary.csv: every row with its figures, one column per JMH secondary metric."""

import csv
import math

COLUMNS = ["op", "variant", "payload", "params", "lane", "library", "threads", "score", "error", "unit",
           "median", "ci_low", "ci_high", "n", "forks", "extra_forks_reason",
           "ratio_vs_java", "ratio_ci_low", "ratio_ci_high", "ratio_vs_java_interval", "net_of_crossing",
           "payload_bytes", "mb_per_s", "bytes_per_op", "cv", "fork_spread", "warmup_drift", "other_load",
           "unstable", "benchmark"]


def _cell(value, digits=3):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def secondary_columns(rows):
    """JMH's secondary metrics (such as -prof gc's), one column each, in name order."""
    return sorted({name for row in rows for name in row.secondary})


def write_csv(rows, path):
    extra = secondary_columns(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS + extra)
        for row in rows:
            low, high = row.ci
            st = row.stability
            ratio = row.ratio
            w.writerow([
                row.op, row.variant, row.payload, row.params, row.lane, row.library, row.threads,
                _cell(row.score), _cell(row.error), row.unit,
                _cell(row.median), _cell(low), _cell(high),
                _cell(row.estimate.n if row.estimate else None), _cell(row.estimate.forks if row.estimate else None),
                row.extra_forks_reason,
                _cell(ratio.value if ratio else None, 4), _cell(ratio.ci_low if ratio else None, 4),
                _cell(ratio.ci_high if ratio else None, 4), ratio.interval if ratio else "",
                _cell(row.net_of_crossing),
                _cell(row.payload_bytes), _cell(row.mb_per_s), _cell(row.bytes_per_op, 1),
                _cell(st.cv if st else None, 4), _cell(st.fork_spread if st else None, 4),
                _cell(st.drift if st else None, 4), _cell(row.other_load, 3),
                "; ".join(row.unstable), row.benchmark,
            ] + [_cell(row.secondary.get(name)) for name in extra])
