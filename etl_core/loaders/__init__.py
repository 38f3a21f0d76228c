"""A file, database query or JSON endpoint -> a Polars frame with its types found.

``read_file`` sniffs and reads a file (lazily where the format allows), finds dates and
numbers written as text, and returns the frame with the options it resolved, so a
source can be read again the same way. ``write_parquet`` materialises it once.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import polars as pl

from etl_core.errors import EmptyFileError, UnreadableFileError, UnsupportedFormatError
from etl_core.inference import apply_types, infer
from etl_core.loaders.csv_reader import INFERENCE_ROWS as CSV_INFERENCE_ROWS
from etl_core.loaders.csv_reader import read_csv
from etl_core.loaders.excel_reader import list_sheets, read_excel
from etl_core.loaders.json_reader import read_json_bytes
from etl_core.loaders.options import DEFAULT_LIMITS, DELIMITERS, ENCODINGS, EXTENSIONS, Format, ReadLimits, ReadOptions
from etl_core.loaders.remote import read_endpoint, read_query

__all__ = [
    "DELIMITERS", "ENCODINGS", "EXTENSIONS", "LoadResult", "ReadLimits", "ReadOptions", "detect_format",
    "list_sheets", "read_endpoint", "read_file", "read_frame", "read_query", "materialise", "Written",
]
INFERENCE_ROWS = 2000
IN_MEMORY_BYTES = 512 * 1024 * 1024  # larger sources stream to Parquet instead of being collected


@dataclass
class LoadResult:
    """A frame ready to store, the options that reproduce it, and what the reader noticed."""

    frame: pl.LazyFrame
    options: ReadOptions
    notes: list[str] = field(default_factory=list)
    suggestions: dict[str, str] = field(default_factory=dict)  # text columns that look like numbers
    sheets: list[str] = field(default_factory=list)
    size_bytes: int = 0
    # the same frame with types inferred from every row, for when the first rows misled
    full_inference: Callable[[], pl.LazyFrame] | None = None


def detect_format(file_name: str) -> Format:
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(sorted({s.lstrip(".") for s in EXTENSIONS}))
        raise UnsupportedFormatError(f"'{file_name}' is not a file type Sluice reads.",
                                     hint=f"Upload one of: {known}.")
    return EXTENSIONS[suffix]


def read_file(path: Path, options: ReadOptions | None = None, file_name: str | None = None,
              limits: ReadLimits = DEFAULT_LIMITS) -> LoadResult:
    """Read a stored file with the given options, detecting whatever they leave open, within ``limits``."""
    file_name = file_name or path.name
    options = options or ReadOptions()
    fmt = options.format or detect_format(file_name)
    options = options.merged(format=fmt)
    if path.stat().st_size == 0:
        raise EmptyFileError(f"'{file_name}' is empty (0 bytes).", hint="Export the data again and upload the new file.")
    notes: list[str] = []
    sheets: list[str] = []
    full_inference = None
    if fmt in ("csv", "tsv"):
        scan, options, notes = read_csv(path, options, file_name, limits)
        lazy = scan(CSV_INFERENCE_ROWS)
        full_inference = lambda: scan(None)  # noqa: E731
    elif fmt == "excel":
        eager, options, notes, sheets = read_excel(path, options, file_name, limits)
        lazy = eager.lazy()
    elif fmt == "json":
        eager, options, notes = read_json_bytes(path.read_bytes(), options, file_name, limits)
        lazy = eager.lazy()
    else:
        lazy = _scan_parquet(path, file_name, limits.max_columns)
    result = read_frame(lazy, options, file_name, notes=notes, sheets=sheets)
    result.size_bytes = path.stat().st_size
    if full_inference is not None:
        typed = result.options
        result.full_inference = lambda: apply_types(full_inference(), typed.number_columns, typed.date_formats)
    return result


def read_frame(lazy: pl.LazyFrame, options: ReadOptions, file_name: str, *,
               notes: list[str] | None = None, sheets: list[str] | None = None) -> LoadResult:
    """Find text dates and numbers in a frame's first rows and apply what was found or chosen."""
    sample = collect(lazy.head(INFERENCE_ROWS), file_name)
    if sample.height == 0:
        what = "column names but no rows" if sample.width else "no rows"
        raise EmptyFileError(f"'{file_name}' has {what} of data.", hint="Export the data again with its rows.")
    found = infer(sample, skip=options.text_columns)
    numbers = {**found.numbers, **options.number_columns}
    dates = {**found.date_formats, **options.date_formats}
    for column in options.text_columns:
        numbers.pop(column, None)
        dates.pop(column, None)
    suggestions = {c: s for c, s in found.suggestions.items() if c not in numbers}
    resolved = options.merged(number_columns=numbers, date_formats=dates)
    return LoadResult(apply_types(lazy, numbers, dates), resolved, (notes or []) + found.notes,
                      suggestions, sheets or [])


@dataclass
class Written:
    """What writing the copy left at hand: every row (most sources), or a summary computed as they streamed."""

    frame: pl.DataFrame | None = None
    summary: dict[str, Any] | None = None


def materialise(result: LoadResult, target: Path, file_name: str,
                summarise: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None) -> Written:
    """Write the Parquet copy (temporary name, then rename: never a half file).

    Returns the frame when it was collected in memory (most sources), so it can be profiled
    without reading the copy back. Large sources stream to the file instead; ``summarise``
    (a one-row select) is then computed in the same pass over the rows.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    # one name per call: two threads writing the same copy must not share a temporary file
    partial = target.with_name(f".{target.name}.{secrets.token_hex(8)}.partial")
    try:
        written = Written()
        if result.size_bytes > IN_MEMORY_BYTES:
            def stream(lazy: pl.LazyFrame) -> None:
                sink = lazy.sink_parquet(partial, compression="snappy", lazy=True)
                done = pl.collect_all([sink, summarise(lazy)] if summarise else [sink])
                written.summary = done[1].row(0, named=True) if summarise else None
            _with_fallback(result, file_name, stream)
        else:
            written.frame = _with_fallback(result, file_name, lambda lazy: lazy.collect())
            written.frame.write_parquet(partial, compression="snappy")  # fast to write and to read back
        partial.replace(target)
        return written
    finally:
        partial.unlink(missing_ok=True)


def _with_fallback(result: LoadResult, file_name: str, action: Callable[[pl.LazyFrame], pl.DataFrame | None]):
    try:
        return action(result.frame)
    except pl.exceptions.PolarsError as exc:
        if result.full_inference is None or "could not parse" not in str(exc):
            raise _translate(exc, file_name) from exc
    try:  # a value past the first rows did not fit the inferred type: infer from every row
        return action(result.full_inference())
    except pl.exceptions.PolarsError as exc:
        raise _translate(exc, file_name) from exc


def collect(lazy: pl.LazyFrame, file_name: str) -> pl.DataFrame:
    """Collect, turning Polars' parse errors into messages about the file."""
    try:
        return lazy.collect()
    except pl.exceptions.PolarsError as exc:
        raise _translate(exc, file_name) from exc


def _scan_parquet(path: Path, file_name: str, max_columns: int) -> pl.LazyFrame:
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(-4, os.SEEK_END)
        tail = handle.read(4)
    if head != b"PAR1" or tail != b"PAR1":
        raise UnreadableFileError(f"'{file_name}' is not a valid Parquet file (it is damaged or cut short).",
                                  hint="Write the Parquet file again and upload it.")
    lazy = pl.scan_parquet(path)
    collect(lazy.head(1), file_name)  # reads the footer: catches corrupt metadata now
    width = len(lazy.collect_schema())
    if width > max_columns:
        raise UnreadableFileError(f"'{file_name}' has {width:,} columns; Sluice reads up to {max_columns:,}.",
                                  hint="Write fewer columns to the file; the owner can raise SLUICE_MAX_COLUMNS.")
    return lazy


def _translate(exc: pl.exceptions.PolarsError, file_name: str) -> UnreadableFileError:
    message = str(exc).splitlines()[0]
    if "more fields than defined" in message:
        return UnreadableFileError(
            f"Some rows of '{file_name}' have more fields than the header.",
            hint="Check the delimiter in the reader options, or turn on 'Allow ragged rows' to drop the extra fields.",
        )
    if "invalid utf-8" in message.lower() or "utf8" in message.lower():
        return UnreadableFileError(f"'{file_name}' is not valid UTF-8 text.",
                                   hint="Choose its encoding in the reader options, such as cp1252 (Western European).")
    if "could not parse" in message:
        return UnreadableFileError(f"A value in '{file_name}' does not fit its column's type: {message}",
                                   hint="Mark that column as text in the reader options.")
    return UnreadableFileError(f"'{file_name}' could not be read: {message}",
                               hint="Check the file, or try other reader options.")
