"""crossbench's measuring helpers that run the runtimes' own harnesses: scripts/native-bench
(native.csv) and scripts/agreement-recheck. They read runs through crossbench_compare's
reading and rows layers; crossbench_compare never imports this package."""
