"""Benchmarks and probes behind `tidemark bench`: each measures a goal against a baseline taken in
the same run. A leaf: no production package imports it."""
