"""The rows layer: JMH results grouped into summary rows (one per benchmark,
params, lane and thread count) with what rows derive from each other: ratios,
time net of the crossing toll, stability marks, scaling pairs, memory entries,
the agreement pairs and the claims' evidence and verdicts. Imports the reading
and statistics layers, never the presentation."""
