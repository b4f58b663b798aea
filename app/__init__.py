"""Tidemark: review a China A-share trading session from local SQLite snapshots."""

__version__ = "0.1.0"
