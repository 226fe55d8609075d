"""The reading layer: a run folder's files (JMH's results, env.json and its
results format, the catalogue of benchmarks, the lanes, progress, machine load,
native.csv, memory.csv) as plain data. Imports nothing else of compare's."""
