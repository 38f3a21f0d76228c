"""Errors an analyst can cause, each with a message that says what to do.

    SluiceError                  base: str(error) is what a page shows
    ├── InputError               the data itself cannot be read
    │   ├── EmptyFileError
    │   ├── UnreadableFileError  binary, corrupt, wrongly encoded, malformed
    │   ├── FileTooLargeError
    │   └── UnsupportedFormatError
    ├── ConnectionFailedError    a database or HTTP endpoint did not answer usefully
    ├── NotFoundError            a data source (or other record) that does not exist
    └── ConflictError            a name already taken, an operation not allowed now

Foreign errors (Polars, OS, database, HTTP) are translated where they enter,
with ``raise ... from exc``; anything else is a bug and is left to surface.
"""

from __future__ import annotations


class SluiceError(Exception):
    """Base of every error a user can cause; the message is written for them."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}" if hint else message)


class InputError(SluiceError):
    """The data given cannot be read as it is."""


class EmptyFileError(InputError):
    """The file has no rows (or no bytes at all)."""


class UnreadableFileError(InputError):
    """The file is binary, corrupt, malformed or in an encoding we cannot decode."""


class FileTooLargeError(InputError):
    """The file is over the configured upload limit."""


class UnsupportedFormatError(InputError):
    """The file's type is not one Sluice reads."""


class ConnectionFailedError(SluiceError):
    """A database URL or HTTP endpoint could not be reached or gave no usable data."""


class NotFoundError(SluiceError):
    """The thing asked for does not exist (any more)."""


class ConflictError(SluiceError):
    """The request clashes with what is stored, e.g. a name already in use."""
