"""JSON: an array of records, NDJSON, or an object holding an array; nesting flattened."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import Any

import polars as pl

from etl_core.errors import EmptyFileError, UnreadableFileError
from etl_core.loaders.columns import flatten_nested
from etl_core.loaders.options import DEFAULT_LIMITS, ReadLimits, ReadOptions
from etl_core.loaders.text import decode, detect_encoding

_RECORD_KEYS = ("data", "records", "items", "results", "rows", "value", "values")
_SHAPE_HINT = ("Sluice reads an array of records ([{...}, {...}]), one object per line (NDJSON), "
               "or an object holding such an array.")


def _check_depth(text: str, file_name: str, limit: int) -> None:
    """Refuse JSON nested deeper than ``limit`` before parsing it, in C-speed passes: strings removed, then
    brackets counted (800 levels took 66 s and 6.7 GB to flatten)."""
    import numpy as np

    brackets = re.sub(r'[^\[\]{}]', "", re.sub(r'"(?:[^"\\]|\\.)*"', "", text)).encode()
    if not brackets:
        return
    steps = np.frombuffer(brackets, dtype=np.uint8)
    depth = np.cumsum(np.where((steps == ord("[")) | (steps == ord("{")), 1, -1)).max()
    if depth > limit:
        raise UnreadableFileError(f"'{file_name}' is nested {depth} levels deep; Sluice reads JSON up to "
                                  f"{limit} levels.", hint="Export the records flatter, or pick the array of "
                                  "records with the records path option; the owner can raise SLUICE_JSON_MAX_DEPTH.")


def _check_columns(records: Iterable[Any], file_name: str, limit: int) -> None:
    """Refuse records that flatten to more than ``limit`` columns before a frame is made of them (one record
    of 100,000 keys, 1.3 MB, took 3 GB): the distinct dotted paths to a value, counted until past the limit."""
    paths: set[str] = set()
    for record in records:
        if isinstance(record, dict):
            _add_paths(record, "", paths)
        if len(paths) > limit:
            raise UnreadableFileError(f"'{file_name}' has more than {limit:,} columns; Sluice reads up to "
                                      f"{limit:,}.", hint="Pick the array of records with the records path option, "
                                      "or export fewer fields; the owner can raise SLUICE_MAX_COLUMNS.")


def _add_paths(record: dict[str, Any], prefix: str, paths: set[str]) -> None:
    for key, value in record.items():
        if value.__class__ is dict and value:  # flattened to 'key.inner'
            _add_paths(value, f"{prefix}{key}.", paths)
        else:
            paths.add(prefix + key)


def read_json_bytes(data: bytes, options: ReadOptions, file_name: str,
                    limits: ReadLimits = DEFAULT_LIMITS) -> tuple[pl.DataFrame, ReadOptions, list[str]]:
    encoding = options.encoding or detect_encoding(data[:65536])
    text = decode(data, encoding, file_name).lstrip("\ufeff").strip()
    if not text:
        raise EmptyFileError(f"'{file_name}' is empty.", hint="Export the data again and upload the new file.")
    notes: list[str] = []
    records_path = options.records_path
    _check_depth(text, file_name, limits.max_json_depth)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.startswith("{") and exc.msg == "Extra data":
            frame = _read_ndjson(text, file_name, limits.max_columns)
            return _finish(frame, options, encoding, None, notes, file_name)
        raise UnreadableFileError(
            f"'{file_name}' is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            hint="Fix the file or export it again.",
        ) from exc
    if isinstance(document, dict):
        records_path = records_path or _records_key(document)
        if records_path is not None:
            if not isinstance(document.get(records_path), list):
                raise UnreadableFileError(f"'{file_name}' has no array of records under '{records_path}'.",
                                          hint=_SHAPE_HINT)
            notes.append(f"Records read from the key '{records_path}'.")
            document = document[records_path]
        else:
            document = [document]
    if not isinstance(document, list):
        raise UnreadableFileError(
            f"'{file_name}' holds a single {type(document).__name__} ({text[:40]}), not records.",
            hint=_SHAPE_HINT,
        )
    if not document:
        raise EmptyFileError(f"'{file_name}' holds an empty array: there are no records.",
                             hint="Export the data again and upload the new file.")
    if not all(isinstance(item, dict) for item in document):
        if any(isinstance(item, dict | list) for item in document):
            raise UnreadableFileError(f"'{file_name}' mixes records with other values.", hint=_SHAPE_HINT)
        document = [{"value": item} for item in document]
    _check_columns(document, file_name, limits.max_columns)
    frame = _records_frame(document)
    return _finish(frame, options, encoding, records_path, notes, file_name)


def _records_key(document: dict[str, Any]) -> str | None:
    arrays = [k for k, v in document.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
    for key in _RECORD_KEYS:
        if key in arrays:
            return key
    return arrays[0] if arrays else None


def _records_frame(records: list[dict[str, Any]]) -> pl.DataFrame:
    try:
        return pl.from_dicts(records, infer_schema_length=None)
    except (pl.exceptions.PolarsError, TypeError, ValueError):
        # mixed types under one key: keep every value, as text
        return pl.from_dicts(records, infer_schema_length=None, strict=False)


def _read_ndjson(text: str, file_name: str, max_columns: int) -> pl.DataFrame:
    broken = UnreadableFileError(f"'{file_name}' looks like NDJSON (one object per line) but a line is not valid JSON.",
                                 hint="Check the file for a broken or truncated line.")
    try:  # line by line, nothing kept: Polars' own schema inference took minutes over 100,000 distinct keys
        _check_columns((json.loads(line) for line in io.StringIO(text) if line.strip()), file_name, max_columns)
        return pl.read_ndjson(io.BytesIO(text.encode("utf-8")), infer_schema_length=None)
    except (json.JSONDecodeError, pl.exceptions.PolarsError) as exc:
        raise broken from exc


def _finish(frame: pl.DataFrame, options: ReadOptions, encoding: str, records_path: str | None,
            notes: list[str], file_name: str) -> tuple[pl.DataFrame, ReadOptions, list[str]]:
    nested = any(isinstance(d, pl.Struct) for d in frame.schema.values())
    frame = flatten_nested(frame)
    if nested:
        notes.append("Nested objects were flattened into dotted column names (e.g. 'customer.city').")
    if frame.width == 0:
        raise EmptyFileError(f"'{file_name}' has records with no fields.", hint=_SHAPE_HINT)
    return frame, options.merged(format="json", encoding=encoding, records_path=records_path), notes
