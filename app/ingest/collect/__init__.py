"""``tidemark collect``: records real sessions minute by minute (akshare or a recorded replay)."""
