"""crossbench's compare step: a run folder's raw JMH output -> summary.csv,
report.md, claims.json and charts, and a benchstat-style comparison of two runs
(scripts/compare; __main__ is its command line). In layers, each one job,
importing only downwards (tests/test_layers.py checks it):

- reading/: the run folder's files as plain data: JMH's results, env.json and
  its results format (formats.py), the catalogue of what each benchmark
  measures, the lanes, native.csv, memory.csv. Imports none of the others.
- stats/: fork-level intervals, the simulated machine, the spread of raw data,
  settle times.
  Imports none of the others.
- rows/: summary rows and what they derive from each other (ratios, time net
  of the toll, stability marks, scaling pairs, memory entries, agreement
  pairs, the claims judged). Imports reading and stats.
- present/: report.md section by section, summary.csv, claims.json, the
  charts, the two-run comparison and settle times in words. Imports any layer.
"""
