"""crossbench's compare step: raw JMH output -> summary.csv, report.md, charts,
and a benchstat-style comparison of two runs. See scripts/compare."""
