"""crossbench's Python lane: the ops of OPS.md as plain functions (ops) and the
bytes-in, bytes-out adapter that the embedding C glue calls (lane)."""
