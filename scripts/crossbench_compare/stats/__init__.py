"""The statistics layer: the hierarchical bootstrap and the spread of raw
data, on plain lists and arrays. Imports nothing else of compare's."""
