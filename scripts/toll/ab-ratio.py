#!/usr/bin/env python3
"""ab-ratio.py DIR: per benchmark row, ns/op of A and B (median over pairs) and B/A per pair (median, min..max)."""
import csv, glob, os, statistics as st, sys

d = sys.argv[1]
runs = {}
for f in sorted(glob.glob(os.path.join(d, "[AB]*.csv"))):
    side, pair = os.path.basename(f)[0], os.path.basename(f)[1:-4]
    with open(f) as fh:
        for row in csv.DictReader(fh):
            key = (row["Benchmark"].split(".")[-1], row.get("Param: lane", ""), row.get("Param: size", ""), row["Threads"])
            runs.setdefault(key, {}).setdefault(pair, {})[side] = 1e9 / float(row["Score"])
for key, pairs in sorted(runs.items()):
    both = [(p["A"], p["B"]) for p in pairs.values() if "A" in p and "B" in p]
    if not both:
        continue
    r = [b / a for a, b in both]
    print("%-5s %-7s size=%-6s t=%s  A %8.1f  B %8.1f ns/op  B/A %.3f [%.3f..%.3f] n=%d" % (
        *key, st.median(a for a, _ in both), st.median(b for _, b in both), st.median(r), min(r), max(r), len(r)))
