"""The session logic: a stored session's data turned into what a minute shows (no Qt, no SQL)."""
