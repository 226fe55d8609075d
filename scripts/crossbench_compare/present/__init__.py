"""The presentation layer: report.md and its sections, summary.csv, claims.json,
the charts, and the two-run comparison, from the rows and the run they came
from. May import every other layer; nothing imports it but the command line."""
