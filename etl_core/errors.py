"""Errors an analyst can cause, each with a message that says what to do.

    SluiceError                  base: str(error) is what a page shows
    ├── InputError               the data itself cannot be read
    │   ├── EmptyFileError
    │   ├── UnreadableFileError  binary, corrupt, wrongly encoded, malformed
    │   ├── FileTooLargeError    also an endpoint's answer over its limit
    │   ├── UnsupportedFormatError
    │   └── RequestRefusedError  an endpoint address, redirect or header Sluice will not request
    ├── ConnectionFailedError    a database or HTTP endpoint did not answer usefully
    ├── NotFoundError            a data source (or other record) that does not exist
    ├── ConflictError            a name already taken, an operation not allowed now
    └── PipelineError            a pipeline spec or run problem; names the step when known
        ├── SpecError            malformed spec: unknown step type, missing or wrong field
        ├── ColumnNotFoundError  a step names a column the data does not have
        ├── ExpressionError      an expression that does not parse or uses what is not allowed
        ├── TypeMismatchError    a value or column of the wrong type for the operation
        ├── DataValidationError  a validate step's rule failed (on_failure: fail)
        ├── OutputError          an output cannot be written where or how asked
        └── RunStoppedError      timed out, or refused (already running)
            └── RunCancelledError  someone pressed stop

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
    """The file, or a JSON endpoint's answer, is over its configured size limit."""


class UnsupportedFormatError(InputError):
    """The file's type is not one Sluice reads."""


class RequestRefusedError(InputError):
    """A JSON endpoint, or a redirect from it, leads inside the network, or a header has no place in the request."""


class ConnectionFailedError(SluiceError):
    """A database URL or HTTP endpoint could not be reached or gave no usable data."""


class NotFoundError(SluiceError):
    """The thing asked for does not exist (any more)."""


class ConflictError(SluiceError):
    """The request clashes with what is stored, e.g. a name already in use."""


class PipelineError(SluiceError):
    """A problem with a pipeline or its run; ``step`` is the 1-based position when known."""

    def __init__(self, message: str, *, hint: str | None = None, step: int | None = None,
                 step_type: str | None = None) -> None:
        self.step, self.step_type = step, step_type
        where = f"Step {step} ({step_type}): " if step is not None else ""
        super().__init__(where + message, hint=hint)
        self.bare_message = message

    def at_step(self, step: int, step_type: str) -> PipelineError:
        """The same error, told with the step it happened in."""
        if self.step is not None:
            return self
        located = type(self).__new__(type(self))
        PipelineError.__init__(located, self.bare_message, hint=self.hint, step=step, step_type=step_type)
        return located


class SpecError(PipelineError):
    """The pipeline spec is malformed."""


class ColumnNotFoundError(PipelineError):
    """A step names a column the data does not have."""


class ExpressionError(PipelineError):
    """An expression does not parse, or uses something not on the allow-list."""


class TypeMismatchError(PipelineError):
    """A column or value has the wrong type for what a step does with it."""


class DataValidationError(PipelineError):
    """A validate step's rule failed and the step says to fail the run."""


class OutputError(PipelineError):
    """An output cannot be written where or how the spec asks."""


class RunStoppedError(PipelineError):
    """A run was cancelled, ran past its time limit, or was refused."""


class RunCancelledError(RunStoppedError):
    """A run was stopped on request."""
