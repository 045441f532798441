"""The one exception hierarchy of skytally.

    SkytallyError
     ├── DataError (also ValueError)       the ledger's input is not what it should be
     │    ├── LoadError                    a dataset file or row cannot be loaded
     │    ├── TaxonomyError                the taxonomy data file is malformed
     │    ├── NotADatasetError             the file is not the attacks dataset at all
     │    └── ReportParseError             a report text that cannot be read
     ├── TemplateError                     a bulletin template names a figure its context lacks
     ├── FetchError                        the dataset could not be downloaded
     ├── StoreError                        the SQLite store is missing, locked or of another version
     └── NotFoundError (also LookupError)  no attack, row or version answers the question

Every error carries structured fields (`path`, `line`, `field`, `value`, `hint`) and formats
them in `__str__`, so the CLI prints one line that locates the fault and says what to do, and a
rejected row keeps the same message as its reason.
"""

from __future__ import annotations


class SkytallyError(Exception):
    """Root of every error skytally raises on purpose; the CLI turns it into a message and exit 1."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        value: object = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        self.value = value
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        what = f"field '{self.field}': " if self.field is not None else ""
        text = f"{where}{what}{self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


class DataError(SkytallyError, ValueError):
    """Input data (a dataset file, a row, a data file of ours) is not what it should be."""


class LoadError(DataError):
    """A dataset file or one of its rows cannot be loaded."""


class NotADatasetError(LoadError):
    """The file is not the attacks dataset: refused before anything is written."""


class TaxonomyError(DataError):
    """The taxonomy data file is malformed, or a model string is not in it."""


class TemplateError(SkytallyError):
    """A bulletin template uses a figure the context does not give (StrictUndefined caught it)."""


class FetchError(SkytallyError):
    """The dataset could not be downloaded (offline, timeout, HTTP error)."""


class StoreError(SkytallyError):
    """The SQLite store cannot be used (locked, corrupt, or written by a newer skytally)."""


class NotFoundError(SkytallyError, LookupError):
    """No attack, row or version answers the question."""


class ReportParseError(DataError):
    """An Air Force report text is not a report, or could be read only in part."""
