"""The synthetic demo session (2026-06-02): its market model, the store writer and the live feed.

A leaf: production packages (market, store, ingest, workers, ui, commands) never import it; only the
command line (`tidemark demo`, a first start with no store) and the benchmarks do.
"""
