"""The statistics layer: medians of fork medians with their t intervals, the
simulated machine that checks them, and the spread of raw data, on plain lists
and arrays. Imports nothing else of compare's."""
