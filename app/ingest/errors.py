"""The one error an importer raises: it names the file, the line (or TDX record), the field and
the problem.

``str(err)`` is a single line fit for stderr: ``FILE:LINE: field X: problem`` (parts that are not
known are left out: ``FILE: problem``).
"""

from __future__ import annotations

from pathlib import Path


class IngestError(ValueError):
    """Bad input (a ValueError): nothing is written when an import raises this."""

    def __init__(self, file: str | Path | None, line: int | None, field: str | None,
                 message: str) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.message = " ".join(str(message).split())  # always one line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "import"
        if self.line is not None:
            where += f":{self.line}"
        field = f"field {self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}"

    def __reduce__(self):  # type: ignore[no-untyped-def]  # picklable (worker processes)
        return (IngestError, (self.file, self.line, self.field, self.message))
