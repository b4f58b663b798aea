"""SQLite store: schema, read-only queries returning pandas frames, and writers."""
