"""Importers: one module per source format, auto-detection, and the import command.

Parsers return normalised frames (shares, yuan, canonical symbols, 'YYYY-MM-DD', 'HH:MM' slots) and
never touch SQL; ``runner`` writes them in one transaction (``sink``). Errors are ``IngestError``:
``FILE:LINE: field X: problem``.
"""

from app.ingest.errors import IngestError

__all__ = ["IngestError", "run_import", "main_import", "ImportSummary"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]  # lazy: importing errors stays cheap
    if name in ("run_import", "main_import", "ImportSummary"):
        from app.ingest import runner

        return getattr(runner, name)
    raise AttributeError(name)
